"""Print and PDF: chapters, whole editions and checklists as pages that say what they are.

Every page carries a header (the edition and the chapter, DEMO for demo content) and a
footer (date, level, "page N of M"), so a sheet taken to a meeting can be identified on
its own. A whole edition starts with a title page (edition, date, level with its scale
and meaning, publisher, signer and key id, revision) and a table of contents with page
numbers; each chapter starts on a new page.

Nothing is read from disk or the network: the documents get the bundle's verified
assets from memory and an inert placeholder for anything else (as the chapter viewer).
The window (print dialog or PDF) and ``dtn export`` (PDF) both go through
:func:`write_pdf` / :func:`print_document`.
"""

from __future__ import annotations

import html
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPagedPaintDevice,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.errors import DTNError, ExportError, NotFoundError
from reader.ui.format import demo_marking, format_date, level_badge_text, level_meaning

if TYPE_CHECKING:
    from reader.core.library import Chapter, Edition, Library

log = logging.getLogger(__name__)

PAGE_MARGIN_MM = 18
PDF_RESOLUTION_DPI = 300
BODY_FONT_PT = 10.5
HEADER_FONT_PT = 8.0
# Room between the header/footer line and the body, in header lines.
BAND_GAP_LINES = 0.8
# More pages than this is not a printout anyone asked for (a whole edition is some dozens).
MAX_PAGES = 2000
# How many chapter ids a "no such chapter" message lists.
MAX_LISTED_CHAPTERS = 30
# Qt's reference resolution for pixel sizes of images in a document (qt_defaultDpi).
REFERENCE_DPI = 96

_ASSET_RE = re.compile(r"""\bsrc\s*=\s*["']dtn-asset:([^"'<>\s]+)["']""")


# --- what is printed --------------------------------------------------------------------------


@dataclass
class Section:
    """One part of the body: a chapter (or a checklist); ``title`` goes into the page header."""

    title: str
    html: str


@dataclass
class Printout:
    """A paged document: an optional title page and table of contents, then the sections.

    Attributes:
        name: the document's name (PDF title, print job name).
        edition_line: the edition as the header names it.
        footer_line: what the footer says left of the page number (date, level).
        demo: demo content; DEMO is on every page.
        title_html: the title page, or "" for none.
        contents: print a table of contents of the sections after the title page.
    """

    name: str
    edition_line: str
    footer_line: str
    demo: bool
    sections: list[Section]
    title_html: str = ""
    contents: bool = False
    assets: dict[str, bytes] = field(default_factory=dict)


@dataclass
class PrintSource:
    """What a printout of an edition is made from, read from the library on a worker thread."""

    edition: Edition
    chapters: list[Chapter]
    assets: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def chapter_assets(lib: Library, edition_pk: int, chapter_html: str, into: dict[str, bytes], problems: list[str]) -> None:
    """Read the images a chapter's HTML refers to (verified against the signed hashes) into ``into``.

    A damaged image does not stop the chapter: its message goes to ``problems`` and the
    image shows as missing.
    """
    for name in dict.fromkeys(_ASSET_RE.findall(chapter_html)):
        if name in into:
            continue
        try:
            into[name] = lib.asset(edition_pk, name)
        except DTNError as exc:
            problems.append(str(exc))


def load_print_source(lib: Library, edition_key: str | int, chapter_id: str | None = None) -> PrintSource:
    """An edition with all its chapters (or the one ``chapter_id``) and their images.

    Raises:
        NotFoundError: no such edition, or no such chapter in it.
    """
    edition = lib.edition(edition_key)
    infos = lib.chapters(edition.pk)
    if chapter_id is not None:
        infos = [info for info in infos if info.chapter_id == chapter_id]
        if not infos:
            ids = [info.chapter_id for info in lib.chapters(edition.pk)]
            shown = ", ".join(ids[:MAX_LISTED_CHAPTERS]) + (", …" if len(ids) > MAX_LISTED_CHAPTERS else "")
            raise NotFoundError(
                f"no chapter {chapter_id!r} in {edition.key}; its chapters are: {shown or 'none'}",
                code="chapter-not-found", chapter=chapter_id, edition=edition.key, chapters=ids,
            )
    source = PrintSource(edition, [lib.chapter(info.pk) for info in infos])
    for chapter in source.chapters:
        chapter_assets(lib, edition.pk, chapter.html, source.assets, source.problems)
    return source


