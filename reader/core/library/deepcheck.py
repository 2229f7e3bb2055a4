"""The deep check: the library re-verified end to end against its signed originals.

Every store file is re-hashed against its content address, every stored bundle is
verified again against the current trust store (read once, at the start), and what the
index holds for it (bundle row, edition, levels, level events, chapter text and its
rendered cache, checklists, the search index's title and text) is compared row by row
with what an import of the signed bundle writes (``importing.IndexRows``, the same plain
text). Index rows that belong to no signed edition are counted per table. Differences are
reported per edition; ``dtn rebuild`` repairs every one of them.

The per-bundle work (hash, verify, derive the rows) runs in a few worker processes
(``CHECK_WORKERS``) while this process reads the index and compares; a small store is
checked in this process alone. The report is the same either way.

A second, bounded check re-hashes store files only, within a byte and time budget,
continuing where the previous start stopped: the window runs it after each start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.core.bundle import BundleLimits, verify_bundle
from reader.core.errors import CancelledError, DTNError, LibraryError, RevokedKeyError
from reader.core.library import importing, schema
from reader.core.library.base import LibraryBase
from reader.core.prepare import TrustIgnoringRevocation
from reader.core.render import render_chapter
from reader.core.trust import TrustStore

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]

HASH_CHUNK_BYTES = 1024 * 1024
SETTING_HASH_CURSOR = "store_hash_check_cursor"  # the store file the bounded check continues after
MAX_SHOWN_CHARS = 80  # of a differing value, in a finding


@dataclass(frozen=True)
class CheckLimits:
    """Caps of the bounded start-up check: bytes read and seconds spent per start."""

    background_max_bytes: int = 64 * 1024 * 1024
    background_max_seconds: float = 2.0


@dataclass(frozen=True)
class Finding:
    """One problem. ``code`` names it for programs and translations; ``edition`` is
    ``bundle_id@revision`` where the problem belongs to one edition."""

    code: str
    message: str
    edition: str | None = None
    sha256: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    bundles: int = 0  # store files looked at
    bytes_hashed: int = 0
    complete: bool = True  # False when a bounded check stopped at its budget

    @property
    def ok(self) -> bool:
        return not self.findings

    def by_edition(self) -> dict[str | None, list[Finding]]:
        grouped: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            grouped.setdefault(f.edition, []).append(f)
        return grouped


def file_sha256(path: Path, cancel: threading.Event | None = None) -> tuple[str, int]:
    """The sha256 and size of a file, read into one reusable buffer."""
    digest, size = hashlib.sha256(), 0
    buffer = bytearray(HASH_CHUNK_BYTES)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            if cancel is not None and cancel.is_set():
                raise CancelledError("check cancelled; nothing was changed")
            digest.update(view[:n])
            size += n
    return digest.hexdigest(), size


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


# --- what the index holds for one bundle, as comparable rows ------------------------------

_EDITION_FIELDS = (
    "bundle_id", "revision", "number", "date", "name", "title", "summary", "level_value", "level_label",
    "level_scale", "level_since", "demo", "publisher", "language", "created", "files", "signer_key_id",
)
_FIELD_NAMES = {
    "level_value": "level", "level_label": "level word", "level_scale": "level scale", "level_since": "level since",
    "number": "edition number", "date": "edition date", "name": "edition name", "files": "file list",
}


class _IndexReader:
    """What the index holds for one bundle at a time, as comparable rows.

    Level events, checklists and their items have no index on the column that names their
    edition, so a query per bundle would scan the whole table (which made the check grow
    faster than the library): they are read once, one pass per table, and grouped here.
    Chapters (the bulk of the bytes) are read per bundle through their index.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.edition_pks: dict[str, int] = {}
        for sha, pk in db.execute("SELECT sha256, pk FROM editions ORDER BY pk"):
            self.edition_pks.setdefault(sha, pk)  # the first, as a lookup by sha256 finds it
        self.events: dict[int, list[tuple]] = {}
        for edition_pk, *event in db.execute(
            "SELECT edition_pk, start, end, value, label, scale, region, note FROM level_events ORDER BY start, region, pk"
        ):
            self.events.setdefault(edition_pk, []).append(tuple(event))
        items: dict[int, list[tuple]] = {}
        for checklist_pk, *item in db.execute("SELECT checklist_pk, ord, item_id, text, priority FROM checklist_items ORDER BY pk"):
            items.setdefault(checklist_pk, []).append(tuple(item))
        self.checklists: dict[int, list[tuple]] = {}
        for cl_pk, edition_pk, *cl in db.execute("SELECT pk, edition_pk, ord, checklist_id, partner, title FROM checklists ORDER BY pk"):
            own = sorted(items.pop(cl_pk, ()), key=lambda item: item[0])  # ORDER BY ord; stable, so pk breaks ties
            self.checklists.setdefault(edition_pk, []).append((tuple(cl), tuple(own)))
        for group in self.checklists.values():
            group.sort(key=lambda cl: cl[0][0])

    def _read_children(self, pk: int) -> None:
        """The level events and checklists of one edition that was not indexed at the start."""
        self.events[pk] = [tuple(e) for e in self.db.execute(
            "SELECT start, end, value, label, scale, region, note FROM level_events WHERE edition_pk = ? ORDER BY start, region, pk", [pk])]
        self.checklists[pk] = [
            (tuple(cl), tuple(tuple(i) for i in self.db.execute(
                "SELECT ord, item_id, text, priority FROM checklist_items WHERE checklist_pk = ? ORDER BY ord, pk", [cl_pk])))
            for cl_pk, *cl in self.db.execute(
                "SELECT pk, ord, checklist_id, partner, title FROM checklists WHERE edition_pk = ? ORDER BY ord, pk", [pk]).fetchall()
        ]

    def rows(self, sha256: str) -> dict[str, Any] | None:
        """The index rows of the bundle ``sha256``, or None if no edition row names it."""
        db = self.db
        pk = self.edition_pks.get(sha256)
        if pk is None:  # not indexed when the check started; another program may have imported it since
            found = db.execute("SELECT pk FROM editions WHERE sha256 = ? ORDER BY pk LIMIT 1", [sha256]).fetchone()
            if found is None:
                return None
            pk = found[0]
            self._read_children(pk)
        row = db.execute(f"SELECT {', '.join(_EDITION_FIELDS)} FROM editions WHERE pk = ?", [pk]).fetchone()
        bundle = db.execute("SELECT bundle_id, revision, size, signer_key_id FROM bundles WHERE sha256 = ?", [sha256]).fetchone()
        chapters = db.execute(
            """SELECT c.ord, c.chapter_id, c.title, c.themes, c.file, c.theme_chapter, c.markdown, f.title, f.body
               FROM chapters c LEFT JOIN chapter_fts f ON f.rowid = c.pk WHERE c.edition_pk = ? ORDER BY c.ord""",
            [pk],
        ).fetchall()
        cached_html = db.execute("SELECT ord, html FROM chapters WHERE edition_pk = ? AND html IS NOT NULL ORDER BY ord", [pk]).fetchall()
        return {
            "pk": pk,
            "edition": dict(zip(_EDITION_FIELDS, row)),
            "bundle": tuple(bundle) if bundle else None,
            "chapters": [tuple(c) for c in chapters],
            "events": self.events.get(pk, []),
            "checklists": self.checklists.get(pk, []),
            "html": dict(cached_html),
        }


