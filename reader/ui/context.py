"""What every view gets: the library folder, the task runner, the person's settings and navigation signals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal

from reader.ui.prefs import Preferences

if TYPE_CHECKING:
    import datetime

    from reader.ui.scheme import SchemeSwitcher
    from reader.ui.tasks import TaskRunner


class AppContext(QObject):
    """Shared by the window and its views; passed in through constructors, never global.

    Signals:
        library_changed(changes): a library change, with the core ``Changes`` value saying what
            it touched (each view reloads only for the areas it shows). Emitted once per task
            that changed something, by whichever view started it.
        open_edition_requested(edition_pk): show an edition in the Editions view.
        open_chapter_requested(chapter_pk, highlight): show a chapter, highlighting the words.
        open_theme_chapter_requested(theme, chapter_pk): show a chapter reached through a theme,
            with the theme's previous and next chapter at hand.
        open_section_requested(chapter_pk, anchor): show a chapter at the section ``anchor``.
        show_view_requested(view_name): switch the main window to a view.
        compare_requested(older_pk, newer_pk): compare these two editions in the Compare view
            (the view does not show itself: emit show_view_requested("compare") after).
        status_message(text): a short message for the status bar.
        level_change_announced(text): a sync brought a new national level (the banner's text).

    ``today`` gives the date that "now" is for what the views draw up to today (the level
    chart's right edge); tests and screenshots pass a fixed one.
    """

    library_changed = Signal(object)  # reader.core.library.changes.Changes
    open_edition_requested = Signal(int)
    open_chapter_requested = Signal(int, str)
    open_theme_chapter_requested = Signal(str, int)
    open_section_requested = Signal(int, str)
    show_view_requested = Signal(str)
    compare_requested = Signal(int, int)
    status_message = Signal(str)
    level_change_announced = Signal(str)

    def __init__(
        self,
        library_dir: Path,
        tasks: TaskRunner,
        language: str = "nl",
        parent: QObject | None = None,
        today: Callable[[], datetime.date] | None = None,
        schemes: SchemeSwitcher | None = None,
        prefs: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today or _today
        self.library_dir = Path(library_dir)
        self.tasks = tasks
        self.language = language
        self.schemes = schemes  # switches the colour scheme (None: the settings only store the choice)
        self.prefs = prefs or Preferences()  # the person's own settings (language, geometry, folders)
        tasks.changes.changed.connect(self.library_changed)


def _today() -> datetime.date:
    # datetime is imported where it is first needed, after the window's first paint.
    import datetime

    return datetime.date.today()
