"""Sync: the feed addresses, automatic sync, the Offline switch, Sync now with progress and cancel.

Every decision is in reader.core.sync (and syncstate); this page only asks and shows. With Offline on, or
no feed configured, nothing here opens a socket: no sync starts and the network
information backend is not even loaded.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import CancelledError
from reader.core.library.changes import Changes
from reader.ui import format as fmt
from reader.ui.context import AppContext
from reader.ui.errors import error_text, reason_text
from reader.ui.views.base import View, scaled_font

log = logging.getLogger(__name__)

# Automatic sync when the network comes up, at most this often (seconds).
AUTO_SYNC_MIN_INTERVAL_S = 3 * 60 * 60
# How long the desktop notification of a new level stays (milliseconds).
NOTIFICATION_MS = 30_000
HEADING_FONT_FACTOR = 1.6
URLS_VISIBLE_LINES = 4
RESULT_VISIBLE_LINES = 6


def _load(lib, handle) -> dict[str, Any]:
    from reader.core.syncstate import SyncState

    state = SyncState(lib.folder)
    return {"settings": state.settings, "status": state.status()}


def level_change_text(change, language: str) -> str:
    """'The national threat level changed from 3 (Aanzienlijk) to 4 (Substantieel)' in the UI language."""
    if change.old_value is None:
        return QCoreApplication.translate("SyncView", "The national threat level is now %1 (%2)").replace(
            "%1", str(change.new_value)).replace("%2", fmt.level_label(change.new_label, language))
    return (
        QCoreApplication.translate("SyncView", "The national threat level changed from %1 (%2) to %3 (%4)")
        .replace("%1", str(change.old_value)).replace("%2", fmt.level_label(change.old_label or "", language))
        .replace("%3", str(change.new_value)).replace("%4", fmt.level_label(change.new_label, language))
    )


def recently(iso: str | None, seconds: float) -> bool:
    """Whether the UTC time ``iso`` lies less than ``seconds`` ago."""
    if not iso:
        return False
    from datetime import datetime, timezone

    try:
        when = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return False
    return (datetime.now(timezone.utc) - when).total_seconds() < seconds


class SyncView(View):
    """The Sync page.

    Signals:
        loaded: the settings and the last result are shown.
        synced(object): a sync finished (the SyncReport).
        sync_failed(object): a sync was refused or failed (the exception).
    """

    depends_on = Changes()  # the sync state is not in the library; the page reloads it after a sync

    synced = Signal(object)
    sync_failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._settings = None
        self._status = None
        self._task = None
        self._network = None
        self._last_auto = 0.0
        self._tray: QSystemTrayIcon | None = None

        heading = QLabel(self.tr("Sync"))
        heading.setFont(scaled_font(self.font(), HEADING_FONT_FACTOR, bold=True))
        intro = QLabel(self.tr(
            "Bring the library up to date from a signed feed. Every bundle is checked against the feed and "
            "its publisher's signature before it is stored; nothing from the network is trusted."
        ))
        intro.setWordWrap(True)

        urls_label = QLabel(self.tr("&Feed addresses (one per line; the first is the feed, the others mirrors):"))
        urls_label.setWordWrap(True)
        self.urls = QPlainTextEdit()
        self.urls.setAccessibleName(self.tr("Feed addresses"))
        self.urls.setPlaceholderText("https://example.org/dtn/")
        self.urls.setFixedHeight(self.urls.fontMetrics().lineSpacing() * URLS_VISIBLE_LINES + 12)
        self.urls.setTabChangesFocus(True)
        urls_label.setBuddy(self.urls)
        self.save_button = QPushButton(self.tr("&Save addresses"))
        self.save_button.clicked.connect(self._on_save_clicked)

        self.automatic = QCheckBox(self.tr("Sync &automatically when the network comes up (at most every %n hours)", "",
                                           AUTO_SYNC_MIN_INTERVAL_S // 3600))
        self.offline = QCheckBox(self.tr("&Offline: never connect to the network"))
        self.offline.setAccessibleDescription(self.tr("With Offline on, the reader opens no network connection at all"))
        self.automatic.toggled.connect(self._on_option_toggled)
        self.offline.toggled.connect(self._on_option_toggled)

        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Last result"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Bundles of the last sync"))
        self.results.setWordWrap(True)  # a refusal's reason is a whole sentence
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setMinimumHeight(self.results.fontMetrics().lineSpacing() * RESULT_VISIBLE_LINES)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(urls_label)
        layout.addWidget(self.urls)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addWidget(self.automatic)
        layout.addWidget(self.offline)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setAccessibleName(self.tr("Sync"))
        scroll.viewport().setAccessibleName(self.tr("Sync"))  # AT-SPI reports a scroll area's focus on its viewport
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._set_busy(False)

    def title(self) -> str:
        return self.tr("Sync")

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.run_task(_load, self._on_loaded, self._on_load_failed, channel="load")

    def load_settings(self) -> None:
        """Read the settings at start (the page need not be shown) to arm automatic sync."""
        self.reload()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.state.setText(error_text(exc))
        self.loaded.emit()

    def _on_loaded(self, data: dict[str, Any]) -> None:
        settings = data["settings"]
        self._settings = settings
        for box, value in ((self.automatic, settings.automatic), (self.offline, settings.offline)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        if not self.urls.hasFocus():
            self.urls.setPlainText("\n".join(settings.urls))
        self._status = data["status"]
        self._show_status(data["status"])
        self._set_busy(self._task is not None)
        self._arm_automatic()
        self.loaded.emit()

    def _show_status(self, status) -> None:
        if self._settings is not None and self._settings.offline:
            text = self.tr("Offline: the reader does not connect to the network.")
        elif self._settings is not None and not self._settings.configured:
            text = self.tr("No feed configured: enter the address your organisation gave you.")
        elif status.last_attempt is None:
            text = self.tr("Not synced yet.")
        else:
            when = fmt.format_timestamp(status.last_attempt, self.ctx.language)
            if status.last_counts is not None:
                c = status.last_counts
                detail = self.tr("%1 imported, %2 already up to date, %3 refused").replace("%1", str(c.get("imported", 0))).replace(
                    "%2", str(c.get("present", 0) + c.get("older", 0))).replace("%3", str(c.get("failed", 0) + c.get("skipped", 0)))
            else:
                detail = reason_text(status.last_error_type, status.last_message or "", status.last_code, status.last_params)
            text = (self.tr("Last sync %1: %2") if status.last_ok else self.tr("Last sync %1 failed: %2")).replace(
                "%1", when).replace("%2", detail)
        if status.stale_since:
            text += "\n" + self.tr("The feed expired on %1; the library may be out of date since then.").replace(
                "%1", fmt.format_timestamp(status.stale_since, self.ctx.language))
        self.state.setText(text)

    # --- settings ----------------------------------------------------------------------------

    def _current_settings(self):
        from reader.core.syncstate import SyncSettings

        urls = [line.strip() for line in self.urls.toPlainText().splitlines() if line.strip()]
        return SyncSettings(urls, self.automatic.isChecked(), self.offline.isChecked())

    def _save(self) -> None:
        settings = self._current_settings()

        def work(lib, handle):
            from reader.core.syncstate import SyncState

            state = SyncState(lib.folder)
            state.set_settings(settings)
            state.save()
            return {"settings": state.settings, "status": state.status()}

        # On the load channel: a reload still running would otherwise show the settings from
        # before this change (and undo a click on Offline) when its result arrives after ours.
        self.run_task(work, self._on_loaded, self._on_save_failed, write=True, channel="load")

    def _on_save_clicked(self) -> None:
        self._save()

    def _on_option_toggled(self, _checked: bool) -> None:
        if self.offline.isChecked() and self._task is not None:
            self.cancel()
        self._save()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.state.setText(error_text(exc))

    # --- syncing ------------------------------------------------------------------------------

    def may_connect(self) -> bool:
        # The switch counts the moment it is clicked, before its setting is written.
        return self._settings is not None and self._settings.may_connect() and not self.offline.isChecked()

    def _set_busy(self, busy: bool) -> None:
        self.sync_button.setEnabled(not busy and self.may_connect())
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)

    def sync_now(self) -> None:
        """Start a sync in the background, unless Offline is on or no feed is configured."""
        if self._task is not None or not self.may_connect():
            return
        urls = list(self._settings.urls)

        def work(lib, handle):
            from reader.core.sync import sync_library

            return sync_library(lib, urls[0], mirrors=urls[1:], progress=handle.progress, cancel=handle.cancel_event)

        self.results.clear()
        self.progress.setRange(0, 0)
        self.state.setText(self.tr("Syncing…"))
        self._task = self.run_task(work, self._on_synced, self._on_sync_failed, self._on_progress, write=True)
        self._set_busy(True)

    def result_line(self, result) -> str:
        """One bundle of a sync, in the UI language."""
        texts = {
            "imported": self.tr("Imported: %1 revision %2"),
            "present": self.tr("Already present: %1 revision %2"),
            "older": self.tr("Not needed, a newer revision is in the library: %1 revision %2"),
            "skipped": self.tr("Refused at an earlier sync: %1 revision %2"),
            "failed": self.tr("Refused: %1 revision %2"),
        }
        line = texts.get(result.status, "%1 %2").replace("%1", result.entry.bundle_id).replace("%2", str(result.entry.revision))
        return f"{line}: {error_text(result.error)}" if result.error is not None else line

    def cancel(self) -> None:
        if self._task is not None:
            self._task.handle.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))

    def _on_synced(self, report) -> None:
        self._task = None
        for result in report.results:
            self.results.addItem(self.result_line(result))
        if report.level_change is not None:
            self.announce_level_change(report.level_change)
        self.reload()
        self.synced.emit(report)

    def _on_sync_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(exc, CancelledError):
            self.state.setText(self.tr("Sync cancelled; nothing half-done was kept."))
        else:
            self.state.setText(self.tr("The sync was refused: %1").replace("%1", error_text(exc)))
        self.run_task(_load, lambda data: self._show_status(data["status"]) if not isinstance(exc, CancelledError) else None)
        self.sync_failed.emit(exc)

    def announce_level_change(self, change) -> None:
        """A banner on the overview and, where a tray exists, a desktop notification."""
        text = level_change_text(change, self.ctx.language)
        self.ctx.level_change_announced.emit(text)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(QApplication.windowIcon(), self)
            self._tray.show()
            self._tray.showMessage(self.tr("New national threat level"), text, QSystemTrayIcon.MessageIcon.Warning, NOTIFICATION_MS)

    # --- automatic sync -----------------------------------------------------------------------

    def _arm_automatic(self) -> None:
        """Watch the network only when a sync may happen at all: Offline off, a feed set, automatic on."""
        if self._settings is None or not (self._settings.automatic and self.may_connect()):
            return
        if self._network is None:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend() or QNetworkInformation.instance() is None:
                log.info("no network information backend; automatic sync is off")
                self._network = False
                return
            self._network = QNetworkInformation.instance()
            self._network.reachabilityChanged.connect(self._on_reachability_changed)
            self._on_reachability_changed(self._network.reachability())

    def _on_reachability_changed(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability != QNetworkInformation.Reachability.Online:
            return
        if self._settings is None or not (self._settings.automatic and self.may_connect()):
            return
        if self._last_auto and time.monotonic() - self._last_auto < AUTO_SYNC_MIN_INTERVAL_S:
            return
        if self._status is not None and recently(self._status.last_attempt, AUTO_SYNC_MIN_INTERVAL_S):
            return  # also across restarts
        self._last_auto = time.monotonic()
        self.sync_now()
