"""Parameters of a benchmark run and the goals it is measured against."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
MiB = 1024 * 1024
# A --quick run writes here unless --out says otherwise: never over the full run's results.json.
QUICK_OUT = BENCH_DIR / "work" / "results-quick.json"

# Goals (issue 7).
STARTUP_RATIO_GOAL = 1.2  # app first paint / bare window first paint, at most
VERIFY_RATIO_GOAL = 0.8  # verify_bundle MB/s / sha256 MB/s, at least
IMPORT_RATIO_GOAL = 0.5  # import editions/s / FTS5 floor editions/s, at least
SEARCH_P95_GOAL_MS = 10.0  # Library.search p95, at most
SEARCH_RG_SPEEDUP_GOAL = 1.0  # ripgrep time / Library.search time, more than

# Goals (issue 15): the rows of bench/goals.py.
FIRST_PAINT_RATIO_GOAL = 1.15  # app first paint / bare window first paint, at most
LEVEL_PAINTED_RATIO_GOAL = 2.0  # process start to the level on the overview / bare first paint, at most
SEARCH_VIEW_P95_GOAL_MS = 25.0  # type-ahead (prefix, limit 100) p95, at most
CHAPTER_OPEN_P95_GOAL_MS = 30.0  # selection to chapter text shown, p95, at most
MEMORY_RATIO_GOAL = 2.0  # window RSS with the library open / bare window RSS, at most
IMPORT_DURABLE_RATIO_GOAL = 0.7  # import editions/s / durable FTS5 floor editions/s, at least
IMPORT_PEAK_GOAL_MB = 100.0  # import peak RSS, at most
REBUILD_EPS_GOAL = 150.0  # rebuild editions/s, at least
REBUILD_PEAK_GOAL_MB = 150.0  # rebuild peak RSS, at most
DEEP_CHECK_RATIO_GOAL = 0.7  # deep check MB/s / sha256 MB/s over the same store bytes, at least


@dataclass(frozen=True)
class BenchConfig:
    """One run. Sizes in bytes, times in seconds."""

    editions: int = 1000
    runs: int = 5
    big_bundle_bytes: int = 100 * MiB
    search_queries: int = 50  # how many of QUERIES are run
    work_dir: Path = BENCH_DIR / "work"
    out: Path = BENCH_DIR / "results.json"
    quick: bool = False
    hash_chunk_bytes: int = 1 * MiB  # read size of the sha256 floor
    startup_timeout_s: float = 120.0  # one GUI self-test process
    import_timeout_s: float = 3600.0  # one import child process
    rg_timeout_s: float = 60.0  # one ripgrep process
    profile_dir: Path | None = None  # write pyinstrument profiles here
    scale: tuple[int, ...] = ()  # --scale: run the whole bench at each of these library sizes

    @classmethod
    def quick_defaults(cls, **overrides) -> BenchConfig:
        """The small run CI uses: 30 editions, a 10 MB big bundle, 3 runs, 15 queries."""
        quick = cls(editions=30, runs=3, big_bundle_bytes=10 * MiB, search_queries=15, quick=True, out=QUICK_OUT)
        return replace(quick, **overrides)
