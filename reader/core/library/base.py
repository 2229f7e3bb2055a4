"""What every room of the library works on: its folder, its database connection, its
store, its trust store and its limits, and the one way a change is written
(``changing``: one BEGIN IMMEDIATE transaction that says so when it has to wait).
The façade (facade.py) is this plus the rooms' calls."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reader.core.bundle import BundleLimits
from reader.core.library import failures
from reader.core.library.changes import NOTHING, Changes
from reader.core.library.limits import LibraryLimits
from reader.core.library.lock import LibraryLock
from reader.core.store import StepHook, Store
from reader.core.trust import TrustStore

log = logging.getLogger(__name__)

# Told, once per change, that the library is busy with another program's change and
# that this one waits for it (the CLI prints it, the window shows it in its status bar).
WaitHook = Callable[[str], None]


class Change:
    """One open write transaction: its database, and what to undo outside it if it fails."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.undo: list[Callable[[], None]] = []

    def on_rollback(self, undo: Callable[[], None]) -> None:
        self.undo.append(undo)


class LibraryBase:
    """The state of one open library. One per thread: each has its own connection."""

    def __init__(
        self,
        folder: Path,
        db: sqlite_utils.Database,
        store: Store,
        trust: TrustStore,
        limits: LibraryLimits = LibraryLimits(),
        bundle_limits: BundleLimits = BundleLimits(),
        *,
        lock: LibraryLock | None = None,
        on_step: StepHook | None = None,
        on_wait: WaitHook | None = None,
    ) -> None:
        self.folder = folder
        self.db = db
        self.store = store
        self.trust = trust
        self.limits = limits
        self.bundle_limits = bundle_limits
        self.lock = lock
        self._on_step = on_step or (lambda step: None)
        self._on_wait = on_wait or (lambda message: log.info("%s", message))
        self._render_lock = threading.Lock()
        self._changes = NOTHING  # what the calls since the last take_changes() touched

    def note(self, changes: Changes) -> None:
        """Record that a change touched ``changes`` (called by the rooms once it is written)."""
        self._changes = self._changes | changes

    def take_changes(self) -> Changes:
        """What this library's changes touched since the last call (and forget it)."""
        changes, self._changes = self._changes, NOTHING
        return changes

    def release_page_cache(self) -> None:
        """Give back the memory SQLite's page cache of this connection holds (PRAGMA
        shrink_memory); it fills again from the file as it is read."""
        self.db.execute("PRAGMA shrink_memory")

    def step(self, name: str) -> None:
        """A named point of a change; tests pause or interrupt there (see store.StepHook)."""
        self._on_step(name)

    def say_waiting(self) -> None:
        self._on_wait(f"the library in {self.folder} is busy with another program's change; waiting for it")

    @contextmanager
    def changing(self, *, wait: bool = True) -> Iterator[Change]:
        """One write transaction (BEGIN IMMEDIATE): what is checked inside it stays true until
        it commits, whoever else has the library open. Waits for another program's change up
        to ``busy_timeout_ms`` (saying so after ``busy_notice_ms``); with ``wait=False`` not at
        all. Raises LibraryBusyError when the library stayed locked; foreign errors leave as
        typed library errors. What the change did outside the database (a store file moved
        into place) it undoes through ``Change.on_rollback``, still holding the lock."""
        conn = self.db.conn
        if conn.in_transaction:
            raise RuntimeError("a library change is already open on this connection")
        try:
            self._begin(conn, wait)
        except sqlite3.Error as exc:
            raise failures.translate(exc, self.folder, waited_ms=self.limits.busy_timeout_ms if wait else 0) from exc
        change = Change(self.db)
        try:
            yield change
            conn.execute("COMMIT")
        except BaseException:
            for undo in reversed(change.undo):
                try:
                    undo()
                except OSError:
                    log.warning("could not undo part of a failed library change", exc_info=True)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _begin(self, conn: sqlite3.Connection, wait: bool) -> None:
        full = self.limits.busy_timeout_ms
        try:
            conn.execute(f"PRAGMA busy_timeout = {min(self.limits.busy_notice_ms, full) if wait else 0}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not wait or not failures.is_busy(exc):
                    raise
            self.say_waiting()
            conn.execute(f"PRAGMA busy_timeout = {full}")
            conn.execute("BEGIN IMMEDIATE")
        finally:
            conn.execute(f"PRAGMA busy_timeout = {full}")
