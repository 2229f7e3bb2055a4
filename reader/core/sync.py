"""Sync a library from a signed feed, over HTTP (httpx) or from a feed folder (a USB stick).

The network is never trusted: the feed must be signed by a trusted ``feed`` key,
must not be older than the last one accepted (rollback) nor expired (freeze),
every body is capped, slow or endless transfers are cut off, redirects may not
leave the scheme and host, and each bundle is checked against its feed entry
(size, sha256, then id, publisher, edition and revision in its own signed
manifest) before the library's one import path verifies and stores it.

HTTP goes through a :class:`Fetcher`; its :meth:`Fetcher._open` is the one
override point (python-tuf's ``FetcherInterface`` is the model), so tests and
other transports plug in without touching the sync logic. All caps are in
:class:`SyncLimits`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from reader import __version__
from reader.core.bundle import VerifiedBundle, verify_bundle
from reader.core.errors import (
    CancelledError,
    DownloadError,
    DownloadTooLargeError,
    DTNError,
    FeedError,
    FeedExpiredError,
    FeedMismatchError,
    FeedRollbackError,
    OfflineError,
    RedirectRefusedError,
    SlowDownloadError,
    SyncBusyError,
)
from reader.core.feed import (
    FEED_NAME,
    FEED_SIGNATURE_NAME,
    MAX_FEED_BYTES,
    MAX_FEED_SIGNATURE_BYTES,
    FeedEntry,
    VerifiedFeed,
    atomic_write,
    format_time,
    parse_time,
    verify_feed,
)
from reader.core.library.models import ImportResult
from reader.core.store import TMP_PREFIX
from reader.core.trust import TrustStore

log = logging.getLogger(__name__)

USER_AGENT = f"DTN-Reader/{__version__} (+https://github.com/dtn-reader; feed sync)"
SYNC_DIR = "sync"
STATE_NAME = "state.json"
LOCK_NAME = "lock"
PARTIAL_PREFIX = f"{TMP_PREFIX}part-"  # the store sweeps its temporary files at start: no half bundle outlives a crash
MAX_STATE_BYTES = 4 * 1024 * 1024
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
            digest = _hash_file(dest) if mode == "ab" else hashlib.sha256()
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


def _hash_file(path: Path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest


def check_download(path: Path, entry: FeedEntry, trust: TrustStore, sha256: str | None = None) -> VerifiedBundle:
    """Size and sha256 against the entry (``sha256`` if it was hashed while writing), then the
    bundle's own signature, then its ids against the entry.

    Raises FeedMismatchError, or the bundle's own verification error.
    """
    size = path.stat().st_size
    if sha256 is None:
        sha256 = _hash_file(path).hexdigest()
    if size != entry.size or sha256 != entry.sha256:
        raise FeedMismatchError(
            f"{entry.path} does not match its feed entry (size or sha256 differ): altered on the server or on the way",
            code="feed-hash-mismatch", path=entry.path,
        )
    verified = verify_bundle(path, trust)
    m = verified.manifest
    theirs = (m.bundle_id, m.publisher, m.edition_date, m.revision)
    ours = (entry.bundle_id, entry.publisher, entry.edition, entry.revision)
    if theirs != ours:
        raise FeedMismatchError(
            f"{entry.path}: the bundle says {m.bundle_id} revision {m.revision} by {m.publisher} ({m.edition_date}); "
            f"the feed says {entry.bundle_id} revision {entry.revision} by {entry.publisher} ({entry.edition})",
            code="feed-entry-mismatch", path=entry.path,
        )
    return verified


# --- remembered state --------------------------------------------------------------------------


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class SyncSettings:
    """What the user chose: feed URLs (the first is the feed, the rest its mirrors), automatic sync, Offline."""

    urls: list[str] = field(default_factory=list)
    automatic: bool = True
    offline: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.urls)

    def may_connect(self) -> bool:
        return self.configured and not self.offline


class SyncState:
    """``<library>/sync/state.json``: settings, per feed key the highest version and last signed time,
    per feed URL the HTTP validators and a copy of the feed they belong to, and the last result.

    Beside the trust store, outside the database: 'dtn rebuild' recreates the index and leaves this.
    """

    def __init__(self, library_folder: str | Path) -> None:
        self.folder = Path(library_folder) / SYNC_DIR
        self.path = self.folder / STATE_NAME
        self.data: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise FeedError(f"cannot read {self.path}: {exc.strerror or exc}", code="sync-state", path=str(self.path)) from None
        try:
            if len(raw) > MAX_STATE_BYTES:
                raise ValueError("too large")
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        except ValueError:
            # A damaged state file must not disable rollback protection silently: keep it aside and say so.
            raise FeedError(
                f"the sync state {self.path} is damaged; move it away to start afresh (the remembered feed versions are lost)",
                code="sync-state-damaged", path=str(self.path),
            ) from None

    def save(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, (json.dumps(self.data, indent=2, sort_keys=True) + "\n").encode())
        except OSError as exc:
            raise FeedError(f"cannot write {self.path}: {exc.strerror or exc}", code="sync-state-write", path=str(self.path)) from None

    # settings
    @property
    def settings(self) -> SyncSettings:
        raw = self.data.get("settings") or {}
        urls = [u for u in raw.get("urls", []) if isinstance(u, str)][:MAX_MIRRORS]
        return SyncSettings(urls, bool(raw.get("automatic", True)), bool(raw.get("offline", False)))

    def set_settings(self, settings: SyncSettings) -> None:
        urls = [check_url(u) for u in settings.urls if u.strip()]
        if len(urls) > MAX_MIRRORS:
            raise FeedError(f"at most {MAX_MIRRORS} feed addresses are used", code="feed-url")
        self.data["settings"] = {"urls": urls, "automatic": settings.automatic, "offline": settings.offline}

    # per key
    def feed_record(self, key_id: str) -> dict[str, Any] | None:
        return (self.data.get("feeds") or {}).get(key_id)

    def remember_feed(self, vf: VerifiedFeed) -> None:
        self.data.setdefault("feeds", {})[vf.signer_key_id] = {
            "version": vf.feed.version, "sha256": vf.sha256, "created": vf.feed.created, "expires": vf.feed.expires,
        }

    # per URL
    def validators(self) -> dict[str, dict]:
        return self.data.setdefault("validators", {})

    def cache_path(self, url: str) -> Path:
        return self.folder / "cache" / hashlib.sha256(url.encode()).hexdigest()[:32]

    def cache_feed(self, url: str, fetch: FeedFetch) -> None:
        base = self.cache_path(url)
        base.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(base.with_suffix(".json"), fetch.data)
        atomic_write(base.with_suffix(".minisig"), fetch.signature)

    def cached_feed(self, url: str) -> tuple[bytes, bytes] | None:
        base = self.cache_path(url)
        try:
            return base.with_suffix(".json").read_bytes()[: MAX_FEED_BYTES + 1], base.with_suffix(".minisig").read_bytes()[: MAX_FEED_SIGNATURE_BYTES + 1]
        except OSError:
            return None

    # results
    def refused(self, trust_print: str) -> set[str]:
        record = self.data.get("refused") or {}
        return set(record.get("sha256", [])) if record.get("trust") == trust_print else set()

    def set_refused(self, trust_print: str, hashes: set[str]) -> None:
        self.data["refused"] = {"trust": trust_print, "sha256": sorted(hashes)}

    @property
    def last(self) -> dict[str, Any]:
        return self.data.get("last") or {}

    def status(self, now: datetime | None = None) -> SyncStatus:
        now = now or now_utc()
        last = self.last
        expiries = [r.get("expires") for r in (self.data.get("feeds") or {}).values() if isinstance(r, dict)]
        stale_since = None
        for text in expiries:
            try:
                when = parse_time(text)
            except (TypeError, ValueError):
                continue
            if when <= now and (stale_since is None or when > stale_since):
                stale_since = when
        if expiries and any(_after(t, now) for t in expiries):
            stale_since = None
        return SyncStatus(
            last_success=last.get("success_at"),
            last_attempt=last.get("at"),
            last_ok=last.get("ok"),
            last_message=last.get("message"),
            last_code=last.get("code"),
            last_error_type=last.get("error_type"),
            last_params=last.get("params") if isinstance(last.get("params"), dict) else {},
            last_counts=last.get("counts") if isinstance(last.get("counts"), dict) else None,
            stale_since=format_time(stale_since) if stale_since else None,
        )


def _after(text: Any, now: datetime) -> bool:
    try:
        return parse_time(text) > now
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class SyncStatus:
    last_success: str | None
    last_attempt: str | None
    last_ok: bool | None
    last_message: str | None
    last_code: str | None
    last_error_type: str | None  # the error class of a refused sync, for the window's message
    last_params: dict  # the params of that error
    last_counts: dict | None  # bundles per result of the last sync that got past the feed
    stale_since: str | None  # the expiry of the newest accepted feed, once past


@contextlib.contextmanager
def sync_lock(library_folder: str | Path) -> Iterator[None]:
    """One sync per library at a time (two windows, a window and the CLI)."""
    folder = Path(library_folder) / SYNC_DIR
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / LOCK_NAME, "a+b")
    try:
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SyncBusyError("another sync of this library is running; try again when it has finished") from None
        yield
    finally:
        handle.close()


# --- the sync ------------------------------------------------------------------------------------


@dataclass
class EntryResult:
    entry: FeedEntry
    status: str  # "imported" | "fetched" | "present" | "older" | "skipped" | "failed"
    error: DTNError | None = None
    detail: str = ""
    imported: ImportResult | None = None  # the library's own import result, when the bundle got that far

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def import_result(self, source: str) -> ImportResult:
        """This entry as a line of an import report (the window's): the library's own result
        when the bundle reached its import, else what the feed's checks decided."""
        if self.imported is not None:
            return self.imported
        e = self.entry
        shown = f"{source.rstrip('/')}/{e.path}"
        if self.status in ("present", "older"):  # up to date: the same or a newer revision is held
            return ImportResult(shown, "present", sha256=e.sha256, bundle_id=e.bundle_id, revision=e.revision)
        result = ImportResult(shown, "rejected", sha256=e.sha256, bundle_id=e.bundle_id, revision=e.revision)
        if self.error is not None:
            return result.record_error(self.error)
        return result.record_error(FeedError(
            f"{e.bundle_id} revision {e.revision} was refused at an earlier sync; add its publisher's key to try again",
            code="sync-refused-before", bundle_id=e.bundle_id, revision=e.revision,
        ))

    def line(self) -> str:
        what = f"{self.entry.bundle_id} revision {self.entry.revision}"
        if self.status == "imported":
            return f"imported: {what} ({self.entry.path}){self.detail}"
        if self.status == "fetched":
            return f"fetched: {what} ({self.entry.path})"
        if self.status == "present":
            return f"already present: {what}"
        if self.status == "older":
            return f"not needed: {what} (the library holds a newer revision)"
        if self.status == "skipped":
            return f"skipped: {what}: refused at an earlier sync ({self.detail})"
        return f"refused: {what} ({self.entry.path}): {self.error}"


@dataclass
class LevelChange:
    old_value: int | None
    old_label: str | None
    new_value: int
    new_label: str
    edition: str


@dataclass
class SyncReport:
    source: str
    feed_version: int
    not_modified: bool
    results: list[EntryResult]
    requests: int = 0
    bytes_received: int = 0
    level_change: LevelChange | None = None

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def summary(self) -> str:
        unchanged = " (feed unchanged)" if self.not_modified else ""
        return (
            f"feed version {self.feed_version}{unchanged}: {self.count('imported')} imported, "
            f"{self.count('present') + self.count('older')} already up to date, {self.count('failed')} refused"
            + (f", {self.count('skipped')} refused before" if self.count("skipped") else "")
        )


def _trust_print(trust: TrustStore) -> str:
    keys = sorted(f"{k.key_id}:{k.role}:{k.revoked_at}" for k in trust.keys())
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]


