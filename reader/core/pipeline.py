"""Preparing bundles in worker processes while this process writes the ones before.

An import or a rebuild spends about as long preparing a bundle (staging its bytes,
verifying them, the plain text for the search index: CPU work that needs no lock) as
writing it into the index. With many bundles, :class:`Preparer` runs the preparing in a
few worker processes, a bounded number of bundles ahead, and hands the results back in
the order of the tasks, so the writing side sees exactly what it would have computed
itself. The same functions run in the worker as in this process; the worker gets a
copy of the trust store and the limits, and verifies the very file that is committed.

Workers are started with ``spawn`` (never ``fork`` in a process with Qt threads); a
frozen build's entry point calls ``multiprocessing.freeze_support()`` first (main.py,
packaging/entry_dtn.py). A worker that raises hands the exception back as the task's
outcome; a worker that dies (killed, out of memory) costs its task a
:class:`WorkerStoppedError` outcome, and its other tasks go to a fresh worker. When no
worker can be started at all, the caller falls back to preparing in its own process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.core.errors import DTNError, WorkerStoppedError

log = logging.getLogger(__name__)

# Worker processes at most; one fewer than the machine has cores (the writing side needs
# one), and at least one.
MAX_PREPARE_WORKERS = 2
# Tasks handed to a worker before its first result is taken back: each holds one bundle's
# texts and index rows (a few hundred KB for an edition of 20 chapters), so this bounds
# the memory of the results waiting in the pipe.
TASKS_AHEAD_PER_WORKER = 2
# Fewer bundles than this are prepared in the caller's process: a worker costs a start of
# 0.4 s of CPU, 0.3-0.7 s of wall time (a fresh interpreter importing the verifier), and
# saves up to the preparing of each bundle, about 7 ms: it pays from some 60 bundles on.
MIN_PIPELINED_BUNDLES = 64
# How often a worker that died is replaced during one import or rebuild before the rest
# is prepared in the caller's process.
MAX_WORKER_RESTARTS = 3
# How long a worker may take to answer a task (its start included), in seconds; one that
# takes longer is stopped and its task fails as if it had died.
WORKER_TASK_TIMEOUT_S = 120.0

Task = Any
PrepareFn = Callable[[Any, Task], Any]


def worker_count() -> int:
    """How many workers to start on this machine."""
    return max(1, min(MAX_PREPARE_WORKERS, (os.cpu_count() or 2) - 1))


def _worker_main(conn: Any, fn: PrepareFn, shared: Any) -> None:  # pragma: no cover - runs in the worker
    """A worker: say ("ready",), then answer each task with ("ok", result) or ("error",
    exception, traceback)."""
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            reply: tuple[Any, ...] = ("ok", fn(shared, task))
        except Exception as exc:  # noqa: BLE001 - handed back as the task's outcome
            reply = ("error", exc, traceback.format_exc())
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an outcome that does not pickle is a bug, reported as one
            conn.send(("error", RuntimeError(f"{type(exc).__name__} sending a result from the worker"), traceback.format_exc()))


@dataclass
class _Worker:
    process: Any
    conn: Any
    pending: deque[int] = field(default_factory=deque)  # task indexes sent, not yet answered
    ready: bool = False  # it said it started


class Preparer:
    """``fn(shared, task)`` for every task, in worker processes, yielded in task order.

    Use as a context manager; iterating yields ``(task, outcome, error)``: the result of
    ``fn``, or the exception it raised (a :class:`WorkerStoppedError` if its worker died).
    On leaving (also early, by an exception or a cancel), the workers are stopped and
    ``cleanup(task)`` is called for every task handed out whose outcome was not yielded.
    """

    def __init__(
        self,
        fn: PrepareFn,
        shared: Any,
        tasks: Sequence[Task],
        *,
        workers: int | None = None,
        cleanup: Callable[[Task], None] | None = None,
    ) -> None:
        self._fn = fn
        self._shared = shared
        self._tasks = list(tasks)
        self._count = workers if workers is not None else worker_count()
        self._cleanup = cleanup or (lambda task: None)
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker | None] = []
        self._sent = 0  # tasks handed to a worker so far
        self._yielded = 0  # tasks whose outcome was taken
        self._restarts = 0
        self._inline = False  # preparing in this process (no worker could be started)

    def start(self) -> bool:
        """Start the workers. False (and nothing running) when none can be started here:
        the system refuses a process, or what the workers need cannot be sent to them."""
        try:
            pickle.dumps((self._fn, self._shared))
            self._workers = [self._start() for _ in range(self._count)]
            return True
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            log.warning("cannot start worker processes (%s); preparing in this process", exc)
            self._stop_all()
            return False

    def __enter__(self) -> Preparer:
        if not self._workers:
            self._inline = True  # not started: prepare in this process
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_all()
        for index in range(self._yielded, self._sent):
            try:
                self._cleanup(self._tasks[index])
            except OSError:
                log.warning("could not clean up after an unfinished task", exc_info=True)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(child, self._fn, self._shared), name="dtn-prepare-worker", daemon=True
        )
        try:
            process.start()
        finally:
            child.close()
        return _Worker(process, parent)

    def _stop_all(self) -> None:
        for worker in self._workers:
            if worker is not None:
                _stop(worker)
        self._workers = []

    def _fill(self) -> None:
        """Hand out tasks until every worker has its share ahead."""
        limit = len(self._workers) * TASKS_AHEAD_PER_WORKER
        while self._sent < len(self._tasks) and self._sent - self._yielded < limit:
            slot = self._sent % len(self._workers)
            worker = self._workers[slot]
            assert worker is not None
            worker.pending.append(self._sent)
            try:
                worker.conn.send(self._tasks[self._sent])
            except (EOFError, OSError):
                pass  # it died: found out when its answer is awaited
            self._sent += 1

    def __iter__(self) -> Iterator[tuple[Task, Any, BaseException | None]]:
        while self._yielded < len(self._tasks):
            index = self._yielded
            task = self._tasks[index]
            if self._inline:
                self._sent = max(self._sent, index + 1)
                outcome: tuple[Any, BaseException | None] = self._inline_outcome(task)
            else:
                self._fill()
                outcome = self._answer(index)
            self._yielded += 1
            yield task, outcome[0], outcome[1]

    def _answer(self, index: int) -> tuple[Any, BaseException | None]:
        slot = index % len(self._workers)
        worker = self._workers[slot]
        assert worker is not None and worker.pending and worker.pending[0] == index
        if not worker.ready:
            try:
                worker.ready = worker.conn.poll(WORKER_TASK_TIMEOUT_S) and worker.conn.recv() == ("ready",)
            except (EOFError, OSError):
                pass
            if not worker.ready:
                # It never started (a frozen build without freeze_support, a main module that
                # starts the work again on import): nothing of a task's doing; prepare here.
                log.warning("a worker process did not start (exit code %s); preparing in this process", worker.process.exitcode)
                self._go_inline(index)
                return self._inline_outcome(self._tasks[index])
        try:
            if not worker.conn.poll(WORKER_TASK_TIMEOUT_S):
                raise EOFError("no answer")  # hung: treated as stopped
            reply = worker.conn.recv()
        except (EOFError, OSError):
            return None, self._replace(slot, worker)
        worker.pending.popleft()
        if reply[0] == "ok":
            return reply[1], None
        exc = reply[1]
        if not isinstance(exc, Exception):
            exc = RuntimeError(f"the worker raised {type(exc).__name__}")
        if reply[2] and not isinstance(exc, DTNError):  # a bug: where in the worker it happened
            log.error("preparing in a worker process failed unexpectedly:\n%s", reply[2])
        return None, exc

    def _replace(self, slot: int, worker: _Worker) -> WorkerStoppedError:
        """The worker in ``slot`` died while preparing its first pending task: that task
        fails; the others go to a fresh worker (or, past the restarts, to this process)."""
        _stop(worker)
        exitcode = worker.process.exitcode
        log.warning("a worker process preparing bundles stopped (exit code %s)", exitcode)
        error = WorkerStoppedError(
            f"the worker process preparing this bundle stopped (exit code {exitcode}); nothing of it was kept",
            code="prepare-worker-stopped", exit_code=exitcode,
        )
        failed = worker.pending.popleft()
        rest = list(worker.pending)
        self._restarts += 1
        fresh: _Worker | None = None
        if self._restarts <= MAX_WORKER_RESTARTS:
            try:
                fresh = self._start()
            except OSError as exc:
                log.warning("cannot start a worker process (%s); preparing in this process", exc)
        if fresh is None:
            self._go_inline(failed + 1)
        else:
            self._workers[slot] = fresh
            for index in rest:
                self._cleanup(self._tasks[index])  # a half-prepared leftover of the dead worker
                fresh.pending.append(index)
                try:
                    fresh.conn.send(self._tasks[index])
                except (EOFError, OSError):
                    pass  # it died too: found out when its answer is awaited
        self._cleanup(self._tasks[failed])
        return error

    def _go_inline(self, first: int) -> None:
        """Stop every worker; the tasks from ``first`` on are prepared in this process."""
        self._stop_all()
        self._inline = True
        for index in range(first, self._sent):
            self._cleanup(self._tasks[index])  # what a stopped worker may have left half done
        self._sent = first

    def _inline_outcome(self, task: Task) -> tuple[Any, BaseException | None]:
        try:
            return self._fn(self._shared, task), None
        except Exception as exc:  # noqa: BLE001 - the task's outcome
            return None, exc


def _stop(worker: _Worker) -> None:
    """End a worker: ask it to stop, kill it if it does not."""
    try:
        worker.conn.send(None)
    except (EOFError, OSError):
        pass
    worker.process.join(0.5 if not worker.pending else 0)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(5.0)
    worker.conn.close()
