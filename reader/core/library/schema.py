"""The library database: its file names, its schema and the migrations that build it,
and the connection settings every connection gets."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

DB_NAME = "library.db"
STORE_DIR = "store"
TRUST_DIR = "trust"

migrations = Migrations("dtn-reader")

# The search index chapter_fts: its columns and tokenizer have never changed; its prefix option
# names the prefix lengths (in characters) that have an index of their own. A prefix term of
# another length makes FTS5 merge the position lists of every matching term over the whole
# index (20-40 ms at 1,000 editions for `extrem*`); one of these lengths is a single lookup.
# reader/core/library/search.py and the bench's FTS5 floors derive from these constants.
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
FTS_PREFIX_LENGTHS: tuple[int, ...] = (2, 3, 4, 5, 6, 7, 8)
FTS_PREFIX = " ".join(str(n) for n in FTS_PREFIX_LENGTHS)
M001_FTS_PREFIX = "2 3"  # what m001 created; m006 rebuilt the index with FTS_PREFIX
SEARCH_CHAPTERS_INDEX = "chapters_search"  # covering indexes for the search ranking (m006)
SEARCH_EDITIONS_INDEX = "editions_search"


def chapter_fts_sql(prefix: str = FTS_PREFIX, table: str = "chapter_fts") -> str:
    """The CREATE statement of chapter_fts (or of a table like it named ``table``) with the prefix
    option ``prefix``: the one place m001, m006 and anything building a table like it take it from."""
    return f"""CREATE VIRTUAL TABLE {table} USING fts5(
            title, body, tokenize = "{FTS_TOKENIZER}", prefix = '{prefix}')"""


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE bundles (
            sha256 TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, revision INTEGER NOT NULL,
            source TEXT, size INTEGER NOT NULL, signer_key_id TEXT NOT NULL, signer_name TEXT NOT NULL,
            imported_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active')"""
    )
    db.execute(
        """CREATE TABLE editions (
            pk INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, revision INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES bundles(sha256), number INTEGER, date TEXT NOT NULL,
            name TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
            level_value INTEGER NOT NULL, level_label TEXT NOT NULL, level_scale TEXT NOT NULL,
            level_since TEXT NOT NULL, demo INTEGER NOT NULL, publisher TEXT NOT NULL,
            language TEXT NOT NULL, created TEXT NOT NULL, files TEXT NOT NULL,
            signer_key_id TEXT NOT NULL, signer_name TEXT NOT NULL, imported_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES editions(pk), hidden_reason TEXT,
            UNIQUE (bundle_id, revision))"""
    )
    db.execute("CREATE INDEX editions_date ON editions(date)")
    db.execute(
        """CREATE TABLE chapters (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            ord INTEGER NOT NULL, chapter_id TEXT NOT NULL, title TEXT NOT NULL, themes TEXT NOT NULL,
            file TEXT NOT NULL, theme_chapter INTEGER NOT NULL, markdown TEXT NOT NULL,
            html TEXT, toc TEXT, placeholder INTEGER)"""
    )
    db.execute("CREATE INDEX chapters_edition ON chapters(edition_pk, ord)")
    db.execute(chapter_fts_sql(M001_FTS_PREFIX))
    db.execute(
        """CREATE TABLE level_events (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            start TEXT NOT NULL, end TEXT, value INTEGER NOT NULL, label TEXT NOT NULL,
            scale TEXT NOT NULL, region TEXT NOT NULL, note TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE checklists (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            ord INTEGER NOT NULL, checklist_id TEXT NOT NULL, partner TEXT NOT NULL, title TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE checklist_items (
            pk INTEGER PRIMARY KEY, checklist_pk INTEGER NOT NULL REFERENCES checklists(pk),
            ord INTEGER NOT NULL, item_id TEXT NOT NULL, text TEXT NOT NULL, priority TEXT NOT NULL)"""
    )
    # User state is keyed by stable ids, not by rows: it survives new revisions and rebuilds.
    db.execute(
        """CREATE TABLE checklist_state (
            checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, ticked INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, PRIMARY KEY (checklist_id, item_id))"""
    )
    db.execute(
        """CREATE TABLE bookmarks (
            pk INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, chapter_id TEXT NOT NULL,
            anchor TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE reading_positions (
            bundle_id TEXT NOT NULL, chapter_id TEXT NOT NULL, position REAL NOT NULL,
            updated_at TEXT NOT NULL, PRIMARY KEY (bundle_id, chapter_id))"""
    )
    db.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY, time TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT,
            result TEXT NOT NULL, reason TEXT, signer TEXT, bundle_id TEXT, revision INTEGER)"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m002_audit_error_type(db: sqlite_utils.Database) -> None:
    # The error class of a rejection, so a GUI can put a translated headline in front of the reason.
    db.execute("ALTER TABLE audit ADD COLUMN error_type TEXT")