def _differences(actual: dict[str, Any], expected: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, message, params) for each way ``actual`` (the index) differs from ``expected`` (the signed bundle)."""
    found = []
    for name in _EDITION_FIELDS:
        a, e = actual["edition"][name], expected["edition"][name]
        if a != e:
            shown = _FIELD_NAMES.get(name, name)
            found.append(("index-edition-differs", f"{shown}: the index says {_short(a)}, the signed bundle {_short(e)}",
                          {"field": name, "index": a, "signed": e}))
    if actual["bundle"] != expected["bundle"]:
        found.append(("index-bundle-differs", "the bundle record does not match the signed bundle", {}))
    a_ch, e_ch = actual["chapters"], expected["chapters"]
    if len(a_ch) != len(e_ch):
        found.append(("index-chapters-differ", f"the index holds {len(a_ch)} chapter(s), the signed bundle {len(e_ch)}",
                      {"index": len(a_ch), "signed": len(e_ch)}))
    for a, e in zip(a_ch, e_ch):
        chapter = e[1]
        if a[:6] != e[:6]:
            found.append(("index-chapter-differs", f"chapter {chapter!r}: title, themes or file differ from the signed bundle",
                          {"chapter": chapter}))
        if a[6] != e[6]:
            found.append(("index-chapter-text-differs", f"chapter {chapter!r}: the text differs from the signed bundle",
                          {"chapter": chapter}))
        if a[7:] != e[7:]:
            found.append(("index-search-differs", f"chapter {chapter!r}: the search index differs from the signed text",
                          {"chapter": chapter}))
    if actual["events"] != expected["events"]:
        found.append(("index-events-differ", "the level events differ from the signed bundle", {}))
    if actual["checklists"] != expected["checklists"]:
        found.append(("index-checklists-differ", "the checklists differ from the signed bundle", {}))
    return found


# --- what the signed bundle says the index should hold -------------------------------------


@dataclass(frozen=True)
class _Examined:
    """One store file re-hashed and re-verified, with the index rows its signed content gives
    (as ``_IndexReader`` reads them from the index), or the finding that stopped it."""

    sha256: str
    size: int = 0
    problem: tuple[str, str, dict[str, Any]] | None = None  # code, message, params
    where: str | None = None  # bundle_id@revision, once verified
    expected: dict[str, Any] | None = None
    links: dict[str, str] = field(default_factory=dict)  # chapter file -> chapter id, for rendering
    assets: list[str] = field(default_factory=list)


def _verify(path: Path, trust: Any, limits: BundleLimits) -> importing.IndexRows:
    """``maintenance.verify_stored`` (a key revoked since still verifies), and the rows an import
    would write. The checklists are parsed once, by IndexRows, as the last step of the verify
    (where ``verify_bundle`` would parse them): the same errors, in the same order."""
    try:
        verified = verify_bundle(path, trust, limits, checklists=False)
    except RevokedKeyError:
        verified = verify_bundle(path, TrustIgnoringRevocation(trust), limits, checklists=False)
    return importing.IndexRows.of(verified)


def _signed_rows(rows: importing.IndexRows, size: int) -> dict[str, Any]:
    """What ``importing.write_index`` writes for ``rows``, in the shape ``_IndexReader`` reads it."""
    verified = rows.verified
    m = verified.manifest
    values = (
        m.bundle_id, m.revision, m.edition_number, m.edition_date, m.edition_name, m.title, m.summary.strip(),
        m.level.value, m.level.label, m.level.scale, m.level.since, int(m.demo or verified.signer.demo),
        m.publisher, m.language, m.created, json.dumps([[f.path, f.size, f.sha256] for f in m.files]), verified.signer_key_id,
    )
    events = [(ev.start, ev.end, ev.value, ev.label, ev.scale, ev.region, ev.note) for ev in m.level_events]
    events.sort(key=lambda e: (e[0], e[5]))  # ORDER BY start, region, pk: stable, so insertion order breaks ties
    return {
        "edition": dict(zip(_EDITION_FIELDS, values)),
        "bundle": (m.bundle_id, m.revision, size, verified.signer_key_id),
        "chapters": [
            (order, ch.id, ch.title, json.dumps(list(ch.themes)), ch.file, int(ch.theme_chapter), text, ch.title, plain)
            for order, ch, text, plain in rows.chapters
        ],
        "events": events,
        "checklists": [
            ((order, cl.id, cl.partner, cl.title), tuple((i, it.id, it.text, it.priority) for i, it in enumerate(cl.items)))
            for order, cl in enumerate(rows.checklists)
        ],
    }


PARALLEL_HASH_MIN_BYTES = 16 * 1024 * 1024  # a store file this big is hashed in a thread while it is verified


def _examine(path: Path, sha: str, trust: Any, limits: BundleLimits, cancel: threading.Event | None = None) -> _Examined:
    """Re-hash one store file, verify it and derive its index rows: the per-bundle work, done in
    this process or in a worker. A verify is used only once the file's hash is known to match."""
    try:
        big = path.stat().st_size >= PARALLEL_HASH_MIN_BYTES
    except OSError:
        big = False  # file_sha256 says why it cannot be read
    if big:
        return _examine_big(path, sha, trust, limits, cancel)
    try:
        digest, size = file_sha256(path, cancel)
    except OSError as exc:
        return _unreadable(sha, exc)
    if digest != sha:
        return _altered(sha, size)
    try:
        rows = _verify(path, trust, limits)
    except DTNError as exc:
        return _unverified(sha, size, exc)
    return _verified(sha, size, rows)


