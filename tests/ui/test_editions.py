"""The Editions view over the real demo library: list, reading view, links, position, zoom, assets, PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextDocument, QTextTable
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.library.changes import Changes
from reader.core.library import Library
from reader.core.minisign import SecretKey
from reader.core.source import build_source, write_example_source
from reader.ui.views.editions import EDITION_ROLE, EditionsView
from tests.helpers import bundles

# The offscreen platform says so for every top-level window; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)"
)

TIMEOUT_MS = 15_000
DEMO_DATES_NEWEST_FIRST = [
    "2025-06", "2024-12", "2024-06", "2023-12", "2019-12", "2019-06",
    "2016-07", "2013-03", "2009-11", "2008-03", "2007-04", "2005-05",
]
EXTERNAL_URL = "https://www.example.org/dtn/pad?q=1&x=%C3%A9"


def import_bundle(library_dir: Path, key: SecretKey, data: bytes, path: Path) -> None:
    """Trust ``key`` in the library's own trust store and import ``data`` through the verified import."""
    path.write_bytes(data)
    with Library.open(library_dir) as lib:
        if lib.trust.get(key.key_id_hex) is None:
            lib.trust.add(key.public.to_file(), name=bundles.PUBLISHER_NAME, role="publisher")
        result = lib.import_file(path)
    assert result.status == "imported", result.line()


def chapter_pk(library_dir: Path, bundle_id: str, chapter_id: str) -> int:
    with Library.open(library_dir, recover=False) as lib:
        return lib.chapter_by_id(lib.edition(bundle_id).pk, chapter_id).pk


def edition_pk(library_dir: Path, bundle_id: str) -> int:
    with Library.open(library_dir, recover=False) as lib:
        return lib.edition(bundle_id).pk


@pytest.fixture
def view(ctx, qtbot):
    v = EditionsView(ctx)
    qtbot.addWidget(v)
    # Small enough that every demo chapter scrolls.
    v.resize(1100, 520)
    v.show()
    qtbot.waitExposed(v)
    return v


def open_chapter(view: EditionsView, qtbot, pk: int, highlight: str = "") -> None:
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS, check_params_cb=lambda shown: shown == pk):
        view.open_chapter(pk, highlight)


def activate_first_link(view: EditionsView, qtbot) -> None:
    """Move keyboard focus to the first link of the chapter (Tab) and follow it (Enter), like a user."""
    browser = view.browser
    browser.setFocus()
    cursor = browser.textCursor()
    cursor.setPosition(0)
    browser.setTextCursor(cursor)
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert browser.textCursor().charFormat().isAnchor()
    qtbot.keyClick(browser, Qt.Key.Key_Return)


def list_rows(view) -> list:
    """The edition list's rows (model indexes), top to bottom."""
    return [view.edition_model.index(row) for row in range(view.edition_model.rowCount())]


@pytest.fixture
def example_bundle(tmp_path, publisher_key, library_dir) -> None:
    """The `dtn init` example, signed by a key the library trusts, imported for real."""
    source = write_example_source(tmp_path / "example-src")
    data, _source = build_source(source, publisher_key)
    import_bundle(library_dir, publisher_key, data, tmp_path / "example.dtnb")


def test_list_shows_all_demo_editions_newest_first_with_demo_marking(view, qtbot):
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
        view.activate()
    items = list_rows(view)
    editions = [item.data(EDITION_ROLE) for item in items]
    assert [e.date for e in editions] == DEMO_DATES_NEWEST_FIRST
    assert all(e.demo for e in editions)
    assert all("DEMO" in item.data() for item in items)
    assert all("/5 " in item.data() or "/4 " in item.data() for item in items)
    # The tooltip says the same, for a list too narrow for the painted row.
    assert [item.data(Qt.ItemDataRole.ToolTipRole) for item in items] == [item.data() for item in items]
    # The newest edition is opened, with its DEMO banner in the header.
    assert view.title_label.text() == editions[0].title
    assert view.demo_banner.isVisible()
    assert "DEMO" in view.demo_banner.text()
    assert view.edition_list.currentIndex().row() == 0


def test_opening_an_edition_shows_its_chapters_in_the_toc(view, qtbot, library_dir):
    pk = edition_pk(library_dir, "dtn-2023-12")
    with Library.open(library_dir, recover=False) as lib:
        titles = [c.title for c in lib.chapters(pk)]
    with qtbot.waitSignal(view.edition_shown, timeout=TIMEOUT_MS, check_params_cb=lambda shown: shown == pk):
        view.open_edition(pk)
    qtbot.waitUntil(lambda: view.chapter_title.text() == titles[0], timeout=TIMEOUT_MS)
    top = [view.toc.topLevelItem(i).text(0) for i in range(view.toc.topLevelItemCount())]
    assert top == [f"{n}. {t}" for n, t in enumerate(titles, start=1)]
    # The current chapter lists its own sections.
    assert view.toc.topLevelItem(0).childCount() > 0