@migrations()
def m003_checklist_state_per_edition(db: sqlite_utils.Database) -> None:
    # Ticks and notes belong to an edition (its bundle id, so every revision), not to an item id
    # shared by all editions. A row from before goes to the newest current edition holding the
    # item, the one it was most likely ticked in; a row no edition holds any more keeps bundle id ''.
    db.execute(
        """CREATE TABLE checklist_state_new (
            bundle_id TEXT NOT NULL, checklist_id TEXT NOT NULL, item_id TEXT NOT NULL,
            ticked INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
            PRIMARY KEY (bundle_id, checklist_id, item_id))"""
    )
    db.execute(
        """INSERT INTO checklist_state_new (bundle_id, checklist_id, item_id, ticked, note, updated_at)
           SELECT COALESCE((SELECT e.bundle_id FROM editions e
                              JOIN checklists c ON c.edition_pk = e.pk JOIN checklist_items i ON i.checklist_pk = c.pk
                             WHERE c.checklist_id = s.checklist_id AND i.item_id = s.item_id AND e.superseded_by IS NULL
                             ORDER BY e.date DESC, e.pk DESC LIMIT 1), ''),
                  s.checklist_id, s.item_id, s.ticked, s.note, s.updated_at
           FROM checklist_state s"""
    )
    db.execute("DROP TABLE checklist_state")
    db.execute("ALTER TABLE checklist_state_new RENAME TO checklist_state")


@migrations()
def m004_bookmarks_by_place(db: sqlite_utils.Database) -> None:
    # One bookmark per place (edition, chapter, section), so an import can merge instead of
    # adding duplicates; updated_at says which of two notes on a place is newer.
    db.execute("ALTER TABLE bookmarks ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE bookmarks SET updated_at = created_at")
    db.execute("DELETE FROM bookmarks WHERE pk NOT IN (SELECT MAX(pk) FROM bookmarks GROUP BY bundle_id, chapter_id, anchor)")
    db.execute("CREATE UNIQUE INDEX bookmarks_place ON bookmarks (bundle_id, chapter_id, anchor)")


@migrations()
def m005_audit_error_code(db: sqlite_utils.Database) -> None:
    # The code and params of a rejection, so the window says it in the reader's language.
    db.execute("ALTER TABLE audit ADD COLUMN error_code TEXT")
    db.execute("ALTER TABLE audit ADD COLUMN error_params TEXT")


@migrations()
def m006_search_indexes(db: sqlite_utils.Database) -> None:
    # Prefix indexes up to FTS_PREFIX_LENGTHS[-1] characters, so type-ahead and `word*` searches
    # look a prefix up instead of expanding it over the whole index (docs/performance.md).
    # Same columns, tokenizer, rowids and content; inside prepare's BEGIN IMMEDIATE, so a kill
    # or a full disk leaves the old index as it was. The old table is renamed (FTS5 renames its
    # shadow tables too) so that the new one's stored CREATE statement is chapter_fts_sql()'s.
    db.execute("ALTER TABLE chapter_fts RENAME TO chapter_fts_m005")
    db.execute(chapter_fts_sql(FTS_PREFIX))
    db.execute("INSERT INTO chapter_fts (rowid, title, body) SELECT rowid, title, body FROM chapter_fts_m005")
    db.execute("DROP TABLE chapter_fts_m005")
    # What the search ranking reads for every match it walks (search.py), in rows small enough
    # to stay in the page cache: the table rows hold Markdown, cached HTML and file lists.
    db.execute(f"CREATE INDEX {SEARCH_CHAPTERS_INDEX} ON chapters(pk, edition_pk, themes)")
    db.execute(f"CREATE INDEX {SEARCH_EDITIONS_INDEX} ON editions(pk, superseded_by, hidden_reason, date)")


INDEX_TABLES = ("chapter_fts", "checklist_items", "checklists", "level_events", "chapters", "editions", "bundles")


def prepare(db: sqlite_utils.Database) -> None:
    """Connection settings and schema migrations."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    if migrations.pending(db):
        # Serialise first-time setup between connections opening a new database at once.
        db.execute("BEGIN IMMEDIATE")
        try:
            migrations.apply(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
