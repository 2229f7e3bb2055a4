"""Importing: a bundle file or a folder of them is staged, verified, checked against the
import rules (rules.py), committed to the store and indexed, each with its audit row."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import sqlite3
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import pipeline
from reader.core.bundle import BUNDLE_SUFFIX, VerifiedBundle, verify_bundle
from reader.core.errors import BUG_ERROR_TYPE, CancelledError, DTNError, LibraryError, LibraryStorageError, bug_message
from reader.core.library import rules
from reader.core.library.changes import AUDIT
from reader.core.library.models import AuditEntry, ImportResult, Progress
from reader.core.prepare import IndexRows, Prepared, WorkerContext, prepare_import
from reader.core.trust import utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

log = logging.getLogger(__name__)

def import_file(lib: LibraryBase, path: str | Path, source: str | None = None) -> ImportResult:
    """Import one bundle file. Never raises for a bad bundle: the result says why it was rejected.

    The bytes are read once into the store's temporary file and verified there, outside
    any lock. Then one change (BEGIN IMMEDIATE) owns the rest: the present check and the
    rollback check (rules.py), the store commit, the index rows and the audit row. A
    second process importing at the same time waits for it, so what was checked is what
    is committed. Raises only the library's own storage errors (disk full, read-only,
    locked, damaged); the library is then as it was.
    """
    path = Path(path)
    shown = source or str(path)
    try:
        staged = lib.store.stage_file(path, lib.bundle_limits.archive.max_archive_bytes)
    except Exception as exc:  # noqa: BLE001 - raised again below, where the import handles it
        return _import_staged(lib, Prepared(None, error=exc), shown)
    return _import_staged(lib, Prepared(staged), shown)


def _rows_of(lib: LibraryBase, prepared: Prepared) -> IndexRows:
    """The bundle's index rows: as a worker prepared them, or verified here now."""
    if prepared.error is not None:
        raise prepared.error
    if prepared.rows is None:
        assert prepared.staged is not None
        # Checklists: IndexRows.of parses and checks them, once.
        prepared.rows = IndexRows.of(verify_bundle(prepared.staged.path, lib.trust, lib.bundle_limits, checklists=False))
    return prepared.rows


def _import_staged(lib: LibraryBase, prepared: Prepared, shown: str) -> ImportResult:
    """The rest of an import once the bytes are staged (and perhaps verified, by a worker)."""
    result = ImportResult(shown, "rejected")
    staged = prepared.staged
    try:
        if staged is None:
            assert prepared.error is not None
            raise prepared.error
        result.sha256 = staged.sha256
        verified = rows = None
        if rules.find_present(lib.db, staged.sha256) is None:  # else no need to verify: decided below
            rows = _rows_of(lib, prepared)
            verified = rows.verified
            _describe(result, verified)
        lib.step("import:verified")
        with lib.changing() as change:
            lib.step("import:begin")
            present = rules.find_present(change.db, staged.sha256)
            if present:
                lib.store.discard(staged)
                staged = None
                result.status, result.bundle_id, result.revision = "present", present[0], present[1]
                result.signer, result.signer_key_id, result.edition, result.demo = present[2], present[3], present[4], bool(present[5])
                audit_import(lib, result)
                lib.note(result.changes)
                return result
            if verified is None or rows is None:  # it was present at first look and has been removed since
                rows = _rows_of(lib, prepared)
                verified = rows.verified
                _describe(result, verified)
            ownership = rules.check_owner(change.db, verified)
            result.superseded = rules.check_rollback(change.db, verified, staged.sha256)
            size, sha = staged.size, staged.sha256
            if not lib.store.has(sha):
                change.on_rollback(lambda: lib.store.remove(sha))
            lib.store.commit(staged)
            staged = None
            result.status = "imported"
            write_index(lib, rows, sha, size, shown, ownership)
            audit_import(lib, result)
            lib.step("import:indexed")
        after_index(lib, verified, ownership)
        lib.note(result.changes)
        return result
    except (LibraryStorageError, OSError, sqlite3.Error):
        raise  # the library's own disk or database: failures.boundary names the cause
    except Exception as exc:  # noqa: BLE001 - an unexpected error is a bug, but still loses nothing
        result.status = "rejected"
        if staged is not None and result.bundle_id is None:
            _name_the_rejected(lib, staged.path, result)
        if isinstance(exc, DTNError):
            result.record_error(exc)
        else:
            log.error("import of %s failed unexpectedly", shown, exc_info=exc)
            result.reason, result.error_type = bug_message(exc), BUG_ERROR_TYPE
        audit_import(lib, result)
        lib.note(result.changes)
        return result
    finally:
        if staged is not None:
            lib.store.discard(staged)


