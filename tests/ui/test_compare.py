"""The Compare view over the demo library: choice of editions, summary, chapter statuses,
the side-by-side text, Swap, keyboard and accessible names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from reader.core.library.changes import Changes
from reader.core.library import ChapterComparison, ChapterInfo, DiffPart, Library
from reader.ui.views.compare import EDITION_ROLE, MARK_STRENGTH, CompareView, blend
from reader.ui.window import MainWindow
from tests.helpers.views import LOAD_TIMEOUT_MS


def pks(library_dir) -> dict[str, int]:
    """Edition bundle id -> pk, read in the test thread."""
    with Library.open(library_dir, recover=False) as lib:
        return {e.bundle_id: e.pk for e in lib.editions()}


@pytest.fixture
def view(ctx, qtbot):
    widget = CompareView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.loaded, timeout=LOAD_TIMEOUT_MS):
        widget.activate()
    return widget


def compare(qtbot, view: CompareView, left: int, right: int) -> None:
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS):
        assert view.compare(left, right)


def rows(view: CompareView) -> list[tuple[str, str]]:
    tree = view.chapter_tree
    return [(tree.topLevelItem(r).text(0), tree.topLevelItem(r).text(1)) for r in range(tree.topLevelItemCount())]


def select_row(view: CompareView, title_start: str) -> None:
    tree = view.chapter_tree
    for r in range(tree.topLevelItemCount()):
        if tree.topLevelItem(r).text(1).startswith(title_start):
            tree.setCurrentItem(tree.topLevelItem(r))
            return
    raise AssertionError(f"no chapter {title_start!r} in {rows(view)}")


def test_defaults_to_the_latest_edition_and_the_one_before(view, library_dir):
    editions = pks(library_dir)
    assert view.left_pk() == editions["dtn-2024-12"]
    assert view.right_pk() == editions["dtn-2025-06"]
    assert view.left_label.text() == "Older edition:" and view.right_label.text() == "Newer edition:"
    comparison = view.comparison()
    assert (comparison.a.bundle_id, comparison.b.bundle_id) == ("dtn-2024-12", "dtn-2025-06")
    # Every edition in the choice is marked DEMO, and so are the summary and the pane titles.
    texts = [view.left_combo.itemText(i) for i in range(view.left_combo.count())]
    assert len(texts) == 12 and all(text.endswith("[DEMO]") for text in texts)
    assert view.editions_line.text() == "From DTN december 2024 [DEMO] (older) to DTN juni 2025 [DEMO] (newer)"
    assert view.left_title.text().startswith("Older edition: DTN december 2024 [DEMO]\n")
    assert view.right_title.text().startswith("Newer edition: DTN juni 2025 [DEMO]\n")
    assert view.level_line.text() == "Threat level: unchanged, 4/5 Substantieel"
    # The first changed chapter is shown.
    assert view.chapter_tree.currentItem().text(0) == "Changed"


def test_summary_shows_the_level_change_of_2019_in_words(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    assert view.level_line.text() == "Threat level: 4/5 Substantieel → 3/5 Aanzienlijk, lowered"
    assert view.chapters_line.text() == "Chapters: 1 added, 0 removed, 4 changed, 0 unchanged"
    # The scale change of 2016 is the same level word on another scale, not a raise.
    compare(qtbot, view, editions["dtn-2013-03"], editions["dtn-2016-07"])
    assert view.level_line.text() == "Threat level: 3/4 Substantieel → 4/5 Substantieel, the same level on another scale"
    compare(qtbot, view, editions["dtn-2019-12"], editions["dtn-2023-12"])
    assert view.level_line.text() == "Threat level: 3/5 Aanzienlijk → 4/5 Substantieel, raised"


def test_chapter_list_states_each_status_in_words_with_an_icon(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    assert rows(view) == [
        ("Changed", "Het dreigingsniveau verlaagd naar 3 (was: Het dreigingsniveau: 4 van 5, met een regionale verhoging in maart)"),
        ("Changed", "Jihadisme: minder slagkracht, blijvende intentie (was: Jihadisme na het verlies van het kalifaat)"),
        ("Added", "Uitreizigers en de kampen in Noordoost-Syrië"),
        ("Changed", "Rechts-extremisme: jong en internationaal verbonden (was: Rechts-extremisme na de aanslagen in Nieuw-Zeeland)"),
        ("Changed", "Vrijkomende terroristische gedetineerden (was: Detentie, vrijlating en re-integratie)"),
    ]
    tree = view.chapter_tree
    assert all(not tree.topLevelItem(r).icon(0).isNull() for r in range(tree.topLevelItemCount()))
    # A newer edition's removed chapters are listed as removed.
    compare(qtbot, view, editions["dtn-2024-12"], editions["dtn-2025-06"])
    assert [status for status, _title in rows(view)].count("Removed") == 3


def test_a_changed_chapter_fills_both_panes_with_marked_paragraphs(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    select_row(view, "Vrijkomende terroristische gedetineerden")
    assert view.chapter_heading.text() == "Changed: Vrijkomende terroristische gedetineerden"
    assert view.left_title.text() == "Older edition: DTN juni 2019 [DEMO]\nDetentie, vrijlating en re-integratie"
    assert view.right_title.text() == "Newer edition: DTN 51 (december 2019) [DEMO]\nVrijkomende terroristische gedetineerden"
    older, newer = view.left_pane.toPlainText(), view.right_pane.toPlainText()
    assert "De komende jaren komen meer mensen vrij" in older and "De komende jaren komen meer mensen vrij" not in newer
    assert "Eind november vond in Londen een aanslag plaats" in newer and "Eind november" not in older
    # Markers in the text (not colour alone): − on the older side, + on the newer.
    assert "− De komende jaren" in older and "+ Eind november" in newer
    assert "+ " not in older and "− " not in newer
    # A Markdown heading shows bold without its hashes.
    assert "Risico's" in older and "## Risico's" not in older
    # Marked paragraphs lie on the palette's highlight, blended into the base colour.
    palette = view.left_pane.palette()
    expected = blend(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight), MARK_STRENGTH)
    block = view.right_pane.document().find("Eind november vond in Londen").block()
    assert block.blockFormat().background().color().name() == expected.name()


def test_added_chapter_shows_its_text_on_the_newer_side_only(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    select_row(view, "Uitreizigers")
    assert view.chapter_heading.text() == "Added in the newer edition: Uitreizigers en de kampen in Noordoost-Syrië"
    assert view.left_pane.toPlainText() == "This chapter is not in the older edition."
    assert view.left_title.text().endswith("\n(not in this edition)")
    assert view.right_pane.toPlainText().startswith("+ ")


def test_swap_exchanges_the_sides_and_keeps_older_to_newer(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    select_row(view, "Vrijkomende terroristische gedetineerden")
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [editions["dtn-2019-06"], editions["dtn-2019-12"]]
    assert view.left_pk() == editions["dtn-2019-12"] and view.right_pk() == editions["dtn-2019-06"]
    assert view.left_label.text() == "Newer edition:" and view.right_label.text() == "Older edition:"
    assert view.left_combo.accessibleName() == "Newer edition"
    # The same comparison (older to newer), the newer text now on the left; the chapter stays chosen.
    assert view.level_line.text() == "Threat level: 4/5 Substantieel → 3/5 Aanzienlijk, lowered"
    assert view.chapter_heading.text() == "Changed: Vrijkomende terroristische gedetineerden"
    assert view.left_title.text().startswith("Newer edition: DTN 51 (december 2019)")
    assert "+ Eind november" in view.left_pane.toPlainText()
    assert "− De komende jaren" in view.right_pane.toPlainText()
    assert view.left_pane.accessibleName() == "Text in the newer edition"
    # And back.
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS):
        view.swap()
    assert view.left_label.text() == "Older edition:" and "− De komende jaren" in view.left_pane.toPlainText()


def test_choosing_the_newer_edition_on_the_left_names_the_sides_by_date(view, qtbot, library_dir):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2025-06"], editions["dtn-2005-05"])
    assert view.left_label.text() == "Newer edition:"
    assert view.comparison().a.bundle_id == "dtn-2005-05"
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-06"])
    assert view.status_label.isVisibleTo(view) and "same edition" in view.status_label.text()
    assert view.chapters_line.text() == "Chapters: 0 added, 0 removed, 0 changed, 4 unchanged"


def test_keyboard_reaches_and_operates_everything(view, qtbot, library_dir, ctx):
    view.window().activateWindow()
    qtbot.waitActive(view.window())
    chain = [view.left_combo, view.swap_button, view.right_combo, view.chapter_tree, view.left_pane, view.right_pane]
    view.left_combo.setFocus(Qt.FocusReason.TabFocusReason)
    for current, following in zip(chain, chain[1:]):
        assert QApplication.focusWidget() is current
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is following, f"Tab from {type(current).__name__} went to {QApplication.focusWidget()}"
    # A choice by arrow key compares at once.
    view.left_combo.setFocus()
    before = view.left_pk()
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(view.left_combo, Qt.Key.Key_Down)
    assert view.left_pk() != before
    # Arrow keys in the chapter list change the text shown; Enter opens the chapter.
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    tree = view.chapter_tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert view.chapter_heading.text().startswith("Added in the newer edition: Uitreizigers")
    added = view.comparison().added[0]
    with qtbot.waitSignal(ctx.open_chapter_requested, timeout=LOAD_TIMEOUT_MS) as blocker:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == [added.b.pk, ""]
    # Alt+S is Swap.
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(tree, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert view.left_label.text() == "Newer edition:"


def test_every_focusable_widget_has_an_accessible_name(view):
    unnamed = []
    for widget in view.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.window() is not view.window():
            continue
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.text().replace("&", "").strip():
            continue  # Qt names these by their text
        if not widget.accessibleName().strip():
            unnamed.append(type(widget).__name__)
    assert unnamed == []
    names = {w.accessibleName() for w in (view.left_combo, view.right_combo, view.chapter_tree, view.left_pane, view.right_pane)}
    assert names == {"Older edition", "Newer edition", "Chapters compared", "Text in the older edition", "Text in the newer edition"}


def test_panes_show_markup_as_text_and_load_nothing(view):
    """Chapter text is escaped: HTML in it is shown literally, and no resource is ever asked for."""
    hostile = '<img src="http://127.0.0.1:9/x.png"> <a href="file:///etc/passwd">link</a> <b>bold</b> & ![](/etc/hosts)'
    info = ChapterInfo(pk=1, edition_pk=1, ord=0, chapter_id="x", title="<i>Titel</i>", themes=[], file="x.md", theme_chapter=False)
    entry = ChapterComparison("changed", info, info, [DiffPart("replace", "oud", hostile), DiffPart("equal", "<script>", "<script>")])
    view._show_chapter(entry)
    # Shown as a reader sees the text: tags are not text, and nothing in them is acted on.
    newer = view.right_pane.toPlainText()
    assert "+ link bold &" in " ".join(newer.split())
    assert "<" not in newer and "/etc/" not in newer
    assert view.chapter_heading.text() == "Changed: <i>Titel</i>"
    assert view.left_pane.requested_resources == [] and view.right_pane.requested_resources == []
    assert not view.right_pane.openLinks() and not view.right_pane.openExternalLinks()
    assert "<a " not in view.right_pane.toHtml() and "<img" not in view.right_pane.toHtml()


def test_editions_view_compare_with_previous(ctx, qtbot, library_dir):
    editions = pks(library_dir)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    editions_view = window.views["editions"]
    with qtbot.waitSignal(editions_view.loaded, timeout=LOAD_TIMEOUT_MS):
        window.show_view("editions")
    with qtbot.waitSignal(editions_view.edition_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda pk: pk == editions["dtn-2019-12"]):
        editions_view.open_edition(editions["dtn-2019-12"])
    assert editions_view.compare_button.isEnabled()
    # The Compare view is built by the request itself (views are built when first asked for).
    assert not window.views.is_built("compare")
    qtbot.mouseClick(editions_view.compare_button, Qt.MouseButton.LeftButton)
    compare_view = window.views.built()["compare"]
    assert window.current_view_name() == "compare"
    qtbot.waitUntil(lambda: (compare_view.left_pk(), compare_view.right_pk()) == (editions["dtn-2019-06"], editions["dtn-2019-12"]),
                    timeout=LOAD_TIMEOUT_MS)
    assert (compare_view.left_pk(), compare_view.right_pk()) == (editions["dtn-2019-06"], editions["dtn-2019-12"])
    assert compare_view.level_line.text() == "Threat level: 4/5 Substantieel → 3/5 Aanzienlijk, lowered"
    # Once loaded, a second request is answered at once from the list.
    with qtbot.waitSignal(compare_view.compared, timeout=LOAD_TIMEOUT_MS) as blocker:
        ctx.compare_requested.emit(editions["dtn-2013-03"], editions["dtn-2016-07"])
    assert blocker.args == [editions["dtn-2013-03"], editions["dtn-2016-07"]]
    # The oldest edition has no previous one.
    with qtbot.waitSignal(editions_view.edition_shown, timeout=LOAD_TIMEOUT_MS):
        editions_view.open_edition(editions["dtn-2005-05"])
    assert not editions_view.compare_button.isEnabled()


def test_library_change_reloads_and_keeps_the_choice(view, qtbot, library_dir, ctx):
    editions = pks(library_dir)
    compare(qtbot, view, editions["dtn-2019-06"], editions["dtn-2019-12"])
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        ctx.library_changed.emit(Changes.everything())
    assert (view.left_pk(), view.right_pk()) == (editions["dtn-2019-06"], editions["dtn-2019-12"])


def test_outdated_comparisons_are_dropped(view, qtbot, library_dir):
    editions = pks(library_dir)
    shown = []
    view.compared.connect(lambda a, b: shown.append((a, b)))
    ignored = view.ignored_results
    with qtbot.waitSignal(view.compared, timeout=LOAD_TIMEOUT_MS):
        view.compare(editions["dtn-2005-05"], editions["dtn-2025-06"])
        view.compare(editions["dtn-2013-03"], editions["dtn-2016-07"])
        view.compare(editions["dtn-2019-06"], editions["dtn-2019-12"])
    # The two earlier results arrive too, and are dropped.
    qtbot.waitUntil(lambda: view.ignored_results == ignored + 2, timeout=LOAD_TIMEOUT_MS)
    assert shown == [(editions["dtn-2019-06"], editions["dtn-2019-12"])]
    assert view.comparison().b.bundle_id == "dtn-2019-12"


def test_dutch_summary_and_title(qapp, ctx, qtbot, library_dir):
    from reader.ui import i18n

    translators = i18n.install(qapp, "nl")
    try:
        widget = CompareView(ctx)
        qtbot.addWidget(widget)
        widget.show()
        with qtbot.waitSignal(widget.loaded, timeout=LOAD_TIMEOUT_MS):
            widget.activate()
        editions = pks(library_dir)
        compare(qtbot, widget, editions["dtn-2019-06"], editions["dtn-2019-12"])
        assert widget.title() == "Vergelijken"
        assert widget.level_line.text() == "Dreigingsniveau: 4/5 Substantieel → 3/5 Aanzienlijk, verlaagd"
        assert widget.chapters_line.text() == "Hoofdstukken: 1 toegevoegd, 0 verwijderd, 4 gewijzigd, 0 ongewijzigd"
        assert widget.left_label.text() == "Oudere editie:" and widget.chapter_tree.topLevelItem(0).text(0) == "Gewijzigd"
    finally:
        i18n.remove(qapp, translators)


def underlined(pane) -> list[str]:
    """The underlined runs of a pane's text."""
    found = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().fontUnderline():
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def test_changed_words_of_a_slightly_changed_paragraph_are_underlined(view):
    # The default pair (december 2024, juni 2025): the level chapter's first paragraph gained a clause.
    assert view.chapter_heading.text() == "Changed: Het dreigingsniveau blijft 4"
    assert underlined(view.left_pane) == ["2023."]
    assert underlined(view.right_pane) == ["2023; dit is de derde editie waarin het ongewijzigd blijft."]


