"""Presentation mode for trainers: full screen, large type, stepped through with the arrow keys.

The slides: the edition with its level and what the level means; the level history as a
chart; then the chapter's sections, one per slide (split at its second-level headings);
last, each partner's checklist of the edition, its actions with their priority.
Demo content says DEMO on every slide it is on. Right, Down, Page Down and Space go on;
Left, Up, Page Up and Backspace go back; Home and End jump; Escape or F5 end it.

The content is the chapter's sanitized HTML, shown by a :class:`ChapterBrowser`, so the
slides load nothing but the bundle's own verified images, as the reading view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget

from reader.ui.browser import ChapterBrowser
from reader.ui.chart import LevelChart
from reader.ui.format import demo_marking, format_date, level_badge_text, level_colour, level_meaning, level_text_colour
from reader.ui.printing import chapter_assets

if TYPE_CHECKING:
    from reader.core.library import Chapter, ChecklistView, Edition, Library, LevelPoint

# Type on the slides, relative to the application font.
FONT_FACTOR = 1.9
HEADING_FACTOR = 1.4  # the level and slide headings, relative to the slide font
# A chapter with more sections is shown in this many slides, the rest on the last one.
MAX_SECTION_SLIDES = 60
# A partner's actions, this many a slide: what a projector shows in large type without scrolling.
CHECKLIST_ITEMS_PER_SLIDE = 5

_SECTION_RE = re.compile(r"(?=<h2[\s>])", re.IGNORECASE)


@dataclass
class PresentationSource:
    """What a presentation shows, read from the library on a worker thread."""

    edition: Edition
    chapter: Chapter | None
    points: list[LevelPoint]
    edition_names: dict[int, str]
    assets: dict[str, bytes] = field(default_factory=dict)
    checklists: list[ChecklistView] = field(default_factory=list)


def load_presentation(lib: Library, edition_pk: int | None, chapter_pk: int | None) -> PresentationSource:
    """The chapter shown (or the edition's first, or the latest edition's first), the level history.

    Raises:
        NotFoundError: the library holds no edition (or not the one asked for).
    """
    from reader.core.errors import NotFoundError

    if chapter_pk is not None:
        chapter = lib.chapter(chapter_pk)
        edition = lib.edition(chapter.edition_pk)
    else:
        edition = lib.edition(edition_pk) if edition_pk is not None else lib.latest_edition()
        if edition is None:
            raise NotFoundError("the library holds no edition to present; import one first", code="nothing-to-present")
        infos = lib.chapters(edition.pk)
        chapter = lib.chapter(infos[0].pk) if infos else None
    source = PresentationSource(edition, chapter, lib.levels(), {e.pk: e.name for e in lib.editions()},
                                checklists=lib.checklists(edition.pk))
    if chapter is not None:
        chapter_assets(lib, edition.pk, chapter.html, source.assets, [])
    return source


def chapter_sections(html: str) -> list[str]:
    """A chapter's HTML cut before each second-level heading; empty parts dropped."""
    parts = [part for part in _SECTION_RE.split(html) if re.sub(r"<[^>]*>|\s", "", part)]
    if len(parts) > MAX_SECTION_SLIDES:
        parts = parts[: MAX_SECTION_SLIDES - 1] + ["".join(parts[MAX_SECTION_SLIDES - 1:])]
    return parts


