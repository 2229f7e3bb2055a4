"""The reader's own state, kept by stable ids so it survives new revisions and rebuilds:
ticks and notes on checklist items (per edition: its bundle id), reading positions and
settings. Bookmarks are in bookmarks.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.errors import NotFoundError
from reader.core.library.changes import READING_STATE, SETTINGS
from reader.core.library.limits import MAX_NOTE_CHARS
from reader.core.library.models import CarryOver, ChecklistItemState, ChecklistView
from reader.core.trust import utc_now

# Characters kept of a note on a checklist item.

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase


def _bundle_id(lib: LibraryBase, edition_pk: int) -> str:
    row = lib.db.execute("SELECT bundle_id FROM editions WHERE pk = ?", [edition_pk]).fetchone()
    if row is None:
        raise NotFoundError(f"no edition {edition_pk}", code="edition-unknown", edition=edition_pk)
    return row[0]


def checklists(lib: LibraryBase, edition_pk: int) -> list[ChecklistView]:
    """The checklists of an edition with this edition's ticks and notes (kept by its bundle id)."""
    bundle_id = _bundle_id(lib, edition_pk)
    result = []
    for cl in lib.db.query("SELECT * FROM checklists WHERE edition_pk = ? ORDER BY ord", [edition_pk]):
        items = [
            ChecklistItemState(r["item_id"], r["text"], r["priority"], bool(r["ticked"] or 0), r["note"] or "", r["updated_at"])
            for r in lib.db.query(
                """SELECT i.item_id, i.text, i.priority, s.ticked, s.note, s.updated_at FROM checklist_items i
                   LEFT JOIN checklist_state s ON s.bundle_id = ? AND s.checklist_id = ? AND s.item_id = i.item_id
                   WHERE i.checklist_pk = ? ORDER BY i.ord""",
                [bundle_id, cl["checklist_id"], cl["pk"]],
            )
        ]
        result.append(ChecklistView(cl["checklist_id"], cl["partner"], cl["title"], items, bundle_id))
    return result


def set_item_state(
    lib: LibraryBase, bundle_id: str, checklist_id: str, item_id: str, *, ticked: bool | None = None, note: str | None = None
) -> None:
    """Tick or untick an item of edition ``bundle_id``'s checklist, or change its note. The state
    belongs to that edition (all its revisions), never to another edition with the same item ids.
    Raises NotFoundError."""
    exists = lib.db.execute(
        """SELECT 1 FROM checklist_items i JOIN checklists c ON c.pk = i.checklist_pk JOIN editions e ON e.pk = c.edition_pk
           WHERE e.bundle_id = ? AND c.checklist_id = ? AND i.item_id = ?""",
        [bundle_id, checklist_id, item_id],
    ).fetchone()
    if not exists:
        raise NotFoundError(
            f"no checklist item {checklist_id}/{item_id} in edition {bundle_id}",
            code="checklist-item-unknown", bundle_id=bundle_id, checklist=checklist_id, item=item_id,
        )
    with lib.db.atomic():
        row = lib.db.execute(
            "SELECT ticked, note FROM checklist_state WHERE bundle_id = ? AND checklist_id = ? AND item_id = ?", [bundle_id, checklist_id, item_id]
        ).fetchone()
        current_ticked, current_note = (bool(row[0]), row[1]) if row else (False, "")
        lib.db.execute(
            "INSERT OR REPLACE INTO checklist_state (bundle_id, checklist_id, item_id, ticked, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [bundle_id, checklist_id, item_id, int(current_ticked if ticked is None else ticked),
             current_note if note is None else note[:MAX_NOTE_CHARS], utc_now()],
        )
    lib.note(READING_STATE)


def carry_over_offer(lib: LibraryBase, edition_pk: int, checklist_id: str) -> CarryOver | None:
    """What :func:`carry_over_notes` would copy: the notes of the open (unticked) items of the
    newest older edition with this checklist, for items this edition has and holds no note on."""
    bundle_id = _bundle_id(lib, edition_pk)
    previous = lib.db.execute(
        """SELECT e.bundle_id, e.name FROM editions e JOIN checklists c ON c.edition_pk = e.pk
           WHERE c.checklist_id = ? AND e.bundle_id != ? AND e.superseded_by IS NULL AND e.hidden_reason IS NULL
             AND (e.date, e.pk) < (SELECT date, pk FROM editions WHERE pk = ?)
           ORDER BY e.date DESC, e.pk DESC LIMIT 1""",
        [checklist_id, bundle_id, edition_pk],
    ).fetchone()
    if previous is None:
        return None
    rows = lib.db.execute(
        """SELECT s.item_id, s.note FROM checklist_state s
           JOIN checklist_items i ON i.item_id = s.item_id
           JOIN checklists c ON c.pk = i.checklist_pk AND c.checklist_id = s.checklist_id
           LEFT JOIN checklist_state mine ON mine.bundle_id = ? AND mine.checklist_id = s.checklist_id AND mine.item_id = s.item_id
           WHERE s.bundle_id = ? AND s.checklist_id = ? AND s.ticked = 0 AND s.note != '' AND c.edition_pk = ?
             AND COALESCE(mine.note, '') = ''
           ORDER BY i.ord""",
        [bundle_id, previous[0], checklist_id, edition_pk],
    ).fetchall()
    return CarryOver(previous[0], previous[1], {item_id: note for item_id, note in rows}) if rows else None


def carry_over_notes(lib: LibraryBase, edition_pk: int, checklist_id: str) -> int:
    """Copy the notes :func:`carry_over_offer` lists into this edition's checklist (ticks stay
    as they are). Returns how many notes were carried over."""
    bundle_id = _bundle_id(lib, edition_pk)
    with lib.db.atomic():
        offer = carry_over_offer(lib, edition_pk, checklist_id)
        if offer is None:
            return 0
        now = utc_now()
        for item_id, note in offer.notes.items():
            lib.db.execute(
                """INSERT INTO checklist_state (bundle_id, checklist_id, item_id, ticked, note, updated_at) VALUES (?, ?, ?, 0, ?, ?)
                   ON CONFLICT (bundle_id, checklist_id, item_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at""",
                [bundle_id, checklist_id, item_id, note, now],
            )
    lib.note(READING_STATE)
    return len(offer.notes)


def reading_position(lib: LibraryBase, bundle_id: str, chapter_id: str) -> float:
    row = lib.db.execute("SELECT position FROM reading_positions WHERE bundle_id = ? AND chapter_id = ?", [bundle_id, chapter_id]).fetchone()
    return float(row[0]) if row else 0.0


def set_reading_position(lib: LibraryBase, bundle_id: str, chapter_id: str, position: float) -> None:
    with lib.db.atomic():
        lib.db.execute(
            "INSERT OR REPLACE INTO reading_positions (bundle_id, chapter_id, position, updated_at) VALUES (?, ?, ?, ?)",
            [bundle_id, chapter_id, min(max(position, 0.0), 1.0), utc_now()],
        )
    lib.note(READING_STATE)


def setting(lib: LibraryBase, key: str, default: str | None = None) -> str | None:
    row = lib.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(lib: LibraryBase, key: str, value: str) -> None:
    with lib.db.atomic():
        lib.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])
    lib.note(SETTINGS)
