"""The window loads Python-Markdown and nh3 only when something has to be rendered.

Each start runs the real self-test (overview, the latest edition's first chapter, the level
history, a search) in a fresh interpreter and reports which of the two libraries it loaded.
With every chapter in the library's render cache it loads neither; with none cached it
renders one chapter and loads nh3 (Markdown stays in the render worker's process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.library import Library

REPO_ROOT = Path(__file__).resolve().parents[2]
SELF_TEST_PROCESS_TIMEOUT_S = 90  # the self-test's own deadline is 60 s

# Runs the app's self-test and prints, after its JSON line, the render libraries it loaded.
_START = """
import json, sys, time
from reader.ui.app import run
code = run(["--self-test", "--library", sys.argv[1]], time.perf_counter())
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"markdown", "nh3"})
print(json.dumps({"exit": code, "render_modules": loaded}))
"""


def _start(library: Path) -> tuple[dict, dict]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DTN_LIBRARY", None)
    proc = subprocess.run(
        [sys.executable, "-c", _START, str(library)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=SELF_TEST_PROCESS_TIMEOUT_S, check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2, proc.stdout + proc.stderr
    return lines[0], lines[1]


def _cache_every_chapter(library: Path) -> None:
    with Library.open(library) as lib:
        pks = [row[0] for row in lib.db.execute("SELECT pk FROM chapters")]
        lib.render_ahead(pks)
        assert lib.db.execute("SELECT count(*) FROM chapters WHERE html IS NULL").fetchone() == (0,)


@pytest.mark.parametrize(("cached", "expected"), [(True, []), (False, ["nh3"])], ids=["cached", "not-cached"])
def test_the_window_loads_the_renderer_only_for_a_chapter_not_cached(library_dir, cached, expected):
    if cached:
        _cache_every_chapter(library_dir)
    result, after = _start(library_dir)
    assert result["ok"] is True, result
    assert "chapter" in result["views"]
    assert after == {"exit": 0, "render_modules": expected}
