"""The Library façade: the one object callers use. It opens the library and hands each
call to the room that does it (importing, queries, search, compare, state, maintenance)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlite_utils

from reader.core.library import compare as _compare
from reader.core.library import bookmarks as _bookmarks
from reader.core.library import deepcheck, failures, importing, keys, maintenance, queries, schema, state
from reader.core.library import search as _search
from reader.core.library.base import LibraryBase, WaitHook
from reader.core.library.changes import TRUST
from reader.core.library.failures import boundary
from reader.core.library.lock import LibraryLock
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
        on_wait: WaitHook | None = None,
        limits: LibraryLimits = LibraryLimits(),
        recover: bool = True,
    ) -> Library:
        """Open (creating if needed) the library in ``folder`` and run startup recovery.

        ``on_wait`` is told when a change has to wait for another program's change. Raises
        LibraryError (its storage kinds: read-only folder, disk full, damaged database,
        locked by another program)."""
        folder = Path(folder)
        lock: LibraryLock | None = None
        conn: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = LibraryLock(folder)
            conn = sqlite3.connect(folder / schema.DB_NAME, timeout=limits.busy_timeout_ms / 1000, check_same_thread=False)
            # No sqlite-utils plugins: the library's connections run only its own code, and
            # looking them up reads every installed package's entry points (importlib.metadata,
            # about 4 MB and 20 ms in each process that opens a library).
            db = sqlite_utils.Database(conn, execute_plugins=False)
            _prepare(db, limits)
            if limits.page_cache_kib is not None:
                conn.execute(f"PRAGMA cache_size = -{int(limits.page_cache_kib)}")
            lib = cls(
                folder,
                db,
                Store(folder / schema.STORE_DIR, on_step),
                trust or TrustStore(folder / schema.TRUST_DIR, builtin_trust_dir()),
                limits,
                lock=lock,
                on_step=on_step,
                on_wait=on_wait,
            )
            if lib.trust.audit is None:  # trust changes made through this library are audit rows
                lib.trust.audit = lib._audit_trust_change
            if recover:
                maintenance.recover(lib)
            elif not lock.share(limits.busy_timeout_ms, lib.say_waiting, limits.open_retry_ms):
                raise failures.busy(folder, limits.busy_timeout_ms)
            return lib
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.close()
            if isinstance(exc, (OSError, sqlite3.Error)):
                raise failures.translate(exc, folder, waited_ms=limits.busy_timeout_ms) from None
            raise

    def _audit_trust_change(self, action: str, key: TrustedKey, detail: str) -> None:
        self.note(TRUST)
        importing.audit_event(self, "trust store", action, detail, signer=f"{key.name} ({key.key_id})")

    def close(self) -> None:
        if self.trust.audit == self._audit_trust_change:
            self.trust.audit = None
        self.db.close()
        if self.lock is not None:
            self.lock.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- maintenance.py: recovery, revocations, demo, rebuild, check ---------------------

    recover = boundary(maintenance.recover)
    is_empty = boundary(maintenance.is_empty)
    remove_demo = boundary(maintenance.remove_demo)
    rebuild = boundary(maintenance.rebuild)
    check = boundary(maintenance.check)
    deep_check = boundary(deepcheck.deep_check)
    bounded_hash_check = boundary(deepcheck.bounded_hash_check)
    repair = boundary(deepcheck.repair)

    # --- keys.py: trusting, revoking, restoring keys ------------------------------------

    trusted_keys = boundary(keys.trusted_keys)
    trust_key = boundary(keys.trust_key)
    revoke_key = boundary(keys.revoke_key)
    restore_key = boundary(keys.restore_key)
    apply_revocations = boundary(keys.apply_revocations)

    # --- importing.py (the rules it applies: rules.py) ------------------------------------

    import_file = boundary(importing.import_file)
    import_paths = boundary(importing.import_paths)
    scan_folder = boundary(importing.scan_folder)
    audit = boundary(importing.audit_log)
    audit_event = boundary(importing.audit_event)
    audit_csv = staticmethod(importing.audit_csv)

    # --- queries.py ----------------------------------------------------------------------

    editions = boundary(queries.editions)
    edition = boundary(queries.edition)
    latest_edition = boundary(queries.latest_edition)
    level_editions = boundary(queries.level_editions)
    previous_edition = boundary(queries.previous_edition)
    chapters = boundary(queries.chapters)
    chapter = boundary(queries.chapter)
    render_ahead = boundary(queries.render_ahead)
    render_latest_ahead = boundary(queries.render_latest_ahead)
    chapter_by_id = boundary(queries.chapter_by_id)
    asset = boundary(queries.asset)
    level_events = boundary(queries.level_events)
    levels = boundary(queries.levels)
    themes = boundary(queries.themes)
    theme_chapters = boundary(queries.theme_chapters)

    # --- compare.py ----------------------------------------------------------------------

    compare = boundary(_compare.compare)
    changes_since_previous = boundary(_compare.changes_since_previous)

    # --- search.py -----------------------------------------------------------------------

    fts_query = staticmethod(_search.fts_query)
    search = boundary(_search.search)

    # --- state.py: ticks, notes, bookmarks, reading positions, settings -------------------

    checklists = boundary(state.checklists)
    set_item_state = boundary(state.set_item_state)
    carry_over_offer = boundary(state.carry_over_offer)
    carry_over_notes = boundary(state.carry_over_notes)
    reading_position = boundary(state.reading_position)
    set_reading_position = boundary(state.set_reading_position)
    setting = boundary(state.setting)
    set_setting = boundary(state.set_setting)

    # --- bookmarks.py: bookmarks and notes, their export and import ----------------------

    add_bookmark = boundary(_bookmarks.add_bookmark)
    set_bookmark_note = boundary(_bookmarks.set_bookmark_note)
    remove_bookmark = boundary(_bookmarks.remove_bookmark)
    bookmarks = boundary(_bookmarks.bookmarks)
    export_bookmarks = boundary(_bookmarks.export_bookmarks)
    write_bookmarks = boundary(_bookmarks.write_bookmarks)
    import_bookmarks = boundary(_bookmarks.import_bookmarks)
    import_bookmarks_file = boundary(_bookmarks.import_bookmarks_file)


def _prepare(db: sqlite_utils.Database, limits: LibraryLimits) -> None:
    for attempt in range(limits.open_attempts):
        try:
            schema.prepare(db)
            return
        except sqlite3.OperationalError as exc:
            # Switching a new file to WAL is not covered by the busy timeout: when
            # several connections set up a new library at once, try again briefly.
            if not failures.is_busy(exc) or attempt == limits.open_attempts - 1:
                raise
            time.sleep(limits.open_retry_ms / 1000)
