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
        ("radi*", {}),
        ("r*", {}),
        ("coördinat*", {"limit": 3}),
        ("jonger", {"prefix_last": True}),
        ("hoofdstuk netw", {"prefix_last": True}),
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


def test_hidden_and_superseded_editions_are_left_out_as_before(big_lib):
    """The ranking reads visibility, date and themes from the covering search indexes; with
    editions hidden and superseded it still finds what the straightforward query finds."""
    with big_lib.db.atomic():
        big_lib.db.execute("UPDATE editions SET hidden_reason = 'test' WHERE bundle_id = 'dtn-2024-06'")
        big_lib.db.execute("UPDATE editions SET superseded_by = (SELECT min(pk) FROM editions) WHERE bundle_id = 'dtn-2017-06'")
    try:
        for text, kwargs in [("dreiging", {}), ("netw*", {"limit": 50}), ("aanslag", {"themes": ["jihadisme"], "year_from": 2016})]:
            hits = big_lib.search(text, **kwargs)
            assert hits and not {h.edition_date[:4] for h in hits} & {"2017", "2024"}
            assert [(h.chapter_pk, h.snippet) for h in hits] == straightforward(big_lib, text, **kwargs)
    finally:
        with big_lib.db.atomic():
            big_lib.db.execute("UPDATE editions SET hidden_reason = NULL, superseded_by = NULL")


def test_the_index_has_the_library_s_prefix_option(big_lib):
    from reader.core.library.schema import FTS_PREFIX, FTS_PREFIX_LENGTHS

    sql = big_lib.db.execute("SELECT sql FROM sqlite_master WHERE name = 'chapter_fts'").fetchone()[0]
    assert f"prefix = '{FTS_PREFIX}'" in sql and FTS_PREFIX.split() == [str(n) for n in FTS_PREFIX_LENGTHS]
