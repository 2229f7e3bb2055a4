"""set_chapter lays a chapter out exactly as a plain setHtml does.

set_chapter keeps the vertical scroll bar on while it sets the HTML, so a long chapter is
laid out once at its final width instead of twice; the straightforward version (setHtml
with the scroll bar as needed) is the reference for every change of length.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.ui.browser import ChapterBrowser

SHORT = "<p>Kort.</p>"
LONG = "".join(f"<h2 id='s{i}'>Deel {i}</h2><p>{'Een regel tekst die doorloopt. ' * 30}</p>" for i in range(40))
WIDE_TABLE = "<table>" + "".join(f"<tr><td>{'cel ' * 40}</td><td>{i}</td></tr>" for i in range(60)) + "</table>"


def _plain_set(browser: ChapterBrowser, html: str) -> None:
    """The straightforward version: clear, then setHtml with the scroll bar as needed."""
    browser.document().clear()
    browser.setHtml(html)


def _layout(browser: ChapterBrowser) -> tuple:
    bar = browser.verticalScrollBar()
    return (
        browser.document().size().toTuple(),
        browser.document().textWidth(),
        browser.viewport().size().toTuple(),
        bar.isVisible(),
        bar.maximum(),
        bar.pageStep(),
        browser.verticalScrollBarPolicy(),
    )


@pytest.mark.parametrize(
    "sequence",
    [[LONG], [SHORT, LONG], [LONG, SHORT], [LONG, LONG], [SHORT, SHORT], [WIDE_TABLE, SHORT, LONG], [LONG, "", LONG]],
    ids=["long", "short-long", "long-short", "long-long", "short-short", "table-short-long", "long-empty-long"],
)
def test_a_chapter_is_laid_out_as_a_plain_set_html_lays_it_out(qtbot, sequence):
    fast, plain = ChapterBrowser(), ChapterBrowser()
    for browser in (fast, plain):
        qtbot.addWidget(browser)
        browser.resize(600, 400)
        browser.show()
        qtbot.waitExposed(browser)
    for html in sequence:
        fast.set_chapter(html, {})
        _plain_set(plain, html)
        assert _layout(fast) == _layout(plain)
        assert fast.toHtml() == plain.toHtml()
    assert fast.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
