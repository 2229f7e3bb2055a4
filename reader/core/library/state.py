"""The reader's own state, kept by stable ids so it survives new revisions and rebuilds:
ticks and notes on checklist items, bookmarks, reading positions and settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.errors import NotFoundError
from reader.core.library.limits import MAX_NOTE_CHARS
from reader.core.library.models import ChecklistItemState, ChecklistView
from reader.core.trust import utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase


def checklists(lib: LibraryBase, edition_pk: int) -> list[ChecklistView]:
    result = []
    for cl in lib.db.query("SELECT * FROM checklists WHERE edition_pk = ? ORDER BY ord", [edition_pk]):
        items = [
            ChecklistItemState(r["item_id"], r["text"], r["priority"], bool(r["ticked"] or 0), r["note"] or "", r["updated_at"])
            for r in lib.db.query(
                """SELECT i.item_id, i.text, i.priority, s.ticked, s.note, s.updated_at FROM checklist_items i
                   LEFT JOIN checklist_state s ON s.checklist_id = ? AND s.item_id = i.item_id
                   WHERE i.checklist_pk = ? ORDER BY i.ord""",
                [cl["checklist_id"], cl["pk"]],
            )
        ]
        result.append(ChecklistView(cl["checklist_id"], cl["partner"], cl["title"], items))
    return result


def set_item_state(lib: LibraryBase, checklist_id: str, item_id: str, *, ticked: bool | None = None, note: str | None = None) -> None:
    exists = lib.db.execute(
        "SELECT 1 FROM checklist_items i JOIN checklists c ON c.pk = i.checklist_pk WHERE c.checklist_id = ? AND i.item_id = ?",
        [checklist_id, item_id],
    ).fetchone()
    if not exists:
        raise NotFoundError(f"no checklist item {checklist_id}/{item_id}")
    with lib.db.atomic():
        row = lib.db.execute("SELECT ticked, note FROM checklist_state WHERE checklist_id = ? AND item_id = ?", [checklist_id, item_id]).fetchone()
        current_ticked, current_note = (bool(row[0]), row[1]) if row else (False, "")
        lib.db.execute(
            "INSERT OR REPLACE INTO checklist_state (checklist_id, item_id, ticked, note, updated_at) VALUES (?, ?, ?, ?, ?)",
            [checklist_id, item_id, int(current_ticked if ticked is None else ticked), current_note if note is None else note[:MAX_NOTE_CHARS], utc_now()],
        )


def reading_position(lib: LibraryBase, bundle_id: str, chapter_id: str) -> float:
    row = lib.db.execute("SELECT position FROM reading_positions WHERE bundle_id = ? AND chapter_id = ?", [bundle_id, chapter_id]).fetchone()
    return float(row[0]) if row else 0.0


def set_reading_position(lib: LibraryBase, bundle_id: str, chapter_id: str, position: float) -> None:
    with lib.db.atomic():
        lib.db.execute(
            "INSERT OR REPLACE INTO reading_positions (bundle_id, chapter_id, position, updated_at) VALUES (?, ?, ?, ?)",
            [bundle_id, chapter_id, min(max(position, 0.0), 1.0), utc_now()],
        )


def add_bookmark(lib: LibraryBase, bundle_id: str, chapter_id: str, anchor: str = "", note: str = "") -> int:
    with lib.db.atomic():
        return lib.db.execute(
            "INSERT INTO bookmarks (bundle_id, chapter_id, anchor, note, created_at) VALUES (?, ?, ?, ?, ?)",
            [bundle_id, chapter_id, anchor, note[:MAX_NOTE_CHARS], utc_now()],
        ).lastrowid


def bookmarks(lib: LibraryBase) -> list[dict]:
    return list(lib.db.query("SELECT * FROM bookmarks ORDER BY created_at DESC"))


def remove_bookmark(lib: LibraryBase, pk: int) -> None:
    with lib.db.atomic():
        lib.db.execute("DELETE FROM bookmarks WHERE pk = ?", [pk])


def setting(lib: LibraryBase, key: str, default: str | None = None) -> str | None:
    row = lib.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(lib: LibraryBase, key: str, value: str) -> None:
    with lib.db.atomic():
        lib.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])
