"""What every view gets: the library folder, the task runner, the person's settings and navigation signals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.prefs import Preferences

if TYPE_CHECKING:
    from reader.ui.tasks import TaskRunner


class AppContext(QObject):
    """Shared by the window and its views; passed in through constructors, never global.

    Signals:
        library_changed: the library's content changed (import, rebuild, revoke, demo removed).
        open_edition_requested(edition_pk): show an edition in the Editions view.
        open_chapter_requested(chapter_pk, highlight): show a chapter, highlighting the words.
        show_view_requested(view_name): switch the main window to a view.
        compare_requested(older_pk, newer_pk): compare these two editions in the Compare view
            (the view does not show itself: emit show_view_requested("compare") after).
        status_message(text): a short message for the status bar.
    """

    library_changed = Signal()
    open_edition_requested = Signal(int)
    open_chapter_requested = Signal(int, str)
    show_view_requested = Signal(str)
    compare_requested = Signal(int, int)
    status_message = Signal(str)

    def __init__(
        self,
        library_dir: Path,
        tasks: TaskRunner,
        language: str = "nl",
        parent: QObject | None = None,
        prefs: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.library_dir = Path(library_dir)
        self.tasks = tasks
        self.language = language
        self.prefs = prefs or Preferences()  # the person's own settings (language, geometry, folders)
