"""Helpers for GUI tests that walk the main window's views."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

# Long enough for a loaded CI machine, short enough to fail rather than hang, in ms.
LOAD_TIMEOUT_MS = 30_000
SEARCH_WORD = "dreiging"


def search_for(view, text: str) -> None:
    """Run a search in the search view: its search(text) if it has one, else type into its field."""
    if hasattr(view, "search"):
        view.search(text)
        return
    field = view.findChild(QLineEdit)
    assert field is not None, "the search view has no query field"
    field.setText(text)


def show_and_wait(qtbot, window, name: str) -> None:
    """Show view ``name`` and wait until it emitted ``loaded`` with its data on screen.

    The search view is shown with a search for SEARCH_WORD; the editions view with the
    first chapter of the newest edition open (waits for ``chapter_shown``); the themes view
    with the chapters of its first theme (waits for ``chapters_loaded``).
    """
    view = window.views[name]
    assert hasattr(view, "loaded"), f"the {name} view has no 'loaded' signal"
    if name == "search":
        window.show_view(name)
        # The theme and year filters come from the library; search once they are there.
        qtbot.waitUntil(lambda: getattr(view, "_filters_loaded", True), timeout=LOAD_TIMEOUT_MS)
        with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
            search_for(view, SEARCH_WORD)
        return
    # The themes view shows its first theme's chapters after its list: wait for both.
    signals = [view.loaded, view.chapters_loaded] if name == "themes" and hasattr(view, "chapters_loaded") else [view.loaded]
    with qtbot.waitSignals(signals, timeout=LOAD_TIMEOUT_MS):
        if window.current_view_name() == name:
            view.activate()
        else:
            window.show_view(name)
    if name == "editions":
        pk = first_chapter_of_latest(window.ctx)
        with qtbot.waitSignal(view.chapter_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda shown: shown == pk):
            window.ctx.open_chapter_requested.emit(pk, "")


def first_chapter_of_latest(ctx) -> int:
    """The pk of the first chapter of the newest edition, read in the test thread."""
    from reader.core.library import Library

    with Library.open(ctx.library_dir, recover=False) as lib:
        latest = lib.latest_edition()
        assert latest is not None, "the library holds no edition"
        return lib.chapters(latest.pk)[0].pk
