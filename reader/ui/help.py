"""The help window, the first-run guide and the way from an error to its explanation.

The pages are reader.core.help's; this module only shows them. Rendering runs on the task
runner without a library, so the help works when the library itself cannot be opened.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import DTNError
from reader.core.help import CONTENTS_TOPIC, FIRST_RUN_TOPIC, HelpBook, HelpHit
from reader.core.paths import APP_NAME
from reader.ui.context import AppContext

log = logging.getLogger(__name__)

# The per-person settings file: $DTN_SETTINGS_FILE if set (tests, smoke runs), else the
# platform's user settings (an INI file, so a person can read and reset it).
SETTINGS_FILE_ENV = "DTN_SETTINGS_FILE"
SETTING_FIRST_RUN_SHOWN = "help/first_run_shown"
_CHAPTER_SCHEME = "dtn-chapter"
# Pages kept for Back, at most.
MAX_HISTORY = 50
# The help window's size in average characters and lines of its font.
HELP_SIZE_CHARS = (110, 36)
GUIDE_SIZE_CHARS = (80, 26)
ROLE_TOPIC = Qt.ItemDataRole.UserRole


def user_settings(path: Path | None = None) -> QSettings:
    """The per-person settings: ``path`` if given, else ``$DTN_SETTINGS_FILE``, else the
    platform's user settings for the reader."""
    chosen = path or (Path(os.environ[SETTINGS_FILE_ENV]) if os.environ.get(SETTINGS_FILE_ENV) else None)
    if chosen is not None:
        return QSettings(str(chosen), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def first_run_shown(settings: QSettings) -> bool:
    return str(settings.value(SETTING_FIRST_RUN_SHOWN, "false")).lower() == "true"


def _sized(widget: QWidget, chars: tuple[int, int]) -> None:
    metrics = widget.fontMetrics()
    widget.resize(metrics.averageCharWidth() * chars[0], metrics.height() * chars[1])


class HelpBrowser(QTextBrowser):
    """Shows help HTML; follows links between help pages itself and never opens anything else.

    Signals:
        topic_requested(str, str): a link to a help page (id, anchor or '') was followed.
    """

    topic_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt's name
        return None  # help pages have no images or style sheets; nothing is ever loaded

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == _CHAPTER_SCHEME:
            self.topic_requested.emit(url.path(), url.fragment())
        elif not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())
        # Web and mail links are shown as text only: the reader opens nothing remote.


