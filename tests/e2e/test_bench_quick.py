"""The benchmark harness keeps working: a small real run of ``python -m bench --quick``.

It asserts that every section was measured and holds numbers, never how fast
anything is (speed goals are for docs/performance.md, not for CI).
"""

from __future__ import annotations

import json
import numbers
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH_EDITIONS = 5  # small enough for a test; --quick would use 30
BENCH_RUNS = 2
BENCH_TIMEOUT_S = 240


def _numbers(section: dict, *keys: str) -> None:
    for key in keys:
        value = section.get(key)
        assert isinstance(value, numbers.Real) and not isinstance(value, bool), f"{key} = {value!r}"
        assert value > 0, f"{key} = {value!r}"


def test_bench_quick_writes_every_section(tmp_path: Path) -> None:
    # The search benchmark compares with ripgrep; fail naming it rather than on a missing number.
    assert shutil.which("rg"), "ripgrep (rg) is not installed: apt-get install ripgrep (packaging/setup-debian.sh --test does)"
    out = tmp_path / "results.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [
            sys.executable, "-m", "bench", "--quick", "--editions", str(BENCH_EDITIONS), "--runs", str(BENCH_RUNS),
            "--out", str(out), "--work", str(tmp_path / "work"),
        ],
        cwd=REPO, capture_output=True, text=True, timeout=BENCH_TIMEOUT_S, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert "| figure |" in proc.stdout  # the printed table

    machine = results["machine"]
    assert machine["cpu"] and machine["cores"] and machine["python"] and machine["qt"] and machine["date"]
    assert results["corpus"]["editions"] == BENCH_EDITIONS

    _numbers(results["verify"], "sha256_mb_s", "verify_mb_s", "ratio", "bundle_bytes")
    assert results["verify"]["members"] > 100  # the big bundle has many members

    imp = results["import"]
    _numbers(imp, "editions_per_s", "seconds", "peak_rss_mb", "floor_editions_per_s", "ratio")
    assert imp["editions"] == BENCH_EDITIONS

    search = results["search"]
    _numbers(search, "median_ms", "p95_ms", "rg_median_ms", "rg_p95_ms", "speedup_vs_rg_median")
    assert search["queries"] == len(search["per_query"]) > 0
    assert all(isinstance(q["ms"], float) for q in search["per_query"])

    _numbers(results["rebuild"], "editions_per_s", "seconds")
    assert results["rebuild"]["editions"] == BENCH_EDITIONS

    startup = results["startup"]
    assert startup["status"] == "measured", startup
    _numbers(startup, "app_first_paint_ms", "bare_first_paint_ms", "ratio")

    memory = results["memory"]
    assert memory["status"] == "measured", memory
    _numbers(memory, "app_rss_mb", "bare_rss_mb", "ratio")
