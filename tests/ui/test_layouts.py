"""Layouts that hold: every view at 800x600, with the default and with a 16 pt application
font, shows every button, label and chip whole, no text over other text, a table of
contents as wide as its longest word, and the chart's title clear of its DEMO box.
Screenshots of each go to a temporary folder (never the tracked tree)."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QStackedWidget, QWidget

from reader.ui.window import VIEWS, MainWindow
from tests.helpers.views import show_and_wait

SMALL_WINDOW = (800, 600)
LARGE_FONT_PT = 16


@contextlib.contextmanager
def _window(ctx, qtbot, qapp, language: str, size: int | None):
    """The main window in ``language`` with a ``size`` pt application font (None: the default)."""
    from reader.ui import i18n

    ctx.language = language
    translators = i18n.install(qapp, language) if language != "en" else []
    original = QFont(qapp.font())
    if size:
        font = QFont(original)
        font.setPointSize(size)
        qapp.setFont(font)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(*SMALL_WINDOW)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.close()
        qapp.setFont(original)
        i18n.remove(qapp, translators)


@pytest.fixture(params=[("nl", None), ("nl", LARGE_FONT_PT), ("en", LARGE_FONT_PT)], ids=["nl", "nl-16pt", "en-16pt"])
def window(request, ctx, qtbot, qapp):
    with _window(ctx, qtbot, qapp, *request.param) as win:
        yield win


def _label_text(widget: QWidget) -> str:
    text = widget.text()
    if isinstance(widget, QLabel) and ("<" in text and ">" in text):
        text = re.sub(r"<[^>]*>", " ", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _too_narrow(root: QWidget) -> list[str]:
    """Buttons narrower than their size hint; labels narrower than their text (one line) or
    than their longest word (wrapped)."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root or widget.width() <= 0:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
        elif isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            text = _label_text(widget)
            metrics = QFontMetrics(widget.font())
            extra = 2 * widget.margin() + widget.contentsMargins().left() + widget.contentsMargins().right()
            if widget.wordWrap():
                need = max((metrics.horizontalAdvance(word) for word in text.split()), default=0) + extra
            else:
                need = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) + extra
        else:
            continue
        if widget.width() < need:
            problems.append(f"{type(widget).__name__} {_label_text(widget)[:60]!r}: {widget.width()} px < {need} px")
    return problems


def _layout_widgets(layout) -> list[QWidget]:
    """The widgets a layout places, through its nested layouts."""
    found = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found.extend(_layout_widgets(item.layout()))
    return found


def _overlapping(root: QWidget) -> list[str]:
    """Visible widgets of one layout (nested layouts included) that lie on top of each other."""
    problems = []
    for parent in [root, *root.findChildren(QWidget)]:
        if parent.layout() is None or not parent.isVisible() or isinstance(parent, QStackedWidget):
            continue
        shown = [c for c in _layout_widgets(parent.layout()) if c.isVisible()]
        for a, b in itertools.combinations(shown, 2):
            if a.geometry().intersects(b.geometry()):
                problems.append(f"{type(a).__name__} {a.objectName() or _text(a)!r} overlaps {type(b).__name__} {b.objectName() or _text(b)!r}")
    return problems


def _text(widget: QWidget) -> str:
    return _label_text(widget)[:40] if hasattr(widget, "text") and isinstance(widget.text(), str) else ""


def _toc_problems(window: MainWindow) -> list[str]:
    toc = window.views["editions"].toc
    metrics = QFontMetrics(toc.font())
    problems = []
    items = [toc.topLevelItem(i) for i in range(toc.topLevelItemCount())]
    while items:
        item = items.pop()
        items.extend(item.child(i) for i in range(item.childCount()))
        depth, parent = 1, item.parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        longest = max((metrics.horizontalAdvance(w) for w in item.text(0).split()), default=0)
        room = toc.viewport().width() - toc.indentation() * depth
        if room < longest:
            problems.append(f"contents entry {item.text(0)[:40]!r}: {room} px < {longest} px")
    return problems


@pytest.mark.parametrize("name", [name for name, _module, _cls in VIEWS])
def test_every_view_shows_its_widgets_whole(window, qtbot, tmp_path, request, name):
    """At 800x600 (or the smallest size the window allows, see the next test) and 16 pt."""
    show_and_wait(qtbot, window, name)
    window.resize(*SMALL_WINDOW)
    QApplication.processEvents()
    window.grab().save(str(tmp_path / f"{name}.png"))
    if os.environ.get("DTN_LAYOUT_SHOTS"):  # a folder to keep them in, for a person to look at
        shutil.copy(tmp_path / f"{name}.png", Path(os.environ["DTN_LAYOUT_SHOTS"]) / f"{request.node.callspec.id}.png")
    problems = _too_narrow(window) + _overlapping(window.views[name])
    if name == "editions":
        problems += _toc_problems(window)
    if name == "history":
        chart = window.views["history"].chart
        title, demo = chart.header_rects()
        assert demo is not None, "the demo library's chart carries its DEMO box"
        if title.intersects(demo):
            problems.append(f"chart title {title} overlaps the DEMO box {demo}")
        if not QRect(0, 0, chart.width(), chart.height()).toRectF().contains(demo):
            problems.append(f"the DEMO box {demo} leaves the chart {chart.size()}")
    assert not problems, "\n".join(problems)


def _view_params():
    for language in ("nl", "en"):
        for name, _module, _cls in VIEWS:
            yield pytest.param(language, name, id=f"{language}-{name}")


@pytest.mark.parametrize(("language", "name"), list(_view_params()))
def test_each_view_fits_an_800_px_window(ctx, qtbot, qapp, language, name):
    """At the default font: the navigation, the view and the window's frame within 800 px."""
    with _window(ctx, qtbot, qapp, language, None) as window:
        show_and_wait(qtbot, window, name)
        QApplication.processEvents()
        around = window.minimumSizeHint().width() - window.stack_area.minimumSizeHint().width()
        need = around + window.views[name].minimumSizeHint().width()
        assert need <= SMALL_WINDOW[0], f"{name} needs a window of {need} px"


@pytest.mark.parametrize(("language", "size"), [("nl", None), ("nl", LARGE_FONT_PT), ("en", LARGE_FONT_PT)])
def test_the_window_can_be_800_wide(ctx, qtbot, qapp, language, size):
    """Whatever a view needs, the window fits an 800 px screen: a view wider than the room
    left scrolls inside the window (test_each_view_fits_an_800_px_window says which do)."""
    with _window(ctx, qtbot, qapp, language, size) as window:
        for name, _module, _cls in VIEWS:
            show_and_wait(qtbot, window, name)
        window.resize(*SMALL_WINDOW)
        QApplication.processEvents()
        assert window.width() <= SMALL_WINDOW[0], f"the window is at least {window.minimumSizeHint().width()} px wide"
