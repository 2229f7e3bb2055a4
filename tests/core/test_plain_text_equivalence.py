"""plain_text's faster patterns give exactly what the straightforward patterns give.

The straightforward forms (a lookbehind first, so the regex engine tries every
position) are kept here as the reference; plain_text must agree on any input.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.plaintext import plain_text

REPO = Path(__file__).resolve().parents[2]

REFERENCE_STEPS = (
    (re.compile(r"^[ \t]{0,3}\[\^[^\]\n]{0,200}\]:", re.M), " "),
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*\S[^\n]*", re.M), " "),
    (re.compile(r"!\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])?"), r" \1 "),
    (re.compile(r"\[\^[^\[\]\n]*\]"), " "),
    (re.compile(r"\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]*)>", re.I), r"\1"),
    (re.compile(r"<[^<>\n]*>"), " "),
    (re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?", re.M), ""),
    (re.compile(r"\|"), " "),
    (re.compile(r"(?<!\S)(?::?-{2,}:?|[=*_]{3,}|#+)(?!\S)"), " "),
    (re.compile(r"(?<!\w)[*_~]+|[*_~]+(?!\w)"), ""),
    (re.compile(r"`+"), ""),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
)


def reference_plain_text(markdown_text: str) -> str:
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, replacement in REFERENCE_STEPS:
        text = pattern.sub(replacement, text)
    text = unicodedata.normalize("NFC", html.unescape(text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


MARKUP = st.lists(
    st.sampled_from(
        list("*_~-:=#`[]()!^<>|\\ \t\n\rab1é.&;") + ["\u00a0", "\u2003", "\u2028", "\x85", "\x0b", "\x1c", "&#13;", "&#10;", "http:", "&amp;", "\n\n", "   ", "**", "---", "]:"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=4000, suppress_health_check=list(HealthCheck), deadline=None)
@given(MARKUP)
def test_same_as_reference_on_any_markup(text: str) -> None:
    assert plain_text(text) == reference_plain_text(text)


def test_same_as_reference_on_the_demo_chapters() -> None:
    chapters = sorted((REPO / "resources" / "demo" / "editions").glob("*/chapters/*.md"))
    assert chapters
    for path in chapters:
        text = path.read_text("utf-8")
        assert plain_text(text) == reference_plain_text(text), path


# Lines as list and quote markers start them (the line-marker step matches from the newline
# before each line): markers of every kind, Unicode digits, and what only looks like one.
LINE_START = st.sampled_from(
    ["", " ", "   ", "\t", ">", "> ", ">>", " > ", "-", "- ", "* ", "+\t", "1. ", "1)", "12) ", "1234567890. ",
     "\u0663. ", "\uff11) ", "\u00b2. ", "#", "-- ", "**", "1.", "a. ", "\u00a0- ", "\x0b", "]: "]
)
LINES = st.lists(st.tuples(LINE_START, st.sampled_from(["", "woord", "- b", "1. c", " ", "*x*", "[a](b)"])), max_size=12).map(
    lambda lines: "\n".join(start + rest for start, rest in lines)
)


@settings(max_examples=3000, suppress_health_check=list(HealthCheck), deadline=None)
@given(LINES, st.sampled_from(["", "\n", "\r\n", "\r", " "]))
def test_same_as_reference_on_line_markers(text: str, edge: str) -> None:
    for variant in (text, edge + text, text + edge):
        assert plain_text(variant) == reference_plain_text(variant)
