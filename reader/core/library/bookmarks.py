"""Bookmarks on a chapter or a section of it, each with an optional note.

A bookmark is kept by the edition's bundle id, the chapter id and the section's
anchor, never by row numbers: it follows the edition through its revisions,
survives a rebuild, and one place holds at most one bookmark (adding it again
changes its note). Bookmarks go to a JSON file and come back from one; an
import merges by place, so importing the same file twice adds nothing. Such a
file is hostile input like any other: its size, depth, count, ids, dates and
text are checked, and a bad file changes nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.bundle import ID_RE, SLUG_RE, TIMESTAMP_RE, _Fields, canonical_json, load_json
from reader.core.errors import BookmarksFileError, ExportError, LibraryError, LimitExceededError, ManifestError, NotFoundError, UnsafeTextError
from reader.core.library.changes import BOOKMARKS
from reader.core.library.models import Bookmark, BookmarkImport
from reader.core.trust import atomic_write, utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

BOOKMARKS_TYPE = "dtn-reader-bookmarks"
BOOKMARKS_VERSION = 1
# Characters kept of a note (the same cap as a checklist note).
MAX_NOTE_CHARS = 2000
# Bookmarks in one library, and in one file.
MAX_BOOKMARKS = 10_000
# Size of a bookmarks file, in bytes, and how deep its JSON may nest.
MAX_BOOKMARKS_FILE_BYTES = 8 * 1024 * 1024
MAX_BOOKMARKS_JSON_DEPTH = 8
# A section anchor: a heading id as the renderer makes them ("" is the chapter itself).
ANCHOR_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,199}")
_ENTRY_FIELDS = {"bundle_id", "chapter_id", "anchor", "note", "created_at", "updated_at"}
# Text a note may hold: no control characters but tab and newline, no lone surrogates.
_BAD_NOTE_CHAR_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def _check_note(note: str) -> str:
    if _BAD_NOTE_CHAR_RE.search(note):
        raise LibraryError("a note may not hold control characters", code="bookmark-note-text")
    return note[:MAX_NOTE_CHARS]


def add_bookmark(lib: LibraryBase, bundle_id: str, chapter_id: str, anchor: str = "", note: str = "") -> int:
    """Bookmark a chapter (``anchor`` "") or one of its sections; the place must be in the library.

    Adding a place that has a bookmark already replaces its note. Returns the bookmark's pk.
    Raises NotFoundError, LibraryError.
    """
    note = _check_note(note)
    if anchor and not ANCHOR_RE.fullmatch(anchor):
        raise NotFoundError(f"no section {anchor!r} in this chapter", code="bookmark-section-unknown", anchor=anchor)
    found = lib.db.execute(
        """SELECT 1 FROM chapters c JOIN editions e ON e.pk = c.edition_pk
           WHERE e.bundle_id = ? AND c.chapter_id = ? AND e.superseded_by IS NULL""",
        [bundle_id, chapter_id],
    ).fetchone()
    if not found:
        raise NotFoundError(
            f"no chapter {chapter_id!r} in edition {bundle_id!r}", code="bookmark-place-unknown", bundle_id=bundle_id, chapter_id=chapter_id
        )
    now = utc_now()
    with lib.db.atomic():
        if not _exists(lib, bundle_id, chapter_id, anchor):
            _check_room(lib)
        lib.db.execute(
            """INSERT INTO bookmarks (bundle_id, chapter_id, anchor, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (bundle_id, chapter_id, anchor) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at""",
            [bundle_id, chapter_id, anchor, note, now, now],
        )
        pk = lib.db.execute(
            "SELECT pk FROM bookmarks WHERE bundle_id = ? AND chapter_id = ? AND anchor = ?", [bundle_id, chapter_id, anchor]
        ).fetchone()[0]
    lib.note(BOOKMARKS)
    return pk


def set_bookmark_note(lib: LibraryBase, pk: int, note: str) -> None:
    """Change a bookmark's note. Raises NotFoundError, LibraryError."""
    note = _check_note(note)
    with lib.db.atomic():
        changed = lib.db.execute("UPDATE bookmarks SET note = ?, updated_at = ? WHERE pk = ?", [note, utc_now(), pk]).rowcount
    if not changed:
        raise NotFoundError(f"no bookmark {pk}; 'dtn bookmarks list' shows their numbers", code="bookmark-unknown", pk=pk)
    lib.note(BOOKMARKS)


def remove_bookmark(lib: LibraryBase, pk: int) -> None:
    """Remove a bookmark. Raises NotFoundError when there is none with that number."""
    with lib.db.atomic():
        removed = lib.db.execute("DELETE FROM bookmarks WHERE pk = ?", [pk]).rowcount
    if not removed:
        raise NotFoundError(f"no bookmark {pk}; 'dtn bookmarks list' shows their numbers", code="bookmark-unknown", pk=pk)
    lib.note(BOOKMARKS)


def _exists(lib: LibraryBase, bundle_id: str, chapter_id: str, anchor: str) -> bool:
    row = lib.db.execute("SELECT 1 FROM bookmarks WHERE bundle_id = ? AND chapter_id = ? AND anchor = ?", [bundle_id, chapter_id, anchor])
    return row.fetchone() is not None


def _check_room(lib: LibraryBase) -> None:
    if lib.db.execute("SELECT count(*) FROM bookmarks").fetchone()[0] >= MAX_BOOKMARKS:
        raise LibraryError(f"the library holds the maximum of {MAX_BOOKMARKS} bookmarks", code="bookmarks-full", limit=MAX_BOOKMARKS)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def bookmarks(lib: LibraryBase, search: str = "") -> list[Bookmark]:
    """Every bookmark, newest first; with ``search``, those whose note, chapter or edition holds it."""
    sql = """SELECT b.*, e.pk AS edition_pk, e.name AS edition_name, e.date AS edition_date, e.demo,
                    c.pk AS chapter_pk, c.title AS chapter_title, c.toc
             FROM bookmarks b
             LEFT JOIN editions e ON e.bundle_id = b.bundle_id AND e.superseded_by IS NULL
             LEFT JOIN chapters c ON c.edition_pk = e.pk AND c.chapter_id = b.chapter_id"""
    args: list[Any] = []
    if search.strip():
        sql += " WHERE b.note LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\'"
        args = [_like(search.strip())] * 3
    sql += " ORDER BY b.created_at DESC, b.pk DESC"
    return [_bookmark(row) for row in lib.db.query(sql, args)]


def _section_title(toc: str | None, anchor: str) -> str:
    if not anchor or not toc:
        return ""
    try:
        entries = json.loads(toc)
    except ValueError:
        return ""
    return next((e.get("title", "") for e in entries if isinstance(e, dict) and e.get("anchor") == anchor), "")


def _bookmark(row: dict) -> Bookmark:
    return Bookmark(
        pk=row["pk"],
        bundle_id=row["bundle_id"],
        chapter_id=row["chapter_id"],
        anchor=row["anchor"],
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"] or row["created_at"],
        edition_pk=row["edition_pk"],
        edition_name=row["edition_name"] or "",
        edition_date=row["edition_date"] or "",
        demo=bool(row["demo"]),
        chapter_pk=row["chapter_pk"],
        chapter_title=row["chapter_title"] or "",
        section_title=_section_title(row["toc"], row["anchor"]),
    )


# --- export and import -----------------------------------------------------------------------


def export_bookmarks(lib: LibraryBase) -> bytes:
    """Every bookmark as the bytes of a bookmarks file."""
    rows = lib.db.query("SELECT bundle_id, chapter_id, anchor, note, created_at, updated_at FROM bookmarks ORDER BY created_at, pk")
    entries = [{**row, "updated_at": row["updated_at"] or row["created_at"]} for row in rows]
    return canonical_json({"type": BOOKMARKS_TYPE, "version": BOOKMARKS_VERSION, "exported_at": utc_now(), "bookmarks": entries})


def write_bookmarks(lib: LibraryBase, path: str | Path) -> int:
    """Write every bookmark to ``path`` (whole or not at all). Returns how many. Raises ExportError."""
    path = Path(path)
    data = export_bookmarks(lib)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}", code="bookmarks-write", path=str(path), detail=exc.strerror or str(exc)) from None
    return len(json.loads(data)["bookmarks"])