class HelpWindow(QWidget):
    """Contents or search results on the left, the page on the right, Back above it.

    Signals:
        topic_shown(str): a page is on screen (its id).
        failed(str): a page could not be rendered (the message).
    """

    topic_shown = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.book = HelpBook(ctx.language)
        self.current_topic: str | None = None
        self._history: list[str] = []
        self._generation = 0
        self.setWindowTitle(self.tr("DTN Reader help"))
        self.setAccessibleName(self.tr("DTN Reader help"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the help…"))
        self.search.setAccessibleName(self.tr("Search the help"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_changed)
        self.topics = QListWidget()
        self.topics.setAccessibleName(self.tr("Help topics"))
        # Whole titles, wrapped, never cut off or scrolled sideways (large fonts, 800x600).
        self.topics.setWordWrap(True)
        self.topics.setResizeMode(QListView.ResizeMode.Adjust)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.itemActivated.connect(self._on_topic_activated)
        self.topics.currentItemChanged.connect(lambda item, _old: item is not None and self._on_topic_activated(item))
        self.no_hits = QLabel(self.tr("No help page contains these words."))
        self.no_hits.setWordWrap(True)
        self.no_hits.hide()
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous help page"))
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_button.clicked.connect(self.back)
        self.back_button.setEnabled(False)
        self.contents_button = QPushButton(self.tr("&Contents"))
        self.contents_button.setAccessibleName(self.tr("Help contents"))
        self.contents_button.clicked.connect(lambda: self.show_topic(CONTENTS_TOPIC))
        self.page = HelpBrowser()
        self.page.setAccessibleName(self.tr("Help page"))
        self.page.topic_requested.connect(self._on_link)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.no_hits)
        left_layout.addWidget(self.topics, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.contents_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.page, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_contents()
        _sized(self, HELP_SIZE_CHARS)

    # --- pages ---------------------------------------------------------------------------

    def show_topic(self, topic_id: str, anchor: str = "", *, remember: bool = True) -> None:
        """Render and show a page (on the task runner); ``topic_shown`` says when it is there."""
        if not self.book.has(topic_id):
            log.error("no help page %r; showing the contents", topic_id)
            topic_id = CONTENTS_TOPIC
        if remember and self.current_topic is not None and self.current_topic != topic_id:
            self._history = (self._history + [self.current_topic])[-MAX_HISTORY:]
        self.back_button.setEnabled(bool(self._history))
        self._generation += 1
        generation, book = self._generation, self.book
        self.ctx.tasks.submit(
            lambda _lib, _handle: book.render(topic_id),
            lambda html: self._on_rendered(generation, topic_id, anchor, html),
            self._on_render_failed,
            context=self,
            library=False,
        )

    def back(self) -> None:
        if self._history:
            topic_id = self._history.pop()
            self.current_topic = None  # not pushed again
            self.show_topic(topic_id, remember=False)

    def _on_rendered(self, generation: int, topic_id: str, anchor: str, html: str) -> None:
        if generation != self._generation:
            return  # a later page was asked for meanwhile
        self.current_topic = topic_id
        self.page.setHtml(html)
        self.setWindowTitle(self.tr("%1 — DTN Reader help").replace("%1", self.book.topic(topic_id).title))
        if anchor:
            self.page.scrollToAnchor(anchor)
        self._select_in_list(topic_id)
        self.back_button.setEnabled(bool(self._history))
        self.topic_shown.emit(topic_id)

    def _on_render_failed(self, exc: BaseException) -> None:
        from reader.ui.errors import error_text

        text = error_text(exc)
        self.page.setPlainText(self.tr("This help page cannot be shown: %1").replace("%1", text))
        self.failed.emit(text)

    def _on_link(self, topic_id: str, anchor: str) -> None:
        self.show_topic(topic_id, anchor)

    # --- contents and search -------------------------------------------------------------

    def _fill_contents(self) -> None:
        self._fill([(t.id, t.title, "") for t in self.book.topics()])

    def _fill(self, rows: list[tuple[str, str, str]]) -> None:
        self.topics.blockSignals(True)
        self.topics.clear()
        for topic_id, title, snippet in rows:
            item = QListWidgetItem(title)
            item.setData(ROLE_TOPIC, topic_id)
            if snippet:
                item.setToolTip(snippet)
            self.topics.addItem(item)
        self.topics.blockSignals(False)
        if self.current_topic:
            self._select_in_list(self.current_topic)

    def _on_search_changed(self, text: str) -> None:
        if not text.strip():
            self.no_hits.hide()
            self._fill_contents()
            return
        hits: list[HelpHit] = self.book.search(text)
        self.no_hits.setVisible(not hits)
        self._fill([(h.topic_id, h.title, h.snippet) for h in hits])

    def search_results(self) -> list[str]:
        """The page ids the list shows now (for tests and screen readers alike)."""
        return [self.topics.item(r).data(ROLE_TOPIC) for r in range(self.topics.count())]

    def _select_in_list(self, topic_id: str) -> None:
        self.topics.blockSignals(True)
        for row in range(self.topics.count()):
            if self.topics.item(row).data(ROLE_TOPIC) == topic_id:
                self.topics.setCurrentRow(row)
                break
        else:
            self.topics.clearSelection()
        self.topics.blockSignals(False)

    def _on_topic_activated(self, item: QListWidgetItem) -> None:
        topic_id = item.data(ROLE_TOPIC)
        if topic_id and topic_id != self.current_topic:
            self.show_topic(topic_id)


class FirstRunGuide(QDialog):
    """What the reader is, that the demo library is demonstration content, how real editions
    arrive. Closing it in any way records that it was shown; it never comes back by itself.

    Signals:
        topic_shown(str): the guide's text is on screen.
        help_requested(str): the user asked for a help page (the contents, or a linked page).
    """

    topic_shown = Signal(str)
    help_requested = Signal(str)

    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.book = HelpBook(ctx.language)
        self.setWindowTitle(self.book.topic(FIRST_RUN_TOPIC).title)
        self.setAccessibleName(self.book.topic(FIRST_RUN_TOPIC).title)
        self.text = HelpBrowser()
        self.text.setAccessibleName(self.tr("Getting started"))
        self.text.topic_requested.connect(lambda topic, _anchor: self.help_requested.emit(topic))
        self.buttons = QDialogButtonBox()
        self.more = self.buttons.addButton(self.tr("Open the &help"), QDialogButtonBox.ButtonRole.HelpRole)
        self.more.setAccessibleName(self.tr("Open the help"))
        self.more.clicked.connect(lambda: self.help_requested.emit(CONTENTS_TOPIC))
        self.close_button = self.buttons.addButton(self.tr("&Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setAccessibleName(self.tr("Close the guide"))
        self.close_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.finished.connect(self._on_finished)
        _sized(self, GUIDE_SIZE_CHARS)
        book = self.book
        ctx.tasks.submit(lambda _lib, _handle: book.render(FIRST_RUN_TOPIC), self._on_rendered, self._on_failed, context=self, library=False)

    def _on_rendered(self, html: str) -> None:
        self.text.setHtml(html)
        self.topic_shown.emit(FIRST_RUN_TOPIC)

    def _on_failed(self, exc: BaseException) -> None:
        from reader.ui.errors import error_text

        self.text.setPlainText(error_text(exc))

    def _on_finished(self, _result: int) -> None:
        self.settings.setValue(SETTING_FIRST_RUN_SHOWN, "true")
        self.settings.sync()
        if self.settings.status() != QSettings.Status.NoError:
            # A read-only settings file: the guide comes back next time, nothing else is lost.
            log.warning("cannot record that the first-run guide was shown in %s", self.settings.fileName())


# --- from an error to its page ----------------------------------------------------------------


def help_host(widget: QWidget | None):
    """The main window that owns ``widget`` (it has ``show_help``), or None."""
    window = widget.window() if widget is not None else None
    while window is not None and not hasattr(window, "show_help"):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return window


def what_does_this_mean() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("help", "What does this mean?")


def open_error_help(widget: QWidget | None, error: DTNError | None = None, error_type: str | None = None) -> bool:
    """Open the page that explains ``error`` (or an error of class ``error_type``) in the
    help of the window that owns ``widget``. False when there is no such window."""
    host = help_host(widget)
    if host is None:
        return False
    window = host.help_window()
    host.show_help(window.book.topic_for_error(error, error_type))
    return True