def _examine_big(path: Path, sha: str, trust: Any, limits: BundleLimits, cancel: threading.Event | None) -> _Examined:
    """``_examine`` for a big file: the whole-file hash runs in a thread (hashlib and zlib let go
    of the GIL) while the members are verified, so the two passes over the bytes overlap. The
    outcome is the same: a verify's result or error counts only if the hash matches."""
    hashed: list[Any] = []

    def hash_file() -> None:
        try:
            hashed.append(file_sha256(path, cancel))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            hashed.append(exc)

    thread = threading.Thread(target=hash_file, name="dtn-check-hash", daemon=True)
    thread.start()
    try:
        rows, failure = _verify(path, trust, limits), None
    except Exception as exc:  # noqa: BLE001 - decided below, once the hash is known
        rows, failure = None, exc
    thread.join()
    outcome = hashed[0]
    if isinstance(outcome, OSError):
        return _unreadable(sha, outcome)
    if isinstance(outcome, BaseException):
        raise outcome
    digest, size = outcome
    if digest != sha:
        return _altered(sha, size)
    if isinstance(failure, DTNError):
        return _unverified(sha, size, failure)
    if failure is not None:
        raise failure
    assert rows is not None
    return _verified(sha, size, rows)


def _unreadable(sha: str, exc: OSError) -> _Examined:
    return _Examined(sha, problem=("store-unreadable", f"store file {sha[:12]} cannot be read: {exc.strerror or exc}", {}))


