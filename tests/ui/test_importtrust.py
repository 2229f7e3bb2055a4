"""The Import and trust view over the real demo library: verified import with a report, keys, audit log."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reader.core.errors import CancelledError
from reader.core.library import Changes, Library
from reader.core.minisign import SecretKey
from reader.ui.views import importtrust
from reader.ui.views.importtrust import ImportTrustView
from tests.helpers import bundles

# The offscreen platform plugin says this whenever a top-level window is shown; it is not ours.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

TEST_SIGNER = "Testuitgever"
BUNDLE_ID = "voorbeeld-2026-06"
CHAPTER = "chapters/01-dreigingsniveau.md"

COL_RESULT, COL_EDITION, COL_BUNDLE, COL_SIGNER, COL_FILES, COL_REASON, COL_SOURCE = range(7)
AUDIT_RESULT, AUDIT_BUNDLE, AUDIT_REASON = 1, 2, 3
KEY_NAME, KEY_ROLE, KEY_ID, KEY_STATUS, KEY_MARKINGS = range(5)


@pytest.fixture(scope="module")
def test_key() -> SecretKey:
    return SecretKey.generate()


@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory, test_key) -> bytes:
    """The ``dtn init`` example edition, built and signed with the test key."""
    return bundles.build_example(tmp_path_factory.mktemp("source") / "src", test_key)


@pytest.fixture
def trusted(library_dir, test_key) -> Path:
    """The library with the test key added to its trust store."""
    with Library.open(library_dir) as lib:
        lib.trust.add(test_key.public.to_file(), name=TEST_SIGNER, role="publisher", publisher="Voorbeeldredactie")
    return library_dir


@pytest.fixture
def valid_path(tmp_path, valid_bytes) -> Path:
    return bundles.write(tmp_path / "valid" / "voorbeeld.dtnb", valid_bytes)


@pytest.fixture
def tampered_path(tmp_path, valid_bytes) -> Path:
    """The same bundle with one byte of a chapter flipped (manifest and signature untouched)."""
    chapter = bytearray(bundles.members_of(valid_bytes)[CHAPTER])
    chapter[10] ^= 0x01
    return bundles.write(tmp_path / "tampered" / "voorbeeld-gewijzigd.dtnb", bundles.replace_member(valid_bytes, CHAPTER, bytes(chapter)))


@pytest.fixture
def view(qtbot, ctx, trusted) -> ImportTrustView:
    widget = ImportTrustView(ctx)
    qtbot.addWidget(widget)
    widget.show()  # as in the window: a hidden view only marks itself stale on a change
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.activate()
    return widget


def _import(qtbot, view: ImportTrustView, paths) -> list:
    """Import through the view's own entry point and wait for the report and the refreshed log."""
    with qtbot.waitSignal(view.imported, timeout=20_000) as blocker, qtbot.waitSignal(view.loaded, timeout=20_000):
        assert view.import_paths(paths)
    return blocker.args[0]


@contextmanager
def _broadcasts(ctx):
    """The Changes values ctx.library_changed broadcast inside the block."""
    told: list = []
    ctx.library_changed.connect(told.append)
    try:
        yield told
    finally:
        ctx.library_changed.disconnect(told.append)


def _cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def _key_row(view: ImportTrustView, name: str) -> int:
    for row in range(view.keys_table.rowCount()):
        if _cell(view.keys_table, row, KEY_NAME) == name:
            return row
    raise AssertionError(f"no key {name!r} listed")


