"""Background work for the GUI: one small task abstraction on QThreadPool.

A task runs ``fn(library, handle)`` on a worker thread with that thread's own
Library connection, and reports through a signals object: ``progress``,
``succeeded``, ``failed``. Nothing escapes ``run()``. The worker function never
touches widgets. Writes go to a pool with a single thread, so they are serial.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.errors import CancelledError
from reader.ui.memory import forget_module_sources

if TYPE_CHECKING:
    # Imported where a worker first opens the library, so the window can show before it loads.
    from reader.core.library import Library

log = logging.getLogger(__name__)

# How long shutdown waits for running tasks, in milliseconds.
SHUTDOWN_WAIT_MS = 10_000
# SQLite's page cache of each read connection, in KiB (SQLite's default: 2,000). The index is
# read through the operating system's file cache anyway: at 1,000 editions (250 MB) neither
# search, a chapter nor the level history got slower, and the window ~10 MB smaller
# (docs/performance.md, "Window memory"). Writes (imports) keep the default while they run.
READ_PAGE_CACHE_KIB = 512


class LibraryChanges(QObject):
    """Says, once per task, what the task's library calls touched (a core ``Changes``)."""

    changed = Signal(object)


class TaskSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()


class TaskHandle:
    """What a worker function gets besides its library: progress reporting and cancellation."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self.cancel_event = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancel_event.is_set():
            raise CancelledError("cancelled")


class Task(QRunnable):
    def __init__(
        self, fn: Callable[[Library, TaskHandle], Any], libraries: "LibraryConnections | None", changes: LibraryChanges | None = None,
        release_cache: bool = False,
    ) -> None:
        super().__init__()
        self._release_cache = release_cache  # give the connection's page cache back after the task
        self._changes = changes
        self.setAutoDelete(True)
        self.signals = TaskSignals()
        self.handle = TaskHandle(self.signals)
        self._fn = fn
        self._libraries = libraries

    def run(self) -> None:
        lib = None
        try:
            lib = self._libraries.get() if self._libraries is not None else None
            result = self._fn(lib, self.handle)
        except BaseException as exc:  # noqa: BLE001 - nothing may escape a worker
            if not isinstance(exc, CancelledError):
                log.debug("task failed", exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            # After the task's own callbacks: what it touched (also when it failed half-way,
            # such as a cancelled import), for every view at once.
            changes = lib.take_changes() if lib is not None else None
            if lib is not None and self._release_cache:
                _release_page_cache(lib)
            if changes and self._changes is not None:
                self._changes.changed.emit(changes)
            self.signals.finished.emit()


def _release_page_cache(lib: Library) -> None:
    try:
        lib.release_page_cache()
    except Exception:  # noqa: BLE001 - memory given back or not, the task is done
        log.debug("shrinking the page cache failed", exc_info=True)


class LibraryConnections:
    """One Library (SQLite connection) per worker thread, all closed at shutdown."""

    def __init__(self, folder: Path, on_wait: Callable[[str], None] | None = None, page_cache_kib: int | None = None) -> None:
        self.folder = folder
        self._on_wait = on_wait  # told (on the worker thread) when a change waits for another program
        self._page_cache_kib = page_cache_kib  # LibraryLimits.page_cache_kib; None: the default
        self._local = threading.local()
        self._all: list[Library] = []
        self._lock = threading.Lock()

    def get(self) -> Library:
        lib = getattr(self._local, "library", None)
        if lib is None:
            from reader.core.library import Library, LibraryLimits

            limits = LibraryLimits(page_cache_kib=self._page_cache_kib)
            lib = Library.open(self.folder, recover=False, on_wait=self._on_wait, limits=limits)
            self._local.library = lib
            with self._lock:
                self._all.append(lib)
        return lib

    def close_all(self) -> None:
        with self._lock:
            for lib in self._all:
                try:
                    lib.close()
                except Exception:  # noqa: BLE001 - closing at exit, best effort
                    log.debug("closing a library connection failed", exc_info=True)
            self._all.clear()


def _while_alive(context: QObject | None, callback: Callable[..., None]) -> Callable[..., None]:
    """``callback``, called only while ``context`` (if given) has not been destroyed."""
    if context is None:
        return callback

    def call(*args: Any) -> None:
        if shiboken6.isValid(context):
            callback(*args)
        else:
            log.debug("dropped a task result for a destroyed %s", type(context).__name__)

    return call


class TaskRunner:
    """Reads run on a small pool; writes on a pool of one thread, so they never overlap."""

    def __init__(self, folder: Path, read_threads: int = 2, on_wait: Callable[[str], None] | None = None) -> None:
        self.libraries = LibraryConnections(folder, on_wait)  # the write pool's
        self.read_libraries = LibraryConnections(folder, on_wait, READ_PAGE_CACHE_KIB)
        self.read_pool = QThreadPool()
        self.read_pool.setMaxThreadCount(read_threads)
        self.write_pool = QThreadPool()
        self.write_pool.setMaxThreadCount(1)
        self._live: set[Task] = set()
        #: ``changed(Changes)``: what each task's library calls touched (AppContext rebroadcasts it).
        self.changes = LibraryChanges()

    def submit(
        self,
        fn: Callable[[Library, TaskHandle], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        *,
        write: bool = False,
        context: QObject | None = None,
        library: bool = True,
    ) -> Task:
        """Run ``fn(library, handle)`` off the GUI thread; callbacks arrive on the GUI thread.

        Args:
            write: run on the serial write pool.
            context: the object the callbacks belong to (a view, a dialog); once it is
                destroyed, for example a window closed while the task ran, they are dropped.
            library: False for work that needs no library (``fn`` gets None), such as
                rendering a help page: it must work when the library cannot be opened.
        """
        libraries = self.libraries if write else self.read_libraries
        # A write (an import) has SQLite's full page cache while it runs, and gives it back after.
        task = Task(fn, libraries if library else None, self.changes, release_cache=write)
        # Keep the Python wrapper alive until the task has finished.
        self._live.add(task)
        if on_success is not None:
            task.signals.succeeded.connect(_while_alive(context, on_success))
        if on_failure is not None:
            task.signals.failed.connect(_while_alive(context, on_failure))
        if on_progress is not None:
            task.signals.progress.connect(_while_alive(context, on_progress))
        task.signals.finished.connect(lambda: self._on_finished(task))
        (self.write_pool if write else self.read_pool).start(task)
        return task

    def _on_finished(self, task: Task) -> None:
        self._live.discard(task)
        # What a worker imports (the library code when it first opens it, a view's core module)
        # leaves its source in linecache through PySide6's import hook.
        forget_module_sources()

    def shutdown(self) -> None:
        for task in list(self._live):
            task.handle.cancel()
        self.read_pool.waitForDone(SHUTDOWN_WAIT_MS)
        self.write_pool.waitForDone(SHUTDOWN_WAIT_MS)
        self.libraries.close_all()
        self.read_libraries.close_all()
