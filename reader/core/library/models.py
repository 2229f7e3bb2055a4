"""What the library hands out: editions, chapters, levels, search hits, checklists,
audit rows, import results and comparisons. Plain values, no database behind them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from reader.core.errors import DTNError
from reader.core.library.changes import AUDIT, EDITIONS, Changes
from reader.core.vocabulary import level_rank

# progress(done, total), called by long library work.
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    source: str
    status: str  # "imported" | "present" | "rejected"
    sha256: str | None = None
    bundle_id: str | None = None
    revision: int | None = None
    edition: str | None = None
    signer: str | None = None
    signer_key_id: str | None = None
    files_checked: int = 0
    reason: str | None = None
    error_type: str | None = None
    superseded: int | None = None  # revision it replaced
    demo: bool = False
    error_code: str | None = None  # a rejection's code and params (reader.core.messages says it in any language)
    error_params: dict[str, Any] | None = None

    def record_error(self, error: DTNError) -> ImportResult:
        """Keep why ``error`` stopped this bundle: its message, class, code and params."""
        self.reason, self.error_type = str(error), type(error).__name__
        self.error_code, self.error_params = error.code, dict(error.params)
        return self

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    @property
    def changes(self) -> Changes:
        """What importing this file touched: every import writes an audit row; only a new one
        changes the editions."""
        return EDITIONS | AUDIT if self.status == "imported" else AUDIT

    def line(self) -> str:
        demo = " [DEMO]" if self.demo else ""
        if self.status == "imported":
            extra = f", replaces revision {self.superseded}" if self.superseded else ""
            return f"imported: {self.source}: {self.edition} ({self.bundle_id} revision {self.revision}{extra}), signed by {self.signer}{demo}"
        if self.status == "present":
            return f"already present: {self.source}: {self.bundle_id} revision {self.revision}{demo}"
        return f"rejected: {self.source}: {self.reason}"


@dataclass
class Edition:
    pk: int
    bundle_id: str
    revision: int
    number: int | None
    date: str
    name: str
    title: str
    summary: str
    level_value: int
    level_label: str
    level_scale: str
    level_since: str
    demo: bool
    publisher: str
    language: str
    created: str
    sha256: str
    signer_key_id: str
    signer_name: str
    imported_at: str
    superseded_by: int | None
    hidden_reason: str | None
    chapter_count: int = 0

    @property
    def key(self) -> str:
        return f"{self.bundle_id}@{self.revision}"

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ChapterInfo:
    pk: int
    edition_pk: int
    ord: int
    chapter_id: str
    title: str
    themes: list[str]
    file: str
    theme_chapter: bool
    edition_name: str = ""
    edition_date: str = ""
    bundle_id: str = ""


@dataclass
class Chapter(ChapterInfo):
    markdown: str = ""
    html: str = ""
    toc: list[dict] = field(default_factory=list)
    placeholder: bool = False


@dataclass
class SearchHit:
    chapter_pk: int
    edition_pk: int
    bundle_id: str
    edition_name: str
    edition_date: str
    chapter_id: str
    title: str
    themes: list[str]
    snippet: str  # HTML-escaped text with <mark> around hits
    rank: float
    demo: bool


@dataclass
class LevelPoint:
    date: str
    value: int
    label: str
    scale: str
    region: str  # "national" or the region of an event
    edition: str  # bundle id
    edition_pk: int
    end: str | None = None
    note: str = ""
    demo: bool = False

    @property
    def national(self) -> bool:
        return self.region == "national"


@dataclass
class ChecklistItemState:
    item_id: str
    text: str
    priority: str
    ticked: bool
    note: str
    updated_at: str | None


@dataclass
class ChecklistView:
    checklist_id: str
    partner: str
    title: str
    items: list[ChecklistItemState]
    bundle_id: str = ""  # the edition the ticks and notes belong to (through all its revisions)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.ticked)


@dataclass
class AuditEntry:
    id: int
    time: str
    source: str
    sha256: str | None
    result: str
    reason: str | None
    signer: str | None
    bundle_id: str | None
    revision: int | None
    error_type: str | None = None
    error_code: str | None = None  # the rejection's code and params, to say it in the reader's language
    error_params: dict[str, Any] | None = None


@dataclass(frozen=True)
class CarryOver:
    """Notes on open items of the previous edition's checklist that an edition's checklist could take."""

    from_bundle_id: str
    from_edition: str  # its name
    notes: dict[str, str]  # item id -> note


@dataclass(frozen=True)
class Bookmark:
    """A bookmark and, when its edition is in the library, where it points now."""

    pk: int
    bundle_id: str
    chapter_id: str
    anchor: str  # a section's heading id; "" for the chapter itself
    note: str
    created_at: str
    updated_at: str
    edition_pk: int | None  # the edition's current revision; None when it is not in the library
    edition_name: str
    edition_date: str
    demo: bool
    chapter_pk: int | None  # None when the chapter is not (or no longer) in that edition
    chapter_title: str
    section_title: str  # the heading ``anchor`` names, when known

    @property
    def available(self) -> bool:
        return self.chapter_pk is not None


@dataclass(frozen=True)
class BookmarkImport:
    """What an import did: bookmarks added, notes updated (the file's were newer), left as they were."""

    added: int
    updated: int
    unchanged: int


class DiffPart(NamedTuple):
    """One step of a paragraph diff: ``op`` is "equal", "insert", "delete" or "replace";
    the texts are the paragraphs of that step (joined by a blank line) in the older and the
    newer chapter ("" where a side has none)."""

    op: str
    a_text: str
    b_text: str


@dataclass
class ChapterComparison:
    """One chapter of a comparison: ``a`` in the older edition, ``b`` in the newer (None where absent)."""

    status: str  # "added" | "removed" | "changed" | "unchanged"
    a: ChapterInfo | None
    b: ChapterInfo | None
    # The paragraph diff; for an added chapter one insert, a removed one one delete, an unchanged one equal.
    diff: list[DiffPart] = field(default_factory=list)
    diff_capped: bool = False  # the changed middle was too long to diff paragraph by paragraph

    @property
    def title(self) -> str:
        return (self.b or self.a).title

    @property
    def title_changed(self) -> bool:
        return self.a is not None and self.b is not None and self.a.title != self.b.title


@dataclass
class Comparison:
    """Two editions compared: ``a`` the older, ``b`` the newer.

    ``chapters`` is in the newer edition's order, each removed chapter placed after the
    chapter it followed in the older edition.
    """

    a: Edition
    b: Edition
    level_changed: bool
    level_a: LevelPoint  # the national level of each edition
    level_b: LevelPoint
    chapters: list[ChapterComparison]

    def _with(self, status: str) -> list[ChapterComparison]:
        return [c for c in self.chapters if c.status == status]

    @property
    def added(self) -> list[ChapterComparison]:
        return self._with("added")

    @property
    def removed(self) -> list[ChapterComparison]:
        return self._with("removed")

    @property
    def changed(self) -> list[ChapterComparison]:
        return self._with("changed")

    @property
    def unchanged(self) -> list[ChapterComparison]:
        return self._with("unchanged")

    @property
    def scale_changed(self) -> bool:
        return self.level_a.scale != self.level_b.scale

    @property
    def level_direction(self) -> str:
        """"raised", "lowered" or "same", by the level's word (the same word on the old
        four-level and the new five-level scale is the same level)."""
        rank_a, rank_b = (level_rank(level.value, level.label, level.scale) for level in (self.level_a, self.level_b))
        return "raised" if rank_b > rank_a else "lowered" if rank_b < rank_a else "same"