def test_import_a_valid_bundle_shows_the_report_and_a_new_audit_row(qtbot, ctx, view, valid_path, test_key):
    audit_rows = view.audit_table.rowCount()
    with qtbot.waitSignal(ctx.library_changed, timeout=20_000):
        results = _import(qtbot, view, [valid_path])
    assert [r.status for r in results] == ["imported"]
    table = view.report_table
    assert table.rowCount() == 1
    assert _cell(table, 0, COL_RESULT) == "Imported"
    assert not table.item(0, COL_RESULT).icon().isNull()
    # The example edition is demonstration content: marked DEMO wherever it appears.
    assert _cell(table, 0, COL_EDITION) == "Voorbeeldeditie juni 2026 [DEMO]"
    assert _cell(table, 0, COL_BUNDLE) == f"{BUNDLE_ID} revision 1"
    assert _cell(table, 0, COL_SIGNER) == f"{TEST_SIGNER} ({test_key.key_id_hex})"
    assert int(_cell(table, 0, COL_FILES)) == results[0].files_checked > 0
    assert _cell(table, 0, COL_SOURCE) == str(valid_path)
    assert "1 imported, 0 already present, 0 rejected" in view.summary_label.text()
    assert "Signature valid" in view.details.toPlainText()
    # The audit log gained a row, newest first.
    assert view.audit_table.rowCount() == audit_rows + 1
    assert _cell(view.audit_table, 0, AUDIT_RESULT) == "Imported"
    assert _cell(view.audit_table, 0, AUDIT_BUNDLE) == f"{BUNDLE_ID} revision 1 [DEMO]"
    with Library.open(ctx.library_dir) as lib:
        assert lib.edition(BUNDLE_ID).signer_name == TEST_SIGNER


def test_a_tampered_bundle_is_rejected_naming_the_altered_file(qtbot, ctx, view, tampered_path):
    with Library.open(ctx.library_dir) as lib:
        before = [e.key for e in lib.editions()]
    with _broadcasts(ctx) as told:
        results = _import(qtbot, view, [tampered_path])
    assert told == [Changes(audit=True)]  # a rejection adds an audit row and touches no edition
    assert [r.status for r in results] == ["rejected"]
    assert _cell(view.report_table, 0, COL_RESULT) == "Rejected"
    reason = _cell(view.report_table, 0, COL_REASON)
    assert CHAPTER in reason and "altered" in reason
    assert _cell(view.audit_table, 0, AUDIT_RESULT) == "Rejected"
    assert CHAPTER in _cell(view.audit_table, 0, AUDIT_REASON)
    with Library.open(ctx.library_dir) as lib:
        assert [e.key for e in lib.editions()] == before


def test_importing_the_same_file_again_says_already_present(qtbot, ctx, view, valid_path):
    _import(qtbot, view, [valid_path])
    with _broadcasts(ctx) as told:
        results = _import(qtbot, view, [valid_path])
    assert told == [Changes(audit=True)]  # only an audit row: the views of editions stay as they are
    assert [r.status for r in results] == ["present"]
    assert _cell(view.report_table, 0, COL_RESULT) == "Already present"
    assert _cell(view.report_table, 0, COL_BUNDLE) == f"{BUNDLE_ID} revision 1"
    assert _cell(view.report_table, 0, COL_EDITION) == "Voorbeeldeditie juni 2026 [DEMO]"
    assert _cell(view.audit_table, 0, AUDIT_RESULT) == "Already present"


def test_import_a_folder_with_a_valid_and_a_tampered_bundle(qtbot, view, tmp_path, valid_bytes, tampered_path):
    stick = tmp_path / "usb"
    bundles.write(stick / "a" / "voorbeeld.dtnb", valid_bytes)
    bundles.write(stick / "b" / "gewijzigd.dtnb", tampered_path.read_bytes())
    (stick / "leesmij.txt").write_text("geen bundel")
    results = _import(qtbot, view, [stick])
    assert sorted((Path(r.source).name, r.status) for r in results) == [("gewijzigd.dtnb", "rejected"), ("voorbeeld.dtnb", "imported")]
    words = sorted(_cell(view.report_table, row, COL_RESULT) for row in range(view.report_table.rowCount()))
    assert words == ["Imported", "Rejected"]
    assert "1 imported, 0 already present, 1 rejected" in view.summary_label.text()


