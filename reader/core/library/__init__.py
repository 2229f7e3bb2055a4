"""The local library: a SQLite index (sqlite-utils) over the store of signed bundles.

The store is the source of truth; the database can always be rebuilt from it.
Every import is verified first and written in one transaction; a rejected
import changes nothing but one audit-log row.

Callers use ``Library`` (facade.py) and the values it hands out (models.py). Its rooms:
schema.py (tables and migrations), rules.py (already present, rollback), importing.py,
queries.py (editions, chapters, levels, themes), search.py, compare.py, state.py (ticks and
notes per edition, reading positions, settings), bookmarks.py (bookmarks, their export and
import), maintenance.py (recover, rebuild, check).

The package loads its rooms when a name is first asked for (``Library``, ``Edition``, ...), not
when a submodule alone is imported: the window reads the current level through ``current.py``
and the views import ``changes.py`` before its first paint, and the rooms with what they import
(sqlite-utils, the bundle and render code) cost about 150 ms and 30 MB.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each public name and the room that defines it.
_NAMES: dict[str, str] = {
    **dict.fromkeys(("BOOKMARKS_TYPE", "BOOKMARKS_VERSION", "MAX_BOOKMARKS", "MAX_BOOKMARKS_FILE_BYTES"), "bookmarks"),
    "Changes": "changes",
    **dict.fromkeys(("MAX_DIFF_PARAGRAPHS", "normalised_title", "paragraph_diff", "paragraphs"), "compare"),
    "Library": "facade",
    **dict.fromkeys(("MAX_NOTE_CHARS", "LibraryLimits"), "limits"),
    **dict.fromkeys(
        ("AuditEntry", "Bookmark", "BookmarkImport", "CarryOver", "Chapter", "ChapterComparison", "ChapterInfo",
         "ChecklistItemState", "ChecklistView", "Comparison", "DiffPart", "Edition", "ImportResult", "LevelPoint",
         "Progress", "SearchHit"),
        "models",
    ),
    **dict.fromkeys(("DB_NAME", "INDEX_TABLES", "STORE_DIR", "TRUST_DIR", "migrations"), "schema"),
    **dict.fromkeys(("_MARK_CLOSE", "_MARK_OPEN", "_mark", "marks_to_text"), "search"),
}

__all__ = [name for name in _NAMES if not name.startswith("_")]


def __getattr__(name: str) -> Any:
    room = _NAMES.get(name)
    if room is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{room}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))


if TYPE_CHECKING:
    from reader.core.library.bookmarks import BOOKMARKS_TYPE, BOOKMARKS_VERSION, MAX_BOOKMARKS, MAX_BOOKMARKS_FILE_BYTES
    from reader.core.library.changes import Changes
    from reader.core.library.compare import MAX_DIFF_PARAGRAPHS, normalised_title, paragraph_diff, paragraphs
    from reader.core.library.facade import Library
    from reader.core.library.limits import MAX_NOTE_CHARS, LibraryLimits
    from reader.core.library.models import (
        AuditEntry, Bookmark, BookmarkImport, CarryOver, Chapter, ChapterComparison, ChapterInfo, ChecklistItemState,
        ChecklistView, Comparison, DiffPart, Edition, ImportResult, LevelPoint, Progress, SearchHit,
    )
    from reader.core.library.schema import DB_NAME, INDEX_TABLES, STORE_DIR, TRUST_DIR, migrations
    from reader.core.library.search import _MARK_CLOSE, _MARK_OPEN, _mark, marks_to_text
