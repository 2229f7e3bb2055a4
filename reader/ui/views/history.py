"""Level history: the step chart, a short explanation, export, and the same history as a table."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import CancelledError, DTNError
from reader.core.library import LevelPoint, Library
from reader.core.library.changes import Changes
from reader.core.vocabulary import SCALES
from reader.ui.chart import LevelChart
from reader.ui.context import AppContext
from reader.ui.errors import error_text, show_error
from reader.ui.format import demo_marking, format_date, level_label
from reader.ui.tasks import TaskHandle
from reader.ui.views.base import View, scaled_font

log = logging.getLogger(__name__)

# Exported images: 16:9, sharp on a projector or a slide.
EXPORT_SIZE = QSize(1920, 1080)

# Table columns.
COL_DATE, COL_LEVEL, COL_LABEL, COL_SCALE, COL_REGION, COL_EDITION = range(6)


@dataclass
class _Loaded:
    points: list[LevelPoint]
    editions: dict[int, str]


class HistoryTableModel(QAbstractTableModel):
    """The table's rows: each point's cells as text, its edition (UserRole) and the chart's
    tooltip for it, made when asked for. A table of items would keep six items with a copy of
    the tooltip per point: about 4 MB and 0.5 s at 1,000 editions."""

    def __init__(self, headers: list[str], tooltip: Callable[[int], str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._tooltip = tooltip  # row -> rich text
        self._rows: list[tuple[list[str], int]] = []  # (cells, edition pk)

    def set_rows(self, rows: list[tuple[list[str], int]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cells, edition_pk = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return edition_pk
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class HistoryView(View):
    """The level history as a chart (click or Enter opens an edition) and as an accessible table.

    Signals:
        loaded: the chart and the table are filled.
        exported(path): the chart was written to an image file.
    """

    depends_on = Changes(editions=True)

    exported = Signal(str)  # the path of a written image

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._syncing = False

        self.heading = QLabel(self.tr("Level history"))
        self.heading.setFont(scaled_font(self.heading.font(), 1.4, bold=True))
        self.explanation = QLabel()
        self.explanation.setText(self._explanation_text())
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.export_png_button = QPushButton(self.tr("Export &PNG…"))
        self.export_png_button.setAccessibleName(self.tr("Export the chart as a PNG image"))
        self.export_svg_button = QPushButton(self.tr("Export &SVG…"))
        self.export_svg_button.setAccessibleName(self.tr("Export the chart as an SVG image"))
        buttons = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.export_png_button)
        buttons.addWidget(self.export_svg_button)

        self.chart = LevelChart(language=ctx.language, today=ctx.today)

        self.table_model = HistoryTableModel(
            [self.tr("Date"), self.tr("Level"), self.tr("Label"), self.tr("Scale"), self.tr("Region"), self.tr("Edition")],
            self.chart.tooltip_html, self,
        )
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Level history table"))
        self.table.setAccessibleDescription(self.tr("The same history as the chart, one row per level change or regional event; Enter opens the edition."))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().height() * 1.6))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        line = self.fontMetrics().height()
        self.splitter.setSizes([line * 30, line * 12])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self.chart.point_activated.connect(self._on_point_activated)
        self.chart.current_changed.connect(self._on_chart_current_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentChanged.connect(self._on_table_current_changed)
        self.export_png_button.clicked.connect(self._on_export_png_clicked)
        self.export_svg_button.clicked.connect(self._on_export_svg_clicked)
        self._set_export_enabled(False)

    # --- the view contract -----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Level history")

    def activate(self) -> None:
        self.chart.set_language(self.ctx.language)
        self.explanation.setText(self._explanation_text())
        super().activate()

    def _explanation_text(self) -> str:
        return self.tr(
            "The national threat level since the first edition. Until July 2016 the scale had four levels; "
            "since then it has five, with “%1” added as level 3. Each level is drawn on the row of its "
            "label, and each step shows its number on the scale of its time. Triangles mark regional events. "
            "Click a step, or use Left, Right and Enter in the chart, to open its edition."
        ).replace("%1", level_label("Aanzienlijk", self.ctx.language))

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        def work(lib: Library, handle: TaskHandle) -> _Loaded:
            editions = {e.pk: e.name for e in lib.editions()}
            handle.check_cancelled()
            return _Loaded(lib.levels(), editions)

        self.run_task(work, self._on_loaded, self._on_load_failed, channel="load")

    def _on_loaded(self, result: _Loaded) -> None:
        self.status_label.clear()
        self.chart.set_points(result.points, result.editions)
        self._fill_table(result.editions)
        self._set_export_enabled(bool(result.points))
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            return
        self.status_label.setText(self.tr("The level history could not be loaded: %1").replace("%1", error_text(exc)))

    def _fill_table(self, editions: dict[int, str]) -> None:
        language = self.ctx.language
        points = self.chart.points()
        rows: list[tuple[list[str], int]] = []
        self._syncing = True
        try:
            for p in points:
                scale = SCALES[p.scale]
                edition = editions.get(p.edition_pk, p.edition)
                if p.demo:
                    edition = f"{edition} [{demo_marking()}]"
                region = self.tr("National") if p.national else self.tr("%1 (regional event)").replace("%1", p.region)
                cells = [
                    format_date(p.date, language),
                    self.tr("%1 of %2").replace("%1", str(p.value)).replace("%2", str(scale.max)),
                    level_label(p.label, language),
                    self.tr("%1 levels").replace("%1", str(scale.max)),
                    region,
                    edition,
                ]
                rows.append((cells, p.edition_pk))
            self.table_model.set_rows(rows)
            self.table.resizeColumnsToContents()
        finally:
            self._syncing = False

    # --- opening editions ------------------------------------------------------------------

    def _on_point_activated(self, edition_pk: int) -> None:
        self.ctx.open_edition_requested.emit(edition_pk)

    def _on_table_activated(self, index) -> None:
        edition_pk = index.data(Qt.ItemDataRole.UserRole)
        if edition_pk is not None:
            self.ctx.open_edition_requested.emit(int(edition_pk))

    def _on_chart_current_changed(self, index: int) -> None:
        # Keep the table's current row on the chart's focus marker (and the other way round).
        if self._syncing or index < 0:
            return
        self._syncing = True
        try:
            self.table.setCurrentIndex(self.table_model.index(index, max(0, self.table.currentIndex().column())))
        finally:
            self._syncing = False

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if self._syncing or row < 0:
            return
        self._syncing = True
        try:
            self.chart.set_current_index(row)
        finally:
            self._syncing = False

    # --- export ----------------------------------------------------------------------------

    def _set_export_enabled(self, enabled: bool) -> None:
        self.export_png_button.setEnabled(enabled)
        self.export_svg_button.setEnabled(enabled)

    def _on_export_png_clicked(self) -> None:
        self._export("png", self.tr("PNG image (*.png)"))

    def _on_export_svg_clicked(self) -> None:
        self._export("svg", self.tr("SVG image (*.svg)"))

    def _export(self, kind: str, file_filter: str) -> None:
        default = str(Path.home() / self.tr("threat-level-history.%1").replace("%1", kind))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the level history chart"), default, file_filter)
        if not path:
            return
        if Path(path).suffix.lower() != f".{kind}":
            path += f".{kind}"
        self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the chart to ``path`` as PNG or SVG (by its suffix); errors are shown to the user.

        Small images, so they are written on the GUI thread."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".svg":
                self.chart.export_svg(path, EXPORT_SIZE)
            else:
                self.chart.export_png(path, EXPORT_SIZE)
        except DTNError as exc:
            show_error(self, exc, self.tr("Export failed"))
            return
        self.ctx.status_message.emit(self.tr("Chart saved as %1").replace("%1", str(path)))
        self.exported.emit(str(path))