def test_trusted_keys_list_the_demo_key_and_the_test_key(view, test_key):
    demo = _key_row(view, "DTN Reader demokey (alleen demonstratie)")
    markings = _cell(view.keys_table, demo, KEY_MARKINGS)
    assert "DEMO" in markings and "built-in" in markings
    row = _key_row(view, TEST_SIGNER)
    assert _cell(view.keys_table, row, KEY_ID) == test_key.key_id_hex
    assert _cell(view.keys_table, row, KEY_ROLE) == "publisher for Voorbeeldredactie"
    assert _cell(view.keys_table, demo, KEY_ROLE) == "publisher for DTN Reader demo (geen NCTV-publicatie)"
    assert _cell(view.keys_table, row, KEY_STATUS) == "Trusted"
    assert "DEMO" not in _cell(view.keys_table, row, KEY_MARKINGS)
    view.keys_table.selectRow(row)
    assert view.fingerprint_view.text() == test_key.public.fingerprint
    assert view.revoke_button.isEnabled()


def test_revoking_the_test_key_hides_its_edition_without_deleting_it(qtbot, ctx, view, valid_path, test_key, monkeypatch):
    _import(qtbot, view, [valid_path])
    view.tabs.setCurrentIndex(1)
    view.keys_table.selectRow(_key_row(view, TEST_SIGNER))
    shown = {}

    def confirm(dialog: QDialog) -> int:
        shown["text"] = " ".join(label.text() for label in dialog.findChildren(importtrust.QLabel))
        dialog.reason_edit.setText("sleutel uitgelekt")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(importtrust.RevokeDialog, "exec", confirm)
    with qtbot.waitSignals([view.trust_changed, ctx.library_changed, view.loaded], timeout=20_000):
        qtbot.mouseClick(view.revoke_button, Qt.MouseButton.LeftButton)
    assert "hidden, not deleted" in shown["text"] and "1 edition(s)" in shown["text"]
    row = _key_row(view, TEST_SIGNER)
    status = _cell(view.keys_table, row, KEY_STATUS)
    assert status.startswith("REVOKED on ") and status.endswith(": sleutel uitgelekt")
    assert not view.revoke_button.isEnabled()
    with Library.open(ctx.library_dir) as lib:
        assert BUNDLE_ID not in [e.bundle_id for e in lib.editions()]
        hidden = [e for e in lib.editions(include_hidden=True) if e.bundle_id == BUNDLE_ID]
        assert len(hidden) == 1
        assert "sleutel uitgelekt" in hidden[0].hidden_reason and test_key.key_id_hex in hidden[0].hidden_reason
        assert lib.trust.get(test_key.key_id_hex).revoked


