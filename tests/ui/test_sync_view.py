"""The Sync page: a real sync from a server on 127.0.0.1, the level banner, cancel, and whole
sessions through every view with Offline on or no feed configured in which no network socket
may be created."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from reader.core.syncstate import SyncSettings, SyncState
from reader.core.trust import TrustStore
from reader.ui.window import VIEWS, MainWindow
from tests.helpers import bundles, feeds
from tests.helpers.views import LOAD_TIMEOUT_MS, show_and_wait


@pytest.fixture(scope="module")
def keys():
    return bundles.new_key(), bundles.new_key()  # publisher, feed


@pytest.fixture
def server():
    srv = feeds.FeedServer().start()
    yield srv
    srv.stop()


def _trust(library_dir: Path, keys) -> None:
    publisher, feed = keys
    trust = TrustStore(library_dir / "trust")
    trust.add(publisher.public.to_file(), name=bundles.PUBLISHER_NAME, role="publisher")
    trust.add(feed.public.to_file(), name="Testfeed", role="feed")


def _configure(library_dir: Path, urls: list[str], offline: bool, automatic: bool = True) -> None:
    state = SyncState(library_dir)
    state.set_settings(SyncSettings(urls, automatic=automatic, offline=offline))
    state.save()


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


class SocketGuard:
    """Replaces socket.socket for the process; records every AF_INET/AF_INET6 socket asked for."""

    def __init__(self, monkeypatch) -> None:
        self.inet: list[int] = []
        real = socket.socket
        guard = self

        class Guarded(real):
            def __init__(self, family=socket.AF_INET, *args, **kwargs):
                if family in (socket.AF_INET, socket.AF_INET6):
                    guard.inet.append(family)
                super().__init__(family, *args, **kwargs)

        monkeypatch.setattr(socket, "socket", Guarded)


def _walk_every_view(qtbot, window) -> None:
    for name, _module, _cls in VIEWS:
        show_and_wait(qtbot, window, name)


@pytest.mark.parametrize("configured", ["offline", "no-feed"])
def test_a_whole_session_opens_no_network_socket(qtbot, ctx, library_dir, monkeypatch, configured, server) -> None:
    if configured == "offline":
        _configure(library_dir, [server.url], offline=True)
    guard = SocketGuard(monkeypatch)
    window = _window(qtbot, ctx)
    _walk_every_view(qtbot, window)
    view = window.views["sync"]
    assert not view.sync_button.isEnabled()
    view.sync_now()  # refused: nothing starts
    assert view._task is None
    view.automatic.setChecked(False)
    view.automatic.setChecked(True)
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.reload()
    for name, _module, _cls in VIEWS:  # once more, each view as it is after a session
        window.show_view(name)
        qtbot.wait(20)
    assert view._network is None  # the network information backend was never loaded
    assert guard.inet == [] and server.requests == []
    # The guard itself works: a socket created now is seen.
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    assert guard.inet == [socket.AF_INET]


def test_sync_now_brings_a_new_level_with_a_banner(qtbot, dutch, ctx, library_dir, server, tmp_path, keys) -> None:
    publisher, feed_key = keys
    _trust(library_dir, keys)
    server.files = feeds.feed_files(tmp_path / "site", {"dtn.dtnb": feeds.edition(publisher, "dtn-2026-12", date="2026-11-20", level=4)},
                                    feed_key, created=feeds.NOW)
    window = _window(qtbot, ctx)
    show_and_wait(qtbot, window, "sync")
    view = window.views["sync"]
    view.automatic.setChecked(False)
    view.urls.setPlainText(server.url)
    view.save_button.click()
    qtbot.waitUntil(lambda: SyncState(library_dir).settings.urls == [server.url], timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(view.sync_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    overview = window.views["overview"]
    with qtbot.waitSignal(view.synced, timeout=LOAD_TIMEOUT_MS) as blocker:
        view.sync_button.click()
    report = blocker.args[0]
    assert report.count("imported") == 1, [r.line() for r in report.results]
    assert view.results.count() == 1 and "dtn-2026-12" in view.results.item(0).text()
    assert not overview.level_banner.isHidden()
    assert overview.level_banner_text.text() == "Het nationale dreigingsniveau is nu 4 (Substantieel)"
    with qtbot.waitSignal(overview.loaded, timeout=LOAD_TIMEOUT_MS):
        window.show_view("overview")
    assert "Laatst bijgewerkt" in overview.sync_label.text()
    qtbot.waitUntil(lambda: "Laatste synchronisatie" in view.state.text(), timeout=LOAD_TIMEOUT_MS)


def test_a_refused_sync_says_why_in_dutch(qtbot, dutch, ctx, library_dir, server, tmp_path, keys) -> None:
    from PySide6.QtCore import QLocale

    from reader.ui.i18n import locale_for

    previous = QLocale()
    QLocale.setDefault(locale_for("nl"))  # the app sets it with the language; error messages follow it
    publisher, feed_key = keys
    _trust(library_dir, keys)
    server.files = {}
    _configure(library_dir, [server.url], offline=False, automatic=False)
    window = _window(qtbot, ctx)
    show_and_wait(qtbot, window, "sync")
    view = window.views["sync"]
    with qtbot.waitSignal(view.sync_failed, timeout=LOAD_TIMEOUT_MS):
        view.sync_now()
    text = view.state.text()
    QLocale.setDefault(previous)
    assert text == f"De synchronisatie is geweigerd: {server.url}feed.json antwoordde met HTTP-status 404."


def test_network_up_syncs_automatically_at_most_once_per_interval(qtbot, ctx, library_dir, server, tmp_path, keys) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    publisher, feed_key = keys
    _trust(library_dir, keys)
    server.files = feeds.feed_files(tmp_path / "site", {"dtn.dtnb": feeds.edition(publisher, "dtn-2026-12", date="2026-11-20")},
                                    feed_key, created=feeds.NOW)
    _configure(library_dir, [server.url], offline=False, automatic=True)
    window = _window(qtbot, ctx)
    show_and_wait(qtbot, window, "sync")
    view = window.views["sync"]
    view._on_reachability_changed(QNetworkInformation.Reachability.Online)
    qtbot.waitUntil(lambda: view._task is None and server.count("dtn.dtnb") == 1, timeout=LOAD_TIMEOUT_MS)
    asked = len(server.requests)
    view._on_reachability_changed(QNetworkInformation.Reachability.Disconnected)
    view._on_reachability_changed(QNetworkInformation.Reachability.Online)  # again within the interval: nothing
    assert view._task is None and len(server.requests) == asked
    view.offline.setChecked(True)
    qtbot.waitUntil(lambda: SyncState(library_dir).settings.offline, timeout=LOAD_TIMEOUT_MS)
    view._last_auto = 0.0
    view._status = None
    view._on_reachability_changed(QNetworkInformation.Reachability.Online)  # Offline wins over everything
    assert view._task is None and len(server.requests) == asked
