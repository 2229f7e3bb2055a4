"""The library's caps, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryLimits:
    """Caps of the library. Counts, depths and milliseconds."""

    max_scan_depth: int = 8  # folder levels below the chosen folder
    max_scan_bundles: int = 10_000  # .dtnb files taken from one folder
    max_scan_entries: int = 200_000  # directory entries looked at in one folder scan
    busy_timeout_ms: int = 10_000  # how long a change waits for another program's change to finish
    busy_notice_ms: int = 300  # a change that waits longer than this says that it waits
    open_attempts: int = 40  # tries to set up a new database that other connections are setting up too
    open_retry_ms: int = 50  # pause between those tries
    max_search_results: int = 200
    max_query_chars: int = 500
    # A search ranks at most this many matching chapters, the most recently indexed ones
    # (highest rowid) that pass the filters: ranking costs about 1-2 us per match, so a word
    # found in every chapter of a 20,000-chapter library would otherwise take 25-50 ms.
    # A library of real editions (a few hundred chapters) never reaches it.
    max_ranked_matches: int = 1000
    # SQLite's page cache of each connection (PRAGMA cache_size), in KiB; None: SQLite's own
    # default (2,000 KiB). The window's read connections take less (reader/ui/tasks.py).
    page_cache_kib: int | None = None


# The longest note on a checklist item or bookmark, in characters; the checklists view
# reads it from here.
MAX_NOTE_CHARS = 2000
