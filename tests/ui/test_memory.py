"""The GUI process lets go of what it does not need: the module sources PySide6's import hook
reads into ``linecache`` (about 10 MB), and cryptography, which only a verify needs (about 7 MB);
see docs/performance.md, "Window memory"."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PROBE_TIMEOUT_S = 60

# Starts the reader, waits until the library is open and the overview loaded, shows the level
# history (a view built after the start), then says which module sources linecache still holds
# and whether cryptography was imported.
PROBE = r"""
import json, linecache, sys
from PySide6.QtWidgets import QApplication
from reader.ui.app import ReaderApp, parse_args
options = parse_args(["--library", sys.argv[1], "--no-demo"])
app = QApplication(["dtn-reader"])
reader = ReaderApp(options, app)
def report():
    cached = sorted(f for f in linecache.cache if f.endswith(".py") and "/reader/" in f.replace("\\", "/"))
    print(json.dumps({"cached": cached, "cryptography": sorted(m for m in sys.modules if m.startswith("cryptography"))}))
    app.exit(0)
def on_loaded():
    history = reader.window.views["history"]
    history.loaded.connect(report)
    reader.window.show_view("history")
reader.library_loaded.connect(on_loaded)
reader.library_failed.connect(lambda text: (print(text, file=sys.stderr), app.exit(1)))
reader.start()
code = app.exec()
reader.close()
sys.exit(code)
"""


def test_the_window_keeps_no_module_sources_and_no_cryptography(library_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(library_dir)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["cached"] == [], "PySide6's import hook left module sources in linecache"
    assert result["cryptography"] == [], "reading the library imported cryptography"


def test_read_connections_keep_a_smaller_page_cache_than_writes(qapp, qtbot, library_dir):
    from reader.ui.tasks import READ_PAGE_CACHE_KIB, TaskRunner

    def cache_size(lib, _handle) -> int:
        return lib.db.execute("PRAGMA cache_size").fetchone()[0]

    tasks = TaskRunner(library_dir)
    seen: dict[str, int] = {}
    try:
        for kind in ("read", "write"):
            tasks.submit(cache_size, lambda size, k=kind: seen.update({k: size}), write=kind == "write")
        qtbot.waitUntil(lambda: len(seen) == 2)
    finally:
        tasks.shutdown()
    default = sqlite3.connect(":memory:").execute("PRAGMA cache_size").fetchone()[0]
    assert seen == {"read": -READ_PAGE_CACHE_KIB, "write": default}
