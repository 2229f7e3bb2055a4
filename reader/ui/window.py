"""The main window: a navigation list on the left, one view at a time on the right."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from reader.ui.context import AppContext

log = logging.getLogger(__name__)

# (name, module, class). Every view class takes (ctx, parent=None), has title() -> str
# and activate() (called each time it is shown).
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("overview", "reader.ui.views.overview", "OverviewView"),
    ("editions", "reader.ui.views.editions", "EditionsView"),
    ("history", "reader.ui.views.history", "HistoryView"),
    ("themes", "reader.ui.views.themes", "ThemesView"),
    ("checklists", "reader.ui.views.checklists", "ChecklistsView"),
    ("search", "reader.ui.views.search", "SearchView"),
    ("import", "reader.ui.views.importtrust", "ImportTrustView"),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("DTN Reader"))
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {}
        for index, (name, module, cls) in enumerate(VIEWS):
            view = getattr(importlib.import_module(module), cls)(ctx)
            self.views[name] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(view.title())
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda n=name: self.show_view(n))
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        ctx.show_view_requested.connect(self.show_view)
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.setCurrentRow(0)

    def show_view(self, name: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.nav.setCurrentRow(row)
                return
        raise ValueError(f"no view {name!r}")

    def current_view_name(self) -> str:
        return self.nav.currentItem().data(Qt.ItemDataRole.UserRole)

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.stack.currentWidget().activate()
