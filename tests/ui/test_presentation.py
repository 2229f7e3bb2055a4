"""Presentation mode: F5, full screen, large type, level history and the chapter's sections
stepped through with the arrow keys, DEMO on every slide of demo content."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.library import Library
from reader.ui.presentation import CHECKLIST_ITEMS_PER_SLIDE, MAX_SECTION_SLIDES, chapter_sections
from tests.helpers.views import LOAD_TIMEOUT_MS


@pytest.fixture
def window(main_window):
    return main_window


def _open(qtbot, window, bundle_id: str, chapter_id: str):
    with Library.open(window.ctx.library_dir, recover=False) as lib:
        chapter = lib.chapter(lib.chapter_by_id(lib.edition(bundle_id).pk, chapter_id).pk)
    view = window.views["editions"]
    with qtbot.waitSignal(view.chapter_shown, timeout=LOAD_TIMEOUT_MS, check_params_cb=lambda pk: pk == chapter.pk):
        window.ctx.open_chapter_requested.emit(chapter.pk, "")
    return chapter


def test_f5_presents_level_history_and_sections_with_arrow_keys(qtbot, window, qapp, tmp_path):
    chapter = _open(qtbot, window, "dtn-2025-06", "dreigingsniveau")
    sections = chapter_sections(chapter.html)
    assert len(sections) >= 3, "the chapter has an intro and second-level sections"
    window.activateWindow()
    qtbot.keyClick(window.views["editions"].browser, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation is not None, timeout=LOAD_TIMEOUT_MS)
    show = window.presentation
    qtbot.waitExposed(show)
    assert show.windowState() & Qt.WindowState.WindowFullScreen
    assert show.font().pointSizeF() >= 1.5 * qapp.font().pointSizeF()
    with Library.open(window.ctx.library_dir, recover=False) as lib:
        checklists = lib.checklists(chapter.edition_pk)
    assert len(checklists) == 6, "the demo editions from 2019 on have checklists for six partners"
    per = CHECKLIST_ITEMS_PER_SLIDE
    parts = [(c, c.items[i : i + per], i // per + 1, -(-len(c.items) // per)) for c in checklists for i in range(0, len(c.items), per)]
    assert any(total > 1 for *_, total in parts), "a demo checklist is longer than one slide"
    # The edition, the level history, each section, each partner's checklist a few actions a slide.
    assert show.count == 2 + len(sections) + len(parts)
    assert show.stack.widget(1) is show.chart and show.chart.points
    seen = []
    for index in range(show.count):
        assert show.index == index and show.slide_label.text() == f"slide {index + 1} of {show.count}"
        assert show.demo_label.isVisible(), f"slide {index + 1} of demo content without DEMO"
        assert show.demo_label.fontInfo().pointSizeF() >= show.font().pointSizeF() - 0.5  # large, not small print
        show.grab().save(str(tmp_path / f"slide-{index + 1}.png"))
        seen.append(show.index)
        qtbot.keyClick(show, Qt.Key.Key_Right)
    assert seen == list(range(show.count)) and show.index == show.count - 1  # stays on the last
    last_section = show.stack.widget(1 + len(sections)).findChild(type(window.views["editions"].browser)).toPlainText()
    assert last_section.strip() and last_section.split()[0] in chapter.markdown
    from PySide6.QtWidgets import QLabel, QListWidget

    words = {"hoog": "high", "middel": "medium", "laag": "low"}  # the English window
    for offset, (checklist, items, number, total) in enumerate(parts):  # the partners' actions, plain text, in order
        slide = show.stack.widget(2 + len(sections) + offset)
        heading = f"Actions for {checklist.partner}" + (f" ({number} of {total})" if total > 1 else "")
        assert slide.findChild(QLabel).text() == heading
        actions = slide.findChild(QListWidget)
        assert [actions.item(i).text() for i in range(actions.count())] == [f"• {item.text} ({words[item.priority]})" for item in items]
        assert [actions.item(i).font().bold() for i in range(actions.count())] == [item.priority == "hoog" for item in items]
    qtbot.keyClick(show, Qt.Key.Key_Left)
    assert show.index == show.count - 2
    qtbot.keyClick(show, Qt.Key.Key_Home)
    assert show.index == 0
    with qtbot.waitSignal(show.finished, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(show, Qt.Key.Key_Escape)
    assert window.presentation is None


def test_presentation_without_an_open_chapter_shows_the_latest_edition(qtbot, window):
    window.presentation_action.trigger()
    qtbot.waitUntil(lambda: window.presentation is not None, timeout=LOAD_TIMEOUT_MS)
    with Library.open(window.ctx.library_dir, recover=False) as lib:
        latest = lib.latest_edition()
    assert window.presentation.source.edition.pk == latest.pk
    window.presentation.close()
    assert window.presentation is None


def test_chapter_sections():
    html = "<h1>T</h1><p>intro</p><h2 id='a'>A</h2><p>a</p><h2>B</h2><p>b</p><h3>B1</h3>"
    assert chapter_sections(html) == ["<h1>T</h1><p>intro</p>", "<h2 id='a'>A</h2><p>a</p>", "<h2>B</h2><p>b</p><h3>B1</h3>"]
    assert chapter_sections("<h2>A</h2>") == ["<h2>A</h2>"] and chapter_sections("  ") == []
    many = "".join(f"<h2>{i}</h2>" for i in range(MAX_SECTION_SLIDES + 5))
    parts = chapter_sections(many)
    assert len(parts) == MAX_SECTION_SLIDES and "".join(parts) == many
