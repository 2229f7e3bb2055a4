"""The Bookmarks page and the reading view's Bookmark tool over the real demo library."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget

from reader.core.library import Library
from reader.ui.views.bookmarks import COL_CHAPTER, COL_DATE, COL_EDITION, COL_NOTE, BookmarksView

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

EDITION = "dtn-2023-12"


def _open(qtbot, ctx) -> BookmarksView:
    view = BookmarksView(ctx)
    qtbot.addWidget(view)
    view.show()  # as in the window: a hidden view only marks itself stale on a change
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.activate()
    return view


def _rows(view: BookmarksView) -> list[list[str]]:
    tree = view.tree
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


@pytest.fixture
def marked(library_dir):
    with Library.open(library_dir) as lib:
        first = lib.add_bookmark(EDITION, "jihadisme", note="Bespreken in het driehoeksoverleg")
        second = lib.add_bookmark(EDITION, "aanpak", "sectie-1", note="")
        chapters = {c.chapter_id: c.pk for c in lib.chapters(lib.edition(EDITION).pk)}
    return {"first": first, "second": second, "chapters": chapters}


def test_the_page_lists_edition_chapter_note_and_a_local_date(qtbot, ctx, marked):
    view = _open(qtbot, ctx)
    rows = _rows(view)
    assert len(rows) == 2
    by_note = {r[COL_NOTE]: r for r in rows}
    row = by_note["Bespreken in het driehoeksoverleg"]
    assert row[COL_EDITION] == "DTN december 2023 [DEMO]"
    assert row[COL_CHAPTER] == "Jihadisme: de grootste en een groeiende dreiging"
    assert row[COL_DATE] and "T" not in row[COL_DATE] and not row[COL_DATE].endswith("Z")  # not a raw ISO timestamp
    assert "2 bookmark(s)" in view.status_label.text()


def test_notes_are_searchable(qtbot, ctx, marked):
    view = _open(qtbot, ctx)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.search_field.setText("driehoek")
    assert [r[COL_NOTE] for r in _rows(view)] == ["Bespreken in het driehoeksoverleg"]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.search_field.setText("niets-dat-past")
    assert _rows(view) == [] and "niets-dat-past" in view.status_label.text()


def test_enter_opens_the_chapter_and_a_section_bookmark_opens_its_section(qtbot, ctx, marked):
    view = _open(qtbot, ctx)
    for row in range(view.tree.topLevelItemCount()):
        if view.tree.topLevelItem(row).text(COL_NOTE):
            view.tree.setCurrentItem(view.tree.topLevelItem(row))
    view.tree.setFocus()
    with qtbot.waitSignal(ctx.open_chapter_requested, timeout=5_000) as blocker:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert blocker.args == [marked["chapters"]["jihadisme"], ""]
    for row in range(view.tree.topLevelItemCount()):
        if not view.tree.topLevelItem(row).text(COL_NOTE):
            view.tree.setCurrentItem(view.tree.topLevelItem(row))
    with qtbot.waitSignal(ctx.open_section_requested, timeout=5_000) as blocker:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [marked["chapters"]["aanpak"], "sectie-1"]


def test_remove_and_edit_note_are_saved(qtbot, ctx, library_dir, marked, monkeypatch):
    view = _open(qtbot, ctx)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    pk = view.current_bookmark().pk
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Nieuwe notitie", True)))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.edit_current_note()
    with Library.open(library_dir) as lib:
        assert {b.pk: b.note for b in lib.bookmarks()}[pk] == "Nieuwe notitie"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.tree.setFocus()
        qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    with Library.open(library_dir) as lib:
        assert len(lib.bookmarks()) == 1


def test_export_and_import_through_the_page_merge_without_duplicates(qtbot, ctx, library_dir, marked, tmp_path):
    view = _open(qtbot, ctx)
    target = tmp_path / "bladwijzers.json"
    with qtbot.waitSignal(view.changed, timeout=10_000):
        view.export_to(str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))["bookmarks"]) == 2
    with Library.open(library_dir) as lib:
        lib.remove_bookmark(marked["first"])
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.import_from(str(target))
    assert len(_rows(view)) == 2
    # The second import adds nothing: no change to reload for (the list stays as it is).
    with qtbot.waitSignal(view.changed, timeout=10_000), qtbot.assertNotEmitted(ctx.library_changed):
        view.import_from(str(target))
    assert len(_rows(view)) == 2


def test_a_bookmark_of_an_edition_not_in_the_library_is_listed_but_cannot_be_opened(qtbot, ctx, library_dir, tmp_path):
    entry = {"bundle_id": "dtn-2031-06", "chapter_id": "jihadisme", "anchor": "", "note": "later", "created_at": "2026-01-02T03:04:05Z"}
    data = json.dumps({"type": "dtn-reader-bookmarks", "version": 1, "bookmarks": [entry]}).encode()
    with Library.open(library_dir) as lib:
        assert lib.import_bookmarks(data).added == 1
    view = _open(qtbot, ctx)
    [row] = _rows(view)
    assert row[COL_EDITION] == "dtn-2031-06" and "(not in the library)" in row[COL_CHAPTER]
    assert not view.open_button.isEnabled() and view.remove_button.isEnabled()


def test_the_reading_view_bookmarks_the_chosen_section_with_a_note(qtbot, ctx, library_dir, monkeypatch):
    from reader.ui.views.editions import EditionsView

    view = EditionsView(ctx)
    qtbot.addWidget(view)
    with Library.open(library_dir) as lib:
        chapter = lib.chapter_by_id(lib.edition(EDITION).pk, "jihadisme")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.activate()
    with qtbot.waitSignal(view.chapter_shown, timeout=10_000):
        view.open_chapter(chapter.pk)
    edition, shown, anchor = view.current_place()
    assert (edition.bundle_id, shown.chapter_id, anchor) == (EDITION, "jihadisme", "")
    # Choose the first section in the table of contents.
    chapter_item = next(view.toc.topLevelItem(r) for r in range(view.toc.topLevelItemCount()) if view.toc.topLevelItem(r).childCount())
    view.toc.setCurrentItem(chapter_item.child(0))
    section = view.current_place()[2]
    assert section
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Lezen voor maandag", True)))
    with qtbot.waitSignal(view.bookmark_tool.bookmarked, timeout=10_000):
        view.bookmark_tool.action.trigger()
    with Library.open(library_dir) as lib:
        [bookmark] = lib.bookmarks()
    assert (bookmark.bundle_id, bookmark.chapter_id, bookmark.anchor, bookmark.note) == (EDITION, "jihadisme", section, "Lezen voor maandag")
    assert bookmark.section_title == chapter_item.child(0).text(0)


def test_every_focusable_widget_has_an_accessible_name(qtbot, ctx, marked):
    view = _open(qtbot, ctx)
    unnamed = [
        type(w).__name__
        for w in view.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName() and type(w).__name__ not in ("QScrollBar", "QPushButton")
    ]
    assert unnamed == []
