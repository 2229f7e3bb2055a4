"""Import and trust: import bundles with a verification report, manage trusted keys, read the audit log.

Everything that reads or writes the library runs as a task; imports, adding
and revoking keys are write tasks. What a change touched reaches every view,
this one included, through ``ctx.library_changed``; this view reloads for the
editions, the trust store and the audit log.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import CancelledError, KeyFormatError, NotFoundError
from reader.core.library.changes import Changes
from reader.ui.errors import error_text, show_error, stored_reason
from reader.ui.format import demo_marking, format_timestamp, locale_for
from reader.ui.help import open_error_help, what_does_this_mean
from reader.ui.prefs import FOLDER_IMPORT, FOLDER_KEYS
from reader.ui.views.base import View

if TYPE_CHECKING:
    # The core's heavier modules load on the worker threads, so the window shows before they do.
    from reader.core.library import AuditEntry, ImportResult, Library
    from reader.core.minisign import PublicKey
    from reader.core.trust import TrustedKey
    from reader.ui.context import AppContext
    from reader.ui.tasks import Task, TaskHandle

log = logging.getLogger(__name__)

# A public key file is two short lines; anything much bigger is not one.
MAX_PUB_FILE_BYTES = 4096
AUDIT_ROWS = 1000
AUDIT_EXPORT_ROWS = 100_000  # rows one CSV export holds at most


def status_word(status: str) -> str:
    """An ImportResult status or an audit result as a translated word."""
    words = {
        "imported": QCoreApplication.translate("ImportTrustView", "Imported"),
        "present": QCoreApplication.translate("ImportTrustView", "Already present"),
        "already present": QCoreApplication.translate("ImportTrustView", "Already present"),
        "rejected": QCoreApplication.translate("ImportTrustView", "Rejected"),
        "removed": QCoreApplication.translate("ImportTrustView", "Removed"),
        "rebuilt": QCoreApplication.translate("ImportTrustView", "Rebuilt"),
        "loaded": QCoreApplication.translate("ImportTrustView", "Loaded"),
        "key added": QCoreApplication.translate("ImportTrustView", "Key added"),
        "key revoked": QCoreApplication.translate("ImportTrustView", "Key revoked"),
        "revocation undone": QCoreApplication.translate("ImportTrustView", "Revocation undone"),
        "publisher bound": QCoreApplication.translate("ImportTrustView", "Publisher bound"),
        "key rotated": QCoreApplication.translate("ImportTrustView", "Key rotated"),
        "demo replaced": QCoreApplication.translate("ImportTrustView", "Demo replaced"),
        "quarantined": QCoreApplication.translate("ImportTrustView", "Quarantined"),
        "database set aside": QCoreApplication.translate("ImportTrustView", "Database set aside"),
    }
    return words.get(status, status)


def role_word(role: str) -> str:
    words = {
        "publisher": QCoreApplication.translate("ImportTrustView", "publisher"),
        "feed": QCoreApplication.translate("ImportTrustView", "feed"),
    }
    return words.get(role, role)


def _status_icon(widget: QWidget, status: str) -> QIcon:
    pixmap = {
        "imported": QStyle.StandardPixmap.SP_DialogApplyButton,
        "present": QStyle.StandardPixmap.SP_MessageBoxInformation,
        "already present": QStyle.StandardPixmap.SP_MessageBoxInformation,
        "rejected": QStyle.StandardPixmap.SP_MessageBoxCritical,
    }.get(status, QStyle.StandardPixmap.SP_FileDialogInfoView)
    return widget.style().standardIcon(pixmap)


def _fixed_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip if tooltip is not None else text)
    if not text.strip():
        # A screen reader says "empty" rather than nothing at all (WCAG 4.1.2: every cell a name).
        item.setData(Qt.ItemDataRole.AccessibleTextRole, QCoreApplication.translate("ImportTrustView", "empty"))
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setAlternatingRowColors(True)
    header = table.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(max(table.fontMetrics().height(), 16) + 8)
    # Even while empty, every column is as wide as its header (longer Dutch headers were cut off).
    table.resizeColumnsToContents()
    return table


def _fit_columns(table: QTableWidget, max_width: int = 320) -> None:
    """Size columns to their contents, but no wider than ``max_width`` (the tooltip has the rest)."""
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), max_width))


def source_text(source: str) -> str:
    """Where a bundle came from; the built-in demo library's marker is shown translated."""
    from reader.core.demo import DEMO_SOURCE

    if source.startswith(DEMO_SOURCE):
        rest = source[len(DEMO_SOURCE):].lstrip(": ")
        label = QCoreApplication.translate("ImportTrustView", "Built-in demo library")
        return f"{label}: {rest}" if rest else label
    return source


