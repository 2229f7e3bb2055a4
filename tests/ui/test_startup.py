"""Start-up: the first frame is a small shell in the language of the library (title, menu
titles, an empty navigation list, "opening the library"); the menus' entries, the status bar,
the views and the library itself come after its first paint. Nothing before that paint
imports the library code or makes PySide6 create its Qt.* enums (docs/performance.md,
"Startup")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui.prefs import Preferences
from reader.ui.app import Options, ReaderApp
from reader.ui.window import VIEWS
from tests.helpers.views import LOAD_TIMEOUT_MS

REPO_ROOT = Path(__file__).resolve().parents[2]
PROBE_TIMEOUT_S = 60

# What the app does in run() up to app.exec(), then what it has imported and which Qt.* enums
# exist (PySide6 creates all 94 at the first one used, about 15 ms).
PROBE = r"""
import enum, gc, json, sys
from PySide6.QtWidgets import QApplication
before = set(sys.modules)
from reader.ui.app import ReaderApp, follow_color_scheme, parse_args
options = parse_args(["--library", sys.argv[1], "--no-demo"])
app = QApplication(["dtn-reader", *options.qt_args])
follow_color_scheme(app, options.qt_args)
reader = ReaderApp(options, app)
reader.start()
modules = sorted(set(sys.modules) - before)
qt_enums = sorted(c.__qualname__ for c in gc.get_objects() if isinstance(c, enum.EnumMeta) and c.__qualname__.startswith("Qt."))
print(json.dumps({"modules": modules, "qt_enums": qt_enums}))
reader.close()
"""

# Imported only after the first paint: the library code, the views, the translation tools.
NOT_BEFORE_FIRST_PAINT = ("reader.core.library", "reader.ui.views", "reader.ui.format", "sqlite_utils", "subprocess", "xml.etree")


@pytest.mark.parametrize(
    ("stored", "title", "placeholder", "menus"),
    [
        ("nl", "DTN Reader", "De bibliotheek wordt geopend…", ["&Bestand", "Beel&d", "&Help"]),
        ("en", "DTN Reader", "Opening the library…", ["&File", "&View", "&Help"]),
    ],
)
def test_first_frame_is_the_shell_in_the_stored_language_and_the_rest_follows(qapp, qtbot, library_dir, stored, title, placeholder, menus):
    Preferences().set_language(stored)
    reader = ReaderApp(Options(library_dir), qapp)
    try:
        with qtbot.waitSignal(reader.library_loaded, timeout=LOAD_TIMEOUT_MS):
            reader.start()
            window = reader.window
            assert window.windowTitle() == title
            assert window.placeholder.text() == placeholder
            assert [action.text() for action in window.menuBar().actions()] == menus
            assert window.file_menu.actions() == [] and window.views == {} and window.nav.count() == 0
            assert not reader.loaded
        assert list(window.views) == [name for name, _module, _cls in VIEWS]
        assert window.nav.count() == len(VIEWS) and window.placeholder is None
        assert len(window.file_menu.actions()) == 5
        view_entries = [a for a in window.view_menu.actions() if a in window.view_actions.values()]
        assert len(view_entries) == len(VIEWS) and window.back_action in window.view_menu.actions()
        assert str(library_dir) in window.library_label.toolTip()
    finally:
        reader.close()


def test_a_language_switch_before_the_first_paint_still_opens_the_library(qapp, qtbot, library_dir):
    reader = ReaderApp(Options(library_dir, "nl"), qapp)
    try:
        with qtbot.waitSignal(reader.library_loaded, timeout=LOAD_TIMEOUT_MS):
            reader.start()
            reader.set_language("en")
        assert reader.window.windowTitle() == "DTN Reader" and "overview" in reader.window.views
        assert reader.window.menuBar().actions()[0].text() == "&File"
    finally:
        reader.close()


def test_nothing_before_the_first_paint_loads_the_library_code_or_the_qt_enums(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DTN_LIBRARY", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "library")],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    early = [m for m in result["modules"] if m.startswith(NOT_BEFORE_FIRST_PAINT)]
    assert early == [], f"imported before the first paint: {early}"
    assert result["qt_enums"] == [], "a Qt.* enum is used before the first paint (PySide6 then creates all of them, about 15 ms)"


# Starts the reader on a library with editions and notes, when the overview first paints the
# level, what is imported and what the badge says; then the same once the library is loaded.
LEVEL_PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from reader.ui.app import ReaderApp, parse_args
options = parse_args(["--library", sys.argv[1], "--lang", "nl"])
app = QApplication(["dtn-reader"])
reader = ReaderApp(options, app)
seen = {}
def on_level():
    if "level" not in seen:
        overview = reader.window.views["overview"]
        seen["level"] = {"badge": overview.badge.text(), "since": overview.since.text(),
                         "library_code": sorted(m for m in ("sqlite_utils", "reader.core.library.facade", "reader.core.bundle") if m in sys.modules),
                         "views": len(reader.window.views), "loaded": reader.loaded}
def on_loaded():
    overview = reader.window.views["overview"]
    def done():
        seen["loaded"] = {"badge": overview.badge.text(), "since": overview.since.text(), "pending": overview.level_pending()}
        app.exit(0)
    if overview._data is None:
        overview.loaded.connect(done)
    else:
        done()
reader.level_shown.connect(on_level)
reader.library_loaded.connect(on_loaded)
reader.library_failed.connect(lambda text: (seen.update(failed=text), app.exit(1)))
reader.start()
app.exec()
print(json.dumps(seen))
reader.close()
"""


