"""Which editions may set the current level (the one rule, as SQL), and reading the current
level cheaply, before the library is opened.

The rule: only visible editions (not superseded, not hidden) count, and the demo key's secret
ships with the app, so demo content never speaks next to real content: the real editions
while the library holds any, else the demo ones. ``queries.level_editions`` and
``queries.latest_edition`` run this SQL; :func:`peek_current_edition` runs it on a read-only
connection with nothing but ``sqlite3``, so the window can show the level before the library
code (sqlite-utils, the bundle and render code: about 150 ms and 30 MB) has loaded.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

from reader.core.library.models import Edition

log = logging.getLogger(__name__)

# schema.DB_NAME (schema.py imports sqlite-utils; a test keeps the two the same).
DB_NAME = "library.db"
# How long the peek waits for a lock on the database, in seconds: not at all (the library
# opening after it waits, and says so).
PEEK_BUSY_TIMEOUT_S = 0.0

# Every column an Edition holds, and its chapter count (the files list stays in the database).
EDITION_COLUMNS = ", ".join(f"e.{f.name}" for f in fields(Edition) if f.name != "chapter_count")
EDITION_SQL = f"""SELECT {EDITION_COLUMNS}, (SELECT count(*) FROM chapters c WHERE c.edition_pk = e.pk) AS chapter_count
                  FROM editions e"""
VISIBLE = "e.superseded_by IS NULL AND e.hidden_reason IS NULL"
# The rule above: visible, and of the kind (real = 0, demo = 1) of the realest visible edition.
LEVEL_EDITIONS_WHERE = (
    f"{VISIBLE} AND e.demo = (SELECT min(v.demo) FROM editions v WHERE v.superseded_by IS NULL AND v.hidden_reason IS NULL)"
)
# Newest first; pk last, so that two editions of one date and revision always come in one order.
NEWEST_FIRST = "e.date DESC, e.revision DESC, e.pk DESC"
LEVEL_EDITIONS_SQL = f"{EDITION_SQL} WHERE {LEVEL_EDITIONS_WHERE} ORDER BY {NEWEST_FIRST}"
# The first of them; its chapters counted for it alone (counting them for every edition before
# sorting made this 24 ms instead of 2 for 1,000 editions).
CURRENT_EDITION_SQL = (
    f"{EDITION_SQL} WHERE e.pk = (SELECT e.pk FROM editions e WHERE {LEVEL_EDITIONS_WHERE} ORDER BY {NEWEST_FIRST} LIMIT 1)"
)


def edition_from_row(row: Any) -> Edition:
    """An Edition from a row of EDITION_SQL (a dict or a ``sqlite3.Row``)."""
    row = dict(row)
    row.pop("files", None)
    row["demo"] = bool(row["demo"])
    return Edition(**row)


def peek_current_edition(folder: Path) -> Edition | None:
    """The edition whose level is current, as the library's index says it now; None when
    that cannot be read at once (no library yet, another program holds a lock, a damaged or
    older database: the library opening afterwards says what is wrong).

    Opens the database read-only and writes nothing: no lock, no recovery, no migration,
    which all come with ``Library.open``. What recovery changes (an interrupted import
    finished, editions of a revoked key hidden) the window shows when the library is open.
    """
    path = Path(folder).absolute() / DB_NAME
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=PEEK_BUSY_TIMEOUT_S, check_same_thread=False)
    except sqlite3.Error:
        log.debug("the current level could not be peeked", exc_info=True)
        return None
    try:
        conn.row_factory = sqlite3.Row
        row = conn.execute(CURRENT_EDITION_SQL).fetchone()
        return edition_from_row(row) if row is not None else None
    except (sqlite3.Error, TypeError, KeyError, ValueError):
        # TypeError: an older database whose columns differ from today's Edition.
        log.debug("the current level could not be peeked", exc_info=True)
        return None
    finally:
        conn.close()
