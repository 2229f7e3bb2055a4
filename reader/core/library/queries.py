"""Queries: editions, chapters (rendered on first view), assets, levels and themes."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING

from reader.core.bundle import FileEntry, read_member
from reader.core.errors import NotFoundError
from reader.core.library import failures
from reader.core.library.current import CURRENT_EDITION_SQL, EDITION_SQL, LEVEL_EDITIONS_SQL, NEWEST_FIRST, VISIBLE, edition_from_row
from reader.core.library.models import Chapter, ChapterInfo, Edition, LevelPoint
from reader.core.render import RenderedChapter, render_chapter
from reader.core.vocabulary import THEMES

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase


def json_list(text: str | None) -> list:
    return json.loads(text) if text else []




def editions(lib: LibraryBase, *, include_superseded: bool = False, include_hidden: bool = False) -> list[Edition]:
    """Editions newest first."""
    where = []
    if not include_superseded:
        where.append("e.superseded_by IS NULL")
    if not include_hidden:
        where.append("e.hidden_reason IS NULL")
    sql = EDITION_SQL + (f" WHERE {' AND '.join(where)}" if where else "") + f" ORDER BY {NEWEST_FIRST}"
    return [edition_from_row(r) for r in lib.db.query(sql)]


def edition(lib: LibraryBase, key: str | int) -> Edition:
    """An edition by pk, ``bundle_id`` (its newest revision) or ``bundle_id@revision``. Raises NotFoundError."""
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        rows = list(lib.db.query(EDITION_SQL + " WHERE e.pk = ?", [int(key)]))
    elif "@" in key:
        bundle_id, _, rev = key.partition("@")
        rows = list(lib.db.query(EDITION_SQL + " WHERE e.bundle_id = ? AND e.revision = ?", [bundle_id, rev]))
    else:
        rows = list(
            lib.db.query(EDITION_SQL + " WHERE e.bundle_id = ? ORDER BY e.revision DESC LIMIT 1", [key])
        )
    if not rows:
        raise NotFoundError(f"no edition {key!r} in the library; 'dtn list' shows what there is", code="edition-not-found", key=key)
    return edition_from_row(rows[0])


def level_editions(lib: LibraryBase) -> list[Edition]:
    """The editions that may set the current level, its history and "what changed", newest
    first: the real ones while the library holds any, else the demo ones. The demo key's
    secret ships with the app, so demo content never speaks next to real content (the rule
    is current.LEVEL_EDITIONS_WHERE)."""
    return [edition_from_row(r) for r in lib.db.query(LEVEL_EDITIONS_SQL)]


def latest_edition(lib: LibraryBase) -> Edition | None:
    """The edition whose level is the current one (see level_editions)."""
    rows = list(lib.db.query(CURRENT_EDITION_SQL))
    return edition_from_row(rows[0]) if rows else None


# The newest visible edition of one kind (demo or not) before a date and bundle id, picked
# by pk first so that only its chapters are counted (not every edition's: 24 ms for 1,000).
PREVIOUS_EDITION_SQL = f"""{EDITION_SQL} WHERE e.pk = (
    SELECT e.pk FROM editions e WHERE {VISIBLE} AND e.demo = ? AND (e.date, e.bundle_id) < (?, ?)
    ORDER BY {NEWEST_FIRST} LIMIT 1)"""


def previous_edition(lib: LibraryBase, edition: Edition) -> Edition | None:
    """The edition before ``edition`` of the same kind: a real edition's is real, a demo edition's
    demo. Of the visible editions, newest first, the first with a smaller (date, bundle id)."""
    rows = list(lib.db.query(PREVIOUS_EDITION_SQL, [int(edition.demo), edition.date, edition.bundle_id]))
    return edition_from_row(rows[0]) if rows else None


def chapter_info_from_row(row: dict) -> ChapterInfo:
    return ChapterInfo(
        pk=row["pk"], edition_pk=row["edition_pk"], ord=row["ord"], chapter_id=row["chapter_id"],
        title=row["title"], themes=json_list(row["themes"]), file=row["file"],
        theme_chapter=bool(row["theme_chapter"]), edition_name=row.get("edition_name", ""),
        edition_date=row.get("edition_date", ""), bundle_id=row.get("bundle_id", ""),
    )


CHAPTER_SQL = """SELECT c.pk, c.edition_pk, c.ord, c.chapter_id, c.title, c.themes, c.file, c.theme_chapter,
                         e.name AS edition_name, e.date AS edition_date, e.bundle_id
                  FROM chapters c JOIN editions e ON e.pk = c.edition_pk"""


def chapters(lib: LibraryBase, edition_pk: int) -> list[ChapterInfo]:
    return [chapter_info_from_row(r) for r in lib.db.query(CHAPTER_SQL + " WHERE c.edition_pk = ? ORDER BY c.ord", [edition_pk])]


def chapter(lib: LibraryBase, chapter_pk: int) -> Chapter:
    """A chapter with its rendered HTML (rendered on first view, then cached)."""
    rows = list(lib.db.query(CHAPTER_SQL.replace("c.theme_chapter,", "c.theme_chapter, c.markdown, c.html, c.toc, c.placeholder,") + " WHERE c.pk = ?", [chapter_pk]))
    if not rows:
        raise NotFoundError(f"no chapter {chapter_pk} in the library", code="chapter-not-found", chapter=chapter_pk)
    row = rows[0]
    info = chapter_info_from_row(row)
    if row["html"] is None:
        rendered = _render(lib, row)
        with _derived_write(lib):
            _keep_rendered(lib, chapter_pk, rendered)
        html_text, toc, placeholder = rendered.html, [asdict(t) for t in rendered.toc], rendered.placeholder
    else:
        html_text, toc, placeholder = row["html"], json_list(row["toc"]), bool(row["placeholder"])
    return Chapter(**asdict(info), markdown=row["markdown"], html=html_text, toc=toc, placeholder=placeholder)


@contextmanager
def _derived_write(lib: LibraryBase) -> Iterator[None]:
    """One transaction that writes only derived data (rendered HTML, which the deep check
    re-renders from the signed Markdown and compares), committed without waiting for the
    disk (WAL with ``synchronous = NORMAL``): a power cut may lose it, never damage the
    library, and a lost chapter is rendered again when opened. Imports and the reader's own
    state keep their durable commits; the connection's setting is restored after."""
    previous = lib.db.execute("PRAGMA synchronous").fetchone()[0]
    lib.db.execute("PRAGMA synchronous = NORMAL")
    try:
        with lib.db.atomic():
            yield
    finally:
        lib.db.execute(f"PRAGMA synchronous = {int(previous)}")


