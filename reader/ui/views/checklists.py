"""Checklists: per partner, the action items of an edition, with ticks and notes that persist.

Ticks and notes are stored by the core per (checklist id, item id), so they carry
over to other editions and revisions that hold the same item.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import DTNError
from reader.core.library import MAX_NOTE_CHARS
from reader.core.library.changes import Changes
from reader.ui import printing
from reader.ui.errors import show_error
from reader.ui.format import demo_marking, format_date, locale_for
from reader.ui.views.base import View, scaled_font

if TYPE_CHECKING:
    # The library module loads on the worker threads, so the window shows before it does.
    from reader.core.library import CarryOver, ChecklistItemState, ChecklistView, Edition, Library
    from reader.ui.context import AppContext
    from reader.ui.tasks import TaskHandle

log = logging.getLogger(__name__)



def priority_text(priority: str) -> str:
    """The priority as a word ("high"), translated; never colour alone."""
    words = {
        "hoog": QCoreApplication.translate("ChecklistsView", "high"),
        "middel": QCoreApplication.translate("ChecklistsView", "medium"),
        "laag": QCoreApplication.translate("ChecklistsView", "low"),
    }
    return words.get(priority, priority)


def progress_text(done: int, total: int, language: str) -> str:
    """'5 of 9 done' (Dutch: '5 van 9 gedaan'), numbers through QLocale."""
    loc = locale_for(language)
    return (
        QCoreApplication.translate("ChecklistsView", "%1 of %2 done")
        .replace("%1", loc.toString(done))
        .replace("%2", loc.toString(total))
    )


def _offers(lib: Library, edition_pk: int | None, checklists: list[ChecklistView]) -> dict[str, CarryOver]:
    """The previous edition's notes each checklist of ``edition_pk`` could carry over."""
    if edition_pk is None:
        return {}
    offers = {c.checklist_id: lib.carry_over_offer(edition_pk, c.checklist_id) for c in checklists}
    return {cid: offer for cid, offer in offers.items() if offer is not None}


def edition_label(edition: Edition, language: str) -> str:
    """'DTN juni 2025 [DEMO]', or 'DTN 42 (juli 2016)' when the name does not say when."""
    date = format_date(edition.date, language)
    text = edition.name if date.lower() in edition.name.lower() else f"{edition.name} ({date})"
    if edition.revision > 1:
        text += " " + QCoreApplication.translate("ChecklistsView", "revision %1").replace("%1", str(edition.revision))
    if edition.demo:
        text += f" [{demo_marking()}]"
    return text


def checklist_html(edition: Edition, checklist: ChecklistView, language: str) -> str:
    """A printable HTML page of one partner's checklist; every text is escaped."""
    esc = html.escape
    done_word = QCoreApplication.translate("ChecklistsView", "done")
    open_word = QCoreApplication.translate("ChecklistsView", "open")
    rows = []
    for item in checklist.items:
        rows.append(
            "<tr>"
            f"<td>{esc(done_word if item.ticked else open_word)}</td>"
            f"<td>{esc(priority_text(item.priority))}</td>"
            f"<td>{esc(item.text)}</td>"
            f"<td>{esc(item.note)}</td>"
            "</tr>"
        )
    demo_note = QCoreApplication.translate("ChecklistsView", "demonstration content, not a real publication")
    demo = f"<p><b>{esc(demo_marking())}</b>: {esc(demo_note)}</p>" if edition.demo else ""
    partner = QCoreApplication.translate("ChecklistsView", "Partner: %1").replace("%1", checklist.partner)
    edition_line = QCoreApplication.translate("ChecklistsView", "Edition: %1").replace("%1", edition_label(edition, language))
    headers = [
        QCoreApplication.translate("ChecklistsView", "Status"),
        QCoreApplication.translate("ChecklistsView", "Priority"),
        QCoreApplication.translate("ChecklistsView", "Action"),
        QCoreApplication.translate("ChecklistsView", "Note"),
    ]
    return (
        "<html><body>"
        f"<h1>{esc(checklist.title)}</h1>"
        f"<p>{esc(partner)}<br/>"
        f"{esc(edition_line)}<br/>"
        f"{esc(progress_text(checklist.done, len(checklist.items), language))}</p>"
        f"{demo}"
        '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
        f"<thead><tr>{''.join(f'<th>{esc(h)}</th>' for h in headers)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        "</body></html>"
    )


