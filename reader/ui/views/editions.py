"""Editions: every edition newest first, and the reading view of one edition.

Left the edition list; right the edition's header, its table of contents and the
chapter in a :class:`ChapterBrowser`. Everything is loaded through tasks; a result
that arrives after the user asked for something else is dropped (generation
counter). The reading position is remembered per chapter (scroll fraction).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import DTNError
from reader.core.library import Chapter, ChapterInfo, Edition, Library
from reader.core.library.changes import Changes
from reader.ui.browser import ASSET_SCHEME, ChapterBrowser
from reader.ui.context import AppContext
from reader.ui.errors import error_text, show_error
from reader.ui import format as fmt
from reader.ui import printing
from reader.ui.findbar import FindBar
from reader.ui.format import (
    format_date,
    level_badge_text,
    level_colour,
    level_text_colour,
    theme_name,
)
from reader.ui.printing import chapter_assets
from reader.ui.views.base import View, WrapDelegate, scaled_font
from reader.ui.views.editionlist import EDITION_ROLE, EditionDelegate, EditionListModel, edition_markings

log = logging.getLogger(__name__)

TOC_ROLE = Qt.ItemDataRole.UserRole + 2
POSITION_SAVE_DELAY_MS = 800  # after the last scroll
TOC_SLACK_PX = 12
VIEW_MARGIN_PX = 4  # the three columns need every pixel of a small window
SUMMARY_LINES = 4  # the edition's summary shows this many lines, and scrolls  # the delegate's padding around a contents entry
# Rendering ahead: after a chapter is shown, the chapters a reader is likely to open next
# (the rest of its edition, the first chapter of the editions beside it in the list) are
# rendered in the background, so opening them reads stored HTML instead of waiting for
# the renderer (and the first render also starts the render worker).
RENDER_AHEAD_DELAY_MS = 300  # after the chapter is shown, so the work never competes with its paint
RENDER_AHEAD_NEIGHBOURS = 1  # editions on either side of the one shown in the list
RENDER_AHEAD_MAX_CHAPTERS = 64  # chapters in one round
RENDER_AHEAD_BATCH = 3  # chapters kept per transaction of a round


@dataclass
class Reading:
    """What one load task brings back: an edition, its chapters and one chapter ready to show."""

    edition: Edition
    chapters: list[ChapterInfo]
    chapter: Chapter | None
    assets: dict[str, bytes] = field(default_factory=dict)
    position: float = 0.0
    asset_problems: list[str] = field(default_factory=list)
    theme: str | None = None  # reached through this theme: its chapters, oldest first
    theme_chapters: list[ChapterInfo] = field(default_factory=list)


def _load_reading(lib: Library, edition_pk: int | None, chapter_pk: int | None, theme: str | None = None) -> Reading:
    """Worker side: the edition (of the chapter), its chapters, the chapter's HTML, assets and
    position; with ``theme``, that theme's chapters too."""
    chapter = lib.chapter(chapter_pk) if chapter_pk is not None else None
    edition = lib.edition(chapter.edition_pk if chapter is not None else edition_pk)
    chapters = lib.chapters(edition.pk)
    if chapter is None and chapters:
        chapter = lib.chapter(chapters[0].pk)
    reading = Reading(edition, chapters, chapter)
    if chapter is not None:
        chapter_assets(lib, edition.pk, chapter.html, reading.assets, reading.asset_problems)
        reading.position = lib.reading_position(edition.bundle_id, chapter.chapter_id)
    if theme is not None:
        reading.theme = theme
        reading.theme_chapters = lib.theme_chapters(theme)
    return reading


class TocDelegate(WrapDelegate):
    """Table of contents: long chapter titles wrap instead of being cut off."""

    def text_width(self, index: QModelIndex) -> int | None:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return self._tree.viewport().width() - self._tree.indentation() * (depth + 1) - 10