def _keep_rendered(lib: LibraryBase, chapter_pk: int, rendered: RenderedChapter) -> None:
    """Store a chapter's rendered HTML and contents (derived data: the deep check re-renders
    the signed Markdown and compares)."""
    lib.db.execute(
        "UPDATE chapters SET html = ?, toc = ?, placeholder = ? WHERE pk = ?",
        [rendered.html, json.dumps([asdict(t) for t in rendered.toc]), int(rendered.placeholder), chapter_pk],
    )


def render_ahead(lib: LibraryBase, chapter_pks: Iterable[int], cancel: threading.Event | None = None) -> int:
    """Render the chapters among ``chapter_pks`` that were never shown, so that opening one
    later reads its HTML instead of waiting for the renderer.

    The same render and the same stored columns as :func:`chapter` on a first view, so a
    chapter shows the same whether it was rendered ahead or when opened. All renders first,
    then one short transaction, so the library is not held while the renderer works; a
    chapter that :func:`chapter` stored meanwhile is left as it is. When ``cancel`` is set it
    renders no further and stores what it has. While another program is changing the
    library it stores nothing rather than wait (the chapters are rendered when opened).
    Returns how many chapters were stored.
    """
    rendered: list[tuple[int, RenderedChapter]] = []
    for chapter_pk in dict.fromkeys(chapter_pks):
        if cancel is not None and cancel.is_set():
            break
        rows = list(lib.db.query("SELECT pk, edition_pk, markdown FROM chapters WHERE pk = ? AND html IS NULL", [chapter_pk]))
        if rows:
            rendered.append((chapter_pk, _render(lib, rows[0])))
    if not rendered:
        return 0
    stored = 0
    lib.db.execute("PRAGMA busy_timeout = 0")
    try:
        with _derived_write(lib):
            for chapter_pk, result in rendered:
                if lib.db.execute("SELECT html IS NULL FROM chapters WHERE pk = ?", [chapter_pk]).fetchone() == (1,):
                    _keep_rendered(lib, chapter_pk, result)
                    stored += 1
    except sqlite3.OperationalError as exc:
        if not failures.is_busy(exc):
            raise
        return 0
    finally:
        lib.db.execute(f"PRAGMA busy_timeout = {lib.limits.busy_timeout_ms}")
    return stored


# The latest edition's first chapter is where the overview leads; after an import no
# chapter's HTML is kept, and its first view would wait for the renderer to start.
LATEST_CHAPTERS_AHEAD = 1


def render_latest_ahead(lib: LibraryBase, cancel: threading.Event | None = None) -> int:
    """Render the first chapter(s) of the latest edition (see :func:`latest_edition`) unless
    they are kept already, as :func:`render_ahead` does: when they are, this is two queries
    and starts no renderer. Returns how many chapters were stored."""
    latest = latest_edition(lib)
    if latest is None:
        return 0
    pks = [info.pk for info in chapters(lib, latest.pk)[:LATEST_CHAPTERS_AHEAD]]
    return render_ahead(lib, pks, cancel)


