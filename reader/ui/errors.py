"""The one place the GUI shows errors.

Core errors carry a code and the params their message was made from; the window
shows them from the message table of its language (reader.core.messages), with
dates and numbers in the locale's format: a Dutch reader gets one Dutch sentence,
an English reader the English one. The English core message is for the CLI and
the log.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core import errors as core_errors
from reader.core.errors import DTNError
from reader.core.messages import GENERIC_CODE, ValueFormatter, class_codes, error_message, render

log = logging.getLogger(__name__)

# Params that are ISO dates ("2023-12", "2019-03-18") or UTC timestamps are shown the locale's way.
_DATE_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")
_TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def current_language() -> str:
    """The window's language, as the app set it through the default QLocale.

    The app always sets it (Dutch unless the user chose English); without a Dutch
    locale the window shows its English source texts, so errors are English too.
    """
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


@lru_cache(maxsize=1)
def _error_classes() -> dict[str, type[DTNError]]:
    return {name: cls for name, cls in inspect.getmembers(core_errors, inspect.isclass) if issubclass(cls, DTNError)}


def value_formatter(language: str) -> ValueFormatter:
    """Params for ``language``: numbers, dates and timestamps (ISO text) in the locale's format."""
    from reader.ui.format import format_date, format_timestamp, locale_for

    locale = locale_for(language)

    def fmt(name: str, value: Any) -> str:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return locale.toString(value)
        if isinstance(value, float):
            return locale.toString(value, "g", 6)
        if isinstance(value, str) and _TIMESTAMP_RE.fullmatch(value):
            return format_timestamp(value, language)
        if isinstance(value, str) and _DATE_RE.fullmatch(value):
            return format_date(value, language)
        return value

    return fmt


def error_type_codes(error_type: str | None) -> list[str]:
    """The class codes of an error class named ``error_type`` ('' or unknown: just the generic one)."""
    cls = _error_classes().get(error_type or "")
    return class_codes(cls) if cls else [GENERIC_CODE]


def reason_text(
    error_type: str | None,
    reason: str | None,
    code: str | None = None,
    params: Mapping[str, Any] | None = None,
    language: str | None = None,
) -> str:
    """A stored rejection (an import report, an audit row) as one message in the window's language.

    With a code its message is made from the params; a row from before codes were kept
    shows its class's message (the English window keeps the exact English reason).
    """
    language = language or current_language()
    if code:
        return render([code, *error_type_codes(error_type)], params or {}, language, value_formatter(language))
    if error_type:
        if language == "en" and reason:
            return reason
        return render(error_type_codes(error_type), {}, language)
    return reason or ""


def stored_reason(row: Any, language: str | None = None) -> str:
    """The reason of an import result or an audit row (``reason``, ``error_type``, ``error_code``,
    ``error_params``) as one message in the window's language."""
    return reason_text(
        getattr(row, "error_type", None), getattr(row, "reason", None), getattr(row, "error_code", None), getattr(row, "error_params", None), language
    )


def error_text(exc: BaseException, language: str | None = None) -> str:
    """A message a person can act on; bugs get a generic text and go to the log."""
    language = language or current_language()
    if isinstance(exc, DTNError):
        return error_message(exc, language, value_formatter(language))
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate("errors", "An unexpected error occurred: %1").replace("%1", f"{type(exc).__name__}: {exc}")


def error_box(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """The message box for ``exc``; a user error gets "What does this mean?", which opens
    its help page in the window that owns ``parent``."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("errors", "DTN Reader"), error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names from a bundle are text, never markup
    box.setAccessibleName(QCoreApplication.translate("errors", "Error message"))
    if isinstance(exc, DTNError):
        from reader.ui.help import help_host, open_error_help, what_does_this_mean

        if help_host(parent) is not None:
            button = box.addButton(what_does_this_mean(), QMessageBox.ButtonRole.HelpRole)
            button.setAccessibleName(what_does_this_mean())
            button.clicked.connect(lambda: open_error_help(parent, exc))
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    error_box(parent, exc, title).exec()
