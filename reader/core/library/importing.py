"""Importing: a bundle file or a folder of them is staged, verified, checked against the
import rules (rules.py), committed to the store and indexed, each with its audit row."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.bundle import BUNDLE_SUFFIX, VerifiedBundle, verify_bundle
from reader.core.errors import BUG_ERROR_TYPE, CancelledError, DTNError, LibraryError, bug_message
from reader.core.library import rules
from reader.core.library.models import AuditEntry, ImportResult, Progress
from reader.core.render import plain_text
from reader.core.trust import utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

log = logging.getLogger(__name__)

def import_file(lib: LibraryBase, path: str | Path, source: str | None = None) -> ImportResult:
    """Import one bundle file. Never raises for a bad bundle: the result says why it was rejected."""
    path = Path(path)
    shown = source or str(path)
    result = ImportResult(shown, "rejected")
    staged = None
    committed = None  # a store file this import put in place but has not indexed yet
    try:
        staged = lib.store.stage_file(path, lib.bundle_limits.archive.max_archive_bytes)
        result.sha256 = staged.sha256
        present = rules.find_present(lib.db, staged.sha256)
        if present:
            lib.store.discard(staged)
            result.status, result.bundle_id, result.revision = "present", present[0], present[1]
            result.signer, result.signer_key_id, result.edition, result.demo = present[2], present[3], present[4], bool(present[5])
            audit_import(lib, result)
            return result
        verified = verify_bundle(staged.path, lib.trust, lib.bundle_limits)
        m = verified.manifest
        result.bundle_id, result.revision = m.bundle_id, m.revision
        result.edition, result.signer, result.signer_key_id = m.edition_name, verified.signer_name, verified.signer_key_id
        result.demo = m.demo or verified.signer.demo
        result.files_checked = verified.files_checked
        ownership = rules.check_owner(lib.db, verified)
        result.superseded = rules.check_rollback(lib.db, verified, staged.sha256)
        size = staged.size
        lib.store.commit(staged)
        staged, committed = None, staged.sha256
        result.status = "imported"
        index(lib, verified, result.sha256, size, shown, result, ownership)
        after_index(lib, verified, ownership)
        return result
    except Exception as exc:  # noqa: BLE001 - an unexpected error is a bug, but still loses nothing
        if staged is not None:
            if result.bundle_id is None:
                _name_the_rejected(lib, staged.path, result)
            lib.store.discard(staged)
        if committed is not None:  # never left for startup recovery to trip over again
            lib.store.remove(committed)
        result.status = "rejected"
        if isinstance(exc, DTNError):
            result.reason, result.error_type = str(exc), type(exc).__name__
        else:
            log.exception("import of %s failed unexpectedly", shown)
            result.reason, result.error_type = bug_message(exc), BUG_ERROR_TYPE
        audit_import(lib, result)
        return result


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
    """Write one verified bundle into the index, in one transaction with its audit row
    (and the rows of what ``ownership`` says it replaces or rotates)."""
    m = verified.manifest
    now = utc_now()
    demo = m.demo or verified.signer.demo
    chapters = []
    for order, ch in enumerate(m.chapters):
        text = verified.text(ch.file)
        chapters.append((order, ch, text, plain_text(text)))
    checklists = [verified.checklist(entry) for entry in m.checklists]
    hidden = None
    with lib.db.atomic():
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
        lib.db.execute(
            "UPDATE editions SET superseded_by = ? WHERE bundle_id = ? AND pk != ? AND superseded_by IS NULL",
            [edition_pk, m.bundle_id, edition_pk],
        )
        lib.db.execute("UPDATE bundles SET status = 'superseded' WHERE bundle_id = ? AND sha256 != ?", [m.bundle_id, sha256])
        for order, ch, text, plain in chapters:
            cur = lib.db.execute(
                """INSERT INTO chapters (edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [edition_pk, order, ch.id, ch.title, json.dumps(list(ch.themes)), ch.file, int(ch.theme_chapter), text],
            )
            lib.db.execute("INSERT INTO chapter_fts (rowid, title, body) VALUES (?, ?, ?)", [cur.lastrowid, ch.title, plain])
        for ev in m.level_events:
            lib.db.execute(
                """INSERT INTO level_events (edition_pk, start, end, value, label, scale, region, note)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [edition_pk, ev.start, ev.end, ev.value, ev.label, ev.scale, ev.region, ev.note],
            )
        for order, cl in enumerate(checklists):
            cur = lib.db.execute(
                "INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) VALUES (?, ?, ?, ?, ?)",
                [edition_pk, order, cl.id, cl.partner, cl.title],
            )
            lib.db.conn.executemany(
                "INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) VALUES (?, ?, ?, ?, ?)",
                [(cur.lastrowid, i, item.id, item.text, item.priority) for i, item in enumerate(cl.items)],
            )
        if result is not None:
            audit_import(lib, result)
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


def audit_import(lib: LibraryBase, result: ImportResult) -> None:
    result_name = {"imported": "imported", "present": "already present", "rejected": "rejected"}[result.status]
    with lib.db.atomic():
        lib.db.execute(
            "INSERT INTO audit (time, source, sha256, result, reason, signer, bundle_id, revision, error_type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(), result.source, result.sha256, result_name, result.reason,
                f"{result.signer} ({result.signer_key_id})" if result.signer else None,
                result.bundle_id, result.revision, result.error_type,
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
            raise LibraryError(f"cannot read folder {current}: {exc.strerror or exc}") from None
        subdirs = []
        for entry in entries:
            seen += 1
            if seen > lib.limits.max_scan_entries:
                raise LibraryError(f"{folder} holds more than {lib.limits.max_scan_entries} entries; choose a smaller folder")
            if entry.is_symlink() or entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth < lib.limits.max_scan_depth:
                    subdirs.append((Path(entry.path), depth + 1))
            elif entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(BUNDLE_SUFFIX):
                found.append(Path(entry.path))
                if len(found) > lib.limits.max_scan_bundles:
                    raise LibraryError(f"{folder} holds more than {lib.limits.max_scan_bundles} bundles; import it in parts")
        stack.extend(reversed(subdirs))
    return sorted(found)


def import_paths(
    lib: LibraryBase,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[ImportResult]:
    """Import files and folders (every .dtnb below a folder). Each bundle is reported on its own."""
    files: list[tuple[Path, str]] = []
    results: list[ImportResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                files.extend((p, str(p)) for p in scan_folder(lib, path))
            except LibraryError as exc:
                result = ImportResult(str(path), "rejected", reason=str(exc), error_type=type(exc).__name__)
                audit_import(lib, result)
                results.append(result)
        else:
            files.append((path, str(path)))
    total = len(files)
    for done, (path, shown) in enumerate(files):
        if cancel is not None and cancel.is_set():
            cancelled = CancelledError(f"import cancelled after {done} of {total} bundles")
            cancelled.results = results  # what was done before the cancel
            raise cancelled
        results.append(import_file(lib, path, shown))
        if progress:
            progress(done + 1, total)
    return results


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
    return [AuditEntry(**r) for r in lib.db.query(sql, [*params, limit])]


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