@dataclass
class _Loaded:
    editions: list[Edition]
    edition_pk: int | None
    checklists: list[ChecklistView]
    offers: dict[str, CarryOver] = field(default_factory=dict)  # checklist id -> notes the previous edition offers


class _ItemText(QLabel):
    """The item's text next to its checkbox; a click on it ticks, like a checkbox's own label."""

    def __init__(self, text: str, checkbox: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._checkbox = checkbox
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._checkbox.setFocus(Qt.FocusReason.MouseFocusReason)
            self._checkbox.click()
        super().mouseReleaseEvent(event)


class ItemRow(QFrame):
    """One action item: checkbox, text, priority word, and a note."""

    ticked = Signal(bool)
    note_edited = Signal(str)

    def __init__(self, item: ChecklistItemState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.checkbox = QCheckBox()
        self.checkbox.setChecked(item.ticked)
        self.checkbox.setAccessibleName(item.text)
        self.checkbox.setAccessibleDescription(self.tr("Priority: %1").replace("%1", priority_text(item.priority)))
        self.checkbox.setToolTip(self.tr("Mark as done (Space)"))
        # Exactly the indicator: a click anywhere on the box hits it (the text is a separate label).
        self.checkbox.setFixedSize(self.checkbox.sizeHint())
        self.text_label = _ItemText(item.text, self.checkbox)
        self.priority_label = QLabel(self.tr("Priority: %1").replace("%1", priority_text(item.priority)))
        if item.priority == "hoog":
            font = QFont(self.priority_label.font())
            font.setBold(True)
            self.priority_label.setFont(font)
        self.priority_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.note_edit = QLineEdit(item.note)
        self.note_edit.setMaxLength(MAX_NOTE_CHARS)
        self.note_edit.setPlaceholderText(self.tr("Note…"))
        self.note_edit.setClearButtonEnabled(True)
        short = item.text if len(item.text) <= 60 else item.text[:57] + "…"
        self.note_edit.setAccessibleName(self.tr("Note for: %1").replace("%1", short))
        self.note_edit.setToolTip(self.tr("A note of your own; saved when you press Enter or leave the field"))

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.checkbox, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text_label, 0, 1)
        grid.addWidget(self.priority_label, 0, 2)
        grid.addWidget(self.note_edit, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        self.checkbox.clicked.connect(self._on_checkbox_clicked)
        self.note_edit.editingFinished.connect(self._on_note_editing_finished)

    def _on_checkbox_clicked(self, checked: bool) -> None:
        self.item.ticked = checked
        self.ticked.emit(checked)

    def _on_note_editing_finished(self) -> None:
        self.flush_note()

    def flush_note(self) -> None:
        """Report the note if it differs from what is stored."""
        text = self.note_edit.text()
        if text != self.item.note:
            self.item.note = text
            self.note_edited.emit(text)


class ChecklistsView(View):
    """Pick an edition, then a partner; tick the action items and keep notes.

    Signals:
        loaded: the editions, partners and the selected partner's items are shown.
        saved(checklist_id, item_id): a tick or note was written.
    """

    # Ticks and notes are written only here and shown as they are typed: reloading for them
    # would rebuild the list under the person's cursor (a carry-over reloads once it is written).
    depends_on = Changes(editions=True)

    saved = Signal(str, str)  # checklist id, item id: a tick or note was written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._pending_writes = 0
        self._reload_after_writes = False
        self._editions: list[Edition] = []
        self._edition_pk: int | None = None
        self._checklists: list[ChecklistView] = []
        self._rows: list[ItemRow] = []
        self._current_checklist_id: str | None = None
        self._offers: dict[str, CarryOver] = {}

        self.edition_combo = QComboBox()
        self.edition_combo.setAccessibleName(self.tr("Edition"))
        self.edition_combo.setToolTip(self.tr("Editions with partner checklists, newest first"))
        self.edition_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        edition_label_widget = QLabel(self.tr("&Edition:"))
        edition_label_widget.setBuddy(self.edition_combo)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setAccessibleName(self.tr("Print the selected partner's checklist"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setAccessibleName(self.tr("Save the selected partner's checklist as PDF"))
        top = QHBoxLayout()
        top.addWidget(edition_label_widget)
        top.addWidget(self.edition_combo)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)

        self.partner_list = QListWidget()
        self.partner_list.setAccessibleName(self.tr("Partners"))
        self.partner_list.setMinimumWidth(240)
        self.partner_list.setWordWrap(True)
        self.partner_list.setSpacing(3)

        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading.font(), 1.4, bold=True))
        self.heading.setWordWrap(True)
        self.partner_label = QLabel()
        self.partner_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.items_box = QWidget()
        self.items_layout = QVBoxLayout(self.items_box)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_layout.setSpacing(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.items_box)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.partner_label)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self._build_carry_over_bar())
        right_layout.addWidget(self.scroll, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.partner_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)

        self.edition_combo.currentIndexChanged.connect(self._on_edition_changed)
        self.partner_list.currentRowChanged.connect(self._on_partner_changed)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self._set_enabled(False)

    # --- the view contract ---------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Checklists")

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self._edition_pk)

    def _load(self, edition_pk: int | None) -> None:
        """Load the editions with checklists and the checklists of ``edition_pk`` (or the newest)."""
        self._flush_notes()
        if self._pending_writes:
            # Reads could overtake a write still queued; load once the writes are done.
            self._reload_after_writes = True
            return

        def work(lib: Library, handle: TaskHandle) -> _Loaded:
            editions = []
            chosen: list[ChecklistView] = []
            chosen_pk = None
            for edition in lib.editions():
                handle.check_cancelled()
                lists = lib.checklists(edition.pk)
                if not lists:
                    continue
                editions.append(edition)
                # The edition asked for if it is still there, else the newest with checklists.
                if chosen_pk is None or edition.pk == edition_pk:
                    chosen_pk, chosen = edition.pk, lists
            return _Loaded(editions, chosen_pk, chosen, _offers(lib, chosen_pk, chosen))

        self.run_task(work, self._on_loaded, self._on_load_failed, channel="load")

    def _load_edition(self, edition_pk: int) -> None:
        self._flush_notes()
        if self._pending_writes:
            self._edition_pk = edition_pk
            self._reload_after_writes = True
            return
        editions = self._editions

        def work(lib: Library, handle: TaskHandle) -> _Loaded:
            lists = lib.checklists(edition_pk)
            return _Loaded(editions, edition_pk, lists, _offers(lib, edition_pk, lists))

        self.run_task(work, self._on_loaded, self._on_load_failed, channel="load")

    def _on_load_failed(self, exc: BaseException) -> None:
        show_error(self, exc, self.tr("Checklists"))

    def _on_loaded(self, result: _Loaded) -> None:
        self._editions = result.editions
        self._edition_pk = result.edition_pk
        self._checklists = result.checklists
        self._offers = result.offers
        self.edition_combo.blockSignals(True)
        self.edition_combo.clear()
        for edition in result.editions:
            self.edition_combo.addItem(edition_label(edition, self.ctx.language), edition.pk)
        index = self.edition_combo.findData(result.edition_pk)
        self.edition_combo.setCurrentIndex(index)
        self.edition_combo.blockSignals(False)

        has_any = bool(result.editions)
        self.empty_label.setVisible(not has_any)
        self.splitter.setVisible(has_any)
        if not has_any:
            self.empty_label.setText(self.tr("No edition in the library has partner checklists."))

        wanted = self._current_checklist_id
        self.partner_list.blockSignals(True)
        self.partner_list.clear()
        row_to_select = 0
        for row, checklist in enumerate(result.checklists):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, checklist.checklist_id)
            self.partner_list.addItem(item)
            self._update_partner_item(row)
            if checklist.checklist_id == wanted:
                row_to_select = row
        self.partner_list.blockSignals(False)
        self._set_enabled(bool(result.checklists))
        self.partner_list.blockSignals(True)
        self.partner_list.setCurrentRow(row_to_select if result.checklists else -1)
        self.partner_list.blockSignals(False)
        self._show_partner(row_to_select if result.checklists else -1)
        self.loaded.emit()

    def _set_enabled(self, enabled: bool) -> None:
        self.print_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    # --- showing -----------------------------------------------------------------------------

    def current_edition(self) -> Edition | None:
        for edition in self._editions:
            if edition.pk == self._edition_pk:
                return edition
        return None

    def current_checklist(self) -> ChecklistView | None:
        row = self.partner_list.currentRow()
        return self._checklists[row] if 0 <= row < len(self._checklists) else None

    def item_rows(self) -> list[ItemRow]:
        return list(self._rows)

    def _update_partner_item(self, row: int) -> None:
        checklist = self._checklists[row]
        item = self.partner_list.item(row)
        progress = progress_text(checklist.done, len(checklist.items), self.ctx.language)
        item.setText(f"{checklist.partner}\n{progress}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{checklist.partner}, {progress}")

    def _update_progress(self) -> None:
        checklist = self.current_checklist()
        if checklist is None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat("")
            return
        total = len(checklist.items)
        text = progress_text(checklist.done, total, self.ctx.language)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(checklist.done)
        self.progress.setFormat(text)
        self.progress.setAccessibleDescription(text)
        self._update_partner_item(self.partner_list.currentRow())

    def _on_partner_changed(self, row: int) -> None:
        self._flush_notes()
        self._show_partner(row)

    def _show_partner(self, row: int) -> None:
        self._rows = []
        while self.items_layout.count():
            widget = self.items_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if not 0 <= row < len(self._checklists):
            self._current_checklist_id = None
            self._show_carry_over(None)
            self.heading.clear()
            self.partner_label.clear()
            self._update_progress()
            return
        checklist = self._checklists[row]
        self._current_checklist_id = checklist.checklist_id
        self.heading.setText(checklist.title)
        self.partner_label.setText(self.tr("Partner: %1").replace("%1", checklist.partner))
        previous: QWidget = self.partner_list
        for index, item in enumerate(checklist.items):
            widget = ItemRow(item, self.ctx.language)
            if index:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                self.items_layout.addWidget(line)
                line.show()
            self.items_layout.addWidget(widget)
            # Shown now, not on the layout's queued show: the rows are on screen when `loaded` fires.
            widget.show()
            widget.ticked.connect(lambda checked, cid=checklist.checklist_id, it=item: self._on_item_ticked(cid, it, checked))
            widget.note_edited.connect(lambda text, cid=checklist.checklist_id, it=item: self._on_note_edited(cid, it, text))
            QWidget.setTabOrder(previous, widget.checkbox)
            QWidget.setTabOrder(widget.checkbox, widget.note_edit)
            previous = widget.note_edit
            self._rows.append(widget)
        self.items_layout.addStretch(1)
        self._update_progress()
        self._show_carry_over(checklist.checklist_id)

    def _flush_notes(self) -> None:
        for row in self._rows:
            row.flush_note()

    # --- carrying notes over from the previous edition ------------------------------------------

    def _build_carry_over_bar(self) -> QWidget:
        self.carry_over_bar = QFrame()
        self.carry_over_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.carry_over_label = QLabel()
        self.carry_over_label.setWordWrap(True)
        self.carry_over_label.setTextFormat(Qt.TextFormat.PlainText)
        self.carry_over_button = QPushButton(self.tr("&Carry over notes"))
        self.carry_over_button.setAccessibleName(self.tr("Carry over the notes of open items from the previous edition"))
        self.carry_over_button.clicked.connect(self.carry_over_notes)
        bar_layout = QHBoxLayout(self.carry_over_bar)
        bar_layout.addWidget(self.carry_over_label, 1)
        bar_layout.addWidget(self.carry_over_button)
        self.carry_over_bar.hide()
        return self.carry_over_bar

    def _show_carry_over(self, checklist_id: str | None) -> None:
        offer = self._offers.get(checklist_id or "")
        if offer is None:
            self.carry_over_bar.hide()
            return
        self.carry_over_label.setText(
            self.tr("%n open item(s) of this checklist had a note in %1. Carry the notes over to this edition? Ticks are not carried over.", "", len(offer.notes))
            .replace("%1", offer.from_edition)
        )
        self.carry_over_bar.show()

    def carry_over_notes(self) -> None:
        """Copy the previous edition's notes on open items into this edition's checklist (explicitly, on request)."""
        checklist_id, edition_pk = self._current_checklist_id, self._edition_pk
        if checklist_id is None or edition_pk is None or checklist_id not in self._offers:
            return
        self._flush_notes()
        self._pending_writes += 1
        self.carry_over_bar.hide()

        def work(lib: Library, handle: TaskHandle) -> int:
            return lib.carry_over_notes(edition_pk, checklist_id)

        def done(count: int) -> None:
            self.ctx.status_message.emit(self.tr("%n note(s) carried over from the previous edition.", "", count))
            self._reload_after_writes = True
            self._write_done()

        self.run_task(work, done, self._on_write_failed, write=True)

    # --- saving -----------------------------------------------------------------------------

    def _on_item_ticked(self, checklist_id: str, item: ChecklistItemState, checked: bool) -> None:
        self._update_progress()
        self._write(checklist_id, item.item_id, ticked=checked)

    def _on_note_edited(self, checklist_id: str, item: ChecklistItemState, text: str) -> None:
        self._write(checklist_id, item.item_id, note=text)

    def _write(self, checklist_id: str, item_id: str, *, ticked: bool | None = None, note: str | None = None) -> None:
        checklist = next((c for c in self._checklists if c.checklist_id == checklist_id), None)
        if checklist is None:
            return
        bundle_id = checklist.bundle_id  # the tick belongs to this edition, never to others with the same ids
        self._pending_writes += 1

        def work(lib: Library, handle: TaskHandle) -> None:
            lib.set_item_state(bundle_id, checklist_id, item_id, ticked=ticked, note=note)

        self.run_task(work, lambda _result: self._on_written(checklist_id, item_id), self._on_write_failed, write=True)

    def _write_done(self) -> None:
        self._pending_writes -= 1
        if self._pending_writes == 0 and self._reload_after_writes:
            self._reload_after_writes = False
            self.reload()

    def _on_written(self, checklist_id: str, item_id: str) -> None:
        self.saved.emit(checklist_id, item_id)
        self._write_done()

    def _on_write_failed(self, exc: BaseException) -> None:
        self._reload_after_writes = True
        self._write_done()
        show_error(self, exc, self.tr("The checklist could not be saved"))

    # --- edition choice -----------------------------------------------------------------------

    def _on_edition_changed(self, index: int) -> None:
        pk = self.edition_combo.itemData(index)
        if pk is None or pk == self._edition_pk:
            return
        self._load_edition(int(pk))

    # --- print and PDF -----------------------------------------------------------------------

    def _printout(self):
        """The selected partner's checklist as a printout (headers, footers, page numbers, DEMO)."""
        edition, checklist = self.current_edition(), self.current_checklist()
        if edition is None or checklist is None:
            return None
        self._flush_notes()
        page = checklist_html(edition, checklist, self.ctx.language)
        return printing.checklist_printout(edition, checklist.title, page, self.ctx.language)

    def export_pdf(self, path: str) -> None:
        """Write the selected partner's checklist to a PDF file at ``path``."""
        printout = self._printout()
        if printout is None:
            return
        try:
            printing.write_pdf(printout, path)
        except DTNError as exc:
            show_error(self, exc)
            return
        self.ctx.status_message.emit(self.tr("Saved %1").replace("%1", path))

    def _on_pdf_clicked(self) -> None:
        edition, checklist = self.current_edition(), self.current_checklist()
        if edition is None or checklist is None:
            return
        suggested = f"{checklist.checklist_id}-{edition.bundle_id}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save checklist as PDF"), suggested, self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.export_pdf(path)

    def _on_print_clicked(self) -> None:
        printout = self._printout()
        if printout is not None:
            printing.print_with_dialog(printout, self, self.tr("Print checklist"))
