"""Getting a feed's bytes: over HTTP (httpx) or from a feed folder (a USB stick), within caps.

The network is never trusted: every body is capped, slow or endless transfers
are cut off, redirects may not leave the scheme and host. HTTP goes through a
:class:`Fetcher`; its :meth:`Fetcher._open` is the one override point
(python-tuf's ``FetcherInterface`` is the model), so tests and other transports
plug in without touching the sync logic. All caps are in :class:`SyncLimits`.
What the bytes mean is decided in reader.core.sync.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from reader import __version__
from reader.core.errors import (
    CancelledError,
    DownloadError,
    DownloadTooLargeError,
    FeedError,
    FeedMismatchError,
    RedirectRefusedError,
    SlowDownloadError,
)
from reader.core.feed import (
    FEED_NAME,
    FEED_SIGNATURE_NAME,
    MAX_FEED_BYTES,
    MAX_FEED_SIGNATURE_BYTES,
    FeedEntry,
)

log = logging.getLogger(__name__)


USER_AGENT = f"DTN-Reader/{__version__} (+https://github.com/dtn-reader; feed sync)"
MAX_MIRRORS = 8
MAX_URL_CHARS = 2000
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncLimits:
    """Caps of one sync. Sizes in bytes, times in seconds, rates in bytes per second."""

    max_feed_bytes: int = MAX_FEED_BYTES
    max_signature_bytes: int = MAX_FEED_SIGNATURE_BYTES
    total_deadline_s: float = 3600.0  # the whole sync, every request and bundle together
    min_rate_bytes_per_s: int = 4096  # slower than this over one window is a slow-retrieval attack
    rate_window_s: float = 15.0
    connect_timeout_s: float = 15.0
    read_timeout_s: float = 30.0  # no byte at all for this long ends a transfer
    max_redirects: int = 5
    max_resume_attempts: int = 5  # per bundle, after an interrupted transfer
    chunk_bytes: int = 256 * 1024


# --- transfers ---------------------------------------------------------------------------


class Clock:
    """Total deadline, minimum rate and cancel, checked at every chunk."""

    def __init__(self, limits: SyncLimits, cancel: threading.Event | None = None, now: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.cancel = cancel
        self._now = now
        self.deadline = now() + limits.total_deadline_s

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise CancelledError("sync cancelled")
        if self._now() > self.deadline:
            raise SlowDownloadError(
                f"the sync took longer than its deadline of {self.limits.total_deadline_s:g} seconds",
                code="download-deadline", seconds=self.limits.total_deadline_s,
            )

    def meter(self) -> Callable[[int], None]:
        """A per-transfer callback taking each chunk's size; raises when the rate drops too low."""
        window_start = self._now()
        window_bytes = 0

        def tick(size: int) -> None:
            nonlocal window_start, window_bytes
            self.check()
            window_bytes += size
            now = self._now()
            elapsed = now - window_start
            if elapsed >= self.limits.rate_window_s:
                if window_bytes / elapsed < self.limits.min_rate_bytes_per_s:
                    raise SlowDownloadError(
                        f"the transfer is slower than the minimum of {self.limits.min_rate_bytes_per_s} bytes per second",
                        code="download-slow", rate=self.limits.min_rate_bytes_per_s,
                    )
                window_start, window_bytes = now, 0

        return tick


@dataclass
class RawResponse:
    """What a fetcher's ``_open`` yields: status, lower-case headers, the raw (undecoded) body chunks."""

    url: str
    status: int
    headers: Mapping[str, str]
    chunks: Iterator[bytes]


