"""The person's own settings live in QSettings, not in the library: language, window
geometry and the last folders of file dialogs. No test writes the real user settings
(conftest points DTN_SETTINGS at a file of each test's own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from reader.core.library import Library
from reader.ui.app import Options, ReaderApp, _default_size
from reader.ui.prefs import FOLDER_IMPORT, MAX_VALUE_CHARS, Preferences
from tests.helpers.views import LOAD_TIMEOUT_MS

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_every_test_has_its_own_settings_file(own_settings_file):
    assert Preferences().file_name() == str(own_settings_file)


def test_values_are_checked_before_use(tmp_path):
    prefs = Preferences(tmp_path / "p.ini")
    assert prefs.language(("nl", "en")) is None and prefs.geometry() is None and prefs.folder(FOLDER_IMPORT) == ""
    prefs.set_language("en")
    assert Preferences(tmp_path / "p.ini").language(("nl", "en")) == "en"
    prefs.set_language("xx")
    assert prefs.language(("nl", "en")) is None  # not one of ours
    prefs.set_folder(FOLDER_IMPORT, tmp_path / "gone")
    assert prefs.folder(FOLDER_IMPORT) == ""  # no longer there
    prefs.set_folder(FOLDER_IMPORT, "x" * (MAX_VALUE_CHARS + 1))
    assert prefs.folder(FOLDER_IMPORT) == ""
    prefs.set_folder(FOLDER_IMPORT, tmp_path)
    assert Preferences(tmp_path / "p.ini").folder(FOLDER_IMPORT) == str(tmp_path)


def test_the_window_geometry_is_remembered_per_person(qapp, qtbot, library_dir, tmp_path):
    settings = tmp_path / "person.ini"
    first = ReaderApp(Options(library_dir, "nl", settings=settings), qapp)
    with qtbot.waitSignal(first.library_loaded, timeout=LOAD_TIMEOUT_MS):
        first.start()
    # The offscreen screen holds the window at its minimum width; its height is free.
    first.window.resize(first.window.width(), 555)
    size = (first.window.width(), first.window.height())
    assert size[1] == 555 and _default_size(first.window).height() != 555
    first.close()
    assert isinstance(Preferences(settings).geometry(), QByteArray)
    second = ReaderApp(Options(library_dir, "nl", settings=settings), qapp)
    try:
        with qtbot.waitSignal(second.library_loaded, timeout=LOAD_TIMEOUT_MS):
            second.start()
        assert (second.window.width(), second.window.height()) == size
    finally:
        second.close()


def test_the_language_is_the_persons_not_the_librarys(qapp, qtbot, library_dir, tmp_path):
    Preferences().set_language("en")
    reader = ReaderApp(Options(library_dir), qapp)
    try:
        assert reader.language == "en"
    finally:
        reader.close()
    with Library.open(library_dir, recover=False) as lib:
        assert lib.setting("language") is None  # nothing about the person in the library
    # Another person (another settings file) on the same library keeps their own.
    other = ReaderApp(Options(library_dir, settings=tmp_path / "other.ini"), qapp)
    try:
        assert other.language == "nl"
    finally:
        other.close()


def test_the_import_dialog_opens_in_the_folder_used_last(qtbot, ctx, tmp_path, monkeypatch):
    from reader.ui.views import importtrust

    usb = tmp_path / "usb"
    usb.mkdir()
    asked = []

    def dialog(parent, title, folder, filters):
        asked.append(folder)
        return [str(usb / "missing.dtnb")], ""

    view = importtrust.ImportTrustView(ctx)
    qtbot.addWidget(view)
    monkeypatch.setattr(importtrust.QFileDialog, "getOpenFileNames", staticmethod(dialog))
    monkeypatch.setattr(view, "import_paths", lambda paths: None)
    view.choose_files()
    view.choose_files()
    assert asked == ["", str(usb)]


def test_nothing_in_the_ui_runs_sql():
    sql = re.compile(r"\bsqlite3\b|\.execute\(|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b")
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for path in sorted((REPO_ROOT / "reader" / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line)
    ]
    assert offenders == []