def test_the_current_level_is_painted_before_the_library_code_loads_and_is_the_loaded_one(library_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", LEVEL_PROBE, str(library_dir)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    level, loaded = seen["level"], seen["loaded"]
    assert level["library_code"] == [], "the level waited for the library code"
    assert not level["loaded"] and level["views"] == 1  # before the library opened and the other views
    assert level["badge"] == "4 van 5 — Substantieel"
    assert (level["badge"], level["since"]) == (loaded["badge"], loaded["since"])
    assert not loaded["pending"]


def test_a_library_that_cannot_be_opened_shows_its_error_and_no_level(qapp, qtbot, library_dir, monkeypatch):
    """The level read before the library opened leaves the screen when opening it fails."""
    from reader.core.errors import LibraryBusyError
    from reader.ui import app as app_module

    def failing(_no_demo):
        def task(lib, handle):
            raise LibraryBusyError("the library is locked by another program", code="library-busy")

        return task

    monkeypatch.setattr(app_module, "_open_library", failing)
    reader = ReaderApp(Options(library_dir, "en"), qapp)
    try:
        with qtbot.waitSignal(reader.library_failed, timeout=LOAD_TIMEOUT_MS):
            reader.start()
        overview = reader.window.views["overview"]
        qtbot.waitUntil(lambda: reader.window.complete, timeout=LOAD_TIMEOUT_MS)
        assert not overview.level_section.isVisibleTo(reader.window)
        assert overview.state_label.isVisibleTo(reader.window)
        assert overview.state_label.text().startswith("The library cannot be opened: ")
        assert not reader.loaded
    finally:
        reader.close()


def test_a_damaged_database_shows_its_typed_error(qapp, qtbot, tmp_path):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "library.db").write_bytes(b"this is not a database " * 200)
    reader = ReaderApp(Options(folder, "en"), qapp)
    try:
        with qtbot.waitSignal(reader.library_failed, timeout=LOAD_TIMEOUT_MS) as failed:
            reader.start()
        overview = reader.window.views["overview"]
        assert not overview.level_section.isVisibleTo(reader.window)
        assert failed.args[0] and failed.args[0] in overview.state_label.text()
    finally:
        reader.close()