def edition_line(edition: Edition, language: str) -> str:
    """'DTN juni 2025 (revision 2)': the edition as the page headers name it."""
    text = edition.name
    if edition.revision > 1:
        text += " " + QCoreApplication.translate("printing", "(revision %1)").replace("%1", str(edition.revision))
    return text


def _level_text(edition: Edition, language: str) -> str:
    return QCoreApplication.translate("printing", "Threat level %1").replace(
        "%1", level_badge_text(edition.level_value, edition.level_label, edition.level_scale, language)
    )


def _footer_line(edition: Edition, language: str) -> str:
    return f"{format_date(edition.date, language)} · {_level_text(edition, language)}"


def _demo_paragraph(edition: Edition) -> str:
    if not edition.demo:
        return ""
    note = QCoreApplication.translate("printing", "demonstration content, not an NCTV publication; it says nothing about the actual threat")
    return f"<p><b>{html.escape(demo_marking())}</b> — {html.escape(note)}</p>"


def _facts_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{html.escape(label)}</b></td><td>{html.escape(value)}</td></tr>" for label, value in rows if value
    )
    return f'<table cellspacing="0" cellpadding="3">{cells}</table>'


def _edition_facts(edition: Edition, language: str) -> list[tuple[str, str]]:
    meaning = level_meaning(edition.level_label, language)
    level = level_badge_text(edition.level_value, edition.level_label, edition.level_scale, language)
    return [
        (QCoreApplication.translate("printing", "Edition"), edition.name),
        (QCoreApplication.translate("printing", "Date"), format_date(edition.date, language)),
        (QCoreApplication.translate("printing", "Threat level"), f"{level} — {meaning}" if meaning else level),
        (QCoreApplication.translate("printing", "Level since"), format_date(edition.level_since, language)),
        (QCoreApplication.translate("printing", "Publisher"), edition.publisher),
        (QCoreApplication.translate("printing", "Signed by"), QCoreApplication.translate("printing", "%1 (key %2)").replace("%1", edition.signer_name).replace("%2", edition.signer_key_id)),
        (QCoreApplication.translate("printing", "Revision"), QCoreApplication.translate("printing", "%1 of bundle %2").replace("%1", str(edition.revision)).replace("%2", edition.bundle_id)),
        (QCoreApplication.translate("printing", "Bundle SHA-256"), edition.sha256),
    ]


def chapter_printout(edition: Edition, chapter: Chapter, language: str, assets: dict[str, bytes] | None = None) -> Printout:
    """One chapter, opened by a block that names the edition, its date and level."""
    esc = html.escape
    facts = " · ".join([
        edition_line(edition, language),
        format_date(edition.date, language),
        _level_text(edition, language),
        QCoreApplication.translate("printing", "signed by %1 (key %2)").replace("%1", edition.signer_name).replace("%2", edition.signer_key_id),
    ])
    head = f"<h1>{esc(chapter.title)}</h1><p>{esc(facts)}</p>{_demo_paragraph(edition)}<hr/>"
    return Printout(
        name=f"{edition.name} — {chapter.title}",
        edition_line=edition_line(edition, language),
        footer_line=_footer_line(edition, language),
        demo=edition.demo,
        sections=[Section(chapter.title, head + chapter.html)],
        assets=dict(assets or {}),
    )


