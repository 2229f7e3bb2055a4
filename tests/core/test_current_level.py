"""The current level as one SQL rule: the same editions as the straightforward rule in Python
(visible editions, the real ones while there are any, newest first), and the read-only peek
the window uses before the library is open gives the same edition as the opened library."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from reader.core.library import Library, current, queries, schema
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.helpers import bundles as bf
from tests.helpers.tree import snapshot

EDITIONS = 8
STATES = 150
DATES = ("2024-03-01", "2024-06-01", "2024-06-01", "2025-01-15")  # ties on purpose


def straightforward_level_editions(lib: Library) -> list:
    """The rule as it was written before it became SQL: visible editions newest first, the
    real ones while the library holds any, else all of them (the demo ones)."""
    found = queries.editions(lib)
    real = [e for e in found if not e.demo]
    return real or found


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    base = tmp_path_factory.mktemp("current")
    key = bf.new_key()
    trust = TrustStore(base / "lib" / "trust")
    trust.add(key.public.to_file(), name="Testredactie")
    lib = Library.open(base / "lib", trust=trust)
    for n in range(EDITIONS):
        path = bf.write(base / f"{n}.dtnb", edition_bytes(key, bundle_id=f"dtn-test-{n}", revision=1 + n % 2))
        assert lib.import_file(path).status == "imported"
    yield lib
    lib.close()


def _scramble(lib: Library, rng: random.Random) -> None:
    """Random demo flags, dates, supersessions and hidden editions (all in one transaction)."""
    pks = [r[0] for r in lib.db.execute("SELECT pk FROM editions").fetchall()]
    hide = rng.choice((0.15, 0.95))  # now and then (nearly) every edition hidden
    with lib.db.atomic():
        for pk in pks:
            others = [p for p in pks if p != pk]
            lib.db.execute(
                "UPDATE editions SET demo = ?, date = ?, superseded_by = ?, hidden_reason = ? WHERE pk = ?",
                [
                    int(rng.random() < 0.4),
                    rng.choice(DATES),
                    rng.choice(others) if rng.random() < 0.2 else None,
                    "revoked" if rng.random() < hide else None,
                    pk,
                ],
            )


def test_the_sql_rule_gives_the_straightforward_editions(lib):
    rng = random.Random(15)
    kinds = set()
    for _ in range(STATES):
        _scramble(lib, rng)
        expected = straightforward_level_editions(lib)
        assert lib.level_editions() == expected
        assert lib.latest_edition() == (expected[0] if expected else None)
        kinds.add("empty" if not expected else "demo only" if expected[0].demo else "real")
    assert kinds == {"empty", "demo only", "real"}  # every branch of the rule was compared


def straightforward_previous(lib: Library, edition):
    """The previous edition as it was written before it became SQL."""
    for e in queries.editions(lib):
        if e.demo == edition.demo and (e.date, e.bundle_id) < (edition.date, edition.bundle_id):
            return e
    return None


def test_the_previous_edition_is_the_straightforward_one(lib):
    rng = random.Random(31)
    found = set()
    for _ in range(60):
        _scramble(lib, rng)
        for e in queries.editions(lib, include_superseded=True, include_hidden=True):
            expected = straightforward_previous(lib, e)
            assert lib.previous_edition(e) == expected
            found.add(expected is None)
    assert found == {True, False}


def test_the_peek_gives_the_edition_the_library_gives(lib):
    rng = random.Random(23)
    for _ in range(40):
        _scramble(lib, rng)
        assert current.peek_current_edition(lib.folder) == lib.latest_edition()


def test_the_db_name_is_the_schemas():
    assert current.DB_NAME == schema.DB_NAME


def test_no_library_yet_gives_none_and_creates_nothing(tmp_path):
    assert current.peek_current_edition(tmp_path / "nothing") is None
    assert not (tmp_path / "nothing").exists()
    (tmp_path / "empty").mkdir()
    assert current.peek_current_edition(tmp_path / "empty") is None
    assert list((tmp_path / "empty").iterdir()) == []


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b""], ids=["garbage", "empty-file"])
def test_a_damaged_database_gives_none_and_stays_as_it_is(tmp_path, content):
    (tmp_path / current.DB_NAME).write_bytes(content)
    before = snapshot(tmp_path)
    assert current.peek_current_edition(tmp_path) is None
    assert snapshot(tmp_path) == before


def test_a_database_without_the_tables_gives_none(tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / current.DB_NAME)
    conn.execute("CREATE TABLE editions (pk INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    assert current.peek_current_edition(tmp_path) is None
    assert snapshot(tmp_path) == before


def test_the_peek_writes_nothing_to_an_open_library(lib):
    before = snapshot(lib.folder)
    current.peek_current_edition(lib.folder)
    assert snapshot(lib.folder) == before


def test_the_peek_and_the_views_load_no_library_rooms():
    """current.py and changes.py load without sqlite-utils and the bundle and render code;
    the package's names still load their rooms when asked for."""
    code = (
        "import sys\n"
        "import reader.core.library.current, reader.core.library.changes\n"
        "heavy = [m for m in ('sqlite_utils', 'reader.core.bundle', 'reader.core.render', 'reader.core.library.facade') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "import reader.core.library as L\n"
        "for name in L.__all__:\n"
        "    getattr(L, name)\n"
        "from reader.core.library import Library, marks_to_text\n"
        "assert 'sqlite_utils' in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
