"""While the library holds a real edition, demo editions never set the level, its history or "what changed"."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.demo import load_demo
from reader.core.library import Library
from reader.core.paths import builtin_trust_dir
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


@pytest.fixture
def lib(tmp_path: Path):
    folder = tmp_path / "lib"
    with Library.open(folder, trust=TrustStore(folder / "trust", builtin_trust_dir())) as lib:
        assert all(r.ok for r in load_demo(lib))
        yield lib


def test_only_demo_content_speaks_when_there_is_nothing_else(lib: Library) -> None:
    latest = lib.latest_edition()
    assert latest.demo and latest.date == max(e.date for e in lib.editions())
    assert lib.levels() and all(p.demo for p in lib.levels())


def test_a_real_edition_sets_the_level_history_and_what_changed(lib: Library, tmp_path: Path) -> None:
    key = bf.new_key()
    lib.trust.add(key.public.to_file(), name="Redactie", publisher=bf.PUBLISHER_NAME)
    newest_demo = max(e.date for e in lib.editions())
    # Both older than the newest demo edition, and at other levels than it.
    for bundle_id, date, level in (("echt-2019-01", "2019-01-15", (3, "Aanzienlijk")), ("echt-2020-01", "2020-01-15", (2, "Beperkt"))):
        data = bf.edition_of(key, bundle_id=bundle_id, date=date, level=level)
        result = lib.import_file(bf.write(tmp_path / f"{bundle_id}.dtnb", data))
        assert result.status == "imported", result.reason
    assert newest_demo > "2020-01-15"
    latest = lib.latest_edition()
    assert (latest.bundle_id, latest.demo, latest.level_value) == ("echt-2020-01", False, 2)
    assert lib.level_editions() == [e for e in lib.editions() if not e.demo]
    points = lib.levels()
    assert points and not any(p.demo for p in points)
    assert [(p.value, p.edition) for p in points if p.national] == [(3, "echt-2019-01"), (2, "echt-2020-01")]
    changes = lib.changes_since_previous(latest)
    assert changes["previous"].bundle_id == "echt-2019-01" and changes["level_changed"]
    # The editions list still shows the demo editions (marked), they just do not speak for the level.
    assert any(e.demo for e in lib.editions())
