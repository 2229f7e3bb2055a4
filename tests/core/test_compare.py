"""Library.compare: two editions side by side (level, chapters added/removed/changed, paragraph diffs)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.demo import load_demo
from reader.core.errors import NotFoundError
from reader.core.library import MAX_DIFF_PARAGRAPHS, Library, normalised_title, paragraph_diff, paragraphs
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf

# --- over the demo library -------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-compare")
    with Library.open(folder) as lib:
        results = load_demo(lib)
        assert results and all(r.status == "imported" for r in results)
        yield lib


def test_demo_2019_level_lowered_chapter_added_and_texts_changed(demo):
    june, december = demo.edition("dtn-2019-06"), demo.edition("dtn-2019-12")
    result = demo.compare(june.pk, december.pk)
    assert (result.a.bundle_id, result.b.bundle_id) == ("dtn-2019-06", "dtn-2019-12")
    assert result.level_changed
    assert (result.level_a.value, result.level_a.label, result.level_a.scale) == (4, "Substantieel", "dtn-5")
    assert (result.level_b.value, result.level_b.label, result.level_b.scale) == (3, "Aanzienlijk", "dtn-5")
    assert result.level_direction == "lowered" and not result.scale_changed
    assert [c.b.chapter_id for c in result.added] == ["uitreizigers"]
    assert result.removed == []
    assert {c.b.chapter_id for c in result.changed} == {"dreigingsniveau", "jihadisme", "rechts-extremisme", "detentie"}
    # In the newer edition's order.
    assert [c.title for c in result.chapters] == [ch.title for ch in demo.chapters(december.pk)]
    level = next(c for c in result.changed if c.b.chapter_id == "dreigingsniveau")
    assert level.title_changed and level.a.title.startswith("Het dreigingsniveau: 4 van 5")
    assert level.diff and not level.diff_capped
    old_text = "\n\n".join(part.a_text for part in level.diff if part.a_text)
    new_text = "\n\n".join(part.b_text for part in level.diff if part.b_text)
    assert old_text == "\n\n".join(paragraphs(demo.chapter(level.a.pk).markdown))
    assert new_text == "\n\n".join(paragraphs(demo.chapter(level.b.pk).markdown))
    assert "omlaag van 4 naar 3" in new_text and "omlaag van 4 naar 3" not in old_text


def test_demo_arguments_in_either_order_give_the_same_comparison(demo):
    june, december = demo.edition("dtn-2019-06"), demo.edition("dtn-2019-12")
    forward, backward = demo.compare(june.pk, december.pk), demo.compare(december.pk, june.pk)
    assert backward.a.pk == june.pk and backward.b.pk == december.pk
    assert backward == forward


def test_demo_scale_change_is_the_same_level_word(demo):
    result = demo.compare(demo.edition("dtn-2013-03").pk, demo.edition("dtn-2016-07").pk)
    assert result.level_changed and result.scale_changed
    assert (result.level_a.value, result.level_a.scale, result.level_b.value, result.level_b.scale) == (3, "dtn-4", 4, "dtn-5")
    assert result.level_direction == "same"
    assert len(result.added) == 4 and len(result.removed) == 4
    # A removed chapter follows the chapter it followed in the older edition.
    statuses = [c.status for c in result.chapters]
    assert statuses == ["changed", "removed", "removed", "removed", "removed", "added", "added", "added", "added"]


def test_demo_edition_against_itself_has_no_changes(demo):
    pk = demo.edition("dtn-2024-06").pk
    result = demo.compare(pk, pk)
    assert not result.level_changed and result.level_direction == "same"
    assert result.added == result.removed == result.changed == []
    assert len(result.unchanged) == 5


def test_unknown_edition_is_not_found(demo):
    with pytest.raises(NotFoundError, match="no edition 9999"):
        demo.compare(demo.edition("dtn-2024-06").pk, 9999)


# --- over small built editions ---------------------------------------------------------------

INTRO = "Eerste alinea.\n\nTweede alinea.\n\n## Kop\n\nDerde alinea.\n"


@pytest.fixture
def key():
    return bf.new_key()


@pytest.fixture
def lib(tmp_path, key):
    trust = TrustStore(tmp_path / "lib" / "trust")
    trust.add(key.public.to_file(), name="Testredactie")
    library = Library.open(tmp_path / "lib", trust=trust)
    yield library
    library.close()


def add_edition(lib: Library, tmp_path: Path, key, bundle_id: str, date: str, chapters, level=(4, "Substantieel")) -> int:
    """Import an edition with ``chapters`` [(id, title, text)]; returns its pk."""
    manifest = bf.sample_manifest()
    manifest["bundle_id"] = bundle_id
    manifest["revision"] = 1
    manifest["edition"] = {"date": date, "number": 1, "name": f"Test {date}"}
    manifest["level"] = {"value": level[0], "label": level[1], "scale": "dtn-5", "since": date[:7]}
    manifest["chapters"] = [{"id": cid, "title": title, "themes": [], "file": f"chapters/{cid}.md"} for cid, title, _ in chapters]
    members = {name: data for name, data in bf.sample_members().items() if not name.startswith("chapters/")}
    for cid, _title, text in chapters:
        members[f"chapters/{cid}.md"] = text.encode()
    path = bf.write(tmp_path / "in" / f"{bundle_id}.dtnb", bf.build(key, manifest, members))
    result = lib.import_file(path)
    assert result.status == "imported", result.reason
    return lib.edition(bundle_id).pk


def test_added_removed_changed_and_unchanged(lib, tmp_path, key):
    old = add_edition(lib, tmp_path, key, "t-1", "2024-06", [
        ("intro", "Inleiding", INTRO),
        ("weg", "Verdwijnt", "Deze gaat weg.\n"),
        ("blijft", "Blijft", "Ongewijzigd.\n"),
    ])
    new = add_edition(lib, tmp_path, key, "t-2", "2024-12", [
        ("intro", "Inleiding", "Eerste alinea.\n\nEen nieuwe alinea.\n\nTweede alinea.\n\n## Kop\n\nDerde alinea, herschreven.\n"),
        ("blijft", "Blijft", "Ongewijzigd.\n\n\n"),
        ("nieuw", "Nieuw", "Nieuwe tekst.\n"),
    ], level=(3, "Aanzienlijk"))
    result = lib.compare(old, new)
    assert result.level_changed and result.level_direction == "lowered"
    assert [(c.status, c.title) for c in result.chapters] == [
        ("changed", "Inleiding"), ("removed", "Verdwijnt"), ("unchanged", "Blijft"), ("added", "Nieuw"),
    ]
    intro = result.changed[0]
    assert not intro.title_changed
    assert [tuple(part) for part in intro.diff] == [
        ("equal", "Eerste alinea.", "Eerste alinea."),
        ("insert", "", "Een nieuwe alinea."),
        ("equal", "Tweede alinea.\n\n## Kop", "Tweede alinea.\n\n## Kop"),
        ("replace", "Derde alinea.", "Derde alinea, herschreven."),
    ]
    assert result.removed[0].b is None and result.added[0].a is None
    # The other chapters' diffs hold their whole text.
    assert result.removed[0].diff == [("delete", "Deze gaat weg.", "")]
    assert result.added[0].diff == [("insert", "", "Nieuwe tekst.")]
    assert result.unchanged[0].diff == [("equal", "Ongewijzigd.", "Ongewijzigd.")]


def test_equal_editions_give_no_changes(lib, tmp_path, key):
    chapters = [("intro", "Inleiding", INTRO), ("tweede", "Tweede", "Tekst.\n")]
    old = add_edition(lib, tmp_path, key, "t-1", "2024-06", chapters)
    new = add_edition(lib, tmp_path, key, "t-2", "2024-12", chapters)
    result = lib.compare(new, old)
    assert (result.a.pk, result.b.pk) == (old, new)
    assert not result.level_changed and not result.scale_changed
    assert result.added == result.removed == result.changed == []
    assert [c.status for c in result.chapters] == ["unchanged", "unchanged"]


def test_chapters_matched_by_normalised_title_when_the_id_changed(lib, tmp_path, key):
    old = add_edition(lib, tmp_path, key, "t-1", "2024-06", [("online", "Online radicalisering", "Oud.\n")])
    new = add_edition(lib, tmp_path, key, "t-2", "2024-12", [("online-jongeren", "online  Radicalisering!", "Nieuw.\n")])
    result = lib.compare(old, new)
    assert [c.status for c in result.chapters] == ["changed"]
    change = result.chapters[0]
    assert (change.a.chapter_id, change.b.chapter_id) == ("online", "online-jongeren")
    assert change.title_changed
    assert [tuple(p) for p in change.diff] == [("replace", "Oud.", "Nieuw.")]


def test_what_changed_since_the_previous_edition_follows_the_compare_rules(lib, tmp_path, key):
    # One chapter's id changed (same title): Compare matches it, so the overview's
    # "what changed" must not call it added and removed; the level moved on its word only.
    old = add_edition(lib, tmp_path, key, "t-1", "2024-06", [("online", "Online radicalisering", "Oud.\n"), ("weg", "Verdwenen", "X.\n")])
    new = add_edition(
        lib, tmp_path, key, "t-2", "2024-12",
        [("online-jongeren", "online  Radicalisering!", "Nieuw.\n"), ("nieuw", "Nieuw hoofdstuk", "Y.\n")], level=(3, "Aanzienlijk"),
    )
    comparison = lib.compare(old, new)
    changes = lib.changes_since_previous(lib.edition(new))
    assert changes["previous"].pk == old
    assert changes["added"] == [c.title for c in comparison.added] == ["Nieuw hoofdstuk"]
    assert changes["removed"] == [c.title for c in comparison.removed] == ["Verdwenen"]
    assert changes["level_changed"] is comparison.level_changed is True


def test_the_same_level_on_both_scales():
    from reader.core.vocabulary import level_rank

    assert level_rank(3, "Substantieel", "dtn-4") == level_rank(4, "Substantieel", "dtn-5") == 4.0
    assert level_rank(2, "Beperkt", "dtn-5") < level_rank(3, "Substantieel", "dtn-4")
    assert level_rank(1, "Onbekend", "dtn-4") == 1.0 and level_rank(4, "Onbekend", "dtn-4") == 5.0


def test_a_retitled_chapter_with_the_same_text_is_changed(lib, tmp_path, key):
    old = add_edition(lib, tmp_path, key, "t-1", "2024-06", [("a", "Oude titel", INTRO)])
    new = add_edition(lib, tmp_path, key, "t-2", "2024-12", [("a", "Nieuwe titel", INTRO)])
    change = lib.compare(old, new).chapters[0]
    assert change.status == "changed" and change.title_changed
    assert [p.op for p in change.diff] == ["equal"]


def test_same_date_ordered_by_revision(lib, tmp_path, key):
    manifest = bf.sample_manifest()
    first = bf.build(key, manifest)
    manifest["revision"] = 3
    manifest["summary"] = "Gecorrigeerd."
    second = bf.build(key, manifest)
    for name, data in (("r2.dtnb", first), ("r3.dtnb", second)):
        assert lib.import_file(bf.write(tmp_path / "in" / name, data)).status == "imported"
    older, newer = lib.edition("test-2024-06@2"), lib.edition("test-2024-06@3")
    result = lib.compare(newer.pk, older.pk)
    assert (result.a.revision, result.b.revision) == (2, 3)


# --- the paragraph diff ----------------------------------------------------------------------


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("a\nb\n\n  \n\nc  \r\n\r\nd\n") == ["a\nb", "c", "d"]
    assert paragraphs("") == []


def test_normalised_title():
    assert normalised_title("  Jihadisme:  de Grootste   dreiging! ") == "jihadisme de grootste dreiging"


def test_diff_of_insert_delete_replace():
    parts, capped = paragraph_diff("a\n\nb\n\nc", "a\n\nc\n\nd\n\ne")
    assert not capped
    assert [tuple(p) for p in parts] == [("equal", "a", "a"), ("delete", "b", ""), ("equal", "c", "c"), ("insert", "", "d\n\ne")]
    assert paragraph_diff("", "x") == ([("insert", "", "x")], False)
    assert paragraph_diff("x", "x") == ([("equal", "x", "x")], False)


def test_diff_is_capped_for_huge_chapters():
    count = MAX_DIFF_PARAGRAPHS * 10
    old = "\n\n".join(f"alinea {i}" for i in range(count))
    new = "\n\n".join(f"alinea {i}" if i % 2 else f"herschreven {i}" for i in range(count))
    started = time.perf_counter()
    parts, capped = paragraph_diff("kop\n\n" + old + "\n\nslot", "kop\n\n" + new + "\n\nslot")
    assert time.perf_counter() - started < 2.0
    assert capped
    # The common first and last paragraphs stay equal; the middle is one replaced block.
    assert [tuple(p) for p in parts[::2]] == [("equal", "kop", "kop"), ("equal", f"alinea {count - 1}\n\nslot", f"alinea {count - 1}\n\nslot")]
    assert parts[1].op == "replace"
    assert parts[1].a_text == old.rpartition("\n\n")[0] and parts[1].b_text == new.rpartition("\n\n")[0]
    # Under the cap the same kind of change is diffed paragraph by paragraph.
    small_parts, small_capped = paragraph_diff(old, new, max_paragraphs=count)
    assert not small_capped and len(small_parts) == count
