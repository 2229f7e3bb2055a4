"""The one place the GUI shows errors."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.errors import DTNError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """A message a person can act on; bugs get a generic text and go to the log."""
    if isinstance(exc, DTNError):
        return str(exc)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate("errors", "An unexpected error occurred: %1").replace("%1", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("errors", "DTN Reader"), error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(QCoreApplication.translate("errors", "Error message"))
    box.exec()
