"""The level history as a step chart, painted with QPainter (there is no QtCharts).

Both scales share one honest axis: every level is placed at the position its
label has on the five-level scale (since July 2016), so "Substantieel" is one
row whether it was 3 of 4 or 4 of 5. The axis shows the labels; the step
labels, the tooltips and the table in the history view give the number and
the scale the level had at the time. The change of scale is marked with a
dashed line, regional events with a triangle that is never part of the
national line.
"""

from __future__ import annotations

import datetime
import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QToolTip, QWidget

from reader.core.errors import ExportError
from reader.core.library import LevelPoint
from reader.core.vocabulary import COMMON_SCALE, SCALES, level_rank
from reader.ui.format import demo_marking, format_date, level_badge_text, level_colour, level_label, level_text_colour

log = logging.getLogger(__name__)

# The common axis: the five-level scale, whose labels include every label of the old one.
AXIS_SCALE = COMMON_SCALE

# Relative font sizes (factors of the widget's font), never pixel sizes.
TITLE_FONT_FACTOR = 1.3
SMALL_FONT_FACTOR = 0.9

# Exports wider than this (in pixels) are painted at this width and scaled up.
EXPORT_LOGICAL_WIDTH = 1100


def axis_position(point: LevelPoint) -> float:
    """Where a level sits on the common axis (1..5): core's one rule (vocabulary.level_rank),
    so an old "Substantieel" (3 of 4) shares the row of the new one (4 of 5)."""
    return level_rank(point.value, point.label, point.scale)