def test_word_marks():
    from reader.ui.views.compare import MAX_WORD_DIFF_WORDS, runs_html, word_marks

    old, new = word_marks("Het niveau blijft 4 sinds 2023.", "Het niveau blijft nu 4 sinds december 2023.")
    assert [text for text, changed in new if changed] == ["nu ", "december "]
    assert not any(changed for _text, changed in old)
    assert "".join(text for text, _changed in old) == "Het niveau blijft 4 sinds 2023."
    assert runs_html([("a ", False), ("<b> ", True)]) == "a <u>&lt;b&gt;</u> "
    # Too different, or too long: no word marks, the paragraph is marked as a whole.
    assert word_marks("Een geheel andere tekst over iets.", "Volledig nieuw geschreven alinea hier.") is None
    long = " ".join(f"woord{i}" for i in range(MAX_WORD_DIFF_WORDS + 1))
    assert word_marks(long, long + " erbij") is None


def test_panes_show_text_without_markdown_syntax(view):
    markdown = "**Vet** en *schuin* met een voetnoot[^1] en [een link](https://example.org/x).\n- punt één\n- punt twee"
    info = ChapterInfo(pk=1, edition_pk=1, ord=0, chapter_id="x", title="Titel", themes=[], file="x.md", theme_chapter=False)
    entry = ChapterComparison("changed", info, info, [
        DiffPart("replace", "## Kop\n\n1. eerste", f"## Kop\n\n{markdown}"),
        DiffPart("equal", "[^1]: De bron.", "[^1]: De bron."),
    ])
    view._show_chapter(entry)
    newer, older = view.right_pane.toPlainText(), view.left_pane.toPlainText()
    assert "Vet en schuin met een voetnoot en een link." in newer
    assert "• punt één" in newer and "• punt twee" in newer
    assert "1. eerste" in older and "De bron." in older
    for syntax in ("**", "[^1]", "](", "https://example.org", "## ", "- punt", "*schuin*"):
        assert syntax not in newer and syntax not in older, syntax