def test_clicking_an_edition_in_the_list_opens_it(view, qtbot):
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
        view.activate()
    view.edition_list.setFocus()
    view.edition_list.setCurrentIndex(view.edition_model.index(3))
    wanted = view.edition_model.index(3).data(EDITION_ROLE)
    with qtbot.waitSignal(view.edition_shown, timeout=TIMEOUT_MS, check_params_cb=lambda pk: pk == wanted.pk):
        qtbot.keyClick(view.edition_list, Qt.Key.Key_Return)
    assert view.title_label.text() == wanted.title


def test_chapter_with_a_table_is_shown(view, qtbot, library_dir):
    pk = chapter_pk(library_dir, "dtn-2023-12", "online-radicalisering")
    open_chapter(view, qtbot, pk)
    document = view.browser.document()
    tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    assert tables and tables[0].columns() == 2
    assert "Online radicalisering is geen nieuw verschijnsel" in document.toPlainText()


def test_in_page_anchor_scrolls(view, qtbot, library_dir):
    pk = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    open_chapter(view, qtbot, pk)
    bar = view.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    with qtbot.assertNotEmitted(view.chapter_shown, wait=100):
        activate_first_link(view, qtbot)  # the footnote reference near the top
    qtbot.waitUntil(lambda: bar.value() > bar.maximum() // 2, timeout=TIMEOUT_MS)


def test_chapter_link_opens_the_other_chapter(view, qtbot, library_dir, example_bundle):
    first = chapter_pk(library_dir, "voorbeeld-2026-06", "dreigingsniveau")
    second = chapter_pk(library_dir, "voorbeeld-2026-06", "online")
    open_chapter(view, qtbot, first)
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS) as blocker:
        activate_first_link(view, qtbot)
    assert blocker.args == [second]
    assert view.chapter_title.text() == "Online radicalisering"


def external_link_bundle(key: SecretKey) -> bytes:
    manifest = bundles.sample_manifest()
    members = bundles.sample_members()
    members["chapters/02-online.md"] = (
        f"Lees de [bron]({EXTERNAL_URL}) voor meer.\n\nOf mail [de redactie](mailto:redactie@example.org).\n"
    ).encode()
    return bundles.build(key, manifest, members)


def test_external_link_opens_only_after_confirmation(view, qtbot, library_dir, tmp_path, publisher_key, monkeypatch):
    import_bundle(library_dir, publisher_key, external_link_bundle(publisher_key), tmp_path / "ext.dtnb")
    pk = chapter_pk(library_dir, "test-2024-06", "online")
    open_chapter(view, qtbot, pk)
    opened: list[QUrl] = []
    asked: list[str] = []
    answer = {"button": QMessageBox.StandardButton.No}

    def fake_exec(box):
        asked.append(box.text())
        return answer["button"]

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)

    activate_first_link(view, qtbot)
    assert len(asked) == 1
    assert "https://www.example.org/dtn/pad?q=1&x=%C3%A9" in asked[0]
    assert opened == []

    answer["button"] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(view.browser.external_link_opened, timeout=TIMEOUT_MS):
        activate_first_link(view, qtbot)
    assert len(asked) == 2
    assert [u.toString(QUrl.ComponentFormattingOption.FullyEncoded) for u in opened] == [EXTERNAL_URL]


def test_reading_position_is_saved_and_restored(view, qtbot, ctx, library_dir):
    detentie = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    other = chapter_pk(library_dir, "dtn-2019-06", "dreigingsniveau")
    open_chapter(view, qtbot, detentie)
    bar = view.browser.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum() // 2)
    expected = bar.value() / bar.maximum()
    open_chapter(view, qtbot, other)
    assert bar.value() == 0  # never read: starts at the top
    open_chapter(view, qtbot, detentie)
    assert view.scroll_fraction() == pytest.approx(expected, abs=0.02)

    def stored() -> float:
        with Library.open(library_dir, recover=False) as lib:
            return lib.reading_position("dtn-2019-06", "detentie")

    qtbot.waitUntil(lambda: abs(stored() - expected) < 0.01, timeout=TIMEOUT_MS)

    # A new view (as after a restart) restores it from the library.
    fresh = EditionsView(ctx)
    qtbot.addWidget(fresh)
    fresh.resize(1100, 520)
    fresh.show()
    qtbot.waitExposed(fresh)
    open_chapter(fresh, qtbot, detentie)
    assert fresh.scroll_fraction() == pytest.approx(expected, abs=0.02)


