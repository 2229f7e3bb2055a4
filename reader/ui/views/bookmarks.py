"""Bookmarks: every bookmarked chapter and section with its note, newest first; search the
notes, open a bookmark, change its note, remove it, export to and import from a JSON file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.changes import Changes
from reader.ui.errors import error_text, show_error
from reader.ui.format import demo_marking, format_timestamp
from reader.ui.views.base import View, scaled_font

if TYPE_CHECKING:
    # The library module loads on the worker threads, so the window shows before it does.
    from reader.core.library import Bookmark, BookmarkImport, Library
    from reader.ui.context import AppContext
    from reader.ui.tasks import TaskHandle

log = logging.getLogger(__name__)

COL_EDITION, COL_CHAPTER, COL_NOTE, COL_DATE = range(4)
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole
# Wait this long after the last key in the search field before searching, in milliseconds.
SEARCH_DELAY_MS = 250
# Characters of a note shown in the list (the whole note is in the row's tooltip).
NOTE_PREVIEW_CHARS = 160


@dataclass
class _Loaded:
    search: str
    bookmarks: list[Bookmark]


class _BookmarkTree(QTreeWidget):
    """The bookmark list; Enter opens the current bookmark, Delete removes it."""

    enter_pressed = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.currentItem() is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            event.accept()
            return
        if self.currentItem() is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class BookmarksView(View):
    """The Bookmarks page.

    Signals:
        loaded: the list is shown (after activate(), a search or a library change).
        changed: a bookmark was changed, removed or imported (after the write is done).
    """

    depends_on = Changes(bookmarks=True)

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._bookmarks: list[Bookmark] = []

        self.heading = QLabel(self.tr("Bookmarks"))
        self.heading.setFont(scaled_font(self.heading.font(), 1.4, bold=True))
        self.explanation = QLabel(
            self.tr(
                "Chapters and sections you bookmarked while reading, with your notes. Open one with Enter or a "
                "double-click. Bookmarks stay with their edition through new revisions."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search notes, chapters and editions"))
        self.search_field.setAccessibleName(self.tr("Search bookmarks"))
        self.search_field.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.tree = _BookmarkTree()
        self.tree.setAccessibleName(self.tr("Bookmarks"))
        self.tree.setAccessibleDescription(self.tr("Bookmarks, newest first; Enter opens one, Delete removes it."))
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Edition"), self.tr("Chapter"), self.tr("Note"), self.tr("Added")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_EDITION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CHAPTER, QHeaderView.ResizeMode.Stretch)  # chapter and note share the room
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda _item, _col: self.open_current())
        self.tree.enter_pressed.connect(self.open_current)
        self.tree.delete_pressed.connect(self.remove_current)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.open_button = QPushButton(self.tr("&Open"))
        self.note_button = QPushButton(self.tr("Edit &note…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.open_button.clicked.connect(self.open_current)
        self.note_button.clicked.connect(self.edit_current_note)
        self.remove_button.clicked.connect(self.remove_current)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.setToolTip(self.tr("Save every bookmark and note to a JSON file, e.g. before reinstalling"))
        self.import_button.setToolTip(self.tr("Merge bookmarks from a JSON file; bookmarks you have already are not added twice"))

        buttons = QHBoxLayout()
        for button in (self.open_button, self.note_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.search_field)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Bookmarks")

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        search = self.search_field.text()

        def work(lib: Library, handle: TaskHandle) -> _Loaded:
            return _Loaded(search, lib.bookmarks(search))

        self.run_task(work, self._on_loaded, self._on_load_failed, channel="list")

    def _on_load_failed(self, exc: BaseException) -> None:
        self.status_label.setText(self.tr("The bookmarks could not be loaded: %1").replace("%1", error_text(exc)))
        self.loaded.emit()

    def _on_loaded(self, result: _Loaded) -> None:
        current = self.current_bookmark()
        self._bookmarks = result.bookmarks
        self.tree.clear()
        for bookmark in result.bookmarks:
            self.tree.addTopLevelItem(self._item(bookmark))
        if not result.bookmarks:
            self.status_label.setText(
                self.tr("No bookmark holds “%1”.").replace("%1", result.search.strip())
                if result.search.strip()
                else self.tr("No bookmarks yet. While reading an edition, choose Bookmark (Ctrl+D) to add one.")
            )
        else:
            self.status_label.setText(self.tr("%n bookmark(s)", "", len(result.bookmarks)))
        for row in range(self.tree.topLevelItemCount()):
            if current is not None and self.tree.topLevelItem(row).data(COL_EDITION, BOOKMARK_ROLE).pk == current.pk:
                self.tree.setCurrentItem(self.tree.topLevelItem(row))
                break
        else:
            if self.tree.topLevelItemCount():
                self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()
        self.loaded.emit()

    def _item(self, bookmark: Bookmark) -> QTreeWidgetItem:
        edition = bookmark.edition_name or bookmark.bundle_id
        if bookmark.demo:
            edition += f" [{demo_marking()}]"
        chapter = bookmark.chapter_title or bookmark.chapter_id
        if bookmark.anchor:
            chapter += " \u203a " + (bookmark.section_title or bookmark.anchor)
        if not bookmark.available:
            chapter += " " + self.tr("(not in the library)")
        note = " ".join(bookmark.note.split())
        if len(note) > NOTE_PREVIEW_CHARS:
            note = note[: NOTE_PREVIEW_CHARS - 1] + "\u2026"
        item = QTreeWidgetItem([edition, chapter, note, format_timestamp(bookmark.created_at, self.ctx.language)])
        item.setData(COL_EDITION, BOOKMARK_ROLE, bookmark)
        item.setToolTip(COL_CHAPTER, chapter)
        if bookmark.note:
            item.setToolTip(COL_NOTE, bookmark.note)
        if not bookmark.available:
            for col in range(4):
                item.setForeground(col, self.palette().color(self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text))
        return item

    def current_bookmark(self) -> Bookmark | None:
        item = self.tree.currentItem()
        return item.data(COL_EDITION, BOOKMARK_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        bookmark = self.current_bookmark()
        self.open_button.setEnabled(bookmark is not None and bookmark.available)
        self.note_button.setEnabled(bookmark is not None)
        self.remove_button.setEnabled(bookmark is not None)
        self.export_button.setEnabled(bool(self._bookmarks) or bool(self.search_field.text()))

    # --- actions ------------------------------------------------------------------------------

    def open_current(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is None or bookmark.chapter_pk is None:
            return
        if bookmark.anchor:
            self.ctx.open_section_requested.emit(bookmark.chapter_pk, bookmark.anchor)
        else:
            self.ctx.open_chapter_requested.emit(bookmark.chapter_pk, "")

    def edit_current_note(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is None:
            return
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Edit note"), self.tr("Note for this bookmark:"), bookmark.note)
        if ok and note != bookmark.note:
            self._write(lambda lib: lib.set_bookmark_note(bookmark.pk, note))

    def remove_current(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is not None:
            self._write(lambda lib: lib.remove_bookmark(bookmark.pk))

    def _write(self, change) -> None:
        def work(lib: Library, handle: TaskHandle) -> None:
            change(lib)

        self.run_task(work, lambda _r: self._on_written(), lambda exc: show_error(self, exc, self.tr("Bookmarks")), write=True)

    def _on_written(self, message: str = "") -> None:
        if message:
            self.ctx.status_message.emit(message)
        self.changed.emit()  # the list reloads from ctx.library_changed, as for a bookmark added elsewhere

    def export_to(self, path: str) -> None:
        def work(lib: Library, handle: TaskHandle) -> int:
            return lib.write_bookmarks(path)

        def done(count: int) -> None:
            self.ctx.status_message.emit(self.tr("%n bookmark(s) saved to %1", "", count).replace("%1", path))
            self.changed.emit()

        self.run_task(work, done, lambda exc: show_error(self, exc, self.tr("Export bookmarks")))

    def import_from(self, path: str) -> None:
        def work(lib: Library, handle: TaskHandle) -> BookmarkImport:
            return lib.import_bookmarks_file(path)

        def done(result: BookmarkImport) -> None:
            self._on_written(
                self.tr("Bookmarks imported: %1 added, %2 notes updated, %3 already present.")
                .replace("%1", str(result.added)).replace("%2", str(result.updated)).replace("%3", str(result.unchanged))
            )

        self.run_task(work, done, lambda exc: show_error(self, exc, self.tr("Import bookmarks")), write=True)

    def _on_export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export bookmarks"), "bookmarks.json", self.tr("Bookmarks (*.json)"))
        if path:
            self.export_to(path if path.lower().endswith(".json") else path + ".json")

    def _on_import_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import bookmarks"), "", self.tr("Bookmarks (*.json)"))
        if path:
            self.import_from(path)
