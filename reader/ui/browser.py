"""The chapter viewer: a QTextBrowser that serves only the bundle's own assets.

What it never does:
- read the disk or the network for a resource. Every resource Qt asks for goes
  through :meth:`ChapterBrowser.loadResource`; ``dtn-asset:`` URLs are answered
  from an in-memory dict the view fills beforehand (through a task), everything
  else gets an inert placeholder. A placeholder, not "nothing": when the answer
  is empty, QTextDocument falls back to reading ``file:`` and relative URLs
  itself, and the image handler calls ``QImage::load(src)`` on the raw name.
- decode an image by what its content looks like. An asset is decoded only by the
  type its name declares (PNG, JPEG, GIF, WebP; reader.core.image), with format
  detection off, after its header passed the pixel caps, and only while the
  chapter's pixel budget lasts: a ``.png`` holding SVG (which could pull in a
  local file or ``/dev/stdin``), PDF or TIFF shows the placeholder, and an SVG is
  never decoded at all.
- follow a link by itself. In-page anchors scroll, ``dtn-chapter:`` links are
  handed to the view, http/https/mailto open in the system browser only after
  the user confirmed the full address, anything else is ignored.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRegularExpression, QUrl, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QImage,
    QImageReader,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QTextEdit, QWidget

from reader.core.image import ImageLimits, PixelBudget, qt_format

log = logging.getLogger(__name__)

ASSET_SCHEME = "dtn-asset"
CHAPTER_SCHEME = "dtn-chapter"
EXTERNAL_SCHEMES = ("http", "https", "mailto")
# Relative URLs resolve against this; the scheme has no handler, so nothing resolves to a file.
INERT_BASE_URL = QUrl(f"{CHAPTER_SCHEME}:")

ZOOM_MIN_STEPS = -4  # steps of one point below the system font size
ZOOM_MAX_STEPS = 12
MAX_HIGHLIGHT_WORDS = 12
MAX_HIGHLIGHTS = 2000  # extra selections; more only slow painting down

# Letters a Dutch text may carry with a diacritic; a typed plain letter matches them all.
_ACCENTED = {
    "a": "aàáâäãå", "e": "eèéêë", "i": "iìíîï", "o": "oòóôöõ", "u": "uùúûü",
    "y": "yýÿ", "c": "cç", "n": "nñ",
}


def strip_accents(text: str) -> str:
    """'reëel' -> 'reeel' (NFD, combining marks dropped)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def highlight_words(query: str) -> list[str]:
    """The words of a search query worth marking: quotes, ``*`` and operators dropped, no duplicates."""
    words: list[str] = []
    for word in re.findall(r"\w+", query or "", re.UNICODE):
        if word.upper() in ("AND", "OR", "NOT", "NEAR"):
            continue
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:MAX_HIGHLIGHT_WORDS]


def word_pattern(word: str) -> str:
    """A regular expression for a word at a word start, accents optional on both sides."""
    parts = []
    for ch in strip_accents(word).casefold():
        variants = _ACCENTED.get(ch)
        parts.append(f"[{variants}]" if variants else re.escape(ch))
    return r"\b" + "".join(parts)


