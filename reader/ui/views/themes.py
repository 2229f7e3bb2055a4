"""Themes: every theme with its chapter count; a theme's chapters across editions, oldest first."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import CancelledError
from reader.core.library.changes import Changes
from reader.core.vocabulary import THEMES
from reader.core.library import ChapterInfo, Library
from reader.ui.context import AppContext
from reader.ui.errors import error_text
from reader.ui.format import demo_marking, format_date, locale_for, theme_name
from reader.ui.tasks import TaskHandle
from reader.ui.views.base import View, scaled_font

log = logging.getLogger(__name__)

# Chapter list columns.
COL_DATE, COL_EDITION, COL_TITLE, COL_KIND = range(4)

THEME_ROLE = Qt.ItemDataRole.UserRole
CHAPTER_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class _Chapters:
    theme: str
    chapters: list[ChapterInfo]
    demo: dict[int, bool]  # edition pk -> demo


class _ThemeTree(QTreeWidget):
    """The theme list; Enter moves on to the theme's chapters."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ThemesView(View):
    """Pick a theme, see its chapters in time order, open one with Enter or a double-click.

    Signals:
        loaded: the theme list is shown.
        chapters_loaded(theme): the chapters of ``theme`` are shown.
    """

    depends_on = Changes(editions=True)

    chapters_loaded = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._theme: str | None = None

        self.heading = QLabel(self.tr("Themes"))
        self.heading.setFont(scaled_font(self.heading.font(), 1.4, bold=True))
        self.explanation = QLabel(
            self.tr(
                "Follow a theme across editions: choose a theme, then open one of its chapters with Enter or a "
                "double-click. A theme chapter is an edition's chapter devoted to that theme."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.theme_tree = _ThemeTree()
        self.theme_tree.setAccessibleName(self.tr("Themes"))
        self.theme_tree.setAccessibleDescription(self.tr("Every theme with the number of chapters on it; Enter moves to its chapters."))
        self.theme_tree.setColumnCount(2)
        self.theme_tree.setHeaderLabels([self.tr("Theme"), self.tr("Chapters")])
        self.theme_tree.setRootIsDecorated(False)
        self.theme_tree.setUniformRowHeights(True)
        self.theme_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        theme_header = self.theme_tree.header()
        theme_header.setStretchLastSection(False)
        theme_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        theme_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.chapters_heading = QLabel()
        self.chapters_heading.setWordWrap(True)
        self.chapters_heading.setTextFormat(Qt.TextFormat.PlainText)
        chapters_font = QFont(self.chapters_heading.font())
        chapters_font.setBold(True)
        self.chapters_heading.setFont(chapters_font)
        self.chapter_tree = QTreeWidget()
        self.chapter_tree.setAccessibleName(self.tr("Chapters on the theme"))
        self.chapter_tree.setAccessibleDescription(self.tr("Chapters across editions, oldest first; Enter opens the chapter."))
        self.chapter_tree.setColumnCount(4)
        self.chapter_tree.setHeaderLabels([self.tr("Date"), self.tr("Edition"), self.tr("Chapter"), self.tr("Kind")])
        self.chapter_tree.setRootIsDecorated(False)
        self.chapter_tree.setUniformRowHeights(True)
        self.chapter_tree.setAlternatingRowColors(True)
        self.chapter_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        chapter_header = self.chapter_tree.header()
        chapter_header.setStretchLastSection(False)
        chapter_header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        chapter_header.setSectionResizeMode(COL_EDITION, QHeaderView.ResizeMode.ResizeToContents)
        chapter_header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        chapter_header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        # Wide enough for the longest theme name (in either language) beside its count, so no name is cut off.
        metrics = self.theme_tree.fontMetrics()
        longest = max(metrics.horizontalAdvance(name) for names in THEMES.values() for name in names)
        count_column = metrics.horizontalAdvance(self.tr("Chapters")) + 4 * metrics.averageCharWidth()
        self.theme_tree.setMinimumWidth(max(metrics.horizontalAdvance("M") * 22, longest + count_column + 4 * metrics.averageCharWidth()))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.chapters_heading)
        right_layout.addWidget(self.chapter_tree, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.theme_tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)
        self.status_label.hide()

        self.theme_tree.currentItemChanged.connect(self._on_theme_changed)
        self.theme_tree.enter_pressed.connect(self._on_theme_enter_pressed)
        self.chapter_tree.itemActivated.connect(self._on_chapter_activated)

    # --- the view contract -----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Themes")

    def current_theme(self) -> str | None:
        return self._theme

    def select_theme(self, theme: str) -> bool:
        """Make ``theme`` (an id such as 'online-radicalisering') current; False if it is not listed."""
        for row in range(self.theme_tree.topLevelItemCount()):
            item = self.theme_tree.topLevelItem(row)
            if item.data(0, THEME_ROLE) == theme:
                self.theme_tree.setCurrentItem(item)
                return True
        return False

    # --- loading -----------------------------------------------------------------------------

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def reload(self) -> None:
        self.run_task(lambda lib, handle: lib.themes(), self._on_themes_loaded, self._on_failed, channel="themes")

    def _on_themes_loaded(self, themes: list[tuple[str, int]]) -> None:
        self._show_status("" if themes else self.tr("The library holds no chapters with themes yet."))
        language = self.ctx.language
        locale = locale_for(language)
        previous = self._theme
        self.theme_tree.blockSignals(True)
        try:
            self.theme_tree.clear()
            for theme, count in themes:
                name = theme_name(theme, language)
                item = QTreeWidgetItem([name, locale.toString(count)])
                item.setData(0, THEME_ROLE, theme)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, self.tr("Chapters on %1: %2").replace("%1", name).replace("%2", locale.toString(count)))
                self.theme_tree.addTopLevelItem(item)
        finally:
            self.theme_tree.blockSignals(False)
        self.loaded.emit()
        if not themes:
            self._theme = None
            self.chapter_tree.clear()
            self.chapters_heading.clear()
            return
        # Keep the theme the reader was on; else start with the first.
        # (The list was just cleared, so either way currentItemChanged loads the chapters.)
        if previous is None or not self.select_theme(previous):
            self.theme_tree.setCurrentItem(self.theme_tree.topLevelItem(0))

    def _on_theme_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        self._load_chapters(current.data(0, THEME_ROLE))

    def _load_chapters(self, theme: str) -> None:
        self._theme = theme

        def work(lib: Library, handle: TaskHandle) -> _Chapters:
            chapters = lib.theme_chapters(theme)
            handle.check_cancelled()
            demo = {e.pk: e.demo for e in lib.editions()}
            return _Chapters(theme, chapters, demo)

        self.run_task(work, self._on_chapters_loaded, self._on_failed, channel="chapters")

    def _on_chapters_loaded(self, result: _Chapters) -> None:
        language = self.ctx.language
        name = theme_name(result.theme, language)
        self.chapters_heading.setText(
            self.tr("Chapters on %1, oldest first: %2").replace("%1", name).replace("%2", locale_for(language).toString(len(result.chapters)))
        )
        self.chapter_tree.setAccessibleName(self.tr("Chapters on %1").replace("%1", name))
        self.chapter_tree.clear()
        bold = QFont(self.chapter_tree.font())
        bold.setBold(True)
        for chapter in result.chapters:
            edition = chapter.edition_name
            if result.demo.get(chapter.edition_pk, False):
                edition = f"{edition} [{demo_marking()}]"
            kind = self.tr("Theme chapter") if chapter.theme_chapter else self.tr("Chapter")
            item = QTreeWidgetItem([format_date(chapter.edition_date, language), edition, chapter.title, kind])
            item.setData(0, CHAPTER_ROLE, chapter.pk)
            item.setToolTip(COL_TITLE, chapter.title)
            if chapter.theme_chapter:
                # Marked by the word in its own column; bold only adds emphasis.
                for column in range(4):
                    item.setFont(column, bold)
            self.chapter_tree.addTopLevelItem(item)
        if self.chapter_tree.topLevelItemCount():
            self.chapter_tree.setCurrentItem(self.chapter_tree.topLevelItem(0))
        self.chapters_loaded.emit(result.theme)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            return
        self._show_status(self.tr("The themes could not be loaded: %1").replace("%1", error_text(exc)))

    # --- opening -----------------------------------------------------------------------------

    def _on_theme_enter_pressed(self) -> None:
        self.chapter_tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chapter_activated(self, item: QTreeWidgetItem, column: int) -> None:
        chapter_pk = item.data(0, CHAPTER_ROLE)
        theme = self.current_theme()
        if chapter_pk is not None and theme is not None:
            self.ctx.open_theme_chapter_requested.emit(theme, int(chapter_pk))
        elif chapter_pk is not None:
            self.ctx.open_chapter_requested.emit(int(chapter_pk), "")
