"""The plumbing every view shares: TaskRunner's context, View's reloads and outdated results."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from reader.core.library.changes import Changes
from reader.ui.views.base import View

TIMEOUT_MS = 10_000


def test_callbacks_arrive_on_the_gui_thread_while_the_context_lives(qtbot, ctx):
    context = QObject()
    got: list = []
    ctx.tasks.submit(
        lambda lib, handle: len(lib.editions()),
        lambda result: got.append((result, QThread.currentThread() is QApplication.instance().thread())),
        context=context,
    )
    qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT_MS)
    assert got == [(12, True)]


def test_callbacks_are_dropped_once_the_context_is_destroyed(qtbot, ctx):
    context = QObject()
    release = threading.Event()
    got: list = []
    succeeding = ctx.tasks.submit(lambda lib, handle: release.wait(TIMEOUT_MS / 1000), got.append, got.append, context=context)
    failing = ctx.tasks.submit(lambda lib, handle: release.wait(TIMEOUT_MS / 1000) and 1 // 0, got.append, got.append, context=context)
    shiboken6.delete(context)
    assert not shiboken6.isValid(context)
    with qtbot.waitSignals([succeeding.signals.finished, failing.signals.finished], timeout=TIMEOUT_MS):
        release.set()
    assert got == []


class _CountingView(View):
    """A view whose reload() runs one task on the "load" channel and shows its value."""

    def __init__(self, ctx, values: list, release: threading.Event | None = None) -> None:
        super().__init__(ctx)
        self.values = values
        self.release = release
        self.reloads = 0
        self.shown: list = []

    def title(self) -> str:
        return "counting"

    def reload(self) -> None:
        self.reloads += 1
        value = self.values.pop(0)
        release = self.release if value == "slow" else None

        def work(lib, handle):
            if release is not None:
                release.wait(TIMEOUT_MS / 1000)
            return value

        self.run_task(work, self._on_loaded, channel="load")

    def _on_loaded(self, value) -> None:
        self.shown.append(value)
        self.loaded.emit()


def test_an_outdated_result_is_dropped(qtbot, ctx):
    release = threading.Event()
    view = _CountingView(ctx, ["slow", "fast"], release)
    qtbot.addWidget(view)
    view.activate()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.activate()
    release.set()
    qtbot.waitUntil(lambda: view.ignored_results == 1, timeout=TIMEOUT_MS)
    assert view.shown == ["fast"]


def test_library_changes_reload_a_visible_view_and_mark_a_hidden_one_stale(qtbot, ctx):
    view = _CountingView(ctx, ["first", "visible", "shown again"])
    qtbot.addWidget(view)
    # Not yet activated: nothing on screen to refresh, so nothing loads.
    ctx.library_changed.emit(Changes.everything())
    assert view.reloads == 0
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.activate()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        ctx.library_changed.emit(Changes.everything())
    assert view.shown == ["first", "visible"]
    view.hide()
    ctx.library_changed.emit(Changes.everything())
    assert view.reloads == 2
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.show()
    assert view.shown == ["first", "visible", "shown again"]
