"""Accessibility walk: every focusable widget of every view has an accessible name, and
every view can be reached from the navigation with the Tab key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from reader.ui.window import VIEWS, MainWindow
from tests.helpers.views import show_and_wait

# Tab presses allowed to get from the navigation into a view.
MAX_TABS = 60


@pytest.fixture
def window(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def _name_derived_by_qt(widget: QWidget) -> bool:
    """Qt names these itself: buttons, check boxes and labels from their text, and the line
    edit inside a combo or spin box through its named parent."""
    if isinstance(widget, (QAbstractButton, QLabel)):
        return bool(widget.text().replace("&", "").strip())
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return bool(parent.accessibleName())
    return False


def _unnamed_focusable(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if any(s is widget or s.isAncestorOf(widget) for s in skip):
            continue
        if widget.window() is not root.window():
            continue  # popups (a combo box's list) belong to their own widget
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.accessibleName().strip() or _name_derived_by_qt(widget):
            continue
        path = []
        w = widget
        while w is not None and w is not root:
            path.append(w.objectName() or type(w).__name__)
            w = w.parentWidget()
        problems.append(" < ".join(path))
    return problems


def test_every_focusable_widget_has_an_accessible_name(window, qtbot):
    problems = {}
    for name, _module, _cls in VIEWS:
        show_and_wait(qtbot, window, name)
        unnamed = _unnamed_focusable(window.views[name])
        if unnamed:
            problems[name] = unnamed
    chrome = _unnamed_focusable(window, skip=tuple(window.views.values()))
    if chrome:
        problems["window"] = chrome
    assert not problems, problems


def test_the_walk_finds_an_unnamed_widget(window, qtbot):
    """The check above can fail: a focusable widget without a name is reported."""
    show_and_wait(qtbot, window, "overview")
    overview = window.views["overview"]
    assert _unnamed_focusable(overview) == []
    stray = QLineEdit(overview)
    assert _unnamed_focusable(overview) == ["QLineEdit"]
    stray.setAccessibleName("named now")
    assert _unnamed_focusable(overview) == []


def _tab_into(window, qtbot, view: QWidget) -> QWidget | None:
    window.nav.setFocus(Qt.FocusReason.OtherFocusReason)
    assert QApplication.focusWidget() is window.nav
    for _ in range(MAX_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is not None and view.isAncestorOf(focus):
            return focus
        if focus is window.nav:
            return None  # went all the way round
    return None


def test_every_view_is_reachable_by_tab(window, qtbot):
    unreachable = []
    for name, _module, _cls in VIEWS:
        show_and_wait(qtbot, window, name)
        focus = _tab_into(window, qtbot, window.views[name])
        if focus is None:
            unreachable.append(name)
        else:
            assert focus.isVisible() and focus.isEnabled()
    assert not unreachable, f"Tab from the navigation does not reach: {unreachable}"
