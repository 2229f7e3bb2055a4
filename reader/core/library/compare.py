"""Comparing two editions: chapters matched by id, then by title, and diffed paragraph by
paragraph; and, by the same rules, what changed since the previous edition."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from reader.core.library.models import ChapterComparison, ChapterInfo, Comparison, DiffPart, Edition, LevelPoint
from reader.core.library.queries import CHAPTER_SQL, chapter_info_from_row, chapters, edition, previous_edition

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase


def compare(lib: LibraryBase, a: int, b: int) -> Comparison:
    """Compare two editions (pks): level, chapters added, removed and changed, paragraph diffs.

    ``a`` should be the older and ``b`` the newer; given the other way round they are
    swapped (by date, then revision). Chapters are matched by chapter id, the rest by
    their normalised title. A chapter in both is "changed" when its title or its text
    (paragraph by paragraph, blank lines and trailing spaces aside) differs.
    Raises NotFoundError for an unknown edition.
    """
    first, second = edition(lib, a), edition(lib, b)
    if (first.date, first.revision, first.pk) > (second.date, second.revision, second.pk):
        first, second = second, first
    old, new = _chapters_with_text(lib, first.pk), _chapters_with_text(lib, second.pk)
    match = match_chapters([info for info, _text in old], [info for info, _text in new])
    old_of = {j: i for i, j in match.items()}
    entries: list[ChapterComparison] = []
    for j, (info, text) in enumerate(new):
        i = old_of.get(j)
        if i is None:
            entries.append(ChapterComparison("added", None, info, paragraph_diff("", text)[0]))
            continue
        before, before_text = old[i]
        if before.title == info.title and paragraphs(before_text) == paragraphs(text):
            entries.append(ChapterComparison("unchanged", before, info, paragraph_diff(before_text, text)[0]))
        else:
            diff, capped = paragraph_diff(before_text, text)
            entries.append(ChapterComparison("changed", before, info, diff, capped))
    # Each removed chapter goes after the entry of the old chapter it followed.
    removed_after: dict[int | None, list[ChapterComparison]] = {}
    anchor: int | None = None
    for i, (info, text) in enumerate(old):
        if i in match:
            anchor = match[i]
        else:
            removed_after.setdefault(anchor, []).append(ChapterComparison("removed", info, None, paragraph_diff(text, "")[0]))
    chapters = list(removed_after.get(None, []))
    for j, entry in enumerate(entries):
        chapters.append(entry)
        chapters.extend(removed_after.get(j, []))
    return Comparison(
        a=first,
        b=second,
        level_changed=(first.level_value, first.level_label, first.level_scale)
        != (second.level_value, second.level_label, second.level_scale),
        level_a=_national_level(first),
        level_b=_national_level(second),
        chapters=chapters,
    )


def match_chapters(old: list[ChapterInfo], new: list[ChapterInfo]) -> dict[int, int]:
    """Which chapter of the older edition is which of the newer (old index -> new index):
    first by chapter id, then what is left by normalised title. The one rule of "the same
    chapter" for Compare and for what changed since the previous edition."""
    match: dict[int, int] = {}
    new_by_id = {info.chapter_id: j for j, info in reversed(list(enumerate(new)))}
    for i, info in enumerate(old):
        j = new_by_id.get(info.chapter_id)
        if j is not None and j not in match.values():
            match[i] = j
    taken = set(match.values())
    new_by_title: dict[str, int] = {}
    for j, info in enumerate(new):
        if j not in taken:
            new_by_title.setdefault(normalised_title(info.title), j)
    for i, info in enumerate(old):
        if i not in match:
            j = new_by_title.pop(normalised_title(info.title), None)
            if j is not None:
                match[i] = j
    return match


def level_changed(older: Edition, newer: Edition) -> bool:
    """Whether the national level differs: its number, word or scale."""
    return (older.level_value, older.level_label, older.level_scale) != (newer.level_value, newer.level_label, newer.level_scale)


def changes_since_previous(lib: LibraryBase, edition: Edition) -> dict[str, Any]:
    """What changed against the previous edition: level, chapters added and removed (titles),
    by the same rules as ``compare``."""
    prev = previous_edition(lib, edition)
    now = chapters(lib, edition.pk)
    if prev is None:
        return {"previous": None, "level_changed": False, "added": [c.title for c in now], "removed": []}
    before = chapters(lib, prev.pk)
    match = match_chapters(before, now)
    matched_new = set(match.values())
    return {
        "previous": prev,
        "level_changed": level_changed(prev, edition),
        "added": [c.title for j, c in enumerate(now) if j not in matched_new],
        "removed": [c.title for i, c in enumerate(before) if i not in match],
    }


def _chapters_with_text(lib: LibraryBase, edition_pk: int) -> list[tuple[ChapterInfo, str]]:
    sql = CHAPTER_SQL.replace("c.theme_chapter,", "c.theme_chapter, c.markdown,") + " WHERE c.edition_pk = ? ORDER BY c.ord"
    return [(chapter_info_from_row(r), r["markdown"]) for r in lib.db.query(sql, [edition_pk])]


# The changed middle of a chapter (what is left after its common first and last paragraphs)
# is diffed paragraph by paragraph up to this many paragraphs a side; beyond, it is one
# replaced block. difflib's matching grows with the product of both lengths.
MAX_DIFF_PARAGRAPHS = 400

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def paragraphs(markdown: str) -> list[str]:
    """Markdown text split on blank lines; each paragraph without its trailing spaces, empty ones dropped."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    found = (part.strip("\n").rstrip() for part in _BLANK_LINE_RE.split(text))
    return [part for part in found if part.strip()]


def normalised_title(title: str) -> str:
    """A title for matching: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold()))


def _joined(parts: list[str]) -> str:
    return "\n\n".join(parts)


def _block(a: list[str], b: list[str]) -> DiffPart:
    op = "replace" if a and b else "delete" if a else "insert"
    return DiffPart(op, _joined(a), _joined(b))


def paragraph_diff(a_text: str, b_text: str, max_paragraphs: int = MAX_DIFF_PARAGRAPHS) -> tuple[list[DiffPart], bool]:
    """The paragraph diff of two Markdown texts, and whether it was capped.

    The common first and last paragraphs are set aside first (cheap); the middle is diffed
    with difflib.SequenceMatcher when neither side has more than ``max_paragraphs``
    paragraphs, else it is one replaced block (capped).
    """
    a, b = paragraphs(a_text), paragraphs(b_text)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    parts: list[DiffPart] = []
    if start:
        parts.append(DiffPart("equal", _joined(a[:start]), _joined(b[:start])))
    capped = False
    if middle_a or middle_b:
        if len(middle_a) > max_paragraphs or len(middle_b) > max_paragraphs:
            capped = True
            parts.append(_block(middle_a, middle_b))
        else:
            matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                parts.append(DiffPart(op, _joined(middle_a[i1:i2]), _joined(middle_b[j1:j2])))
    if end:
        parts.append(DiffPart("equal", _joined(a[len(a) - end:]), _joined(b[len(b) - end:])))
    return parts, capped


def _national_level(edition: Edition) -> LevelPoint:
    return LevelPoint(
        edition.level_since, edition.level_value, edition.level_label, edition.level_scale, "national",
        edition.bundle_id, edition.pk, demo=edition.demo,
    )
