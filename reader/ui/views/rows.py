"""The set-up of hand-painted rows: :class:`RowDelegate` is the base of the item delegates
that paint a row by hand (edition list, search hits), :class:`WrapDelegate` of rows as tall
as their wrapped text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget

from reader.ui.format import SECONDARY_ALPHA, demo_marking
from reader.ui.views.base import scaled_font

# A row's small text, relative to the row's font.
SMALL_FONT_FACTOR = 0.9


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
