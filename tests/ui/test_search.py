"""The Search view over the real demo library: results while typing, filters, opening a hit, stale results."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from reader.core.library import Library
from reader.ui.views.editions import EditionsView
from reader.ui.views.search import HIT_ROLE, SearchView, snippet_html

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)"
)

TIMEOUT_MS = 15_000


@pytest.fixture
def view(ctx, qtbot):
    v = SearchView(ctx)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    v.activate()
    qtbot.waitUntil(lambda: v.theme.count() > 1, timeout=TIMEOUT_MS)
    return v


def hits(view: SearchView):
    return [view.model.item(row).data(HIT_ROLE) for row in range(view.model.rowCount())]


def search(view: SearchView, qtbot, text: str) -> list:
    """Type ``text`` like a user and wait until the results for exactly that text are shown."""
    view.query.clear()
    view.query.setFocus()
    qtbot.keyClicks(view.query, text)
    qtbot.waitUntil(lambda: view._shown_query == text.strip(), timeout=TIMEOUT_MS)
    return hits(view)


def test_empty_query_shows_a_hint(view):
    assert view.hint.isVisible()
    assert not view.results.isVisible()
    assert view.model.rowCount() == 0


def test_one_letter_asks_for_a_second_and_clearing_restores_the_hint(view, qtbot, monkeypatch):
    """One letter is not searched (as a prefix it would match most of the index); the hint says
    why. After a search that found nothing, an empty field shows the first hint again."""
    intro = view.hint.text()
    asked = []
    monkeypatch.setattr(view.ctx.tasks, "submit", lambda *a, **k: asked.append(a) or None)
    view.query.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClicks(view.query, "d")
    assert view.hint.isVisible() and view.hint.text() == "Type at least two letters."
    assert asked == [] and view.model.rowCount() == 0
    monkeypatch.undo()
    assert search(view, qtbot, "qqqzzzxx") == []
    assert view.hint.text().startswith("Nothing found")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.query.clear()
    assert view.hint.text() == intro and view.hint.isVisible()


def test_typing_shows_the_theme_chapter_first(view, qtbot):
    found = search(view, qtbot, "online radicalisering")
    assert found[0].bundle_id == "dtn-2023-12"
    assert found[0].chapter_id == "online-radicalisering"
    assert all(h.demo for h in found)
    assert "<mark>" in found[0].snippet
    assert view.count_label.text() == f"{len(found)} results"
    assert view.results.isVisible() and not view.hint.isVisible()
    row_text = view.model.item(0).text()
    assert "DEMO" in row_text and "DTN december 2023" in row_text


def test_theme_filter_narrows_results(view, qtbot):
    everything = search(view, qtbot, "radicalisering")
    index = view.theme.findData("online-radicalisering")
    assert index > 0
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.theme.setCurrentIndex(index)
    narrowed = hits(view)
    assert 0 < len(narrowed) < len(everything)
    assert all("online-radicalisering" in h.themes for h in narrowed)


def test_year_filter_narrows_results(view, qtbot):
    everything = search(view, qtbot, "dreigingsniveau")
    assert {h.edition_date[:4] for h in everything} > {"2019"}
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.year_from.setValue(2019)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.year_to.setValue(2019)
    narrowed = hits(view)
    assert narrowed and len(narrowed) < len(everything)
    assert {h.edition_date[:4] for h in narrowed} == {"2019"}


def test_enter_opens_the_chapter_with_the_words_highlighted(view, qtbot, ctx):
    editions = EditionsView(ctx)
    qtbot.addWidget(editions)
    editions.resize(1000, 600)
    editions.show()
    switched: list[str] = []
    ctx.show_view_requested.connect(switched.append)
    found = search(view, qtbot, "online radicalisering")
    view.results.setFocus()
    view.results.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(editions.chapter_shown, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(view.results, Qt.Key.Key_Return)
    assert blocker.args == [found[0].chapter_pk]
    assert switched == ["editions"]
    selections = editions.browser.extraSelections()
    assert selections
    marked = {s.cursor.selectedText().casefold() for s in selections}
    assert {"online", "radicalisering"} <= marked


def test_enter_in_the_query_field_keeps_the_list_and_moves_to_it(view, qtbot, ctx):
    opened: list[tuple[int, str]] = []
    ctx.open_chapter_requested.connect(lambda pk, words: opened.append((pk, words)))
    view.show()
    view.activateWindow()
    view.query.setFocus()
    qtbot.keyClicks(view.query, "terroristenafdeling")
    qtbot.keyClick(view.query, Qt.Key.Key_Return)  # before the results are there
    qtbot.waitUntil(lambda: view.results.hasFocus(), timeout=TIMEOUT_MS)
    assert opened == [] and view.results.isVisible()
    assert view.results.currentIndex().row() == 0
    qtbot.keyClick(view.results, Qt.Key.Key_Return)  # Enter on the hit opens it
    assert opened == [(hits(view)[0].chapter_pk, "terroristenafdeling")]


def test_empty_page_keeps_its_field_at_the_top(view, qtbot):
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.query.geometry().bottom() < view.height() / 4


def test_stale_results_are_ignored(view, qtbot, monkeypatch):
    """A slow search for an earlier text finishes last; its results must not replace the newer ones."""
    release = threading.Event()
    original = Library.search

    def slow_for_first(self, text, **kwargs):
        if text == "jihad":
            release.wait(TIMEOUT_MS / 1000)
        return original(self, text, **kwargs)

    monkeypatch.setattr(Library, "search", slow_for_first)
    view.query.setFocus()
    qtbot.keyClicks(view.query, "jihad")
    qtbot.waitUntil(lambda: view.count_label.text() == "Searching…", timeout=TIMEOUT_MS)
    # Type on fast: the blocked search for "jihad" is still running.
    qtbot.keyClicks(view.query, "isme detentie")
    qtbot.waitUntil(lambda: view._shown_query == "jihadisme detentie", timeout=TIMEOUT_MS)
    final = hits(view)
    release.set()
    qtbot.waitUntil(lambda: view.ignored_results >= 1, timeout=TIMEOUT_MS)
    assert hits(view) == final
    assert view._shown_query == "jihadisme detentie"
    with Library.open(view.ctx.library_dir, recover=False) as lib:
        expected = original(lib, "jihadisme detentie", limit=100, prefix_last=True)
    assert [h.chapter_pk for h in final] == [h.chapter_pk for h in expected]


def test_snippet_html_keeps_only_the_marks():
    hostile = "a &lt;b&gt; <mark>x</mark> <img src=x> &amp; <mark>y"
    out = snippet_html(hostile, "#000", "#fff")
    assert "<img" not in out and "&lt;img src=x&gt;" in out
    assert "&lt;b&gt;" in out and "&amp;" in out
    assert out.count("<span") == 2
