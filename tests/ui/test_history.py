"""The level history view: the chart over the real demo library, clicks, keys, tooltips, export, table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QFileDialog, QToolTip, QWidget

from reader.core.library.changes import Changes
from reader.core.errors import ExportError
from reader.core.library import Library
from reader.ui.chart import LevelChart, axis_position
from reader.ui.views.history import HistoryView

# The offscreen platform says these whenever a top-level window (or a tooltip) is shown.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)"
)

# The national history of FACTS.md as the demo library holds it: (date, label, scale).
NATIONAL = [
    ("2005-05", "Substantieel", "dtn-4"),
    ("2007-04", "Beperkt", "dtn-4"),
    ("2008-03", "Substantieel", "dtn-4"),
    ("2009-11", "Beperkt", "dtn-4"),
    ("2013-03", "Substantieel", "dtn-4"),
    ("2016-07", "Substantieel", "dtn-5"),
    ("2019-12", "Aanzienlijk", "dtn-5"),
    ("2023-12", "Substantieel", "dtn-5"),
]
REGIONAL = [("2019-03-18", "Kritiek", "dtn-5", "Provincie Utrecht")]


@pytest.fixture
def view(qtbot, ctx) -> HistoryView:
    widget = HistoryView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.activate()
    return widget


@pytest.fixture
def edition_pks(library_dir) -> dict[str, int]:
    with Library.open(library_dir) as lib:
        return {e.bundle_id: e.pk for e in lib.editions()}


def _index(chart: LevelChart, date: str, national: bool = True) -> int:
    return next(i for i, p in enumerate(chart.points()) if p.date == date and p.national == national)


def test_chart_holds_the_facts_history(view, library_dir):
    points = view.chart.points()
    assert [(p.date, p.label, p.scale) for p in points if p.national] == NATIONAL
    assert [(p.date, p.label, p.scale, p.region) for p in points if not p.national] == REGIONAL
    with Library.open(library_dir) as lib:
        assert len(points) == len(lib.levels())
    # Both scales share one axis by label: an old 3/4 Substantieel sits on the row of 4/5 Substantieel.
    assert axis_position(points[_index(view.chart, "2005-05")]) == axis_position(points[_index(view.chart, "2016-07")]) == 4
    assert axis_position(points[_index(view.chart, "2007-04")]) == 2
    assert all(p.demo for p in points)


def test_regional_event_is_not_a_national_step(view):
    chart = view.chart
    event = _index(chart, "2019-03-18", national=False)
    event_rect = chart.point_rect(event)
    # The national step around it (2016-07) is on Substantieel; the event marker sits higher, on Kritiek.
    step_rect = chart.point_rect(_index(chart, "2016-07"))
    assert event_rect.bottom() < step_rect.top()
    assert chart.index_at(event_rect.center()) == event


def test_click_on_the_2019_12_step_opens_its_edition(view, ctx, qtbot, edition_pks):
    chart = view.chart
    index = _index(chart, "2019-12")
    rect = chart.point_rect(index)
    assert rect.left() == pytest.approx(chart.x_for_date("2019-12"))
    assert rect.right() == pytest.approx(chart.x_for_date("2023-12"))
    with qtbot.waitSignal(ctx.open_edition_requested, timeout=5_000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [edition_pks["dtn-2019-12"]]


def test_click_on_the_regional_event_opens_its_edition(view, ctx, qtbot, edition_pks):
    chart = view.chart
    rect = chart.point_rect(_index(chart, "2019-03-18", national=False))
    with qtbot.waitSignal(ctx.open_edition_requested, timeout=5_000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [edition_pks["dtn-2019-06"]]


def test_click_outside_any_step_opens_nothing(view, ctx, qtbot):
    chart = view.chart
    # Above the 2019-12 step (Aanzienlijk), below the Kritiek row: empty chart.
    rect = chart.point_rect(_index(chart, "2019-12"))
    with qtbot.assertNotEmitted(ctx.open_edition_requested, wait=100):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(round(rect.center().x()), round(rect.top() - rect.height() * 0.4)))


def test_tooltip_names_level_scale_edition_and_demo(view, qtbot):
    chart = view.chart
    text = chart.tooltip_text(_index(chart, "2019-12"))
    assert "3/5 Aanzienlijk" in text
    assert "DTN 51 (december 2019)" in text
    assert "december 2019" in text and "december 2023" in text
    assert "five-level" in text
    assert "DEMO" in text
    old = chart.tooltip_text(_index(chart, "2005-05"))
    assert "3/4 Substantieel" in old and "four-level" in old and "DTN 1 (mei 2005)" in old
    event = chart.tooltip_text(_index(chart, "2019-03-18", national=False))
    assert "Provincie Utrecht" in event and "5/5 Kritiek" in event and "DTN juni 2019" in event
    # The real tooltip event shows it.
    rect = chart.point_rect(_index(chart, "2019-12"))
    pos = rect.center().toPoint()
    QToolTip.hideText()
    chart.event(QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5_000)
    assert "Aanzienlijk" in QToolTip.text() and "DTN 51 (december 2019)" in QToolTip.text()
    QToolTip.hideText()


def test_keyboard_moves_between_steps_and_enter_opens(view, ctx, qtbot, edition_pks):
    chart = view.chart
    assert chart.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert chart.accessibleName()
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.current_index() == _index(chart, "2023-12")
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.current_index() == _index(chart, "2019-12")
    assert "Aanzienlijk" in chart.accessibleDescription()
    assert view.table.currentIndex().row() == chart.current_index()
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert "Provincie Utrecht" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    with qtbot.waitSignal(ctx.open_edition_requested, timeout=5_000) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert blocker.args == [edition_pks["dtn-2019-12"]]
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    with qtbot.waitSignal(ctx.open_edition_requested, timeout=5_000) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Enter)
    assert blocker.args == [edition_pks["dtn-2005-05"]]


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(el.itertext()).strip() for el in root.iter() if el.tag.endswith("}text") or el.tag == "text"]


def test_export_png_and_svg(view, tmp_path):
    png = tmp_path / "chart.png"
    view.chart.export_png(png, QSize(1200, 675))
    image = QImage(str(png))
    assert not image.isNull()
    assert image.size() == QSize(1200, 675)
    svg = tmp_path / "chart.svg"
    view.chart.export_svg(svg, QSize(1200, 675))
    texts = _svg_texts(svg)
    for label in ("Minimaal", "Beperkt", "Aanzienlijk", "Substantieel", "Kritiek"):
        assert label in texts
    assert any("scale changed from 4 to 5 levels" in t for t in texts)
    assert any("Provincie Utrecht" in t for t in texts)
    assert any("DEMO" in t for t in texts)


def test_export_buttons_write_the_file(view, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "history"  # no suffix: the view adds it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    with qtbot.waitSignal(view.exported, timeout=5_000) as blocker:
        qtbot.mouseClick(view.export_png_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(target) + ".png"]
    assert not QImage(str(target) + ".png").isNull()
    with qtbot.waitSignal(view.exported, timeout=5_000):
        qtbot.mouseClick(view.export_svg_button, Qt.MouseButton.LeftButton)
    assert "Kritiek" in _svg_texts(str(target) + ".svg")


def test_export_to_a_missing_folder_is_a_user_error(view, tmp_path):
    with pytest.raises(ExportError, match="could not write the image") as caught:
        view.chart.export_png(tmp_path / "no" / "such" / "folder.png", QSize(400, 300))
    assert caught.value.code == "export-image" and caught.value.params["path"].endswith("folder.png")


def test_table_lists_every_point_and_opens_the_edition(view, ctx, qtbot, edition_pks):
    chart, table, model = view.chart, view.table, view.table.model()
    assert model.rowCount() == len(chart.points()) == len(NATIONAL) + len(REGIONAL)
    row = _index(chart, "2019-12")
    cells = [model.index(row, column).data() for column in range(model.columnCount())]
    assert cells[:4] == ["december 2019", "3 of 5", "Aanzienlijk", "5 levels"]
    assert "DTN 51 (december 2019)" in cells[5] and "DEMO" in cells[5]
    event_row = _index(chart, "2019-03-18", national=False)
    assert "Provincie Utrecht" in model.index(event_row, 4).data()
    assert model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == chart.tooltip_html(row)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 5)] == ["Date", "Edition"]
    table.setCurrentIndex(model.index(row, 0))
    assert chart.current_index() == row
    with qtbot.waitSignal(ctx.open_edition_requested, timeout=5_000) as blocker:
        qtbot.keyClick(table.viewport(), Qt.Key.Key_Return)
    assert blocker.args == [edition_pks["dtn-2019-12"]]


def test_every_focusable_widget_has_an_accessible_name(view):
    for widget in [view, *view.findChildren(QWidget)]:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(view):
            assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()!r} has no accessible name"


def test_chart_follows_the_palette(view):
    dark = QPalette(view.chart.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    view.chart.setPalette(dark)
    image = view.chart.grab().toImage()
    assert image.pixelColor(3, image.height() // 2) == QColor("#101010")
    # The step line is drawn in the text colour: somewhere at the top of a step it is that light grey.
    rect = view.chart.point_rect(_index(view.chart, "2009-11"))
    x = round(rect.center().x())
    column = [image.pixelColor(x, y) for y in range(round(rect.top()), round(rect.top() + rect.height() / 2))]
    assert any(c == QColor("#f0f0f0") for c in column)
    # Another text colour moves the line with it (black in the column is the level's label,
    # which WCAG contrast puts in black on that green).
    dark.setColor(QPalette.ColorRole.Text, QColor("#ff00ff"))
    view.chart.setPalette(dark)
    image = view.chart.grab().toImage()
    column = [image.pixelColor(x, y) for y in range(round(rect.top()), round(rect.top() + rect.height() / 2))]
    assert any(c == QColor("#ff00ff") for c in column)
    assert not any(c == QColor("#f0f0f0") for c in column)


def test_reloads_when_the_library_changes(view, ctx, qtbot):
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        ctx.library_changed.emit(Changes.everything())
    assert view.table.model().rowCount() == len(view.chart.points())


def test_the_chart_runs_to_the_day_it_is_given(view, qtbot):
    """The right edge is the injected "today" (so screenshots are the same every day), and
    the picture follows it."""
    import datetime

    from PySide6.QtCore import QDate

    chart = view.chart
    chart.resize(900, 400)
    images = []
    for day in (datetime.date(2026, 1, 15), datetime.date(2026, 1, 15), datetime.date(2040, 6, 1)):
        chart._today = lambda day=day: day
        assert chart._geometry().last_day == QDate(day.year, day.month, day.day).toJulianDay()
        images.append(chart.grab().toImage())
    assert images[0] == images[1]
    assert images[0] != images[2]


def test_the_view_takes_today_from_its_context(qapp, library_dir):
    import datetime

    from reader.ui.context import AppContext
    from reader.ui.tasks import TaskRunner

    runner = TaskRunner(library_dir)
    try:
        ctx = AppContext(library_dir, runner, language="nl", today=lambda: datetime.date(2030, 3, 1))
        view = HistoryView(ctx)
        assert view.chart._today() == datetime.date(2030, 3, 1)
        view.deleteLater()
    finally:
        runner.shutdown()


def test_the_chart_places_levels_by_core_rule(monkeypatch):
    # The chart has no rule of its own for "the same level on both scales": it asks core.
    from reader.core.library import LevelPoint
    from reader.ui import chart

    calls = []
    monkeypatch.setattr(chart, "level_rank", lambda value, label, scale: calls.append((value, label, scale)) or 2.5)
    assert chart.axis_position(LevelPoint("2013-03", 3, "Substantieel", "dtn-4", "national", "a", 1)) == 2.5
    assert calls == [(3, "Substantieel", "dtn-4")]