def edition_printout(source: PrintSource, language: str) -> Printout:
    """A whole edition: title page, table of contents, every chapter from a new page."""
    edition = source.edition
    esc = html.escape
    title = (
        f"<h1>{esc(edition.title)}</h1>"
        f"{_demo_paragraph(edition)}"
        f"{_facts_table(_edition_facts(edition, language))}"
        f"<p>{esc(edition.summary)}</p>"
    )
    sections = [
        Section(chapter.title, f"<h1>{number}. {esc(chapter.title)}</h1>{chapter.html}")
        for number, chapter in enumerate(source.chapters, start=1)
    ]
    return Printout(
        name=edition.name,
        edition_line=edition_line(edition, language),
        footer_line=_footer_line(edition, language),
        demo=edition.demo,
        sections=sections,
        title_html=title,
        contents=True,
        assets=dict(source.assets),
    )


def checklist_printout(edition: Edition, title: str, page_html: str, language: str) -> Printout:
    """A partner's checklist (``page_html`` made by the Checklists view, every text escaped)."""
    return Printout(
        name=f"{title} — {edition.name}",
        edition_line=edition_line(edition, language),
        footer_line=_footer_line(edition, language),
        demo=edition.demo,
        sections=[Section(title, page_html)],
    )


# --- laying out -------------------------------------------------------------------------------


class _InertDocument(QTextDocument):
    """A document that answers resources only from memory (never from disk or the network)."""

    def __init__(self, assets: dict[str, bytes], max_image_px: float) -> None:
        super().__init__()
        self._images: dict[str, QImage] = {}
        for name, data in assets.items():
            image = QImage.fromData(data)
            if image.isNull():
                continue
            if image.width() > max_image_px:
                image = image.scaledToWidth(int(max_image_px), Qt.TransformationMode.SmoothTransformation)
            self._images[name] = image
        self._placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._placeholder.fill(Qt.GlobalColor.transparent)

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        if url.scheme() == "dtn-asset" and url.path() in self._images:
            return self._images[url.path()]
        # Never empty: an empty answer makes Qt read file: and relative URLs itself.
        return QImage(self._placeholder)


@dataclass
class _Page:
    document: QTextDocument
    index: int  # the page within its document
    section: str  # the chapter named in the header


