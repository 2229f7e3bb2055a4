"""What a library change touched, so that each view reloads only for what it shows.

Every room that changes the library notes the areas it touched on the library
(``LibraryBase.note``), after the change is written; whoever ran the call takes them with
``Library.take_changes()`` (the window's task runner does so after every task and
broadcasts them once). An import result also carries its own (``ImportResult.changes``).
This is the one place that decides which areas an operation touches.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """The areas of the library a change touched.

    editions: the index (editions, chapters, levels, themes, search; hidden or shown).
    trust: the trust store's keys (added, revoked, restored, bound to a publisher).
    reading_state: ticks and notes on checklist items, reading positions.
    bookmarks: bookmarks and their notes.
    settings: the library's settings.
    audit: the audit log gained rows.
    """

    editions: bool = False
    trust: bool = False
    reading_state: bool = False
    bookmarks: bool = False
    settings: bool = False
    audit: bool = False

    @classmethod
    def everything(cls) -> Changes:
        """Every area (for a reload that must not miss anything, e.g. a library reopened)."""
        return cls(**{f.name: True for f in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def concerns(self, areas: Changes) -> bool:
        """Whether this change touched any of ``areas``."""
        return any(getattr(self, f.name) and getattr(areas, f.name) for f in fields(self))

    @property
    def areas(self) -> tuple[str, ...]:
        """The names of the touched areas, in declaration order."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name))


NOTHING = Changes()
EDITIONS = Changes(editions=True)
TRUST = Changes(trust=True)
READING_STATE = Changes(reading_state=True)
BOOKMARKS = Changes(bookmarks=True)
SETTINGS = Changes(settings=True)
AUDIT = Changes(audit=True)