def _altered(sha: str, size: int) -> _Examined:
    return _Examined(sha, size, ("store-hash-mismatch", f"store file {sha[:12]} was altered: its content no longer matches its sha256", {}))


def _unverified(sha: str, size: int, exc: DTNError) -> _Examined:
    return _Examined(sha, size, ("bundle-unverified", f"store file {sha[:12]} no longer verifies: {exc}", {"reason": str(exc)}))


def _verified(sha: str, size: int, rows: importing.IndexRows) -> _Examined:
    m = rows.verified.manifest
    return _Examined(
        sha, size, where=f"{m.bundle_id}@{m.revision}", expected=_signed_rows(rows, size),
        links={ch.file: ch.id for ch in m.chapters}, assets=[f.path for f in m.files if f.path.startswith("assets/")],
    )


# --- worker processes ---------------------------------------------------------------------------

CHECK_WORKERS = 2  # processes that hash, verify and derive the rows while this one compares
# Below this many store files the check runs here: a worker's start (a fresh interpreter and the
# library package, 0.3-0.9 s of CPU) costs more than half of ~8 ms per bundle saves.
MIN_BUNDLES_FOR_WORKERS = 200
WORKER_QUEUE_PER_WORKER = 4  # bundles handed out ahead per worker: bounds the derived text held at once
WORKER_START_METHOD = "spawn"  # never fork: the window's process runs Qt threads

_worker_setup: tuple[Any, BundleLimits] | None = None  # in a worker process only: its trust and limits


def _worker_init(trust: Any, limits: BundleLimits) -> None:
    global _worker_setup
    _worker_setup = (trust, limits)


def _worker_examine(path: str, sha: str) -> _Examined:
    assert _worker_setup is not None, "a check worker runs _worker_init first"
    return _examine(Path(path), sha, *_worker_setup)


