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
GOAL_ROWS = 9  # the rows of issue 15's goals table


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
    _numbers(startup, "chapter_open_p95_ms")

    deep = results["deep_check"]
    _numbers(deep, "mb_s", "sha256_mb_s", "ratio", "store_bytes", "ms_per_bundle")
    _numbers(deep["big_bundle"], "mb_s", "sha256_mb_s", "ratio", "store_bytes")
    assert deep["bundles"] == BENCH_EDITIONS

    # One entry per row of issue 15's table, each measured in this run and judged against its goal.
    goals = results["goals"]
    assert len(goals) == GOAL_ROWS
    for goal in goals:
        assert set(goal) == {"figure", "value", "unit", "floor", "ratio", "goal", "met"}, goal
        assert isinstance(goal["value"], numbers.Real) and goal["value"] > 0, goal
        assert isinstance(goal["met"], bool), goal
    assert "| deep check" in proc.stdout  # the goals table is printed too


def test_partial_runs_never_write_the_committed_results() -> None:
    from bench.__main__ import parse_args
    from bench.config import BENCH_DIR

    committed = BENCH_DIR / "results.json"
    assert parse_args([]).out == committed  # the full run
    for argv in (["--quick"], ["--editions", "200"], ["--runs", "1"], ["--quick", "--editions", "1000"]):
        assert parse_args(argv).out.resolve() != committed.resolve(), argv
    assert parse_args(["--quick", "--out", "/tmp/x.json"]).out == Path("/tmp/x.json")


def test_a_missing_figure_is_not_met_rather_than_guessed() -> None:
    from bench.goals import goals

    rows = goals({"search": {"p95_ms": 5.0, "rg_p95_ms": 20.0, "search_view_p95_ms": 40.0}})
    assert len(rows) == GOAL_ROWS
    by_figure = {g["figure"].split(",")[0]: g for g in rows}
    assert by_figure["search p95"]["met"] is True and by_figure["search p95"]["ratio"] == 0.25
    typeahead = next(g for g in rows if "type-ahead" in g["figure"])
    assert typeahead["met"] is False
    unmeasured = [g for g in rows if g["value"] is None]
    assert len(unmeasured) == GOAL_ROWS - 2 and all(g["met"] is None for g in unmeasured)


def test_scale_plots_one_png_per_measured_figure(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from bench.goals import goals
    from bench.plot import PLOT_SIZE_PX, growth, plot_all

    def run(n: int) -> dict:
        search = {"p95_ms": n / 100, "rg_p95_ms": n / 10, "search_view_p95_ms": (n / 100) ** 2}
        return {"corpus": {"editions": n}, "goals": goals({"search": search})}

    drawn = plot_all([run(100), run(1000), run(10_000)], tmp_path)
    assert [d["growth_exponent"] for d in drawn] == [1.0, 2.0]  # search p95 linear, type-ahead quadratic
    for d in drawn:
        image = QImage(d["png"])
        assert not image.isNull() and (image.width(), image.height()) == PLOT_SIZE_PX
        assert image.pixelColor(0, 0).name() == "#ffffff" and len({image.pixel(x, 200) for x in range(640)}) > 2
    assert growth([(100, 5.0)]) is None


def test_scale_needs_two_sizes() -> None:
    for bad in ("100", "100,abc", "1,100", "100,20000"):
        proc = subprocess.run([sys.executable, "-m", "bench", "--scale", bad], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "--scale" in proc.stderr and "Traceback" not in proc.stderr, bad
