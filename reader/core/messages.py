"""Error messages in the user's language, from one table per language.

``resources/messages/<language>.json`` maps an error code to a message with
``{param}`` placeholders filled from the error's params. A code a table does
not know, or a message whose params are missing, falls back to the code of the
error's class and its ancestors (their messages need no params), then to the
generic ``error`` message: a reader always gets one whole sentence in one
language, never an English detail behind a translated headline.

Params can hold text from a signed bundle (file names, ids); they are shown as
plain text, with control characters made visible and their length capped.
"""

from __future__ import annotations

import json
import logging
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from reader.core.errors import DTNError
from reader.core.paths import resource_path

log = logging.getLogger(__name__)

MESSAGES_FOLDER = "messages"
MESSAGE_LANGUAGES: tuple[str, ...] = ("nl", "en")
GENERIC_CODE = "error"
# A param longer than this many characters is cut and ends in an ellipsis.
MAX_PARAM_CHARS = 200

ValueFormatter = Callable[[str, Any], str]

_FORMATTER = string.Formatter()


@lru_cache(maxsize=len(MESSAGE_LANGUAGES))
def message_table(language: str) -> dict[str, str]:
    """The code -> message table of ``language`` (an unknown language gets the English one)."""
    if language not in MESSAGE_LANGUAGES:
        language = "en"
    path = resource_path(MESSAGES_FOLDER, f"{language}.json")
    with open(path, encoding="utf-8") as fh:
        table = json.load(fh)
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path} must map codes to messages")  # a packaging bug, not a user error
    return table


def placeholders(message: str) -> set[str]:
    """The ``{param}`` names a message uses."""
    return {field for _, field, _, _ in _FORMATTER.parse(message) if field}


def class_codes(error_type: type[DTNError]) -> list[str]:
    """The codes of an error class and its ancestors, most precise first, ending with ``error``."""
    codes = [cls.__dict__["code"] for cls in error_type.__mro__ if isinstance(cls.__dict__.get("code"), str)]
    return list(dict.fromkeys(codes))


def codes_for(error: DTNError) -> list[str]:
    """The codes to look up for ``error``: its own, then its class's and the ancestors'."""
    return list(dict.fromkeys([error.code, *class_codes(type(error))]))


def plain_value(value: Any) -> str:
    """A param as one line of plain text: lists joined, control characters shown as \\xNN, length capped."""
    if isinstance(value, (list, tuple, set, frozenset)):
        text = ", ".join(str(v) for v in value)
    else:
        text = "" if value is None else str(value)
    shown = "".join(
        f"\\x{ord(ch):02x}" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text
    )
    return shown if len(shown) <= MAX_PARAM_CHARS else shown[: MAX_PARAM_CHARS - 1] + "\u2026"


def render(
    codes: Iterable[str],
    params: Mapping[str, Any],
    language: str,
    format_value: ValueFormatter | None = None,
) -> str:
    """The first of ``codes`` whose message the params can fill, in ``language``.

    ``format_value(name, value)`` turns one param into text (the window formats
    dates and numbers for its locale there); its result is made plain text too.
    """
    table = message_table(language)
    for code in codes:
        message = table.get(code)
        if message is None:
            continue
        needed = placeholders(message)
        if not needed <= params.keys():
            log.debug("message %r lacks params %s", code, sorted(needed - params.keys()))
            continue
        values = {name: plain_value(format_value(name, params[name]) if format_value else params[name]) for name in needed}
        return _FORMATTER.vformat(message, (), values).strip()
    return table[GENERIC_CODE]


def error_message(error: DTNError, language: str, format_value: ValueFormatter | None = None) -> str:
    """``error`` as one message in ``language``."""
    return render(codes_for(error), error.params, language, format_value)