def _examined(lib: LibraryBase, shas: list[str], trust: Any, workers: int, cancel: threading.Event | None) -> Iterator[_Examined]:
    """``_examine`` of every store file in ``shas``, in that order: in up to ``workers`` processes
    when there are enough files, else here. If the workers cannot start or stop working, the
    rest is examined here, so the check is the same either way."""
    done = 0
    if workers > 0 and len(shas) >= MIN_BUNDLES_FOR_WORKERS:
        try:
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context(WORKER_START_METHOD),
                initializer=_worker_init, initargs=(trust, lib.bundle_limits),
            )
        except (OSError, ValueError) as exc:
            log.warning("deep check: no worker processes (%s); checking in this process", exc)
        else:
            try:
                ahead = max(1, workers * WORKER_QUEUE_PER_WORKER)
                pending: deque[Future] = deque()
                for sha in shas[:ahead]:
                    pending.append(pool.submit(_worker_examine, str(lib.store.path_for(sha)), sha))
                while pending:
                    result = pending.popleft().result()
                    if done + ahead < len(shas):
                        sha = shas[done + ahead]
                        pending.append(pool.submit(_worker_examine, str(lib.store.path_for(sha)), sha))
                    done += 1
                    yield result
                    if cancel is not None and cancel.is_set():
                        raise CancelledError("check cancelled; nothing was changed")
            except (BrokenExecutor, OSError) as exc:
                log.warning("deep check: a worker process failed (%s); checking the rest in this process", exc)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    for sha in shas[done:]:
        if cancel is not None and cancel.is_set():
            raise CancelledError("check cancelled; nothing was changed")
        yield _examine(lib.store.path_for(sha), sha, trust, lib.bundle_limits, cancel)


# --- the checks ---------------------------------------------------------------------------

# Index rows that belong to no checked edition: each query counts them in one table.
_UNACCOUNTED = (
    ("editions", "SELECT count(*) FROM editions WHERE sha256 NOT IN (SELECT sha256 FROM bundles)"),
    ("editions", "SELECT count(*) - count(DISTINCT sha256) FROM editions"),
    ("chapters", "SELECT count(*) FROM chapters WHERE edition_pk NOT IN (SELECT pk FROM editions)"),
    ("chapter_fts", "SELECT count(*) FROM chapter_fts WHERE rowid NOT IN (SELECT pk FROM chapters)"),
    ("level_events", "SELECT count(*) FROM level_events WHERE edition_pk NOT IN (SELECT pk FROM editions)"),
    ("checklists", "SELECT count(*) FROM checklists WHERE edition_pk NOT IN (SELECT pk FROM editions)"),
    ("checklist_items", "SELECT count(*) FROM checklist_items WHERE checklist_pk NOT IN (SELECT pk FROM checklists)"),
)


def deep_check(
    lib: LibraryBase, progress: Progress | None = None, cancel: threading.Event | None = None, *, workers: int = CHECK_WORKERS
) -> CheckReport:
    """Re-hash, re-verify and compare every stored bundle with the index (see the module docstring).

    ``workers``: at most this many worker processes (0: all in this process; the report is
    the same). Reads only; changes nothing. Raises CancelledError when ``cancel`` is set.
    """

    report = CheckReport()
    stored = sorted(lib.store.hashes())
    trust = lib.trust.frozen() if isinstance(lib.trust, TrustStore) else lib.trust
    cores = os.cpu_count() or 1
    examined = _examined(lib, stored, trust, min(workers, cores) if cores > 1 else 0, cancel)  # one core: no gain
    try:
        result = lib.db.execute("PRAGMA integrity_check").fetchall()  # while the workers start
        if [r[0] for r in result] != ["ok"]:
            report.findings.extend(Finding("database-damaged", f"database: {r[0]}") for r in result[:20])
        indexed = {r[0]: (r[1], r[2]) for r in lib.db.execute("SELECT sha256, bundle_id, revision FROM bundles").fetchall()}
        for sha in sorted(set(indexed) - set(stored)):
            bundle_id, revision = indexed[sha]
            report.findings.append(Finding("store-missing", "its signed original is missing from the store", f"{bundle_id}@{revision}", sha))
        index = _IndexReader(lib.db)
        for done, item in enumerate(examined):
            report.bundles += 1
            report.bytes_hashed += item.size
            sha = item.sha256
            if item.problem is not None:
                where = f"{indexed[sha][0]}@{indexed[sha][1]}" if sha in indexed else None
                code, message, params = item.problem
                report.findings.append(Finding(code, message, where, sha, params))
            else:
                report.findings.extend(_compare(index, item))
            if progress:
                progress(done + 1, len(stored))
    finally:
        examined.close()
    for table, sql in _UNACCOUNTED:
        count = lib.db.execute(sql).fetchone()[0]
        if count:
            report.findings.append(Finding("index-rows-unaccounted", f"{table}: {count} row(s) that belong to no signed edition",
                                           params={"table": table, "rows": count}))
    leftovers = sorted(p.name for p in lib.store.folder.glob(".tmp-*")) if lib.store.folder.is_dir() else []
    report.findings.extend(Finding("store-leftover", f"leftover temporary file {name}") for name in leftovers)
    return report


