"""The Library façade: the one object callers use. It opens the library and hands each
call to the room that does it (importing, queries, search, compare, state, maintenance)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlite_utils

from reader.core.errors import LibraryError
from reader.core.library import compare as _compare
from reader.core.library import deepcheck, importing, maintenance, queries, schema, state
from reader.core.library import search as _search
from reader.core.library.base import LibraryBase
from reader.core.library.limits import LibraryLimits
from reader.core.paths import builtin_trust_dir
from reader.core.store import StepHook, Store
from reader.core.trust import TrustedKey, TrustStore


class Library(LibraryBase):
    """The library in ``folder``: ``library.db``, ``store/`` and the user's ``trust/``.

    One Library object per thread: each opens its own connection.
    """

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: str | Path,
        *,
        trust: TrustStore | None = None,
        on_step: StepHook | None = None,
        limits: LibraryLimits = LibraryLimits(),
        recover: bool = True,
    ) -> Library:
        """Open (creating if needed) the library in ``folder`` and run startup recovery."""
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(folder / schema.DB_NAME, timeout=limits.busy_timeout_ms / 1000, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"cannot open the library in {folder}: {exc}") from None
        db = sqlite_utils.Database(conn)
        for attempt in range(limits.open_attempts):
            try:
                schema.prepare(db)
                break
            except sqlite3.OperationalError as exc:
                # Switching a new file to WAL is not covered by the busy timeout: when
                # several connections set up a new library at once, try again briefly.
                if "locked" not in str(exc) or attempt == limits.open_attempts - 1:
                    conn.close()
                    raise LibraryError(f"cannot open the library in {folder}: {exc}") from None
                time.sleep(limits.open_retry_ms / 1000)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise LibraryError(f"the library database {folder / schema.DB_NAME} is damaged ({exc}); run 'dtn rebuild'") from None
        lib = cls(
            folder,
            db,
            Store(folder / schema.STORE_DIR, on_step),
            trust or TrustStore(folder / schema.TRUST_DIR, builtin_trust_dir()),
            limits,
        )
        if lib.trust.audit is None:  # trust changes made through this library are audit rows
            lib.trust.audit = lib._audit_trust_change
        if recover:
            lib.recover()
        return lib

    def _audit_trust_change(self, action: str, key: TrustedKey, detail: str) -> None:
        importing.audit_event(self, "trust store", action, detail, signer=f"{key.name} ({key.key_id})")

    def close(self) -> None:
        if self.trust.audit == self._audit_trust_change:
            self.trust.audit = None
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- maintenance.py: recovery, revocations, demo, rebuild, check ---------------------

    recover = maintenance.recover
    apply_revocations = maintenance.apply_revocations
    is_empty = maintenance.is_empty
    remove_demo = maintenance.remove_demo
    rebuild = maintenance.rebuild
    check = maintenance.check
    deep_check = deepcheck.deep_check
    bounded_hash_check = deepcheck.bounded_hash_check
    repair = deepcheck.repair

    # --- importing.py (the rules it applies: rules.py) ------------------------------------

    import_file = importing.import_file
    import_paths = importing.import_paths
    scan_folder = importing.scan_folder
    audit = importing.audit_log
    audit_event = importing.audit_event
    audit_csv = staticmethod(importing.audit_csv)

    # --- queries.py ----------------------------------------------------------------------

    editions = queries.editions
    edition = queries.edition
    latest_edition = queries.latest_edition
    level_editions = queries.level_editions
    previous_edition = queries.previous_edition
    chapters = queries.chapters
    chapter = queries.chapter
    chapter_by_id = queries.chapter_by_id
    asset = queries.asset
    level_events = queries.level_events
    levels = queries.levels
    themes = queries.themes
    theme_chapters = queries.theme_chapters
    changes_since_previous = queries.changes_since_previous

    # --- compare.py ----------------------------------------------------------------------

    compare = _compare.compare

    # --- search.py -----------------------------------------------------------------------

    fts_query = staticmethod(_search.fts_query)
    search = _search.search

    # --- state.py: ticks, notes, bookmarks, reading positions, settings -------------------

    checklists = state.checklists
    set_item_state = state.set_item_state
    reading_position = state.reading_position
    set_reading_position = state.set_reading_position
    add_bookmark = state.add_bookmark
    bookmarks = state.bookmarks
    remove_bookmark = state.remove_bookmark
    setting = state.setting
    set_setting = state.set_setting
