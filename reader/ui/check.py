"""The library check in the window: the deep check with progress, cancel and a plain-language
report, a repair button when repairing helps, and the bounded store check after each start."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from reader.core.errors import CancelledError
from reader.ui.errors import error_text

if TYPE_CHECKING:
    from reader.core.library.deepcheck import CheckReport, Finding
    from reader.ui.context import AppContext
    from reader.ui.tasks import Task

log = logging.getLogger(__name__)

# Findings whose signed original is gone or altered: repairing drops the edition (the file goes
# to quarantine), so the user must import it again. A damaged database file cannot be repaired
# from inside the running reader.
LOST_CODES = frozenset({"store-hash-mismatch", "store-unreadable", "store-missing", "bundle-unverified"})
OUTSIDE_CODES = frozenset({"database-damaged"})


def finding_text(finding: Finding) -> str:
    """One finding in plain language."""
    edition = finding.edition or QCoreApplication.translate("CheckDialog", "the library")
    if finding.code in ("store-hash-mismatch", "store-unreadable", "store-missing"):
        text = QCoreApplication.translate("CheckDialog", "The signed original of %1 was altered or is missing. Repairing moves it to the quarantine folder; import this edition again from its source.")
    elif finding.code == "bundle-unverified":
        text = QCoreApplication.translate("CheckDialog", "%1 no longer passes the signature check against the keys you trust now. Repairing removes it from the library; the file is kept.")
    elif finding.code == "store-unindexed":
        text = QCoreApplication.translate("CheckDialog", "%1 is stored but not shown. Repairing adds it.")
    elif finding.code in OUTSIDE_CODES:
        text = QCoreApplication.translate("CheckDialog", "The library database is damaged. Quit the reader and run 'dtn rebuild': it moves the damaged file aside and rebuilds the library from the signed originals.")
    elif finding.code == "store-leftover":
        text = QCoreApplication.translate("CheckDialog", "A temporary file of an interrupted import is left over. Repairing removes it.")
    else:
        text = QCoreApplication.translate("CheckDialog", "What the reader shows for %1 differs from the signed edition. Repairing rebuilds it from the signed original.")
    return text.replace("%1", edition)


def report_text(report: CheckReport) -> str:
    """The whole report in plain language: one line per edition with a problem, and what helps."""
    if report.ok:
        return QCoreApplication.translate("CheckDialog", "Everything matches: %1 signed edition(s) were checked again, byte for byte, and match what the reader shows.").replace(
            "%1", str(report.bundles)
        )
    lines, seen = [], set()
    for finding in report.findings:
        text = finding_text(finding)
        if text not in seen:
            seen.add(text)
            lines.append("• " + text)
    head = QCoreApplication.translate("CheckDialog", "%1 problem(s) found in %2 signed edition(s):").replace("%1", str(len(report.findings))).replace("%2", str(report.bundles))
    return head + "\n\n" + "\n".join(lines)


def repair_helps(report: CheckReport) -> bool:
    return not report.ok and any(f.code not in OUTSIDE_CODES for f in report.findings)


class CheckDialog(QDialog):
    """Checks the library (off the GUI thread), shows the report and offers the repair.

    Signals:
        finished_check(report): a check ran to its end.
    """

    finished_check = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: CheckReport | None = None
        self._handle: Any = None
        self.setWindowTitle(self.tr("Check the library"))
        self.setAccessibleName(self.tr("Check the library"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr(
                "Every stored edition is hashed again, its signature checked against the keys you trust now, "
                "and what the reader shows compared with the signed original."
            )
        )
        intro.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the check"))
        self.result_view = QPlainTextEdit()
        self.result_view.setReadOnly(True)
        self.result_view.setAccessibleName(self.tr("Result of the check"))
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.repair_button = self.buttons.addButton(self.tr("&Repair"), QDialogButtonBox.ButtonRole.ActionRole)
        self.repair_button.setAccessibleName(self.tr("Repair the library"))
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.repair_button.clicked.connect(self.repair)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.buttons)
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setVisible(running)
        self.close_button.setVisible(not running)
        self.repair_button.setVisible(not running and self.report is not None and repair_helps(self.report))

    def start(self) -> None:
        """Run the deep check."""
        self.report = None
        self.progress.setRange(0, 0)
        self.result_view.setPlainText(self.tr("Checking…"))
        self._set_running(True)
        self._handle = self.ctx.tasks.submit(
            lambda lib, handle: lib.deep_check(handle.progress, handle.cancel_event),
            self._on_checked, self._on_failed, self._on_progress, context=self,
        ).handle

    def repair(self) -> None:
        """Quarantine altered originals and rebuild the index, then check again."""
        self.progress.setRange(0, 0)
        self.result_view.setPlainText(self.tr("Repairing…"))
        self._set_running(True)
        self._handle = self.ctx.tasks.submit(
            lambda lib, handle: lib.repair(handle.progress, handle.cancel_event),
            self._on_repaired, self._on_failed, self._on_progress, write=True, context=self,
        ).handle

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_checked(self, report: CheckReport) -> None:
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.result_view.setPlainText(report_text(report))
        self._set_running(False)
        self.finished_check.emit(report)

    def _on_repaired(self, _report: dict) -> None:
        self.start()  # the views hear what the repair touched from ctx.library_changed

    def _on_failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, CancelledError):
            self.result_view.setPlainText(self.tr("The check was cancelled; nothing was changed."))
        else:
            self.result_view.setPlainText(error_text(exc))
        self._set_running(False)

    def _on_cancel_clicked(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def reject(self) -> None:  # Escape or the window's close button also cancel a running check
        self._on_cancel_clicked()
        super().reject()


def start_background_check(ctx: AppContext, on_mismatch) -> Task:
    """After a start: re-hash a bounded share of the store (CheckLimits) and call
    ``on_mismatch(text)`` on the GUI thread when a file no longer matches; returns the task."""

    def done(report: CheckReport) -> None:
        if not report.ok:
            on_mismatch(
                QCoreApplication.translate(
                    "CheckDialog",
                    "%1 stored edition(s) no longer match their signed original. Choose Help > Check the library for what to do.",
                ).replace("%1", str(len(report.findings)))
            )

    return ctx.tasks.submit(lambda lib, handle: lib.bounded_hash_check(cancel=handle.cancel_event), done,
                             lambda exc: log.warning("background store check failed: %s", exc), write=True)