def _national(lib) -> tuple[int, str, str] | None:
    edition = next((e for e in lib.editions() if not e.demo), None)
    return (edition.level_value, edition.level_label, edition.name) if edition else None


def accept_feed(fetch: FeedFetch, trust: TrustStore, state: SyncState, now: datetime) -> VerifiedFeed:
    """Verify a fetched feed and check it against what was accepted before. Raises on refusal."""
    vf = verify_feed(fetch.data, fetch.signature, trust)
    record = state.feed_record(vf.signer_key_id)
    feed = vf.feed
    if record:
        if feed.version < int(record.get("version", 0)):
            raise FeedRollbackError(
                f"the feed's version {feed.version} is older than version {record['version']} accepted before (rollback refused)",
                code="feed-rollback-version", version=feed.version, accepted=record["version"],
            )
        if feed.version == record.get("version") and vf.sha256 != record.get("sha256"):
            raise FeedRollbackError(
                f"the feed's version {feed.version} was accepted before with other content; a changed feed needs a higher version",
                code="feed-rollback-same-version", version=feed.version,
            )
        if record.get("created") and feed.created < str(record["created"]):
            raise FeedRollbackError(
                f"the feed was signed at {feed.created}, before the feed accepted before ({record['created']})",
                code="feed-rollback-time", created=feed.created, accepted=record["created"],
            )
    if feed.expired(now):
        raise FeedExpiredError(
            f"the feed expired on {feed.expires}; nothing new is taken from it (what is stored stays readable)",
            code="feed-expired-on", expired_at=feed.expires,
        )
    return vf


