"""Every library change says what it touched (Changes), decided once in core: the window
broadcasts it and each view reloads only for the areas it shows."""

from __future__ import annotations

import pytest

from reader.core.errors import NotFoundError
from reader.core.library import Changes
from tests.core.test_library import edition_bytes, open_library, write_bundle
from tests.helpers import bundles as bf

BUNDLE = "dtn-test-2025-06"
ITEMS = ["politie-a", "politie-b"]
IMPORTED = Changes(editions=True, audit=True)


@pytest.fixture
def key():
    return bf.new_key()


@pytest.fixture
def lib(tmp_path, key):
    library = open_library(tmp_path / "lib", key)
    library.take_changes()  # opening is not what these tests look at
    yield library
    library.close()


@pytest.fixture
def path(tmp_path, key):
    return write_bundle(tmp_path, "a.dtnb", edition_bytes(key, bundle_id=BUNDLE, items=ITEMS))


@pytest.fixture
def imported(lib, path):
    assert lib.import_file(path).status == "imported"
    lib.take_changes()
    return lib


def test_a_new_import_touches_the_editions_and_the_audit_log(lib, path):
    result = lib.import_file(path)
    assert result.status == "imported"
    assert result.changes == IMPORTED
    assert lib.take_changes() == IMPORTED
    assert lib.take_changes() == Changes()  # taken once


def test_an_import_already_present_only_adds_an_audit_row(imported, path):
    result = imported.import_file(path)
    assert result.status == "present"
    assert result.changes == imported.take_changes() == Changes(audit=True)


def test_a_rejected_import_only_adds_an_audit_row(lib, tmp_path):
    stranger = bf.new_key()  # not trusted
    result = lib.import_file(write_bundle(tmp_path, "x.dtnb", edition_bytes(stranger)))
    assert result.status == "rejected"
    assert result.changes == lib.take_changes() == Changes(audit=True)
    assert lib.editions() == []


def test_a_batch_reports_the_union_of_its_imports(lib, path, tmp_path):
    stranger = write_bundle(tmp_path, "x.dtnb", edition_bytes(bf.new_key(), bundle_id="dtn-test-2024-12"))
    results = lib.import_paths([path, stranger])
    assert [r.status for r in results] == ["imported", "rejected"]
    assert lib.take_changes() == IMPORTED


def test_revoking_and_restoring_a_key_touch_trust_editions_and_audit(imported, key):
    _key, hidden = imported.revoke_key(key.key_id_hex, "uitgelekt")
    assert hidden
    assert imported.take_changes() == Changes(editions=True, trust=True, audit=True)
    _key, shown = imported.restore_key(key.key_id_hex)
    assert shown
    assert imported.take_changes() == Changes(editions=True, trust=True, audit=True)


def test_revoking_a_key_that_signed_nothing_leaves_the_editions_alone(lib, key):
    _key, hidden = lib.revoke_key(key.key_id_hex, "uitgelekt")
    assert hidden == []
    assert lib.take_changes() == Changes(trust=True, audit=True)


def test_a_rebuild_touches_the_editions_and_the_audit_log(imported):
    imported.rebuild()
    assert imported.take_changes() == IMPORTED


def test_removing_the_demo_touches_editions_and_audit_and_nothing_when_there_is_none(imported):
    assert imported.edition(BUNDLE).demo  # the sample edition is demonstration content
    assert imported.remove_demo() == 1
    assert imported.take_changes() == IMPORTED
    assert imported.remove_demo() == 0
    assert imported.take_changes() == Changes()


def test_a_tick_and_a_reading_position_touch_only_the_reading_state(imported):
    imported.set_item_state(BUNDLE, "politie", "politie-a", ticked=True)
    assert imported.take_changes() == Changes(reading_state=True)
    imported.set_reading_position(BUNDLE, "dreigingsbeeld", 0.5)
    assert imported.take_changes() == Changes(reading_state=True)


def test_a_failed_tick_touches_nothing(imported):
    with pytest.raises(NotFoundError):
        imported.set_item_state(BUNDLE, "politie", "politie-zz", ticked=True)
    assert imported.take_changes() == Changes()


def test_bookmarks_touch_only_the_bookmarks(imported):
    chapter = imported.chapters(imported.edition(BUNDLE).pk)[0].chapter_id
    pk = imported.add_bookmark(BUNDLE, chapter, note="lezen")
    assert imported.take_changes() == Changes(bookmarks=True)
    imported.set_bookmark_note(pk, "gelezen")
    assert imported.take_changes() == Changes(bookmarks=True)
    imported.remove_bookmark(pk)
    assert imported.take_changes() == Changes(bookmarks=True)
    with pytest.raises(NotFoundError):
        imported.remove_bookmark(pk)
    assert imported.take_changes() == Changes()


def test_a_setting_touches_only_the_settings(lib):
    lib.set_setting("example", "1")
    assert lib.take_changes() == Changes(settings=True)


def test_changes_combine_and_compare():
    assert Changes(editions=True) | Changes(audit=True) == IMPORTED
    assert not Changes() and Changes(audit=True)
    assert IMPORTED.concerns(Changes(editions=True, bookmarks=True))
    assert not IMPORTED.concerns(Changes(bookmarks=True, reading_state=True))
    assert Changes.everything().areas == ("editions", "trust", "reading_state", "bookmarks", "settings", "audit")
