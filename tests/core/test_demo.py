"""The built-in demo library: history per FACTS.md, search, builds, reproducibility."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.bundle import verify_bundle
from reader.core.demo import build_demo_bundles, demo_bundle_paths, demo_key, demo_sources_dir
from reader.core.library import Library
from reader.core.paths import builtin_trust_dir
from reader.core.render import PLACEHOLDER_HTML, render_chapter
from reader.core.source import load_source
from reader.core.trust import TrustStore

REPO = Path(__file__).resolve().parents[2]

# The national level history of FACTS.md, and the regional event.
EXPECTED_NATIONAL = [
    ("2005-05", 3, "Substantieel", "dtn-4"),
    ("2007-04", 2, "Beperkt", "dtn-4"),
    ("2008-03", 3, "Substantieel", "dtn-4"),
    ("2009-11", 2, "Beperkt", "dtn-4"),
    ("2013-03", 3, "Substantieel", "dtn-4"),
    ("2016-07", 4, "Substantieel", "dtn-5"),
    ("2019-12", 3, "Aanzienlijk", "dtn-5"),
    ("2023-12", 4, "Substantieel", "dtn-5"),
]
EXPECTED_REGIONAL = [("2019-03-18", "2019-03-19", 5, "Kritiek", "dtn-5", "Provincie Utrecht")]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-lib")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "demo", "load", "--library", str(folder)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return folder


def dtn_json(*args: str):
    result = subprocess.run([sys.executable, "-m", "reader", *args, "--json"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_levels_json_gives_the_facts_history(demo_dir):
    points = dtn_json("levels", "--library", str(demo_dir))
    national = [(p["date"], p["value"], p["label"], p["scale"]) for p in points if p["region"] == "national"]
    regional = [(p["date"], p["end"], p["value"], p["label"], p["scale"], p["region"]) for p in points if p["region"] != "national"]
    assert national == EXPECTED_NATIONAL
    assert regional == EXPECTED_REGIONAL
    assert all(p["demo"] for p in points)


def test_search_online_radicalisering_finds_the_2023_theme_chapter_first(demo_dir):
    hits = dtn_json("search", "online radicalisering", "--library", str(demo_dir))
    assert hits, "no hits"
    first = hits[0]
    assert first["edition"] == "dtn-2023-12" and first["chapter"] == "online-radicalisering"
    assert "<mark>" in first["snippet"] and first["demo"] is True


def test_list_marks_every_demo_edition(demo_dir):
    editions = dtn_json("list", "--library", str(demo_dir))
    assert len(editions) >= 10 and all(e["demo"] for e in editions)
    text = subprocess.run([sys.executable, "-m", "reader", "list", "--library", str(demo_dir)], cwd=REPO, capture_output=True, text=True)
    lines = [line for line in text.stdout.splitlines() if line.strip()]
    assert len(lines) == len(editions) and all("[DEMO]" in line for line in lines)


def test_demo_audit_log_shows_the_verified_import(demo_dir):
    entries = dtn_json("audit", "--library", str(demo_dir))
    imports = [e for e in entries if e["result"] != "loaded"]
    assert len(imports) == len(demo_bundle_paths())
    assert all(e["result"] == "imported" and e["source"].startswith("demo library") for e in imports)
    assert [e["source"] for e in entries if e["result"] == "loaded"] == ["demo library"]


@pytest.mark.parametrize("folder", sorted(p.name for p in demo_sources_dir().iterdir() if p.is_dir()))
def test_every_demo_edition_builds_verifies_and_renders(folder):
    source = load_source(demo_sources_dir() / folder)
    assert source.warnings == ()
    m = source.manifest
    assert m["demo"] is True
    assert "demonstratie" in m["summary"].lower() and "geen" in m["summary"].lower() and "nctv" in m["summary"].lower()
    assert m["chapters"][0]["themes"] == ["dreigingsniveau"]
    assert 4 <= len(m["chapters"]) <= 6
    if m["edition"]["date"] >= "2019":
        assert len(m.get("checklists", [])) >= 6
    shipped = demo_sources_dir().parent / "bundles" / f"{m['bundle_id']}.dtnb"
    trust = TrustStore(Path("/nonexistent"), builtin_trust_dir())
    verified = verify_bundle(shipped, trust)
    assert verified.signer.demo
    links = {c.file: c.id for c in verified.manifest.chapters}
    for chapter in verified.manifest.chapters:
        rendered = render_chapter(verified.text(chapter.file), chapter_links=links, assets=verified.manifest.assets)
        assert not rendered.placeholder and rendered.html != PLACEHOLDER_HTML, chapter.file


def test_shipped_bundles_match_the_sources_byte_for_byte(tmp_path):
    built = build_demo_bundles(demo_sources_dir(), tmp_path, demo_key())
    shipped = demo_bundle_paths()
    assert [p.name for p in built] == [p.name for p in shipped]
    for new, old in zip(built, shipped):
        assert new.read_bytes() == old.read_bytes(), f"{old.name} is stale: run python -m reader.core.demo"


def test_demo_key_is_marked_demo():
    trust = TrustStore(Path("/nonexistent"), builtin_trust_dir())
    [key] = trust.keys()
    assert key.demo and key.builtin and key.key_id == demo_key().key_id_hex
    assert "demo" in key.name.lower()


def test_checklist_items_keep_their_ids_across_editions(demo_dir):
    with Library.open(demo_dir) as lib:
        ids_by_edition = []
        for edition in lib.editions():
            items = {(c.checklist_id, i.item_id) for c in lib.checklists(edition.pk) for i in c.items}
            if items:
                ids_by_edition.append(items)
                for c in lib.checklists(edition.pk):
                    assert 4 <= len(c.items) <= 10
        assert len(ids_by_edition) >= 4
        recurring = set.intersection(*ids_by_edition)
        assert ("politie", "politie-zichtbaar-toezicht") in recurring
        partners = {c.checklist_id for c in lib.checklists(lib.editions()[0].pk)}
        assert partners == {"politie", "gemeenten", "ministeries", "religieuze-gemeenschappen", "onderwijs-jeugdwerk", "online-platforms"}