def worker_context(lib: LibraryBase) -> WorkerContext:
    trust = copy.copy(lib.trust)
    trust.audit = None  # a worker only reads the trust store
    return WorkerContext(lib.store.folder, trust, lib.bundle_limits)


def _describe(result: ImportResult, verified: VerifiedBundle) -> None:
    m = verified.manifest
    result.bundle_id, result.revision = m.bundle_id, m.revision
    result.edition, result.signer, result.signer_key_id = m.edition_name, verified.signer_name, verified.signer_key_id
    result.demo = m.demo or verified.signer.demo
    result.files_checked = verified.files_checked


def _name_the_rejected(lib: LibraryBase, path: Path, result: ImportResult) -> None:
    """For the audit row of a rejected bundle: the bundle id, revision and signing key id its
    manifest and signature claim, whenever they can be read (unverified; the same caps and
    text checks as a verify apply, and nothing else is read)."""
    from reader.core.archive import Archive
    from reader.core.bundle import MANIFEST_NAME, SIGNATURE_NAME, load_json, parse_manifest
    from reader.core.minisign import Signature, format_key_id

    ml = lib.bundle_limits.manifest
    try:
        with Archive.open(str(path), lib.bundle_limits.archive) as archive:
            if SIGNATURE_NAME in archive.members and archive.members[SIGNATURE_NAME].size <= ml.max_signature_bytes:
                result.signer_key_id = format_key_id(Signature.from_bytes(archive.read(SIGNATURE_NAME)).key_id)
                known = lib.trust.get(result.signer_key_id)
                result.signer = known.name if known is not None else "unknown key"
            if MANIFEST_NAME in archive.members and archive.members[MANIFEST_NAME].size <= ml.max_manifest_bytes:
                data = archive.read(MANIFEST_NAME)
                manifest = parse_manifest(load_json(data, MANIFEST_NAME, ml.max_manifest_bytes, ml.max_json_depth), ml)
                result.bundle_id, result.revision = manifest.bundle_id, manifest.revision
    except (DTNError, OSError, ValueError):
        pass  # what could not be read stays unnamed


def index(
    lib: LibraryBase,
    verified: VerifiedBundle,
    sha256: str,
    size: int,
    source: str,
    result: ImportResult | None = None,
    ownership: rules.Ownership = rules.Ownership(),
) -> int:
    """Write one verified bundle into the index (inside the caller's change), with the audit
    row of ``result`` if given (and the rows of what ``ownership`` says it replaces or rotates)."""
    edition_pk = write_index(lib, IndexRows.of(verified), sha256, size, source, ownership)
    if result is not None:
        audit_import(lib, result)
    return edition_pk


