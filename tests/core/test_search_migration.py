"""m006 rebuilds chapter_fts with longer prefix indexes: a library built at m005 with real
bundles, opened by the new code, searches exactly as before; a failed migration leaves it
at m005, its index untouched."""

from __future__ import annotations

import functools
import sqlite3

import pytest

from reader.core.errors import LibraryError
from reader.core.library import Library, schema
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.core.test_search_ranking import straightforward
from tests.helpers import bundles as bf

M006 = "m006_search_indexes"
TEXTS = (
    "De dreiging van extremistische netwerken blijft reëel, een reële zorg; de coördinatie met Oekraïne en België loopt.",
    "Radicalisering online: jongeren in extremistische kanalen, terrorismebestrijding en het dreigingsniveau.",
    "Het dreigingsniveau blijft substantieel. Jihadistische netwerken werven via sociale media.",
    "Polarisatie en politie in de gemeente; een aanslag op een festival werd verijdeld door de wijkagent.",
)
THEMES = ("jihadisme", "online-radicalisering", "polarisatie")
# Every kind of the bench's query set (bench/queries.py), in this library's words.
CASES = [
    ("dreiging", {}),
    ("terrorismebestrijding", {}),
    ("reële", {}),
    ("Oekraine", {}),
    ('"het dreigingsniveau"', {}),
    ("radical*", {}),
    ("extrem*", {}),
    ("dreigingsni*", {}),
    ("ve*", {}),
    ("d*", {}),
    ("politie gemeente", {}),
    ("jihadistische netw", {"prefix_last": True}),
    ("online radicaliser", {"prefix_last": True}),
    ("aanslag", {"themes": ["jihadisme"]}),
    ("netwerken", {"themes": ["jihadisme", "polarisatie"]}),
    ("dreiging", {"year_from": 2016, "year_to": 2019}),
    ("netwerken", {"themes": ["jihadisme"], "year_from": 2018, "limit": 2}),
    ("de dreiging", {"year_to": 2017}),
    ("coörd*", {}),
]


def _build_at_m005(folder, monkeypatch) -> list[list[tuple]]:
    """A library whose migrations stop before m006, with eight real editions imported; returns
    what every case finds in it (chapter, snippet) by the straightforward query (the search
    itself needs m006's indexes)."""
    monkeypatch.setattr(schema.migrations, "apply", functools.partial(schema.migrations.apply, stop_before=M006))
    key = bf.new_key()
    trust = TrustStore(folder / "trust")
    trust.add(key.public.to_file(), name="Testredactie")
    with Library.open(folder, trust=trust) as lib:
        for n in range(8):
            chapters = [
                (f"h{c}", f"Hoofdstuk {c}: {TEXTS[(n + c + 1) % len(TEXTS)].split()[1]}", [THEMES[(n + c) % 3]],
                 f"{TEXTS[(n + c) % len(TEXTS)]} Editie {n}.")
                for c in range(3)
            ]
            path = bf.write(folder.parent / f"{n}.dtnb", edition_bytes(key, bundle_id=f"dtn-{2014 + n}-06", chapters=chapters))
            assert lib.import_file(path).status == "imported"
        with lib.db.atomic():
            lib.db.execute("UPDATE editions SET date = substr(bundle_id, 5, 7)")
        assert M006 not in {m.name for m in schema.migrations.applied(lib.db)}
        assert "prefix = '2 3')" in _fts_sql(lib)
        found = _straightforward_all(lib)
    monkeypatch.undo()
    return found


def _fts_sql(lib: Library) -> str:
    return lib.db.execute("SELECT sql FROM sqlite_master WHERE name = 'chapter_fts'").fetchone()[0]


def _search_all(lib: Library) -> list[list[tuple]]:
    return [[(h.chapter_pk, h.snippet) for h in lib.search(text, **kwargs)] for text, kwargs in CASES]


def _straightforward_all(lib: Library) -> list[list[tuple]]:
    return [straightforward(lib, text, **kwargs) for text, kwargs in CASES]


def test_a_library_at_m005_searches_the_same_after_m006(tmp_path, monkeypatch):
    folder = tmp_path / "lib"
    before = _build_at_m005(folder, monkeypatch)
    assert [case for case, hits in zip(CASES, before) if not hits] == []  # every case finds something
    with Library.open(folder, trust=TrustStore(folder / "trust")) as lib:
        assert M006 in {m.name for m in schema.migrations.applied(lib.db)}
        assert _fts_sql(lib) == schema.chapter_fts_sql() and f"prefix = '{schema.FTS_PREFIX}'" in _fts_sql(lib)
        assert not lib.db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'chapter_fts_m005%'").fetchall()
        assert lib.db.execute("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)",
                              [schema.SEARCH_CHAPTERS_INDEX, schema.SEARCH_EDITIONS_INDEX]).fetchone()[0] == 2
        assert lib.db.execute("SELECT count(*) FROM chapter_fts").fetchone()[0] == 24
        assert _search_all(lib) == before
        assert _straightforward_all(lib) == before
        lib.db.execute("INSERT INTO chapter_fts(chapter_fts, rank) VALUES ('integrity-check', 1)")  # raises if damaged


def test_a_failed_m006_leaves_the_library_at_m005(tmp_path, monkeypatch):
    folder = tmp_path / "lib"
    before = _build_at_m005(folder, monkeypatch)
    with open(folder / schema.DB_NAME, "rb") as f:
        db_bytes = f.read()
    # Its last step fails (an index of that name exists), after the new index was filled and
    # the old one dropped.
    monkeypatch.setattr(schema, "SEARCH_EDITIONS_INDEX", "editions_date")
    with pytest.raises(LibraryError):
        Library.open(folder, trust=TrustStore(folder / "trust"))
    monkeypatch.undo()
    with open(folder / schema.DB_NAME, "rb") as f:
        assert f.read() == db_bytes
    conn = sqlite3.connect(folder / schema.DB_NAME)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chapter_fts'").fetchone()[0]
        renamed = conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'chapter_fts_m005%'").fetchone()[0]
    finally:
        conn.close()
    assert M006 not in names and "prefix = '2 3')" in sql and renamed == 0
    # Opened again with the migration as it is, the library migrates and finds the same.
    with Library.open(folder, trust=TrustStore(folder / "trust")) as lib:
        assert _fts_sql(lib) == schema.chapter_fts_sql()
        assert _search_all(lib) == before


def test_a_new_library_has_the_prefix_option_search_assumes(tmp_path):
    with Library.open(tmp_path / "lib", trust=TrustStore(tmp_path / "lib" / "trust")) as lib:
        assert _fts_sql(lib) == schema.chapter_fts_sql()
        indexes = {r[0] for r in lib.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {schema.SEARCH_CHAPTERS_INDEX, schema.SEARCH_EDITIONS_INDEX} <= indexes
