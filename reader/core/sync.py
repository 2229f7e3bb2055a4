"""Sync a library from a signed feed, over HTTP (httpx) or from a feed folder (a USB stick).

The network is never trusted: the feed must be signed by a trusted ``feed`` key,
must not be older than the last one accepted (rollback) nor expired (freeze),
and each bundle is checked against its feed entry (size, sha256, then id,
publisher, edition and revision in its own signed manifest) before the library's
one import path verifies and stores it. Getting the bytes, within caps, is
reader.core.transport's; what is remembered between syncs, reader.core.syncstate's.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

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
    SyncBusyError,
)
from reader.core.feed import (
    FEED_NAME,
    FEED_SIGNATURE_NAME,
    FeedEntry,
    VerifiedFeed,
    atomic_write,
    format_time,
    verify_feed,
)
from reader.core.library.models import ImportResult
from reader.core.store import TMP_PREFIX
from reader.core.trust import TrustStore
from reader.core.syncstate import SyncState, now_utc, sync_lock
from reader.core.transport import (
    Clock,
    FeedFetch,
    Fetcher,
    FolderSource,
    HttpxFetcher,
    Progress,
    Source,
    SyncLimits,
    hash_file,
    is_feed_folder,
    source_for,
)

log = logging.getLogger(__name__)


PARTIAL_PREFIX = f"{TMP_PREFIX}part-"  # the store sweeps its temporary files at start: no half bundle outlives a crash


def check_download(path: Path, entry: FeedEntry, trust: TrustStore, sha256: str | None = None) -> VerifiedBundle:
    """Size and sha256 against the entry (``sha256`` if it was hashed while writing), then the
    bundle's own signature, then its ids against the entry.

    Raises FeedMismatchError, or the bundle's own verification error.
    """
    size = path.stat().st_size
    if sha256 is None:
        sha256 = hash_file(path).hexdigest()
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
