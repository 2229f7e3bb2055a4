"""Print and PDF: chapters, whole editions and checklists name themselves on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog

from reader.core.errors import ExportError, NotFoundError
from reader.core.library import Library
from reader.ui import printing
from tests.helpers.pdf import pdf_pages, squeeze

TIMEOUT_MS = 30_000


def _source(library_dir: Path, bundle_id: str, chapter_id: str | None = None) -> printing.PrintSource:
    with Library.open(library_dir) as lib:
        return printing.load_print_source(lib, bundle_id, chapter_id)


def _page_numbers(pages: list[str], word: str = "page", of: str = "of") -> list[tuple[int, int]]:
    found = []
    for text in pages:
        match = re.search(rf"{word} (\d+) {of} (\d+)", squeeze(text))
        assert match, f"no '{word} N {of} M' on a page: {text[:200]!r}"
        found.append((int(match[1]), int(match[2])))
    return found


def test_chapter_pdf_names_chapter_edition_page_and_demo(qapp, library_dir, tmp_path):
    source = _source(library_dir, "dtn-2023-12", "online-radicalisering")
    chapter = source.chapters[0]
    target = tmp_path / "hoofdstuk.pdf"
    pages = printing.write_pdf(printing.chapter_printout(source.edition, chapter, "en", source.assets), target)
    text = pdf_pages(target)
    assert len(text) == pages >= 1
    first = squeeze(text[0])
    assert chapter.title in first
    assert source.edition.name in first
    assert "page 1 of" in first
    assert "Threat level" in first and source.edition.signer_key_id in first
    for page in text:
        assert "DEMO" in page
        assert source.edition.name in squeeze(page)  # every sheet on its own says what it is
    assert _page_numbers(text) == [(n, pages) for n in range(1, pages + 1)]


def test_edition_pdf_has_title_page_contents_and_numbered_demo_pages(qapp, library_dir, tmp_path):
    source = _source(library_dir, "dtn-2025-06")
    edition = source.edition
    target = tmp_path / "editie.pdf"
    pages = printing.write_pdf(printing.edition_printout(source, "en"), target)
    text = pdf_pages(target)
    assert len(text) == pages >= 2 + len(source.chapters)  # title page, contents, a page per chapter at least
    title = squeeze(text[0])
    for fact in (edition.title, edition.name, "June 2025", "4/5 Substantial", "The chance of an attack is real",
                 edition.publisher, edition.signer_name, edition.signer_key_id, f"1 of bundle {edition.bundle_id}"):
        assert fact in title, fact
    contents = squeeze(text[1])
    assert "Contents" in contents
    # Each chapter is listed with the page it starts on, and starts there.
    for number, chapter in enumerate(source.chapters, start=1):
        match = re.search(rf"{number}\. {re.escape(chapter.title)} (\d+)", contents)
        assert match, chapter.title
        start = squeeze(text[int(match[1]) - 1])
        assert f"{number}. {chapter.title}" in start
        assert f"{edition.name} — {chapter.title}" in start  # the header names the chapter
    for page in text:
        assert "DEMO" in page
    assert _page_numbers(text) == [(n, pages) for n in range(1, pages + 1)]


def test_dutch_printout_says_pagina_n_van_m(qapp, library_dir, tmp_path, dutch):
    source = _source(library_dir, "dtn-2019-06", "detentie")
    target = tmp_path / "nl.pdf"
    pages = printing.write_pdf(printing.chapter_printout(source.edition, source.chapters[0], "nl", source.assets), target)
    text = pdf_pages(target)
    assert _page_numbers(text, "pagina", "van") == [(n, pages) for n in range(1, pages + 1)]
    assert "Dreigingsniveau" in squeeze(text[0]) and "juni 2019" in squeeze(text[0])


def test_editions_view_exports_chapter_and_whole_edition(qtbot, ctx, library_dir, tmp_path, monkeypatch):
    from reader.ui.views.editions import EditionsView

    view = EditionsView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
        view.activate()
    chapter_file, edition_file = tmp_path / "chapter.pdf", tmp_path / "edition.pdf"
    answers = iter([str(chapter_file), str(edition_file)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (next(answers), "PDF"))
    view.browser.pdf_action.trigger()
    chapter_pages = pdf_pages(chapter_file)
    assert view.chapter_title.text() in squeeze(chapter_pages[0])
    view.pdf_edition_action.trigger()
    qtbot.waitUntil(edition_file.exists, timeout=TIMEOUT_MS)
    edition_pages = pdf_pages(edition_file)
    assert len(edition_pages) > len(chapter_pages)
    assert "Inhoud" in squeeze(edition_pages[1]) or "Contents" in squeeze(edition_pages[1])


def test_checklist_pdf_has_page_numbers_and_demo(qtbot, ctx, library_dir, tmp_path):
    from tests.ui.test_checklists import _open, _select_partner

    view = _open(qtbot, ctx)
    _select_partner(view, "politie")
    target = tmp_path / "politie.pdf"
    view.export_pdf(str(target))
    text = pdf_pages(target)
    assert all("DEMO" in page for page in text)
    numbers = [tuple(map(int, m)) for page in text for m in re.findall(r"page (\d+) of (\d+)", squeeze(page))]
    assert numbers == [(n, len(text)) for n in range(1, len(text) + 1)]
    assert view.current_checklist().title in squeeze(text[0])


def test_unknown_chapter_names_the_chapters_there_are(library_dir):
    with pytest.raises(NotFoundError) as caught:
        _source(library_dir, "dtn-2019-06", "nope")
    assert caught.value.code == "chapter-not-found"
    assert "no chapter 'nope' in dtn-2019-06@1; its chapters are: dreigingsniveau, jihadisme" in str(caught.value)


def test_unwritable_folder_is_an_export_error_and_leaves_nothing(qapp, library_dir, tmp_path):
    source = _source(library_dir, "dtn-2019-06", "detentie")
    printout = printing.chapter_printout(source.edition, source.chapters[0], "en")
    with pytest.raises(ExportError) as caught:
        printing.write_pdf(printout, tmp_path / "missing" / "x.pdf")
    assert caught.value.code == "export-folder" and "choose another folder" in str(caught.value)
    # A folder as the target: the old folder stays, no temporary file is left behind.
    out = tmp_path / "out"
    (out / "taken.pdf").mkdir(parents=True)
    with pytest.raises(ExportError):
        printing.write_pdf(printout, out / "taken.pdf")
    assert [p.name for p in out.iterdir()] == ["taken.pdf"] and (out / "taken.pdf").is_dir()


def test_printout_reads_no_resource_from_disk_or_network(qapp, tmp_path):
    secret = tmp_path / "secret.png"
    from PySide6.QtGui import QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    image.save(str(secret))
    doc = printing._InertDocument({}, 1000)
    for url in (QUrl.fromLocalFile(str(secret)), QUrl("http://127.0.0.1:9/x.png"), QUrl("dtn-asset:assets/none.png")):
        answer = doc.loadResource(int(QTextDocument.ResourceType.ImageResource.value), url)
        assert answer.size().width() == 1, url.toString()  # the inert placeholder, never the file
