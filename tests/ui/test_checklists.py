"""The Checklists view over the real demo library: partners, ticks and notes that persist and carry over."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.library.changes import Changes
from reader.core.library import Library
from reader.ui.views.checklists import ChecklistsView, checklist_html

# The offscreen platform plugin says this whenever a top-level window is shown; it is not ours.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ITEM = "politie-zichtbaar-toezicht"  # in the police checklist of every edition since 2019-06


def _open(qtbot, ctx, show: bool = False) -> ChecklistsView:
    view = ChecklistsView(ctx)
    qtbot.addWidget(view)
    if show:
        view.resize(1100, 800)
        view.show()
        qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.activate()
    return view


def _select_partner(view: ChecklistsView, checklist_id: str) -> None:
    for row in range(view.partner_list.count()):
        if view.partner_list.item(row).data(Qt.ItemDataRole.UserRole) == checklist_id:
            view.partner_list.setCurrentRow(row)
            return
    raise AssertionError(f"no partner {checklist_id}")


def _row(view: ChecklistsView, item_id: str):
    for row in view.item_rows():
        if row.item.item_id == item_id:
            return row
    raise AssertionError(f"no item {item_id}")


def _stored(library_dir, bundle_id: str, checklist_id: str, item_id: str):
    with Library.open(library_dir) as lib:
        edition = lib.edition(bundle_id)
        for checklist in lib.checklists(edition.pk):
            if checklist.checklist_id == checklist_id:
                return next(i for i in checklist.items if i.item_id == item_id)
    raise AssertionError(f"no checklist {checklist_id} in {bundle_id}")


def test_latest_edition_shows_six_partners_newest_first_with_demo_marking(qtbot, ctx):
    view = _open(qtbot, ctx)
    combo = view.edition_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    # Only the six editions with checklists (2019-06 .. 2025-06), newest first, each marked DEMO.
    assert len(labels) == 6
    assert labels[0].startswith("DTN juni 2025") and labels[-1].startswith("DTN juni 2019")
    assert all("[DEMO]" in label for label in labels)
    assert combo.currentIndex() == 0
    assert view.current_edition().bundle_id == "dtn-2025-06"
    assert view.partner_list.count() == 6
    partners = [view.partner_list.item(r).text().split("\n")[0] for r in range(6)]
    assert "Politie" in partners and "Online platforms" in partners
    # Every item shows its priority as a word.
    _select_partner(view, "politie")
    assert all(row.priority_label.text() in ("Priority: high", "Priority: medium", "Priority: low") for row in view.item_rows())


def test_tick_by_mouse_persists_and_updates_progress(qtbot, ctx, library_dir):
    view = _open(qtbot, ctx, show=True)
    _select_partner(view, "politie")
    total = len(view.item_rows())
    assert view.progress.text() == f"0 of {total} done"
    row = _row(view, ITEM)
    assert not row.checkbox.isChecked()
    with qtbot.waitSignal(view.saved, timeout=10_000) as blocker:
        qtbot.mouseClick(row.checkbox, Qt.MouseButton.LeftButton)
    assert blocker.args == ["politie", ITEM]
    assert row.checkbox.isChecked()
    assert view.progress.text() == f"1 of {total} done"
    assert view.progress.value() == 1
    assert f"1 of {total} done" in view.partner_list.currentItem().text()
    assert _stored(library_dir, "dtn-2025-06", "politie", ITEM).ticked

    # A new view (as after a restart) shows it ticked.
    again = _open(qtbot, ctx)
    _select_partner(again, "politie")
    assert _row(again, ITEM).checkbox.isChecked()
    assert again.progress.text() == f"1 of {total} done"


def test_space_toggles_the_focused_item_and_tab_reaches_its_note(qtbot, ctx, library_dir):
    view = _open(qtbot, ctx, show=True)
    _select_partner(view, "gemeenten")
    row = view.item_rows()[0]
    row.checkbox.setFocus()
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.keyClick(row.checkbox, Qt.Key.Key_Space)
    assert row.checkbox.isChecked()
    assert _stored(library_dir, "dtn-2025-06", "gemeenten", row.item.item_id).ticked
    qtbot.keyClick(row.checkbox, Qt.Key.Key_Tab)
    assert view.focusWidget() is row.note_edit
    # Space again un-ticks, and that is saved too.
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.keyClick(row.checkbox, Qt.Key.Key_Space)
    assert not _stored(library_dir, "dtn-2025-06", "gemeenten", row.item.item_id).ticked


def test_note_persists(qtbot, ctx, library_dir):
    view = _open(qtbot, ctx, show=True)
    _select_partner(view, "politie")
    row = _row(view, ITEM)
    row.note_edit.setFocus()
    qtbot.keyClicks(row.note_edit, "Besproken met de wijkagent")
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.keyClick(row.note_edit, Qt.Key.Key_Return)
    stored = _stored(library_dir, "dtn-2025-06", "politie", ITEM)
    assert stored.note == "Besproken met de wijkagent"
    assert not stored.ticked
    again = _open(qtbot, ctx)
    _select_partner(again, "politie")
    assert _row(again, ITEM).note_edit.text() == "Besproken met de wijkagent"


def test_a_tick_stays_in_its_edition_and_notes_carry_over_only_on_request(qtbot, ctx, library_dir):
    view = _open(qtbot, ctx, show=True)
    _select_partner(view, "politie")
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.mouseClick(_row(view, ITEM).checkbox, Qt.MouseButton.LeftButton)

    # Go to the oldest edition with checklists through the combo, by keyboard.
    view.edition_combo.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(view.edition_combo, Qt.Key.Key_End)
    assert view.current_edition().bundle_id == "dtn-2019-06"
    assert view.edition_combo.currentText().startswith("DTN juni 2019")
    # The partner stays selected across editions; the 2025 tick is not the 2019 edition's.
    assert view.current_checklist().checklist_id == "politie"
    row = _row(view, ITEM)
    assert not row.checkbox.isChecked()
    assert view.progress.text() == f"0 of {len(view.item_rows())} done"
    assert not _stored(library_dir, "dtn-2019-06", "politie", ITEM).ticked
    assert _stored(library_dir, "dtn-2025-06", "politie", ITEM).ticked
    assert view.carry_over_bar.isHidden()  # nothing before 2019 to carry over

    # A note on an open item of 2019 is offered to the next edition, and copied only on request.
    row.note_edit.setFocus()
    qtbot.keyClicks(row.note_edit, "Nog afstemmen met de gemeente")
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.keyClick(row.note_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.edition_combo.setCurrentIndex(view.edition_combo.count() - 2)
    newer = view.current_edition().bundle_id
    assert newer != "dtn-2019-06"
    assert view.carry_over_bar.isVisible() and "DTN juni 2019" in view.carry_over_label.text()
    assert _row(view, ITEM).note_edit.text() == ""
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.carry_over_button, Qt.MouseButton.LeftButton)
    assert _row(view, ITEM).note_edit.text() == "Nog afstemmen met de gemeente"
    assert not _row(view, ITEM).checkbox.isChecked()
    assert _stored(library_dir, newer, "politie", ITEM).note == "Nog afstemmen met de gemeente"
    assert view.carry_over_bar.isHidden()


def test_library_changed_reloads_a_visible_view(qtbot, ctx, library_dir):
    view = _open(qtbot, ctx, show=True)
    _select_partner(view, "politie")
    with Library.open(library_dir) as lib:
        lib.set_item_state("dtn-2025-06", "politie", ITEM, ticked=True)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        ctx.library_changed.emit(Changes.everything())
    assert _row(view, ITEM).checkbox.isChecked()


def test_pdf_export_and_escaped_html(qtbot, ctx, tmp_path):
    view = _open(qtbot, ctx)
    _select_partner(view, "politie")
    target = tmp_path / "politie.pdf"
    view.export_pdf(str(target))
    assert target.read_bytes().startswith(b"%PDF")

    checklist = view.current_checklist()
    checklist.items[0].note = "<img src='http://example.org/x.png'> & meer"
    page = checklist_html(view.current_edition(), checklist, "nl")
    assert "<img" not in page
    assert "&lt;img src=&#x27;http://example.org/x.png&#x27;&gt; &amp; meer" in page
    assert "DEMO" in page and "Priority" in page


def test_every_focusable_widget_has_an_accessible_name(qtbot, ctx):
    view = _open(qtbot, ctx)
    _select_partner(view, "politie")
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in view.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName() and w.isVisibleTo(view)
        and type(w).__name__ not in ("QScrollBar",)
    ]
    assert unnamed == []


def test_items_are_on_screen_when_loaded_and_the_edition_date_is_not_doubled(qtbot, ctx):
    view = _open(qtbot, ctx, show=True)
    rows = view.item_rows()
    assert rows and all(row.isVisible() for row in rows)
    # "DTN juni 2025" already says when; "DTN 42" style names get the date in brackets.
    assert view.edition_combo.itemText(0) == "DTN juni 2025 [DEMO]"
