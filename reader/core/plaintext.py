"""Markdown chapters to plain text for the full-text index (no Markdown parse)."""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["plain_text"]


# --- plain text for the search index ----------------------------------------------

# Every pattern is linear: repeats are over negated classes bounded by the
# delimiter that ends them, so no input makes them backtrack. Patterns start
# with a character (class) where they can, so the regex engine skips ahead to
# candidates instead of trying every position (about 3x faster on chapters);
# a step with needles is skipped when the text holds none of those literals,
# one of which every match contains. The line markers are matched from the
# newline before each line (plain_text puts one before the first): a literal
# first character the engine finds at once, where '^' is tried at every
# position (9x faster), and only where a marker character follows.
_PLAIN_STEPS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"^[ \t]{0,3}\[\^[^\]\n]{0,200}\]:", re.M), " ", ("]:",)),  # footnote definition label
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*\S[^\n]*", re.M), " ", ("]:",)),  # link definition
    (re.compile(r"!\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])?"), r" \1 ", ("![",)),  # image -> alt
    (re.compile(r"\[\^[^\[\]\n]*\]"), " ", ("[^",)),  # footnote reference
    (re.compile(r"\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])"), r"\1", ("](", "][")),  # link -> text
    (re.compile(r"<((?:https?|mailto):[^<>\s]*)>", re.I), r"\1", ("<",)),  # autolink -> URL
    (re.compile(r"<[^<>\n]*>"), " ", ("<",)),  # raw HTML tag
    (re.compile(r"\n(?=[ \t>*+-]|\d)[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"), "\n", ()),  # quote/list markers
    (re.compile(r"\|"), " ", ("|",)),  # table cells
    # Rules, underlines, '#': a whole whitespace-delimited token of ':?-{2,}:?', '[=*_]{3,}'
    # or '#+' (the first character taken, then the boundary before it looked at).
    (re.compile(r"[:\-=*_#](?<!\S.)(?:(?<=:)-{2,}:?|(?<=-)-+:?|(?<=[=*_])[=*_]{2,}|(?<=#)#*)(?!\S)"), " ", ()),
    # Emphasis marks at word edges: a run after a non-word character, else a run before one.
    (re.compile(r"[*_~](?:(?<!\w[*_~])[*_~]*|[*_~]*(?!\w))"), "", ()),
    (re.compile(r"``*"), "", ("`",)),  # code marks
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1", ("\\",)),  # backslash escapes
)


def plain_text(markdown_text: str) -> str:
    """The words of a chapter without Markdown markup, for the full-text index.

    Regular expressions only (no Markdown parse), linear in the input, so it
    is cheap on any input. Link texts and image alt texts are kept, URLs of
    links are dropped, character references are decoded, and the result is
    NFC-normalised so "reëel" is indexed as one form.

    Args:
        markdown_text: a chapter's Markdown.

    Returns:
        Text lines with single spaces, without empty lines.
    """
    # The newline put first (for the line markers' step) makes an empty first line, dropped below.
    text = "\n" + markdown_text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, replacement, needles in _PLAIN_STEPS:
        if not needles or any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    text = unicodedata.normalize("NFC", html.unescape(text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
