"""The reader's own state: ticks and notes per edition (through its revisions, never into other
editions), carrying notes over on request, the migration of older state, and bookmarks with
notes that export, import (merging) and survive a rebuild."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reader.core.errors import BookmarksFileError, LibraryError, NotFoundError
from reader.core.library import BOOKMARKS_TYPE, MAX_BOOKMARKS_FILE_BYTES, Library, migrations
from tests.core.test_library import edition_bytes, open_library, write_bundle
from tests.helpers import bundles as bf

A, B = "dtn-test-2024-12", "dtn-test-2025-06"
ITEMS = ["politie-a", "politie-b", "politie-c"]


@pytest.fixture
def key():
    return bf.new_key()


@pytest.fixture
def lib(tmp_path, key):
    library = open_library(tmp_path / "lib", key)
    for bundle_id in (A, B):
        data = edition_bytes(key, bundle_id=bundle_id, items=ITEMS)
        assert library.import_file(write_bundle(tmp_path, f"{bundle_id}.dtnb", data)).status == "imported"
    yield library
    library.close()


def state(lib: Library, bundle_id: str) -> dict[str, tuple[bool, str]]:
    [checklist] = lib.checklists(lib.edition(bundle_id).pk)
    assert checklist.bundle_id == bundle_id
    return {i.item_id: (i.ticked, i.note) for i in checklist.items}


def test_a_tick_belongs_to_its_edition_and_follows_it_through_revisions(tmp_path, lib, key):
    lib.set_item_state(B, "politie", "politie-a", ticked=True, note="gedaan")
    assert state(lib, B)["politie-a"] == (True, "gedaan")
    # Another edition with the same item ids is untouched.
    assert state(lib, A) == {i: (False, "") for i in ITEMS}
    # A new revision of the first keeps the tick and the note.
    result = lib.import_file(write_bundle(tmp_path, "b2.dtnb", edition_bytes(key, bundle_id=B, revision=2, items=ITEMS)))
    assert result.status == "imported" and result.superseded == 1
    assert lib.edition(B).revision == 2
    assert state(lib, B)["politie-a"] == (True, "gedaan")
    assert state(lib, A)["politie-a"] == (False, "")
    # Ticks survive a rebuild too.
    lib.rebuild()
    assert state(lib, B)["politie-a"] == (True, "gedaan") and state(lib, A)["politie-a"] == (False, "")


def test_an_item_of_another_edition_cannot_be_ticked(lib):
    with pytest.raises(NotFoundError) as caught:
        lib.set_item_state(A, "politie", "politie-zz", ticked=True)
    assert caught.value.code == "checklist-item-unknown"
    with pytest.raises(NotFoundError):
        lib.set_item_state("dtn-test-1999-01", "politie", "politie-a", ticked=True)


def test_notes_of_open_items_carry_over_only_when_asked(lib):
    lib.set_item_state(A, "politie", "politie-a", note="nog bellen met de wijkagent")  # open, with a note
    lib.set_item_state(A, "politie", "politie-b", ticked=True, note="klaar")  # done: not offered
    lib.set_item_state(A, "politie", "politie-c", note="al genoteerd")
    lib.set_item_state(B, "politie", "politie-c", note="eigen notitie")  # B has its own: not overwritten
    b_pk = lib.edition(B).pk
    offer = lib.carry_over_offer(b_pk, "politie")
    assert offer is not None and offer.from_bundle_id == A
    assert offer.notes == {"politie-a": "nog bellen met de wijkagent"}
    # Nothing changed by looking.
    assert state(lib, B)["politie-a"] == (False, "")
    assert lib.carry_over_notes(b_pk, "politie") == 1
    assert state(lib, B) == {"politie-a": (False, "nog bellen met de wijkagent"), "politie-b": (False, ""), "politie-c": (False, "eigen notitie")}
    assert state(lib, A)["politie-a"] == (False, "nog bellen met de wijkagent")
    # Once carried over, nothing more is offered; the oldest edition has nothing before it.
    assert lib.carry_over_offer(b_pk, "politie") is None
    assert lib.carry_over_offer(lib.edition(A).pk, "politie") is None


def test_the_migration_gives_old_ticks_to_the_newest_edition_holding_the_item(tmp_path, key):
    """A library from before ticks were per edition: its rows go to the newest edition with the item."""
    folder = tmp_path / "old"
    with open_library(folder, key) as lib:
        for bundle_id in (A, B):
            lib.import_file(write_bundle(tmp_path, f"{bundle_id}.dtnb", edition_bytes(key, bundle_id=bundle_id, items=ITEMS)))
    db = sqlite3.connect(folder / "library.db")
    db.execute("DROP TABLE checklist_state")
    db.execute(
        """CREATE TABLE checklist_state (checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, ticked INTEGER NOT NULL DEFAULT 0,
           note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, PRIMARY KEY (checklist_id, item_id))"""
    )
    db.execute("INSERT INTO checklist_state VALUES ('politie', 'politie-a', 1, 'oud', '2025-07-01T10:00:00Z')")
    db.execute("INSERT INTO checklist_state VALUES ('politie', 'politie-weg', 1, 'weg', '2025-07-01T10:00:00Z')")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_checklist_state_per_edition'")
    db.commit()
    db.close()
    with open_library(folder, key) as lib:
        assert not migrations.pending(lib.db)
        assert state(lib, B)["politie-a"] == (True, "oud")
        assert state(lib, A)["politie-a"] == (False, "")
        orphan = lib.db.execute("SELECT bundle_id FROM checklist_state WHERE item_id = 'politie-weg'").fetchone()
        assert orphan == ("",)


# --- bookmarks ------------------------------------------------------------------------------


def test_one_bookmark_per_place_and_notes_are_searchable(lib):
    first = lib.add_bookmark(B, "online", note="Lezen voor het overleg")
    assert lib.add_bookmark(B, "online", note="Gelezen; bespreken") == first  # the same place: its note changes
    lib.add_bookmark(A, "niveau", "sectie", note="")
    marks = lib.bookmarks()
    assert len(marks) == 2
    mark = next(b for b in marks if b.pk == first)
    assert (mark.note, mark.chapter_title, mark.available) == ("Gelezen; bespreken", "Online radicalisering", True)
    assert [b.pk for b in lib.bookmarks("bespreken")] == [first]
    assert [b.bundle_id for b in lib.bookmarks("100%_niet")] == []
    with pytest.raises(NotFoundError) as caught:
        lib.add_bookmark(B, "geen-hoofdstuk")
    assert caught.value.code == "bookmark-place-unknown"
    with pytest.raises(LibraryError) as caught:
        lib.add_bookmark(B, "online", note="bel\x1b[2J")
    assert caught.value.code == "bookmark-note-text"
    lib.remove_bookmark(first)
    with pytest.raises(NotFoundError) as caught:
        lib.remove_bookmark(first)
    assert caught.value.code == "bookmark-unknown"
    with pytest.raises(NotFoundError):
        lib.set_bookmark_note(first, "weg")


def test_bookmarks_follow_their_edition_to_a_new_revision_and_survive_a_rebuild(tmp_path, lib, key):
    pk = lib.add_bookmark(B, "online", note="blijft")
    lib.import_file(write_bundle(tmp_path, "b2.dtnb", edition_bytes(key, bundle_id=B, revision=2, items=ITEMS)))
    [mark] = lib.bookmarks()
    assert (mark.pk, mark.edition_pk, mark.available) == (pk, lib.edition(B).pk, True)
    lib.rebuild()
    assert [(b.pk, b.note, b.available) for b in lib.bookmarks()] == [(pk, "blijft", True)]


def test_export_and_import_merge_without_duplicates(tmp_path, lib, key):
    lib.add_bookmark(B, "online", note="eerste")
    lib.add_bookmark(A, "niveau", "sectie-2", note="tweede\nregel")
    data = lib.export_bookmarks()
    exported = json.loads(data)
    assert exported["type"] == BOOKMARKS_TYPE and len(exported["bookmarks"]) == 2

    other = open_library(tmp_path / "other", key)
    try:
        assert other.import_bookmarks(data).added == 2
        assert other.import_bookmarks(data).unchanged == 2
        assert len(other.bookmarks()) == 2
        # Without the editions they are listed, not openable.
        assert all(not b.available for b in other.bookmarks())
    finally:
        other.close()

    # A newer note in the file wins, an older one does not.
    lib.db.execute("UPDATE bookmarks SET updated_at = '2020-01-01T00:00:00Z'")
    newer = json.loads(data)
    newer["bookmarks"][0]["note"], newer["bookmarks"][0]["updated_at"] = "nieuwer", "2024-01-01T00:00:00Z"
    newer["bookmarks"][1]["note"], newer["bookmarks"][1]["updated_at"] = "ouder", "2000-01-01T00:00:00Z"
    result = lib.import_bookmarks(json.dumps(newer).encode())
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert sorted(b.note for b in lib.bookmarks()) == ["nieuwer", "tweede\nregel"]
    # A date in the future is taken as now: a file cannot make its notes win every later merge.
    newer["bookmarks"][0]["note"], newer["bookmarks"][0]["updated_at"] = "uit de toekomst", "2999-01-01T00:00:00Z"
    assert lib.import_bookmarks(json.dumps(newer).encode()).updated == 1
    assert max(b.updated_at for b in lib.bookmarks()) < "2999"


def _file(*entries, **top) -> bytes:
    return json.dumps({"type": BOOKMARKS_TYPE, "version": 1, "bookmarks": list(entries), **top}).encode()


GOOD = {"bundle_id": B, "chapter_id": "online", "anchor": "", "note": "goed", "created_at": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not json", "json-invalid"),
        (b'{"type": "dtn-reader-bookmarks", "type": "x"}', "json-duplicate-key"),
        (_file(GOOD, type="dtn-bundle-manifest"), "bookmarks-file-type"),
        (_file(GOOD, version=2), "bookmarks-file-version"),
        (_file(GOOD, {**GOOD, "bundle_id": "../../etc"}), "field-form"),
        (_file(GOOD, {**GOOD, "chapter_id": "online", "anchor": "<script>"}), "field-form"),
        (_file(GOOD, {**GOOD, "note": "bel\u0007"}), "bookmarks-file-note"),
        (_file(GOOD, {**GOOD, "note": "\ud800"}), "bookmarks-file-note"),
        (_file(GOOD, {**GOOD, "created_at": "gisteren"}), "field-form"),
        (_file(GOOD, {**GOOD, "extra": 1}), "field-unknown"),
        (_file(GOOD, {**GOOD, "note": "x" * 2001}), "field-too-long"),
        (b"[" * 100 + b"]" * 100, "json-too-deep"),
        (b" " * (MAX_BOOKMARKS_FILE_BYTES + 1), "json-too-large"),
    ],
)
def test_a_hostile_bookmarks_file_is_refused_whole_and_changes_nothing(lib, data, code):
    lib.add_bookmark(A, "niveau", note="bestaand")
    before = [(b.bundle_id, b.chapter_id, b.anchor, b.note, b.updated_at) for b in lib.bookmarks()]
    with pytest.raises(BookmarksFileError) as caught:
        lib.import_bookmarks(data)
    assert caught.value.code == code
    assert str(caught.value)
    assert [(b.bundle_id, b.chapter_id, b.anchor, b.note, b.updated_at) for b in lib.bookmarks()] == before


def test_a_file_too_large_is_not_read_whole(tmp_path, lib):
    big = tmp_path / "groot.json"
    big.write_bytes(b" " * (MAX_BOOKMARKS_FILE_BYTES + 10))
    with pytest.raises(BookmarksFileError) as caught:
        lib.import_bookmarks_file(big)
    assert caught.value.code == "bookmarks-file-too-large"
    with pytest.raises(BookmarksFileError) as caught:
        lib.import_bookmarks_file(tmp_path / "bestaat-niet.json")
    assert caught.value.code == "file-read"


def test_an_export_into_a_missing_folder_is_a_user_error_and_leaves_nothing(tmp_path, lib):
    from reader.core.errors import ExportError

    lib.add_bookmark(B, "online")
    with pytest.raises(ExportError) as caught:
        lib.write_bookmarks(tmp_path / "geen" / "map" / "b.json")
    assert caught.value.code == "bookmarks-write"
    assert lib.write_bookmarks(tmp_path / "b.json") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".b.json")] == []
