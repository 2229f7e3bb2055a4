"""The settings dialog: language, the demo library at first start, removing the demo library."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.demo import SETTING_NO_DEMO, remove_demo
from reader.ui.context import AppContext
from reader.ui.errors import show_error
from reader.ui.i18n import LANGUAGE_NAMES, LANGUAGES
from reader.ui.scheme import DEFAULT_SCHEME, SCHEMES, scheme_names

log = logging.getLogger(__name__)



def _read_settings(lib, handle) -> dict[str, str]:
    """The library's own settings (the language is the person's: ctx.prefs)."""
    return {SETTING_NO_DEMO: lib.setting(SETTING_NO_DEMO, "0") or "0"}


def _remove_demo(lib, handle) -> int:
    # Also switches the demo key off, and someone who removed the demo does not want it back at the next start.
    return remove_demo(lib)


class SettingsDialog(QDialog):
    """Reads the stored settings in a task, writes them in a write task on OK.

    Signals:
        loaded: the stored settings are shown.
        saved: the settings were written.
        language_changed(str): the user chose another language (emitted after it was saved).
        demo_removed(int): the demo library was removed (that many bundles).
    """

    loaded = Signal()
    saved = Signal()
    language_changed = Signal(str)
    demo_removed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stored: dict[str, str] = {}
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setAccessibleName(self.tr("Language"))
        self.language_note = QLabel(self.tr("Dates and numbers follow the language too."))
        self.language_note.setWordWrap(True)
        self.scheme = QComboBox()
        for code, name in scheme_names().items():
            self.scheme.addItem(name, code)
        self.scheme.setAccessibleName(self.tr("Colour scheme"))

        self.load_demo = QCheckBox(self.tr("Load the demo library when the reader starts with an empty library"))
        self.load_demo.setAccessibleName(self.load_demo.text())
        self.remove_demo = QPushButton(self.tr("Remove the demo library…"))
        self.remove_demo.setAccessibleName(self.tr("Remove the demo library"))
        self.remove_demo.clicked.connect(self._on_remove_demo_clicked)
        demo_note = QLabel(
            self.tr("The demo library holds demonstration editions marked DEMO; they are not publications of the NCTV.")
        )
        demo_note.setWordWrap(True)

        general = QGroupBox(self.tr("Display"))
        form = QFormLayout(general)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.language_note)
        form.addRow(self.tr("&Colours:"), self.scheme)
        demo = QGroupBox(self.tr("Demo library"))
        demo_layout = QVBoxLayout(demo)
        demo_layout.addWidget(demo_note)
        demo_layout.addWidget(self.load_demo)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_demo)
        remove_row.addStretch(1)
        demo_layout.addLayout(remove_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(demo)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        ctx.tasks.submit(_read_settings, self._on_settings_read, self._on_failed)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.language, self.scheme, self.load_demo, self.remove_demo, self.buttons.button(QDialogButtonBox.StandardButton.Ok)):
            widget.setEnabled(enabled)

    def _on_settings_read(self, stored: dict[str, str]) -> None:
        self._stored = stored
        # The language shown is the one running now (a --lang override included).
        index = self.language.findData(self.ctx.language)
        self.language.setCurrentIndex(max(index, 0))
        self.load_demo.setChecked(stored[SETTING_NO_DEMO] != "1")
        scheme = self.ctx.prefs.scheme(SCHEMES) or DEFAULT_SCHEME
        self.scheme.setCurrentIndex(max(self.scheme.findData(scheme), 0))
        self._set_enabled(True)
        self.loaded.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        show_error(self, exc)

    def _on_accepted(self) -> None:
        language = self.language.currentData()
        no_demo = "0" if self.load_demo.isChecked() else "1"
        scheme = self.scheme.currentData()

        def save(lib, handle) -> None:
            lib.set_setting(SETTING_NO_DEMO, no_demo)

        self.ctx.prefs.set_language(language)
        self.ctx.prefs.set_scheme(scheme)
        self._set_enabled(False)
        self.ctx.tasks.submit(save, lambda _: self._on_saved(language, scheme), self._on_failed, write=True)

    def _on_saved(self, language: str, scheme: str = DEFAULT_SCHEME) -> None:
        self.saved.emit()
        self.accept()
        if self.ctx.schemes is not None:
            self.ctx.schemes.apply(scheme)
        if language != self.ctx.language:
            self.language_changed.emit(language)

    def _on_remove_demo_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the demo library"),
            self.tr(
                "Remove every demo edition from the library? Your own imported editions are kept, and the "
                "demo library is no longer loaded at start. You can load it again from the overview when "
                "the library is empty."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_demo_confirmed()

    def remove_demo_confirmed(self) -> None:
        """Remove the demo library now (after the user confirmed)."""
        self.remove_demo.setEnabled(False)
        self.ctx.tasks.submit(_remove_demo, self._on_demo_removed, self._on_failed, write=True)

    def _on_demo_removed(self, count: int) -> None:
        self.remove_demo.setEnabled(True)
        self.load_demo.setChecked(False)
        self.ctx.status_message.emit(self.tr("%n demo edition(s) removed", "", count))
        self.demo_removed.emit(count)