class Syncer:
    """One sync of ``library`` from ``source``. The library's own import verifies and stores each bundle."""

    def __init__(self, library, source: Source, *, limits: SyncLimits = SyncLimits(), now: Callable[[], datetime] = now_utc) -> None:
        self.lib = library
        self.source = source
        self.limits = limits
        self._now = now
        self.state = SyncState(library.folder)

    def run(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> SyncReport:
        """Sync; raises FeedError/DownloadError for the feed itself, reports each bundle on its own."""
        with sync_lock(self.lib.folder):
            self.state = SyncState(self.lib.folder)
            try:
                report = self._run(progress, cancel)
            except DTNError as exc:
                self._record(False, str(exc), exc.code, type(exc).__name__, success=False, params=exc.params)
                self._audit_refusal(exc, self.source.name)
                raise
            message = report.summary()
            self._record(report.ok, message, None if report.ok else "sync-refusals", None, success=True, report=report)
            return report

    def _record(self, ok: bool, message: str, code: str | None, error_type: str | None, *, success: bool,
                report: SyncReport | None = None, params: dict | None = None) -> None:
        now = format_time(self._now())
        last = dict(self.state.last)
        counts = {s: report.count(s) for s in ("imported", "present", "older", "skipped", "failed")} if report else None
        plain = {k: v for k, v in (params or {}).items() if isinstance(v, (str, int, float, bool, list))}
        last.update({"at": now, "ok": ok, "message": message, "code": code, "error_type": error_type,
                     "params": plain, "source": self.source.name, "counts": counts})
        if success:
            last["success_at"] = now
        self.state.data["last"] = last
        try:
            self.state.save()
        except FeedError as exc:
            log.warning("%s", exc)

    def _audit_refusal(self, exc: DTNError, source: str, entry: FeedEntry | None = None) -> None:
        """An audit row for a refusal made before the library's import (which writes its own):
        a feed or a download that failed its checks. Transport trouble is not one; from a
        folder (a USB stick) there is none, so every refusal there is a row."""
        if not audited_refusal(exc, from_folder=isinstance(self.source, FolderSource)):
            return
        fields: dict[str, Any] = {"error_type": type(exc).__name__, "error_code": exc.code,
                                  "error_params": json.dumps(dict(exc.params), ensure_ascii=False, default=str)}
        if entry is not None:
            fields.update(sha256=entry.sha256, bundle_id=entry.bundle_id, revision=entry.revision)
        try:
            self.lib.audit_event(source, "rejected", str(exc), **fields)
        except (DTNError, OSError) as failed:  # the sync report and state still say it
            log.warning("could not write the audit row of a sync refusal: %s", failed)

    def _run(self, progress: Progress | None, cancel: threading.Event | None) -> SyncReport:
        clock = Clock(self.limits, cancel)
        trust = self.lib.trust
        level_before = _national(self.lib)
        validators = self.state.validators()
        fetch = self.source.read_feed(validators, clock)
        if fetch.not_modified:
            cached = self.state.cached_feed(fetch.where)
            if cached is None:  # the copy went missing: ask again without validators
                validators.pop(fetch.where, None)
                fetch = self.source.read_feed({}, clock)
            else:
                fetch.data, fetch.signature = cached
        vf = accept_feed(fetch, trust, self.state, self._now())
        self.state.remember_feed(vf)
        if not fetch.not_modified and fetch.validators and "://" in fetch.where:
            self.state.cache_feed(fetch.where, fetch)
            validators[fetch.where] = fetch.validators
        self.state.save()

        held: dict[str, int] = {}
        for e in self.lib.editions(include_superseded=True, include_hidden=True):
            held[e.bundle_id] = max(held.get(e.bundle_id, 0), e.revision)
        print_ = _trust_print(trust)
        refused_before = self.state.refused(print_)
        refused_now: set[str] = set()
        results: list[EntryResult] = []
        todo: list[FeedEntry] = []
        for entry in vf.feed.entries:
            if self.lib.store.has(entry.sha256):
                results.append(EntryResult(entry, "present"))
            elif held.get(entry.bundle_id, 0) > entry.revision:
                results.append(EntryResult(entry, "older"))
            elif entry.sha256 in refused_before:
                refused_now.add(entry.sha256)
                results.append(EntryResult(entry, "skipped", detail="add its publisher's key to try again"))
            else:
                todo.append(entry)
        total = sum(e.size for e in todo)
        done = 0

        def step(size: int) -> None:
            nonlocal done
            done += size
            if progress:
                progress(done, total)

        for entry in todo:
            results.append(self._take(entry, clock, step, trust, refused_now))
        self.state.set_refused(print_, refused_now)

        level_after = _national(self.lib)
        change = None
        if level_after and (level_before is None or level_after[:2] != level_before[:2]) and any(r.status == "imported" for r in results):
            change = LevelChange(
                level_before[0] if level_before else None, level_before[1] if level_before else None,
                level_after[0], level_after[1], level_after[2],
            )
        fetcher = getattr(self.source, "fetcher", None)
        return SyncReport(
            self.source.name, vf.feed.version, fetch.not_modified, results,
            requests=fetcher.requests if fetcher else 0, bytes_received=fetcher.bytes_received if fetcher else 0,
            level_change=change,
        )

    def _take(self, entry: FeedEntry, clock: Clock, step: Callable[[int], None], trust: TrustStore, refused: set[str]) -> EntryResult:
        self.lib.store.ensure()
        partial = self.lib.store.folder / f"{PARTIAL_PREFIX}{entry.sha256}"
        shown = f"{self.source.name.rstrip('/')}/{entry.path}"
        try:
            digest = self.source.read_bundle(entry, partial, clock, step)
            check_download(partial, entry, trust, digest)
            result = self.lib.import_file(partial, source=shown)
            if not result.ok:
                refused.add(entry.sha256)
                return EntryResult(entry, "failed", error=_import_error(result), imported=result)
            detail = f", replaces revision {result.superseded}" if result.superseded else ""
            return EntryResult(entry, "imported" if result.status == "imported" else "present", detail=detail, imported=result)
        except CancelledError:
            raise
        except (DownloadError, FeedError) as exc:
            self._audit_refusal(exc, shown, entry)
            return EntryResult(entry, "failed", error=exc)
        except DTNError as exc:  # the bundle's own verification: untrusted key, altered member, ...
            refused.add(entry.sha256)
            self._audit_refusal(exc, shown, entry)
            return EntryResult(entry, "failed", error=exc)
        except OSError as exc:
            return EntryResult(entry, "failed", error=DownloadError(f"cannot write {partial}: {exc.strerror or exc}", code="download-file"))
        finally:
            partial.unlink(missing_ok=True)


def audited_refusal(exc: DTNError, *, from_folder: bool = False) -> bool:
    """Whether a refusal before the import says something about what was offered (a forged,
    altered, rolled back or expired feed; a bundle not matching its entry; a mirror sending
    too much or redirecting elsewhere), and so belongs in the audit log. Being offline, a
    dead connection, a slow server, another sync running or a cancel do not; a feed folder
    has no transport, so there only another sync running and a cancel do not."""
    if isinstance(exc, (CancelledError, SyncBusyError)):
        return False
    if from_folder:
        return True
    return not isinstance(exc, DownloadError) or isinstance(exc, (DownloadTooLargeError, RedirectRefusedError))


def split_feed_folders(paths: list[str | Path]) -> tuple[list[str], list[str]]:
    """The feed folders among ``paths`` (a USB stick written by ``dtn fetch``: taken with the
    feed's checks), and the rest (bundle files and plain folders: bundle by bundle)."""
    feeds = [str(p) for p in paths if is_feed_folder(p)]
    return feeds, [str(p) for p in paths if str(p) not in feeds]


def import_paths(library, paths: list[str | Path], progress: Progress | None = None,
                 cancel: threading.Event | None = None, *, now: Callable[[], datetime] = now_utc) -> list[ImportResult]:
    """Import files and folders as an import report shows them (the window's import): a feed
    folder with its feed's checks (signature, rollback, expiry, each bundle against its entry),
    one line per entry; a feed refused as a whole is one rejected line for its folder; the
    rest through the library's import. ``progress`` counts bundles of the plain paths."""
    feeds, rest = split_feed_folders(paths)
    results: list[ImportResult] = []
    for folder in feeds:
        try:
            report = sync_library(library, folder, cancel=cancel, now=now)
        except CancelledError:
            raise
        except DTNError as exc:
            results.append(ImportResult(folder, "rejected").record_error(exc))
            continue
        results.extend(r.import_result(folder) for r in report.results)
    if rest:
        results.extend(library.import_paths(rest, progress, cancel))
    return results


def _import_error(result) -> DTNError:
    """The library's refusal of an import as an error of its own class (its code gives the message)."""
    from reader.core import errors

    cls = getattr(errors, result.error_type or "", None)
    if not (isinstance(cls, type) and issubclass(cls, DTNError)) or cls is errors.SourceError:
        cls = FeedError
    err = cls.__new__(cls)
    DTNError.__init__(err, result.reason or "refused by the library")
    return err


def sync_library(library, target: str | Source, *, limits: SyncLimits = SyncLimits(), progress: Progress | None = None,
                 cancel: threading.Event | None = None, fetcher_factory: Callable[[], Fetcher] | None = None,
                 mirrors: list[str] | None = None, now: Callable[[], datetime] = now_utc) -> SyncReport:
    """Sync ``library`` from a URL, a feed folder or a Source. Honours the Offline setting for URLs."""
    if isinstance(target, str) and "://" in target and SyncState(library.folder).settings.offline:
        raise OfflineError("the reader is set to Offline; switch Offline off to sync from the network")
    source = target if isinstance(target, Source) else source_for(
        target, fetcher_factory or (lambda: HttpxFetcher(limits)), mirrors
    )
    try:
        return Syncer(library, source, limits=limits, now=now).run(progress, cancel)
    finally:
        source.close()


# --- fetch for an air-gapped machine ----------------------------------------------------------


@dataclass
class FetchReport:
    feed_version: int
    results: list[EntryResult]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def fetch_to_folder(source: Source, dest: str | Path, trust: TrustStore, *, limits: SyncLimits = SyncLimits(),
                    progress: Progress | None = None, cancel: threading.Event | None = None,
                    now: Callable[[], datetime] = now_utc) -> FetchReport:
    """Download and verify a feed and its bundles into ``dest`` as a feed folder a USB stick can carry.

    Only verified bytes get their final names (temporary files first, renamed after the checks); the
    feed is written last. A feed older than the one already in ``dest`` is refused.
    """
    dest = Path(dest)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FeedError(f"cannot create {dest}: {exc.strerror or exc}", code="feed-folder", path=str(dest)) from None
    for leftover in dest.glob(f"{PARTIAL_PREFIX}*"):  # from a fetch a crash or power cut interrupted
        leftover.unlink(missing_ok=True)
    clock = Clock(limits, cancel)
    fetch = source.read_feed({}, clock)
    vf = verify_feed(fetch.data, fetch.signature, trust)
    previous = _folder_feed(dest, trust)
    if previous is not None:
        state = SyncState(dest / ".nonexistent")
        state.remember_feed(previous)
        accept_feed(fetch, trust, state, now())
    elif vf.feed.expired(now()):
        raise FeedExpiredError(
            f"the feed expired on {vf.feed.expires}; nothing is fetched from it", code="feed-expired-on", expired_at=vf.feed.expires
        )
    total = sum(e.size for e in vf.feed.entries)
    done = 0

    def step(size: int) -> None:
        nonlocal done
        done += size
        if progress:
            progress(done, total)

    results = []
    for entry in vf.feed.entries:
        final = dest / entry.path
        if final.is_file() and not final.is_symlink() and final.stat().st_size == entry.size:
            try:
                check_download(final, entry, trust)
                results.append(EntryResult(entry, "present"))
                step(entry.size)
                continue
            except DTNError:
                pass
        partial = dest / f"{PARTIAL_PREFIX}{entry.sha256}"
        try:
            digest = source.read_bundle(entry, partial, clock, step)
            check_download(partial, entry, trust, digest)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, final)
            results.append(EntryResult(entry, "fetched"))
        except CancelledError:
            raise
        except DTNError as exc:
            results.append(EntryResult(entry, "failed", error=exc))
        except OSError as exc:
            results.append(EntryResult(entry, "failed", error=DownloadError(f"cannot write {final}: {exc.strerror or exc}", code="download-file")))
        finally:
            partial.unlink(missing_ok=True)
    try:
        atomic_write(dest / FEED_SIGNATURE_NAME, vf.signature)
        atomic_write(dest / FEED_NAME, vf.data)
    except OSError as exc:
        raise FeedError(f"cannot write the feed in {dest}: {exc.strerror or exc}", code="feed-write", path=str(dest)) from None
    return FetchReport(vf.feed.version, results)


def _folder_feed(folder: Path, trust: TrustStore) -> VerifiedFeed | None:
    try:
        data, sig = (folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes()
    except OSError:
        return None
    try:
        return verify_feed(data, sig, trust)
    except DTNError:
        return None  # an unverifiable old feed in the folder is simply replaced
