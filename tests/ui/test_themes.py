"""The themes view over the real demo library: themes with counts, a theme's chapters in time order, opening one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.library import Library
from reader.ui.format import theme_name
from reader.ui.views.themes import COL_DATE, COL_EDITION, COL_KIND, COL_TITLE, ThemesView

# The offscreen platform says this whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

THEME = "online-radicalisering"


@pytest.fixture
def view(qtbot, ctx) -> ThemesView:
    widget = ThemesView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    # The first theme's chapters load right after the list: wait for both.
    with qtbot.waitSignals([widget.loaded, widget.chapters_loaded], timeout=10_000):
        widget.activate()
    return widget


@pytest.fixture
def library(library_dir):
    with Library.open(library_dir) as lib:
        yield lib


def _select(view: ThemesView, qtbot, theme: str) -> None:
    with qtbot.waitSignal(view.chapters_loaded, timeout=10_000, check_params_cb=lambda t: t == theme):
        assert view.select_theme(theme)


def _rows(tree) -> list:
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def test_every_theme_with_its_chapter_count(view, library):
    expected = library.themes()
    assert (THEME, 4) in expected
    shown = [(item.text(0), item.text(1)) for item in _rows(view.theme_tree)]
    assert shown == [(theme_name(theme, "nl"), str(count)) for theme, count in expected]
    assert ("Online radicalisering", "4") in shown


def test_a_theme_lists_its_chapters_oldest_first(view, qtbot, library):
    _select(view, qtbot, THEME)
    expected = library.theme_chapters(THEME)
    rows = _rows(view.chapter_tree)
    assert [item.data(0, Qt.ItemDataRole.UserRole) for item in rows] == [c.pk for c in expected]
    dates = [c.edition_date for c in expected]
    assert dates == sorted(dates) and dates[-1] == "2023-12"
    last = rows[-1]
    assert last.text(COL_DATE) == "december 2023"
    assert last.text(COL_EDITION).startswith("DTN december 2023") and "DEMO" in last.text(COL_EDITION)
    assert last.text(COL_TITLE).startswith("Thema: Online radicalisering")
    assert last.text(COL_KIND) == "Theme chapter"
    assert [item.text(COL_KIND) for item in rows[:-1]] == ["Chapter"] * (len(rows) - 1)
    assert "Online radicalisering" in view.chapters_heading.text()


def test_enter_opens_the_theme_chapter(view, ctx, qtbot, library):
    _select(view, qtbot, THEME)
    chapter = next(c for c in library.theme_chapters(THEME) if c.theme_chapter and c.edition_date == "2023-12")
    item = next(i for i in _rows(view.chapter_tree) if i.data(0, Qt.ItemDataRole.UserRole) == chapter.pk)
    view.chapter_tree.setCurrentItem(item)
    with qtbot.waitSignal(ctx.open_theme_chapter_requested, timeout=5_000) as blocker:
        qtbot.keyClick(view.chapter_tree.viewport(), Qt.Key.Key_Return)
    assert blocker.args == [THEME, chapter.pk]


def test_double_click_opens_a_chapter(view, ctx, qtbot, library):
    _select(view, qtbot, THEME)
    first = library.theme_chapters(THEME)[0]
    item = view.chapter_tree.topLevelItem(0)
    pos = view.chapter_tree.visualItemRect(item).center()
    with qtbot.waitSignal(ctx.open_theme_chapter_requested, timeout=5_000) as blocker:
        qtbot.mouseClick(view.chapter_tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.chapter_tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [THEME, first.pk]


def test_keyboard_from_theme_list_to_chapters(view, qtbot, library):
    view.activateWindow()
    view.theme_tree.setFocus()
    qtbot.waitUntil(view.theme_tree.hasFocus, timeout=5_000)
    themes = [t for t, _ in library.themes()]
    # Down moves to the next theme and loads its chapters.
    with qtbot.waitSignal(view.chapters_loaded, timeout=10_000) as blocker:
        qtbot.keyClick(view.theme_tree, Qt.Key.Key_Down)
    assert blocker.args == [themes[1]]
    assert view.chapter_tree.topLevelItemCount() == len(library.theme_chapters(themes[1]))
    qtbot.keyClick(view.theme_tree, Qt.Key.Key_Return)
    qtbot.waitUntil(view.chapter_tree.hasFocus, timeout=5_000)


def test_english_theme_names(ctx, qtbot, library):
    ctx.language = "en"
    widget = ThemesView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignals([widget.loaded, widget.chapters_loaded], timeout=10_000):
        widget.activate()
    names = [item.text(0) for item in _rows(widget.theme_tree)]
    assert "Online radicalisation" in names
    assert names == [theme_name(t, "en") for t, _ in library.themes()]


def test_every_focusable_widget_has_an_accessible_name(view):
    for widget in [view, *view.findChildren(QWidget)]:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(view):
            assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"


def test_a_theme_chapter_offers_the_previous_and_next_chapter_of_the_theme(ctx, qtbot, library):
    from reader.ui.views.editions import EditionsView

    chapters = library.theme_chapters(THEME)
    assert len(chapters) >= 3
    editions = EditionsView(ctx)
    qtbot.addWidget(editions)
    editions.resize(1000, 700)
    editions.show()

    def open_via_theme(pk: int) -> None:
        with qtbot.waitSignal(editions.chapter_shown, timeout=10_000, check_params_cb=lambda shown: shown == pk):
            ctx.open_theme_chapter_requested.emit(THEME, pk)

    open_via_theme(chapters[0].pk)
    assert editions.theme_bar.isVisible()
    assert editions.theme_label.text() == f"Theme Online radicalisering: chapter 1 of {len(chapters)}"
    assert not editions.theme_previous.isEnabled() and editions.theme_next.isEnabled()
    assert chapters[1].title in editions.theme_next.toolTip() and chapters[1].edition_name in editions.theme_next.toolTip()
    # Next goes on to the theme's chapter in the next edition, Previous back.
    with qtbot.waitSignal(editions.chapter_shown, timeout=10_000, check_params_cb=lambda pk: pk == chapters[1].pk):
        editions.theme_next.click()
    assert editions.theme_label.text().endswith(f"chapter 2 of {len(chapters)}") and editions.theme_previous.isEnabled()
    with qtbot.waitSignal(editions.chapter_shown, timeout=10_000, check_params_cb=lambda pk: pk == chapters[0].pk):
        editions.theme_previous.click()
    # A chapter opened otherwise (search, contents) is not on a theme trail.
    with qtbot.waitSignal(editions.chapter_shown, timeout=10_000, check_params_cb=lambda pk: pk == chapters[1].pk):
        ctx.open_chapter_requested.emit(chapters[1].pk, "")
    assert not editions.theme_bar.isVisible()