def test_a_cancelled_revocation_changes_nothing(qtbot, ctx, view, test_key, monkeypatch):
    view.keys_table.selectRow(_key_row(view, TEST_SIGNER))
    monkeypatch.setattr(importtrust.RevokeDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    with qtbot.assertNotEmitted(ctx.library_changed, wait=200):
        qtbot.mouseClick(view.revoke_button, Qt.MouseButton.LeftButton)
    with Library.open(ctx.library_dir) as lib:
        assert not lib.trust.get(test_key.key_id_hex).revoked


@pytest.mark.parametrize("role", ["publisher", "feed"])
def test_add_a_key_after_comparing_its_fingerprint(qtbot, ctx, view, tmp_path, monkeypatch, role):
    new_key = SecretKey.generate()
    pub = tmp_path / "uitgever.pub"
    pub.write_bytes(new_key.public.to_file())
    monkeypatch.setattr(importtrust.QFileDialog, "getOpenFileName", lambda *a, **k: (str(pub), ""))
    seen = {}

    def confirm(dialog: importtrust.AddKeyDialog) -> int:
        seen["fingerprint"] = dialog.fingerprint_edit.text()
        seen["key_id"] = dialog.key_id_edit.text()
        seen["groups"] = dialog.groups_label.text()
        seen["enabled_before"] = dialog.add_button.isEnabled()
        dialog.compared_check.setChecked(True)
        seen["enabled_without_publisher"] = dialog.add_button.isEnabled()  # a publisher key needs its publisher
        dialog.publisher_edit.setText("NCTV")
        seen["enabled_after"] = dialog.add_button.isEnabled()
        dialog.name_edit.setText("Nieuwe uitgever")
        if role == "feed":
            dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("feed"))
            seen["publisher_enabled_for_feed"] = dialog.publisher_edit.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(importtrust.AddKeyDialog, "exec", confirm)
    with qtbot.waitSignals([view.trust_changed, view.loaded], timeout=20_000):
        qtbot.mouseClick(view.add_key_button, Qt.MouseButton.LeftButton)
    fp = new_key.public.fingerprint
    assert seen == {
        "fingerprint": fp,
        "groups": " ".join(fp[i:i + 4] for i in range(0, len(fp), 4)),
        "key_id": new_key.key_id_hex,
        "enabled_before": False,
        "enabled_without_publisher": False,
        "enabled_after": True,
        **({"publisher_enabled_for_feed": False} if role == "feed" else {}),
    }
    row = _key_row(view, "Nieuwe uitgever")
    assert _cell(view.keys_table, row, KEY_ROLE) == ("publisher for NCTV" if role == "publisher" else "feed")
    with Library.open(ctx.library_dir) as lib:
        key = lib.trust.get(new_key.key_id_hex)
        assert key is not None and key.role == role and key.name == "Nieuwe uitgever"
        assert key.source == str(pub)
        assert (key.publisher, key.unbound) == (("NCTV", False) if role == "publisher" else ("", True))
        [added] = [a for a in lib.audit() if a.result == "key added" and new_key.key_id_hex in (a.signer or "")]
        assert added.reason == f"fingerprint {fp}, from {pub}"