def test_every_revision_of_an_edition_can_be_chosen(ctx, qtbot, library_dir, tmp_path, publisher_key):
    from tests.ui.test_editions import import_bundle
    from tests.helpers import bundles

    manifest = bundles.sample_manifest()
    import_bundle(library_dir, publisher_key, bundles.build(publisher_key, manifest), tmp_path / "r2.dtnb")
    manifest["revision"] = 3
    import_bundle(library_dir, publisher_key, bundles.build(publisher_key, manifest), tmp_path / "r3.dtnb")
    with Library.open(library_dir, recover=False) as lib:
        revisions = [e for e in lib.editions(include_superseded=True) if e.bundle_id == manifest["bundle_id"]]
    assert sorted(e.revision for e in revisions) == [2, 3] and any(e.superseded_by for e in revisions)
    widget = CompareView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=LOAD_TIMEOUT_MS):
        widget.activate()
    listed = [widget.left_combo.itemData(i, EDITION_ROLE) for i in range(widget.left_combo.count())]
    assert {e.pk for e in revisions} <= set(listed)
    texts = [widget.left_combo.itemText(i) for i in range(widget.left_combo.count())]
    assert any("revision 3" in t for t in texts) and any("superseded" in t for t in texts)
    old, new = sorted(revisions, key=lambda e: e.revision)
    compare(qtbot, widget, old.pk, new.pk)
    assert widget.comparison().a.pk == old.pk and widget.comparison().b.pk == new.pk