def test_position_is_not_restored_when_opened_with_highlight(view, qtbot, library_dir):
    pk = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    open_chapter(view, qtbot, pk)
    bar = view.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    other = chapter_pk(library_dir, "dtn-2019-06", "dreigingsniveau")
    open_chapter(view, qtbot, other)
    open_chapter(view, qtbot, pk, highlight="terroristenafdelingen")
    selections = view.browser.extraSelections()
    assert selections
    assert all(s.cursor.selectedText().casefold().startswith("terroristenafdeling") for s in selections)
    assert bar.value() < bar.maximum()


def test_highlight_ignores_case_and_accents(view, qtbot, library_dir):
    pk = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    open_chapter(view, qtbot, pk, highlight="REEEL")
    texts = {s.cursor.selectedText() for s in view.browser.extraSelections()}
    assert "reëel" in texts


def test_zoom_shortcuts_change_the_font_size(view, qtbot, library_dir):
    open_chapter(view, qtbot, chapter_pk(library_dir, "dtn-2019-06", "detentie"))
    view.activateWindow()
    view.browser.setFocus()
    qtbot.waitUntil(view.browser.hasFocus)
    base = view.browser.font().pointSizeF()
    qtbot.keyClick(view.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.browser.font().pointSizeF() == pytest.approx(base + 2)
    qtbot.keyClick(view.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.browser.font().pointSizeF() == pytest.approx(base + 1)
    qtbot.keyClick(view.browser, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.browser.font().pointSizeF() == pytest.approx(base)
    # Bounded: many steps out stop at the lower bound.
    for _ in range(20):
        qtbot.keyClick(view.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.browser.font().pointSizeF() == pytest.approx(base - 4)
    assert view.browser.zoom_out_action.shortcuts()


def test_example_image_is_served_from_the_bundle(view, qtbot, library_dir, example_bundle):
    pk = chapter_pk(library_dir, "voorbeeld-2026-06", "dreigingsniveau")
    open_chapter(view, qtbot, pk)
    view.browser.viewport().grab()  # paint, so every image is asked for
    assert "dtn-asset:assets/schaal.png" in view.browser.requested_resources
    assert "dtn-asset:assets/schaal.png" not in view.browser.refused_resources
    resource = view.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("dtn-asset:assets/schaal.png"))
    image = resource.toImage() if isinstance(resource, QPixmap) else resource
    assert isinstance(image, QImage) and (image.width(), image.height()) == (200, 40)


def test_hidden_and_superseded_editions_are_listed_on_request(view, qtbot, library_dir, tmp_path, publisher_key):
    manifest = bundles.sample_manifest()
    import_bundle(library_dir, publisher_key, bundles.build(publisher_key, manifest), tmp_path / "r2.dtnb")
    manifest["revision"] = 3
    import_bundle(library_dir, publisher_key, bundles.build(publisher_key, manifest), tmp_path / "r3.dtnb")
    with Library.open(library_dir) as lib:
        lib.trust.revoke(publisher_key.key_id_hex, "sleutel uitgelekt")
        lib.apply_revocations()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.activate()
    assert view.edition_model.rowCount() == 12
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.show_all.setChecked(True)
    texts = [item.data() for item in list_rows(view)]
    assert len(texts) == 14
    test_rows = [t for t in texts if "(test)" in t]
    assert len(test_rows) == 2
    assert any("superseded" in t for t in test_rows)
    assert all("hidden: signed by key" in t and "sleutel uitgelekt" in t for t in test_rows)


def test_export_to_pdf(view, qtbot, library_dir, tmp_path, monkeypatch):
    open_chapter(view, qtbot, chapter_pk(library_dir, "dtn-2023-12", "online-radicalisering"))
    target = tmp_path / "hoofdstuk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF"))
    view.browser.pdf_action.trigger()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_stale_chapter_result_is_ignored(view, qtbot, library_dir):
    first = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    last = chapter_pk(library_dir, "dtn-2023-12", "online-radicalisering")
    shown: list[int] = []
    view.chapter_shown.connect(shown.append)
    view.open_chapter(first)
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS, check_params_cb=lambda pk: pk == last):
        view.open_chapter(last)
    qtbot.waitUntil(lambda: not view.ctx.tasks._live, timeout=TIMEOUT_MS)
    assert shown == [last]
    assert "Online radicalisering is geen nieuw verschijnsel" in view.browser.toPlainText()


