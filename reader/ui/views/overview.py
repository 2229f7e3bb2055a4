"""Overview: the current national level, the latest edition and what changed since the one before."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.changes import Changes
from reader.core.vocabulary import SCALES
from reader.ui import format as fmt
from reader.ui.context import AppContext
from reader.ui.errors import error_text
from reader.ui.views.base import View, scaled_font

log = logging.getLogger(__name__)

# Relative font sizes (times the system font), never absolute sizes.
BADGE_FONT_FACTOR = 2.0
HEADING_FONT_FACTOR = 1.35
TITLE_FONT_FACTOR = 1.2
# Widest the overview's column grows, in average characters (readable line length).
COLUMN_WIDTH_CHARS = 150

# A new national level after a sync: white on dark red (contrast 8.6:1), the same in light and dark mode.
LEVEL_BANNER_STYLE = "background-color: #9b1c1c; color: #ffffff; border-radius: 4px; padding: 10px; font-weight: bold;"
# Both colours fixed, so the marking reads the same in light and dark mode.
DEMO_STYLE = f"background-color: {fmt.DEMO_TAG_BACKGROUND}; color: {fmt.DEMO_TAG_TEXT}; border-radius: 3px; padding: 1px 6px; font-weight: bold;"


@dataclass
class OverviewData:
    """What the overview shows, gathered in one task off the GUI thread."""

    latest: Any  # Edition
    events: list = field(default_factory=list)  # LevelPoint of the latest edition
    changes: dict = field(default_factory=dict)  # Library.changes_since_previous
    sync: Any = None  # reader.core.syncstate.SyncStatus when a feed is configured or was synced


def _sync_status(lib):
    from reader.core.errors import DTNError
    from reader.core.syncstate import SyncState

    try:
        state = SyncState(lib.folder)
    except DTNError:
        return None  # the Sync page says what is wrong with it
    status = state.status()
    return status if state.settings.configured or status.last_success else None


def _load_overview(lib, handle) -> OverviewData | None:
    latest = lib.latest_edition()  # never a demo edition while the library holds a real one
    if latest is None:
        return None
    handle.check_cancelled()
    return OverviewData(latest, lib.level_events(latest.pk), lib.changes_since_previous(latest), _sync_status(lib))


def _load_demo(lib, handle) -> list:
    from reader.core.demo import load_demo

    return load_demo(lib, handle.progress, handle.cancel_event)


def _label(text: str = "", *, wrap: bool = True, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Section(QFrame):
    """A titled block on the overview."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(8)
        self.heading = _label(heading)
        self.heading.setFont(scaled_font(self.font(), HEADING_FONT_FACTOR, bold=True))
        self.heading.setAccessibleName(heading)
        self.body.addWidget(self.heading)

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setAccessibleName(text)