class Fetcher(ABC):
    """Fetches URLs. Subclasses implement :meth:`_open` only; redirects, caps and rates live here."""

    def __init__(self, limits: SyncLimits = SyncLimits()) -> None:
        self.limits = limits
        self.requests = 0  # counted for the report and the benchmarks
        self.bytes_received = 0

    @abstractmethod
    def _open(self, url: str, headers: Mapping[str, str]) -> contextlib.AbstractContextManager[RawResponse]:
        """One GET of ``url`` without following redirects. Raises DownloadError for transport failures."""

    @contextlib.contextmanager
    def get(self, url: str, headers: Mapping[str, str], clock: Clock) -> Iterator[RawResponse]:
        """GET ``url``, following redirects only to the same scheme, host and port."""
        origin = urlsplit(url)
        for _ in range(self.limits.max_redirects + 1):
            clock.check()
            with self._open(url, headers) as resp:
                self.requests += 1
                if resp.status not in REDIRECT_STATUSES:
                    encoding = resp.headers.get("content-encoding", "identity").strip().lower()
                    if encoding not in ("", "identity"):
                        raise DownloadError(
                            f"{url} was sent with Content-Encoding {encoding[:40]!r}; only plain bodies are accepted",
                            code="download-encoding", url=url, encoding=encoding[:40],
                        )
                    yield resp
                    return
                location = resp.headers.get("location", "")
            target = urljoin(url, location)
            there = urlsplit(target)
            if not location or (there.scheme, there.hostname, there.port) != (origin.scheme, origin.hostname, origin.port):
                raise RedirectRefusedError(
                    f"{url} redirects to {target[:200]}, another host or scheme; redirects are followed only on the same site",
                    url=url, target=target[:200],
                )
            url = target
        raise RedirectRefusedError(f"{url}: more than {self.limits.max_redirects} redirects", code="download-redirects", url=url)

    def read_into(self, resp: RawResponse, write: Callable[[bytes], Any], max_bytes: int, clock: Clock) -> int:
        """Copy the body to ``write``, at most ``max_bytes``. Returns the byte count."""
        declared = resp.headers.get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > max_bytes:
            raise DownloadTooLargeError(
                f"{resp.url} is {int(declared)} bytes; at most {max_bytes} are accepted", url=resp.url, limit=max_bytes
            )
        tick = clock.meter()
        total = 0
        for chunk in resp.chunks:
            total += len(chunk)
            self.bytes_received += len(chunk)
            if total > max_bytes:
                raise DownloadTooLargeError(f"{resp.url} sent more than {max_bytes} bytes", url=resp.url, limit=max_bytes)
            write(chunk)
            tick(len(chunk))
        return total

    def close(self) -> None:
        """Release connections."""


class HttpxFetcher(Fetcher):
    """The real client: TLS always verified (optionally against an organisation's CA bundle),
    proxies from the environment, a User-Agent naming the app, bodies read raw."""

    def __init__(self, limits: SyncLimits = SyncLimits(), *, ca_bundle: str | Path | None = None) -> None:
        super().__init__(limits)
        import ssl

        import httpx

        self._httpx = httpx
        verify: Any = True
        if ca_bundle:
            try:
                verify = ssl.create_default_context(cafile=str(ca_bundle))
            except (OSError, ssl.SSLError) as exc:
                raise DownloadError(f"cannot read the CA bundle {ca_bundle}: {exc}", code="download-ca", path=str(ca_bundle)) from None
        self._client = httpx.Client(
            verify=verify,
            trust_env=True,
            follow_redirects=False,
            http2=False,
            timeout=httpx.Timeout(limits.read_timeout_s, connect=limits.connect_timeout_s),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
        )

    @contextlib.contextmanager
    def _open(self, url: str, headers: Mapping[str, str]) -> Iterator[RawResponse]:
        httpx = self._httpx

        def chunks(response) -> Iterator[bytes]:
            try:
                yield from response.iter_raw()  # as received: a chunk_size would buffer a slow drip out of sight
            except httpx.RemoteProtocolError as exc:
                raise DownloadError(f"{url}: the transfer broke off ({exc})", code="download-truncated", url=url) from None
            except httpx.HTTPError as exc:
                raise DownloadError(f"{url}: {exc or type(exc).__name__}", code="download-network", url=url) from None

        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                yield RawResponse(url, response.status_code, {k.lower(): v for k, v in response.headers.items()}, chunks(response))
        except httpx.HTTPError as exc:
            raise DownloadError(f"cannot fetch {url}: {exc or type(exc).__name__}", code="download-network", url=url) from None

    def close(self) -> None:
        self._client.close()


# --- sources -----------------------------------------------------------------------------------


@dataclass
class FeedFetch:
    data: bytes
    signature: bytes
    where: str  # the mirror URL or folder it came from
    validators: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False


RESUMABLE_CODES = ("download-truncated", "download-network")


class Source(ABC):
    """Where a feed comes from. The sync logic is the same for every source."""

    name: str

    @abstractmethod
    def read_feed(self, cached: Mapping[str, dict], clock: Clock) -> FeedFetch:
        """The feed and its signature (or, for HTTP, "not modified" against ``cached`` validators)."""

    @abstractmethod
    def read_bundle(self, entry: FeedEntry, dest: Path, clock: Clock, progress: Callable[[int], None]) -> str:
        """Write exactly the entry's bytes into ``dest`` (resuming a partial ``dest``); their sha256,
        hashed while writing. Raises DownloadError."""

    def close(self) -> None:
        pass


