"""The main window: a navigation list on the left, one view at a time on the right,
a menu bar (File, View, Help) and a status bar."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QMainWindow, QScrollArea, QStackedWidget, QWidget

from reader.ui.context import AppContext
from reader.ui.memory import forget_module_sources

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

log = logging.getLogger(__name__)

# (name, module, class). Every view class takes (ctx, parent=None), has title() -> str
# and activate() (called each time it is shown), and a `loaded` signal emitted when its
# data is shown.
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("overview", "reader.ui.views.overview", "OverviewView"),
    ("editions", "reader.ui.views.editions", "EditionsView"),
    ("history", "reader.ui.views.history", "HistoryView"),
    ("themes", "reader.ui.views.themes", "ThemesView"),
    ("compare", "reader.ui.views.compare", "CompareView"),
    ("checklists", "reader.ui.views.checklists", "ChecklistsView"),
    ("search", "reader.ui.views.search", "SearchView"),
    ("import", "reader.ui.views.importtrust", "ImportTrustView"),
    ("bookmarks", "reader.ui.views.bookmarks", "BookmarksView"),
    ("sync", "reader.ui.views.sync", "SyncView"),
)

# Built with the window's entries, not when first shown: the Editions view takes requests from
# other views through the context's signals (a view built during the emission would miss it; the
# Compare view's one request is passed on, see _on_compare_requested), and the Sync view arms
# automatic sync when the library is open.
EAGER_VIEWS = frozenset({"overview", "editions", "sync"})
# Help pages the Help menu opens (reader.core.help's ids; that module loads with the help,
# not before the window's first paint).
CONTENTS_TOPIC = "start"
SHORTCUTS_TOPIC = "shortcuts"
# Views with a Ctrl+number shortcut (Ctrl+1 to Ctrl+9); later ones are in the menu and list.
MAX_NUMBERED_VIEWS = 9
# How many places Back remembers.
MAX_HISTORY = 100
# Width of the navigation list in average characters of the current font.
NAV_WIDTH_CHARS = 24
STATUS_TIMEOUT_MS = 8000
# The library folder in the status bar, at most this many average characters.
LIBRARY_LABEL_CHARS = 40
# Qt.AlignmentFlag.AlignCenter as a number. The first Qt.* enum a process uses makes PySide6
# create all of them (about 15 ms), so nothing before the window's first paint uses one:
# Qt is imported where it is used, after it.
_ALIGN_CENTER = 0x84


def _name_scroll_viewports(view: QWidget) -> None:
    """AT-SPI reports the focus of a scroll area on its viewport, which Qt leaves unnamed:
    give each viewport its scroll area's name, so Tab never lands on a nameless control."""
    from PySide6.QtWidgets import QScrollArea

    for area in view.findChildren(QScrollArea):
        if area.accessibleName() and not area.viewport().accessibleName():
            area.viewport().setAccessibleName(area.accessibleName())


def view_title(name: str) -> str:
    """The title of the view ``name`` in the current language, without building the view: its
    navigation entry and menu action exist before it. The same context and text as the view's
    title(), so both come out of one translation."""
    titles = {
        "overview": QCoreApplication.translate("OverviewView", "Overview"),
        "editions": QCoreApplication.translate("EditionsView", "Editions"),
        "history": QCoreApplication.translate("HistoryView", "Level history"),
        "themes": QCoreApplication.translate("ThemesView", "Themes"),
        "compare": QCoreApplication.translate("CompareView", "Compare"),
        "checklists": QCoreApplication.translate("ChecklistsView", "Checklists"),
        "search": QCoreApplication.translate("SearchView", "Search"),
        "import": QCoreApplication.translate("ImportTrustView", "Import and trust"),
        "bookmarks": QCoreApplication.translate("BookmarksView", "Bookmarks"),
        "sync": QCoreApplication.translate("SyncView", "Sync"),
    }
    return titles[name]


class Views(Mapping):
    """The window's views by name: every view with an entry in the window, each built when it is
    first asked for (``views[name]``, ``views.get(name)``), such as when it is first shown.

    ``name in views`` and iterating say which views the window has and build nothing;
    ``built()`` gives the ones that exist.
    """

    def __init__(self, build) -> None:
        self._build = build  # name -> the new view
        self._names: list[str] = []
        self._built: dict[str, QWidget] = {}

    def add(self, name: str) -> None:
        self._names.append(name)

    def built(self) -> dict[str, QWidget]:
        return dict(self._built)

    def is_built(self, name: str) -> bool:
        return name in self._built

    def __getitem__(self, name: str) -> QWidget:
        view = self._built.get(name)
        if view is None:
            if name not in self._names:
                raise KeyError(name)
            view = self._built[name] = self._build(name)
        return view

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


