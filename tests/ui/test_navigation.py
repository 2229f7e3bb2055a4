"""Moving around: Back and Forward across views and chapters, find in the open chapter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from tests.helpers.views import LOAD_TIMEOUT_MS, show_and_wait


@pytest.fixture
def window(main_window):
    return main_window


def _chapter_pk(library_dir, bundle_id: str, chapter_id: str) -> int:
    with Library.open(library_dir, recover=False) as lib:
        return lib.chapter_by_id(lib.edition(bundle_id).pk, chapter_id).pk


def _open_chapter(qtbot, window, pk: int) -> None:
    view = window.views["editions"]
    with qtbot.waitSignal(view.chapter_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda shown: shown == pk):
        window.ctx.open_chapter_requested.emit(pk, "")


def test_back_and_forward_across_three_views(qtbot, window):
    for name in ("history", "themes", "search"):
        show_and_wait(qtbot, window, name)
    assert window.current_view_name() == "search"
    assert window.back_action.isEnabled() and not window.forward_action.isEnabled()
    # Alt+Left (the platform's Back key) twice, then the menu's Forward once.
    qtbot.keyClick(window.nav, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_view_name() == "themes"
    qtbot.keyClick(window.nav, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_view_name() == "history"
    window.forward_action.trigger()
    assert window.current_view_name() == "themes"
    # Going somewhere new drops what Forward would have gone to.
    show_and_wait(qtbot, window, "compare")
    assert not window.forward_action.isEnabled()
    window.go_back()
    assert window.current_view_name() == "themes"
    window.go_back()
    window.go_back()
    assert window.current_view_name() == "overview"
    assert not window.back_action.isEnabled()
    window.go_back()  # nothing before the first place: stays
    assert window.current_view_name() == "overview"


def test_mouse_back_and_forward_buttons(qtbot, window):
    show_and_wait(qtbot, window, "history")
    show_and_wait(qtbot, window, "compare")
    target = window.views["compare"]

    def press(button) -> None:
        event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5), button, button,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, event)

    press(Qt.MouseButton.BackButton)
    assert window.current_view_name() == "history"
    press(Qt.MouseButton.ForwardButton)
    assert window.current_view_name() == "compare"


def test_back_returns_to_the_previous_chapter(qtbot, window, library_dir):
    first = _chapter_pk(library_dir, "dtn-2019-06", "detentie")
    second = _chapter_pk(library_dir, "dtn-2023-12", "online-radicalisering")
    _open_chapter(qtbot, window, first)
    _open_chapter(qtbot, window, second)
    show_and_wait(qtbot, window, "history")
    view = window.views["editions"]
    window.go_back()
    assert window.current_view_name() == "editions" and view.current_chapter_pk() == second
    with qtbot.waitSignal(view.chapter_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda pk: pk == first):
        window.go_back()
    assert window.current_view_name() == "editions"
    with qtbot.waitSignal(view.chapter_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda pk: pk == second):
        window.go_forward()
    # Arriving through Back/Forward is no new place: Forward still leads on to the history.
    assert window.forward_action.isEnabled()
    window.go_forward()
    assert window.current_view_name() == "history"


def test_ctrl_f_finds_the_second_occurrence(qtbot, window, library_dir):
    pk = _chapter_pk(library_dir, "dtn-2023-12", "online-radicalisering")
    _open_chapter(qtbot, window, pk)
    view = window.views["editions"]
    text = view.browser.toPlainText()
    word = "radicalisering"
    first = text.casefold().find(word)
    second = text.casefold().find(word, first + 1)
    assert 0 <= first < second, "the chapter should hold the word twice"
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, word)
    assert bar.count >= 2
    assert view.browser.textCursor().selectionStart() == first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    cursor = view.browser.textCursor()
    assert cursor.selectionStart() == second and cursor.selectedText().casefold() == word
    assert bar.count_label.text() == f"2 of {bar.count}"
    assert len(view.browser.extraSelections()) == bar.count  # every match marked
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.browser.textCursor().selectionStart() == first
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not view.browser.extraSelections()


def test_find_ignores_case_and_accents_and_says_when_nothing_matches(qtbot, window, library_dir):
    pk = _chapter_pk(library_dir, "dtn-2025-06", "dreigingsniveau")
    _open_chapter(qtbot, window, pk)
    view = window.views["editions"]
    view.find_action.trigger()
    view.find_bar.field.setText("REEEL")  # the chapter says "reëel"
    assert view.find_bar.count >= 1
    assert view.browser.textCursor().selectedText().casefold() == "reëel"
    view.find_bar.field.setText("zzzqqq")
    assert view.find_bar.count == 0 and view.find_bar.count_label.text() == "not found"