def read_bookmarks_file(path: str | Path) -> bytes:
    """The bytes of a bookmarks file, at most MAX_BOOKMARKS_FILE_BYTES. Raises BookmarksFileError."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BOOKMARKS_FILE_BYTES + 1)
    except OSError as exc:
        raise BookmarksFileError(f"cannot read {path}: {exc.strerror or exc}", code="file-read", path=str(path), detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_BOOKMARKS_FILE_BYTES:
        raise BookmarksFileError(
            f"{path.name} is larger than {MAX_BOOKMARKS_FILE_BYTES} bytes", code="bookmarks-file-too-large", name=path.name, limit=MAX_BOOKMARKS_FILE_BYTES
        )
    return data


def parse_bookmarks(data: bytes, what: str = "the bookmarks file") -> list[dict[str, str]]:
    """The entries of a bookmarks file, every field checked. Raises BookmarksFileError."""
    try:
        obj = load_json(data, what, MAX_BOOKMARKS_FILE_BYTES, MAX_BOOKMARKS_JSON_DEPTH)
        top = _Fields(obj, what, {"type", "version", "exported_at", "bookmarks"})
        if top.text("type", 64) != BOOKMARKS_TYPE:
            raise BookmarksFileError(f"{what} is not a DTN Reader bookmarks file", code="bookmarks-file-type", what=what)
        version = top.integer("version", 1, 1_000_000)
        if version != BOOKMARKS_VERSION:
            raise BookmarksFileError(
                f"{what} has version {version}; this reader reads version {BOOKMARKS_VERSION}",
                code="bookmarks-file-version", what=what, version=version, supported=BOOKMARKS_VERSION,
            )
        raw_entries = top.items("bookmarks", MAX_BOOKMARKS)
        entries = []
        for i, raw in enumerate(raw_entries):
            f = _Fields(raw, f"bookmarks[{i}]", _ENTRY_FIELDS)
            entry = {
                "bundle_id": f.text("bundle_id", 64, pattern=ID_RE),
                "chapter_id": f.text("chapter_id", 64, pattern=SLUG_RE),
                # "" is the chapter itself; any other anchor must look like a heading id.
                "anchor": "" if raw.get("anchor") == "" else f.text("anchor", 200, optional=True, pattern=ANCHOR_RE) or "",
                "note": _file_note(f, i),
                "created_at": f.text("created_at", 20, pattern=TIMESTAMP_RE),
                "updated_at": f.text("updated_at", 20, optional=True, pattern=TIMESTAMP_RE),
            }
            entry["updated_at"] = entry["updated_at"] or entry["created_at"]
            entries.append(entry)
    except (ManifestError, LimitExceededError) as exc:  # the checks shared with bundles name the field
        raise BookmarksFileError(exc.message, code=exc.code, **exc.params) from None
    return entries


def _file_note(f: _Fields, i: int) -> str:
    """A note from a bookmarks file: newlines and tabs are fine, other control characters not."""
    try:
        note = f.text("note", MAX_NOTE_CHARS, optional=True, multiline=True) or ""
    except UnsafeTextError:
        note = None
    if note is None or _BAD_NOTE_CHAR_RE.search(note):
        raise BookmarksFileError(f"bookmarks[{i}].note holds control characters", code="bookmarks-file-note", index=i)
    return note


def import_bookmarks_file(lib: LibraryBase, path: str | Path) -> BookmarkImport:
    """:func:`import_bookmarks` from a file. Raises BookmarksFileError, LibraryError."""
    return import_bookmarks(lib, read_bookmarks_file(path), Path(path).name)


def import_bookmarks(lib: LibraryBase, data: bytes, what: str = "the bookmarks file") -> BookmarkImport:
    """Merge a bookmarks file into the library: new places are added; a place both hold keeps
    the newer note. All or nothing. Raises BookmarksFileError, LibraryError."""
    entries = parse_bookmarks(data, what)
    now = utc_now()
    added = updated = unchanged = 0
    with lib.db.atomic():
        for e in entries:
            # A date from the file is never later than now: a file cannot make its notes win forever.
            created, changed = min(e["created_at"], now), min(e["updated_at"], now)
            row = lib.db.execute(
                "SELECT pk, note, updated_at, created_at FROM bookmarks WHERE bundle_id = ? AND chapter_id = ? AND anchor = ?",
                [e["bundle_id"], e["chapter_id"], e["anchor"]],
            ).fetchone()
            if row is None:
                _check_room(lib)
                lib.db.execute(
                    "INSERT INTO bookmarks (bundle_id, chapter_id, anchor, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [e["bundle_id"], e["chapter_id"], e["anchor"], e["note"], created, changed],
                )
                added += 1
            elif e["note"] != row[1] and changed > (row[2] or row[3]):
                lib.db.execute("UPDATE bookmarks SET note = ?, updated_at = ? WHERE pk = ?", [e["note"], changed, row[0]])
                updated += 1
            else:
                unchanged += 1
    if added or updated:
        lib.note(BOOKMARKS)
    return BookmarkImport(added, updated, unchanged)