class MainWindow(QMainWindow):
    """The reader's window.

    With ``ready=False`` no view is activated (and so no view reads the library) until
    ``set_ready()``: the application shows the window first and opens the library after.

    Signals:
        language_change_requested(str): the user chose another language in the settings.
    """

    language_change_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, ready: bool = True, build_views: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ready = ready
        self.setWindowTitle(self.tr("DTN Reader"))
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setAccessibleDescription(self.tr("The views of the reader; use the arrow keys to switch"))
        self.nav.setFixedWidth(self.nav.fontMetrics().averageCharWidth() * NAV_WIDTH_CHARS)
        self.stack = QStackedWidget()
        self.placeholder = QLabel(self.tr("Opening the library…"))
        self.placeholder.setProperty("alignment", _ALIGN_CENTER)
        self.stack.addWidget(self.placeholder)
        self.views = Views(self._build_view)
        self._help = None  # the help window, made on first use
        self.view_actions: dict[str, QAction] = {}
        # Back and Forward: the places visited, (view name, chapter pk or None), and where we are.
        self.history: list[tuple[str, int | None]] = []
        self.history_index = -1
        self._moving_in_history = False
        self._arriving_chapter: int | None = None
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        # A view that needs more room than the window has (a large system font on a small
        # screen) scrolls inside the window instead of making it wider than the screen.
        self.stack_area = QScrollArea()
        self.stack_area.setWidgetResizable(True)
        self.stack_area.setFrameShape(QFrame.Shape.NoFrame)
        self.stack_area.setWidget(self.stack)
        layout.addWidget(self.stack_area, 1)
        self.setCentralWidget(central)
        self._build_menu_bar()
        ctx.show_view_requested.connect(self.show_view)
        ctx.compare_requested.connect(self._on_compare_requested)
        ctx.open_edition_requested.connect(self._on_open_requested)
        ctx.open_chapter_requested.connect(self._on_open_requested)
        ctx.open_theme_chapter_requested.connect(self._on_open_requested)
        ctx.status_message.connect(self._on_status_message)
        if build_views:
            self.build_views()

    @property
    def complete(self) -> bool:
        """Every view is built (``build_views``)."""
        return len(self.views) == len(VIEWS)

    def build_first_view(self) -> None:
        """Add the status bar and build the first view (the overview) alone, so it can show
        the current level before the menus' entries and the other views are built."""
        if self.views:
            return
        self._build_shell()
        self._add_view(0)
        self.stack.removeWidget(self.placeholder)
        self.placeholder.deleteLater()
        self.placeholder = None
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setCurrentRow(0)
        self.nav.setFocus()

    def build_views(self) -> None:
        """Fill the menus, add the status bar, import and create the views (the heavy part);
        the application calls this after the window's first paint (and after the first view
        has shown the current level), so the window is on screen before the library code is
        loaded (and before what the first frame does not show)."""
        if self.complete:
            return
        from PySide6.QtCore import Qt

        self.build_first_view()
        self._build_menus()
        for index in range(len(self.views), len(VIEWS)):
            self._add_view(index)
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(r).text()) for r in range(self.nav.count()))
        self.nav.setFixedWidth(max(widest + 4 * metrics.averageCharWidth(), metrics.averageCharWidth() * NAV_WIDTH_CHARS))
        self.stack_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the view inside takes the focus
        self._build_history_actions()
        if hasattr(self.views.get("editions"), "chapter_shown"):
            self.views["editions"].chapter_shown.connect(self._on_chapter_shown)
        if self._ready:
            self._load_sync_settings()

    def _build_shell(self) -> None:
        from PySide6.QtGui import QActionGroup

        self._build_status_bar()
        # Room around each entry, relative to the font (em), so larger system fonts scale too.
        self.nav.setStyleSheet("QListWidget::item { padding: 0.4em 0.6em; }")
        self._view_group = QActionGroup(self)
        self._view_group.setExclusive(True)

    def _add_view(self, index: int) -> None:
        """The navigation entry and menu action of the view VIEWS[index]; the view itself is
        built now if it is one of EAGER_VIEWS, else when first shown."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence
        from PySide6.QtWidgets import QListWidgetItem

        name = VIEWS[index][0]
        title = view_title(name)
        self.views.add(name)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, name)
        self.nav.addItem(item)
        action = QAction(title, self)
        action.setCheckable(True)
        if index < MAX_NUMBERED_VIEWS:  # Ctrl+0 is the reading view's "actual size"
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda _checked=False, n=name: self.show_view(n))
        self._view_group.addAction(action)
        self.view_actions[name] = action
        self.view_menu.addAction(action)
        if name in EAGER_VIEWS:
            self.views[name]  # noqa: B018 - builds it

    def _build_view(self, name: str) -> QWidget:
        """Import and create the view ``name`` and add its page (``Views`` calls this once)."""
        module, cls = next((m, c) for n, m, c in VIEWS if n == name)
        view = getattr(importlib.import_module(module), cls)(self.ctx)
        if not view.accessibleName():
            view.setAccessibleName(view.title())  # a screen reader names the page it is on
        _name_scroll_viewports(view)
        self.stack.addWidget(view)
        forget_module_sources()
        return view

    def _load_sync_settings(self) -> None:
        """The Sync page reads its settings at start, to arm automatic sync (only when Offline is off)."""
        if "sync" in self.views:
            self.views["sync"].load_settings()

    def show_progress(self, text: str) -> None:
        """A line where the views will be, until they are built (then the overview shows it)."""
        if self.placeholder is not None:
            self.placeholder.setText(text)
        elif "overview" in self.views:
            self.views["overview"].show_progress(text)

    # --- building ------------------------------------------------------------------------

    def _build_menu_bar(self) -> None:
        """The menu titles, in the first frame; their entries come with the views (a shortcut
        is the first Qt.* enum)."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.help_menu = bar.addMenu(self.tr("&Help"))

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        file_menu = self.file_menu
        self.import_action = QAction(self.tr("&Import file…"), self)
        self.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.import_action.setStatusTip(self.tr("Import signed editions (.dtnb files)"))
        self.import_action.triggered.connect(self.import_files)
        file_menu.addAction(self.import_action)
        self.import_folder_action = QAction(self.tr("Import &folder…"), self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.import_folder_action.setStatusTip(self.tr("Import every signed edition in a folder, for example a USB stick"))
        self.import_folder_action.triggered.connect(self.import_folder)
        file_menu.addAction(self.import_folder_action)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.help_menu
        self.help_view_action = QAction(self.tr("Help for this &view"), self)
        self.help_view_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.help_view_action.setStatusTip(self.tr("Explain the view you are on"))
        self.help_view_action.triggered.connect(self.show_help_for_view)
        self.help_contents_action = QAction(self.tr("Help &contents"), self)
        self.help_contents_action.triggered.connect(lambda: self.show_help(CONTENTS_TOPIC))
        self.first_run_action = QAction(self.tr("&Getting started"), self)
        self.first_run_action.triggered.connect(lambda: self.show_first_run_guide())
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.triggered.connect(lambda: self.show_help(SHORTCUTS_TOPIC))
        for action in (self.help_view_action, self.help_contents_action, self.first_run_action, self.shortcuts_action):
            help_menu.addAction(action)
        help_menu.addSeparator()
        self.check_action = QAction(self.tr("Chec&k the library…"), self)
        self.check_action.setStatusTip(self.tr("Check every stored edition against its signed original"))
        self.check_action.triggered.connect(self.check_library)
        help_menu.addAction(self.check_action)
        help_menu.addSeparator()
        self.about_action = QAction(self.tr("&About DTN Reader"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        from PySide6.QtCore import Qt

        # A long folder is shortened in the middle (the whole one in the tooltip): the status bar
        # must not make the window wider than a small screen.
        folder = self.fontMetrics().elidedText(str(self.ctx.library_dir), Qt.TextElideMode.ElideMiddle,
                                               self.fontMetrics().averageCharWidth() * LIBRARY_LABEL_CHARS)
        self.library_label = QLabel(self.tr("Library: %1").replace("%1", folder))
        self.library_label.setToolTip(self.tr("The folder that holds the library") + f"\n{self.ctx.library_dir}")
        self.statusBar().addPermanentWidget(self.library_label)

    # --- navigation ----------------------------------------------------------------------

    def show_view(self, name: str) -> None:
        from PySide6.QtCore import Qt

        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.nav.setCurrentRow(row)
                return
        raise ValueError(f"no view {name!r}")

    def current_view_name(self) -> str | None:
        from PySide6.QtCore import Qt

        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def set_ready(self) -> None:
        """The library is open: activate the view on screen (views shown later activate as usual)."""
        if self._ready:
            return
        self._ready = True
        if self.views:
            self.stack.currentWidget().activate()
            self._load_sync_settings()

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        from PySide6.QtCore import Qt

        name = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self.views[name])
        self.view_actions[name].setChecked(True)
        if not self._moving_in_history:
            self._remember(name, None)
        if self._ready:
            self.stack.currentWidget().activate()

    # --- back and forward ----------------------------------------------------------------

    def _build_history_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence
        from PySide6.QtWidgets import QApplication

        self.back_action = QAction(self.tr("&Back"), self)
        self.back_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Back) or [QKeySequence("Alt+Left")])
        self.back_action.setStatusTip(self.tr("Go back to the previous view or chapter"))
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction(self.tr("&Forward"), self)
        self.forward_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Forward) or [QKeySequence("Alt+Right")])
        self.forward_action.setStatusTip(self.tr("Go forward again"))
        self.forward_action.triggered.connect(self.go_forward)
        first = self.view_menu.actions()[0] if self.view_menu.actions() else None
        self.view_menu.insertAction(first, self.back_action)
        self.view_menu.insertAction(first, self.forward_action)
        self.view_menu.insertSeparator(first)
        self.view_menu.addSeparator()
        self.presentation_action = QAction(self.tr("&Presentation mode"), self)
        self.presentation_action.setShortcut(QKeySequence("F5"))
        self.presentation_action.setStatusTip(self.tr("Full screen and large type: the level history and the open chapter, section by section, with the arrow keys"))
        self.presentation_action.triggered.connect(self.start_presentation)
        self.view_menu.addAction(self.presentation_action)
        self.presentation = None
        self._update_history_actions()
        # The mouse's back and forward buttons, wherever in this window they are pressed.
        from PySide6.QtCore import QEvent

        self._mouse_press = QEvent.Type.MouseButtonPress
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Every event of the application passes here: all but a press return at once, without
        # the import below (an import goes through PySide6's feature hook each time). That
        # import on every event cost about 5 ms of a chapter's opening (22 -> 17 ms).
        if event.type() != self._mouse_press:
            return False
        from PySide6.QtCore import Qt

        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            if isinstance(watched, QWidget) and watched.window() is self:
                (self.go_back if event.button() == Qt.MouseButton.BackButton else self.go_forward)()
                return True
        return super().eventFilter(watched, event)

    def start_presentation(self) -> None:
        """Present the chapter open in Editions (or the latest edition) full screen (F5)."""
        from reader.ui.errors import show_error
        from reader.ui.presentation import PresentationWindow, load_presentation

        if self.presentation is not None:
            self.presentation.activateWindow()
            return
        editions = self.views.get("editions")
        chapter_pk = editions.current_chapter_pk() if editions is not None else None

        def shown(source) -> None:
            if self.presentation is not None:
                return
            self.presentation = PresentationWindow(source, self.ctx.language, self)
            self.presentation.finished.connect(self._on_presentation_finished)
            self.presentation.start()

        self.ctx.tasks.submit(lambda lib, _h: load_presentation(lib, None, chapter_pk), shown,
                              lambda exc: show_error(self, exc), context=self)

    def _on_presentation_finished(self) -> None:
        self.presentation = None
        self.activateWindow()

    def _remember(self, name: str, chapter_pk: int | None) -> None:
        """A new place: it replaces everything Forward would have gone to."""
        if 0 <= self.history_index < len(self.history) and self.history[self.history_index] == (name, chapter_pk):
            return
        del self.history[self.history_index + 1:]
        self.history.append((name, chapter_pk))
        del self.history[:-MAX_HISTORY]
        self.history_index = len(self.history) - 1
        self._update_history_actions()

    def _on_chapter_shown(self, chapter_pk: int) -> None:
        if chapter_pk == self._arriving_chapter:
            self._arriving_chapter = None
            return
        if self.current_view_name() != "editions":
            return
        if 0 <= self.history_index and self.history[self.history_index] == ("editions", None):
            # Switching to the view showed its chapter: that is the same place, now precise.
            self.history[self.history_index] = ("editions", chapter_pk)
            self._update_history_actions()
        else:
            self._remember("editions", chapter_pk)

    def go_back(self) -> None:
        """Go to the place before this one (a view, or a chapter in the Editions view)."""
        if self.history_index > 0:
            self._go_to(self.history_index - 1)

    def go_forward(self) -> None:
        if self.history_index < len(self.history) - 1:
            self._go_to(self.history_index + 1)

    def _go_to(self, index: int) -> None:
        self.history_index = index
        name, chapter_pk = self.history[index]
        self._moving_in_history = True
        try:
            self.show_view(name)
        finally:
            self._moving_in_history = False
        view = self.views.get("editions")
        if chapter_pk is not None and view is not None and view.current_chapter_pk() != chapter_pk:
            self._arriving_chapter = chapter_pk  # its chapter_shown is this place, not a new one
            view.open_chapter(chapter_pk)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        if hasattr(self, "back_action"):
            self.back_action.setEnabled(self.history_index > 0)
            self.forward_action.setEnabled(self.history_index < len(self.history) - 1)

    def _on_compare_requested(self, older_pk: int, newer_pk: int) -> None:
        """A comparison for the Compare view: if it is not built yet, build it and ask again, as
        a view connected during an emission does not get that emission."""
        if "compare" in self.views and not self.views.is_built("compare"):
            self.views["compare"]  # noqa: B018 - builds it
            self.ctx.compare_requested.emit(older_pk, newer_pk)

    def _on_open_requested(self, *_args) -> None:
        self.show_view("editions")

    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    # --- help ----------------------------------------------------------------------------

    def help_window(self):
        """The window's one help window, made when first asked for."""
        from reader.ui.help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self.ctx, self)
        return self._help

    def show_help(self, topic_id: str) -> None:
        window = self.help_window()
        window.show_topic(topic_id)
        window.show()
        window.raise_()
        window.activateWindow()

    def show_help_for_view(self) -> None:
        """F1: the help page that fits the view on screen."""
        self.show_help(self.help_window().book.topic_for_view(self.current_view_name() or ""))

    def show_first_run_guide(self, settings=None):
        """The first-run guide, also from the Help menu (closing it records that it was seen)."""
        from PySide6.QtCore import Qt

        from reader.ui.help import FirstRunGuide, user_settings

        guide = FirstRunGuide(self.ctx, settings if settings is not None else user_settings(), self)
        guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        guide.help_requested.connect(lambda topic: (guide.accept(), self.show_help(topic)))
        guide.open()
        return guide

    def show_first_run_guide_once(self, settings=None):
        """The guide at start, unless this person closed it before; returns it or None."""
        from reader.ui.help import first_run_shown, user_settings

        settings = settings if settings is not None else user_settings()
        return None if first_run_shown(settings) else self.show_first_run_guide(settings)

    # --- dialogs -------------------------------------------------------------------------

    def import_files(self) -> None:
        if "import" in self.views:
            self.show_view("import")
            self.views["import"].choose_files()

    def import_folder(self) -> None:
        if "import" in self.views:
            self.show_view("import")
            self.views["import"].choose_folder()

    def import_paths(self, paths: list[str]) -> None:
        """Hand files or folders to the Import and trust view, which verifies and reports."""
        if "import" not in self.views:
            return
        self.show_view("import")
        self.views["import"].import_paths(paths)

    def check_library(self):
        """The library check dialog, its check started; returned for tests."""
        from reader.ui.check import CheckDialog

        dialog = CheckDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.show()
        dialog.start()
        return dialog

    def open_settings(self):
        """Show the settings dialog (non-modal for the rest of the app, modal for this window)."""
        from PySide6.QtCore import Qt

        from reader.ui.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.language_changed.connect(self.language_change_requested)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from reader import __version__

        text = self.tr(
            "<h3>DTN Reader %1</h3>"
            "<p>An offline reader for signed editions of the Dutch terrorism threat assessment "
            "(Dreigingsbeeld Terrorisme Nederland).</p>"
            "<p><b>DEMO:</b> the demo library that comes with the reader is demonstration content, "
            "marked DEMO wherever it appears. It is not a publication of the NCTV and says nothing "
            "about the actual threat.</p>"
            "<p>Licence: EUPL-1.2</p>"
        ).replace("%1", __version__)
        from platform import python_version

        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        # Qt as it runs (qVersion) and the binding built for it (PySide6), for bug reports.
        qt = qVersion() if qVersion() == pyside_version else f"{qVersion()} (PySide6 {pyside_version})"
        text += "<p>" + self.tr("Qt %1, Python %2").replace("%1", qt).replace("%2", python_version()) + "</p>"
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About DTN Reader"), text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setAccessibleName(self.tr("About DTN Reader"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
