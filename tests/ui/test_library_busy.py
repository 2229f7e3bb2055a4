"""The window and another program on one library: the window's change that has to wait
says so in the status bar, then goes on (it does not fail)."""

from __future__ import annotations

import sqlite3

from reader.ui.app import Options, ReaderApp
from tests.helpers.views import LOAD_TIMEOUT_MS


def test_the_window_says_that_it_waits_for_another_program(qapp, qtbot, library_dir):
    from reader.core.demo import demo_bundle_paths

    reader = ReaderApp(Options(library_dir, "en"), qapp)
    try:
        with qtbot.waitSignal(reader.library_loaded, timeout=LOAD_TIMEOUT_MS):
            reader.start()
        messages: list[str] = []
        reader.ctx.status_message.connect(messages.append)
        other = sqlite3.connect(library_dir / "library.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program is changing the library
        results: list = []
        try:
            reader.tasks.submit(lambda lib, handle: lib.import_file(demo_bundle_paths()[-1]).status, results.append, results.append, write=True)
            qtbot.waitUntil(lambda: "Waiting for another program that is changing the library…" in messages, timeout=LOAD_TIMEOUT_MS)
            assert results == []  # still waiting, not failed
        finally:
            other.execute("ROLLBACK")
            other.close()
        qtbot.waitUntil(lambda: results == ["present"], timeout=LOAD_TIMEOUT_MS)
    finally:
        reader.close()