def _compare(index: _IndexReader, item: _Examined) -> list[Finding]:
    """The findings for one verified store file: its index rows against what it says they are."""
    sha, where, expected = item.sha256, item.where, item.expected
    assert expected is not None
    actual = index.rows(sha)
    if actual is None:
        return [Finding("store-unindexed", "a verified store file is not in the index", where, sha)]
    found = [Finding(code, message, where, sha, params) for code, message, params in _differences(actual, expected)]
    for order, cached in actual["html"].items():
        if not 0 <= order < len(expected["chapters"]):
            continue  # a chapter the signed bundle does not have; reported above
        chapter = expected["chapters"][order]
        if cached != render_chapter(chapter[6], chapter_links=item.links, assets=item.assets).html:
            found.append(Finding("index-html-differs", f"chapter {chapter[1]!r}: the shown page differs from the signed text",
                                 where, sha, {"chapter": chapter[1]}))
    return found


def bounded_hash_check(lib: LibraryBase, limits: CheckLimits = CheckLimits(), cancel: threading.Event | None = None) -> CheckReport:
    """Re-hash store files within ``limits``, continuing after the file the last run stopped at.

    Over enough starts every file is checked. Writes only its cursor (a setting).
    """
    report = CheckReport()
    stored = sorted(lib.store.hashes())
    if not stored:
        return report
    cursor = lib.setting(SETTING_HASH_CURSOR, "") or ""
    start = next((i for i, sha in enumerate(stored) if sha > cursor), 0)
    order = stored[start:] + stored[:start]
    deadline = time.monotonic() + limits.background_max_seconds
    last = cursor
    indexed = {r[0]: f"{r[1]}@{r[2]}" for r in lib.db.execute("SELECT sha256, bundle_id, revision FROM bundles").fetchall()}
    for sha in order:
        if report.bundles and (report.bytes_hashed >= limits.background_max_bytes or time.monotonic() >= deadline):
            report.complete = False
            break
        path = lib.store.path_for(sha)
        try:
            digest, size = file_sha256(path, cancel)
        except OSError as exc:
            report.findings.append(Finding("store-unreadable", f"store file {sha[:12]} cannot be read: {exc.strerror or exc}", indexed.get(sha), sha))
            continue
        finally:
            report.bundles += 1
            last = sha
        report.bytes_hashed += size
        if digest != sha:
            report.findings.append(Finding("store-hash-mismatch", f"store file {sha[:12]} was altered: its content no longer matches its sha256", indexed.get(sha), sha))
    lib.set_setting(SETTING_HASH_CURSOR, last)
    return report


def report_json(report: CheckReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "bundles": report.bundles,
        "bytes_hashed": report.bytes_hashed,
        "complete": report.complete,
        "findings": [
            {"code": f.code, "message": f.message, "edition": f.edition, "sha256": f.sha256,
             "params": json.loads(json.dumps(f.params, default=str))}
            for f in report.findings
        ],
    }


