"""Importing: a bundle file or a folder of them is staged, verified, checked against the
import rules (rules.py), committed to the store and indexed, each with its audit row."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.bundle import BUNDLE_SUFFIX, VerifiedBundle, verify_bundle
from reader.core.errors import CancelledError, DTNError, LibraryError
from reader.core.library import rules
from reader.core.library.models import AuditEntry, ImportResult, Progress
from reader.core.render import plain_text
from reader.core.trust import utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

def import_file(lib: LibraryBase, path: str | Path, source: str | None = None) -> ImportResult:
    """Import one bundle file. Never raises for a bad bundle: the result says why it was rejected."""
    path = Path(path)
    shown = source or str(path)
    result = ImportResult(shown, "rejected")
    staged = None
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
        result.superseded = rules.check_rollback(lib.db, verified, staged.sha256)
        size = staged.size
        lib.store.commit(staged)
        staged = None
        result.status = "imported"
        index(lib, verified, result.sha256, size, shown, result)
        return result
    except DTNError as exc:
        if staged is not None:
            lib.store.discard(staged)
        result.record_error(exc)
        audit_import(lib, result)
        return result


def index(lib: LibraryBase, verified: VerifiedBundle, sha256: str, size: int, source: str, result: ImportResult | None = None) -> int:
    """Write one verified bundle into the index, in one transaction with its audit row."""
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
                result = ImportResult(str(path), "rejected").record_error(exc)
                audit_import(lib, result)
                results.append(result)
        else:
            files.append((path, str(path)))
    total = len(files)
    for done, (path, shown) in enumerate(files):
        if cancel is not None and cancel.is_set():
            cancelled = CancelledError(f"import cancelled after {done} of {total} bundles", code="import-cancelled", done=done, total=total)
            cancelled.results = results  # what was done before the cancel
            raise cancelled
        results.append(import_file(lib, path, shown))
        if progress:
            progress(done + 1, total)
    return results


def audit_log(lib: LibraryBase, limit: int = 1000) -> list[AuditEntry]:
    """The audit log, newest first."""
    return [_audit_entry(r) for r in lib.db.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit])]


def _audit_entry(row: dict) -> AuditEntry:
    try:
        params = json.loads(row["error_params"]) if row["error_params"] else None
    except ValueError:
        params = None
    return AuditEntry(**{**row, "error_params": params if isinstance(params, dict) else None})