class PresentationWindow(QWidget):
    """The slides in a window of their own; :meth:`start` shows it full screen.

    Signals:
        slide_changed(index, count): a slide is shown.
        finished: the presentation was ended (Escape, F5, closing the window).
    """

    slide_changed = Signal(int, int)
    finished = Signal()

    def __init__(self, source: PresentationSource, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.source = source
        self.language = language
        self.setWindowTitle(self.tr("Presentation — %1").replace("%1", source.edition.name))
        self.setAccessibleName(self.tr("Presentation"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * FONT_FACTOR)
        self.setFont(font)
        self.heading_font = QFont(font)
        self.heading_font.setPointSizeF(font.pointSizeF() * HEADING_FACTOR)
        self.heading_font.setBold(True)

        self.demo_label = QLabel(self.tr("%1 — demonstration content, not an NCTV publication").replace("%1", demo_marking()))
        self.demo_label.setObjectName("presentationDemo")
        self.demo_label.setWordWrap(True)
        # Both colours set, so it reads the same in light and dark; the font is the slides' own.
        self.demo_label.setStyleSheet("QLabel#presentationDemo { background: #fff3c4; color: #3d2c00; "
                                      "border: 2px solid #b08800; padding: 0.3em; }")
        demo_font = QFont(font)
        demo_font.setBold(True)
        self.demo_label.setFont(demo_font)
        self.stack = QStackedWidget()
        self.slide_label = QLabel()
        self.slide_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.slide_demo: list[bool] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.slide_label)
        self._build_slides()
        self.show_slide(0)

    # --- slides ----------------------------------------------------------------------------

    def _build_slides(self) -> None:
        source, edition = self.source, self.source.edition
        # 1. The edition and its level.
        title = QLabel(edition.title)
        title.setFont(self.heading_font)
        title.setWordWrap(True)
        badge = QLabel(self.tr("Threat level %1").replace(
            "%1", level_badge_text(edition.level_value, edition.level_label, edition.level_scale, self.language)))
        badge.setFont(self.heading_font)
        bg = level_colour(edition.level_value, edition.level_scale).name()
        fg = level_text_colour(edition.level_value, edition.level_scale).name()
        badge.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 6px; padding: 0.3em; }}")
        meaning = QLabel(level_meaning(edition.level_label, self.language))
        meaning.setWordWrap(True)
        when = QLabel(format_date(edition.date, self.language))
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addStretch(1)
        for widget in (title, when, badge, meaning):
            first_layout.addWidget(widget)
        first_layout.addStretch(2)
        self._add(first, edition.demo)
        # 2. The level history.
        if source.points:
            self.chart = LevelChart(language=self.language)
            self.chart.setFont(self.font())
            self.chart.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys step the slides
            self.chart.set_points(source.points, source.edition_names)
            self._add(self.chart, any(p.demo for p in source.points))
        # 3. The chapter, a section per slide.
        if source.chapter is not None:
            for html in chapter_sections(source.chapter.html):
                page = QWidget()
                page_layout = QVBoxLayout(page)
                chapter_label = QLabel(source.chapter.title)
                chapter_label.setWordWrap(True)
                browser = ChapterBrowser()
                browser.setFont(self.font())
                browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys step the slides
                browser.set_chapter(html, source.assets)
                page_layout.addWidget(chapter_label)
                page_layout.addWidget(browser, 1)
                self._add(page, edition.demo)
        # 4. Each partner's actions, a few a slide.
        for checklist in source.checklists:
            parts = [checklist.items[i : i + CHECKLIST_ITEMS_PER_SLIDE] for i in range(0, len(checklist.items), CHECKLIST_ITEMS_PER_SLIDE)]
            for number, items in enumerate(parts or [[]], 1):
                self._add(self._checklist_slide(checklist, items, number, len(parts)), edition.demo)

    def _checklist_slide(self, checklist: ChecklistView, items: list, number: int, parts: int) -> QWidget:
        """Some of a partner's actions as plain text (signed text is never read as markup),
        the high priority ones in bold."""
        from reader.ui.views.checklists import priority_text

        page = QWidget()
        page_layout = QVBoxLayout(page)
        heading_text = self.tr("Actions for %1").replace("%1", checklist.partner)
        if parts > 1:
            heading_text = self.tr("%1 (%2 of %3)").replace("%1", heading_text).replace("%2", str(number)).replace("%3", str(parts))
        heading = QLabel(heading_text)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setFont(self.heading_font)
        heading.setWordWrap(True)
        title = QLabel(checklist.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        actions = QListWidget()
        actions.setAccessibleName(self.tr("Actions for %1").replace("%1", checklist.partner))
        actions.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys step the slides
        actions.setWordWrap(True)
        actions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        actions.setSpacing(max(4, self.fontMetrics().height() // 4))
        for item in items:
            row = QListWidgetItem(f"• {item.text} ({priority_text(item.priority)})")
            if item.priority == "hoog":
                bold = QFont(self.font())
                bold.setBold(True)
                row.setFont(bold)
            actions.addItem(row)
        page_layout.addWidget(heading)
        page_layout.addWidget(title)
        page_layout.addWidget(actions, 1)
        return page

    def _add(self, widget: QWidget, demo: bool) -> None:
        self.stack.addWidget(widget)
        self.slide_demo.append(demo)

    @property
    def count(self) -> int:
        return self.stack.count()

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def show_slide(self, index: int) -> None:
        index = min(max(index, 0), self.count - 1)
        self.stack.setCurrentIndex(index)
        self.demo_label.setVisible(self.slide_demo[index])
        self.slide_label.setText(self.tr("slide %1 of %2").replace("%1", str(index + 1)).replace("%2", str(self.count)))
        self.slide_changed.emit(index, self.count)

    def start(self) -> None:
        self.showFullScreen()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keys ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.show_slide(self.index + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.show_slide(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.show_slide(0)
        elif key == Qt.Key.Key_End:
            self.show_slide(self.count - 1)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.finished.emit()
        super().closeEvent(event)
