"""What the views share: the :class:`View` base class and the set-up of hand-painted rows.

A :class:`View` holds the plumbing every view of the main window needs once: the
``loaded`` signal, reloading when the library changes (at once when visible, on the next
show when hidden), and tasks whose results are dropped when they are outdated or the view
is gone. :class:`RowDelegate` is the base of the item delegates that paint a row by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QWidget

from reader.core.library.changes import Changes
from reader.ui.format import SECONDARY_ALPHA, demo_marking

if TYPE_CHECKING:
    # The library module loads on the worker threads, so the window shows before it does.
    from reader.core.library import Library
    from reader.ui.context import AppContext
    from reader.ui.tasks import Task, TaskHandle

log = logging.getLogger(__name__)

# A row's small text, relative to the row's font.
SMALL_FONT_FACTOR = 0.9


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    """``base`` made ``factor`` times as large (relative, never an absolute size), bold or not."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    font.setBold(bold)
    return font


class View(QWidget):
    """The base of every view in the main window.

    A view implements ``title()`` and ``reload()``; ``reload()`` starts loading the view's
    data with :meth:`run_task` and emits ``loaded`` once it is shown. The window calls
    ``activate()`` each time it shows the view. From its first activation on, a view
    reloads at once when the library changes while it is visible; while hidden it is only
    marked stale, and reloads when it is shown again. Before its first activation a view
    does not load on its own: the window holds that activation back until the library is
    open.

    Signals:
        loaded: the view's data is shown (after activate() or a library change).
    """

    loaded = Signal()

    #: Reload on every activate(); False for a view that keeps what it shows until it is
    #: stale (it then starts stale, so its first activate() loads).
    reload_on_activate = True
    #: Reload on a library change even while hidden, for a view that must be current
    #: before it is shown again.
    reload_when_hidden = False
    #: The areas of the library the view shows: a change that touched none of them leaves
    #: the view as it is (also when the view made the change itself).
    depends_on: Changes = Changes.everything()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._activated = False
        self._stale = not self.reload_on_activate
        self._generations: dict[str, int] = {}
        self.ignored_results = 0  # outdated task results that arrived and were dropped
        ctx.library_changed.connect(self._on_library_changed)

    # --- the view contract ---------------------------------------------------------------

    def title(self) -> str:
        """The view's name in the navigation, translated."""
        raise NotImplementedError

    def activate(self) -> None:
        """Called each time the view is shown: (re)load its data."""
        self._activated = True
        if self._stale or self.reload_on_activate:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Start loading the view's data through :meth:`run_task`."""
        raise NotImplementedError

    # --- library changes -----------------------------------------------------------------

    def _on_library_changed(self, changes: Changes) -> None:
        if not changes.concerns(self.depends_on):
            return
        self.on_change(changes)
        if self._activated and (self.isVisible() or self.reload_when_hidden):
            self.reload()
        else:
            self._stale = True

    def on_change(self, changes: Changes) -> None:
        """A change this view depends on, before it reloads (or is marked stale): drop caches."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale and self._activated:
            self.activate()

    # --- tasks ---------------------------------------------------------------------------

    def outdate(self, channel: str) -> int:
        """Drop the results of the tasks on ``channel`` that are still running; the new generation."""
        self._generations[channel] = self._generations.get(channel, 0) + 1
        return self._generations[channel]

    def run_task(
        self,
        fn: Callable[[Library, TaskHandle], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        *,
        write: bool = False,
        channel: str | None = None,
    ) -> Task:
        """Run ``fn(library, handle)`` as a task; its callbacks arrive only while this view exists.

        Args:
            fn, on_success, on_failure, on_progress, write: as for ``TaskRunner.submit``.
            channel: a kind of request ("list", "search"). A task on a channel outdates
                every earlier one on it: their success or failure, should it still arrive,
                is dropped (counted in ``ignored_results``). None: every result counts
                (writes, one-off actions).
        """
        generation = self.outdate(channel) if channel is not None else 0

        def current() -> bool:
            if channel is None or self._generations[channel] == generation:
                return True
            self.ignored_results += 1
            log.debug("%s dropped an outdated %s result", type(self).__name__, channel)
            return False

        def succeeded(result: Any) -> None:
            if current():
                on_success(result)

        def failed(exc: BaseException) -> None:
            if current():
                on_failure(exc)

        return self.ctx.tasks.submit(
            fn,
            succeeded if on_success is not None else None,
            failed if on_failure is not None else None,
            on_progress,
            write=write,
            context=self,
        )


@dataclass
class Row:
    """What a hand-painted row draws its content with, once its background is drawn."""

    option: QStyleOptionViewItem  # the item's state, font and palette
    rect: QRect  # the row inside its padding
    selected: bool
    text: QColor  # the text colour (the highlighted one when selected)
    secondary: QColor  # the same, a little fainter, for secondary lines
    bold: QFont
    small: QFont
    small_bold: QFont


class RowDelegate(QStyledItemDelegate):
    """Base of the delegates that paint a row by hand (edition list, search hits).

    The row's DisplayRole still holds its facts as plain text, for screen readers and
    type-ahead; the painting only adds layout.
    """

    PAD = 6

    def begin_row(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> Row:
        """Draw the row's background (selection, focus, alternating colour) as the style does,
        and return the rectangle, colours and fonts for its content."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        secondary = QColor(text)
        secondary.setAlphaF(SECONDARY_ALPHA)
        bold = QFont(opt.font)
        bold.setBold(True)
        return Row(
            option=opt,
            rect=opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD),
            selected=selected,
            text=text,
            secondary=secondary,
            bold=bold,
            small=scaled_font(opt.font, SMALL_FONT_FACTOR),
            small_bold=scaled_font(opt.font, SMALL_FONT_FACTOR, bold=True),
        )

    @staticmethod
    def draw_elided(painter: QPainter, rect: QRect, text: str, font: QFont, colour: QColor) -> None:
        """One line of text, left-aligned, cut off with … where it does not fit."""
        painter.setFont(font)
        painter.setPen(colour)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

    @staticmethod
    def demo_tag_size(row: Row) -> QSize:
        metrics = QFontMetrics(row.small_bold)
        return QSize(metrics.horizontalAdvance(demo_marking()) + 10, metrics.lineSpacing() + 2)

    @staticmethod
    def draw_demo_tag(painter: QPainter, rect: QRect, row: Row) -> None:
        """The DEMO marking as a tag outlined in the text colour (the word, not a colour, says it)."""
        painter.setPen(QPen(row.text, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setFont(row.small_bold)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, demo_marking())


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text, so long titles are read whole instead of cut off.

    Subclasses say how wide the text may be for an index (``text_width``; ``None``: no wrapping).
    """

    MIN_WIDTH_PX = 40

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def text_width(self, index: QModelIndex) -> int | None:
        raise NotImplementedError

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        width = self.text_width(index)
        if width is None or width < self.MIN_WIDTH_PX:
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = QFontMetrics(opt.font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(size.width(), max(size.height(), text.height() + 6))