def _mime(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def test_drag_and_drop_of_local_files_imports_them(qtbot, view, valid_path):
    mime = _mime(QUrl.fromLocalFile(str(valid_path)))
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(view.imported, timeout=20_000) as blocker:
        QApplication.sendEvent(view, drop)
    assert drop.isAccepted()
    assert [r.status for r in blocker.args[0]] == ["imported"]
    assert _cell(view.report_table, 0, COL_RESULT) == "Imported"


def test_drag_of_remote_urls_is_refused(qtbot, view):
    mime = _mime(QUrl("https://example.org/editie.dtnb"))
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.assertNotEmitted(view.imported, wait=200):
        QApplication.sendEvent(view, drop)
    assert not view.is_importing()


def test_cancel_stops_the_import(qtbot, ctx, view, valid_path):
    # Hold the single write thread so the import is still queued when Cancel is pressed.
    release = threading.Event()
    ctx.tasks.submit(lambda lib, handle: release.wait(10), write=True)
    assert view.import_paths([valid_path])
    assert not view.cancel_button.isHidden() and not view.progress.isHidden()
    assert not view.file_button.isEnabled()
    view.cancel_button.click()
    with qtbot.waitSignal(view.import_failed, timeout=20_000) as blocker:
        release.set()
    assert isinstance(blocker.args[0], CancelledError)
    assert "cancelled" in view.summary_label.text()
    assert view.file_button.isEnabled() and not view.is_importing()
    with Library.open(ctx.library_dir) as lib:
        assert BUNDLE_ID not in [e.bundle_id for e in lib.editions()]


def test_every_focusable_widget_has_an_accessible_name(view):
    unnamed = [
        type(w).__name__
        for w in view.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName() and type(w).__name__ not in ("QScrollBar",)
    ]
    assert unnamed == []


def test_rejections_and_demo_sources_read_in_the_users_language(qapp):
    from reader.core.messages import message_table
    from reader.ui.errors import reason_text
    from reader.ui.views.importtrust import source_text

    assert source_text("demo library (built-in): dtn-2023-12.dtnb").endswith(": dtn-2023-12.dtnb")
    assert not source_text("demo library (built-in): dtn-2023-12.dtnb").startswith("demo library")
    assert source_text("/media/usb/a.dtnb") == "/media/usb/a.dtnb"
    assert reason_text("IntegrityError", "x was altered", language="nl") == message_table("nl")["integrity"]


def test_audit_log_filters_by_result_and_period_and_exports_csv(qtbot, ctx, view, valid_path, tmp_path):
    stranger = SecretKey.generate()
    unknown = bundles.write(tmp_path / "vreemd.dtnb", bundles.edition_of(stranger, bundle_id="dtn-2030-01"))
    _import(qtbot, view, [valid_path, unknown])
    all_rows = view.audit_table.rowCount()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.result_filter.setCurrentIndex(view.result_filter.findData("rejected"))
    assert view.audit_table.rowCount() == 1
    assert _cell(view.audit_table, 0, AUDIT_RESULT) == "Rejected"
    assert _cell(view.audit_table, 0, AUDIT_BUNDLE) == "dtn-2030-01 revision 1"  # named, though not trusted
    assert _cell(view.audit_table, 0, 4) == f"unknown key ({stranger.key_id_hex})"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.result_filter.setCurrentIndex(view.result_filter.findData("trust"))
    assert [_cell(view.audit_table, r, AUDIT_RESULT) for r in range(view.audit_table.rowCount())] == ["Key added"]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.result_filter.setCurrentIndex(0)
    assert view.audit_table.rowCount() == all_rows
    with Library.open(ctx.library_dir) as lib:
        lib.db.execute("UPDATE audit SET time = '2001-01-01T00:00:00Z' WHERE bundle_id = 'dtn-2030-01'")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.period_filter.setCurrentIndex(view.period_filter.findData(30))
    assert view.audit_table.rowCount() == all_rows - 1
    out = tmp_path / "audit.csv"
    with qtbot.waitSignal(ctx.status_message, timeout=10_000):
        view._on_export_clicked(str(out))
    import csv

    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert len(rows) == all_rows - 1 and "dtn-2030-01" not in out.read_text("utf-8-sig")
    assert {r["result"] for r in rows} >= {"imported", "key added"}


def test_trust_this_key_from_a_rejection_needs_the_signers_public_key(qtbot, ctx, view, tmp_path, monkeypatch):
    stranger, other = SecretKey.generate(), SecretKey.generate()
    unknown = bundles.write(tmp_path / "vreemd.dtnb", bundles.edition_of(stranger, bundle_id="dtn-2030-01"))
    _import(qtbot, view, [unknown])
    view.tabs.setCurrentIndex(2)
    assert not view.trust_unknown_button.isEnabled()
    view.audit_table.selectRow(0)
    assert view.trust_unknown_button.isEnabled()
    wrong, right = tmp_path / "ander.pub", tmp_path / "juist.pub"
    wrong.write_bytes(other.public.to_file())
    right.write_bytes(stranger.public.to_file())
    errors = []
    monkeypatch.setattr(importtrust, "show_error", lambda parent, exc, title=None: errors.append(str(exc)))
    shown = []
    monkeypatch.setattr(importtrust.AddKeyDialog, "exec", lambda dialog: shown.append(dialog.key_id_edit.text()) or QDialog.DialogCode.Rejected)
    asked = []
    monkeypatch.setattr(view, "ask_key_source", lambda key_id: asked.append(key_id) or "file")
    monkeypatch.setattr(importtrust.QFileDialog, "getOpenFileName", lambda *a, **k: (str(wrong), ""))
    view.trust_unknown_button.click()
    assert asked == [stranger.key_id_hex]
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == [f"this file holds key {other.key_id_hex}, but the rejected bundle was signed by key {stranger.key_id_hex}"]
    assert shown == []
    monkeypatch.setattr(importtrust.QFileDialog, "getOpenFileName", lambda *a, **k: (str(right), ""))
    view.trust_unknown_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [stranger.key_id_hex]
    # Pasted: the bare key line, as from an e-mail; a pasted key of another signer is refused too.
    monkeypatch.setattr(view, "ask_key_source", lambda key_id: "paste")
    line = stranger.public.to_file().decode().splitlines()[1]
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (f"  {line}  ", True))
    view.trust_unknown_button.click()
    assert shown == [stranger.key_id_hex, stranger.key_id_hex]
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("not a key", True))
    view.trust_unknown_button.click()
    assert len(errors) == 2 and "public key" in errors[1]