class ChapterBrowser(QTextBrowser):
    """Shows one chapter's sanitized HTML.

    Signals:
        chapter_link_activated(chapter_id, fragment): a ``dtn-chapter:`` link was followed.
        external_link_opened(url): the user confirmed and the system browser was asked to open it.
        zoom_changed(steps): the zoom level changed (0 is the system font size).
        print_requested, pdf_requested: the user asked to print the chapter or save it as PDF.
    """

    chapter_link_activated = Signal(str, str)
    external_link_opened = Signal(QUrl)
    zoom_changed = Signal(int)
    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None, image_limits: ImageLimits = ImageLimits()) -> None:
        super().__init__(parent)
        self.image_limits = image_limits
        self._budget = PixelBudget(image_limits)
        self.setAccessibleName(self.tr("Chapter text"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setBaseUrl(INERT_BASE_URL)
        self.requested_resources: list[str] = []
        self.refused_resources: list[str] = []
        self._assets: dict[str, bytes] = {}
        self._zoom_steps = 0
        self._placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._placeholder.fill(Qt.GlobalColor.transparent)
        self.anchorClicked.connect(self._on_anchor_clicked)

        self.zoom_in_action = self._action(self.tr("Zoom in"), self.zoom_in, QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
        self.zoom_out_action = self._action(self.tr("Zoom out"), self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = self._action(self.tr("Actual size"), self.zoom_reset, "Ctrl+0")
        # Printing needs the edition around the chapter: the view answers these (reader.ui.printing).
        self.print_action = self._action(self.tr("Print…"), lambda: self.print_requested.emit(), QKeySequence.StandardKey.Print)
        self.pdf_action = self._action(self.tr("Export to PDF…"), lambda: self.pdf_requested.emit())

    def _action(self, text: str, slot, *shortcuts) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for shortcut in shortcuts:
            if isinstance(shortcut, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(shortcut))
            else:
                keys.append(QKeySequence(shortcut))
        unique = []
        for key in keys:
            if not key.isEmpty() and key not in unique:
                unique.append(key)
        action.setShortcuts(unique)
        # The view adds these actions to itself, so they work wherever focus is in the reading pane.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if unique:
            action.setToolTip(f"{text} ({unique[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        return action

    # --- content ---------------------------------------------------------------------

    def set_chapter(self, html: str, assets: dict[str, bytes]) -> None:
        """Show ``html``; ``assets`` maps asset names ('assets/x.png') to their verified bytes."""
        self.setExtraSelections([])
        self._assets = dict(assets)
        self._budget = PixelBudget(self.image_limits)
        document = self.document()
        document.clear()
        document.setBaseUrl(INERT_BASE_URL)
        # Lay the text out once. A scroll bar that appears after the layout (a long chapter
        # after a short one, or after none) narrows the text, and all of it is laid out again:
        # 1.7 ms of a chapter's opening. Reserved while the HTML is set, the scroll bar stays
        # where it is needed and goes where it is not, so the result is the same.
        policy = self.verticalScrollBarPolicy()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHtml(html)
        self.setVerticalScrollBarPolicy(policy)
        # setHtml may reset the base URL; keep relative URLs inert.
        document.setBaseUrl(INERT_BASE_URL)

    def clear_chapter(self) -> None:
        self._assets = {}
        self._budget = PixelBudget(self.image_limits)
        self.setExtraSelections([])
        self.clear()

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        """Answer a resource from memory; everything but a known ``dtn-asset:`` gets a placeholder."""
        shown = url.toString()
        self.requested_resources.append(shown)
        is_image = int(type_) == int(QTextDocument.ResourceType.ImageResource.value)
        if url.scheme() == ASSET_SCHEME:
            name = url.path()
            data = self._assets.get(name)
            if data is not None:
                image = self._decode(name, data) if is_image else None
                if image is not None:
                    return image
                log.debug("asset %s is not an allowed image, or over the chapter's pixel budget", shown)
            else:
                log.debug("asset %s was not preloaded", shown)
        else:
            log.debug("refused resource %s", shown)
        self.refused_resources.append(shown)
        # Never empty: an empty answer makes Qt read file: and relative URLs from disk itself.
        return QImage(self._placeholder) if is_image else QByteArray()

    def _decode(self, name: str, data: bytes) -> QImage | None:
        """``data`` decoded as the type ``name`` declares, within the caps; None if it is not that."""
        if not self._budget.admit(name, data):  # type allowed, magic number, header size, budget
            return None
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, qt_format(name).encode("ascii"))
        reader.setAutoDetectImageFormat(False)  # the declared decoder or none: never sniffed
        reader.setDecideFormatFromContent(False)
        # A second guard, in whole MiB (rounded up, so an image at the pixel cap still decodes).
        reader.setAllocationLimit(-(-self.image_limits.max_image_pixels * 4 // (1024 * 1024)))
        image = reader.read()
        buffer.close()
        buffer.deleteLater()
        return None if image.isNull() else image

    # --- links -----------------------------------------------------------------------

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme or (scheme == CHAPTER_SCHEME and not url.path()):
            if url.fragment():
                self.scrollToAnchor(url.fragment())
            return
        if scheme == CHAPTER_SCHEME:
            self.chapter_link_activated.emit(url.path(), url.fragment())
            return
        if scheme in EXTERNAL_SCHEMES:
            if self.confirm_external(url):
                QDesktopServices.openUrl(url)
                self.external_link_opened.emit(url)
            return
        log.debug("ignored link %s", url.toString())

    def confirm_external(self, url: QUrl) -> bool:
        """Ask before leaving the app; shows the full address (punycode and escapes included)."""
        encoded = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        readable = url.toDisplayString()
        text = self.tr("This link leads outside DTN Reader:") + f"\n\n{encoded}"
        if readable != encoded:
            text += "\n" + self.tr("(shown as: %1)").replace("%1", readable)
        text += "\n\n" + (
            self.tr("Open it in your e-mail program?") if url.scheme().lower() == "mailto"
            else self.tr("Open it in your web browser? This connects to the internet.")
        )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Open external link"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAccessibleName(self.tr("Open external link"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return box.exec() == QMessageBox.StandardButton.Yes

    # --- zoom ------------------------------------------------------------------------

    @property
    def zoom_steps(self) -> int:
        return self._zoom_steps

    def zoom_in(self) -> None:
        self._zoom_to(self._zoom_steps + 1)

    def zoom_out(self) -> None:
        self._zoom_to(self._zoom_steps - 1)

    def zoom_reset(self) -> None:
        self._zoom_to(0)

    def _zoom_to(self, steps: int) -> None:
        steps = min(max(steps, ZOOM_MIN_STEPS), ZOOM_MAX_STEPS)
        if steps == self._zoom_steps:
            return
        self.zoomIn(steps - self._zoom_steps)
        self._zoom_steps = steps
        self.zoom_changed.emit(steps)

    # --- highlighting ------------------------------------------------------------------

    def highlight(self, query: str) -> int:
        """Mark every word of ``query`` (case and accents ignored); scroll to the first hit. Returns the hit count."""
        palette = self.palette()
        fmt = QTextCharFormat()
        fmt.setBackground(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
        fmt.setForeground(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText))
        document = self.document()
        selections = []
        for word in highlight_words(query):
            regex = QRegularExpression(
                word_pattern(word),
                QRegularExpression.PatternOption.CaseInsensitiveOption | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
            )
            cursor = QTextCursor(document)
            while len(selections) < MAX_HIGHLIGHTS:
                cursor = document.find(regex, cursor)
                if cursor.isNull():
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(cursor)
                selection.format = fmt
                selections.append(selection)
        selections.sort(key=lambda s: s.cursor.selectionStart())
        self.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)
            first.clearSelection()
            self.setTextCursor(first)
            self.ensureCursorVisible()
        return len(selections)
