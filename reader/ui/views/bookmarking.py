"""The Bookmark tool of the reading view: bookmark the chapter shown, or the section chosen in
its table of contents, with an optional note (Ctrl+D)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QToolButton

from reader.ui.errors import show_error

if TYPE_CHECKING:
    from reader.core.library import Chapter, Edition, Library
    from reader.ui.tasks import TaskHandle
    from reader.ui.views.base import View

Place = Callable[[], "tuple[Edition, Chapter, str] | None"]


class BookmarkTool(QObject):
    """An action and a tool button on ``view`` that bookmark ``place()``.

    Signals:
        bookmarked(pk): the bookmark was written.
    """

    bookmarked = Signal(int)

    def __init__(self, view: View, place: Place) -> None:
        super().__init__(view)
        self._view = view
        self._place = place
        self.action = QAction(self.tr("Bookmark…"), view)
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setToolTip(self.tr("Bookmark this chapter, or the section chosen in the table of contents, with a note (Ctrl+D)"))
        self.action.triggered.connect(self.bookmark)
        view.addAction(self.action)
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setAccessibleName(self.tr("Bookmark"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def bookmark(self) -> None:
        """Ask for a note and bookmark the place shown (nothing happens while no chapter is)."""
        place = self._place()
        if place is None:
            return
        edition, chapter, anchor = place
        section = next((e.get("title", "") for e in chapter.toc if e.get("anchor") == anchor), anchor) if anchor else ""
        where = f"{chapter.title} › {section}" if section else chapter.title
        note, ok = QInputDialog.getMultiLineText(
            self._view, self.tr("Bookmark"), self.tr("Bookmark “%1” in %2. Note (optional):").replace("%1", where).replace("%2", edition.name)
        )
        if ok:
            self.add(edition.bundle_id, chapter.chapter_id, anchor, note, where)

    def add(self, bundle_id: str, chapter_id: str, anchor: str, note: str, where: str = "") -> None:
        def work(lib: Library, handle: TaskHandle) -> int:
            return lib.add_bookmark(bundle_id, chapter_id, anchor, note)

        def done(pk: int) -> None:
            self._view.ctx.status_message.emit(self.tr("Bookmarked: %1").replace("%1", where or chapter_id))
            self.bookmarked.emit(pk)

        self._view.run_task(work, done, lambda exc: show_error(self._view, exc, self.tr("Bookmark")), write=True)
