"""Compare: two editions side by side - the level, the chapters added, removed and changed,
and a chapter's text paragraph by paragraph.

The comparison itself always runs from the older edition to the newer one
(``Library.compare`` orders them by date): "+" marks text of the newer edition, "−" text
of the older. Which edition is on the left is the user's choice; by default the older one
is, and Swap exchanges the sides. The labels always name each side's role.
"""

from __future__ import annotations

import difflib
import html
import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPalette, QPen, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import CancelledError, NotFoundError
from reader.core.library.changes import Changes
from reader.core.plaintext import plain_text
from reader.ui.context import AppContext
from reader.ui.errors import error_text
from reader.ui.format import MARK_STRENGTH, blend, compare_mark_background, level_badge_text  # noqa: F401 - MARK_STRENGTH, blend: the tests take them from here
from reader.ui.views.base import View, WrapDelegate, scaled_font
from reader.ui.views.editionlist import edition_markings

if TYPE_CHECKING:
    from reader.core.library import ChapterComparison, Comparison, Edition, Library
    from reader.ui.tasks import TaskHandle

log = logging.getLogger(__name__)

COL_STATUS, COL_TITLE = range(2)
ENTRY_ROLE = Qt.ItemDataRole.UserRole
EDITION_ROLE = Qt.ItemDataRole.UserRole

# The text symbol of each chapter status, drawn in its icon (the status word is always beside it).
STATUS_SYMBOLS = {"added": "+", "removed": "−", "changed": "±", "unchanged": "="}
ADDED_MARK, REMOVED_MARK = "+", "−"
# A one-line Markdown heading ('## Aanpak'); shown bold without its hashes.
_HEADING_RE = re.compile(r"#{1,6}[ \t]+([^\n]+?)[ \t#]*")
# Words (with their trailing space) a side of a rewritten paragraph may have for its changed
# words to be underlined; longer paragraphs are only marked as a whole (difflib grows with
# the product of both lengths).
MAX_WORD_DIFF_WORDS = 600
# How alike (0..1, difflib's ratio) two paragraphs must be for word marks: below, the
# paragraph was rewritten and underlining nearly every word would only add noise.
MIN_WORD_SIMILARITY = 0.5
_WORD_RE = re.compile(r"\s+|\S+\s*")


def status_icon(status: str, colour: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """A rounded square outlined in ``colour`` with the status symbol inside."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.0, size / 14))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    box = QRectF(1, 1, size - 2, size - 2)
    painter.drawRoundedRect(box, size / 5, size / 5)
    font = QFont()
    font.setPixelSize(max(6, round(size * 0.8)))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, STATUS_SYMBOLS[status])
    painter.end()
    return pixmap


def word_marks(older: str, newer: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]] | None:
    """The words of two versions of a paragraph as (text, changed) runs, one list a side;
    None when they are too long or too different for word marks to help."""
    a, b = _WORD_RE.findall(older), _WORD_RE.findall(newer)
    if not a or not b or len(a) > MAX_WORD_DIFF_WORDS or len(b) > MAX_WORD_DIFF_WORDS:
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < MIN_WORD_SIMILARITY:
        return None
    old_runs: list[tuple[str, bool]] = []
    new_runs: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            old_runs.append(("".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            new_runs.append(("".join(b[j1:j2]), op != "equal"))
    return old_runs, new_runs


def runs_html(runs: list[tuple[str, bool]]) -> str:
    """Runs of text as escaped HTML, the changed ones underlined (their trailing space not)."""
    out = []
    for text, changed in runs:
        if changed and text.strip():
            word = text.rstrip()
            out.append(f"<u>{html.escape(word)}</u>{html.escape(text[len(word):])}")
        else:
            out.append(html.escape(text))
    return "".join(out)


_LIST_ITEM_RE = re.compile(r"[ \t]{0,3}(?:([-*+])|(\d{1,9})[.)])[ \t]+")


def paragraph_text(paragraph: str) -> str:
    """A Markdown paragraph as a reader sees it: no emphasis marks, footnote references,
    link targets or heading marks; list items keep a bullet or their number."""
    lines = []
    for line in paragraph.split("\n"):
        item = _LIST_ITEM_RE.match(line)
        text = plain_text(line)
        if text:
            prefix = ("• " if item.group(1) else f"{item.group(2)}. ") if item else ""
            lines.append(prefix + text)
    return "\n".join(lines)


def paragraphs_of(text: str) -> list[str]:
    """A diff part's text back into its paragraphs (they were joined by one blank line)."""
    return text.split("\n\n") if text else []


class TitleWrapDelegate(WrapDelegate):
    """The chapter list: the title column wraps."""

    def text_width(self, index: QModelIndex) -> int | None:
        if index.column() != COL_TITLE:
            return None
        # The text's room: the viewport (its width is current during a resize, unlike the
        # stretched column's) less the fixed status column and the style's text margins.
        margin = self._tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        return self._tree.viewport().width() - self._tree.columnWidth(COL_STATUS) - 2 * margin - 4


class DiffPane(QTextBrowser):
    """One side of the comparison: escaped plain text only, no links followed, no resources loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.requested_resources: list[str] = []

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        # The panes show escaped text, so nothing should ask; whatever does gets nothing
        # (never an empty answer: Qt would then read file: and relative URLs itself).
        self.requested_resources.append(url.toString())
        log.debug("diff pane refused resource %s", url.toString())
        if int(type_) == int(QTextDocument.ResourceType.ImageResource.value):
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            return image
        return QByteArray()


class CompareView(View):
    """Two editions side by side.

    Signals:
        loaded: the editions are listed and their comparison is shown (after activate() or a
            library change).
        compared(older_pk, newer_pk): a comparison is shown (every time, also after a new choice).
    """

    depends_on = Changes(editions=True)

    compared = Signal(int, int)

    # Showing the view again keeps the chosen editions; it reloads when the library changed.
    reload_on_activate = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._editions: list[Edition] = []
        self._comparison: Comparison | None = None
        self._left_is_older = True
        self._requested: tuple[int, int] | None = None
        self._announce = False  # emit loaded once the reload's comparison is shown
        self._build()
        ctx.compare_requested.connect(self._on_compare_requested)

    # --- construction ------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Compare editions"))
        self.heading.setFont(scaled_font(self.heading.font(), 1.4, bold=True))
        self.explanation = QLabel(
            self.tr(
                "Choose two editions to see how the threat level changed, which chapters were added or removed, "
                "and, for a chapter, what changed in its text. Enter in the chapter list opens the chapter."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.left_label = QLabel()
        self.right_label = QLabel()
        self.left_combo = QComboBox()
        self.right_combo = QComboBox()
        for label, combo in ((self.left_label, self.left_combo), (self.right_label, self.right_combo)):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.swap_button = QPushButton(self.tr("&Swap sides"))
        self.swap_button.setAccessibleName(self.tr("Swap sides"))
        self.swap_button.setToolTip(self.tr("Exchange the editions on the left and on the right"))
        self.swap_button.clicked.connect(self.swap)
        # One choice above the other, Swap beside both: side by side they needed more than a
        # small window's width.
        choice_row = QGridLayout()
        choice_row.addWidget(self.left_label, 0, 0)
        choice_row.addWidget(self.left_combo, 0, 1)
        choice_row.addWidget(self.right_label, 1, 0)
        choice_row.addWidget(self.right_combo, 1, 1)
        choice_row.addWidget(self.swap_button, 0, 2, 2, 1)
        choice_row.setColumnStretch(1, 1)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.hide()

        self.summary_frame = QFrame()
        self.summary_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.editions_line = QLabel()
        self.level_line = QLabel()
        self.chapters_line = QLabel()
        self.editions_line.setFont(scaled_font(self.editions_line.font(), 1.0, bold=True))
        self.level_line.setFont(scaled_font(self.level_line.font(), 1.1, bold=True))
        summary_layout = QVBoxLayout(self.summary_frame)
        for line in (self.editions_line, self.level_line, self.chapters_line):
            line.setWordWrap(True)
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            summary_layout.addWidget(line)

        self.chapter_tree = QTreeWidget()
        self.chapter_tree.setAccessibleName(self.tr("Chapters compared"))
        self.chapter_tree.setAccessibleDescription(
            self.tr("Every chapter of both editions with its status; choose one to see its text side by side, Enter opens it.")
        )
        self.chapter_tree.setColumnCount(2)
        self.chapter_tree.setHeaderLabels([self.tr("Status"), self.tr("Chapter")])
        self.chapter_tree.setRootIsDecorated(False)
        self.chapter_tree.setUniformRowHeights(False)
        self.chapter_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chapter_tree.setWordWrap(True)
        self.chapter_tree.setItemDelegate(TitleWrapDelegate(self.chapter_tree))
        self.chapter_tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chapter_tree.viewport().installEventFilter(self)
        header = self.chapter_tree.header()
        header.setStretchLastSection(True)
        # The status column is as wide as its widest word and icon, once: a column that resized
        # itself to its contents would change the title column's width after the rows are laid out.
        metrics = self.chapter_tree.fontMetrics()
        words = [self.status_word(status) for status in STATUS_SYMBOLS] + [self.tr("Status")]
        icon_room = metrics.height() + 4 * metrics.averageCharWidth()
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_STATUS, max(metrics.horizontalAdvance(word) for word in words) + icon_room)
        self.chapter_tree.currentItemChanged.connect(self._on_chapter_changed)
        self.chapter_tree.itemActivated.connect(self._on_chapter_activated)

        self.chapter_heading = QLabel()
        self.chapter_heading.setWordWrap(True)
        self.chapter_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.chapter_heading.setFont(scaled_font(self.chapter_heading.font(), 1.15, bold=True))
        self.legend = QLabel(
            self.tr(
                "Marked paragraphs: + text that is new or rewritten in the newer edition; − text of the older edition "
                "that was removed or rewritten. In a paragraph that changed a little, the changed words are underlined."
            )
        )
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.left_title = QLabel()
        self.right_title = QLabel()
        self.left_pane = DiffPane()
        self.right_pane = DiffPane()
        # A grid, not a splitter: the two sides stay equally wide and the word-wrapped titles
        # above them get the height they need.
        panes = QGridLayout()
        panes.setContentsMargins(0, 0, 0, 0)
        for column, (title, pane) in enumerate(((self.left_title, self.left_pane), (self.right_title, self.right_pane))):
            title.setWordWrap(True)
            title.setTextFormat(Qt.TextFormat.PlainText)
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            panes.addWidget(title, 0, column)
            panes.addWidget(pane, 1, column)
            panes.setColumnStretch(column, 1)
        panes.setRowStretch(1, 1)
        text_side = QWidget()
        text_layout = QVBoxLayout(text_side)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.chapter_heading)
        text_layout.addWidget(self.legend)
        text_layout.addLayout(panes, 1)

        metrics = self.chapter_tree.fontMetrics()
        self.chapter_tree.setMinimumWidth(metrics.averageCharWidth() * 28)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chapter_tree)
        self.splitter.addWidget(text_side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([metrics.averageCharWidth() * 46, metrics.averageCharWidth() * 114])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(choice_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_frame)
        layout.addWidget(self.splitter, 1)

        QWidget.setTabOrder(self.left_combo, self.swap_button)
        QWidget.setTabOrder(self.swap_button, self.right_combo)
        QWidget.setTabOrder(self.right_combo, self.chapter_tree)
        QWidget.setTabOrder(self.chapter_tree, self.left_pane)
        QWidget.setTabOrder(self.left_pane, self.right_pane)
        self._set_roles(left_is_older=True)
        self._show_comparison(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.chapter_tree.viewport() and event.type() == QEvent.Type.Resize:
            if event.size().width() != event.oldSize().width():
                self.chapter_tree.doItemsLayout()  # row heights depend on the width (wrapped titles)
        return super().eventFilter(watched, event)

    # --- the view contract -------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Compare")

    def comparison(self) -> Comparison | None:
        """The comparison shown (older edition ``a``, newer ``b``), if any."""
        return self._comparison

    def left_pk(self) -> int | None:
        return self.left_combo.currentData(EDITION_ROLE)

    def right_pk(self) -> int | None:
        return self.right_combo.currentData(EDITION_ROLE)

    def compare(self, left_pk: int, right_pk: int) -> bool:
        """Show ``left_pk`` on the left and ``right_pk`` on the right and compare them; False
        if one of them is not listed."""
        left, right = self._index_of(left_pk), self._index_of(right_pk)
        if left < 0 or right < 0:
            return False
        self._select(left, right)
        self._start_compare()
        return True

    def swap(self) -> None:
        """Exchange the editions on the left and on the right."""
        left, right = self.left_combo.currentIndex(), self.right_combo.currentIndex()
        if left < 0 or right < 0:
            return
        self._select(right, left)
        self._start_compare()

    # --- loading -----------------------------------------------------------------------

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def _on_compare_requested(self, older_pk: int, newer_pk: int) -> None:
        """Someone (the Editions view) asks for these two editions, older on the left."""
        if self._editions and not self._stale and self.compare(older_pk, newer_pk):
            return
        # Not listed yet (or the list is outdated): the next load selects them.
        self._requested = (older_pk, newer_pk)
        if self._activated and not self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._announce = True
        requested = self._requested

        def work(lib: Library, handle: TaskHandle) -> list[Edition]:
            # Every revision: a trainer compares what a correction changed, too.
            editions = lib.editions(include_superseded=True)
            listed = {e.pk for e in editions}
            # An edition asked for by pk is listed even when superseded or hidden.
            for pk in requested or ():
                if pk not in listed:
                    try:
                        editions.append(lib.edition(pk))
                        listed.add(pk)
                    except NotFoundError:
                        log.info("edition %s asked to compare is gone", pk)
            editions.sort(key=lambda e: (e.date, e.revision, e.pk), reverse=True)
            return editions

        self.run_task(work, self._on_editions_loaded, self._on_failed, channel="editions")

    def _on_editions_loaded(self, editions: list[Edition]) -> None:
        previous = (self.left_pk(), self.right_pk())
        self._editions = editions
        for combo in (self.left_combo, self.right_combo):
            combo.blockSignals(True)
            try:
                combo.clear()
                for edition in editions:
                    combo.addItem(self._edition_text(edition), edition.pk)
            finally:
                combo.blockSignals(False)
        if len(editions) < 2:
            self._show_comparison(None)
            self._show_status(self.tr("Comparing needs at least two editions in the library. Import more under Import and trust."))
            self._finish_loading()
            return
        wanted = self._requested or previous
        self._requested = None
        left, right = (self._index_of(pk) if pk is not None else -1 for pk in wanted)
        if left < 0 or right < 0:
            left, right = 1, 0  # the edition before the latest on the left, the latest on the right
        self._select(left, right)
        self._start_compare()

    def _start_compare(self) -> None:
        left, right = self.left_pk(), self.right_pk()
        if left is None or right is None:
            return
        self.run_task(
            lambda lib, _handle: lib.compare(left, right),
            lambda comparison: self._on_compared(comparison, left),
            self._on_failed,
            channel="compare",
        )

    def _on_compared(self, comparison: Comparison, left_pk: int) -> None:
        self._set_roles(left_is_older=comparison.a.pk == left_pk)
        if comparison.a.pk == comparison.b.pk:
            self._show_status(self.tr("Both sides show the same edition: choose another one on one side to see differences."))
        else:
            self._show_status("")
        self._show_comparison(comparison)
        self.compared.emit(comparison.a.pk, comparison.b.pk)
        self._finish_loading()

    def _finish_loading(self) -> None:
        if self._announce:
            self._announce = False
            self.loaded.emit()

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            return
        self._stale = True  # the next activate() tries again
        self._show_status(self.tr("The editions could not be compared: %1").replace("%1", error_text(exc)))
        self._finish_loading()

    # --- the choice of editions ----------------------------------------------------------

    def _edition_name(self, edition: Edition) -> str:
        """The edition's name with its markings in brackets: 'DTN juni 2019 [DEMO]'."""
        markings = edition_markings(edition)
        return f"{edition.name} [{', '.join(markings)}]" if markings else edition.name

    def _edition_text(self, edition: Edition) -> str:
        """The name, level and markings, for the choice lists."""
        badge = level_badge_text(edition.level_value, edition.level_label, edition.level_scale, self.ctx.language)
        if edition.revision > 1:
            badge += " · " + self.tr("revision %1").replace("%1", str(edition.revision))
        return f"{edition.name} · {badge}" + (f" [{', '.join(edition_markings(edition))}]" if edition_markings(edition) else "")

    def _index_of(self, pk: int) -> int:
        return self.left_combo.findData(pk, EDITION_ROLE)

    def _select(self, left: int, right: int) -> None:
        for combo, index in ((self.left_combo, left), (self.right_combo, right)):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def _on_choice_changed(self, _index: int) -> None:
        self._start_compare()

    def _set_roles(self, left_is_older: bool) -> None:
        """Name each side by its role: the older or the newer edition."""
        self._left_is_older = left_is_older
        older, newer = self.tr("Older edition:"), self.tr("Newer edition:")
        self.left_label.setText(older if left_is_older else newer)
        self.right_label.setText(newer if left_is_older else older)
        self.left_combo.setAccessibleName(self.tr("Older edition") if left_is_older else self.tr("Newer edition"))
        self.right_combo.setAccessibleName(self.tr("Newer edition") if left_is_older else self.tr("Older edition"))
        self.left_pane.setAccessibleName(self.tr("Text in the older edition") if left_is_older else self.tr("Text in the newer edition"))
        self.right_pane.setAccessibleName(self.tr("Text in the newer edition") if left_is_older else self.tr("Text in the older edition"))
        description = self.tr("Paragraphs marked + are new or rewritten in the newer edition; paragraphs marked − were removed or rewritten.")
        self.left_pane.setAccessibleDescription(description)
        self.right_pane.setAccessibleDescription(description)

    # --- the comparison ----------------------------------------------------------------

    def _show_comparison(self, comparison: Comparison | None) -> None:
        previous = self._current_entry()
        previous_key = self._entry_key(previous) if previous is not None else None
        self._comparison = comparison
        self.summary_frame.setVisible(comparison is not None)
        self.chapter_tree.blockSignals(True)
        try:
            self.chapter_tree.clear()
            if comparison is not None:
                self._fill_summary(comparison)
                self._fill_chapters(comparison)
        finally:
            self.chapter_tree.blockSignals(False)
        item = self._item_to_select(previous_key)
        if item is None:
            self._show_chapter(None)
        else:
            self.chapter_tree.setCurrentItem(item)
            self._show_chapter(item.data(COL_STATUS, ENTRY_ROLE))

    def level_text(self, comparison: Comparison) -> str:
        """The level line, in words and numbers: '4/5 Substantieel → 3/5 Aanzienlijk, lowered'."""
        language = self.ctx.language
        older = level_badge_text(comparison.level_a.value, comparison.level_a.label, comparison.level_a.scale, language)
        newer = level_badge_text(comparison.level_b.value, comparison.level_b.label, comparison.level_b.scale, language)
        if not comparison.level_changed:
            return self.tr("Threat level: unchanged, %1").replace("%1", older)
        if comparison.level_direction == "raised":
            text = self.tr("Threat level: %1 → %2, raised")
        elif comparison.level_direction == "lowered":
            text = self.tr("Threat level: %1 → %2, lowered")
        else:
            text = self.tr("Threat level: %1 → %2, the same level on another scale")
        return text.replace("%1", older).replace("%2", newer)

    def chapters_text(self, comparison: Comparison) -> str:
        return (
            self.tr("Chapters: %1 added, %2 removed, %3 changed, %4 unchanged")
            .replace("%1", str(len(comparison.added)))
            .replace("%2", str(len(comparison.removed)))
            .replace("%3", str(len(comparison.changed)))
            .replace("%4", str(len(comparison.unchanged)))
        )

    def _fill_summary(self, comparison: Comparison) -> None:
        self.editions_line.setText(
            self.tr("From %1 (older) to %2 (newer)")
            .replace("%1", self._edition_name(comparison.a))
            .replace("%2", self._edition_name(comparison.b))
        )
        self.level_line.setText(self.level_text(comparison))
        self.chapters_line.setText(self.chapters_text(comparison))

    def status_word(self, status: str) -> str:
        return {
            "added": self.tr("Added"),
            "removed": self.tr("Removed"),
            "changed": self.tr("Changed"),
            "unchanged": self.tr("Unchanged"),
        }[status]

    def _fill_chapters(self, comparison: Comparison) -> None:
        palette = self.chapter_tree.palette()
        size = self.chapter_tree.fontMetrics().height()
        ratio = self.devicePixelRatioF()
        icons = {}
        for status in STATUS_SYMBOLS:
            icon = QIcon(status_icon(status, palette.color(QPalette.ColorRole.Text), size, ratio))
            icon.addPixmap(status_icon(status, palette.color(QPalette.ColorRole.HighlightedText), size, ratio), QIcon.Mode.Selected)
            icons[status] = icon
        self.chapter_tree.setIconSize(QSize(size, size))
        for entry in comparison.chapters:
            title = entry.title
            if entry.title_changed:
                title = self.tr("%1 (was: %2)").replace("%1", entry.b.title).replace("%2", entry.a.title)
            item = QTreeWidgetItem([self.status_word(entry.status), title])
            item.setIcon(COL_STATUS, icons[entry.status])
            item.setData(COL_STATUS, ENTRY_ROLE, entry)
            item.setToolTip(COL_TITLE, title)
            self.chapter_tree.addTopLevelItem(item)

    @staticmethod
    def _entry_key(entry: ChapterComparison) -> tuple[str | None, str | None]:
        return (entry.a.chapter_id if entry.a else None, entry.b.chapter_id if entry.b else None)

    def _current_entry(self) -> ChapterComparison | None:
        item = self.chapter_tree.currentItem()
        return item.data(COL_STATUS, ENTRY_ROLE) if item is not None else None

    def _item_to_select(self, key: tuple[str | None, str | None] | None) -> QTreeWidgetItem | None:
        """The chapter shown before (if it is still there), else the first changed one, else the first."""
        items = [self.chapter_tree.topLevelItem(row) for row in range(self.chapter_tree.topLevelItemCount())]
        if not items:
            return None
        entries = [item.data(COL_STATUS, ENTRY_ROLE) for item in items]
        for item, entry in zip(items, entries):
            if key is not None and self._entry_key(entry) == key:
                return item
        for item, entry in zip(items, entries):
            if entry.status == "changed":
                return item
        return items[0]

    # --- one chapter side by side ----------------------------------------------------------

    def _on_chapter_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._show_chapter(current.data(COL_STATUS, ENTRY_ROLE) if current is not None else None)

    def _on_chapter_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry: ChapterComparison = item.data(COL_STATUS, ENTRY_ROLE)
        chapter = entry.b or entry.a
        if chapter is not None:
            self.ctx.open_chapter_requested.emit(chapter.pk, "")

    def _show_chapter(self, entry: ChapterComparison | None) -> None:
        comparison = self._comparison
        if entry is None or comparison is None:
            self.chapter_heading.setText(self.tr("No chapter chosen") if comparison is not None else "")
            self.legend.setVisible(False)
            self.left_title.clear()
            self.right_title.clear()
            self.left_pane.clear()
            self.right_pane.clear()
            return
        headings = {
            "added": self.tr("Added in the newer edition: %1"),
            "removed": self.tr("Removed in the newer edition: %1"),
            "changed": self.tr("Changed: %1"),
            "unchanged": self.tr("Unchanged: %1"),
        }
        self.chapter_heading.setText(headings[entry.status].replace("%1", entry.title))
        self.legend.setVisible(entry.status != "unchanged")
        older = (self._side_title(self.tr("Older edition: %1"), comparison.a, entry.a), self._pane_html(entry, older=True))
        newer = (self._side_title(self.tr("Newer edition: %1"), comparison.b, entry.b), self._pane_html(entry, older=False))
        left, right = (older, newer) if self._left_is_older else (newer, older)
        for (title, text), label, pane in ((left, self.left_title, self.left_pane), (right, self.right_title, self.right_pane)):
            label.setText(title)
            pane.setHtml(text)
            pane.verticalScrollBar().setValue(0)
        if entry.diff_capped:
            self.ctx.status_message.emit(self.tr("This chapter is long: its changed part is shown as one block."))

    def _side_title(self, template: str, edition: Edition, chapter) -> str:
        title = template.replace("%1", self._edition_name(edition))
        chapter_line = chapter.title if chapter is not None else self.tr("(not in this edition)")
        return f"{title}\n{chapter_line}"

    def _pane_html(self, entry: ChapterComparison, older: bool) -> str:
        """One side's text as HTML built from escaped plain text: changed paragraphs on a
        highlight with their marker, and a line where the other side has text this one lacks."""
        palette = self.left_pane.palette()
        marked_bg = compare_mark_background(palette).name()
        faint = palette.color(QPalette.ColorRole.PlaceholderText).name()
        marker = REMOVED_MARK if older else ADDED_MARK
        if (entry.a if older else entry.b) is None:
            note = self.tr("This chapter is not in the older edition.") if older else self.tr("This chapter is not in the newer edition.")
            return f'<p style="color:{faint}"><i>{html.escape(note)}</i></p>'
        out = []
        for part in entry.diff:
            op, a_text, b_text = part.op, part.a_text, part.b_text
            text = a_text if older else b_text
            pairs: list[tuple[str, str]] = []
            if op == "replace":
                # Paragraph by paragraph when both sides have as many: then the changed words can be shown.
                old_paragraphs, new_paragraphs = paragraphs_of(a_text), paragraphs_of(b_text)
                if len(old_paragraphs) == len(new_paragraphs):
                    pairs = [(paragraph_text(a), paragraph_text(b)) for a, b in zip(old_paragraphs, new_paragraphs)]
            for index, paragraph in enumerate(paragraphs_of(text)):
                content = html.escape(paragraph_text(paragraph))
                heading = _HEADING_RE.fullmatch(paragraph)
                if heading:
                    content = f"<b>{html.escape(plain_text(heading.group(1)))}</b>"  # a Markdown heading: bold, without its #
                elif pairs:
                    marks = word_marks(*pairs[index])
                    if marks is not None:
                        content = runs_html(marks[0] if older else marks[1])
                if op == "equal":
                    out.append(f'<p style="white-space:pre-wrap">{content}</p>')
                else:
                    out.append(f'<p style="white-space:pre-wrap; background-color:{marked_bg}"><b>{marker}&nbsp;</b>{content}</p>')
            if not text:
                gap = self.tr("+ The newer edition adds text here.") if older else self.tr("− The older edition had text here.")
                out.append(f'<p style="color:{faint}"><i>{html.escape(gap)}</i></p>')
        return "<html><body>" + "".join(out) + "</body></html>"