def _hidden(folder: Path) -> list[tuple[str, str]]:
    """(bundle id, hidden reason without its time) of every hidden edition."""
    import re

    with Library.open(folder, recover=False) as lib:
        return sorted(
            (e.bundle_id, re.sub(r"revoked on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "revoked on <time>", e.hidden_reason))
            for e in lib.editions(include_hidden=True, include_superseded=True)
            if e.hidden_reason
        )


def test_dtn_trust_revoke_hides_the_editions_the_window_hides(qtbot, ctx, view, valid_path, test_key, tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    _import(qtbot, view, [valid_path])
    # The same library twice: one revoked in the window, one with 'dtn trust revoke'.
    by_cli = tmp_path / "cli-library"
    shutil.copytree(ctx.library_dir, by_cli)
    with qtbot.waitSignals([view.trust_changed, view.loaded], timeout=20_000):
        view.revoke_key(test_key.key_id_hex, "sleutel uitgelekt")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "reader", "trust", "revoke", test_key.key_id_hex, "--reason", "sleutel uitgelekt", "--library", str(by_cli)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "1 edition(s) hidden" in done.stdout and BUNDLE_ID in done.stdout
    in_window = _hidden(ctx.library_dir)
    assert in_window and in_window == _hidden(by_cli)
    assert in_window[0][0] == BUNDLE_ID and in_window[0][1].endswith(": sleutel uitgelekt")
    # And undone the same way: 'dtn trust unrevoke' shows it again.
    done = subprocess.run(
        [sys.executable, "-m", "reader", "trust", "unrevoke", test_key.key_id_hex, "--library", str(by_cli)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert _hidden(by_cli) == []


def test_a_feed_folder_is_imported_with_the_feeds_checks(qtbot, ctx, view, tmp_path, valid_bytes, test_key):
    """A USB stick written by 'dtn fetch' carries a signed feed: the window takes it as
    'dtn import' does, so a validly signed bundle that is not the one the feed lists is refused."""
    import shutil

    from tests.helpers import feeds

    feed_key = SecretKey.generate()
    with Library.open(ctx.library_dir) as lib:
        lib.trust.add(feed_key.public.to_file(), name="Testfeed", role="feed")
    stick = tmp_path / "usb"
    feeds.feed_files(stick, {"voorbeeld.dtnb": valid_bytes}, feed_key)
    # Swapped on the stick for another edition the same trusted key signed.
    swapped = feeds.edition(test_key, "voorbeeld-2026-12", date="2026-12-01", level=5, publisher="Voorbeeldredactie")
    (stick / "voorbeeld.dtnb").write_bytes(swapped)
    # A plain import (a copy of the library) would take it: it is validly signed by a trusted key.
    copy = tmp_path / "copy"
    shutil.copytree(ctx.library_dir, copy)
    with Library.open(copy) as lib:
        plain = lib.import_file(bundles.write(tmp_path / "probe" / "x.dtnb", swapped))
    with Library.open(ctx.library_dir) as lib:
        before = [e.key for e in lib.editions()]
    results = _import(qtbot, view, [stick])
    assert plain.status == "imported"
    [result] = results
    # Refused by the feed's entry (its size; a swap of the same size by its sha256).
    assert (result.status, result.bundle_id, result.error_code) == ("rejected", BUNDLE_ID, "feed-size-mismatch")
    assert _cell(view.report_table, 0, COL_RESULT) == "Rejected"
    assert _cell(view.report_table, 0, COL_SOURCE) == f"{stick}/voorbeeld.dtnb"
    assert _cell(view.audit_table, 0, AUDIT_RESULT) == "Rejected"
    with Library.open(ctx.library_dir) as lib:
        assert [e.key for e in lib.editions()] == before
