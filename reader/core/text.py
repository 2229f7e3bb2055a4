"""Signed text is text: the one check every string from a signed document passes.

A signature proves who wrote a string, not that it is safe to store, show or
print. Every string read from a manifest, a checklist, a trusted comment or a
feed goes through :func:`check_line` (ids, names, titles, labels: one line)
or :func:`check_multiline` (summaries, notes, item texts: newline and tab
allowed), and every date through :func:`check_date` / :func:`check_timestamp`,
before anything stores or prints it. Refused are:

- lone surrogates (``"\\ud800"``): not text at all; SQLite and every encoder
  fail on them;
- control characters (C0, DEL, C1), so no string can move a terminal's cursor,
  clear a line or start an escape sequence;
- the line and paragraph separators U+2028/U+2029 (a line break in disguise);
- bidirectional embedding, override and isolate controls (U+202A-U+202E,
  U+2066-U+2069) and the direction marks (U+200E, U+200F, U+061C), which
  reorder what a reader sees without changing what was signed;
- the byte order mark U+FEFF and the noncharacters U+FFFE/U+FFFF.

The checks name the field, the character (as ``U+XXXX``) and its position, and
raise :class:`~reader.core.errors.UnsafeTextError` or
:class:`~reader.core.errors.InvalidDateError` unless the caller names another
error class of the family (a feed reader passes its own).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from reader.core.errors import DTNError, InvalidDateError, UnsafeTextError

# Refused in every signed string; which C0 characters are refused depends on the field's kind.
_NOT_TEXT = (
    "\x7f-\x9f"  # DEL, C1
    "\ud800-\udfff"  # surrogates (only lone ones survive decoding)
    "\u2028\u2029"  # line and paragraph separator
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidirectional controls and marks
    "\ufeff\ufffe\uffff"
)
_C0_BUT_TAB_NEWLINE = "\x00-\x08\x0b-\x1f"
_LINE_BAD_RE = re.compile(f"[\x00-\x1f{_NOT_TEXT}]")
# Every character a one-line field may not hold: also what a terminal must never receive raw.
UNPRINTABLE_RE = _LINE_BAD_RE
_LINE_TAB_BAD_RE = re.compile(f"[\x00-\x08\x0a-\x1f{_NOT_TEXT}]")  # a trusted comment: minisign separates fields by tabs
_MULTILINE_BAD_RE = re.compile(f"[{_C0_BUT_TAB_NEWLINE}{_NOT_TEXT}]")
# A Markdown file may also carry carriage returns (a source written on Windows).
_DOCUMENT_BAD_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT}]")

DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
TIMESTAMP_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")
MIN_YEAR = 1900  # no DTN before 2005; older is a typo or a trick
MAX_YEAR = 2200


def char_name(ch: str) -> str:
    """``U+001B`` for one character: how messages show a character that must not be printed."""
    return f"U+{ord(ch):04X}"


def _kind(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a line break" if ch in "\n\r" else "a tab" if ch == "\t" else "a control character"
    if ch in "\u2028\u2029":
        return "a line break"
    if ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        return "a bidirectional control character"
    return "a character that is not allowed in text"


def _refuse(value: str, match: re.Match, where: str, error: type[DTNError]) -> DTNError:
    ch = match.group()
    return error(
        f"{where} contains {_kind(ch)} ({char_name(ch)}) at position {match.start() + 1}; signed text may not hold it",
        code="unsafe-text",  # the same problem whichever family reports it
        field=where,
        char=char_name(ch),
        position=match.start() + 1,
    )


def check_line(value: str, where: str, *, allow_tab: bool = False, error: type[DTNError] = UnsafeTextError) -> str:
    """``value`` if it is one line of clean text (ids, names, titles, labels). Raises ``error``."""
    match = (_LINE_TAB_BAD_RE if allow_tab else _LINE_BAD_RE).search(value)
    if match:
        raise _refuse(value, match, where, error)
    return value


def check_multiline(value: str, where: str, *, error: type[DTNError] = UnsafeTextError) -> str:
    """``value`` if it is clean text where only newline and tab may break it up. Raises ``error``."""
    match = _MULTILINE_BAD_RE.search(value)
    if match:
        raise _refuse(value, match, where, error)
    return value


def check_document(value: str, where: str, *, error: type[DTNError] = UnsafeTextError) -> str:
    """``value`` if it is a clean text document (a chapter): newline, tab and carriage return allowed."""
    match = _DOCUMENT_BAD_RE.search(value)
    if match:
        raise _refuse(value, match, where, error)
    return value


def _bad_date(value: str, where: str, what: str, error: type[DTNError]) -> DTNError:
    return error(
        f"{where} {value[:40]!r} is not a real {what}",
        code="invalid-date",
        field=where,
        value=value[:40],
    )


def check_date(value: str, where: str, *, error: type[DTNError] = InvalidDateError) -> str:
    """``value`` if it is a real calendar date ``YYYY-MM-DD`` or month ``YYYY-MM``. Raises ``error``."""
    match = DATE_RE.fullmatch(value) if value.isascii() else None
    if match is None:
        raise _bad_date(value, where, "date (YYYY-MM-DD or YYYY-MM)", error)
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        raise _bad_date(value, where, "calendar date", error) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _bad_date(value, where, f"date between {MIN_YEAR} and {MAX_YEAR}", error)
    return value


def check_timestamp(value: str, where: str, *, error: type[DTNError] = InvalidDateError) -> str:
    """``value`` if it is a real UTC time ``YYYY-MM-DDTHH:MM:SSZ``. Raises ``error``."""
    match = TIMESTAMP_RE.fullmatch(value) if value.isascii() else None
    if match is None:
        raise _bad_date(value, where, "time (YYYY-MM-DDTHH:MM:SSZ)", error)
    try:
        when = datetime(*(int(part) for part in match.groups()))
    except ValueError:
        raise _bad_date(value, where, "calendar time", error) from None
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        raise _bad_date(value, where, f"time between {MIN_YEAR} and {MAX_YEAR}", error)
    return value
