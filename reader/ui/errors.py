"""The one place the GUI shows errors.

Core messages are English and precise (they name the file, key or field); the
GUI puts a translated headline per error type in front of them, so a Dutch
user reads what went wrong in Dutch and keeps the exact detail.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.errors import DTNError

log = logging.getLogger(__name__)


def _headlines() -> dict[str, str]:
    return {
        "KeyFormatError": QCoreApplication.translate("errors", "The key file is not a valid minisign key"),
        "KeyPasswordError": QCoreApplication.translate("errors", "The secret key could not be unlocked"),
        "SignatureFormatError": QCoreApplication.translate("errors", "The signature is damaged"),
        "SignatureAlgorithmError": QCoreApplication.translate("errors", "The signature uses an algorithm that is not accepted"),
        "UnknownKeyError": QCoreApplication.translate("errors", "Signed by an unknown key"),
        "RevokedKeyError": QCoreApplication.translate("errors", "Signed by a revoked key"),
        "KeyRoleError": QCoreApplication.translate("errors", "The key may not sign this kind of document"),
        "SignatureInvalidError": QCoreApplication.translate("errors", "The signature does not match: altered or forged"),
        "ArchiveError": QCoreApplication.translate("errors", "The file is not a valid bundle"),
        "UnsafeArchiveError": QCoreApplication.translate("errors", "The bundle has an unsafe structure"),
        "LimitExceededError": QCoreApplication.translate("errors", "The bundle exceeds a size limit"),
        "ManifestError": QCoreApplication.translate("errors", "The bundle's contents list is invalid"),
        "IntegrityError": QCoreApplication.translate("errors", "A file in the bundle was altered, added or removed"),
        "SourceError": QCoreApplication.translate("errors", "The edition source has a problem"),
        "TrustStoreError": QCoreApplication.translate("errors", "The trust store could not be changed"),
        "RollbackError": QCoreApplication.translate("errors", "Older than what the library already holds"),
        "NotFoundError": QCoreApplication.translate("errors", "Not found"),
        "LibraryError": QCoreApplication.translate("errors", "The library could not complete the operation"),
        "LibraryStorageError": QCoreApplication.translate("errors", "The library's disk or database failed"),
        "LibraryDiskFullError": QCoreApplication.translate("errors", "The library's disk is full"),
        "LibraryReadOnlyError": QCoreApplication.translate("errors", "The library folder is read-only"),
        "LibraryBusyError": QCoreApplication.translate("errors", "The library is in use by another program"),
        "LibraryDamagedError": QCoreApplication.translate("errors", "The library database is damaged"),
        "CancelledError": QCoreApplication.translate("errors", "Cancelled"),
        "ExportError": QCoreApplication.translate("errors", "Export failed"),
        "RenderError": QCoreApplication.translate("errors", "The chapter could not be shown"),
        "FeedError": QCoreApplication.translate("errors", "The feed was refused"),
        "DownloadError": QCoreApplication.translate("errors", "The download failed"),
    }


def error_headline(error_type: str) -> str:
    """A translated one-line summary for an error class name ('' if there is none)."""
    return _headlines().get(error_type, "")


def reason_text(error_type: str | None, reason: str) -> str:
    """'<translated headline>: <exact core message>' for reports and tables."""
    headline = error_headline(error_type or "")
    return f"{headline}: {reason}" if headline and reason else (reason or headline)


def error_text(exc: BaseException) -> str:
    """A message a person can act on; bugs get a generic text and go to the log."""
    if isinstance(exc, DTNError):
        return reason_text(type(exc).__name__, str(exc))
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate("errors", "An unexpected error occurred: %1").replace("%1", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("errors", "DTN Reader"), error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(QCoreApplication.translate("errors", "Error message"))
    box.exec()