def chapter_by_id(lib: LibraryBase, edition_pk: int, chapter_id: str) -> ChapterInfo:
    rows = list(lib.db.query(CHAPTER_SQL + " WHERE c.edition_pk = ? AND c.chapter_id = ?", [edition_pk, chapter_id]))
    if not rows:
        raise NotFoundError(f"no chapter {chapter_id!r} in this edition", code="chapter-id-not-found", chapter=chapter_id)
    return chapter_info_from_row(rows[0])


def _render(lib: LibraryBase, row: dict) -> RenderedChapter:
    files = json.loads(lib.db.execute("SELECT files FROM editions WHERE pk = ?", [row["edition_pk"]]).fetchone()[0])
    links = {r["file"]: r["chapter_id"] for r in lib.db.query("SELECT file, chapter_id FROM chapters WHERE edition_pk = ?", [row["edition_pk"]])}
    assets = [f[0] for f in files if f[0].startswith("assets/")]
    return render_chapter(row["markdown"], chapter_links=links, assets=assets)


def asset(lib: LibraryBase, edition_pk: int, name: str) -> bytes:
    """One image of an edition, read from its stored bundle and checked against the signed hash."""
    row = lib.db.execute("SELECT sha256, files FROM editions WHERE pk = ?", [edition_pk]).fetchone()
    if row is None:
        raise NotFoundError(f"no edition {edition_pk}", code="edition-unknown", edition=edition_pk)
    entries = {f[0]: (f[1], f[2]) for f in json.loads(row[1])}
    if name not in entries or not name.startswith("assets/"):
        raise NotFoundError(f"{name} is not an asset of this edition", code="asset-not-found", name=name)
    size, sha = entries[name]
    return read_member(lib.store.path_for(row[0]), FileEntry(name, size, sha), lib.bundle_limits.archive)


def level_events(lib: LibraryBase, edition_pk: int) -> list[LevelPoint]:
    e = edition(lib, edition_pk)
    return [
        LevelPoint(r["start"], r["value"], r["label"], r["scale"], r["region"], e.bundle_id, e.pk, r["end"], r["note"], e.demo)
        for r in lib.db.query("SELECT * FROM level_events WHERE edition_pk = ? ORDER BY start", [edition_pk])
    ]


def levels(lib: LibraryBase) -> list[LevelPoint]:
    """The merged level history: national level changes (and scale changes) plus regional events,
    in time order, of the editions that may set the level (level_editions)."""
    points: list[LevelPoint] = []
    shown = sorted(level_editions(lib), key=lambda e: (e.level_since, e.date))
    last: tuple[int, str] | None = None
    for e in shown:
        if (e.level_value, e.level_scale) != last:
            points.append(LevelPoint(e.level_since, e.level_value, e.level_label, e.level_scale, "national", e.bundle_id, e.pk, demo=e.demo))
            last = (e.level_value, e.level_scale)
    seen_events = set()
    visible = {e.pk: e for e in shown}
    for r in lib.db.query("SELECT * FROM level_events ORDER BY start"):
        e = visible.get(r["edition_pk"])
        key = (r["start"], r["region"], r["value"], r["scale"])
        if e is None or key in seen_events:
            continue
        seen_events.add(key)
        points.append(LevelPoint(r["start"], r["value"], r["label"], r["scale"], r["region"], e.bundle_id, e.pk, r["end"], r["note"], e.demo))
    return sorted(points, key=lambda p: (p.date, not p.national))


def themes(lib: LibraryBase) -> list[tuple[str, int]]:
    """Every theme of the vocabulary used by a visible chapter, with its chapter count."""
    rows = lib.db.query(
        """SELECT j.value AS theme, count(*) AS n FROM chapters c JOIN editions e ON e.pk = c.edition_pk,
                  json_each(c.themes) j
           WHERE e.superseded_by IS NULL AND e.hidden_reason IS NULL GROUP BY j.value"""
    )
    counts = {r["theme"]: r["n"] for r in rows}
    return [(t, counts[t]) for t in THEMES if t in counts]


def theme_chapters(lib: LibraryBase, theme: str) -> list[ChapterInfo]:
    """Chapters with ``theme`` across editions, oldest first."""
    rows = lib.db.query(
        CHAPTER_SQL
        + """ WHERE e.superseded_by IS NULL AND e.hidden_reason IS NULL
              AND EXISTS (SELECT 1 FROM json_each(c.themes) WHERE value = ?) ORDER BY e.date, c.ord""",
        [theme],
    )
    return [chapter_info_from_row(r) for r in rows]
