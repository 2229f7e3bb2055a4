"""The application: first start with the demo library, --no-demo, keyboard navigation,
language (startup, stored, live switch), the settings dialog and the --self-test entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from reader.core.library.changes import Changes
from reader.core.demo_pins import DEMO_KEY_ID
from reader.core.library import Library
from reader.ui.app import STORE_CHECK_DELAY_MS, Options, ReaderApp, parse_args, stored_language
from reader.ui.prefs import Preferences
from tests.helpers.views import LOAD_TIMEOUT_MS

REPO_ROOT = Path(__file__).resolve().parents[2]
# The self-test's own deadline is 60 s; the subprocess gets a little more, in seconds.
SELF_TEST_PROCESS_TIMEOUT_S = 120


@pytest.fixture
def start_app(qapp, qtbot):
    """Start a ReaderApp on a folder; wait until the library is loaded and the overview shown."""
    started: list[ReaderApp] = []

    def start(folder: Path, *, language: str | None = None, no_demo: bool = False) -> ReaderApp:
        reader = ReaderApp(Options(folder, language, no_demo), qapp)
        started.append(reader)
        with qtbot.waitSignal(reader.library_loaded, timeout=LOAD_TIMEOUT_MS):
            reader.start()
        overview = reader.window.views["overview"]
        if overview._data is None and not overview.empty_section.isVisibleTo(overview):
            with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
                pass
        return reader

    yield start
    for reader in started:
        reader.close()


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_first_start_loads_demo_library_through_verified_import(start_app, qtbot, tmp_path):
    folder = tmp_path / "fresh"
    reader = start_app(folder, language="nl")
    overview = reader.window.views["overview"]
    assert overview.level_section.isVisibleTo(overview)
    assert "4 van 5 — Substantieel" in overview.badge.text()
    assert overview.notice.isVisibleTo(overview)
    assert "De demobibliotheek is geladen" in overview.notice_text.text()
    with Library.open(folder, recover=False) as lib:
        sources = [entry.source for entry in lib.audit()]
        assert len(lib.editions()) == 12
        assert all(e.demo for e in lib.editions())
    assert sources and all(source.startswith("demo library") for source in sources), sources


def test_no_demo_keeps_the_library_empty_and_remembers(start_app, tmp_path):
    folder = tmp_path / "fresh"
    reader = start_app(folder, language="nl", no_demo=True)
    overview = reader.window.views["overview"]
    assert overview.empty_section.isVisibleTo(overview)
    assert not overview.level_section.isVisibleTo(overview)
    assert overview.empty_section.heading.text() == "De bibliotheek is leeg"
    reader.close()
    with Library.open(folder, recover=False) as lib:
        assert lib.is_empty()
        assert lib.setting("no_demo") == "1"


def test_no_demo_setting_is_honoured_on_the_next_start(start_app, tmp_path):
    folder = tmp_path / "fresh"
    with Library.open(folder) as lib:
        lib.set_setting("no_demo", "1")
    reader = start_app(folder, language="nl")
    assert reader.window.views["overview"].empty_section.isVisibleTo(reader.window)


def test_views_are_built_after_the_window_is_shown(qapp, qtbot, library_dir):
    reader = ReaderApp(Options(library_dir, "nl"), qapp)
    try:
        reader.start()
        assert reader.window.isVisible()
        assert reader.window.views == {}
        with qtbot.waitSignal(reader.library_loaded, timeout=LOAD_TIMEOUT_MS):
            pass
        assert set(reader.window.views) >= {"overview", "editions", "history", "search"}
    finally:
        reader.close()


def test_a_view_is_built_when_first_shown_and_its_entry_is_there_before(start_app, qtbot, library_dir):
    from reader.ui.window import EAGER_VIEWS, VIEWS

    reader = start_app(library_dir, language="nl")
    window = reader.window
    assert set(window.views.built()) == EAGER_VIEWS
    assert "history" in window.views and not window.views.is_built("history")
    assert window.nav.item(2).text() == window.view_actions["history"].text() == "Verloop dreigingsniveau"
    window.show_view("history")
    history = window.views.built()["history"]
    assert window.stack.currentWidget() is history
    # The titles shown before the views existed are the views' own.
    for name, _module, _cls in VIEWS:
        assert window.views[name].title() == window.view_actions[name].text()


def test_keyboard_navigation(start_app, qtbot, library_dir):
    reader = start_app(library_dir, language="en")
    window = reader.window
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_name() == "editions"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_name() == "history"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_name() == "compare"
    assert window.stack.currentWidget() is window.views["compare"]
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_name() == "import"
    assert window.stack.currentWidget() is window.views["import"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_name() == "overview"
    # The navigation list with the arrow keys.
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_view_name() == "editions"
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_view_name() == "history"
    assert window.stack.currentWidget() is window.views["history"]
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.current_view_name() == "editions"
    assert window.view_actions["editions"].isChecked()


def test_english_and_dutch_strings(start_app, library_dir, tmp_path):
    reader = start_app(library_dir, language="en")
    overview = reader.window.views["overview"]
    assert overview.page_title.text() == "Overview"
    assert overview.badge.text() == "4 of 5 — Substantial"
    assert overview.level_section.heading.text() == "Current national threat level"
    assert _menu_titles(reader.window)[:3] == ["&File", "&View", "&Help"]
    assert reader.window.nav.item(0).text() == "Overview"
    reader.close()

    reader = start_app(library_dir, language="nl")
    overview = reader.window.views["overview"]
    assert overview.page_title.text() == "Overzicht"
    assert overview.badge.text() == "4 van 5 — Substantieel"
    assert overview.level_section.heading.text() == "Huidig nationaal dreigingsniveau"
    assert overview.since.text() == "Sinds december 2023"
    assert _menu_titles(reader.window)[:3] == ["&Bestand", "Beel&d", "&Help"]
    assert reader.window.nav.item(0).text() == "Overzicht"


def test_settings_switch_language_live_and_store_it(start_app, qtbot, library_dir):
    reader = start_app(library_dir, language=None)
    assert reader.language == "nl"
    old_window = reader.window
    dialog = old_window.open_settings()
    if not dialog.language.isEnabled():
        with qtbot.waitSignal(dialog.loaded, timeout=LOAD_TIMEOUT_MS):
            pass
    assert dialog.windowTitle() == "Instellingen"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.saved, timeout=LOAD_TIMEOUT_MS):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert reader.window is not old_window
    overview = reader.window.views["overview"]
    with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
        pass
    assert overview.page_title.text() == "Overview"
    assert overview.badge.text() == "4 of 5 — Substantial"
    assert reader.ctx.language == "en"
    assert stored_language(Preferences()) == "en"
    # The old window is gone; a library change reaches only the new one's views.
    qtbot.waitUntil(lambda: not shiboken6.isValid(old_window), timeout=LOAD_TIMEOUT_MS)
    with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
        reader.ctx.library_changed.emit(Changes.everything())
    for name in ("editions", "history", "themes", "compare", "checklists", "import"):
        view = reader.window.views[name]
        with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
            reader.window.show_view(name)
    reader.close()
    # The next start reads the stored language.
    reader = start_app(library_dir, language=None)
    assert reader.window.views["overview"].page_title.text() == "Overview"


def test_settings_remove_demo_library(start_app, qtbot, library_dir):
    reader = start_app(library_dir, language="nl")
    dialog = reader.window.open_settings()
    if not dialog.language.isEnabled():
        with qtbot.waitSignal(dialog.loaded, timeout=LOAD_TIMEOUT_MS):
            pass
    assert dialog.load_demo.isChecked()
    overview = reader.window.views["overview"]
    with qtbot.waitSignals([dialog.demo_removed, overview.loaded], timeout=LOAD_TIMEOUT_MS):
        dialog.remove_demo_confirmed()
    assert overview.empty_section.isVisibleTo(overview)
    assert not dialog.load_demo.isChecked()
    dialog.reject()
    reader.close()
    with Library.open(library_dir, recover=False) as lib:
        assert lib.is_empty()
        assert lib.setting("no_demo") == "1"
        assert [a.result for a in lib.audit()[:2]] == ["key switched off", "removed"]
        assert lib.trust.get(DEMO_KEY_ID).disabled_at  # the Settings button switches the demo key off too


def test_parse_args_library_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DTN_LIBRARY", str(tmp_path / "env-lib"))
    assert parse_args([]).library == (tmp_path / "env-lib").resolve()
    assert parse_args(["--library", str(tmp_path / "arg")]).library == (tmp_path / "arg").resolve()
    options = parse_args(["--lang", "en", "--no-demo", "--self-test"])
    assert (options.language, options.no_demo, options.self_test) == ("en", True, True)
    with pytest.raises(SystemExit):
        parse_args(["--lang", "de"])


def _run_self_test(library: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DTN_LIBRARY", None)
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--self-test", "--library", str(library), *extra],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=SELF_TEST_PROCESS_TIMEOUT_S, check=False,
    )


def test_self_test_passes_on_the_demo_library(library_dir):
    proc = _run_self_test(library_dir)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(lines) == 1, proc.stdout
    result = json.loads(lines[0])
    assert result["ok"] is True
    assert set(result["views"]) == {"overview", "chapter", "history", "search"}
    times = [result["first_paint_ms"], result["library_loaded_ms"], *(result["views"][k] for k in ("overview", "chapter", "history", "search"))]
    assert all(isinstance(t, (int, float)) and t > 0 for t in times)
    assert result["first_paint_ms"] <= result["views"]["overview"] <= result["views"]["chapter"] <= result["views"]["search"]
    # The level badge is painted before the overview's data is loaded (read before the library opened).
    assert result["first_paint_ms"] <= result["level_shown_ms"] <= result["views"]["overview"]
    assert (result["platform"], result["language"], result["window_title"]) == ("offscreen", "nl", "DTN Reader")
    assert result["translations_loaded"] >= 1


def test_self_test_settle_reports_the_memory_after_the_store_check(library_dir):
    proc = _run_self_test(library_dir, "--self-test-settle", "0.1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["ok"] is True and result["rss_settled_kb"] > 0
    # Not before the store check, which starts STORE_CHECK_DELAY_MS after the library opened
    # (and that after the first paint).
    assert result["settled_ms"] >= result["first_paint_ms"] + STORE_CHECK_DELAY_MS


def test_self_test_names_what_failed(tmp_path):
    proc = _run_self_test(tmp_path / "empty", "--no-demo")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["ok"] is False
    assert result["failed"] == "chapter"
    assert "no edition" in result["error"]


def test_file_import_hands_paths_to_the_import_view(start_app, qtbot, tmp_path):
    from reader.core.demo import demo_bundle_paths

    reader = start_app(tmp_path / "fresh", language="en", no_demo=True)
    overview = reader.window.views["overview"]
    assert overview.empty_section.isVisibleTo(overview)
    with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
        reader.window.import_paths([str(demo_bundle_paths()[-1])])
    assert reader.window.current_view_name() == "import"
    assert overview.badge.text() == "4 of 5 — Substantial"


def test_file_menu_import_uses_the_import_views_dialog(start_app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from reader.core.demo import demo_bundle_paths

    reader = start_app(tmp_path / "fresh", language="en", no_demo=True)
    overview = reader.window.views["overview"]
    asked = []

    def fake_dialog(*args, **kwargs):
        asked.append(args)
        return [str(demo_bundle_paths()[-1])], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
        reader.window.import_action.trigger()
    assert len(asked) == 1 and reader.window.current_view_name() == "import"
    assert overview.badge.text() == "4 of 5 — Substantial"


def test_about_box_names_version_and_demo_disclaimer(start_app, qtbot, library_dir):
    from PySide6.QtWidgets import QMessageBox

    from reader import __version__

    reader = start_app(library_dir, language="nl")
    reader.window.show_about()
    box = reader.window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert __version__ in box.text()
    import platform

    from PySide6.QtCore import qVersion

    assert f"Qt {qVersion()}" in box.text() and f"Python {platform.python_version()}" in box.text()
    assert "DEMO" in box.text() and "geen publicatie van de NCTV" in box.text()
    box.close()


# --- the translation pipeline ----------------------------------------------------------------


def test_translations_load_from_a_read_only_folder_without_lrelease(qapp, monkeypatch, tmp_path):
    """The app loads the shipped .qm files as they are: it never runs a tool (lrelease) and
    never writes into its own folder, which is read-only when installed."""
    import subprocess as subprocess_module

    from PySide6.QtCore import QCoreApplication

    from reader.ui import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    for language in i18n.LANGUAGES:
        shutil.copy(i18n.qm_path(language), folder)
        shutil.copy(i18n.ts_path(language), folder)
        # A .ts newer than its .qm must not make the app rebuild anything.
        os.utime(folder / f"dtn_{language}.qm", (1, 1))
    before = sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir())
    folder.chmod(0o555)

    def no_tools(*args, **kwargs):
        raise AssertionError(f"the app ran a program: {args}")

    monkeypatch.setattr(subprocess_module, "run", no_tools)
    monkeypatch.setattr(subprocess_module, "Popen", no_tools)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    try:
        translators = i18n.install(qapp, "nl")
        try:
            assert translators
            assert QCoreApplication.translate("MainWindow", "&File") == "&Bestand"
        finally:
            i18n.remove(qapp, translators)
        assert sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()) == before
    finally:
        folder.chmod(0o755)


def test_english_identity_fills_plural_forms(tmp_path):
    from reader.ui import i18n

    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en" sourcelanguage="en">'
        "<context><name>V</name>"
        '<message><source>Hello</source><translation type="unfinished"></translation></message>'
        '<message numerus="yes"><source>%n chapter(s)</source><translation type="unfinished">'
        "<numerusform></numerusform><numerusform></numerusform></translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    i18n.fill_identity(ts)
    text = ts.read_text(encoding="utf-8")
    assert "unfinished" not in text
    assert "<translation>Hello</translation>" in text
    assert "<numerusform>%n chapter</numerusform>" in text and "<numerusform>%n chapters</numerusform>" in text


def test_translation_sources_are_current_with_the_code(tmp_path, monkeypatch):
    """Every tr() string in reader/ui is in the .ts files; run `python -m reader.ui.i18n update` if not."""
    import xml.etree.ElementTree as ET

    from reader.ui import i18n

    def messages(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}

    shipped = messages(i18n.ts_path("nl"))
    shipped_en = messages(i18n.ts_path("en"))
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.update(("nl",))
    current = messages(tmp_path / "dtn_nl.ts")
    missing = current - shipped
    assert not missing, f"run `python -m reader.ui.i18n update`; not in dtn_nl.ts: {sorted(missing)[:10]}"
    assert shipped_en == shipped


def test_english_translation_is_complete():
    import xml.etree.ElementTree as ET

    from reader.ui import i18n

    root = ET.parse(i18n.ts_path("en")).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message") if m.find("translation").get("type") == "unfinished"]
    assert not unfinished, unfinished[:10]


def test_application_icon_has_every_shipped_size(qapp):
    from reader.ui.app import ICON_SIZES_PX, application_icon

    icon = application_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES_PX)
    assert not icon.pixmap(32, 32).isNull()


def test_the_bounded_store_check_waits_for_the_first_clicks_then_warns(start_app, qtbot, library_dir, monkeypatch):
    """The re-hash after a start comes STORE_CHECK_DELAY_MS after the library opened (not while a
    person opens their first chapter), and a stored file altered on disk is then reported."""
    from reader.ui import app as app_module
    from reader.ui import check

    with Library.open(library_dir) as lib:
        victim = lib.store.path_for(sorted(lib.store.hashes())[0])
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.chmod(0o644)
    victim.write_bytes(bytes(data))
    calls = []
    real = check.start_background_check
    monkeypatch.setattr(check, "start_background_check", lambda ctx, on_mismatch: calls.append(1) or real(ctx, on_mismatch))
    monkeypatch.setattr(app_module, "STORE_CHECK_DELAY_MS", 2000)
    reader = start_app(library_dir, language="en")
    assert calls == []  # the library is open and the overview shown, the check not yet started
    with qtbot.waitSignal(reader.ctx.status_message, timeout=LOAD_TIMEOUT_MS,
                          check_params_cb=lambda text: "no longer match" in text):
        pass
    assert calls == [1]
