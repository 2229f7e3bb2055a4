"""The deep check: the library re-verified end to end against its signed originals.

Every store file is re-hashed against its content address, every stored bundle is
verified again against the current trust store, and what the index holds for it
(bundle row, edition, levels, level events, chapter text and its rendered cache,
checklists, the search index) is compared with what indexing the signed bundle
afresh gives, in a throw-away in-memory index built by the same code as the real one.
Differences are reported per edition; ``dtn rebuild`` repairs every one of them.

A second, bounded check re-hashes store files only, within a byte and time budget,
continuing where the previous start stopped: the window runs it after each start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.core.errors import CancelledError, DTNError, LibraryError
from reader.core.library import importing, maintenance, queries, schema
from reader.core.library.base import LibraryBase

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
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK_BYTES):
            if cancel is not None and cancel.is_set():
                raise CancelledError("check cancelled; nothing was changed")
            digest.update(chunk)
            size += len(chunk)
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


def _index_rows(db: sqlite_utils.Database, sha256: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT pk, {', '.join(_EDITION_FIELDS)} FROM editions WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return None
    pk, values = row[0], row[1:]
    bundle = db.execute("SELECT bundle_id, revision, size, signer_key_id FROM bundles WHERE sha256 = ?", [sha256]).fetchone()
    chapters = db.execute(
        """SELECT c.ord, c.chapter_id, c.title, c.themes, c.file, c.theme_chapter, c.markdown, f.title, f.body
           FROM chapters c LEFT JOIN chapter_fts f ON f.rowid = c.pk WHERE c.edition_pk = ? ORDER BY c.ord""",
        [pk],
    ).fetchall()
    events = db.execute(
        "SELECT start, end, value, label, scale, region, note FROM level_events WHERE edition_pk = ? ORDER BY start, region, pk",
        [pk],
    ).fetchall()
    checklists = []
    for cl_pk, *cl in db.execute(
        "SELECT pk, ord, checklist_id, partner, title FROM checklists WHERE edition_pk = ? ORDER BY ord", [pk]
    ).fetchall():
        items = db.execute("SELECT ord, item_id, text, priority FROM checklist_items WHERE checklist_pk = ? ORDER BY ord", [cl_pk]).fetchall()
        checklists.append((tuple(cl), tuple(items)))
    cached_html = db.execute("SELECT ord, html FROM chapters WHERE edition_pk = ? AND html IS NOT NULL ORDER BY ord", [pk]).fetchall()
    return {
        "pk": pk,
        "edition": dict(zip(_EDITION_FIELDS, values)),
        "bundle": tuple(bundle) if bundle else None,
        "chapters": [tuple(c) for c in chapters],
        "events": [tuple(e) for e in events],
        "checklists": checklists,
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


# --- the checks ---------------------------------------------------------------------------


def deep_check(lib: LibraryBase, progress: Progress | None = None, cancel: threading.Event | None = None) -> CheckReport:
    """Re-hash, re-verify and compare every stored bundle with the index (see the module docstring).

    Reads only; changes nothing. Raises CancelledError when ``cancel`` is set.
    """

    report = CheckReport()
    result = lib.db.execute("PRAGMA integrity_check").fetchall()
    if [r[0] for r in result] != ["ok"]:
        report.findings.extend(Finding("database-damaged", f"database: {r[0]}") for r in result[:20])
    indexed = {r[0]: (r[1], r[2]) for r in lib.db.execute("SELECT sha256, bundle_id, revision FROM bundles").fetchall()}
    stored = sorted(lib.store.hashes())
    for sha in sorted(set(indexed) - set(stored)):
        bundle_id, revision = indexed[sha]
        report.findings.append(Finding("store-missing", "its signed original is missing from the store", f"{bundle_id}@{revision}", sha))
    shadow_db = sqlite_utils.Database(memory=True)
    schema.prepare(shadow_db)
    shadow = LibraryBase(lib.folder, shadow_db, lib.store, lib.trust, lib.limits, lib.bundle_limits)
    for done, sha in enumerate(stored):
        if cancel is not None and cancel.is_set():
            raise CancelledError("check cancelled; nothing was changed")
        report.bundles += 1
        where = f"{indexed[sha][0]}@{indexed[sha][1]}" if sha in indexed else None
        path = lib.store.path_for(sha)
        try:
            digest, size = file_sha256(path, cancel)
        except OSError as exc:
            report.findings.append(Finding("store-unreadable", f"store file {sha[:12]} cannot be read: {exc.strerror or exc}", where, sha))
            continue
        report.bytes_hashed += size
        if digest != sha:
            report.findings.append(Finding("store-hash-mismatch", f"store file {sha[:12]} was altered: its content no longer matches its sha256", where, sha))
            continue
        try:
            verified = maintenance.verify_stored(lib, path)
        except DTNError as exc:
            report.findings.append(Finding("bundle-unverified", f"store file {sha[:12]} no longer verifies: {exc}", where, sha, {"reason": str(exc)}))
            continue
        where = f"{verified.manifest.bundle_id}@{verified.manifest.revision}"
        actual = _index_rows(lib.db, sha)
        if actual is None:
            report.findings.append(Finding("store-unindexed", "a verified store file is not in the index", where, sha))
            continue
        with shadow_db.atomic():
            for table in schema.INDEX_TABLES:
                shadow_db.execute(f"DELETE FROM {table}")
        importing.index(shadow, verified, sha, size, "check")  # the same indexing code as an import
        expected = _index_rows(shadow_db, sha)
        for code, message, params in _differences(actual, expected):
            report.findings.append(Finding(code, message, where, sha, params))
        for order, cached in actual["html"].items():
            row = next(shadow_db.query("SELECT pk, edition_pk, markdown FROM chapters WHERE ord = ?", [order]), None)
            if row is None:
                continue  # a chapter the signed bundle does not have; reported above
            if cached != queries._render(shadow, row).html:
                chapter = expected["chapters"][order][1] if order < len(expected["chapters"]) else order
                report.findings.append(Finding("index-html-differs", f"chapter {chapter!r}: the shown page differs from the signed text",
                                               where, sha, {"chapter": chapter}))
        if progress:
            progress(done + 1, len(stored))
    shadow_db.close()
    leftovers = sorted(p.name for p in lib.store.folder.glob(".tmp-*")) if lib.store.folder.is_dir() else []
    report.findings.extend(Finding("store-leftover", f"leftover temporary file {name}") for name in leftovers)
    return report


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
