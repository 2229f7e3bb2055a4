"""Sync over HTTP (a real server on 127.0.0.1 with faults) and from a feed folder.

Every refusal asserts the typed error, its message, and that the library (database
without the audit table, and the store) is byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from reader.core.errors import (
    CancelledError,
    DownloadError,
    DownloadTooLargeError,
    FeedExpiredError,
    FeedMismatchError,
    FeedRollbackError,
    KeyRoleError,
    OfflineError,
    RedirectRefusedError,
    SlowDownloadError,
    UnknownKeyError,
)
from reader.core.feed import FEED_NAME, FEED_SIGNATURE_NAME, FeedEntry, build_feed
from reader.core.library import Library
from reader.core.sync import fetch_to_folder, sync_library
from reader.core.syncstate import SyncSettings, SyncState
from reader.core.transport import FolderSource, HttpSource, HttpxFetcher, SyncLimits
from reader.core.trust import TrustStore
from tests.helpers import bundles, feeds

LIMITS = SyncLimits(min_rate_bytes_per_s=2000, rate_window_s=0.5, read_timeout_s=5, total_deadline_s=60)


def at(days: float = 0.0):
    return lambda: feeds.NOW + timedelta(days=days, hours=1)


@pytest.fixture(scope="module")
def feed_key():
    return bundles.new_key()


@pytest.fixture(scope="module")
def june(publisher_key) -> bytes:
    return feeds.edition(publisher_key, "dtn-2024-06", date="2024-06-11", level=3)


@pytest.fixture(scope="module")
def december(publisher_key) -> bytes:
    return feeds.edition(publisher_key, "dtn-2024-12", date="2024-12-10", level=4)


@pytest.fixture
def lib(tmp_path: Path, publisher_key, feed_key):
    folder = tmp_path / "library"
    trust = bundles.make_trust_store(folder / "trust", publisher_key)
    trust.add(feed_key.public.to_file(), name="Testfeed", role="feed")
    with Library.open(folder, trust=trust) as library:
        yield library


@pytest.fixture
def server():
    srv = feeds.FeedServer().start()
    yield srv
    srv.stop()


def publish(server: feeds.FeedServer, tmp_path: Path, key, editions: dict[str, bytes], **kw) -> dict[str, bytes]:
    folder = tmp_path / f"site-{len(server.files)}-{kw.get('version', 1)}"
    server.files = feeds.feed_files(folder, editions, key, **kw)
    return server.files


def run(lib, target, now=at(), limits=LIMITS, **kw):
    return sync_library(lib, target, limits=limits, fetcher_factory=lambda: HttpxFetcher(limits), now=now, **kw)


def dump(lib: Library) -> tuple[list[str], dict[str, str]]:
    lines = [line for line in lib.db.conn.iterdump() if not line.startswith('INSERT INTO "audit"')]
    store = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(lib.store.folder.iterdir())} if lib.store.folder.is_dir() else {}
    return lines, store


def remembered(lib: Library) -> dict:
    return SyncState(lib.folder).data.get("feeds", {})


def test_sync_imports_then_an_unchanged_feed_costs_one_conditional_request(lib, server, tmp_path, feed_key, june, december) -> None:
    publish(server, tmp_path, feed_key, {"2024/juni.dtnb": june, "2024/december.dtnb": december})
    report = run(lib, server.url)
    assert report.ok and report.count("imported") == 2
    assert [e.bundle_id for e in lib.editions()] == ["dtn-2024-12", "dtn-2024-06"]
    assert report.level_change and (report.level_change.old_value, report.level_change.new_value) == (None, 4)
    assert server.requests[0].headers["user-agent"].startswith("DTN-Reader/")
    assert server.requests[0].headers["accept-encoding"] == "identity"
    server.requests.clear()
    again = run(lib, server.url)
    assert again.not_modified and again.ok and again.count("present") == 2 and again.level_change is None
    assert [(r.path, r.status) for r in server.requests] == [(FEED_NAME, 304)]
    assert "if-none-match" in server.requests[0].headers and "if-modified-since" in server.requests[0].headers
    assert server.body_bytes == 0
    assert SyncState(lib.folder).status(at()()).last_success is not None


def test_a_new_level_is_reported_with_old_and_new(lib, server, tmp_path, feed_key, june, december) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    assert run(lib, server.url).level_change.new_value == 3
    publish(server, tmp_path, feed_key, {"juni.dtnb": june, "december.dtnb": december}, version=2)
    change = run(lib, server.url).level_change
    assert (change.old_value, change.old_label, change.new_value, change.new_label) == (3, "Aanzienlijk", 4, "Substantieel")


@pytest.mark.parametrize(("fault", "error", "message"), [
    ("404", DownloadError, "answered HTTP 404"),
    ("500", DownloadError, "answered HTTP 500"),
    ("endless", DownloadTooLargeError, "sent more than 1048576 bytes"),
    ("gzip-bomb", DownloadError, "Content-Encoding 'gzip'"),
    ("drip", SlowDownloadError, "slower than the minimum of 2000 bytes per second"),
    ("redirect-host", RedirectRefusedError, "another host or scheme"),
    ("redirect-scheme", RedirectRefusedError, "another host or scheme"),
])
def test_feed_faults_are_refused_and_change_nothing(lib, server, tmp_path, feed_key, june, fault, error, message) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    server.faults[FEED_NAME] = fault
    before = dump(lib)
    with pytest.raises(error, match=message):
        run(lib, server.url)
    assert dump(lib) == before and remembered(lib) == {}
    assert SyncState(lib.folder).status().last_ok is False


@pytest.mark.parametrize(("fault", "error", "code"), [
    ("truncate", DownloadError, "download-truncated"),
    ("extra", FeedMismatchError, "feed-size-mismatch"),
    ("extra-chunked", DownloadTooLargeError, "download-too-large"),
    ("404", DownloadError, "download-status"),
    ("redirect-host", RedirectRefusedError, "download-redirect"),
])
def test_bundle_faults_are_refused_and_leave_no_half_bundle(lib, server, tmp_path, feed_key, june, fault, error, code) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    server.faults["juni.dtnb"] = fault
    before = dump(lib)
    report = run(lib, server.url)
    [result] = report.results
    assert not report.ok and result.status == "failed" and isinstance(result.error, error) and result.error.code == code
    assert dump(lib) == before
    assert not [p for p in lib.store.folder.iterdir() if p.name.startswith(".tmp")]


def test_a_redirect_on_the_same_site_is_followed(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    server.faults["juni.dtnb"] = "redirect-same"
    assert run(lib, server.url).count("imported") == 1


def test_an_interrupted_download_resumes_with_range(lib, server, tmp_path, feed_key, publisher_key) -> None:
    big = feeds.edition(publisher_key, "dtn-2025-06", date="2025-06-10", pad=300_000)
    publish(server, tmp_path, feed_key, {"groot.dtnb": big})
    server.faults["groot.dtnb"] = "interrupt-once"
    report = run(lib, server.url)
    assert report.count("imported") == 1, report.results[0].error
    gets = [r for r in server.requests if r.path == "groot.dtnb"]
    assert len(gets) == 2 and gets[1].headers["range"] == f"bytes={len(big) // 2}-" and gets[1].status == 206
    assert sum(r.body_bytes for r in gets) == len(big)  # nothing fetched twice
    assert lib.store.has(hashlib.sha256(big).hexdigest())


def test_feed_rollback_and_same_version_with_other_bytes(lib, server, tmp_path, feed_key, june, december) -> None:
    old = dict(publish(server, tmp_path, feed_key, {"juni.dtnb": june}, version=1))
    run(lib, server.url)
    publish(server, tmp_path, feed_key, {"juni.dtnb": june, "december.dtnb": december}, version=2)
    run(lib, server.url)
    before, state = dump(lib), remembered(lib)
    server.files = old
    with pytest.raises(FeedRollbackError, match="version 1 is older than version 2"):
        run(lib, server.url)
    publish(server, tmp_path, feed_key, {"december.dtnb": december}, version=2)
    with pytest.raises(FeedRollbackError, match="version 2 was accepted before with other content") as exc:
        run(lib, server.url)
    assert exc.value.code == "feed-rollback-same-version"
    assert dump(lib) == before and remembered(lib) == state


def test_an_expired_feed_is_refused_and_reported_stale(lib, server, tmp_path, feed_key, june, december) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june}, expires_days=7)
    run(lib, server.url)
    publish(server, tmp_path, feed_key, {"juni.dtnb": june, "december.dtnb": december}, version=2, expires_days=7)
    before = dump(lib)
    with pytest.raises(FeedExpiredError, match="expired on 2026-12-08T08:00:00Z") as exc:
        run(lib, server.url, now=at(10))
    assert exc.value.params["expired_at"] == "2026-12-08T08:00:00Z"
    assert dump(lib) == before
    status = SyncState(lib.folder).status(at(10)())
    assert status.stale_since == "2026-12-08T08:00:00Z" and status.last_code == "feed-expired-on"
    assert [e.bundle_id for e in lib.editions()] == ["dtn-2024-06"]  # what is stored stays readable


def test_bundle_bytes_replaced_behind_an_unchanged_feed(lib, server, tmp_path, feed_key, publisher_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    before = dump(lib)
    server.files["juni.dtnb"] = feeds.edition(publisher_key, "dtn-2024-06", date="2024-06-11", level=5)  # other size
    [result] = run(lib, server.url).results
    assert isinstance(result.error, FeedMismatchError) and result.error.code == "feed-size-mismatch"
    assert f"its feed entry declares {len(june)}" in str(result.error)
    server.files["juni.dtnb"] = june[:-40] + bytes([june[-40] ^ 1]) + june[-39:]  # same size, other bytes
    [result] = run(lib, server.url).results
    assert isinstance(result.error, FeedMismatchError) and "does not match its feed entry" in str(result.error)
    assert dump(lib) == before


def test_an_entry_that_disagrees_with_its_manifest(lib, server, tmp_path, feed_key, june) -> None:
    real = feeds.feed_files(tmp_path / "site", {"juni.dtnb": june}, feed_key)
    sha = hashlib.sha256(june).hexdigest()
    lying = FeedEntry("dtn-2024-06", bundles.PUBLISHER_NAME, "2024-06-11", 7, "juni.dtnb", sha, len(june))
    data, sig = build_feed([lying], feed_key, version=1, created=feeds.NOW)
    server.files = {**real, FEED_NAME: data, FEED_SIGNATURE_NAME: sig}
    before = dump(lib)
    [result] = run(lib, server.url).results
    assert isinstance(result.error, FeedMismatchError) and result.error.code == "feed-entry-mismatch"
    assert "the feed says dtn-2024-06 revision 7" in str(result.error)
    assert dump(lib) == before


def test_a_feed_signed_by_a_publisher_key(lib, server, tmp_path, publisher_key, june) -> None:
    publish(server, tmp_path, publisher_key, {"juni.dtnb": june})
    before = dump(lib)
    with pytest.raises(KeyRoleError, match="not for feed signatures"):
        run(lib, server.url)
    assert dump(lib) == before


def test_a_listed_bundle_signed_by_an_untrusted_key_is_refused_once(lib, server, tmp_path, feed_key, other_key) -> None:
    stranger = feeds.edition(other_key, "dtn-2025-01", date="2025-01-10")
    publish(server, tmp_path, feed_key, {"vreemd.dtnb": stranger})
    before = dump(lib)
    report = run(lib, server.url)
    assert isinstance(report.results[0].error, UnknownKeyError) and not report.ok
    assert dump(lib) == before
    # Not downloaded again while the trust store is the same; tried again once a key is added.
    server.requests.clear()
    assert run(lib, server.url).results[0].status == "skipped" and server.count("vreemd.dtnb") == 0
    lib.trust.add(other_key.public.to_file(), name="Ander", role="publisher")
    assert run(lib, server.url).count("imported") == 1


def test_first_mirror_down_second_serving(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    down = socket.socket()
    down.bind(("127.0.0.1", 0))
    port = down.getsockname()[1]
    down.close()  # nothing listens there now
    report = run(lib, f"http://127.0.0.1:{port}/feed/", mirrors=[server.url])
    assert report.count("imported") == 1


def test_key_rotation_resets_the_remembered_version(lib, server, tmp_path, feed_key, june, december) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june}, version=50)
    run(lib, server.url)
    new_key = bundles.new_key()
    lib.trust.revoke(feed_key.key_id_hex, "rotated")
    lib.trust.add(new_key.public.to_file(), name="Nieuwe feed", role="feed")
    publish(server, tmp_path, new_key, {"juni.dtnb": june, "december.dtnb": december}, version=1)
    assert run(lib, server.url).count("imported") == 1
    assert remembered(lib)[new_key.key_id_hex]["version"] == 1


def test_thousand_entries_one_new_edition_downloads_only_that_one(lib, server, tmp_path, feed_key, publisher_key, monkeypatch) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is not under test; 3,000 fsyncs would be most of the time
    editions = {f"e/{i:04d}.dtnb": feeds.edition(publisher_key, f"dtn-{i:04d}", date="2024-06-11", small=True)
                for i in range(1000)}
    new = editions.pop("e/0999.dtnb")
    publish(server, tmp_path, feed_key, editions)
    folder = tmp_path / "first"
    feeds.feed_files(folder, editions, feed_key)
    assert run(lib, str(folder)).count("imported") == 999  # the first 999 from a folder, as a USB stick would
    publish(server, tmp_path, feed_key, {**editions, "e/0999.dtnb": new}, version=2)
    server.requests.clear()
    report = run(lib, server.url)
    assert report.count("imported") == 1 and report.count("present") == 999
    assert [r.path for r in server.requests] == [FEED_NAME, FEED_SIGNATURE_NAME, "e/0999.dtnb"]


def test_folder_source_applies_the_same_checks(lib, tmp_path, feed_key, june, december) -> None:
    folder = tmp_path / "usb"
    feeds.feed_files(folder, {"juni.dtnb": june, "december.dtnb": december}, feed_key, version=3)
    assert run(lib, str(folder)).count("imported") == 2
    older = tmp_path / "usb-old"
    feeds.feed_files(older, {"juni.dtnb": june}, feed_key, version=2)
    with pytest.raises(FeedRollbackError):
        run(lib, str(older))
    (folder / "december.dtnb").write_bytes(june)  # replaced on the stick
    feeds.feed_files(folder, {"juni.dtnb": june}, feed_key, version=4)
    (folder / "juni.dtnb").unlink()
    (folder / "juni.dtnb").symlink_to(tmp_path / "usb-old" / "juni.dtnb")
    [result] = run(lib, str(folder)).results
    assert result.status == "present"  # already held: nothing read at all


def test_fetch_writes_a_verified_folder_that_another_library_imports(lib, server, tmp_path, feed_key, publisher_key, june, december) -> None:
    stranger = feeds.edition(bundles.new_key(), "dtn-2025-01", date="2025-01-10")
    publish(server, tmp_path, feed_key, {"juni.dtnb": june, "december.dtnb": december, "vreemd.dtnb": stranger})
    server.faults["december.dtnb"] = "extra"
    dest = tmp_path / "stick"
    bundles.write(dest / ".tmp-part-0123", b"half a bundle from an interrupted fetch")
    source = HttpSource([server.url], HttpxFetcher(LIMITS))
    report = fetch_to_folder(source, dest, lib.trust, limits=LIMITS, now=at())
    assert {r.entry.path: r.status for r in report.results} == {"december.dtnb": "failed", "juni.dtnb": "fetched", "vreemd.dtnb": "failed"}
    assert sorted(p.name for p in dest.iterdir()) == [FEED_NAME, FEED_SIGNATURE_NAME, "juni.dtnb"]  # nothing unverified
    assert run(lib, str(dest)).count("imported") == 1


def test_offline_opens_no_socket(lib, server, tmp_path, feed_key, june, monkeypatch) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    state = SyncState(lib.folder)
    state.set_settings(SyncSettings([server.url], automatic=True, offline=True))
    state.save()
    opened = []
    real = socket.socket

    def guard(family=-1, *a, **kw):
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            opened.append(family)
        return real(family, *a, **kw)

    monkeypatch.setattr(socket, "socket", guard)
    with pytest.raises(OfflineError, match="set to Offline"):
        run(lib, server.url)
    assert opened == [] and server.requests == []


def test_cancel_stops_and_leaves_nothing(lib, server, tmp_path, feed_key, publisher_key) -> None:
    big = feeds.edition(publisher_key, "dtn-2025-06", date="2025-06-10", pad=400_000)
    publish(server, tmp_path, feed_key, {"groot.dtnb": big})
    cancel = threading.Event()
    before = dump(lib)
    with pytest.raises(CancelledError):
        run(lib, server.url, progress=lambda done, total: cancel.set(), cancel=cancel)
    assert dump(lib) == before
    assert not [p for p in lib.store.folder.iterdir() if p.name.startswith(".tmp")]


def test_state_survives_rebuild_and_a_damaged_state_is_not_ignored(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june}, version=4)
    run(lib, server.url)
    lib.rebuild()
    assert remembered(lib)[feed_key.key_id_hex]["version"] == 4
    (lib.folder / "sync" / "state.json").write_text("{not json")
    with pytest.raises(Exception, match="sync state .* is damaged"):
        run(lib, server.url)


def test_state_file_is_json_with_the_remembered_fields(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june}, version=4)
    run(lib, server.url)
    data = json.loads((lib.folder / "sync" / "state.json").read_text())
    record = data["feeds"][feed_key.key_id_hex]
    assert record["version"] == 4 and record["created"] == "2026-12-01T08:00:00Z" and len(record["sha256"]) == 64
    assert data["validators"][server.url + FEED_NAME]["etag"].startswith('"')


def test_trust_store_of_an_other_library_is_used(tmp_path, feed_key, june, server) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    with Library.open(tmp_path / "empty", trust=TrustStore(tmp_path / "empty" / "trust")) as empty:
        with pytest.raises(UnknownKeyError):
            run(empty, server.url)


def test_folder_source_refuses_a_linked_feed(tmp_path, feed_key, june, lib) -> None:
    real = tmp_path / "real"
    feeds.feed_files(real, {"juni.dtnb": june}, feed_key)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / FEED_NAME).symlink_to(real / FEED_NAME)
    (stick / FEED_SIGNATURE_NAME).symlink_to(real / FEED_SIGNATURE_NAME)
    with pytest.raises(DownloadError, match="symbolic link"):
        run(lib, FolderSource(stick))


def test_a_second_sync_of_the_same_library_waits_its_turn(lib, server, tmp_path, feed_key, june) -> None:
    from reader.core.errors import SyncBusyError
    from reader.core.syncstate import sync_lock

    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    before = dump(lib)
    with sync_lock(lib.folder):  # another window or a 'dtn sync' holds the library's sync lock
        with pytest.raises(SyncBusyError, match="another sync of this library is running"):
            run(lib, server.url)
    assert dump(lib) == before and server.requests == []
    assert run(lib, server.url).count("imported") == 1  # and once it is free, the sync runs


# --- refusals before the import are audit rows; the window's import of a feed folder ---------------


def _audit(lib: Library) -> list:
    return [e for e in lib.audit() if e.result == "rejected"]


def test_a_refused_feed_is_an_audit_row_with_its_code(lib, tmp_path, feed_key, june, december) -> None:
    folder = tmp_path / "usb"
    feeds.feed_files(folder, {"juni.dtnb": june, "december.dtnb": december}, feed_key, version=3)
    run(lib, str(folder))
    older = tmp_path / "usb-old"
    feeds.feed_files(older, {"juni.dtnb": june}, feed_key, version=2)
    with pytest.raises(FeedRollbackError):
        run(lib, str(older))
    [row] = _audit(lib)
    assert (row.source, row.error_type, row.error_code) == (str(older), "FeedRollbackError", "feed-rollback-version")
    assert row.error_params == {"version": 2, "accepted": 3} and "rollback" in row.reason


def test_a_download_that_fails_its_entry_is_an_audit_row(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    server.faults["juni.dtnb"] = "extra"
    run(lib, server.url)
    [row] = _audit(lib)
    assert (row.error_code, row.bundle_id, row.revision) == ("feed-size-mismatch", "dtn-2024-06", 1)
    assert row.source.endswith("/juni.dtnb") and row.sha256 == hashlib.sha256(june).hexdigest()


@pytest.mark.parametrize("fault", ["404", "500", "truncate"])
def test_transport_trouble_is_no_audit_row(lib, server, tmp_path, feed_key, june, fault) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    server.faults["juni.dtnb"] = fault
    assert not run(lib, server.url).ok
    server.faults = {FEED_NAME: fault} if fault != "truncate" else {}
    if fault != "truncate":
        with pytest.raises(DownloadError):
            run(lib, server.url + "/other/")
    assert _audit(lib) == []


def test_offline_is_no_audit_row(lib, server, tmp_path, feed_key, june) -> None:
    publish(server, tmp_path, feed_key, {"juni.dtnb": june})
    state = SyncState(lib.folder)
    state.set_settings(SyncSettings(offline=True))
    state.save()
    with pytest.raises(OfflineError):
        run(lib, server.url)
    assert _audit(lib) == []


def test_the_windows_import_takes_a_feed_folder_with_its_checks(lib, tmp_path, feed_key, june, december, publisher_key) -> None:
    from reader.core.sync import import_paths

    folder = tmp_path / "usb"
    feeds.feed_files(folder, {"juni.dtnb": june, "december.dtnb": december}, feed_key, version=3)
    loose = tmp_path / "loose.dtnb"
    bundles.write(loose, feeds.edition(publisher_key, "dtn-2025-06", date="2025-06-10", level=4))
    results = import_paths(lib, [folder, loose])
    assert [(r.source, r.status, r.bundle_id) for r in results] == [
        (f"{folder}/december.dtnb", "imported", "dtn-2024-12"),
        (f"{folder}/juni.dtnb", "imported", "dtn-2024-06"),
        (str(loose), "imported", "dtn-2025-06"),
    ]
    # Taken as a feed: its version is remembered, so an older stick is a rollback.
    assert [record["version"] for record in remembered(lib).values()] == [3]
    # The same folder again: up to date, one line per entry.
    assert [r.status for r in import_paths(lib, [folder])] == ["present", "present"]
    # An older feed on another stick is refused as a whole, with nothing imported from it,
    # although a plain folder import would take its bundle (it is present, not older).
    older = tmp_path / "usb-old"
    other = feeds.edition(publisher_key, "dtn-2023-12", date="2023-12-12", level=4)
    feeds.feed_files(older, {"dec23.dtnb": other}, feed_key, version=2)
    before = dump(lib)
    [refused] = import_paths(lib, [older])
    assert (refused.source, refused.status, refused.error_code) == (str(older), "rejected", "feed-rollback-version")
    assert dump(lib) == before


def test_the_windows_import_reports_a_stick_bundle_that_does_not_match_its_entry(lib, tmp_path, feed_key, june, december) -> None:
    from reader.core.sync import import_paths

    folder = tmp_path / "usb"
    feeds.feed_files(folder, {"juni.dtnb": june, "december.dtnb": december}, feed_key)
    (folder / "december.dtnb").write_bytes(december[:-1] + bytes([december[-1] ^ 1]))  # altered on the stick after the feed was signed
    before = dump(lib)
    dec, juni = import_paths(lib, [folder])
    assert (juni.status, dec.status, dec.error_code) == ("imported", "rejected", "feed-hash-mismatch")
    assert dec.bundle_id == "dtn-2024-12" and dec.source == f"{folder}/december.dtnb"
    assert [e.bundle_id for e in lib.editions()] == ["dtn-2024-06"] and dump(lib) != before
    assert [r.error_code for r in _audit(lib)] == ["feed-hash-mismatch"]