class LevelScale(QWidget):
    """The whole scale as a row of boxes (number and word in each), the current level marked
    by colour, a frame and bold text, so that the position reads without colour too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self._scale = ""
        self._words: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_level(self, value: int, scale: str, language: str) -> None:
        self._value, self._scale = value, scale
        self._words = [fmt.level_label(label, language) for label in SCALES[scale].labels] if scale in SCALES else []
        self.updateGeometry()
        self.update()

    def _box_size(self) -> QSize:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in self._words), default=0)
        return QSize(widest + 2 * metrics.averageCharWidth() + 8, metrics.height() * 2 + 14)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        box = self._box_size()
        gap = self.fontMetrics().averageCharWidth() // 2
        return QSize(len(self._words) * (box.width() + gap), box.height() + 6)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._words:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self._box_size()
        gap = self.fontMetrics().averageCharWidth() // 2
        palette = self.palette()
        for index, word in enumerate(self._words):
            value = index + 1
            rect = QRectF(index * (box.width() + gap) + 3, 3, box.width(), box.height())
            colour = fmt.level_colour(value, self._scale)
            current = value == self._value
            if current:
                fill, ink = colour, fmt.level_text_colour(value, self._scale)
                painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 3))
            else:
                # A pale tint of the level colour on the base colour (light or dark mode).
                fill = fmt.level_tint(value, self._scale, palette)
                ink = palette.color(QPalette.ColorRole.Text)
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 5, 5)
            font = QFont(self.font())
            font.setBold(current)
            painter.setFont(font)
            painter.setPen(ink)
            top = rect.adjusted(0, 5, 0, -rect.height() / 2)
            bottom = rect.adjusted(0, rect.height() / 2 - 2, 0, -5)
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, str(value))
            painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, word)
        painter.end()


class OverviewView(View):
    """The first thing an official sees: the level now, the latest edition, what changed.

    Signals:
        loaded: the library's data is shown (after activate() or a library change).
        level_shown: the level badge has been painted with a level it did not show before
            (the current level read before the library opened, or a new one after a change).
    """

    level_shown = Signal()

    depends_on = Changes(editions=True)

    # The window's first page stays current behind the others (an import updates it at once).
    reload_when_hidden = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data: OverviewData | None = None
        self._demo_running = False
        self._level_key: tuple | None = None  # the level the badge shows
        self._level_unpainted = False  # ... and it has not been painted yet

        self.notice = QFrame()
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        notice_row = QHBoxLayout(self.notice)
        self.notice_text = _label()
        self.notice_text.setAccessibleName(self.tr("Notice"))
        self.notice_close = QToolButton()
        self.notice_close.setText(self.tr("Close"))
        self.notice_close.setAccessibleName(self.tr("Close the notice"))
        self.notice_close.clicked.connect(self.notice.hide)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()

        self.level_banner = QFrame()
        self.level_banner.setStyleSheet(LEVEL_BANNER_STYLE)
        banner_row = QHBoxLayout(self.level_banner)
        self.level_banner_text = _label()
        self.level_banner_text.setFont(scaled_font(self.font(), TITLE_FONT_FACTOR, bold=True))
        self.level_banner_text.setAccessibleName(self.tr("New national threat level"))
        banner_close = QToolButton()
        banner_close.setText(self.tr("Close"))
        banner_close.setAccessibleName(self.tr("Close the notice"))
        banner_close.clicked.connect(self.level_banner.hide)
        banner_row.addWidget(self.level_banner_text, 1)
        banner_row.addWidget(banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self.level_banner.hide()
        ctx.level_change_announced.connect(self.show_level_change)
        self.sync_label = _label()
        self.sync_label.setAccessibleName(self.tr("Last brought up to date"))
        self.sync_label.hide()

        self.state_label = _label(self.tr("Opening the library…"))
        self.state_label.setFont(scaled_font(self.font(), HEADING_FONT_FACTOR))

        self.content = QWidget()
        self._build_level()
        self._build_edition()
        self._build_changes()
        self._build_empty()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(16)
        content_layout.addWidget(self.level_section)
        content_layout.addWidget(self.edition_section)
        content_layout.addWidget(self.changes_section)
        content_layout.addWidget(self.empty_section)
        content_layout.addStretch(1)
        for section in (self.level_section, self.edition_section, self.changes_section, self.empty_section):
            section.hide()

        inner = QWidget()
        inner.setMaximumWidth(self.fontMetrics().averageCharWidth() * COLUMN_WIDTH_CHARS)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(24, 20, 24, 20)
        inner_layout.setSpacing(16)
        self.page_title = _label(self.tr("Overview"))
        self.page_title.setFont(scaled_font(self.font(), HEADING_FONT_FACTOR * 1.2, bold=True))
        inner_layout.addWidget(self.page_title)
        inner_layout.addWidget(self.level_banner)
        inner_layout.addWidget(self.notice)
        inner_layout.addWidget(self.sync_label)
        inner_layout.addWidget(self.state_label)
        inner_layout.addWidget(self.content, 1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(inner)
        self.scroll.setAccessibleName(self.tr("Overview"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    # --- building ------------------------------------------------------------------------

    def _build_level(self) -> None:
        self.level_section = _Section(self.tr("Current national threat level"))
        self.badge = _label(wrap=False)
        self.badge.setFont(scaled_font(self.font(), BADGE_FONT_FACTOR, bold=True))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.badge.installEventFilter(self)
        self.meaning = _label()
        self.meaning.setFont(scaled_font(self.font(), TITLE_FONT_FACTOR))
        self.since = _label()
        # DEMO at the level's own size, never a small tag next to it: demo content proves nothing.
        self.level_demo = self._demo_label()
        self.level_demo.setFont(self.badge.font())
        self.level_demo.setStyleSheet(DEMO_STYLE.replace("border-radius: 3px; padding: 1px 6px;", "border-radius: 8px; padding: 10px 22px;"))
        self.level_demo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addWidget(self.level_demo)
        badge_row.addStretch(1)
        self.level_section.body.addLayout(badge_row)
        self.level_section.body.addWidget(self.meaning)
        self.level_section.body.addWidget(self.since)
        self.scale = LevelScale()
        self.level_section.body.addWidget(self.scale)
        self.events_heading = _label(self.tr("Regional events"))
        self.events_heading.setFont(scaled_font(self.font(), 1.0, bold=True))
        self.events_label = _label(selectable=True)
        self.events_label.setAccessibleName(self.tr("Regional events"))
        self.level_section.body.addWidget(self.events_heading)
        self.level_section.body.addWidget(self.events_label)

    def _build_edition(self) -> None:
        self.edition_section = _Section(self.tr("Latest edition"))
        self.edition_title = _label(selectable=True)
        self.edition_title.setAccessibleName(self.tr("Title of the latest edition"))
        self.edition_title.setFont(scaled_font(self.font(), TITLE_FONT_FACTOR, bold=True))
        self.edition_demo = self._demo_label()
        title_row = QHBoxLayout()
        title_row.addWidget(self.edition_title, 1)
        title_row.addWidget(self.edition_demo, 0, Qt.AlignmentFlag.AlignTop)
        self.edition_meta = _label()
        self.summary = _label(selectable=True)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.open_button = QPushButton(self.tr("Open the latest edition"))
        self.open_button.setAccessibleName(self.tr("Open the latest edition"))
        self.open_button.clicked.connect(self._on_open_clicked)
        button_row = QHBoxLayout()
        button_row.addWidget(self.open_button)
        button_row.addStretch(1)
        self.edition_section.body.addLayout(title_row)
        self.edition_section.body.addWidget(self.edition_meta)
        self.edition_section.body.addWidget(self.summary)
        self.edition_section.body.addLayout(button_row)

    def _build_changes(self) -> None:
        self.changes_section = _Section(self.tr("What changed"))
        self.changes_label = _label(selectable=True)
        self.changes_label.setAccessibleName(self.tr("What changed"))
        self.changes_section.body.addWidget(self.changes_label)

    def _build_empty(self) -> None:
        self.empty_section = _Section(self.tr("The library is empty"))
        text = _label(
            self.tr(
                "There are no editions to read yet. Import a signed edition (a .dtnb file or a folder, "
                "for example from a USB stick) under Import and trust, or load the demo library to try "
                "the reader with demonstration content."
            )
        )
        self.import_button = QPushButton(self.tr("Go to Import and trust"))
        self.import_button.setAccessibleName(self.tr("Go to Import and trust"))
        self.import_button.clicked.connect(lambda: self.ctx.show_view_requested.emit("import"))
        self.demo_button = QPushButton(self.tr("Load the demo library"))
        self.demo_button.setAccessibleName(self.tr("Load the demo library"))
        self.demo_button.clicked.connect(self._on_demo_clicked)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        self.empty_section.body.addWidget(text)
        self.empty_section.body.addLayout(row)

    def _demo_label(self) -> QLabel:
        label = _label(fmt.demo_marking(), wrap=False)
        label.setStyleSheet(DEMO_STYLE)
        label.setToolTip(self.tr("Demonstration content, not a publication of the NCTV"))
        label.setAccessibleName(self.tr("Demonstration content, not a publication of the NCTV"))
        label.hide()
        return label

    # --- view contract -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Overview")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.badge and self._level_unpainted and event.type() == QEvent.Type.Paint:
            self._level_unpainted = False
            self.level_shown.emit()
        return False

    def level_pending(self) -> bool:
        """A level was set on the badge and has not been painted yet."""
        return self._level_unpainted

    def show_current_level(self, edition) -> None:
        """The current level, read before the library is open (``current.peek_current_edition``):
        the level section alone, until the overview's data is loaded."""
        if self._data is not None or edition is None:
            return  # the loaded data is newer
        self._show_level(edition, None)

    def forget_current_level(self) -> None:
        """The library could not be opened: no level from before it on screen."""
        if self._data is None:
            self.level_section.hide()
            self._level_key = None
            self._level_unpainted = False

    def show_progress(self, text: str) -> None:
        """A line in place of the content until the data is shown (e.g. while the library opens)."""
        self.state_label.setText(text)
        self.state_label.show()

    def show_notice(self, text: str) -> None:
        """A message above the overview (e.g. that the demo library was loaded), until closed."""
        self.notice_text.setText(text)
        self.notice.setVisible(bool(text))

    def show_level_change(self, text: str) -> None:
        """The banner a sync shows when it brought a new national level, until closed."""
        self.level_banner_text.setText(text)
        self.level_banner.show()

    def _show_sync(self, status) -> None:
        if status is None:
            self.sync_label.hide()
            return
        lang = self.ctx.language
        if status.stale_since:
            text = self.tr("Out of date since %1: the feed has expired and no newer one was accepted.").replace(
                "%1", fmt.format_timestamp(status.stale_since, lang))
        elif status.last_success:
            text = self.tr("Last brought up to date: %1").replace("%1", fmt.format_timestamp(status.last_success, lang))
        else:
            text = self.tr("Not brought up to date from the feed yet.")
        self.sync_label.setText(text)
        self.sync_label.show()

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self.run_task(_load_overview, self._on_loaded, self._on_load_failed, channel="load")

    def _on_load_failed(self, exc: BaseException) -> None:
        self.state_label.setText(self.tr("The library cannot be read: %1").replace("%1", error_text(exc)))
        self.state_label.show()

    def _on_loaded(self, data: OverviewData | None) -> None:
        self._data = data
        self.state_label.hide()
        if data is None:
            for section in (self.level_section, self.edition_section, self.changes_section):
                section.hide()
            self._level_key, self._level_unpainted = None, False
            self.empty_section.show()
            self.demo_button.setEnabled(not self._demo_running)
        else:
            self.empty_section.hide()
            self._show_sync(data.sync)
            self._show_level(data.latest, data.events)
            self._show_edition(data)
            self._show_changes(data)
        self.loaded.emit()

    def _show_level(self, e, events: list | None) -> None:
        """The level section for edition ``e``; its regional events (None: not loaded yet, hidden)."""
        lang = self.ctx.language
        scale_max = SCALES[e.level_scale].max if e.level_scale in SCALES else e.level_value
        word = fmt.level_label(e.level_label, lang)
        text = self.tr("%1 of %2 — %3").replace("%1", str(e.level_value)).replace("%2", str(scale_max)).replace("%3", word)
        colour = fmt.level_colour(e.level_value, e.level_scale)
        ink = fmt.level_text_colour(e.level_value, e.level_scale)
        self.badge.setText(text)
        self.badge.setStyleSheet(
            f"background-color: {colour.name()}; color: {ink.name()}; border-radius: 8px; padding: 10px 22px;"
        )
        self.badge.setAccessibleName(self.tr("Threat level %1").replace("%1", text))
        self.meaning.setText(fmt.level_meaning(e.level_label, lang))
        self.since.setText(self.tr("Since %1").replace("%1", fmt.format_date(e.level_since, lang)))
        self.level_demo.setVisible(e.demo)
        self.scale.set_level(e.level_value, e.level_scale, lang)
        self.scale.setAccessibleName(
            self.tr("Scale of %1 levels, from %2 to %3; now level %4")
            .replace("%1", str(scale_max))
            .replace("%2", fmt.level_label(SCALES[e.level_scale].labels[0], lang) if e.level_scale in SCALES else "")
            .replace("%3", fmt.level_label(SCALES[e.level_scale].labels[-1], lang) if e.level_scale in SCALES else "")
            .replace("%4", text)
        )
        lines = [self._event_line(p) for p in events or () if not p.national]
        self.events_heading.setVisible(bool(lines))
        self.events_label.setVisible(bool(lines))
        self.events_label.setText("\n\n".join(lines))
        self.level_section.show()
        key = (e.level_value, e.level_label, e.level_scale, e.level_since, e.demo, lang)
        if key != self._level_key:
            self._level_key = key
            self._level_unpainted = True

    def _event_line(self, point) -> str:
        lang = self.ctx.language
        word = fmt.level_label(point.label, lang)
        if point.end:
            line = self.tr("%1: level %2 %3 in %4, until %5")
        else:
            line = self.tr("%1: level %2 %3 in %4")
        line = (
            line.replace("%1", fmt.format_date(point.date, lang))
            .replace("%2", str(point.value))
            .replace("%3", word)
            .replace("%4", point.region)
            .replace("%5", fmt.format_date(point.end or "", lang))
        )
        return f"{line}\n{point.note}" if point.note else line

    def _show_edition(self, data: OverviewData) -> None:
        e, lang = data.latest, self.ctx.language
        self.edition_title.setText(e.title)
        self.edition_demo.setVisible(e.demo)
        date = fmt.format_date(e.date, lang)
        if date.lower() in e.name.lower():  # "DTN juni 2025" already says when
            meta = self.tr("%1 · revision %2 · signed by %3").replace("%1", e.name)
            meta = meta.replace("%2", str(e.revision)).replace("%3", e.signer_name)
        else:
            meta = self.tr("%1 · %2 · revision %3 · signed by %4").replace("%1", e.name).replace("%2", date)
            meta = meta.replace("%3", str(e.revision)).replace("%4", e.signer_name)
        chapters = self.tr("%n chapter(s)", "", e.chapter_count)
        self.edition_meta.setText(f"{meta} · {chapters}")
        self.summary.setText(e.summary.strip())
        self.open_button.setAccessibleName(self.tr("Open the latest edition: %1").replace("%1", e.name))
        self.edition_section.show()

    def _show_changes(self, data: OverviewData) -> None:
        changes, lang, e = data.changes, self.ctx.language, data.latest
        prev = changes.get("previous")
        if prev is None:
            self.changes_section.set_heading(self.tr("What changed"))
            self.changes_label.setText(self.tr("This is the only edition in the library, so there is nothing to compare it with."))
            self.changes_section.show()
            return
        self.changes_section.set_heading(
            self.tr("What changed since %1").replace(
                "%1", f"{edition_label(prev, lang)} [{fmt.demo_marking()}]" if prev.demo else edition_label(prev, lang)
            )
        )
        now_badge = fmt.level_badge_text(e.level_value, e.level_label, e.level_scale, lang)
        lines = []
        if changes.get("level_changed"):
            before = fmt.level_badge_text(prev.level_value, prev.level_label, prev.level_scale, lang)
            lines.append(self.tr("The threat level changed from %1 to %2.").replace("%1", before).replace("%2", now_badge))
        else:
            lines.append(self.tr("The threat level is unchanged: %1.").replace("%1", now_badge))
        added, removed = changes.get("added", []), changes.get("removed", [])
        if added:
            lines.append("")
            lines.append(self.tr("New chapters:"))
            lines.extend(f"  •  {title}" for title in added)
        if removed:
            lines.append("")
            lines.append(self.tr("Chapters no longer included:"))
            lines.extend(f"  •  {title}" for title in removed)
        if not added and not removed:
            lines.append(self.tr("The chapters are the same as in the previous edition."))
        self.changes_label.setText("\n".join(lines))
        self.changes_section.show()

    # --- actions -------------------------------------------------------------------------

    def _on_open_clicked(self) -> None:
        if self._data is not None:
            self.ctx.open_edition_requested.emit(self._data.latest.pk)

    def _on_demo_clicked(self) -> None:
        self._demo_running = True
        self.demo_button.setEnabled(False)
        self.ctx.status_message.emit(self.tr("Loading the demo library…"))
        self.run_task(
            _load_demo,
            self._on_demo_loaded,
            self._on_demo_failed,
            lambda done, total: self.ctx.status_message.emit(
                self.tr("Loading the demo library: %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            ),
            write=True,
        )

    def _on_demo_loaded(self, results: list) -> None:
        self._demo_running = False
        self.demo_button.setEnabled(True)
        rejected = [r for r in results if not r.ok]
        if rejected:
            log.warning("demo bundles rejected: %s", "; ".join(r.line() for r in rejected))
        self.ctx.status_message.emit(demo_loaded_text())
        self.show_notice(demo_loaded_text())

    def _on_demo_failed(self, exc: BaseException) -> None:
        self._demo_running = False
        self.demo_button.setEnabled(True)
        from reader.ui.errors import show_error

        show_error(self, exc)


def edition_label(edition, language: str) -> str:
    """'DTN juni 2025', or 'DTN 42 (juli 2016)' when the name does not say when."""
    date = fmt.format_date(edition.date, language)
    return edition.name if date.lower() in edition.name.lower() else f"{edition.name} ({date})"


def demo_loaded_text() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "OverviewView",
        "The demo library has been loaded: demonstration editions marked DEMO, not publications of the NCTV. "
        "You can remove it in the settings.",
    )