def parse_date(iso: str) -> QDate:
    """'2005-05' -> 1 May 2005; '2019-03-18' -> 18 March 2019; an invalid QDate otherwise."""
    parts = (iso or "")[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return QDate()
    return QDate(year, month, day)


@dataclass
class _Header:
    """The chart's title and DEMO box (None without demo data), and where the header ends."""

    title: QRectF
    demo: QRectF | None
    demo_label: str
    bottom: float


@dataclass
class _Geometry:
    """Where everything goes for one target rectangle and paint device."""

    rect: QRectF
    plot: QRectF
    first_day: int  # Julian day at the left edge of the plot
    last_day: int  # Julian day at the right edge (today)
    line_height: float
    small_height: float
    title_font: QFont
    font: QFont
    bold_font: QFont
    small_font: QFont
    year_step: int

    def x_for_day(self, day: float) -> float:
        span = max(1, self.last_day - self.first_day)
        return self.plot.left() + (day - self.first_day) / span * self.plot.width()

    def y_for_position(self, position: float) -> float:
        # Positions 1..5 sit in the middle of five equal rows.
        rows = SCALES[AXIS_SCALE].max
        return self.plot.bottom() - (position - 0.5) / rows * self.plot.height()


class LevelChart(QWidget):
    """Step chart of the national level with regional events and the change of scale.

    Signals:
        point_activated(edition_pk): a step or event was clicked or activated with Enter.
        current_changed(index): the keyboard focus marker moved to ``points()[index]``.
    """

    point_activated = Signal(int)
    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, language: str = "nl",
                 today: Callable[[], datetime.date] = datetime.date.today) -> None:
        """``today``: the date the chart runs to (its right edge); fixed in tests and screenshots."""
        super().__init__(parent)
        self._language = language
        self._today = today
        self._points: list[LevelPoint] = []
        self._editions: dict[int, str] = {}
        self._current = -1
        self._hovered = -1
        self._pressed = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Threat level history chart"))
        self._update_description()

    # --- data -----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self._language = language
        self._update_description()
        self.update()

    def set_points(self, points: list[LevelPoint], editions: dict[int, str]) -> None:
        """Show ``points`` (national steps and regional events, any order);
        ``editions`` maps edition pk to the edition's name."""
        self._points = sorted(points, key=lambda p: (parse_date(p.date).toJulianDay(), not p.national))
        self._editions = dict(editions)
        self._current = -1 if not self._points else min(self._current, len(self._points) - 1)
        self._hovered = self._pressed = -1
        if self._current < 0 and self.hasFocus():
            self._current = self._default_index()
        self._update_description()
        self.update()

    def points(self) -> list[LevelPoint]:
        """The points in the order the chart, the keyboard and the history table use."""
        return list(self._points)

    def current_index(self) -> int:
        return self._current

    def set_current_index(self, index: int) -> None:
        """Move the focus marker to ``points()[index]`` (-1 for none) and announce it."""
        index = max(-1, min(index, len(self._points) - 1))
        if index == self._current:
            return
        self._current = index
        self._update_description()
        self.update()
        self.current_changed.emit(index)

    # --- geometry (public so tests and the view can aim at things) -----------------------

    def x_for_date(self, date: QDate | str) -> float:
        """The x coordinate of a date in widget coordinates."""
        if isinstance(date, str):
            date = parse_date(date)
        return self._geometry().x_for_day(date.toJulianDay())

    def point_rect(self, index: int) -> QRectF:
        """The clickable area of ``points()[index]`` in widget coordinates."""
        return self._point_rect(self._geometry(), index)

    def index_at(self, pos: QPointF) -> int:
        """The point under ``pos`` (events first, they sit on top), or -1."""
        geo = self._geometry()
        order = sorted(range(len(self._points)), key=lambda i: self._points[i].national)
        for i in order:
            if self._point_rect(geo, i).contains(pos):
                return i
        return -1

    def tooltip_text(self, index: int) -> str:
        """What a step or event is: level number and label, dates, scale, edition, DEMO."""
        return "\n".join(self._describe_lines(index))

    def tooltip_html(self, index: int) -> str:
        # Rich text, so Qt wraps a long note instead of making a screen-wide tooltip.
        lines = [html.escape(line) for line in self._describe_lines(index)]
        if not lines:
            return ""
        return "<p><b>" + lines[0] + "</b><br/>" + "<br/>".join(lines[1:]) + "</p>"

    def describe(self, index: int) -> str:
        """The same as one line, for the accessible description."""
        return "; ".join(self._describe_lines(index))

    # --- export -----------------------------------------------------------------------------

    def export_png(self, path: str | Path, size: QSize) -> None:
        """Paint the chart into a PNG file of ``size`` pixels. Raises ExportError."""
        image = QImage(size, QImage.Format.Format_ARGB32)
        dots_per_metre = round(self.logicalDpiX() / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            self._paint_scaled(painter, size)
        finally:
            painter.end()
        if not image.save(str(path), "PNG"):
            raise ExportError(f"could not write the image {path}", code="export-image", path=str(path))

    def export_svg(self, path: str | Path, size: QSize) -> None:
        """Paint the chart into an SVG file of ``size`` (in pixels). Raises ExportError."""
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        # The same resolution as the screen, so text is as large relative to the chart.
        generator.setResolution(self.logicalDpiX())
        generator.setTitle(self._title_text())
        generator.setDescription(self.tr("Step chart of the national terrorist threat level, with regional events and the change of scale."))
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"could not write the image {path}", code="export-image", path=str(path))
        try:
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), self.palette().color(QPalette.ColorRole.Base))
            self._paint_scaled(painter, size)
        finally:
            painter.end()
        if not Path(path).is_file():
            raise ExportError(f"could not write the image {path}", code="export-image", path=str(path))

    def _paint_scaled(self, painter: QPainter, size: QSize) -> None:
        # A large export is the same chart scaled up (like a high-DPI screen), so the text
        # keeps its proportion to the chart and stays readable on a projector or slide.
        scale = max(1.0, size.width() / EXPORT_LOGICAL_WIDTH)
        painter.scale(scale, scale)
        self.paint_chart(painter, QRectF(0, 0, size.width() / scale, size.height() / scale))

    # --- Qt events -----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(round(line * 50), round(line * 24))

    def minimumSizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(round(line * 24), round(line * 15))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        self.paint_chart(painter, QRectF(self.rect()), interactive=True)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.index_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip_html(index), self, self.point_rect(index).toAlignedRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if index != self._hovered:
            self._hovered = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered >= 0:
            self._hovered = -1
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.index_at(event.position())
            if self._pressed >= 0:
                self.set_current_index(self._pressed)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position())
            if index >= 0 and index == self._pressed:
                self.point_activated.emit(self._points[index].edition_pk)
            self._pressed = -1
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        count = len(self._points)
        if count and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Home:
                target = 0
            elif key == Qt.Key.Key_End:
                target = count - 1
            elif self._current < 0:
                target = count - 1
            else:
                target = self._current + (1 if key == Qt.Key.Key_Right else -1)
            self.set_current_index(max(0, min(target, count - 1)))
            self._show_current_tooltip()
            event.accept()
            return
        if count and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current >= 0:
            self.point_activated.emit(self._points[self._current].edition_pk)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        if self._current < 0 and self._points:
            self.set_current_index(self._default_index())
        self.update()
        super().focusInEvent(event)

    def _default_index(self) -> int:
        """Where the focus marker starts: the current national level, what a reader looks for first."""
        nationals = [i for i, p in enumerate(self._points) if p.national]
        return nationals[-1] if nationals else len(self._points) - 1

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self.update()
        super().changeEvent(event)

    # --- painting -------------------------------------------------------------------------------

    def paint_chart(self, painter: QPainter, rect: QRectF, interactive: bool = False) -> None:
        """Paint the whole chart into ``rect`` on any paint device (widget, image, SVG)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        geo = self._geometry(rect, painter.device())
        painter.setFont(geo.title_font)
        painter.setPen(text)
        header = self._header(rect, painter.device())
        title = QFontMetricsF(geo.title_font, painter.device()).elidedText(
            self._title_text(), Qt.TextElideMode.ElideRight, header.title.width() + 1)
        painter.drawText(header.title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if header.demo is not None:
            self._paint_demo_badge(painter, geo, header)
        if not self._points:
            painter.setFont(geo.font)
            painter.drawText(geo.plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.tr("There is no level history in the library yet."))
            painter.restore()
            return
        self._paint_axes(painter, geo, palette)
        self._paint_steps(painter, geo, palette)
        self._paint_scale_change(painter, geo, palette)
        self._paint_events(painter, geo, palette)
        self._paint_legend(painter, geo, palette)
        if interactive:
            self._paint_focus(painter, geo, palette)
        painter.restore()

    def _title_text(self) -> str:
        if not self._points:
            return self.tr("National threat level")
        first = format_date(self._points[0].date[:4], self._language) or self._points[0].date[:4]
        return self.tr("National threat level, %1 to today").replace("%1", first)

    def header_rects(self) -> tuple[QRectF, QRectF | None]:
        """Where the title and the DEMO box are painted in the widget (the box None without demo data)."""
        header = self._header(QRectF(self.rect()), self)
        return header.title, header.demo

    def _header(self, rect: QRectF, device) -> _Header:
        """The title at the top left and the DEMO box beside it, or under it where both do not
        fit on one line: they never overlap, whatever the width and the font size."""
        title_font, font, bold, _small = self._fonts()
        line = QFontMetricsF(font, device).height()
        title_metrics = QFontMetricsF(title_font, device)
        left, width = rect.left() + line * 0.5, max(rect.width() - line, 1.0)
        title_width = min(title_metrics.horizontalAdvance(self._title_text()), width)
        title = QRectF(left, rect.top() + line * 0.3, title_width, title_metrics.height() * 1.1)
        if not any(p.demo for p in self._points):
            return _Header(title, None, "", title.bottom())
        bold_metrics = QFontMetricsF(bold, device)
        label = self.tr("%1: demonstration content, not an NCTV publication").replace("%1", demo_marking())
        if bold_metrics.horizontalAdvance(label) + line > width:
            label = demo_marking()
        box_width, box_height = bold_metrics.horizontalAdvance(label) + line, line * 1.2
        if title_width + line + box_width <= width:
            box = QRectF(left + width - box_width, title.center().y() - box_height / 2, box_width, box_height)
            return _Header(title, box, label, max(title.bottom(), box.bottom()))
        box = QRectF(left, title.bottom() + line * 0.2, box_width, box_height)
        return _Header(title, box, label, box.bottom())

    def _paint_demo_badge(self, painter: QPainter, geo: _Geometry, header: _Header) -> None:
        painter.setFont(geo.bold_font)
        box, label = header.demo, header.demo_label
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 4, 4)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _grid_colour(self, palette: QPalette, alpha: float) -> QColor:
        colour = QColor(palette.color(QPalette.ColorRole.Text))
        colour.setAlphaF(alpha)
        return colour

    def _paint_axes(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        plot = geo.plot
        axis = SCALES[AXIS_SCALE]
        metrics = QFontMetricsF(geo.font, painter.device())
        painter.setFont(geo.font)
        # Rows: a faint line per level, the label left of it with a colour swatch.
        swatch = geo.line_height * 0.7
        for value in range(1, axis.max + 1):
            y = geo.y_for_position(value)
            painter.setPen(QPen(self._grid_colour(palette, 0.18), 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = level_label(axis.label(value), self._language)
            right = plot.left() - geo.line_height * 0.5
            painter.setPen(text)
            width = metrics.horizontalAdvance(label)
            painter.drawText(QRectF(right - swatch - geo.line_height * 0.4 - width - 2, y - geo.line_height / 2, width + 2, geo.line_height), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(QPen(text, 1))
            painter.setBrush(level_colour(value, AXIS_SCALE))
            painter.drawRect(QRectF(right - swatch, y - swatch / 2, swatch, swatch))
        # Years: a tick and faint line each year, a label every year_step years.
        first_year = QDate.fromJulianDay(geo.first_day).year()
        last_year = QDate.fromJulianDay(geo.last_day).year()
        for year in range(first_year, last_year + 1):
            day = QDate(year, 1, 1).toJulianDay()
            if day < geo.first_day:
                continue
            x = geo.x_for_day(day)
            painter.setPen(QPen(self._grid_colour(palette, 0.12), 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(QPen(text, 1))
            labelled = (year - first_year) % geo.year_step == 0
            tick = geo.line_height * (0.35 if labelled else 0.2)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + tick))
            if labelled:
                label = str(year)
                width = metrics.horizontalAdvance(label) + 4
                painter.drawText(QRectF(x - width / 2, plot.bottom() + tick, width, geo.line_height * 1.1), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, label)
        painter.setPen(QPen(text, 1.5))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

    def _segments(self, geo: _Geometry) -> list[tuple[int, float, float]]:
        """(point index, x start, x end) of each national step."""
        nationals = [i for i, p in enumerate(self._points) if p.national]
        result = []
        for n, i in enumerate(nationals):
            start = max(geo.first_day, parse_date(self._points[i].date).toJulianDay())
            end = parse_date(self._points[nationals[n + 1]].date).toJulianDay() if n + 1 < len(nationals) else geo.last_day
            end = min(max(end, start), geo.last_day)
            result.append((i, geo.x_for_day(start), geo.x_for_day(end)))
        return result

    def _paint_steps(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        segments = self._segments(geo)
        band = geo.line_height * 1.25
        metrics = QFontMetricsF(geo.bold_font, painter.device())
        painter.setFont(geo.bold_font)
        for i, x0, x1 in segments:
            p = self._points[i]
            y = geo.y_for_position(axis_position(p))
            colour = level_colour(p.value, p.scale)
            tint = QColor(colour)
            tint.setAlphaF(0.28 if i != self._hovered else 0.45)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.fillRect(QRectF(x0, y, x1 - x0, geo.plot.bottom() - y), tint)
            painter.fillRect(QRectF(x0, y, x1 - x0, band), colour)
            # Readable without colour: the number, the scale and, where it fits, the word.
            full = level_badge_text(p.value, p.label, p.scale, self._language)
            short = f"{p.value}/{SCALES[p.scale].max}"
            room = x1 - x0 - geo.line_height * 0.4
            label = full if metrics.horizontalAdvance(full) <= room else short if metrics.horizontalAdvance(short) <= room else ""
            if label:
                painter.setPen(level_text_colour(p.value, p.scale))
                painter.drawText(QRectF(x0, y, x1 - x0, band), Qt.AlignmentFlag.AlignCenter, label)
        # The line itself, in the text colour: the shape reads without colour.
        path = QPainterPath()
        for n, (i, x0, x1) in enumerate(segments):
            y = geo.y_for_position(axis_position(self._points[i]))
            if n == 0:
                path.moveTo(x0, y)
            else:
                path.lineTo(x0, y)
            path.lineTo(x1, y)
        pen = QPen(text, max(2.5, geo.line_height * 0.16))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _scale_change(self) -> tuple[int, str, str] | None:
        """(index, old scale, new scale) of the first national step on a different scale."""
        previous = None
        for i, p in enumerate(self._points):
            if not p.national:
                continue
            if previous is not None and p.scale != previous:
                return i, previous, p.scale
            previous = p.scale
        return None

    def _paint_scale_change(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        change = self._scale_change()
        if change is None:
            return
        i, old, new = change
        text = palette.color(QPalette.ColorRole.Text)
        x = geo.x_for_day(parse_date(self._points[i].date).toJulianDay())
        pen = QPen(text, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        label_top = geo.plot.top() - geo.line_height * 1.3
        painter.drawLine(QPointF(x, label_top + geo.line_height * 1.1), QPointF(x, geo.plot.bottom()))
        painter.setFont(geo.font)
        label = self._scale_change_text(old, new, self._points[i].date)
        metrics = QFontMetricsF(geo.font, painter.device())
        width = metrics.horizontalAdvance(label) + 4
        left = min(max(x - width / 2, geo.rect.left() + 2), geo.rect.right() - width - 2)
        painter.setPen(text)
        painter.drawText(QRectF(left, label_top, width, geo.line_height * 1.1), Qt.AlignmentFlag.AlignCenter, label)

    def _scale_change_text(self, old: str, new: str, date: str) -> str:
        return (
            self.tr("%1: scale changed from %2 to %3 levels")
            .replace("%1", format_date(date, self._language))
            .replace("%2", str(SCALES[old].max))
            .replace("%3", str(SCALES[new].max))
        )

    def _event_triangle(self, geo: _Geometry, index: int) -> QPolygonF:
        p = self._points[index]
        x = geo.x_for_day(parse_date(p.date).toJulianDay())
        y = geo.y_for_position(axis_position(p))
        half = geo.line_height * 0.55
        return QPolygonF([QPointF(x, y - half), QPointF(x + half, y + half * 0.8), QPointF(x - half, y + half * 0.8)])

    def _event_label_rects(self, geo: _Geometry, device) -> dict[int, tuple[QRectF, str]]:
        """Where each regional event's label goes: right of its triangle, else left; stacked if they meet."""
        metrics = QFontMetricsF(geo.font, device)
        placed: dict[int, tuple[QRectF, str]] = {}
        for i, p in enumerate(self._points):
            if p.national:
                continue
            label = self.tr("%1, %2").replace("%1", p.region).replace("%2", format_date(p.date, self._language))
            tri = self._event_triangle(geo, i).boundingRect()
            width = metrics.horizontalAdvance(label) + 4
            rect = QRectF(tri.right() + geo.line_height * 0.3, tri.center().y() - geo.line_height / 2, width, geo.line_height)
            if rect.right() > geo.plot.right():
                rect.moveRight(tri.left() - geo.line_height * 0.3)
            while any(rect.intersects(other) for other, _ in placed.values()):
                rect.translate(0, geo.line_height)
            placed[i] = (rect, label)
        return placed

    def _paint_events(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        painter.setFont(geo.font)
        for i, (rect, label) in self._event_label_rects(geo, painter.device()).items():
            p = self._points[i]
            painter.setPen(QPen(text, 2 if i == self._hovered else 1.5))
            painter.setBrush(level_colour(p.value, p.scale))
            painter.drawPolygon(self._event_triangle(geo, i))
            painter.setPen(text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_legend(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        painter.setFont(geo.small_font)
        metrics = QFontMetricsF(geo.small_font, painter.device())
        y = geo.rect.bottom() - geo.small_height * 1.3
        x = geo.plot.left()
        sample = geo.line_height * 1.6
        gap = geo.line_height * 1.2
        items = [("line", self.tr("National level (number/scale and word in each step)"))]
        if any(not p.national for p in self._points):
            items.append(("triangle", self.tr("Regional event")))
        if self._scale_change() is not None:
            items.append(("dash", self.tr("Change of scale")))
        mid = y + geo.small_height / 2
        for kind, label in items:
            if kind == "line":
                painter.setPen(QPen(text, max(2.5, geo.line_height * 0.16)))
                painter.drawLine(QPointF(x, mid), QPointF(x + sample, mid))
            elif kind == "triangle":
                half = geo.small_height * 0.45
                painter.setPen(QPen(text, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                cx = x + sample / 2
                painter.drawPolygon(QPolygonF([QPointF(cx, mid - half), QPointF(cx + half, mid + half * 0.8), QPointF(cx - half, mid + half * 0.8)]))
            else:
                painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x + sample / 2, mid - geo.small_height * 0.5), QPointF(x + sample / 2, mid + geo.small_height * 0.5))
            x += sample + geo.line_height * 0.3
            width = metrics.horizontalAdvance(label) + 4
            painter.setPen(text)
            painter.drawText(QRectF(x, y, width, geo.small_height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += width + gap

    def _paint_focus(self, painter: QPainter, geo: _Geometry, palette: QPalette) -> None:
        if not self.hasFocus():
            return
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # The whole chart has focus: a frame; the focused step or event: a thick outline.
        painter.setPen(QPen(highlight, 2))
        painter.drawRect(geo.rect.adjusted(1, 1, -1, -1))
        if self._current < 0:
            return
        rect = self._point_rect(geo, self._current).adjusted(-3, -3, 3, 3)
        pen = QPen(highlight, 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 4, 4)

    # --- geometry internals -------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont, QFont, QFont]:
        font = QFont(self.font())
        title = QFont(font)
        title.setPointSizeF(font.pointSizeF() * TITLE_FONT_FACTOR)
        title.setBold(True)
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * SMALL_FONT_FACTOR)
        return title, font, bold, small

    def _geometry(self, rect: QRectF | None = None, device=None) -> _Geometry:
        rect = QRectF(self.rect()) if rect is None else QRectF(rect)
        device = device or self
        title_font, font, bold, small = self._fonts()
        metrics = QFontMetricsF(font, device)
        small_metrics = QFontMetricsF(small, device)
        line = metrics.height()
        small_line = small_metrics.height()
        axis = SCALES[AXIS_SCALE]
        label_width = max(metrics.horizontalAdvance(level_label(l, self._language)) for l in axis.labels)
        left = rect.left() + line * 0.6 + label_width + line * 0.4 + line * 0.7 + line * 0.5
        right = rect.right() - line * 1.2
        top = self._header(rect, device).bottom + line * 1.6
        bottom = rect.bottom() - small_line * 1.8 - line * 1.6
        plot = QRectF(QPointF(left, top), QPointF(max(right, left + 1), max(bottom, top + 1)))
        day = self._today()
        today = QDate(day.year, day.month, day.day)
        if self._points:
            first = parse_date(self._points[0].date)
            first_day = QDate(first.year(), 1, 1).toJulianDay()
        else:
            first_day = QDate(today.year() - 1, 1, 1).toJulianDay()
        last_day = max(today.toJulianDay(), first_day + 1)
        years = max(1.0, (last_day - first_day) / 365.25)
        per_year = plot.width() / years
        year_width = metrics.horizontalAdvance("8888") * 1.6
        year_step = next((s for s in (1, 2, 5, 10) if per_year * s >= year_width), 10)
        return _Geometry(rect, plot, first_day, last_day, line, small_line, title_font, font, bold, small, year_step)

    def _point_rect(self, geo: _Geometry, index: int) -> QRectF:
        if not 0 <= index < len(self._points):
            return QRectF()
        p = self._points[index]
        if not p.national:
            return self._event_triangle(geo, index).boundingRect().adjusted(-3, -3, 3, 3)
        for i, x0, x1 in self._segments(geo):
            if i == index:
                y = geo.y_for_position(axis_position(p))
                # The step line and everything under it, plus a little above the line.
                grace = geo.line_height * 0.4
                return QRectF(x0, y - grace, max(x1 - x0, 2.0), geo.plot.bottom() - y + grace)
        return QRectF()

    # --- texts ---------------------------------------------------------------------------------------

    def _scale_name(self, scale: str) -> str:
        if SCALES[scale].max == 4:
            return self.tr("four-level scale (2005 to July 2016)")
        return self.tr("five-level scale (since July 2016)")

    def _describe_lines(self, index: int) -> list[str]:
        if not 0 <= index < len(self._points):
            return []
        p = self._points[index]
        badge = level_badge_text(p.value, p.label, p.scale, self._language)
        lines = []
        if p.national:
            lines.append(self.tr("National level %1").replace("%1", badge))
            nationals = [q for q in self._points if q.national]
            n = nationals.index(p)
            start = format_date(p.date, self._language)
            if n + 1 < len(nationals):
                end = format_date(nationals[n + 1].date, self._language)
                lines.append(self.tr("From %1 until %2").replace("%1", start).replace("%2", end))
            else:
                lines.append(self.tr("Since %1 (current level)").replace("%1", start))
        else:
            lines.append(self.tr("Regional event: %1 in %2").replace("%1", badge).replace("%2", p.region))
            start = format_date(p.date, self._language)
            if p.end and p.end != p.date:
                lines.append(self.tr("From %1 until %2").replace("%1", start).replace("%2", format_date(p.end, self._language)))
            else:
                lines.append(self.tr("On %1").replace("%1", start))
            if p.note:
                lines.append(p.note)
        lines.append(self.tr("Level %1 of %2 on the %3").replace("%1", str(p.value)).replace("%2", str(SCALES[p.scale].max)).replace("%3", self._scale_name(p.scale)))
        lines.append(self.tr("Edition: %1").replace("%1", self._editions.get(p.edition_pk, p.edition)))
        if p.demo:
            lines.append(self.tr("%1: demonstration content, not an NCTV publication").replace("%1", demo_marking()))
        return lines

    def _show_current_tooltip(self) -> None:
        if self._current < 0:
            return
        rect = self.point_rect(self._current)
        QToolTip.showText(self.mapToGlobal(rect.center().toPoint()), self.tooltip_html(self._current), self, rect.toAlignedRect())

    def _update_description(self) -> None:
        if self._current >= 0:
            description = self.describe(self._current)
        elif self._points:
            description = self.tr("Level changes and regional events: %1. Use Left and Right to move between them and Enter to open the edition.").replace("%1", str(len(self._points)))
        else:
            description = self.tr("No level history loaded.")
        self.setAccessibleDescription(description)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