def test_library_change_drops_an_edition_that_is_gone(view, qtbot, ctx, library_dir):
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
        view.activate()
    assert view.browser.toPlainText()
    with Library.open(library_dir) as lib:
        assert lib.remove_demo() == 12
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        ctx.library_changed.emit(Changes.everything())
    assert view.edition_model.rowCount() == 0
    assert view.list_status.isVisible() and "no editions" in view.list_status.text()
    assert view.browser.toPlainText() == ""
    assert not view.demo_banner.isVisible()
    assert view.title_label.text() == "No edition selected"


def stored_html(library_dir: Path, pks: list[int]) -> dict[int, bool]:
    """Whether each chapter's rendered HTML is kept in the library (read-only look)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{library_dir / 'library.db'}?mode=ro", uri=True)
    try:
        return {pk: conn.execute("SELECT html IS NOT NULL FROM chapters WHERE pk = ?", [pk]).fetchone() == (1,) for pk in pks}
    finally:
        conn.close()


def test_the_chapters_likely_next_are_rendered_ahead(view, qtbot, library_dir):
    with Library.open(library_dir, recover=False) as lib:
        newest, beside, further = (lib.edition(b) for b in ("dtn-2025-06", "dtn-2024-12", "dtn-2024-06"))
        own = [c.pk for c in lib.chapters(newest.pk)]
        beside_first, further_first = lib.chapters(beside.pk)[0].pk, lib.chapters(further.pk)[0].pk
    assert len(own) > 2
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
        view.activate()  # the newest edition with its first chapter
    assert view.chapters_to_render_ahead() == (own[1:], [beside.pk])
    expected = [*own[1:], beside_first]
    assert not any(stored_html(library_dir, expected).values())
    qtbot.waitUntil(lambda: all(stored_html(library_dir, expected).values()), timeout=TIMEOUT_MS)
    # Only the editions beside the one shown: not the whole library.
    assert stored_html(library_dir, [further_first]) == {further_first: False}
    # From the middle of an edition, the chapters after it come first.
    open_chapter(view, qtbot, own[1])
    assert view.chapters_to_render_ahead() == ([*own[2:], own[0]], [beside.pk])
    # A new request stops the round waiting to start, and so does leaving the view.
    view._ahead_timer.start()
    view.open_edition(further.pk)
    assert not view._ahead_timer.isActive()
    view._ahead_timer.start()
    view.hide()
    assert not view._ahead_timer.isActive()


def test_the_latest_editions_first_chapter_is_rendered_ahead_after_an_import(view, qtbot, library_dir, ctx):
    with Library.open(library_dir, recover=False) as lib:
        latest = lib.latest_edition()
        pks = [c.pk for c in lib.chapters(latest.pk)]
        every = [row[0] for row in lib.db.execute("SELECT pk FROM chapters")]
    assert len(pks) > 1 and not any(stored_html(library_dir, every).values())
    view.render_latest_ahead()  # what the application does once the library is open
    qtbot.waitUntil(lambda: stored_html(library_dir, pks[:1]) == {pks[0]: True}, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not ctx.tasks._live, timeout=TIMEOUT_MS)
    # That one chapter and no other, until a chapter is shown.
    assert [pk for pk, kept in stored_html(library_dir, every).items() if kept] == [pks[0]]
    # A change of the editions (an import) does it again, for the edition then latest.
    with Library.open(library_dir, recover=False) as lib, lib.db.atomic():
        lib.db.execute("UPDATE chapters SET html = NULL")
    assert not any(stored_html(library_dir, every).values())
    ctx.library_changed.emit(Changes(editions=True))
    qtbot.waitUntil(lambda: stored_html(library_dir, pks[:1]) == {pks[0]: True}, timeout=TIMEOUT_MS)


@pytest.mark.parametrize("shown_first", [False, True], ids=["asked-then-shown", "shown-then-asked"])
def test_a_chapter_asked_for_comes_before_the_edition_list(view, qtbot, library_dir, shown_first):
    pk = chapter_pk(library_dir, "dtn-2019-06", "detentie")
    rows_when_shown: list[int] = []
    view.chapter_shown.connect(lambda _pk: rows_when_shown.append(view.edition_model.rowCount()))
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        # As when another view asks for a chapter: the view is shown (and loads its list) and
        # opens the chapter, in one turn of the event loop; the window shows it first.
        if shown_first:
            view.activate()
        view.open_chapter(pk)
        if not shown_first:
            view.activate()
    assert rows_when_shown == [0]  # the text first; the list waited for it
    assert view.edition_model.rowCount() == 12
    shown = view.edition_model.index(view.edition_list.currentIndex().row()).data(EDITION_ROLE)
    assert shown.bundle_id == "dtn-2019-06" and view.current_chapter_pk() == pk