def write_index(
    lib: LibraryBase, rows: IndexRows, sha256: str, size: int, source: str, ownership: rules.Ownership = rules.Ownership()
) -> int:
    """Write one bundle's prepared rows into the index; the newest revision supersedes the rest.

    Inside a change (the import's, the rebuild's) the rows go straight into its transaction,
    whose rollback undoes a write that fails: a savepoint of its own would make FTS5 flush its
    pending terms into a new segment at each release (and at each statement that opens a
    statement journal), one segment per bundle, which cost a rebuild (one transaction for
    every bundle) half its time. Outside a change it opens its own transaction."""
    verified = rows.verified
    m = verified.manifest
    now = utc_now()
    demo = m.demo or verified.signer.demo
    hidden = None
    with contextlib.nullcontext() if lib.db.conn.in_transaction else lib.db.atomic():
        _apply_ownership(lib, verified, ownership)
        lib.db.execute(
            "INSERT INTO bundles (sha256, bundle_id, revision, source, size, signer_key_id, signer_name, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [sha256, m.bundle_id, m.revision, source, size, verified.signer_key_id, verified.signer_name, now],
        )
        cursor = lib.db.execute(
            """INSERT INTO editions (bundle_id, revision, sha256, number, date, name, title, summary,
                level_value, level_label, level_scale, level_since, demo, publisher, language, created, files,
                signer_key_id, signer_name, imported_at, hidden_reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                m.bundle_id, m.revision, sha256, m.edition_number, m.edition_date, m.edition_name, m.title,
                m.summary.strip(), m.level.value, m.level.label, m.level.scale, m.level.since, int(demo),
                m.publisher, m.language, m.created,
                json.dumps([[f.path, f.size, f.sha256] for f in m.files]),
                verified.signer_key_id, verified.signer_name, now, hidden,
            ],
        )
        edition_pk = cursor.lastrowid
        # Each UPDATE only where it changes a row: an UPDATE opens a statement journal, and with
        # it FTS5 flushes the terms pending from the bundles before (see the docstring).
        if lib.db.execute(
            "SELECT 1 FROM editions WHERE bundle_id = ? AND pk != ? AND superseded_by IS NULL LIMIT 1", [m.bundle_id, edition_pk]
        ).fetchone():
            lib.db.execute(
                "UPDATE editions SET superseded_by = ? WHERE bundle_id = ? AND pk != ? AND superseded_by IS NULL",
                [edition_pk, m.bundle_id, edition_pk],
            )
        if lib.db.execute("SELECT 1 FROM bundles WHERE bundle_id = ? AND sha256 != ? LIMIT 1", [m.bundle_id, sha256]).fetchone():
            lib.db.execute("UPDATE bundles SET status = 'superseded' WHERE bundle_id = ? AND sha256 != ?", [m.bundle_id, sha256])
        # The keys SQLite would give the rows one by one (an INTEGER PRIMARY KEY without
        # AUTOINCREMENT takes the largest plus one), given here so that each table takes all
        # its rows in one statement.
        first_pk = lib.db.execute("SELECT coalesce(max(pk), 0) + 1 FROM chapters").fetchone()[0]
        lib.db.conn.executemany(
            """INSERT INTO chapters (pk, edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (first_pk + i, edition_pk, order, ch.id, ch.title, json.dumps(list(ch.themes)), ch.file, int(ch.theme_chapter), text)
                for i, (order, ch, text, _plain) in enumerate(rows.chapters)
            ],
        )
        lib.db.conn.executemany(
            "INSERT INTO chapter_fts (rowid, title, body) VALUES (?, ?, ?)",
            [(first_pk + i, ch.title, plain) for i, (_order, ch, _text, plain) in enumerate(rows.chapters)],
        )
        for ev in m.level_events:
            lib.db.execute(
                """INSERT INTO level_events (edition_pk, start, end, value, label, scale, region, note)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [edition_pk, ev.start, ev.end, ev.value, ev.label, ev.scale, ev.region, ev.note],
            )
        for order, cl in enumerate(rows.checklists):
            cur = lib.db.execute(
                "INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) VALUES (?, ?, ?, ?, ?)",
                [edition_pk, order, cl.id, cl.partner, cl.title],
            )
            lib.db.conn.executemany(
                "INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) VALUES (?, ?, ?, ?, ?)",
                [(cur.lastrowid, i, item.id, item.text, item.priority) for i, item in enumerate(cl.items)],
            )
    return edition_pk


def _apply_ownership(lib: LibraryBase, verified: VerifiedBundle, ownership: rules.Ownership) -> None:
    from reader.core.library.maintenance import delete_bundle_rows

    m = verified.manifest
    for sha in ownership.replaces_demo:
        delete_bundle_rows(lib, sha)
        audit_event(lib, "demo library", "demo replaced",
                    f"the demo edition {m.bundle_id} made way for the real one of {m.publisher}", sha256=sha, bundle_id=m.bundle_id)
    if ownership.rotated_from:
        audit_event(
            lib, "trust store", "key rotated",
            f"publisher {m.publisher!r} now signs {m.bundle_id} with key {verified.signer_key_id} (was {ownership.rotated_from})",
            bundle_id=m.bundle_id, revision=m.revision, signer=f"{verified.signer_name} ({verified.signer_key_id})",
        )


def after_index(lib: LibraryBase, verified: VerifiedBundle, ownership: rules.Ownership) -> None:
    """After the transaction: drop the stored bytes of replaced demo editions, and bind a key
    from before publisher binding to the publisher of the first bundle it brought."""
    for sha in ownership.replaces_demo:
        lib.store.remove(sha)
    signer = verified.signer
    if signer.unbound and not signer.any_publisher and not signer.builtin and lib.trust.get(signer.key_id) is not None:
        m = verified.manifest
        lib.trust.bind_publisher(signer.key_id, m.publisher, f"bound to publisher {m.publisher!r} by {m.bundle_id}, the first bundle it signed")


def audit_event(lib: LibraryBase, source: str, result: str, reason: str, **fields: object) -> None:
    """One audit row that is not an import (a trust change, a quarantine, a demo change)."""
    columns = ["time", "source", "result", "reason", *fields]
    with lib.db.atomic():
        lib.db.execute(
            f"INSERT INTO audit ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [utc_now(), source, result, reason, *fields.values()],
        )
    lib.note(AUDIT)


def audit_import(lib: LibraryBase, result: ImportResult) -> None:
    result_name = {"imported": "imported", "present": "already present", "rejected": "rejected"}[result.status]
    with lib.db.atomic():
        lib.db.execute(
            "INSERT INTO audit (time, source, sha256, result, reason, signer, bundle_id, revision, error_type, error_code, error_params)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(), result.source, result.sha256, result_name, result.reason,
                f"{result.signer} ({result.signer_key_id})" if result.signer else None,
                result.bundle_id, result.revision, result.error_type,
                result.error_code, json.dumps(result.error_params, ensure_ascii=False, default=str) if result.error_params is not None else None,
            ],
        )


def scan_folder(lib: LibraryBase, folder: str | Path) -> list[Path]:
    """Every ``*.dtnb`` below ``folder`` (symlinks not followed), within the depth and count caps."""
    folder = Path(folder)
    found: list[Path] = []
    seen = 0
    stack: list[tuple[Path, int]] = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            raise LibraryError(
                f"cannot read folder {current}: {exc.strerror or exc}", code="scan-folder-read", folder=str(current), detail=exc.strerror or str(exc)
            ) from None
        subdirs = []
        for entry in entries:
            seen += 1
            if seen > lib.limits.max_scan_entries:
                raise LibraryError(
                    f"{folder} holds more than {lib.limits.max_scan_entries} entries; choose a smaller folder", code="scan-too-many-entries", folder=str(folder), limit=lib.limits.max_scan_entries
                )
            if entry.is_symlink() or entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth < lib.limits.max_scan_depth:
                    subdirs.append((Path(entry.path), depth + 1))
            elif entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(BUNDLE_SUFFIX):
                found.append(Path(entry.path))
                if len(found) > lib.limits.max_scan_bundles:
                    raise LibraryError(
                        f"{folder} holds more than {lib.limits.max_scan_bundles} bundles; import it in parts", code="scan-too-many-bundles", folder=str(folder), limit=lib.limits.max_scan_bundles
                    )
        stack.extend(reversed(subdirs))
    return sorted(found)


def import_paths(
    lib: LibraryBase,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    pipelined: bool | None = None,
) -> list[ImportResult]:
    """Import files and folders (every .dtnb below a folder). Each bundle is reported on its own.

    With many bundles (``pipeline.MIN_PIPELINED_BUNDLES``; ``pipelined`` says so for any
    number), worker processes stage and verify the next bundles while this process commits
    the one before; each still gets its own durable change, and the results are the same.
    """
    files: list[tuple[Path, str]] = []
    results: list[ImportResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                files.extend((p, str(p)) for p in scan_folder(lib, path))
            except LibraryError as exc:
                result = ImportResult(str(path), "rejected").record_error(exc)
                audit_import(lib, result)
                lib.note(result.changes)
                results.append(result)
        else:
            files.append((path, str(path)))
    total = len(files)
    if pipelined if pipelined is not None else total >= pipeline.MIN_PIPELINED_BUNDLES:
        if _import_pipelined(lib, files, results, progress, cancel):
            return results
    for done, (path, shown) in enumerate(files):
        if cancel is not None and cancel.is_set():
            cancelled = CancelledError(f"import cancelled after {done} of {total} bundles", code="import-cancelled", done=done, total=total)
            cancelled.results = results  # what was done before the cancel
            raise cancelled
        results.append(import_file(lib, path, shown))
        if progress:
            progress(done + 1, total)
    return results


def _import_pipelined(
    lib: LibraryBase,
    files: list[tuple[Path, str]],
    results: list[ImportResult],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> bool:
    """Import ``files`` with their staging and verifying in worker processes. Returns False,
    having done nothing, when no worker can be started (the caller imports them itself)."""
    lib.store.ensure()
    tasks = [(path, lib.store.new_tmp_path()) for path, _shown in files]
    shown_of = {tmp: shown for (_path, shown), (_p, tmp) in zip(files, tasks)}
    preparer = pipeline.Preparer(prepare_import, worker_context(lib), tasks, cleanup=lambda task: task[1].unlink(missing_ok=True))
    if not preparer.start():
        return False
    total = len(files)
    with preparer:
        for done, ((_path, tmp), prepared, error) in enumerate(preparer):
            if error is not None:  # the worker died or failed outside the import's own code
                tmp.unlink(missing_ok=True)
                prepared = Prepared(None, error=error)
            if cancel is not None and cancel.is_set():
                if prepared.staged is not None:
                    lib.store.discard(prepared.staged)
                cancelled = CancelledError(f"import cancelled after {done} of {total} bundles", code="import-cancelled", done=done, total=total)
                cancelled.results = results  # what was done before the cancel
                raise cancelled
            results.append(_import_staged(lib, prepared, shown_of[tmp]))
            if progress:
                progress(done + 1, total)
    return True


# The audit log's results in groups, for filtering ("trust" and "library" are not imports).
AUDIT_RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    "imported": ("imported", "already present"),
    "rejected": ("rejected",),
    "trust": ("key added", "key revoked", "revocation undone", "publisher bound", "key rotated"),
    "library": ("loaded", "removed", "demo replaced", "rebuilt", "quarantined", "database set aside"),
}
AUDIT_CSV_COLUMNS = ("id", "time", "result", "source", "bundle_id", "revision", "signer", "sha256", "error_type", "reason")


def audit_log(
    lib: LibraryBase,
    limit: int = 1000,
    *,
    results: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[AuditEntry]:
    """The audit log, newest first; only rows whose result is one of ``results``, and whose
    time is on or after ``since`` and before ``until`` (ISO dates or times, UTC), if given."""
    where, params = [], []
    wanted = list(results or [])
    if wanted:
        where.append(f"result IN ({', '.join('?' * len(wanted))})")
        params.extend(wanted)
    if since:
        where.append("time >= ?")
        params.append(since)
    if until:
        where.append("time < ?")
        params.append(until)
    sql = "SELECT * FROM audit" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id DESC LIMIT ?"
    return [_audit_entry(r) for r in lib.db.query(sql, [*params, limit])]


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """Audit rows as CSV text (RFC 4180, a header line). A cell that a spreadsheet would run
    as a formula (starting with = + - @ or a tab) gets a leading apostrophe: bundle ids and
    reasons come from hostile files."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(AUDIT_CSV_COLUMNS)
    for entry in entries:
        row = []
        for column in AUDIT_CSV_COLUMNS:
            value = getattr(entry, column)
            text = "" if value is None else str(value)
            row.append("'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text)
        writer.writerow(row)
    return out.getvalue()


def _audit_entry(row: dict) -> AuditEntry:
    try:
        params = json.loads(row["error_params"]) if row["error_params"] else None
    except ValueError:
        params = None
    return AuditEntry(**{**row, "error_params": params if isinstance(params, dict) else None})