class EditionsView(View):
    """Signals:
        loaded: the edition list is shown.
        edition_shown(edition_pk): an edition's header and table of contents are shown.
        chapter_shown(chapter_pk): a chapter's HTML is displayed (and scrolled into place).
    """

    depends_on = Changes(editions=True)

    edition_shown = Signal(int)
    chapter_shown = Signal(int)

    # Showing the view again keeps the list and the chapter; the list reloads when stale.
    reload_on_activate = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.language = ctx.language
        self._requested = False  # something asked for an edition/chapter; activate() then leaves it
        self._editions: list[Edition] = []
        self._edition: Edition | None = None
        self._chapters: list[ChapterInfo] = []
        self._chapter: Chapter | None = None
        self._assets: dict[str, bytes] = {}
        self._positions: dict[tuple[str, str], float] = {}
        self._pending_fraction: float | None = None
        self._restoring = False
        self._edition_may_be_gone = False
        self._opening = False  # a chapter asked for is loading
        self._list_due = False  # the edition list is to be loaded (once no chapter is loading)
        self._build()
        ctx.open_edition_requested.connect(self._on_open_edition_requested)
        ctx.open_chapter_requested.connect(self._on_open_chapter_requested)
        ctx.open_theme_chapter_requested.connect(self._on_open_theme_chapter_requested)
        ctx.open_section_requested.connect(self._on_open_section_requested)

    # --- construction ----------------------------------------------------------------

    def _build(self) -> None:
        # Left: the edition list.
        # A short label (the list's column is narrow in a small window), the whole story in the tooltip.
        self.show_all = QCheckBox(self.tr("Also superseded and hidden"))
        self.show_all.setAccessibleName(self.tr("Show superseded and hidden editions"))
        self.show_all.setToolTip(self.tr("Also list the older revisions of editions and the editions hidden because their key was revoked"))
        self.show_all.toggled.connect(lambda _checked: self.reload())
        self.edition_list = QListView()
        self.edition_model = EditionListModel(self._edition_text, self)
        self.edition_list.setModel(self.edition_model)
        self.edition_list.setAccessibleName(self.tr("Editions, newest first"))
        self.edition_list.setItemDelegate(EditionDelegate(self.language, self))
        self.edition_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.edition_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Every row is as tall as the delegate's three lines (its sizeHint depends only on the
        # font), so the list asks one row instead of all 1,000.
        self.edition_list.setUniformItemSizes(True)
        self.edition_list.activated.connect(self._on_edition_item_activated)
        self.edition_list.clicked.connect(self._on_edition_item_activated)
        self.list_status = QLabel()
        self.list_status.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Editions"))
        heading.setFont(scaled_font(heading.font(), 1.15, bold=True))
        left_layout.addWidget(heading)
        left_layout.addWidget(self.edition_list, 1)
        left_layout.addWidget(self.show_all)
        left_layout.addWidget(self.list_status)

        # Right: header, table of contents, chapter.
        self.title_label = QLabel()
        self.title_label.setFont(scaled_font(self.title_label.font(), 1.35, bold=True))
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level_badge = QLabel()
        self.level_badge.setMargin(4)
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_banner = QLabel(self.tr("DEMO — demonstration content, not an NCTV publication"))
        self.demo_banner.setObjectName("demoBanner")
        banner_font = QFont(self.demo_banner.font())
        banner_font.setBold(True)
        self.demo_banner.setFont(banner_font)
        self.demo_banner.setMargin(6)
        # Both colours are set, so the banner reads the same in light and dark mode.
        self.demo_banner.setStyleSheet(f"QLabel#demoBanner {{ background: {fmt.DEMO_BANNER_BACKGROUND}; color: {fmt.DEMO_BANNER_TEXT}; border: 1px solid {fmt.DEMO_BANNER_BORDER}; }}")
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_label.setMargin(6)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.compare_button = QPushButton(self.tr("Compare with previous"))
        self.compare_button.setToolTip(self.tr("Show this edition and the one before it side by side: level, chapters and text"))
        self.compare_button.clicked.connect(self._on_compare_clicked)

        # The chip and the button on one row, the date and signer wrapped on their own below:
        # beside the chip they were squeezed under it in a narrow window.
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.level_badge)
        badge_row.addStretch(1)
        badge_row.addWidget(self.compare_button)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.addWidget(self.demo_banner)
        header_layout.addWidget(self.title_label)
        header_layout.addLayout(badge_row)
        header_layout.addWidget(self.meta_label)
        header_layout.addWidget(self.notice_label)
        # A long summary scrolls in a few lines instead of being cut off or pushing the chapter away.
        self.summary_area = QScrollArea()
        self.summary_area.setWidget(self.summary_label)
        self.summary_area.setWidgetResizable(True)
        self.summary_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary_area.setAccessibleName(self.tr("Summary"))
        self._fit_summary_height()
        header_layout.addWidget(self.summary_area)

        self.toc = QTreeWidget()
        self.toc.setAccessibleName(self.tr("Table of contents"))
        self.toc.setHeaderHidden(True)
        self.toc.setRootIsDecorated(True)
        self.toc.setWordWrap(True)
        self.toc.setUniformRowHeights(False)
        # One column as wide as the tree, so long chapter titles wrap instead of being cut.
        self.toc.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.toc.setItemDelegate(TocDelegate(self.toc))
        self.toc.viewport().installEventFilter(self)
        self.toc.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.toc.itemActivated.connect(self._on_toc_item_activated)
        self.toc.itemClicked.connect(self._on_toc_item_activated)

        self.browser = ChapterBrowser()
        self.browser.print_requested.connect(self.print_chapter)
        self.browser.pdf_requested.connect(self.export_chapter_pdf)
        self.print_edition_action = QAction(self.tr("Print the whole edition…"), self)
        self.print_edition_action.triggered.connect(self.print_edition)
        self.pdf_edition_action = QAction(self.tr("Export the whole edition to PDF…"), self)
        self.pdf_edition_action.triggered.connect(self.export_edition_pdf)
        self.browser.chapter_link_activated.connect(self._on_chapter_link)
        self.browser.highlighted.connect(self._on_link_hovered)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.browser.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self.chapter_title = QLabel()
        self.chapter_title.setFont(scaled_font(self.chapter_title.font(), 1.15, bold=True))
        self.chapter_title.setWordWrap(True)
        self.theme_label = QLabel()
        self.theme_label.setWordWrap(True)
        self.theme_previous = QPushButton(self.tr("‹ Previous in theme"))
        self.theme_previous.clicked.connect(lambda: self._step_in_theme(-1))
        self.theme_next = QPushButton(self.tr("Next in theme ›"))
        self.theme_next.clicked.connect(lambda: self._step_in_theme(1))
        self.theme_bar = QWidget()
        theme_layout = QHBoxLayout(self.theme_bar)
        theme_layout.setContentsMargins(0, 0, 0, 0)
        theme_layout.addWidget(self.theme_label, 1)
        theme_layout.addWidget(self.theme_previous)
        theme_layout.addWidget(self.theme_next)
        self.theme_bar.hide()
        self._theme: str | None = None
        self._theme_chapters: list[ChapterInfo] = []
        self.find_bar = FindBar(self.browser)
        self.find_action = QAction(self.tr("Find…"), self)
        self.find_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.setToolTip(self.tr("Find in this chapter (%1)").replace(
            "%1", QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)))
        self.find_action.triggered.connect(self.find_bar.start)

        # The tools get a row of their own: beside the chapter title they squeezed it (and
        # their own longer Dutch labels) into a narrow, cut-off column.
        tools = QHBoxLayout()
        tools.addStretch(1)
        self.tool_buttons: list[QToolButton] = []
        zoom = (self.browser.zoom_out_action, self.browser.zoom_in_action, self.browser.zoom_reset_action)
        # The button says "PDF"; its menu and tooltip say what it does.
        self.browser.pdf_action.setIconText(self.tr("PDF"))
        for action in (self.find_action, *zoom, self.browser.print_action, self.browser.pdf_action):
            # The actions live on the view, so their shortcuts work from the toc as well as the text.
            self.addAction(action)
        # Four buttons, not six: at 800 px or with a large font the row still fits whole.
        self.zoom_button = QToolButton()
        self.zoom_button.setText(self.tr("Text size"))
        self.zoom_button.setAccessibleName(self.tr("Text size"))
        zoom_menu = QMenu(self.zoom_button)
        for action in zoom:
            zoom_menu.addAction(action)
        self.zoom_button.setMenu(zoom_menu)
        self.zoom_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for action in (self.find_action, None, self.browser.print_action, self.browser.pdf_action):
            if action is None:
                button = self.zoom_button
            else:
                button = QToolButton()
                button.setDefaultAction(action)
                button.setAccessibleName(action.text().rstrip("…"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            whole = {self.browser.print_action: self.print_edition_action, self.browser.pdf_action: self.pdf_edition_action}.get(action)
            if whole is not None:
                # The button prints the chapter; its menu offers the whole edition too.
                menu = QMenu(button)
                chapter_entry = QAction(self.tr("This chapter"), menu)
                chapter_entry.triggered.connect(action.trigger)
                menu.addAction(chapter_entry)
                menu.addAction(whole)
                button.setMenu(menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            tools.addWidget(button)
            self.tool_buttons.append(button)
        from reader.ui.views.bookmarking import BookmarkTool

        self.bookmark_tool = BookmarkTool(self, self.current_place)
        tools.addWidget(self.bookmark_tool.button)
        self.tool_buttons.append(self.bookmark_tool.button)
        self._pin_tool_widths()

        reader_pane = QWidget()
        reader_layout = QVBoxLayout(reader_pane)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addWidget(self.theme_bar)
        reader_layout.addWidget(self.chapter_title)
        reader_layout.addWidget(self.find_bar)
        reader_layout.addWidget(self.browser, 1)

        self.inner_split = QSplitter(Qt.Orientation.Horizontal)
        self.inner_split.addWidget(self.toc)
        self.inner_split.addWidget(reader_pane)
        self.inner_split.setStretchFactor(0, 1)
        self.inner_split.setChildrenCollapsible(False)
        self.inner_split.setStretchFactor(1, 3)
        self.inner_split.setChildrenCollapsible(False)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(header)
        # The tools span the contents and the chapter: in the chapter's column alone they were
        # pressed onto each other in a small window.
        right_layout.addLayout(tools)
        right_layout.addWidget(self.inner_split, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 3)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([300, 900])
        self.inner_split.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(VIEW_MARGIN_PX, VIEW_MARGIN_PX, VIEW_MARGIN_PX, VIEW_MARGIN_PX)
        layout.addWidget(self.split)

        QWidget.setTabOrder(self.edition_list, self.show_all)
        QWidget.setTabOrder(self.show_all, self.compare_button)
        QWidget.setTabOrder(self.compare_button, self.toc)
        previous: QWidget = self.toc
        for button in self.tool_buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
        for widget in (self.find_bar.field, self.find_bar.previous_button, self.find_bar.next_button,
                       self.find_bar.close_button, self.browser):
            QWidget.setTabOrder(previous, widget)
            previous = widget

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(POSITION_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_position)
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(RENDER_AHEAD_DELAY_MS)
        self._ahead_timer.timeout.connect(self._render_ahead)
        self._ahead_handle = None  # the TaskHandle of the round rendering ahead, if one runs
        self._show_header(None)

    def _fit_summary_height(self) -> None:
        self.summary_area.setMaximumHeight(self.summary_label.fontMetrics().lineSpacing() * SUMMARY_LINES + 4)

    def _pin_tool_widths(self) -> None:
        """A tool button may not be narrower than its label: Qt would elide "Afdrukken" to "Af…en"."""
        for button in self.tool_buttons:
            button.setMinimumWidth(button.sizeHint().width())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._pin_tool_widths()
            self._fit_summary_height()
            if self._edition is not None:
                self.level_badge.setMinimumWidth(self.level_badge.sizeHint().width())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.toc.viewport() and event.type() == QEvent.Type.Resize:
            if event.size().width() != event.oldSize().width():
                self.toc.doItemsLayout()  # row heights depend on the width (wrapped titles)
        return super().eventFilter(watched, event)

    # --- view protocol ---------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Editions")

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._save_position()
        self._stop_rendering_ahead()  # the reader went elsewhere (or the window closes)
        super().hideEvent(event)

    # --- the edition list --------------------------------------------------------------

    def on_change(self, changes: Changes) -> None:
        self._edition_may_be_gone = True
        self.render_latest_ahead()

    def reload(self) -> None:
        """Load the edition list (after a library change, or when the show-all box asks).

        The load starts one turn of the event loop later, and while a chapter asked for is
        still loading it waits for it: the reader asked for the text, and loading 1,000
        editions beside it would hold the interpreter and the GUI thread while it comes. (A
        chapter asked for from another view shows this view first, so its request arrives
        just after the reload in the same turn.)"""
        self._stale = False
        if not self._list_due:
            self._list_due = True
            QTimer.singleShot(0, self, self._load_list)

    def _load_list(self) -> None:
        if not self._list_due or self._opening:
            return  # done already, or _opened() starts it
        self._list_due = False
        include = self.show_all.isChecked()
        self.list_status.setText(self.tr("Loading editions…"))
        self.run_task(
            lambda lib, _h: lib.editions(include_superseded=include, include_hidden=include),
            self._on_list_loaded,
            self._on_list_failed,
            channel="list",
        )

    def _on_list_failed(self, exc: BaseException) -> None:
        self._stale = True  # the next activate() tries again
        self.list_status.setText(error_text(exc))

    def _on_list_loaded(self, editions: list[Edition]) -> None:
        self._editions = editions
        self.edition_model.set_editions(editions)
        self.list_status.setText("" if editions else self.tr("The library holds no editions. Import one under Import and trust."))
        self.list_status.setVisible(not editions)
        self._select_current_in_list()
        self._update_compare_button()
        self.loaded.emit()
        if self._edition is None:
            if not self._requested and editions:
                self.open_edition(editions[0].pk)
        elif self._edition_may_be_gone and all(e.pk != self._edition.pk for e in editions):
            # The library changed and the edition shown is no longer listed (removed or hidden).
            self._clear_reading()
            if editions:
                self.open_edition(editions[0].pk)
        self._edition_may_be_gone = False

    def _clear_reading(self) -> None:
        self._save_timer.stop()
        self._stop_rendering_ahead()
        self.outdate("open")
        self._opening = False
        self._edition = None
        self._chapter = None
        self._chapters = []
        self._pending_fraction = None
        self._show_header(None)
        self.toc.clear()
        self.chapter_title.clear()
        self.browser.clear_chapter()

    def _edition_text(self, edition: Edition) -> str:
        parts = [
            edition.name,
            format_date(edition.date, self.language),
            level_badge_text(edition.level_value, edition.level_label, edition.level_scale, self.language),
            self.tr("revision %1").replace("%1", str(edition.revision)),
            self.tr("signed by %1").replace("%1", edition.signer_name),
            *edition_markings(edition),
        ]
        return ", ".join(parts)

    def _select_current_in_list(self) -> None:
        if self._edition is None:
            return
        row = self.edition_model.row_of(self._edition.pk)
        if row >= 0 and self.edition_list.currentIndex().row() != row:
            # The view repaints the rows whose selection changed, nothing more.
            self.edition_list.setCurrentIndex(self.edition_model.index(row))

    def _on_edition_item_activated(self, index: QModelIndex) -> None:
        edition: Edition | None = index.data(EDITION_ROLE)
        if edition is None:
            return
        if self._edition is None or edition.pk != self._edition.pk:
            self.open_edition(edition.pk)

    def previous_edition(self) -> Edition | None:
        """The edition listed just after (so older than) the one shown, if both are listed."""
        pks = [e.pk for e in self._editions]
        if self._edition is None or self._edition.pk not in pks:
            return None
        index = pks.index(self._edition.pk) + 1
        return self._editions[index] if index < len(self._editions) else None

    def _update_compare_button(self) -> None:
        self.compare_button.setEnabled(self.previous_edition() is not None)

    def _on_compare_clicked(self) -> None:
        previous = self.previous_edition()
        if previous is not None and self._edition is not None:
            self.ctx.compare_requested.emit(previous.pk, self._edition.pk)
            self.ctx.show_view_requested.emit("compare")

    # --- opening -------------------------------------------------------------------------

    def _on_open_edition_requested(self, edition_pk: int) -> None:
        self.open_edition(edition_pk)
        self.ctx.show_view_requested.emit("editions")

    def _on_open_chapter_requested(self, chapter_pk: int, highlight: str) -> None:
        self.open_chapter(chapter_pk, highlight)
        self.ctx.show_view_requested.emit("editions")

    def current_chapter_pk(self) -> int | None:
        """The chapter shown, or None."""
        return self._chapter.pk if self._chapter is not None else None

    def _on_open_theme_chapter_requested(self, theme: str, chapter_pk: int) -> None:
        self.open_chapter(chapter_pk, theme=theme)
        self.ctx.show_view_requested.emit("editions")

    def _on_open_section_requested(self, chapter_pk: int, anchor: str) -> None:
        self._open(chapter_pk=chapter_pk, anchor=anchor)
        self.ctx.show_view_requested.emit("editions")

    def open_edition(self, edition_pk: int) -> None:
        """Show an edition with its first chapter."""
        self._open(edition_pk=edition_pk)

    def open_chapter(self, chapter_pk: int, highlight: str = "", theme: str | None = None) -> None:
        """Show a chapter (of any edition); with ``highlight``, mark those words and go to the
        first; with ``theme``, offer that theme's previous and next chapter."""
        self._open(chapter_pk=chapter_pk, highlight=highlight, theme=theme)

    def _open(self, edition_pk: int | None = None, chapter_pk: int | None = None, highlight: str = "", anchor: str = "",
              theme: str | None = None) -> None:
        self._requested = True
        self._save_position()
        self._stop_rendering_ahead()  # the next round starts from the chapter asked for now
        self._opening = True
        self.run_task(
            lambda lib, _h: _load_reading(lib, edition_pk, chapter_pk, theme),
            lambda reading: self._on_reading_loaded(reading, highlight, anchor),
            self._on_open_failed,
            channel="open",
        )

    def _on_open_failed(self, exc: BaseException) -> None:
        self._opened()
        show_error(self, exc)

    def _opened(self) -> None:
        """The chapter asked for is shown (or could not be): a list load waiting for it starts."""
        self._opening = False
        self._load_list()

    def _on_reading_loaded(self, reading: Reading, highlight: str, anchor: str) -> None:
        try:
            self._show_reading(reading, highlight, anchor)
        finally:
            self._opened()

    def _show_reading(self, reading: Reading, highlight: str, anchor: str) -> None:
        new_edition = self._edition is None or self._edition.pk != reading.edition.pk
        self._edition = reading.edition
        self._chapters = reading.chapters
        self._chapter = reading.chapter
        if new_edition:
            self._show_header(reading.edition)
            self._select_current_in_list()
            self._update_compare_button()
        self._fill_toc()
        if new_edition:
            self.edition_shown.emit(reading.edition.pk)
        chapter = reading.chapter
        if chapter is None:
            self.chapter_title.setText(self.tr("This edition has no chapters."))
            self.browser.clear_chapter()
            return
        for problem in reading.asset_problems:
            self.ctx.status_message.emit(problem)
        self._show_theme_bar(reading)
        self.chapter_title.setText(chapter.title)
        # Settle the new header's layout now (one flush, not an event loop), so the browser has
        # its final size before the position is restored and the chapter counts as shown.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._assets = reading.assets
        self._restoring = True
        self._pending_fraction = None
        try:
            self.browser.set_chapter(chapter.html, reading.assets)
            self.browser.setDocumentTitle(f"{reading.edition.name} — {chapter.title}")
            self.browser.verticalScrollBar().setValue(0)
        finally:
            self._restoring = False
        if self.find_bar.isVisible() and not highlight:
            self.find_bar.refresh()
        if highlight:
            hits = self.browser.highlight(highlight)
            if not hits:
                self.ctx.status_message.emit(self.tr("The search words do not occur literally in this chapter."))
        elif anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            key = (reading.edition.bundle_id, chapter.chapter_id)
            self._pending_fraction = self._positions.get(key, reading.position)
            self._apply_pending_fraction()
        self.chapter_shown.emit(chapter.pk)
        self._ahead_timer.start()

    # --- rendering ahead -------------------------------------------------------------------

    def chapters_to_render_ahead(self) -> tuple[list[int], list[int]]:
        """What to render after the chapter shown: its edition's other chapters (the next ones
        first) and the editions beside it in the list (their first chapters are looked up by
        the task)."""
        if self._edition is None or self._chapter is None:
            return [], []
        pks = [info.pk for info in self._chapters]
        here = pks.index(self._chapter.pk) if self._chapter.pk in pks else -1
        chapters = pks[here + 1:] + pks[:max(here, 0)]
        row = self.edition_model.row_of(self._edition.pk)
        editions = []
        if row >= 0:
            for distance in range(1, RENDER_AHEAD_NEIGHBOURS + 1):
                editions += [self._editions[r].pk for r in (row + distance, row - distance) if 0 <= r < len(self._editions)]
        return chapters, editions

    def _render_ahead(self) -> None:
        chapters, editions = self.chapters_to_render_ahead()
        self._stop_rendering_ahead()
        if not chapters and not editions:
            return

        def work(lib: Library, handle) -> int:
            pks = list(chapters)
            for edition_pk in editions:
                pks += [info.pk for info in lib.chapters(edition_pk)[:1]]
            pks = pks[:RENDER_AHEAD_MAX_CHAPTERS]
            stored = 0
            for start in range(0, len(pks), RENDER_AHEAD_BATCH):
                if handle.cancelled:
                    break
                stored += lib.render_ahead(pks[start:start + RENDER_AHEAD_BATCH], cancel=handle.cancel_event)
            return stored

        # One task per round, so shutting the tasks down (cancel, wait) ends it too; a chapter
        # asked for cancels it, and it stops after the chapter it is rendering.
        task = self.ctx.tasks.submit(
            work, None, lambda exc: log.info("could not render chapters ahead: %s", error_text(exc)), context=self
        )
        self._ahead_handle = task.handle

    def render_latest_ahead(self) -> None:
        """Render the latest edition's first chapter in the background unless it is kept
        already (``Library.render_latest_ahead``): after an import none is, and its first view
        would wait for the renderer to start (0.2-2 s). The application calls this once the
        library is open; the view after each change of the editions."""

        self.ctx.tasks.submit(
            lambda lib, handle: lib.render_latest_ahead(handle.cancel_event),
            None,
            lambda exc: log.info("could not render the latest chapter ahead: %s", error_text(exc)), context=self
        )

    def _stop_rendering_ahead(self) -> None:
        self._ahead_timer.stop()
        if self._ahead_handle is not None:
            self._ahead_handle.cancel()
            self._ahead_handle = None

    # --- header and table of contents ------------------------------------------------------

    def _show_header(self, edition: Edition | None) -> None:
        has = edition is not None
        for widget in (self.level_badge, self.meta_label, self.summary_area):
            widget.setVisible(has)
        if not has:
            self.compare_button.setEnabled(False)
            self.title_label.setText(self.tr("No edition selected"))
            self.demo_banner.hide()
            self.notice_label.hide()
            return
        self.title_label.setText(edition.title)
        badge = level_badge_text(edition.level_value, edition.level_label, edition.level_scale, self.language)
        self.level_badge.setText(self.tr("Threat level %1").replace("%1", badge))
        bg = level_colour(edition.level_value, edition.level_scale).name()
        fg = level_text_colour(edition.level_value, edition.level_scale).name()
        self.level_badge.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 4px; font-weight: bold; }}")
        # The chip is read whole ("Dreigingsniveau 4/5 Substantieel"), never cut to "Dreigingsnive".
        self.level_badge.setMinimumWidth(self.level_badge.sizeHint().width())
        meta = [
            format_date(edition.date, self.language),
            self.tr("revision %1").replace("%1", str(edition.revision)),
            self.tr("signed by %1 (key %2)").replace("%1", edition.signer_name).replace("%2", edition.signer_key_id),
        ]
        self.meta_label.setText(" · ".join(meta))
        self.demo_banner.setVisible(edition.demo)
        notices = []
        if edition.superseded_by is not None:
            notices.append(self.tr("A newer revision of this edition replaces this one."))
        if edition.hidden_reason:
            notices.append(self.tr("This edition is hidden: %1").replace("%1", edition.hidden_reason))
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))
        self.summary_label.setText(edition.summary)
        self._minimum_changed()

    def current_place(self) -> tuple[Edition, Chapter, str] | None:
        """The edition and chapter shown, and the anchor of the section chosen in the table of
        contents ("" for the chapter itself); None while no chapter is shown."""
        if self._edition is None or self._chapter is None:
            return None
        item = self.toc.currentItem()
        kind, value = item.data(0, TOC_ROLE) if item is not None else ("chapter", None)
        anchor = value if kind != "chapter" and isinstance(value, str) and item.parent() is not None else ""
        return self._edition, self._chapter, anchor

    def _fill_toc(self) -> None:
        self.toc.clear()
        current_item = None
        for number, info in enumerate(self._chapters, start=1):
            text = f"{number}. {info.title}"
            item = QTreeWidgetItem([text])
            item.setData(0, TOC_ROLE, ("chapter", info.pk))
            item.setToolTip(0, info.title)
            self.toc.addTopLevelItem(item)
            if self._chapter is not None and info.pk == self._chapter.pk:
                current_item = item
                font = QFont(item.font(0))
                font.setBold(True)
                item.setFont(0, font)
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("%1 (current chapter)").replace("%1", text))
                parents = {1: item}
                for entry in self._chapter.toc:
                    level = int(entry.get("level", 2))
                    parent = parents.get(level - 1) or item
                    child = QTreeWidgetItem([entry.get("title", "")])
                    child.setData(0, TOC_ROLE, ("anchor", entry.get("anchor", "")))
                    parent.addChild(child)
                    parents[level] = child
                    for deeper in [k for k in parents if k > level]:
                        del parents[deeper]
        self._fit_toc_to_its_words()
        if current_item is not None:
            current_item.setExpanded(True)
            for i in range(current_item.childCount()):
                current_item.child(i).setExpanded(True)
            self.toc.setCurrentItem(current_item)

    def _fit_toc_to_its_words(self) -> None:
        """The contents are never narrower than their longest word (titles wrap between words)."""
        metrics = self.toc.fontMetrics()
        widest, stack = 0, [(self.toc.topLevelItem(i), 1) for i in range(self.toc.topLevelItemCount())]
        while stack:
            item, depth = stack.pop()
            words = item.text(0).split()
            if words:
                widest = max(widest, max(metrics.horizontalAdvance(w) for w in words) + self.toc.indentation() * depth)
            stack.extend((item.child(i), depth + 1) for i in range(item.childCount()))
        scrollbar = self.toc.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.toc.setMinimumWidth(widest + scrollbar + 2 * self.toc.frameWidth() + TOC_SLACK_PX)
        self._minimum_changed()

    def _minimum_changed(self) -> None:
        """The header or the contents need other room: tell the window (a QSplitter does not pass
        its children's new minimum on), so it grows instead of laying them over each other."""
        self.split.updateGeometry()
        self.inner_split.updateGeometry()
        self.updateGeometry()

    def _on_toc_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, value = item.data(0, TOC_ROLE)
        if kind == "chapter":
            if self._chapter is None or value != self._chapter.pk:
                self.open_chapter(value)
        elif value:
            self.browser.scrollToAnchor(value)

    def _on_chapter_link(self, chapter_id: str, fragment: str) -> None:
        for info in self._chapters:
            if info.chapter_id == chapter_id:
                if self._chapter is not None and info.pk == self._chapter.pk:
                    if fragment:
                        self.browser.scrollToAnchor(fragment)
                else:
                    self._open(chapter_pk=info.pk, anchor=fragment)
                return
        log.debug("link to unknown chapter %s", chapter_id)

    def _on_link_hovered(self, url) -> None:
        if not url.isEmpty() and url.scheme() not in ("", "dtn-chapter", ASSET_SCHEME):
            self.ctx.status_message.emit(url.toString())

    # --- a theme's chapters -----------------------------------------------------------------

    def _show_theme_bar(self, reading: Reading) -> None:
        """Reached through a theme: name it and offer its previous and next chapter (across editions)."""
        pks = [info.pk for info in reading.theme_chapters]
        if reading.theme is None or reading.chapter is None or reading.chapter.pk not in pks:
            self._theme, self._theme_chapters = None, []
            self.theme_bar.hide()
            return
        self._theme, self._theme_chapters = reading.theme, reading.theme_chapters
        index = pks.index(reading.chapter.pk)
        self.theme_label.setText(
            self.tr("Theme %1: chapter %2 of %3")
            .replace("%1", theme_name(reading.theme, self.language))
            .replace("%2", str(index + 1))
            .replace("%3", str(len(pks)))
        )
        for button, other in ((self.theme_previous, index - 1), (self.theme_next, index + 1)):
            button.setEnabled(0 <= other < len(pks))
            if 0 <= other < len(pks):
                info = reading.theme_chapters[other]
                button.setToolTip(f"{info.title} ({info.edition_name})")
                button.setAccessibleDescription(f"{info.title} ({info.edition_name})")
            else:
                button.setToolTip("")
        self.theme_bar.show()

    def _step_in_theme(self, delta: int) -> None:
        pks = [info.pk for info in self._theme_chapters]
        if self._theme is None or self._chapter is None or self._chapter.pk not in pks:
            return
        index = pks.index(self._chapter.pk) + delta
        if 0 <= index < len(pks):
            self.open_chapter(pks[index], theme=self._theme)

    # --- print and PDF ---------------------------------------------------------------------

    def print_chapter(self) -> None:
        """Print the chapter shown, with headers and footers that name it (a print dialog first)."""
        printout = self._chapter_printout()
        if printout is not None:
            self._print(printout)

    def export_chapter_pdf(self, path: str | None = None) -> None:
        """Save the chapter shown as a PDF at ``path`` (None: ask where)."""
        printout = self._chapter_printout()
        if printout is None:
            return
        path = path or self._ask_pdf_path(printing.pdf_name(self._edition, self._chapter.chapter_id))
        if path:
            self._write_pdf(printout, path)

    def print_edition(self) -> None:
        """Print the whole edition: title page, contents, every chapter."""
        self._with_edition_printout(self._print)

    def export_edition_pdf(self, path: str | None = None) -> None:
        """Save the whole edition as a PDF at ``path`` (None: ask where first)."""
        if self._edition is None:
            return
        path = path or self._ask_pdf_path(printing.pdf_name(self._edition))
        if path:
            self._with_edition_printout(lambda printout: self._write_pdf(printout, path))

    def _chapter_printout(self) -> printing.Printout | None:
        if self._edition is None or self._chapter is None:
            return None
        return printing.chapter_printout(self._edition, self._chapter, self.language, self._assets)

    def _with_edition_printout(self, then) -> None:
        edition = self._edition
        if edition is None:
            return
        self.ctx.status_message.emit(self.tr("Preparing the edition for printing…"))
        self.run_task(
            lambda lib, _h: printing.load_print_source(lib, edition.pk),
            lambda source: then(printing.edition_printout(source, self.language)),
            self._on_open_failed,
            channel="print",
        )

    def _ask_pdf_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to PDF"), suggested, self.tr("PDF files (*.pdf)"))
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def _write_pdf(self, printout: printing.Printout, path: str) -> None:
        try:
            pages = printing.write_pdf(printout, path)
        except DTNError as exc:
            show_error(self, exc)
            return
        self.ctx.status_message.emit(self.tr("Saved %1 (%n page(s))", "", pages).replace("%1", path))

    def _print(self, printout: printing.Printout) -> None:
        printing.print_with_dialog(printout, self, self.tr("Print"))

    # --- reading position ----------------------------------------------------------------

    def scroll_fraction(self) -> float:
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def _apply_pending_fraction(self) -> None:
        if self._pending_fraction is None:
            return
        bar = self.browser.verticalScrollBar()
        self._restoring = True
        try:
            bar.setValue(round(self._pending_fraction * bar.maximum()))
        finally:
            self._restoring = False

    def _on_scroll_range_changed(self, _minimum: int, _maximum: int) -> None:
        # The layout may finish (or the window resize) after the chapter was shown.
        self._apply_pending_fraction()

    def _on_scrolled(self, _value: int) -> None:
        if self._restoring or self._chapter is None:
            return
        self._pending_fraction = None
        self._save_timer.start()

    def _save_position(self) -> None:
        """Remember the current chapter's scroll fraction (in memory at once, in the library by a write task)."""
        self._save_timer.stop()
        if self._chapter is None or self._edition is None or self._pending_fraction is not None:
            return
        fraction = self.scroll_fraction()
        key = (self._edition.bundle_id, self._chapter.chapter_id)
        if abs(self._positions.get(key, -1.0) - fraction) < 1e-4:
            return
        self._positions[key] = fraction
        bundle_id, chapter_id = key
        self.ctx.tasks.submit(
            lambda lib, _h: lib.set_reading_position(bundle_id, chapter_id, fraction),
            None,
            lambda exc: log.warning("could not save the reading position: %s", error_text(exc)),
            write=True,
        )
