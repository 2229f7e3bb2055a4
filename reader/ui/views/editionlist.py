"""The edition list of the reading view: each edition's row as a model (its text made when
first asked) and a delegate that paints name, level badge, facts and markings."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.core.library import Edition
from reader.ui.format import demo_marking, format_date, level_badge_text, level_colour, level_text_colour
from reader.ui.views.base import RowDelegate

EDITION_ROLE = Qt.ItemDataRole.UserRole + 1


def edition_markings(edition: Edition) -> list[str]:
    """Plain-text markings of an edition: DEMO, superseded, hidden with its reason."""
    marks = []
    if edition.demo:
        marks.append(demo_marking())
    if edition.superseded_by is not None:
        marks.append(QCoreApplication.translate("EditionsView", "superseded by a newer revision"))
    if edition.hidden_reason:
        marks.append(QCoreApplication.translate("EditionsView", "hidden: %1").replace("%1", edition.hidden_reason))
    return marks


class EditionDelegate(RowDelegate):
    """Paints an edition row: name and level badge, date/revision/signer, markings.

    The row's DisplayRole holds the same facts as plain text (screen readers and
    type-ahead use it); colour is never the only carrier of meaning.
    """

    LINES = 3

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.language = language

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        fm = QFontMetrics(option.font)
        return QSize(240, self.LINES * (fm.lineSpacing() + 4) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        edition: Edition | None = index.data(EDITION_ROLE)
        row = self.begin_row(painter, option, index)
        if edition is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = row.rect
        sfm = QFontMetrics(row.small_bold)
        line_h = QFontMetrics(row.option.font).lineSpacing() + 4

        # Line 1: the edition's name, the full width.
        self.draw_elided(painter, QRect(rect.left(), rect.top(), rect.width(), line_h), edition.name, row.bold, row.text)

        # Line 2: date, revision, signer.
        meta = " · ".join([
            format_date(edition.date, self.language),
            QCoreApplication.translate("EditionsView", "revision %1").replace("%1", str(edition.revision)),
            QCoreApplication.translate("EditionsView", "signed by %1").replace("%1", edition.signer_name),
        ])
        self.draw_elided(painter, QRect(rect.left(), rect.top() + line_h, rect.width(), line_h), meta, row.small, row.secondary)

        # Line 3: the level badge (number and word on the colour), DEMO as an outlined tag,
        # then superseded / hidden in words.
        y = rect.top() + 2 * line_h
        tag_h = sfm.lineSpacing() + 2
        badge = level_badge_text(edition.level_value, edition.level_label, edition.level_scale, self.language)
        badge_rect = QRect(rect.left(), y, sfm.horizontalAdvance(badge) + 12, tag_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(level_colour(edition.level_value, edition.level_scale))
        painter.drawRoundedRect(badge_rect, 4, 4)
        painter.setFont(row.small_bold)
        painter.setPen(level_text_colour(edition.level_value, edition.level_scale))
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        x = badge_rect.right() + 8
        if edition.demo:
            demo_rect = QRect(QPoint(x, y), self.demo_tag_size(row))
            self.draw_demo_tag(painter, demo_rect, row)
            x = demo_rect.right() + 8
        rest = edition_markings(edition)[1 if edition.demo else 0:]
        if rest and x < rect.right():
            self.draw_elided(painter, QRect(x, y, rect.right() - x, tag_h), " · ".join(rest), row.small_bold, row.text)
        painter.restore()


class EditionListModel(QAbstractListModel):
    """The rows of the edition list. A row's text (what screen readers, type-ahead and the
    tooltip read) is made when it is first asked for, so 1,000 editions are listed at once
    instead of formatting every date and label before the list can show."""

    def __init__(self, text_of, parent=None) -> None:
        super().__init__(parent)
        self._text_of = text_of
        self._editions: list[Edition] = []
        self._rows: dict[int, int] = {}  # edition pk -> row
        self._texts: dict[int, str] = {}  # row -> its text, once asked for

    def set_editions(self, editions: list[Edition]) -> None:
        self.beginResetModel()
        self._editions = list(editions)
        self._rows = {edition.pk: row for row, edition in enumerate(self._editions)}
        self._texts = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._editions)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._editions):
            return None
        row = index.row()
        if role == EDITION_ROLE:
            return self._editions[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._texts.get(row)
            if text is None:
                text = self._texts[row] = self._text_of(self._editions[row])
            return text
        return None

    def row_of(self, edition_pk: int) -> int:
        """The row of an edition, or -1 when it is not listed."""
        return self._rows.get(edition_pk, -1)