def check_url(url: str) -> str:
    """A feed URL as the user gave it: http(s), a host, no credentials. Raises FeedError."""
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise FeedError(f"the feed address is longer than {MAX_URL_CHARS} characters", code="feed-url", url=url[:80])
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"{url!r} is not an http:// or https:// address of a feed", code="feed-url", url=url)
    if parts.username or parts.password:
        raise FeedError("a feed address may not hold a user name or password", code="feed-url", url=url)
    return url if url.endswith("/") else url + "/"


class HttpSource(Source):
    """A feed on a web server: one or more mirror base URLs, tried in order."""

    def __init__(self, mirrors: list[str], fetcher: Fetcher) -> None:
        if not mirrors:
            raise FeedError("no feed address given", code="feed-url")
        if len(mirrors) > MAX_MIRRORS:
            raise FeedError(f"at most {MAX_MIRRORS} mirror addresses are used", code="feed-url")
        self.mirrors = [check_url(u) for u in mirrors]
        self.name = self.mirrors[0]
        self.fetcher = fetcher
        self._served_by: str | None = None

    def _get_small(self, url: str, headers: Mapping[str, str], max_bytes: int, clock: Clock) -> tuple[int, Mapping[str, str], bytes]:
        parts: list[bytes] = []
        with self.fetcher.get(url, headers, clock) as resp:
            if resp.status == 304:
                return 304, resp.headers, b""
            if resp.status != 200:
                raise DownloadError(f"{url} answered HTTP {resp.status}", code="download-status", url=url, status=resp.status)
            self.fetcher.read_into(resp, parts.append, max_bytes, clock)
            return 200, resp.headers, b"".join(parts)

    def read_feed(self, cached: Mapping[str, dict], clock: Clock) -> FeedFetch:
        errors: list[DownloadError] = []
        for base in self.mirrors:
            url = urljoin(base, FEED_NAME)
            headers: dict[str, str] = {}
            known = cached.get(url) or {}
            if known.get("etag"):
                headers["If-None-Match"] = known["etag"]
            if known.get("last_modified"):
                headers["If-Modified-Since"] = known["last_modified"]
            try:
                status, resp_headers, data = self._get_small(url, headers, self.fetcher.limits.max_feed_bytes, clock)
                validators = {k: resp_headers[h][:200] for k, h in (("etag", "etag"), ("last_modified", "last-modified")) if h in resp_headers}
                self._served_by = base
                if status == 304:
                    return FeedFetch(b"", b"", url, validators or dict(known), not_modified=True)
                _, _, sig = self._get_small(urljoin(base, FEED_SIGNATURE_NAME), {}, self.fetcher.limits.max_signature_bytes, clock)
                return FeedFetch(data, sig, url, validators)
            except DownloadError as exc:
                log.info("mirror %s failed: %s", base, exc)
                errors.append(exc)
        if len(errors) == 1:
            raise errors[0]
        raise DownloadError(
            "no mirror could serve the feed: " + "; ".join(str(e) for e in errors),
            code="download-mirrors", errors=[str(e) for e in errors],
        )

    def invalidate(self) -> None:
        """Forget which mirror answered (a 304 whose cached copy is gone)."""
        self._served_by = None

    def read_bundle(self, entry: FeedEntry, dest: Path, clock: Clock, progress: Callable[[int], None]) -> str:
        order = [self._served_by] if self._served_by else []
        order += [m for m in self.mirrors if m not in order]
        last: DownloadError | None = None
        for base in order:
            url = urljoin(base, quote(entry.path))
            attempts = 0
            while True:
                try:
                    return self._download(url, entry, dest, clock, progress)
                except DownloadError as exc:
                    last = exc
                    attempts += 1
                    if exc.code not in RESUMABLE_CODES or attempts > self.fetcher.limits.max_resume_attempts:
                        break
                    log.info("resuming %s after: %s", url, exc)
        assert last is not None
        raise last

    def _download(self, url: str, entry: FeedEntry, dest: Path, clock: Clock, progress: Callable[[int], None]) -> str:
        have = dest.stat().st_size if dest.exists() else 0
        if have >= entry.size:
            dest.unlink()
            have = 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        with self.fetcher.get(url, headers, clock) as resp:
            if resp.status == 206 and have:
                content_range = resp.headers.get("content-range", "").strip()
                if not content_range.endswith(f"/{entry.size}"):
                    raise _size_mismatch(entry, content_range.rpartition("/")[2][:20])
                if content_range != f"bytes {have}-{entry.size - 1}/{entry.size}":
                    dest.unlink()
                    raise DownloadError(f"{url}: unexpected Content-Range; starting again", code="download-truncated", url=url)
                mode = "ab"
            elif resp.status == 200:
                declared = resp.headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) != entry.size:
                    raise _size_mismatch(entry, declared)
                have, mode = 0, "wb"
            else:
                raise DownloadError(f"{url} answered HTTP {resp.status}", code="download-status", url=url, status=resp.status)
            digest = hash_file(dest) if mode == "ab" else hashlib.sha256()
            with open(dest, mode) as out:
                def write(chunk: bytes) -> None:
                    out.write(chunk)
                    digest.update(chunk)
                    progress(len(chunk))

                # No fsync: a partial file is swept after a crash, and the import fsyncs its own copy.
                got = self.fetcher.read_into(resp, write, entry.size - have, clock)
        if have + got != entry.size:
            raise DownloadError(
                f"{url} ended after {have + got} of {entry.size} bytes", code="download-truncated", url=url,
                received=have + got, size=entry.size,
            )
        return digest.hexdigest()

    def close(self) -> None:
        self.fetcher.close()