def _fill(template: str, *values: object) -> str:
    """``template`` with %1, %2, ... replaced by ``values`` in one pass (a value's own "%2" stays)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(values) else m.group(0), template)


def result_details(result: ImportResult) -> str:
    """The full verification report of one bundle, as plain text a security officer can copy."""
    lines = [
        _fill(QCoreApplication.translate("ImportTrustView", "Result: %1"), status_word(result.status)),
        _fill(QCoreApplication.translate("ImportTrustView", "Source: %1"), result.source),
    ]
    if result.edition:
        lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Edition: %1"), result.edition))
    if result.bundle_id:
        if result.revision is not None:
            lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Bundle: %1 revision %2"), result.bundle_id, result.revision))
        else:
            lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Bundle: %1"), result.bundle_id))
    if result.superseded:
        lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Replaces revision %1"), result.superseded))
    if result.signer:
        lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Signed by: %1 (key %2)"), result.signer, result.signer_key_id))
    if result.status == "imported":
        lines.append(
            QCoreApplication.translate("ImportTrustView", "Signature valid; %n file(s) checked against the signed manifest", None, result.files_checked)
        )
    if result.sha256:
        lines.append(f"SHA-256: {result.sha256}")
    if result.reason:
        lines.append(_fill(QCoreApplication.translate("ImportTrustView", "Reason: %1"), stored_reason(result)))
    return "\n".join(lines)


@dataclass
class _Snapshot:
    keys: list[TrustedKey]
    signed: dict[str, int] = field(default_factory=dict)  # key id -> editions it signed
    audit: list[AuditEntry] = field(default_factory=list)
    demo_bundles: set[str] = field(default_factory=set)  # bundle ids of demo editions


@dataclass
class _ImportOutcome:
    results: list[ImportResult]
    demo_bundles: set[str]


class AddKeyDialog(QDialog):
    """Shows a key's id and fingerprint to compare with the publisher's, and asks for a name and role."""

    def __init__(self, key: PublicKey, parent: QWidget | None = None) -> None:
        from reader.core.trust import ROLES, spoken_fingerprint

        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a trusted key"))
        self.setAccessibleName(self.tr("Add a trusted key"))
        intro = QLabel(
            self.tr(
                "Compare this fingerprint character by character with the one the publisher gave you "
                "(on paper, by phone or on their website). Add the key only if they are identical: "
                "everything it signs will be accepted as genuine."
            )
        )
        intro.setWordWrap(True)
        self.key_id_edit = QLineEdit(key.key_id_hex)
        self.key_id_edit.setReadOnly(True)
        self.key_id_edit.setFont(_fixed_font())
        self.key_id_edit.setAccessibleName(self.tr("Key ID"))
        self.fingerprint_edit = QLineEdit(key.fingerprint)
        self.fingerprint_edit.setReadOnly(True)
        self.fingerprint_edit.setFont(_fixed_font())
        self.fingerprint_edit.setAccessibleName(self.tr("Fingerprint"))
        self.fingerprint_edit.setMinimumWidth(self.fingerprint_edit.fontMetrics().horizontalAdvance(key.fingerprint) + 24)
        self.name_edit = QLineEdit((key.comment or "").strip() or key.key_id_hex)
        self.name_edit.setMaxLength(200)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Role"))
        for role in ROLES:
            self.role_combo.addItem(role_word(role), role)
        # The publisher name the key may sign for: a bundle naming another is refused.
        self.publisher_edit = QLineEdit()
        self.publisher_edit.setMaxLength(200)
        self.publisher_edit.setPlaceholderText(self.tr("as it appears on its editions, e.g. NCTV"))
        self.publisher_edit.setAccessibleName(self.tr("Publisher"))
        self.groups_label = QLabel(spoken_fingerprint(key.fingerprint))
        self.groups_label.setFont(_fixed_font())
        self.groups_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.groups_label.setAccessibleName(self.tr("Fingerprint in groups, to read aloud"))
        self.compared_check = QCheckBox(self.tr("I have compared the fingerprint and it is identical"))
        self.compared_check.setAccessibleName(self.tr("I have compared the fingerprint and it is identical"))
        form = QFormLayout()
        form.addRow(self.tr("Key ID:"), self.key_id_edit)
        form.addRow(self.tr("Fingerprint:"), self.fingerprint_edit)
        form.addRow(self.tr("To read aloud:"), self.groups_label)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow(self.tr("&Publisher:"), self.publisher_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(self.tr("Add key"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName(self.tr("Add key"))
        self.add_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.compared_check.toggled.connect(self._on_compared_toggled)
        self.name_edit.textChanged.connect(self._on_compared_toggled)
        self.publisher_edit.textChanged.connect(self._on_compared_toggled)
        self.role_combo.currentIndexChanged.connect(self._on_compared_toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.compared_check)
        layout.addWidget(self.buttons)

    def _on_compared_toggled(self, *_args: object) -> None:
        publisher_key = self.role() == "publisher"
        self.publisher_edit.setEnabled(publisher_key)
        self.add_button.setEnabled(
            self.compared_check.isChecked() and bool(self.name_edit.text().strip()) and (not publisher_key or bool(self.publisher()))
        )

    def name(self) -> str:
        return self.name_edit.text().strip()

    def publisher(self) -> str:
        return self.publisher_edit.text().strip() if self.role() == "publisher" else ""

    def role(self) -> str:
        return self.role_combo.currentData()


class RevokeDialog(QDialog):
    """Confirms a revocation and asks for the reason."""

    def __init__(self, key: TrustedKey, signed: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revoke key"))
        self.setAccessibleName(self.tr("Revoke key"))
        self.setMinimumWidth(480)
        text = self.tr("Revoke the key “%1” (key ID %2)?").replace("%1", key.name).replace("%2", key.key_id)
        explanation = self.tr(
            "Editions signed by this key will be hidden, not deleted: they stay in the library and the "
            "reason is shown. The library holds %n edition(s) signed by it. New bundles signed by it will be "
            "rejected. A revoked key cannot be trusted again.",
            "",
            signed,
        )
        if key.builtin:
            explanation += " " + self.tr("This key is built in; the revocation is recorded in your own trust folder.")
        heading = QLabel(text)
        heading.setWordWrap(True)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(explanation)
        body.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("e.g. the secret key was leaked"))
        self.reason_edit.setAccessibleName(self.tr("Reason for the revocation"))
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.revoke_button = self.buttons.addButton(self.tr("Revoke key"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.revoke_button.setAccessibleName(self.tr("Revoke key"))
        self.revoke_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

    def reason(self) -> str:
        return self.reason_edit.text().strip()


class ImportTrustView(View):
    """Import bundles (file, folder, drag and drop) with a report; trusted keys; the audit log.

    Signals:
        loaded: the keys and the audit log are shown.
        imported(results): the ImportResults of a finished import.
        import_failed(exc): an import failed or was cancelled.
        trust_changed: a key was added or revoked.
    """

    depends_on = Changes(editions=True, trust=True, audit=True)

    imported = Signal(list)  # the ImportResults of a finished import
    import_failed = Signal(object)  # the exception (CancelledError when cancelled)
    trust_changed = Signal()  # a key was added or revoked

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._import_task: Task | None = None
        self._results: list[ImportResult] = []
        self._keys: list[TrustedKey] = []
        self._signed: dict[str, int] = {}
        self._demo_bundles: set[str] = set()
        self._audit_entries: list[AuditEntry] = []
        self._expected_key_id: str | None = None  # "Trust this key…": the key the rejected bundle names
        self.setAcceptDrops(True)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Import and trust"))
        self.tabs.tabBar().setAccessibleName(self.tr("Import and trust sections"))
        self.tabs.addTab(self._build_import_tab(), self.tr("&Import"))
        self.tabs.addTab(self._build_keys_tab(), self.tr("Trusted &keys"))
        self.tabs.addTab(self._build_audit_tab(), self.tr("&Audit log"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # --- building ---------------------------------------------------------------------------

    def _build_import_tab(self) -> QWidget:
        page = QWidget()
        self.drop_label = QLabel(
            self.tr(
                "Drag bundle files (.dtnb) or a folder, such as a USB stick, onto this window, or choose them. "
                "Every bundle is checked: its signature against your trusted keys and every file against the "
                "signed manifest. Nothing is imported that does not pass."
            )
        )
        self.drop_label.setWordWrap(True)
        self.drop_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_label.setMargin(12)
        self.file_button = QPushButton(self.tr("Import &file…"))
        self.file_button.setAccessibleName(self.tr("Import bundle files"))
        self.folder_button = QPushButton(self.tr("Import f&older…"))
        self.folder_button.setAccessibleName(self.tr("Import a folder"))
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setAccessibleName(self.tr("Cancel import"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)

        self.summary_label = QLabel(self.tr("No import yet in this session."))
        self.summary_label.setWordWrap(True)
        self.report_table = _table(
            [self.tr("Result"), self.tr("Edition"), self.tr("Bundle"), self.tr("Signed by"), self.tr("Files checked"), self.tr("Reason"), self.tr("Source")],
            self.tr("Verification report"),
        )
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details of the selected bundle"))
        self.details.setPlaceholderText(self.tr("Select a bundle in the report to see every detail."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.report_table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(page)
        layout.addWidget(self.drop_label)
        layout.addLayout(buttons)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        # The selected rejection explained: what happened, is it dangerous, what next, whom to call.
        self.explain_button = QPushButton(what_does_this_mean())
        self.explain_button.setAccessibleName(self.tr("What does this rejection mean?"))
        self.explain_button.setEnabled(False)
        self.explain_button.clicked.connect(self.explain_selected)
        explain_row = QHBoxLayout()
        explain_row.addStretch(1)
        explain_row.addWidget(self.explain_button)
        layout.addLayout(explain_row)

        self.file_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.report_table.itemSelectionChanged.connect(self._on_report_selection_changed)
        return page

    def _build_keys_tab(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Bundles are accepted only when signed by one of these keys. Compare a fingerprint with "
                "the publisher's before you add a key. Revoking a key hides what it signed."
            )
        )
        intro.setWordWrap(True)
        self.keys_table = _table(
            [self.tr("Name"), self.tr("Role"), self.tr("Key ID"), self.tr("Status"), self.tr("Markings"), self.tr("Editions"), self.tr("Added"), self.tr("Fingerprint")],
            self.tr("Trusted keys"),
        )
        self.add_key_button = QPushButton(self.tr("A&dd key…"))
        self.add_key_button.setAccessibleName(self.tr("Add a trusted key from a .pub file"))
        self.revoke_button = QPushButton(self.tr("&Revoke…"))
        self.revoke_button.setAccessibleName(self.tr("Revoke the selected key"))
        self.revoke_button.setEnabled(False)
        self.copy_button = QPushButton(self.tr("&Copy fingerprint"))
        self.copy_button.setAccessibleName(self.tr("Copy the selected key's fingerprint"))
        self.copy_button.setEnabled(False)
        self.key_details = QLabel()
        self.key_details.setWordWrap(True)
        self.fingerprint_view = QLineEdit()
        self.fingerprint_view.setReadOnly(True)
        self.fingerprint_view.setFont(_fixed_font())
        self.fingerprint_view.setAccessibleName(self.tr("Fingerprint of the selected key"))
        fingerprint_label = QLabel(self.tr("Fin&gerprint:"))
        fingerprint_label.setBuddy(self.fingerprint_view)
        details = QHBoxLayout()
        details.addWidget(fingerprint_label)
        details.addWidget(self.fingerprint_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_key_button)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.keys_table, 1)
        layout.addWidget(self.key_details)
        layout.addLayout(details)
        self.add_key_button.clicked.connect(self._on_add_key_clicked)
        self.revoke_button.clicked.connect(self._on_revoke_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.keys_table.itemSelectionChanged.connect(self._on_key_selection_changed)
        return page

    def _build_audit_tab(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr("Every import, rejection and removal, newest first."))
        intro.setWordWrap(True)
        self.audit_table = _table(
            [self.tr("Time"), self.tr("Result"), self.tr("Bundle"), self.tr("Reason"), self.tr("Signed by"), self.tr("Source")],
            self.tr("Audit log"),
        )
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the audit log"))
        self.result_filter = QComboBox()
        self.result_filter.setAccessibleName(self.tr("Show results"))
        for label, group in (
            (self.tr("All results"), ""), (self.tr("Imported"), "imported"), (self.tr("Rejected"), "rejected"),
            (self.tr("Trust changes"), "trust"), (self.tr("Library changes"), "library"),
        ):
            self.result_filter.addItem(label, group)
        self.result_filter.view().setAccessibleName(self.tr("Show results"))
        self.period_filter = QComboBox()
        self.period_filter.setAccessibleName(self.tr("Show period"))
        for label, days in ((self.tr("Any time"), 0), (self.tr("Last 7 days"), 7), (self.tr("Last 30 days"), 30), (self.tr("Last 12 months"), 365)):
            self.period_filter.addItem(label, days)
        self.period_filter.view().setAccessibleName(self.tr("Show period"))
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the audit log shown as CSV"))
        self.trust_unknown_button = QPushButton(self.tr("&Trust this key…"))
        self.trust_unknown_button.setAccessibleName(self.tr("Trust the unknown key of the selected rejection"))
        self.trust_unknown_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.refresh_button)
        # Filters on one row, actions on the next: on one row they needed about 700 px in Dutch.
        filters = QHBoxLayout()
        filters.addWidget(self.result_filter)
        filters.addWidget(self.period_filter)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.trust_unknown_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.audit_table, 1)
        self.refresh_button.clicked.connect(self.reload)
        self.result_filter.currentIndexChanged.connect(self.reload)
        self.period_filter.currentIndexChanged.connect(self.reload)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.trust_unknown_button.clicked.connect(self._on_trust_unknown_clicked)
        self.audit_table.itemSelectionChanged.connect(self._on_audit_selection_changed)
        return page

    def audit_filter(self) -> dict:
        """The audit rows asked for: ``results`` and ``since`` for Library.audit."""
        from datetime import datetime, timedelta, timezone

        from reader.core.library.importing import AUDIT_RESULT_GROUPS

        group, days = self.result_filter.currentData(), self.period_filter.currentData()
        since = (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ") if days else None
        return {"results": AUDIT_RESULT_GROUPS.get(group or "", ()), "since": since}

    def _on_audit_selection_changed(self) -> None:
        entry = self._selected_audit_entry()
        self.trust_unknown_button.setEnabled(entry is not None and entry.error_type == "UnknownKeyError")

    def _selected_audit_entry(self):
        rows = self.audit_table.selectionModel().selectedRows() if self.audit_table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._audit_entries):
            return None
        return self._audit_entries[rows[0].row()]

    def _on_trust_unknown_clicked(self) -> None:
        """The public key itself is still needed, from a .pub file or pasted; its fingerprint is then compared."""
        from PySide6.QtWidgets import QInputDialog

        entry = self._selected_audit_entry()
        expected = entry.signer.rsplit("(", 1)[-1].rstrip(")") if entry is not None and entry.signer else None
        how = self.ask_key_source(expected)
        if how == "file":
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Trust this key"), "", self.tr("minisign public keys (*.pub);;All files (*)")
            )
            if path:
                self._expected_key_id = expected
                self.add_key_file(path)
        elif how == "paste":
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Trust this key"), self.tr("The public key (the .pub file's text or its key line):"))
            if ok and text.strip():
                self._expected_key_id = expected
                self.add_key_text(text)

    def ask_key_source(self, key_id: str | None) -> str | None:
        """"file", "paste" or None (cancelled): where the public key of ``key_id`` comes from."""
        from PySide6.QtWidgets import QMessageBox

        ask = QMessageBox(QMessageBox.Icon.Question, self.tr("Trust this key"),
                          self.tr("The bundle was signed by key %1. To trust it, the reader needs the public key itself, "
                                  "from the publisher: a .pub file, or its text pasted.").replace("%1", key_id or "?"),
                          QMessageBox.StandardButton.Cancel, self)
        ask.setAccessibleName(self.tr("Trust this key"))
        from_file = ask.addButton(self.tr("From a &file…"), QMessageBox.ButtonRole.AcceptRole)
        pasted = ask.addButton(self.tr("&Paste the key…"), QMessageBox.ButtonRole.AcceptRole)
        ask.exec()
        return "file" if ask.clickedButton() is from_file else "paste" if ask.clickedButton() is pasted else None

    def add_key_text(self, text: str) -> None:
        """A pasted public key: checked like a file's, then the fingerprint comparison."""
        from reader.core.trust import parse_public_key

        data = text.encode("utf-8")[:MAX_PUB_FILE_BYTES + 1]
        try:
            key = parse_public_key(data)
        except KeyFormatError as exc:
            self._expected_key_id = None
            show_error(self, exc, self.tr("Add key"))
            return
        self._key_source = "pasted text"  # as the audit row records it
        self._on_key_file_read((data, key))

    def _on_export_clicked(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), "audit.csv", self.tr("CSV files (*.csv)"))
        if not path:
            return
        wanted = self.audit_filter()

        def work(lib: Library, handle: TaskHandle) -> str:
            from reader.core.errors import ExportError

            text = lib.audit_csv(lib.audit(AUDIT_EXPORT_ROWS, **wanted))
            try:
                Path(path).write_text(text, encoding="utf-8-sig", newline="")
            except OSError as exc:
                raise ExportError(f"cannot write {path}: {exc.strerror or exc}", code="export-write", path=str(path),
                                  detail=exc.strerror or str(exc)) from None
            return path

        self.run_task(work, lambda p: self.ctx.status_message.emit(self.tr("Audit log exported to %1").replace("%1", p)),
                      lambda exc: show_error(self, exc, self.tr("Export the audit log")))

    # --- the view contract ---------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Import and trust")

    # --- loading keys and audit -------------------------------------------------------------------

    def reload(self) -> None:
        def work(lib: Library, handle: TaskHandle) -> _Snapshot:
            signed: dict[str, int] = {}
            demo: set[str] = set()
            for edition in lib.editions(include_superseded=True, include_hidden=True):
                signed[edition.signer_key_id] = signed.get(edition.signer_key_id, 0) + 1
                if edition.demo:
                    demo.add(edition.bundle_id)
            return _Snapshot(lib.trusted_keys(), signed, lib.audit(AUDIT_ROWS, **wanted), demo)

        wanted = self.audit_filter()
        self.run_task(work, self._on_reloaded, self._on_reload_failed, channel="load")

    def _on_reload_failed(self, exc: BaseException) -> None:
        show_error(self, exc, self.tr("Import and trust"))

    def _on_reloaded(self, snap: _Snapshot) -> None:
        self._demo_bundles = snap.demo_bundles
        self._show_keys(snap.keys, snap.signed)
        self._show_audit(snap.audit)
        self.loaded.emit()

    def _show_keys(self, keys: list[TrustedKey], signed: dict[str, int]) -> None:
        selected = self.selected_key()
        selected_id = selected.key_id if selected else None
        self._keys, self._signed = keys, signed
        table = self.keys_table
        table.setSortingEnabled(False)
        table.setRowCount(len(keys))
        fixed = _fixed_font()
        row_to_select = -1
        for row, key in enumerate(keys):
            markings = []
            if key.builtin:
                markings.append(self.tr("built-in"))
            if key.demo:
                markings.append(demo_marking())
            if key.revoked:
                status = self.tr("REVOKED on %1").replace("%1", format_timestamp(key.revoked_at or "", self.ctx.language))
                if key.revoked_reason:
                    status += f": {key.revoked_reason}"
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            else:
                status = self.tr("Trusted")
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
            name = _item(key.name)
            name.setData(Qt.ItemDataRole.UserRole, key.key_id)
            status_item = _item(status)
            status_item.setIcon(icon)
            key_id = _item(key.key_id)
            key_id.setFont(fixed)
            fingerprint = _item(key.key.fingerprint)
            fingerprint.setFont(fixed)
            count = _item(locale_for(self.ctx.language).toString(signed.get(key.key_id, 0)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            role = role_word(key.role)
            if key.role == "publisher":
                # The publisher name the key may sign for, or that the first bundle it signs binds it.
                role = (self.tr("%1 (not yet bound to a publisher)") if key.unbound else self.tr("%1 for %2")).replace("%1", role).replace("%2", key.publisher)
            cells = [
                name,
                _item(role),
                key_id,
                status_item,
                _item(", ".join(markings)),
                count,
                _item(format_timestamp(key.added_at, self.ctx.language) if key.added_at else ""),
                fingerprint,
            ]
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
            if key.key_id == selected_id:
                row_to_select = row
        _fit_columns(table, 480)
        if row_to_select >= 0:
            table.selectRow(row_to_select)
        self._on_key_selection_changed()

    def _show_audit(self, entries: list[AuditEntry]) -> None:
        self._audit_entries = list(entries)
        table = self.audit_table
        table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            result = _item(status_word(entry.result))
            result.setIcon(_status_icon(self, entry.result))
            bundle = ""
            if entry.bundle_id:
                bundle = _fill(self.tr("%1 revision %2"), entry.bundle_id, entry.revision) if entry.revision is not None else entry.bundle_id
                if entry.bundle_id in self._demo_bundles:
                    bundle += f" [{demo_marking()}]"
            cells = [
                _item(format_timestamp(entry.time, self.ctx.language), entry.time),
                result,
                _item(bundle),
                _item(stored_reason(entry)),
                _item(entry.signer or ""),
                _item(source_text(entry.source)),
            ]
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        _fit_columns(table)

    # --- import -----------------------------------------------------------------------------------

    def is_importing(self) -> bool:
        return self._import_task is not None

    def import_paths(self, paths: list[str | Path]) -> bool:
        """Import files and folders in a write task and show the report. False if one is already running."""
        paths = [str(p) for p in paths]
        if not paths:
            return False
        if self._import_task is not None:
            self.ctx.status_message.emit(self.tr("An import is already running; wait for it to finish."))
            return False
        self.tabs.setCurrentIndex(0)
        self._set_importing(True)
        self.summary_label.setText(self.tr("Checking %n item(s)…", "", len(paths)))

        def work(lib: Library, handle: TaskHandle) -> _ImportOutcome:
            from reader.core.sync import import_paths

            # A feed folder (a USB stick from 'dtn fetch') with its feed's checks, as 'dtn import' does.
            results = import_paths(lib, paths, handle.progress, handle.cancel_event)
            demo = set()
            for result in results:
                if result.status == "rejected" or not result.bundle_id:
                    continue
                try:
                    edition = lib.edition(f"{result.bundle_id}@{result.revision}")
                except NotFoundError:
                    continue
                if edition.demo:
                    demo.add(edition.bundle_id)
                # The core reports an already present bundle without its edition and signer.
                if result.status == "present" and not result.edition:
                    result.edition, result.signer, result.signer_key_id = edition.name, edition.signer_name, edition.signer_key_id
            return _ImportOutcome(results, demo)

        self._import_task = self.run_task(
            work, self._on_import_succeeded, self._on_import_failed, self._on_import_progress, write=True
        )
        return True

    def _set_importing(self, running: bool) -> None:
        self.file_button.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)  # busy until the number of bundles is known
            self.progress.setFormat(self.tr("Checking…"))
        else:
            self._import_task = None

    def _on_import_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        loc = locale_for(self.ctx.language)
        self.progress.setFormat(self.tr("%1 of %2 bundles checked").replace("%1", loc.toString(done)).replace("%2", loc.toString(total)))

    def _on_cancel_clicked(self) -> None:
        if self._import_task is not None:
            self._import_task.handle.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))

    def _on_import_succeeded(self, outcome: _ImportOutcome) -> None:
        results = outcome.results
        self._demo_bundles |= outcome.demo_bundles
        self._set_importing(False)
        self._show_results(results)
        self.ctx.status_message.emit(self.summary_label.text())
        self.imported.emit(results)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._set_importing(False)
        # Bundles checked before the cancel or failure stay imported: the views (this one too)
        # catch up from ctx.library_changed.
        if isinstance(exc, CancelledError):
            self.summary_label.setText(
                self.tr("Import cancelled: %1. The audit log shows what was imported before.").replace("%1", error_text(exc))
            )
        else:
            self.summary_label.setText(self.tr("Import failed: %1").replace("%1", error_text(exc)))
            show_error(self, exc, self.tr("Import"))
        self.import_failed.emit(exc)

    def _show_results(self, results: list[ImportResult]) -> None:
        self._results = list(results)
        counts = {status: sum(1 for r in results if r.status == status) for status in ("imported", "present", "rejected")}
        loc = locale_for(self.ctx.language)
        if not results:
            self.summary_label.setText(self.tr("No bundle (.dtnb) found in what you chose."))
        else:
            self.summary_label.setText(
                self.tr("%1 imported, %2 already present, %3 rejected")
                .replace("%1", loc.toString(counts["imported"]))
                .replace("%2", loc.toString(counts["present"]))
                .replace("%3", loc.toString(counts["rejected"]))
            )
        table = self.report_table
        table.setRowCount(len(results))
        for row, result in enumerate(results):
            status = _item(status_word(result.status), result_details(result))
            status.setIcon(_status_icon(self, result.status))
            bundle = ""
            if result.bundle_id:
                bundle = _fill(self.tr("%1 revision %2"), result.bundle_id, result.revision) if result.revision is not None else result.bundle_id
            signer = f"{result.signer} ({result.signer_key_id})" if result.signer else ""
            files = _item(loc.toString(result.files_checked) if result.status == "imported" else "")
            files.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edition = result.edition or ""
            if edition and result.bundle_id in self._demo_bundles:
                edition += f" [{demo_marking()}]"
            cells = [status, _item(edition), _item(bundle), _item(signer), files, _item(stored_reason(result)), _item(source_text(result.source))]
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        _fit_columns(table)
        if results:
            table.selectRow(0)
        else:
            self.details.clear()

    def _on_report_selection_changed(self) -> None:
        rows = self.report_table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._results):
            self.details.setPlainText(result_details(self._results[rows[0].row()]))
        else:
            self.details.clear()
        self.explain_button.setEnabled(self._selected_rejection() is not None)

    def _selected_rejection(self) -> ImportResult | None:
        rows = self.report_table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._results) and not self._results[rows[0].row()].ok:
            return self._results[rows[0].row()]
        return None

    def explain_selected(self) -> bool:
        """Open the help page for the selected rejection; False if none is selected."""
        result = self._selected_rejection()
        return result is not None and open_error_help(self, error_type=result.error_type or "DTNError")

    def choose_files(self) -> None:
        """Ask for bundle files (the button and the File menu) and import them."""
        from reader.core.bundle import BUNDLE_SUFFIX

        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import bundle files"), self.ctx.prefs.folder(FOLDER_IMPORT),
            self.tr("DTN bundles (*%1);;All files (*)").replace("%1", BUNDLE_SUFFIX),
        )
        if paths:
            self.ctx.prefs.set_folder(FOLDER_IMPORT, Path(paths[0]).parent)
            self.import_paths(paths)

    def choose_folder(self) -> None:
        """Ask for a folder, e.g. a USB stick (the button and the File menu), and import every bundle in it."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every bundle in a folder"), self.ctx.prefs.folder(FOLDER_IMPORT))
        if folder:
            self.ctx.prefs.set_folder(FOLDER_IMPORT, folder)
            self.import_paths([folder])

    # --- drag and drop ----------------------------------------------------------------------------

    @staticmethod
    def _local_paths(mime) -> list[str]:
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._import_task is None and self._local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = self._local_paths(event.mimeData())
        if not paths or self._import_task is not None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # --- keys ------------------------------------------------------------------------------------

    def selected_key(self) -> TrustedKey | None:
        rows = self.keys_table.selectionModel().selectedRows() if self.keys_table.selectionModel() else []
        if not rows:
            return None
        item = self.keys_table.item(rows[0].row(), 0)
        key_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((k for k in self._keys if k.key_id == key_id), None)

    def _on_key_selection_changed(self) -> None:
        key = self.selected_key()
        self.revoke_button.setEnabled(key is not None and not key.revoked)
        self.copy_button.setEnabled(key is not None)
        if key is None:
            self.key_details.setText(self.tr("Select a key to see its fingerprint."))
            self.fingerprint_view.clear()
            return
        self.key_details.setText(self.tr("%1, key %2").replace("%1", key.name).replace("%2", key.key_id))
        self.fingerprint_view.setText(key.key.fingerprint)

    def _on_copy_clicked(self) -> None:
        key = self.selected_key()
        if key is not None:
            QGuiApplication.clipboard().setText(key.key.fingerprint)
            self.ctx.status_message.emit(self.tr("Fingerprint of %1 copied").replace("%1", key.name))

    def _on_add_key_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Add a trusted key"), self.ctx.prefs.folder(FOLDER_KEYS), self.tr("minisign public keys (*.pub);;All files (*)")
        )
        if path:
            self.ctx.prefs.set_folder(FOLDER_KEYS, Path(path).parent)
            self.add_key_file(path)

    def add_key_file(self, path: str | Path) -> None:
        """Read a .pub file (in a task), ask the user to compare its fingerprint, then trust it."""
        path = Path(path)
        self._key_source = path

        def work(lib: Library, handle: TaskHandle) -> tuple[bytes, PublicKey]:
            from reader.core.minisign import PublicKey

            try:
                with open(path, "rb") as f:
                    data = f.read(MAX_PUB_FILE_BYTES + 1)
            except OSError as exc:
                raise KeyFormatError(f"cannot read {path}: {exc.strerror or exc}", code="file-read", path=str(path), detail=exc.strerror or str(exc)) from None
            return data, PublicKey.from_bytes(data)

        self.run_task(work, self._on_key_file_read, lambda exc: show_error(self, exc, self.tr("Add key")))

    def _on_key_file_read(self, result: tuple[bytes, PublicKey]) -> None:
        data, key = result
        expected, self._expected_key_id = self._expected_key_id, None
        if expected and expected != key.key_id_hex:
            show_error(self, KeyFormatError(
                f"this file holds key {key.key_id_hex}, but the rejected bundle was signed by key {expected}",
                code="trust-key-not-the-signer", key_id=key.key_id_hex, expected=expected,
            ), self.tr("Add key"))
            return
        dialog = AddKeyDialog(key, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, role, publisher = dialog.name(), dialog.role(), dialog.publisher()
        source = str(getattr(self, "_key_source", "") or "")

        def work(lib: Library, handle: TaskHandle) -> TrustedKey:
            return lib.trust_key(data, name=name, role=role, publisher=publisher or None, source=source)

        self.run_task(work, self._on_key_added, lambda exc: show_error(self, exc, self.tr("Add key")), write=True)

    def _on_key_added(self, key: TrustedKey) -> None:
        self.ctx.status_message.emit(self.tr("Key %1 (%2) is now trusted").replace("%1", key.key_id).replace("%2", key.name))
        self.trust_changed.emit()

    def _on_revoke_clicked(self) -> None:
        key = self.selected_key()
        if key is None or key.revoked:
            return
        dialog = RevokeDialog(key, self._signed.get(key.key_id, 0), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.revoke_key(key.key_id, dialog.reason())

    def revoke_key(self, key_id: str, reason: str) -> None:
        """Revoke a key and hide what it signed (write task), then tell the other views."""

        def work(lib: Library, handle: TaskHandle) -> tuple[TrustedKey, list[str]]:
            return lib.revoke_key(key_id, reason)

        self.run_task(work, self._on_key_revoked, lambda exc: show_error(self, exc, self.tr("Revoke key")), write=True)

    def _on_key_revoked(self, result: tuple[TrustedKey, list[str]]) -> None:
        key, changes = result
        self.ctx.status_message.emit(
            self.tr("Key %1 revoked; %n edition(s) hidden", "", len(changes)).replace("%1", key.key_id)
        )
        self.trust_changed.emit()