# --- a damaged database -----------------------------------------------------------------------

DAMAGED_SUFFIX = ".damaged-"


def database_damage(db_path: Path) -> str | None:
    """Why the SQLite file at ``db_path`` is damaged, or None if it reads (or does not exist).

    Only damage counts: a locked or unopenable file is not damage.
    """
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    except sqlite3.OperationalError:
        return None
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("SELECT count(*) FROM bundles").fetchone()
    except sqlite3.OperationalError as exc:
        text = str(exc)
        return None if "locked" in text or "unable to open" in text else text
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    problems = [r[0] for r in rows]
    return None if problems == ["ok"] else "; ".join(problems[:5])


def set_aside_database(db_path: Path) -> Path:
    """Move a damaged database (and its WAL and shared-memory files) aside; returns where to.

    Raises LibraryError when it cannot be moved.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}{DAMAGED_SUFFIX}{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}{DAMAGED_SUFFIX}{stamp}-{n}")
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
        os.replace(db_path, target)
    except OSError as exc:
        raise LibraryError(
            f"the library database {db_path} is damaged and cannot be moved aside: {exc.strerror or exc}",
            code="database-set-aside-failed", path=str(db_path),
        ) from None
    log.info("moved the damaged library database to %s", target)
    return target


# --- quarantine and rebuild --------------------------------------------------------------------

QUARANTINE_DIR = "quarantine"


def quarantine(lib: LibraryBase, sha256: str, reason: str) -> Path:
    """Move a store file that fails again out of the store into ``quarantine/`` (kept, never
    deleted: it may be evidence, or verify once its key is trusted again), with an audit row.

    Raises LibraryError when it cannot be moved.
    """
    source = lib.store.path_for(sha256)
    folder = lib.folder / QUARANTINE_DIR
    target = folder / source.name
    try:
        folder.mkdir(exist_ok=True)
        os.replace(source, target)
    except OSError as exc:
        raise LibraryError(
            f"store file {sha256[:12]} fails ({reason}) and cannot be moved to {folder}: {exc.strerror or exc}",
            code="quarantine-failed", sha256=sha256, reason=reason,
        ) from None
    importing.audit_event(lib, "store", "quarantined", f"moved to {target}: {reason}", sha256=sha256)
    log.info("quarantined store file %s: %s", sha256, reason)
    return target


def rebuild_library(folder: Path, *, trust=None, progress: Progress | None = None, cancel: threading.Event | None = None) -> dict[str, Any]:
    """``dtn rebuild``: rebuild the index from the store, also when library.db is damaged
    (truncated, bit-flipped, unreadable): the damaged file is moved aside first.

    Store files whose content no longer matches their address are quarantined. Returns the
    rebuild report plus ``moved_aside`` (path or None), ``damage`` and ``quarantined``.
    """
    from reader.core.library.facade import Library

    folder = Path(folder)
    damage = database_damage(folder / schema.DB_NAME)
    moved = set_aside_database(folder / schema.DB_NAME) if damage else None
    with Library.open(folder, trust=trust, recover=False) as lib:
        if moved is not None:
            importing.audit_event(lib, "rebuild", "database set aside", f"damaged ({damage}); moved to {moved}")
        report = repair(lib, progress, cancel)
    report.update(moved_aside=str(moved) if moved else None, damage=damage)
    return report


def repair(lib: LibraryBase, progress: Progress | None = None, cancel: threading.Event | None = None) -> dict[str, Any]:
    """What repairs every finding of deep_check: quarantine the store files whose bytes no longer
    match their address, then rebuild the index from the rest. The rebuild report plus
    ``quarantined``: (sha256, where to) pairs."""
    quarantined = []
    for sha in sorted(lib.store.hashes()):
        path = lib.store.path_for(sha)
        try:
            digest = file_sha256(path, cancel)[0]
        except OSError:
            continue  # the rebuild reports it as not verifying
        if digest != sha:
            quarantined.append((sha, str(quarantine(lib, sha, "its content no longer matches its sha256"))))
    report = lib.rebuild(progress, cancel)
    report["quarantined"] = quarantined
    return report
