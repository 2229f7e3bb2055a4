"""The help in the window: F1 on every view, the Help menu, "What does this mean?" from an
error dialog and from the import report, search, links, and the first-run guide."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core import help as core_help
from reader.core.errors import TrustStoreError, UnknownKeyError
from reader.core.help import VIEW_TOPICS, HelpBook
from reader.ui import window as window_module
from reader.ui.errors import error_box
from reader.ui.help import SETTING_FIRST_RUN_SHOWN, first_run_shown, user_settings
from reader.ui.window import VIEWS, MainWindow
from tests.helpers import bundles
from tests.helpers.views import LOAD_TIMEOUT_MS, show_and_wait
from tests.ui.test_accessibility import window  # noqa: F401 - the same shown and active main window


def _wait_topic(qtbot, win, trigger) -> str:
    help_window = win.help_window()
    with qtbot.waitSignal(help_window.topic_shown, timeout=LOAD_TIMEOUT_MS) as blocker:
        trigger()
    return blocker.args[0]


def test_the_window_knows_the_cores_page_ids():
    assert window_module.CONTENTS_TOPIC == core_help.CONTENTS_TOPIC
    assert window_module.SHORTCUTS_TOPIC == core_help.SHORTCUTS_TOPIC


def test_f1_on_each_view_opens_its_own_page(window, qtbot):
    book = HelpBook("nl")
    assert {name for name, _m, _c in VIEWS} <= set(VIEW_TOPICS), "a view without its F1 page"
    for name, _module, _cls in VIEWS:
        window.help_window().close()  # F1 is pressed in the main window
        show_and_wait(qtbot, window, name)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=LOAD_TIMEOUT_MS)
        shown = _wait_topic(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_F1))
        assert shown == VIEW_TOPICS[name] and book.has(shown), name
        assert window.help_window().isVisible()
        assert book.topic(shown).title in window.help_window().page.toPlainText()


def test_help_menu_holds_contents_guide_shortcuts_and_about(window, qtbot):
    texts = [a.text().replace("&", "") for a in window.help_menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Help for this view", "Help contents", "Getting started", "Keyboard shortcuts"]
    assert texts[-1] == "About DTN Reader"
    assert window.help_view_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert _wait_topic(qtbot, window, window.help_contents_action.trigger) == "start"
    assert _wait_topic(qtbot, window, window.shortcuts_action.trigger) == "shortcuts"


def _window_shortcuts(win) -> set[str]:
    keys = set()
    for action in win.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if "+" in text or re.fullmatch(r"F\d+", text):  # not the keyboard's own Zoom In key
                keys.add(text)
    return keys


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_shortcuts_page_lists_every_real_shortcut(window, qtbot, language):
    show_and_wait(qtbot, window, "editions")  # the chapter browser's own actions exist now
    keys = _window_shortcuts(window)
    assert {"Ctrl+1", "Ctrl+O", "F1", "Ctrl+P"} <= keys
    page = HelpBook(language).topic("shortcuts").markdown
    listed = set(re.findall(r"`([^`]+)`", page))
    assert keys - listed == set(), f"shortcuts missing from the {language} page"


def test_an_error_dialog_offers_what_does_this_mean(window, qtbot):
    view = window.views["import"]
    box = error_box(view, UnknownKeyError("signed by an unknown key 1642BA7E"))
    qtbot.addWidget(box)
    helps = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.HelpRole]
    assert [b.text() for b in helps] == ["What does this mean?"]  # no translator in this test
    assert _wait_topic(qtbot, window, helps[0].click) == "error-unknown-key"
    # A refined code without its own page opens its class's page.
    box = error_box(view, TrustStoreError("x", code="trust-store-read-only-folder"))
    qtbot.addWidget(box)
    button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.HelpRole)
    assert _wait_topic(qtbot, window, button.click) == "error-trust-store"


def test_a_bug_gets_no_help_button(window, qtbot):
    box = error_box(window, RuntimeError("a bug"))
    qtbot.addWidget(box)
    assert not [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.HelpRole]


def test_a_rejection_in_the_import_report_is_explained(window, qtbot, tmp_path, other_key):
    show_and_wait(qtbot, window, "import")
    view = window.views["import"]
    assert not view.explain_button.isEnabled()
    path = bundles.write(tmp_path / "unknown.dtnb", bundles.build(other_key))
    with qtbot.waitSignal(view.imported, timeout=LOAD_TIMEOUT_MS):
        assert view.import_paths([path])
    qtbot.waitUntil(view.explain_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert view.explain_button.text() == "What does this mean?"
    assert _wait_topic(qtbot, window, view.explain_button.click) == "error-unknown-key"
    page = window.help_window().page.toPlainText()
    assert "Signed by an unknown key" in page and "Whom to call?" in page or "Wie kunt u bellen?" in page


def test_search_links_and_back_in_the_help_window(window, qtbot):
    help_window = window.help_window()
    _wait_topic(qtbot, window, lambda: window.show_help("start"))
    help_window.search.setText("vingerafdruk telefonisch")
    assert help_window.search_results()[0] == "trust-keys"
    help_window.search.setText("xyzzy")
    assert help_window.search_results() == [] and help_window.no_hits.isVisibleTo(help_window)
    help_window.search.clear()
    assert help_window.search_results() == list(core_help.TOPICS)
    # A link between pages is followed inside the help.
    assert _wait_topic(qtbot, window, lambda: help_window.page.anchorClicked.emit(QUrl("dtn-chapter:levels"))) == "levels"
    assert help_window.back_button.isEnabled()
    assert _wait_topic(qtbot, window, help_window.back) == "start"
    # A web link opens nothing (and shows no new page).
    with qtbot.assertNotEmitted(help_window.topic_shown, wait=300):
        help_window.page.anchorClicked.emit(QUrl("https://example.org/"))
    assert help_window.current_topic == "start"


def test_the_help_follows_the_language(ctx, qtbot):
    ctx.language = "en"
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    shown = _wait_topic(qtbot, win, lambda: win.show_help("levels"))
    assert shown == "levels" and "The five levels" in win.help_window().page.toPlainText()
    win.help_window().close()


def test_the_first_run_guide_shows_once_and_never_again_once_closed(window, qtbot, tmp_path):
    path = tmp_path / "person.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    assert not first_run_shown(settings)
    guide = window.show_first_run_guide_once(settings)
    assert guide is not None
    with qtbot.waitSignal(guide.topic_shown, timeout=LOAD_TIMEOUT_MS):
        pass
    text = guide.text.toPlainText()
    assert "DEMO" in text and "NCTV" in text and "USB" in text
    guide.close_button.click()
    assert first_run_shown(QSettings(str(path), QSettings.Format.IniFormat))
    assert "first_run_shown=true" in path.read_text()
    assert window.show_first_run_guide_once(QSettings(str(path), QSettings.Format.IniFormat)) is None
    # Still reachable from the Help menu.
    window.first_run_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "FirstRunGuide" and w.isVisible()]
    assert opened
    opened[0].reject()  # Escape or the window's close button count as closing too


def test_the_guide_opens_the_help_when_asked(window, qtbot, tmp_path):
    guide = window.show_first_run_guide(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert _wait_topic(qtbot, window, guide.more.click) == "start"
    assert not [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "FirstRunGuide" and w.isVisible()]
    guide = window.show_first_run_guide(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert _wait_topic(qtbot, window, lambda: guide.text.anchorClicked.emit(QUrl("dtn-chapter:trust-keys"))) == "trust-keys"


def test_user_settings_take_the_injected_file(tmp_path, monkeypatch, user_settings_file):
    assert user_settings().fileName() == str(user_settings_file)
    other = tmp_path / "other.ini"
    settings = user_settings(other)
    settings.setValue(SETTING_FIRST_RUN_SHOWN, "true")
    settings.sync()
    assert other.is_file()


def test_the_help_window_and_the_guide_name_every_control(window, qtbot, tmp_path):
    from tests.ui.test_accessibility import _unnamed_focusable

    help_window = window.help_window()
    _wait_topic(qtbot, window, lambda: window.show_help("levels"))
    assert _unnamed_focusable(help_window) == []
    guide = window.show_first_run_guide(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    with qtbot.waitSignal(guide.topic_shown, timeout=LOAD_TIMEOUT_MS):
        pass
    assert _unnamed_focusable(guide) == []
    guide.reject()
