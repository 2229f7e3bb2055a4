"""Full-text search: what a person typed becomes a safe FTS5 query; hits come back
ranked, each with a snippet that marks the words found."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.core.errors import LibraryError
from reader.core.library.models import SearchHit
from reader.core.library.queries import json_list
from reader.core.library.schema import SEARCH_CHAPTERS_INDEX, SEARCH_EDITIONS_INDEX

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

_WORD_RE = re.compile(r"[\w]+\*?|\"[^\"]*\"?", re.UNICODE)
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_SNIPPET_TOKENS = 16
_DETAIL_COLUMNS = "c.pk, c.edition_pk, e.bundle_id, e.name, e.date, c.chapter_id, c.title, c.themes, e.demo"


def fts_query(text: str, prefix_last: bool = False) -> str:
    """Turn what a person typed into a safe FTS5 query: words ANDed, quoted phrases kept,
    ``word*`` as prefix; with ``prefix_last`` the last word also matches as a prefix."""
    terms = []
    tokens = _WORD_RE.findall(text)
    for i, token in enumerate(tokens):
        if token.startswith('"'):
            words = re.findall(r"\w+", token, re.UNICODE)
            if words:
                terms.append('"' + " ".join(words) + '"')
            continue
        prefix = token.endswith("*") or (prefix_last and i == len(tokens) - 1)
        word = token.rstrip("*")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def search(
    lib: LibraryBase,
    text: str,
    *,
    limit: int = 20,
    themes: Iterable[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Full-text search over chapter titles and text of visible editions, best first."""
    query = fts_query(text[: lib.limits.max_query_chars], prefix_last)
    if not query:
        return []
    where = ["chapter_fts MATCH ?", "e.superseded_by IS NULL", "e.hidden_reason IS NULL"]
    params: list[Any] = [query]
    theme_list = list(themes or [])
    if theme_list:
        # Themes are stored as a JSON list of vocabulary slugs, so a quoted slug only matches
        # a whole element; instr() is far cheaper per row than json_each().
        where.append("(" + " OR ".join("instr(c.themes, ?) > 0" for _ in theme_list) + ")")
        params.extend(json.dumps(str(theme)) for theme in theme_list)
    years: list[str] = []
    if year_from is not None:
        years.append("e.date >= ?")
        params.append(f"{year_from:04d}")
    if year_to is not None:
        years.append("e.date < ?")
        params.append(f"{year_to + 1:04d}")
    limit = min(max(limit, 1), lib.limits.max_search_results)
    try:
        if years:
            # The chapters of those years lie in a rowid range; FTS5 then scans only that range.
            low, high = lib.db.execute(
                f"SELECT min(c.pk), max(c.pk) FROM editions e JOIN chapters c ON c.edition_pk = e.pk WHERE {' AND '.join(years)}",
                params[len(params) - len(years):],
            ).fetchone()
            if low is None:
                return []
            where += [*years, "chapter_fts.rowid BETWEEN ? AND ?"]
            params += [low, high]
        # Rank first, snippets only for the rows shown: the newest matches that pass the
        # filters, at most max_ranked_matches of them, ordered by bm25 (ties: newest first).
        # The filters read the covering search indexes, not the tables: a row of either holds
        # Markdown or file lists, so a lookup per match would read a page of its own.
        ranked_sql = f"""SELECT rid, rank FROM (
                             SELECT chapter_fts.rowid AS rid, bm25(chapter_fts, 8.0, 1.0) AS rank
                             FROM chapter_fts JOIN chapters c INDEXED BY {SEARCH_CHAPTERS_INDEX} ON c.pk = chapter_fts.rowid
                                  JOIN editions e INDEXED BY {SEARCH_EDITIONS_INDEX} ON e.pk = c.edition_pk
                             WHERE {' AND '.join(where)} ORDER BY chapter_fts.rowid DESC LIMIT ?)
                         ORDER BY rank, rid DESC LIMIT ?"""
        top = lib.db.execute(ranked_sql, [*params, lib.limits.max_ranked_matches, limit]).fetchall()
        if not top:
            return []
        rids = [rid for rid, _rank in top]
        # One statement (a prefix term is expanded once), over the range of the rows shown;
        # '+' keeps the IN list out of FTS5, which would run the query once per value.
        detail_sql = f"""SELECT {_DETAIL_COLUMNS}, snippet(chapter_fts, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', {_SNIPPET_TOKENS})
                         FROM chapter_fts JOIN chapters c ON c.pk = chapter_fts.rowid JOIN editions e ON e.pk = c.edition_pk
                         WHERE chapter_fts MATCH ? AND chapter_fts.rowid BETWEEN ? AND ?
                               AND +chapter_fts.rowid IN ({','.join('?' * len(rids))})"""
        rows = {r[0]: r for r in lib.db.execute(detail_sql, [query, min(rids), max(rids), *rids]).fetchall()}
    except sqlite3.OperationalError as exc:
        raise LibraryError(f"cannot search for {text!r}: {exc}", code="search-failed", text=text, detail=str(exc)) from None
    return [
        SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json_list(r[7]), _mark(r[9]), rank, bool(r[8]))
        for rid, rank in top
        if (r := rows.get(rid)) is not None
    ]


def _mark(snippet: str) -> str:
    escaped = html.escape(snippet or "", quote=False)
    return escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


def marks_to_text(snippet: str, open_mark: str = "[", close_mark: str = "]") -> str:
    """Snippet HTML as plain text with the hits bracketed (for the CLI)."""
    return html.unescape(snippet.replace("<mark>", open_mark).replace("</mark>", close_mark))
