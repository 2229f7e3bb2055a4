"""The library check in the window: progress, a plain-language report, repair, and the bounded check after a start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.ui.check import CheckDialog, start_background_check
from reader.ui.context import AppContext
from reader.ui.tasks import TaskRunner
from tests.helpers import bundles as bf

TIMEOUT_MS = 30_000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    key = bf.new_key()
    with Library.open(folder) as lib:
        lib.trust.add(key.public.to_file(), name="Redactie", publisher=bf.PUBLISHER_NAME)
        for bundle_id in ("dtn-a", "dtn-b"):
            assert lib.import_file(bf.write(tmp_path / f"{bundle_id}.dtnb", bf.edition_of(key, bundle_id=bundle_id))).ok
    return folder


@pytest.fixture
def ctx(folder: Path, qapp):
    runner = TaskRunner(folder)
    yield AppContext(folder, runner, "en")
    runner.shutdown()


def run_check(qtbot, ctx) -> CheckDialog:
    dialog = CheckDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished_check, timeout=TIMEOUT_MS):
        dialog.start()
    return dialog


def test_a_consistent_library_says_so_and_offers_no_repair(qtbot, ctx) -> None:
    dialog = run_check(qtbot, ctx)
    assert dialog.report.ok
    assert dialog.result_view.toPlainText().startswith("Everything matches: 2 signed edition(s) were checked again")
    assert not dialog.repair_button.isVisible() and dialog.close_button.isVisible()
    assert dialog.progress.value() == dialog.progress.maximum()


def test_an_edited_level_is_reported_in_plain_words_and_repaired(qtbot, ctx, folder) -> None:
    conn = sqlite3.connect(folder / "library.db")
    with conn:
        conn.execute("UPDATE editions SET level_value = 5, level_label = 'Kritiek' WHERE bundle_id = 'dtn-a'")
    conn.close()
    dialog = run_check(qtbot, ctx)
    text = dialog.result_view.toPlainText()
    assert text.startswith("2 problem(s) found in 2 signed edition(s):")
    assert "What the reader shows for dtn-a@1 differs from the signed edition. Repairing rebuilds it" in text
    assert "dtn-b" not in text
    assert dialog.repair_button.isVisible()
    with qtbot.waitSignal(ctx.library_changed, timeout=TIMEOUT_MS), qtbot.waitSignal(dialog.finished_check, timeout=TIMEOUT_MS):
        dialog.repair_button.click()
    assert dialog.report.ok
    with Library.open(folder) as lib:
        assert lib.edition("dtn-a").level_value == 4


def test_an_altered_original_tells_to_import_it_again(qtbot, ctx, folder) -> None:
    [path, *_] = sorted((folder / "store").glob("*.dtnb"))
    data = bytearray(path.read_bytes())
    data[200] ^= 1
    path.write_bytes(bytes(data))
    dialog = run_check(qtbot, ctx)
    assert "was altered or is missing. Repairing moves it to the quarantine folder; import this edition again" in dialog.result_view.toPlainText()


def test_the_bounded_check_after_a_start_warns_of_a_mismatch(qtbot, ctx, folder) -> None:
    for path in (folder / "store").glob("*.dtnb"):
        data = bytearray(path.read_bytes())
        data[-30] ^= 1
        path.write_bytes(bytes(data))
    seen = []
    start_background_check(ctx, seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT_MS)
    assert seen == ["2 stored edition(s) no longer match their signed original. Choose Help > Check the library for what to do."]