class _Layout:
    """The printout laid out for one device: its pages, in order."""

    def __init__(self, printout: Printout, device: QPagedPaintDevice) -> None:
        self.printout = printout
        self.device = device
        dpi = device.logicalDpiY()
        self.header_font = QFont()
        self.header_font.setPointSizeF(HEADER_FONT_PT)
        line = QFontMetricsF(self.header_font, device).lineSpacing()
        page = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
        page.moveTo(0, 0)
        self.page = page
        band = line * (1 + BAND_GAP_LINES)
        self.body = page.adjusted(0, band, 0, -band)
        self.line = line
        self._max_image_px = self.body.width() / max(dpi / REFERENCE_DPI, 1e-3)
        self.pages: list[_Page] = []
        self._documents: list[QTextDocument] = []  # kept alive while painting

        title_doc = self._document(printout.title_html) if printout.title_html else None
        body_doc, starts = self._body()
        body_pages = body_doc.pageCount()
        front = title_doc.pageCount() if title_doc is not None else 0
        toc_doc = None
        if printout.contents:
            # The contents' length does not depend on its page numbers: lay it out once to
            # count its pages, then again with the real numbers.
            toc_doc = self._document(self._contents_html([0] * len(starts)))
            toc_pages = toc_doc.pageCount()
            numbers = [front + toc_pages + start + 1 for start in starts]
            toc_doc = self._document(self._contents_html(numbers))
        if title_doc is not None:
            self._add_pages(title_doc, "")
        if toc_doc is not None:
            self._add_pages(toc_doc, QCoreApplication.translate("printing", "Contents"))
        for index in range(body_pages):
            current = ""
            for section, start in zip(printout.sections, starts):
                if start <= index:
                    current = section.title
            self.pages.append(_Page(body_doc, index, current))
        if len(self.pages) > MAX_PAGES:
            raise ExportError(
                f"the printout would have {len(self.pages)} pages, more than the {MAX_PAGES} a printout may have",
                code="too-many-pages", pages=len(self.pages), limit=MAX_PAGES,
            )

    def _document(self, body_html: str) -> QTextDocument:
        doc = _InertDocument(self.printout.assets, self._max_image_px)
        self._set_up(doc)
        doc.setHtml(body_html)
        return doc

    def _set_up(self, doc: QTextDocument) -> None:
        doc.documentLayout().setPaintDevice(self.device)
        font = QFont()
        font.setPointSizeF(BODY_FONT_PT)
        doc.setDefaultFont(font)
        frame = doc.rootFrame().frameFormat()
        frame.setMargin(0)
        doc.rootFrame().setFrameFormat(frame)
        doc.setPageSize(QSizeF(self.body.width(), self.body.height()))
        self._documents.append(doc)

    def _body(self) -> tuple[QTextDocument, list[int]]:
        """The sections in one document, each from a new page; the page each one starts on."""
        doc = _InertDocument(self.printout.assets, self._max_image_px)
        self._set_up(doc)
        cursor = QTextCursor(doc)
        positions = []
        for number, section in enumerate(self.printout.sections):
            if number:
                block = QTextBlockFormat()
                block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.insertBlock(block)
            positions.append(cursor.position())
            cursor.insertHtml(section.html)
        doc.setPageSize(QSizeF(self.body.width(), self.body.height()))  # lays the document out
        layout = doc.documentLayout()
        height = self.body.height()
        starts = [int(layout.blockBoundingRect(doc.findBlock(pos)).top() // height) for pos in positions]
        return doc, starts

    def _contents_html(self, numbers: list[int]) -> str:
        rows = "".join(
            f"<tr><td>{n}. {html.escape(section.title)}</td><td align='right'>{page or ''}</td></tr>"
            for n, (section, page) in enumerate(zip(self.printout.sections, numbers), start=1)
        )
        heading = html.escape(QCoreApplication.translate("printing", "Contents"))
        return f"<h1>{heading}</h1><table width='100%' cellpadding='3'>{rows}</table>"

    def _add_pages(self, doc: QTextDocument, section: str) -> None:
        for index in range(doc.pageCount()):
            self.pages.append(_Page(doc, index, section))

    # --- painting -------------------------------------------------------------------------

    def paint(self) -> None:
        painter = QPainter()
        if not painter.begin(self.device):
            raise ExportError("could not start writing the printout", code="print-start")
        try:
            total = len(self.pages)
            for number, page in enumerate(self.pages, start=1):
                if number > 1 and not self.device.newPage():
                    raise ExportError("could not start a new page of the printout", code="print-page")
                self._paint_page(painter, page, number, total)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, page: _Page, number: int, total: int) -> None:
        ink = QColor("#000000")
        painter.save()
        painter.translate(self.body.left(), self.body.top() - page.index * self.body.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, page.index * self.body.height(), self.body.width(), self.body.height())
        # Paper is white whatever the window's colour scheme: black text, dark blue links.
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, ink)
        palette.setColor(QPalette.ColorRole.WindowText, ink)
        palette.setColor(QPalette.ColorRole.Link, QColor("#0b3d91"))
        context.palette = palette
        painter.setClipRect(context.clip)
        page.document.documentLayout().draw(painter, context)
        painter.restore()

        painter.save()
        painter.setPen(ink)
        painter.setFont(self.header_font)
        line = self.line
        top = QRectF(self.page.left(), self.page.top(), self.page.width(), line)
        bottom = QRectF(self.page.left(), self.page.bottom() - line, self.page.width(), line)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        metrics = QFontMetricsF(self.header_font, self.device)
        marker = ""
        if self.printout.demo:
            bold = QFont(self.header_font)
            bold.setBold(True)
            marker = demo_marking()
            painter.setFont(bold)
            painter.drawText(top, right, marker)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, marker)
            painter.setFont(self.header_font)
        header = self.printout.edition_line + (f" — {page.section}" if page.section else "")
        room = top.width() - (metrics.horizontalAdvance(marker) + 2 * line if marker else 0)
        painter.drawText(top, left, metrics.elidedText(header, Qt.TextElideMode.ElideRight, room))
        page_text = QCoreApplication.translate("printing", "page %1 of %2").replace("%1", str(number)).replace("%2", str(total))
        painter.drawText(bottom, right, page_text)
        room = bottom.width() / 2 - metrics.horizontalAdvance(marker) - line
        painter.drawText(bottom, left, metrics.elidedText(self.printout.footer_line, Qt.TextElideMode.ElideRight, room))
        painter.drawLine(top.bottomLeft(), top.bottomRight())
        painter.drawLine(bottom.topLeft(), bottom.topRight())
        painter.restore()


