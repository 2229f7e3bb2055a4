"""Fixtures for GUI tests: a real library file built from the demo bundles, a context, a window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.demo import load_demo
from reader.core.library import Library


@pytest.fixture(scope="session")
def demo_library_template(tmp_path_factory) -> Path:
    """A library folder with the demo bundles imported through the normal verified import."""
    folder = tmp_path_factory.mktemp("demo-template")
    with Library.open(folder) as lib:
        results = load_demo(lib)
    assert results and all(r.status == "imported" for r in results), [r.line() for r in results]
    return folder


@pytest.fixture
def library_dir(demo_library_template, tmp_path) -> Path:
    """A fresh copy of the demo library per test."""
    folder = tmp_path / "library"
    shutil.copytree(demo_library_template, folder)
    return folder


@pytest.fixture
def ctx(qapp, library_dir):
    from reader.ui.context import AppContext
    from reader.ui.tasks import TaskRunner

    runner = TaskRunner(library_dir)
    context = AppContext(library_dir, runner, language="nl")
    yield context
    runner.shutdown()


@pytest.fixture
def dutch(qapp):
    """The Dutch translations installed for one test (the suite otherwise runs on the English sources)."""
    from reader.ui import i18n

    translators = i18n.install(qapp, "nl")
    yield
    i18n.remove(qapp, translators)


@pytest.fixture
def main_window(ctx, qtbot):
    """The main window on the demo library, shown, exposed and active (1100x760)."""
    from reader.ui.window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    return win


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """A modal dialog no test expects would block the run for ever offscreen (nobody closes
    it). Instead it is answered "cancel" at once and the test fails with what it said.
    Tests that expect a dialog patch its ``exec`` themselves, which takes precedence."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    shown: list[str] = []

    def refuse(dialog) -> int:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        shown.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}: {text}")
        return QMessageBox.StandardButton.Cancel.value if isinstance(dialog, QMessageBox) else QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    yield shown
    if shown:
        pytest.fail("a modal dialog would have blocked the test: " + " | ".join(shown))
