"""The local library: a SQLite index (sqlite-utils) over the store of signed bundles.

The store is the source of truth; the database can always be rebuilt from it.
Every import is verified first and written in one transaction; a rejected
import changes nothing but one audit-log row.

Callers use ``Library`` (facade.py) and the values it hands out (models.py). Its rooms:
schema.py (tables and migrations), rules.py (already present, rollback), importing.py,
queries.py (editions, chapters, levels, themes), search.py, compare.py, state.py (ticks and
notes per edition, reading positions, settings), bookmarks.py (bookmarks, their export and
import), maintenance.py (recover, rebuild, check).
"""

from reader.core.library.bookmarks import BOOKMARKS_TYPE, BOOKMARKS_VERSION, MAX_BOOKMARKS, MAX_BOOKMARKS_FILE_BYTES
from reader.core.library.changes import Changes
from reader.core.library.compare import MAX_DIFF_PARAGRAPHS, normalised_title, paragraph_diff, paragraphs
from reader.core.library.facade import Library
from reader.core.library.limits import MAX_NOTE_CHARS, LibraryLimits
from reader.core.library.models import (
    AuditEntry,
    Bookmark,
    BookmarkImport,
    CarryOver,
    Chapter,
    ChapterComparison,
    ChapterInfo,
    ChecklistItemState,
    ChecklistView,
    Comparison,
    DiffPart,
    Edition,
    ImportResult,
    LevelPoint,
    Progress,
    SearchHit,
)
from reader.core.library.schema import DB_NAME, INDEX_TABLES, STORE_DIR, TRUST_DIR, migrations
from reader.core.library.search import _MARK_CLOSE, _MARK_OPEN, _mark, marks_to_text

__all__ = [
    "Changes",
    "BOOKMARKS_TYPE", "BOOKMARKS_VERSION", "MAX_BOOKMARKS", "MAX_BOOKMARKS_FILE_BYTES",
    "Bookmark", "BookmarkImport", "CarryOver",
    "DB_NAME", "INDEX_TABLES", "MAX_DIFF_PARAGRAPHS", "MAX_NOTE_CHARS", "STORE_DIR", "TRUST_DIR",
    "AuditEntry", "Chapter", "ChapterComparison", "ChapterInfo", "ChecklistItemState", "ChecklistView",
    "Comparison", "DiffPart", "Edition", "ImportResult", "LevelPoint", "Library", "LibraryLimits",
    "Progress", "SearchHit", "marks_to_text", "migrations", "normalised_title", "paragraph_diff", "paragraphs",
]