def _page_layout() -> QPageLayout:
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def paint(printout: Printout, device: QPagedPaintDevice) -> int:
    """Lay ``printout`` out for ``device`` (a QPdfWriter or a QPrinter) and paint it; the page count."""
    layout = _Layout(printout, device)
    layout.paint()
    return len(layout.pages)


def write_pdf(printout: Printout, path: str | Path) -> int:
    """Write ``printout`` as an A4 PDF to ``path``; the page count.

    The PDF is written next to ``path`` under a temporary name and renamed when complete,
    so a failure leaves neither half a file nor a damaged earlier one.

    Raises:
        ExportError: the folder cannot be written to (read-only, full, missing).
    """
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise _folder_error(target, exc) from None
    try:
        writer = QPdfWriter(tmp_name)
        writer.setResolution(PDF_RESOLUTION_DPI)
        writer.setPageLayout(_page_layout())
        writer.setTitle(printout.name)
        writer.setCreator("DTN Reader")
        pages = paint(printout, writer)
        del writer  # closes the file
        if os.path.getsize(tmp_name) == 0:
            raise ExportError(f"could not write {target}; is the disk full?", code="export-write", path=str(target))
        os.replace(tmp_name, target)
    except OSError as exc:
        raise _folder_error(target, exc) from None
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    log.info("wrote %s (%d pages)", target, pages)
    return pages


def _folder_error(target: Path, exc: OSError) -> ExportError:
    reason = exc.strerror or str(exc)
    return ExportError(f"cannot write {target}: {reason}; choose another folder", code="export-folder",
                       path=str(target), reason=reason)


def print_document(printout: Printout, printer) -> int:
    """Print ``printout`` on a QPrinter the user chose in a print dialog; the page count."""
    printer.setDocName(printout.name)
    printer.setPageLayout(_page_layout())
    return paint(printout, printer)


def print_with_dialog(printout: Printout, parent, accessible_name: str) -> None:
    """Ask for a printer (the print dialog) and print ``printout``; errors are shown to the user."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from reader.ui.errors import show_error

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setAccessibleName(accessible_name)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    try:
        print_document(printout, printer)
    except DTNError as exc:
        show_error(parent, exc)


def pdf_name(edition: Edition, chapter_id: str | None = None) -> str:
    """A file name to suggest: '<bundle id>[-<chapter id>].pdf' (ids are safe, checked at import)."""
    return f"{edition.bundle_id}-{chapter_id}.pdf" if chapter_id else f"{edition.bundle_id}.pdf"


def ensure_application(language: str = "en"):
    """A QGuiApplication for printing outside the window (``dtn export``), offscreen unless the
    caller chose a platform; with the translations of ``language`` installed. Returns it."""
    from PySide6.QtGui import QGuiApplication

    from reader.ui import i18n

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["dtn"])
        app._dtn_translators = i18n.install(app, language)  # kept alive with the application
    return app
