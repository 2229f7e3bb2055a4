"""Search at scale: ranking first and snippets only for the rows shown give the same hits
as the straightforward query, and past max_ranked_matches the newest matches are ranked."""

from __future__ import annotations

import pytest

from reader.core.library import _MARK_CLOSE, _MARK_OPEN, Library, LibraryLimits, _mark
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.helpers import bundles as bf

WORDS = ("dreiging", "aanslag", "netwerk", "radicalisering", "jongeren", "reëel", "coördinator")


def straightforward(lib: Library, query_text: str, *, limit=20, themes=None, year_from=None, year_to=None, prefix_last=False):
    """The plain single query: every match ranked, snippets in the same statement."""
    query = lib.fts_query(query_text, prefix_last)
    where = ["chapter_fts MATCH ?", "e.superseded_by IS NULL", "e.hidden_reason IS NULL"]
    params = [query]
    if themes:
        where.append(f"EXISTS (SELECT 1 FROM json_each(c.themes) WHERE value IN ({','.join('?' * len(themes))}))")
        params += list(themes)
    if year_from is not None:
        where.append("e.date >= ?")
        params.append(f"{year_from:04d}")
    if year_to is not None:
        where.append("e.date < ?")
        params.append(f"{year_to + 1:04d}")
    sql = f"""SELECT c.pk, snippet(chapter_fts, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 16), bm25(chapter_fts, 8.0, 1.0) AS rank
              FROM chapter_fts JOIN chapters c ON c.pk = chapter_fts.rowid JOIN editions e ON e.pk = c.edition_pk
              WHERE {' AND '.join(where)} ORDER BY rank, c.pk DESC LIMIT ?"""
    return [(pk, _mark(snip)) for pk, snip, _rank in lib.db.execute(sql, [*params, limit]).fetchall()]


@pytest.fixture(scope="module")
def big_lib(tmp_path_factory):
    """Twelve editions (2014-2025) of three chapters with overlapping words and themes."""
    base = tmp_path_factory.mktemp("search")
    key = bf.new_key()
    trust = TrustStore(base / "lib" / "trust")
    trust.add(key.public.to_file(), name="Testredactie")
    lib = Library.open(base / "lib", trust=trust)
    for n in range(12):
        year = 2014 + n
        chapters = []
        for c in range(3):
            words = " ".join(WORDS[(n * 3 + c + i) % len(WORDS)] for i in range(2 + (n + c) % 5))
            theme = ("jihadisme", "online-radicalisering", "polarisatie")[(n + c) % 3]
            chapters.append((f"h{c}", f"Hoofdstuk {c} {WORDS[(n + c) % len(WORDS)]}", [theme], f"Tekst {year}: {words}. Meer {words}."))
        manifest_bytes = edition_bytes(key, bundle_id=f"dtn-{year}-06", chapters=chapters)
        path = bf.write(base / f"{year}.dtnb", manifest_bytes)
        assert lib.import_file(path).status == "imported"
    with lib.db.atomic():
        lib.db.execute("UPDATE editions SET date = substr(bundle_id, 5, 7)")
    yield lib
    lib.close()


@pytest.mark.parametrize(
    "text, kwargs",
    [
        ("dreiging", {}),
        ("reeel", {}),
        ('"netwerk radicalisering"', {}),
        ("radical*", {}),
        ("jonger", {"prefix_last": True}),
        ("aanslag", {"themes": ["jihadisme"]}),
        ("aanslag", {"themes": ["jihadisme", "polarisatie"]}),
        ("dreiging", {"year_from": 2016, "year_to": 2019}),
        ("dreiging", {"year_to": 2015}),
        ("coördinator", {"year_from": 2030}),
        ("netwerk", {"themes": ["online-radicalisering"], "year_from": 2020, "limit": 3}),
    ],
)
def test_same_hits_as_the_straightforward_query(big_lib, text, kwargs):
    expected = straightforward(big_lib, text, **kwargs)
    hits = big_lib.search(text, **kwargs)
    assert [(h.chapter_pk, h.snippet) for h in hits] == expected
    assert hits or kwargs.get("year_from") == 2030  # every other case finds something


def test_past_the_cap_the_newest_matches_are_ranked(big_lib):
    capped = Library(big_lib.folder, big_lib.db, big_lib.store, big_lib.trust, LibraryLimits(max_ranked_matches=3))
    newest = [pk for (pk,) in big_lib.db.execute(
        "SELECT rowid FROM chapter_fts WHERE chapter_fts MATCH 'dreiging' ORDER BY rowid DESC LIMIT 3").fetchall()]
    hits = capped.search("dreiging", limit=10)
    assert sorted(h.chapter_pk for h in hits) == sorted(newest)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    # With filters, the cap counts only the chapters that pass them.
    hits = capped.search("dreiging", year_to=2017, limit=10)
    assert len(hits) == 3 and all(h.edition_date < "2018" for h in hits)


PRIVATE_SNIPPET_CASES = [
    ("dreiging", {}),
    ("reeel", {}),
    ('"netwerk radicalisering"', {}),
    ("radical*", {}),
    ("radi*", {}),
    ("jonger", {"prefix_last": True}),
    ("hoofdstuk netw", {"prefix_last": True}),
    ("coördinat*", {"limit": 3}),
    ("aanslag", {"themes": ["jihadisme", "polarisatie"]}),
    ("dreiging", {"year_from": 2016, "year_to": 2019}),
]


@pytest.mark.parametrize("text, kwargs", PRIVATE_SNIPPET_CASES)
def test_snippets_from_the_private_table_are_the_same(big_lib, monkeypatch, text, kwargs):
    """The fast path for long prefixes (snippets made in a private table of the rows shown),
    forced on for every kind of query, gives exactly the straightforward query's hits."""
    from reader.core.library import search as search_module

    monkeypatch.setattr(search_module, "PRIVATE_SNIPPET_MS_PER_ROW", 0.0)
    monkeypatch.setattr(search_module, "_long_prefix", lambda _query: True)
    calls = []
    private = search_module._rows_with_private_snippets
    monkeypatch.setattr(search_module, "_rows_with_private_snippets", lambda *a: calls.append(a) or private(*a))
    hits = big_lib.search(text, **kwargs)
    assert hits and calls  # the private path ran and found something
    assert [(h.chapter_pk, h.snippet) for h in hits] == straightforward(big_lib, text, **kwargs)
    monkeypatch.undo()
    assert big_lib.search(text, **kwargs) == hits  # and the same SearchHits as the usual path


def test_which_prefixes_are_longer_than_the_prefix_index():
    from reader.core.library.search import INDEXED_PREFIX_CHARS, _long_prefix

    assert INDEXED_PREFIX_CHARS == 3
    assert not _long_prefix('"ve"*') and not _long_prefix('"rad"*') and not _long_prefix('"radicaal"')
    assert _long_prefix('"radi"*') and _long_prefix('"de" "netw"*') and _long_prefix('"het dreigingsniveau" "ex"* "extrem"*')


def test_the_prefix_index_is_what_the_fast_path_assumes(big_lib):
    from reader.core.library.search import INDEXED_PREFIX_CHARS

    sql = big_lib.db.execute("SELECT sql FROM sqlite_master WHERE name = 'chapter_fts'").fetchone()[0]
    assert f"prefix = '2 {INDEXED_PREFIX_CHARS}'" in sql