def _size_mismatch(entry: FeedEntry, served: str) -> FeedMismatchError:
    return FeedMismatchError(
        f"{entry.path} is served as {served} bytes; its feed entry declares {entry.size}: altered on the server or on the way",
        code="feed-size-mismatch", path=entry.path, served=served, size=entry.size,
    )


class FolderSource(Source):
    """A feed folder, for example on a USB stick: the same checks, no network."""

    def __init__(self, folder: str | Path, limits: SyncLimits = SyncLimits()) -> None:
        self.folder = Path(folder)
        self.name = str(self.folder)
        self.limits = limits

    def _path(self, rel: str) -> Path:
        path = self.folder / rel
        current = self.folder
        for part in Path(rel).parts:  # no link may lead out of the folder
            current = current / part
            if current.is_symlink():
                raise DownloadError(f"{path} is a symbolic link; a feed folder holds plain files", code="download-link", path=str(path))
        return path

    def _read_small(self, rel: str, max_bytes: int) -> bytes:
        path = self._path(rel)
        try:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except OSError as exc:
            raise DownloadError(f"cannot read {path}: {exc.strerror or exc}", code="download-file", path=str(path)) from None
        if len(data) > max_bytes:
            raise DownloadTooLargeError(f"{path} is larger than {max_bytes} bytes", path=str(path), limit=max_bytes)
        return data

    def read_feed(self, cached: Mapping[str, dict], clock: Clock) -> FeedFetch:
        data = self._read_small(FEED_NAME, self.limits.max_feed_bytes)
        sig = self._read_small(FEED_SIGNATURE_NAME, self.limits.max_signature_bytes)
        return FeedFetch(data, sig, str(self.folder / FEED_NAME))

    def read_bundle(self, entry: FeedEntry, dest: Path, clock: Clock, progress: Callable[[int], None]) -> str:
        path = self._path(entry.path)
        total = 0
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as f, open(dest, "wb") as out:
                while chunk := f.read(min(self.limits.chunk_bytes, entry.size + 1 - total)):
                    clock.check()
                    total += len(chunk)
                    if total > entry.size:  # a file on the stick is not a transfer: it was altered
                        raise _size_mismatch(entry, str(os.fstat(f.fileno()).st_size))
                    out.write(chunk)
                    digest.update(chunk)
                    progress(len(chunk))
        except OSError as exc:
            raise DownloadError(f"cannot read {path}: {exc.strerror or exc}", code="download-file", path=str(path)) from None
        if total != entry.size:
            raise _size_mismatch(entry, str(total))
        return digest.hexdigest()


def is_feed_folder(path: str | Path) -> bool:
    path = Path(path)
    return path.is_dir() and (path / FEED_NAME).is_file()


def source_for(target: str, fetcher_factory: Callable[[], Fetcher] | None = None, mirrors: list[str] | None = None) -> Source:
    """A FolderSource for a local folder, else an HttpSource (with ``mirrors`` after ``target``)."""
    if "://" not in target:
        if not Path(target).is_dir():
            raise FeedError(f"{target} is neither a feed folder nor an http(s):// address", code="feed-source", target=target)
        return FolderSource(target)
    fetcher = fetcher_factory() if fetcher_factory else HttpxFetcher()
    return HttpSource([target, *(mirrors or [])], fetcher)


# --- checking one bundle against its entry ----------------------------------------------------


def hash_file(path: Path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest
