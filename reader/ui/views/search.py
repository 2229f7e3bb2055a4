"""Search: full text across all editions, results while typing, highlighted snippets.

Every keystroke restarts a short timer; when it fires, the search runs in a
task. Each search gets a generation number and only the newest one's results
are shown, so a slow old search can never overwrite newer results.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QFontMetrics, QPainter, QPalette, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSpinBox,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import Library, SearchHit
from reader.core.library.changes import Changes
from reader.ui.context import AppContext
from reader.ui.errors import error_text
from reader.ui.format import demo_marking, format_date, locale_for, search_mark_colours, theme_name
from reader.ui.tasks import TaskHandle
from reader.ui.views.base import RowDelegate, View, scaled_font

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
# A query shorter than this is not searched while typing: one letter would match most of the
# index as a prefix (the prefix index starts at two characters; reader.core.library.schema).
MIN_QUERY_CHARS = 2
RESULT_LIMIT = 100
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_MARK_OPEN, _MARK_CLOSE = "<mark>", "</mark>"


def snippet_html(snippet: str, mark_bg: str, mark_fg: str) -> str:
    """The core's snippet (escaped text with <mark>) as Qt rich text.

    Only the literal mark tags survive: every text piece between them is
    unescaped and escaped again, so even a snippet that was not escaped
    cannot carry a tag.
    """
    out = []
    open_tag = f'<span style="background-color:{mark_bg}; color:{mark_fg}; font-weight:600">'
    for i, part in enumerate(snippet.split(_MARK_OPEN)):
        if i == 0:
            out.append(html.escape(html.unescape(part), quote=False))
            continue
        marked, _sep, rest = part.partition(_MARK_CLOSE)
        out.append(open_tag + html.escape(html.unescape(marked), quote=False) + "</span>")
        out.append(html.escape(html.unescape(rest), quote=False))
    return "".join(out)


def edition_text(hit: SearchHit, language: str, separator: str) -> str:
    """'DTN juni 2025', or 'DTN 42 · juli 2016' when the edition's name does not say when."""
    date = format_date(hit.edition_date, language)
    return hit.edition_name if date.lower() in hit.edition_name.lower() else f"{hit.edition_name}{separator}{date}"


def snippet_text(snippet: str) -> str:
    """The snippet as plain text (for screen readers and tooltips)."""
    return html.unescape(snippet.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, ""))


@dataclass(frozen=True)
class Filters:
    theme: str | None
    year_from: int | None
    year_to: int | None


class HitDelegate(RowDelegate):
    """Paints a hit: chapter title (and DEMO), edition and date, the snippet with the hits marked."""

    def __init__(self, view: QListView, language: str) -> None:
        super().__init__(view)
        self._view = view
        self.language = language

    def _meta(self, hit: SearchHit) -> str:
        return edition_text(hit, self.language, " · ")

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit, width: int, selected: bool) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        font = QFont(option.font)
        doc.setDefaultFont(font)
        pal = option.palette
        mark_bg, mark_fg = search_mark_colours(pal, selected)
        doc.setHtml(snippet_html(hit.snippet, mark_bg.name(), mark_fg.name()))
        doc.setTextWidth(max(width, 50))
        return doc

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width() if option.rect.width() > 0 else self._view.viewport().width()
        return width - 2 * self.PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hit: SearchHit | None = index.data(HIT_ROLE)
        fm = QFontMetrics(option.font)
        if hit is None:
            return QSize(200, fm.lineSpacing() + 2 * self.PAD)
        width = self._view.viewport().width() - 2 * self.PAD
        doc = self._document(option, hit, width, False)
        height = 2 * (fm.lineSpacing() + 2) + int(doc.size().height()) + 2 * self.PAD + 4
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        row = self.begin_row(painter, option, index)
        if hit is None:
            return
        rect = row.rect
        line_h = QFontMetrics(row.option.font).lineSpacing() + 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        right = rect.right()
        if hit.demo:
            size = self.demo_tag_size(row)
            self.draw_demo_tag(painter, QRect(QPoint(right - size.width(), rect.top() + 1), size), row)
            right -= size.width() + 8
        self.draw_elided(painter, QRect(rect.left(), rect.top(), right - rect.left(), line_h), hit.title, row.bold, row.text)
        self.draw_elided(painter, QRect(rect.left(), rect.top() + line_h, rect.width(), line_h), self._meta(hit), row.small, row.secondary)

        doc = self._document(row.option, hit, rect.width(), row.selected)
        painter.translate(rect.left(), rect.top() + 2 * line_h + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, row.text)
        context.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchView(View):
    """Signals:
        loaded: fresh results (or the empty-query hint) are shown.
    """

    depends_on = Changes(editions=True)

    # Showing the view again keeps the query and results; the filters reload when stale.
    reload_on_activate = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.language = ctx.language
        self._filters_loaded = False
        self._shown_query: str | None = None
        self._focus_results_when_done = False
        self._build()

    def _build(self) -> None:
        self.query = QLineEdit()
        self.query.setAccessibleName(self.tr("Search words"))
        self.query.setPlaceholderText(self.tr("Search all editions…"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._schedule)
        self.query.returnPressed.connect(self._on_return_in_query)
        self.query.installEventFilter(self)
        self.query.setFont(scaled_font(self.query.font(), 1.2))

        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.addItem(self.tr("All themes"), None)
        self.theme.currentIndexChanged.connect(self._schedule)
        self.year_from = QSpinBox()
        self.year_from.setAccessibleName(self.tr("From year"))
        self.year_to = QSpinBox()
        self.year_to.setAccessibleName(self.tr("To year"))
        for spin in (self.year_from, self.year_to):
            spin.setRange(1900, 2999)
            spin.setGroupSeparatorShown(False)
            spin.setKeyboardTracking(False)
        self.year_from.setValue(1900)
        self.year_to.setValue(2999)
        self.year_from.valueChanged.connect(self._on_year_from_changed)
        self.year_to.valueChanged.connect(self._on_year_to_changed)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of results"))

        theme_label = QLabel(self.tr("&Theme:"))
        theme_label.setBuddy(self.theme)
        from_label = QLabel(self.tr("&Years:"))
        from_label.setBuddy(self.year_from)
        to_label = QLabel(self.tr("to"))
        to_label.setBuddy(self.year_to)
        filters = QHBoxLayout()
        filters.addWidget(theme_label)
        filters.addWidget(self.theme, 1)
        filters.addSpacing(12)
        filters.addWidget(from_label)
        filters.addWidget(self.year_from)
        filters.addWidget(to_label)
        filters.addWidget(self.year_to)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self._intro = self.tr(
            "Type one or more words to search the text of every edition. "
            "Results appear while you type; the last word also matches longer words. "
            "Use quotes for an exact phrase. Enter takes you to the results; Enter or a double-click on a result opens the chapter."
        )
        self.hint = QLabel(self._intro)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results, self.language))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.results.activated.connect(self._on_result_activated)
        self.results.doubleClicked.connect(self._on_result_activated)

        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Search"))
        heading.setFont(scaled_font(heading.font(), 1.15, bold=True))
        layout.addWidget(heading)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        # The hint takes the room the results would, so an empty page keeps its field at the top.
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.results, 1)
        self.results.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_search)

    # --- view protocol -----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Search")

    def activate(self) -> None:
        super().activate()
        self.query.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_library_changed(self, changes: Changes) -> None:
        super()._on_library_changed(changes)
        if changes.concerns(self.depends_on) and self.query.text().strip():
            self._schedule()

    def on_change(self, changes: Changes) -> None:
        self._filters_loaded = False  # the themes and years may have changed

    # --- filters -------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the theme and year filters from the library."""

        def work(lib: Library, _handle: TaskHandle):
            editions = lib.editions()
            years = sorted({int(e.date[:4]) for e in editions if e.date[:4].isdigit()})
            return lib.themes(), years

        self.run_task(work, lambda result: self._on_filters_loaded(*result), self._on_filters_failed, channel="filters")

    def _on_filters_loaded(self, themes: list[tuple[str, int]], years: list[int]) -> None:
        self._filters_loaded = True
        current = self.theme.currentData()
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem(self.tr("All themes"), None)
        loc = locale_for(self.language)
        for theme, count in themes:
            self.theme.addItem(f"{theme_name(theme, self.language)} ({loc.toString(count)})", theme)
        index = self.theme.findData(current) if current is not None else 0
        self.theme.setCurrentIndex(max(index, 0))
        self.theme.blockSignals(False)
        if years:
            low, high = years[0], years[-1]
            for spin in (self.year_from, self.year_to):
                spin.blockSignals(True)
                spin.setRange(low, high)
                spin.blockSignals(False)
            self.year_from.blockSignals(True)
            self.year_to.blockSignals(True)
            self.year_from.setValue(low)
            self.year_to.setValue(high)
            self.year_from.blockSignals(False)
            self.year_to.blockSignals(False)
        if self.query.text().strip():
            self._schedule()

    def filters(self) -> Filters:
        theme = self.theme.currentData()
        year_from = self.year_from.value() if self.year_from.value() > self.year_from.minimum() else None
        year_to = self.year_to.value() if self.year_to.value() < self.year_to.maximum() else None
        return Filters(theme, year_from, year_to)

    def _on_year_from_changed(self, value: int) -> None:
        if self.year_to.value() < value:
            self.year_to.setValue(value)
        self._schedule()

    def _on_year_to_changed(self, value: int) -> None:
        if self.year_from.value() > value:
            self.year_from.setValue(value)
        self._schedule()

    # --- searching -----------------------------------------------------------------------

    def search(self, text: str) -> None:
        """Search for ``text`` at once (as if typed and the pause had passed)."""
        self.query.setText(text)
        self._timer.stop()
        self._run_search()

    def _schedule(self, *_args) -> None:
        if not self.query.text().strip():
            self._timer.stop()
            self._show_empty()
            return
        self._timer.start()

    def _show_empty(self, hint: str | None = None) -> None:
        self.outdate("search")  # drops whatever is still running
        self._shown_query = None
        self.model.clear()
        self.count_label.setText("")
        self.results.hide()
        self.hint.setText(hint or self._intro)
        self.hint.show()
        self.loaded.emit()

    def _run_search(self) -> None:
        text = self.query.text().strip()
        if not text:
            self._show_empty()
            return
        if len(re.sub(r"\W", "", text)) < MIN_QUERY_CHARS:
            self._show_empty(self.tr("Type at least two letters."))
            return
        filters = self.filters()
        themes = [filters.theme] if filters.theme else None
        self.count_label.setText(self.tr("Searching…"))

        def work(lib: Library, _handle: TaskHandle) -> list[SearchHit]:
            return lib.search(text, limit=RESULT_LIMIT, themes=themes, year_from=filters.year_from,
                              year_to=filters.year_to, prefix_last=True)

        self.run_task(work, lambda hits: self._on_results(text, hits), self._on_search_failed, channel="search")

    def _on_results(self, text: str, hits: list[SearchHit]) -> None:
        self._shown_query = text
        self.model.clear()
        for hit in hits:
            item = QStandardItem()
            marks = f", {demo_marking()}" if hit.demo else ""
            item.setText(f"{hit.title}, {edition_text(hit, self.language, ', ')}{marks}: {snippet_text(hit.snippet)}")
            item.setToolTip(item.text())
            item.setData(hit, HIT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.hint.setVisible(not hits)
        self.results.setVisible(bool(hits))
        if not hits:
            self.hint.setText(self.tr("Nothing found. Check the spelling, use fewer words, or widen the theme and years."))
        self.count_label.setText(self._count_text(len(hits)))
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.loaded.emit()
        if self._focus_results_when_done:
            self._focus_results_when_done = False
            self._focus_results()

    def _count_text(self, count: int) -> str:
        loc = locale_for(self.language)
        if count >= RESULT_LIMIT:
            return self.tr("best %1 results").replace("%1", loc.toString(count))
        if count == 1:
            return self.tr("1 result")
        return self.tr("%1 results").replace("%1", loc.toString(count))

    def _on_filters_failed(self, exc: BaseException) -> None:
        self._stale = True  # the next activate() tries again
        self.count_label.setText(error_text(exc))

    def _on_search_failed(self, exc: BaseException) -> None:
        self.count_label.setText(error_text(exc))

    # --- opening -------------------------------------------------------------------------

    def _on_result_activated(self, index: QModelIndex) -> None:
        self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE) if index.isValid() else None
        if hit is None:
            return
        self.ctx.open_chapter_requested.emit(hit.chapter_pk, self._shown_query or self.query.text())

    def _on_return_in_query(self) -> None:
        """Enter in the field keeps the list and moves to it (the best hit selected); Enter
        there opens the chapter. The list stays, so the next hit is one key away."""
        if self._timer.isActive() or self._shown_query != self.query.text().strip():
            # Results for what is typed are not there yet: go to them when they are.
            self._focus_results_when_done = True
            if self._timer.isActive():
                self._timer.stop()
                self._run_search()
            return
        self._focus_results()

    def _focus_results(self) -> None:
        if not self.model.rowCount():
            return
        self.results.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Down in the query field goes to the results, so the keyboard path is short.
        if watched is self.query and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount():
                self._focus_results()
                return True
        return super().eventFilter(watched, event)
