"""The measurements. Each returns a plain dict for results.json; every figure is the median of runs."""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.config import (
    REPO_ROOT,
    BENCH_DIR,
    IMPORT_RATIO_GOAL,
    SEARCH_P95_GOAL_MS,
    SEARCH_RG_SPEEDUP_GOAL,
    STARTUP_RATIO_GOAL,
    VERIFY_RATIO_GOAL,
    BenchConfig,
)
from bench.generate import Corpus, bench_key
from bench.queries import QUERIES, Query, rg_args
from reader.core.library.maintenance import REBUILD_FTS_HASHSIZE_BYTES
from reader.core.library.schema import FTS_PREFIX, FTS_TOKENIZER  # the floors use the library's own options

MB = 1_000_000  # throughput is in decimal megabytes per second
P95 = 0.95
GUI_SEARCH_LIMIT = 100  # RESULT_LIMIT of the search view (reader/ui/views/search.py)
VERIFY_RUNS_PER_RUN = 4  # verify pairs per --runs (one pair takes about 0.2 s on 100 MB)
RG = "rg"


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _r(value: float, digits: int = 2) -> float:
    return round(value, digits)


# --- machine -----------------------------------------------------------------------------


def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = {"pyside6": PySide6.__version__, "qt": qVersion()}
    except ImportError:
        qt = {"pyside6": None, "qt": None}
    rg_version = None
    if shutil.which(RG):
        rg_version = subprocess.run([RG, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1) if memory_kb else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **qt,
        "sqlite": sqlite3.sqlite_version,
        "ripgrep": rg_version,
        "date": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }


# --- verify ------------------------------------------------------------------------------


def sha256_file(path: Path, chunk_bytes: int) -> str:
    """The floor: sha256 over the file's bytes, read into one reusable buffer."""
    digest = hashlib.sha256()
    buffer = bytearray(chunk_bytes)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            digest.update(view[:n])
    return digest.hexdigest()


def measure_verify(corpus: Corpus, config: BenchConfig) -> dict:
    from reader.core.bundle import verify_bundle
    from reader.core.trust import TrustStore

    path = corpus.big_bundle
    size = path.stat().st_size
    trust = TrustStore.of([bench_key().public])
    verified = verify_bundle(path, trust)  # warm the page cache, and prove it verifies
    sha256_file(path, config.hash_chunk_bytes)
    floor_s, verify_s = [], []
    # Each run is a tenth of a second: more of them, each verify right after its floor,
    # so the ratio of a pair is not skewed by what else the machine does meanwhile.
    for _ in range(config.runs * VERIFY_RUNS_PER_RUN):
        start = time.perf_counter()
        sha256_file(path, config.hash_chunk_bytes)
        floor_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        verify_bundle(path, trust)
        verify_s.append(time.perf_counter() - start)
    if config.profile_dir:
        _profile(lambda: verify_bundle(path, trust), config.profile_dir / "verify.txt")
    floor_mbps = size / MB / median(floor_s)
    verify_mbps = size / MB / median(verify_s)
    ratio = median([f / v for f, v in zip(floor_s, verify_s)])  # throughput ratio of each pair
    return {
        "bundle_bytes": size,
        "members": verified.files_checked,
        "sha256_mb_s": _r(floor_mbps, 1),
        "verify_mb_s": _r(verify_mbps, 1),
        "ratio": _r(ratio, 3),
        "goal_min": VERIFY_RATIO_GOAL,
        "met": ratio >= VERIFY_RATIO_GOAL,
        "runs_s": {"sha256": [_r(s, 4) for s in floor_s], "verify": [_r(s, 4) for s in verify_s]},
    }


def _profile(fn, out: Path) -> None:
    from pyinstrument import Profiler

    out.parent.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    fn()
    profiler.stop()
    out.write_text(profiler.output_text(unicode=True, color=False))


# --- import and its floor -------------------------------------------------------------------


def _child(args: list[str], timeout_s: float) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.child", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout_s
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench.child {args[0]} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def library_dir(corpus: Corpus) -> Path:
    return corpus.root / "library"


def measure_import(corpus: Corpus, config: BenchConfig) -> dict:
    library = library_dir(corpus)
    runs = []
    for run in range(config.runs):
        if library.exists():
            shutil.rmtree(library)
        profile = []
        if config.profile_dir and run == config.runs - 1:
            config.profile_dir.mkdir(parents=True, exist_ok=True)
            profile = ["--profile", str(config.profile_dir / "import.txt")]
        runs.append(_child(["import", str(corpus.bundles), str(library), *profile], config.import_timeout_s))
    for r in runs:
        if r["editions"] != corpus.editions:
            raise RuntimeError(f"import took {r['editions']} editions, expected {corpus.editions}")
    seconds = median([r["seconds"] for r in runs])
    text_bytes = corpus.text_bytes()
    floor = measure_fts_floor(corpus, config, prefix=False)
    floor_prefix = measure_fts_floor(corpus, config, prefix=True)
    floor_durable = measure_fts_floor(corpus, config, prefix=True, per_edition=True)
    eps = corpus.editions / seconds
    ratio = eps / floor["editions_per_s"]
    return {
        "editions": corpus.editions,
        "chapter_text_mb": _r(text_bytes / MB, 1),
        "seconds": _r(seconds, 3),
        "editions_per_s": _r(eps, 1),
        "text_mb_s": _r(text_bytes / MB / seconds, 2),
        "peak_rss_mb": _r(median([r["peak_rss_kb"] for r in runs]) / 1024, 1),
        "rss_before_mb": _r(median([r["rss_before_kb"] for r in runs]) / 1024, 1),
        "floor_editions_per_s": floor["editions_per_s"],
        "floor_text_mb_s": floor["text_mb_s"],
        "floor_with_prefix_index_editions_per_s": floor_prefix["editions_per_s"],
        "floor_with_prefix_index_per_edition_transactions_editions_per_s": floor_durable["editions_per_s"],
        "ratio": _r(ratio, 3),
        "goal_min": IMPORT_RATIO_GOAL,
        "met": ratio >= IMPORT_RATIO_GOAL,
        "runs_s": [_r(r["seconds"], 3) for r in runs],
    }


def _floor_rows(corpus: Corpus) -> list[tuple[str, str]]:
    rows = []
    with open(corpus.chapters_file, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            rows.append((item["title"], item["text"]))
    return rows


def _chapters_per_edition(corpus: Corpus) -> list[int]:
    """How many chapters each edition has, in the order chapters.jsonl lists them."""
    return [len(list(folder.glob("*.md"))) for folder in sorted(p for p in corpus.markdown.iterdir() if p.is_dir())]


def measure_fts_floor(
    corpus: Corpus, config: BenchConfig, *, prefix: bool, per_edition: bool = False, hashsize: int | None = None
) -> dict:
    """The same chapter text into a bare FTS5 table (same tokenizer), on disk: in one transaction,
    or (``per_edition``) in one durable transaction per edition as an import writes them
    (WAL, synchronous FULL); with FTS5's ``hashsize`` set to ``hashsize`` bytes if given."""
    rows = _floor_rows(corpus)
    text_bytes = sum(len(t.encode("utf-8")) + len(title.encode("utf-8")) for title, t in rows)
    batches = []
    if per_edition:
        start_row = 0
        for count in _chapters_per_edition(corpus):
            batches.append(rows[start_row : start_row + count])
            start_row += count
        assert start_row == len(rows), "chapters.jsonl and the Markdown folders disagree"
    else:
        batches.append(rows)
    db_path = corpus.root / "floor.db"
    options = f"tokenize = '{FTS_TOKENIZER}'" + (f", prefix = '{FTS_PREFIX}'" if prefix else "")
    times = []
    for _ in range(config.runs):
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        conn = sqlite3.connect(db_path, isolation_level=None)
        if per_edition:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(title, body, {options})")
        if hashsize is not None:
            conn.execute("INSERT INTO fts (fts, rank) VALUES ('hashsize', ?)", [hashsize])
        start = time.perf_counter()
        for batch in batches:
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO fts (title, body) VALUES (?, ?)", batch)
            conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
        conn.close()
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seconds = median(times)
    return {
        "seconds": _r(seconds, 3),
        "editions_per_s": _r(corpus.editions / seconds, 1),
        "text_mb_s": _r(text_bytes / MB / seconds, 2),
    }


# --- search ----------------------------------------------------------------------------------


def _queries(config: BenchConfig) -> tuple[Query, ...]:
    return QUERIES[: config.search_queries]


def _rg(query: Query, folder: Path, config: BenchConfig) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([RG, *rg_args(query), str(folder)], capture_output=True, timeout=config.rg_timeout_s)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: nothing found
        raise RuntimeError(f"rg failed for {query.text!r}: {proc.stderr.decode(errors='replace')}")
    return seconds, len(proc.stdout.splitlines())


def measure_search(corpus: Corpus, config: BenchConfig) -> dict:
    from bench.child import open_library

    queries = _queries(config)
    per_query: list[dict] = [{"query": q.text, "kind": q.kind, **q.kwargs()} for q in queries]
    lib_runs: list[list[float]] = []
    gui_runs: list[list[float]] = []  # the same queries as the search view asks them
    rg_runs: list[list[float]] = []
    have_rg = shutil.which(RG) is not None
    with open_library(library_dir(corpus)) as lib:
        for i, q in enumerate(queries):  # warm-up; also the hit counts
            per_query[i]["hits"] = len(lib.search(q.text, **q.kwargs()))
            fts = lib.fts_query(q.text, q.prefix_last)  # how common the words are: chapters matching, no filters
            per_query[i]["chapters_matching"] = lib.db.execute(
                "SELECT count(*) FROM chapter_fts WHERE chapter_fts MATCH ?", [fts]
            ).fetchone()[0]
            if have_rg:
                per_query[i]["rg_files"] = _rg(q, corpus.markdown, config)[1]
        for _ in range(config.runs):
            times = []
            for q in queries:
                start = time.perf_counter()
                lib.search(q.text, **q.kwargs())
                times.append((time.perf_counter() - start) * 1000)
            lib_runs.append(times)
            times = []
            for q in queries:
                start = time.perf_counter()
                lib.search(q.text, **{**q.kwargs(), "limit": GUI_SEARCH_LIMIT, "prefix_last": True})
                times.append((time.perf_counter() - start) * 1000)
            gui_runs.append(times)
            if have_rg:
                rg_runs.append([_rg(q, corpus.markdown, config)[0] * 1000 for q in queries])
    for i in range(len(queries)):
        per_query[i]["ms"] = _r(median([run[i] for run in lib_runs]), 3)
        if have_rg:
            per_query[i]["rg_ms"] = _r(median([run[i] for run in rg_runs]), 2)
    lib_median = median([median(run) for run in lib_runs])
    lib_p95 = median([percentile(run, P95) for run in lib_runs])
    result = {
        "queries": len(queries),
        "median_ms": _r(lib_median, 3),
        "p95_ms": _r(lib_p95, 3),
        "p95_goal_max_ms": SEARCH_P95_GOAL_MS,
        "p95_met": lib_p95 <= SEARCH_P95_GOAL_MS,
        "search_view_median_ms": _r(median([median(run) for run in gui_runs]), 3),
        "search_view_p95_ms": _r(median([percentile(run, P95) for run in gui_runs]), 3),
        "search_view_note": f"limit {GUI_SEARCH_LIMIT}, last word as a prefix (type-ahead), as reader/ui/views/search.py asks",
        "per_query": per_query,
    }
    if have_rg:
        rg_median = median([median(run) for run in rg_runs])
        rg_p95 = median([percentile(run, P95) for run in rg_runs])
        result.update(
            {
                "rg_median_ms": _r(rg_median, 2),
                "rg_p95_ms": _r(rg_p95, 2),
                "speedup_vs_rg_median": _r(rg_median / lib_median, 1),
                "speedup_vs_rg_p95": _r(rg_p95 / lib_p95, 1),
                "rg_goal": f"speedup > {SEARCH_RG_SPEEDUP_GOAL}",
                "rg_met": rg_median / lib_median > SEARCH_RG_SPEEDUP_GOAL and rg_p95 / lib_p95 > SEARCH_RG_SPEEDUP_GOAL,
            }
        )
    else:
        result.update({"rg_median_ms": None, "rg_p95_ms": None, "rg_missing": "ripgrep (rg) is not installed"})
    return result


# --- rebuild -------------------------------------------------------------------------------


def measure_rebuild(corpus: Corpus, config: BenchConfig) -> dict:
    runs = []
    for run in range(config.runs):
        profile = []
        if config.profile_dir and run == config.runs - 1:
            profile = ["--profile", str(config.profile_dir / "rebuild.txt")]
        runs.append(_child(["rebuild", str(library_dir(corpus)), *profile], config.import_timeout_s))
    seconds = median([r["seconds"] for r in runs])
    eps = runs[0]["editions"] / seconds
    # The floors: the same text into a bare FTS5 table with the prefix index in one transaction,
    # as FTS5 comes and with the hash table the rebuild sets (the stricter one).
    floor = measure_fts_floor(corpus, config, prefix=True)
    floor_rebuild = measure_fts_floor(corpus, config, prefix=True, hashsize=REBUILD_FTS_HASHSIZE_BYTES)
    return {
        "editions": runs[0]["editions"],
        "seconds": _r(seconds, 3),
        "editions_per_s": _r(eps, 1),
        "peak_rss_mb": _r(median([r["peak_rss_kb"] for r in runs]) / 1024, 1),
        "floor_with_prefix_index_editions_per_s": floor["editions_per_s"],
        "floor_with_prefix_index_rebuild_hashsize_editions_per_s": floor_rebuild["editions_per_s"],
        "ratio_to_floor": _r(eps / floor_rebuild["editions_per_s"], 3),
        "runs_s": [_r(r["seconds"], 3) for r in runs],
    }


# --- deep check ----------------------------------------------------------------------------

DEEP_CHECK_MAX_RUNS = 3  # three pairs over the whole store are enough for a median
DEEP_CHECK_BIG_RUNS = 7  # pairs for the big bundle alone (under a second each)


def _deep_check_pairs(lib, runs: int, chunk_bytes: int) -> tuple[list[Path], int, list[float], list[float]]:
    """(store files, their bytes, sha256 seconds, deep check seconds): ``runs`` pairs, floor first."""
    paths = [lib.store.path_for(sha) for sha in sorted(lib.store.hashes())]
    store_bytes = sum(p.stat().st_size for p in paths)
    for p in paths:  # warm-up: the page cache holds the store for both sides
        sha256_file(p, chunk_bytes)
    floor_s: list[float] = []
    check_s: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        for p in paths:
            sha256_file(p, chunk_bytes)
        floor_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = lib.deep_check()
        check_s.append(time.perf_counter() - start)
        if not report.ok:
            raise RuntimeError(f"the deep check found problems in the bench library: {report.findings[:3]}")
    return paths, store_bytes, floor_s, check_s


def measure_deep_check(corpus: Corpus, config: BenchConfig) -> dict:
    """``Library.deep_check`` against sha256 over the same store files, in pairs (floor, check):
    the bench library, and a library of the big bundle alone (where the cost per byte, not the
    fixed cost per bundle, decides)."""
    from bench.child import open_library
    from reader.core.library.deepcheck import CHECK_WORKERS

    with open_library(library_dir(corpus)) as lib:
        paths, store_bytes, floor_s, check_s = _deep_check_pairs(lib, min(config.runs, DEEP_CHECK_MAX_RUNS), config.hash_chunk_bytes)
    with tempfile.TemporaryDirectory(prefix="dtn-bench-deep-") as tmp, open_library(Path(tmp) / "library") as lib:
        imported = lib.import_paths([corpus.big_bundle])
        if [r.status for r in imported] != ["imported"]:
            raise RuntimeError(f"the big bundle did not import: {[r.line() for r in imported]}")
        _, big_bytes, big_floor_s, big_check_s = _deep_check_pairs(lib, DEEP_CHECK_BIG_RUNS, config.hash_chunk_bytes)
    ratio = median([f / c for f, c in zip(floor_s, check_s)])
    return {
        "bundles": len(paths),
        "store_bytes": store_bytes,
        "workers": CHECK_WORKERS,
        "sha256_mb_s": _r(store_bytes / MB / median(floor_s), 1),
        "mb_s": _r(store_bytes / MB / median(check_s), 1),
        "ratio": _r(ratio, 3),
        "ms_per_bundle": _r(median(check_s) / len(paths) * 1000, 2),
        "big_bundle": {
            "store_bytes": big_bytes,
            "sha256_mb_s": _r(big_bytes / MB / median(big_floor_s), 1),
            "mb_s": _r(big_bytes / MB / median(big_check_s), 1),
            "ratio": _r(median([f / c for f, c in zip(big_floor_s, big_check_s)]), 3),
        },
        "runs_s": {"sha256": [_r(x, 4) for x in floor_s], "deep_check": [_r(x, 3) for x in check_s]},
    }


# --- startup and memory ---------------------------------------------------------------------


# The settled memory: this long after the self-test's steps (and after the store check that
# starts 5 s after the library opened), in seconds.
SETTLE_AFTER_SELF_TEST_S = 10.0


def _gui_env(pycache: Path) -> dict:
    """Offscreen, and bytecode caches allowed for both the app and the bare window.

    Both load their modules from cached bytecode, as an installed or frozen app does: in a
    temporary PYTHONPYCACHEPREFIX, filled by the warm-up runs, so the checkout stays as it is.
    An inherited PYTHONDONTWRITEBYTECODE=1 would make the app compile its own sources on every
    run (about 25 ms) while the bare window, which has none, pays nothing.
    """
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _json_line(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def _run_gui(args: list[str], config: BenchConfig, env: dict) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=config.startup_timeout_s, env=env
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {config.startup_timeout_s} s"}
    data = _json_line(proc.stdout)
    if data is None:
        return {"error": f"no JSON line (exit {proc.returncode}): {proc.stderr.strip()[-500:]}"}
    return data


def measure_startup_and_memory(corpus: Corpus, config: BenchConfig) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="dtn-bench-pycache-") as pycache:
        return _measure_startup_and_memory(corpus, config, _gui_env(Path(pycache)))


# After the import section the kernel is still writing its libraries back (hundreds of MB of
# dirty pages); timed starts during that writeback varied by a third (146-220 ms for the bare
# window in one run). The startup section waits for it first.
DISK_SETTLE_S = 3.0


def _settle_disk() -> None:
    os.sync()
    time.sleep(DISK_SETTLE_S)


def _measure_startup_and_memory(corpus: Corpus, config: BenchConfig, env: dict) -> tuple[dict, dict]:
    main_py = REPO_ROOT / "main.py"
    bare = [str(BENCH_DIR / "bare_window.py")]
    app = [str(main_py), "--library", str(library_dir(corpus)), "--self-test", "--self-test-settle", str(SETTLE_AFTER_SELF_TEST_S)]
    bare_runs: list[dict] = []
    app_runs: list[dict] = []
    if not main_py.is_file():
        reason = "main.py does not exist yet (the GUI is not there)"
        return _missing("startup", reason), _missing("memory", reason)
    _settle_disk()
    _run_gui(bare, config, env)  # warm-up of both: page cache, font cache, bytecode cache
    _run_gui(app, config, env)
    for _ in range(config.runs):
        bare_runs.append(_run_gui(bare, config, env))
        app_runs.append(_run_gui(app, config, env))
    bad_bare = [r for r in bare_runs if "first_paint_ms" not in r]
    if bad_bare:
        raise RuntimeError(f"the bare window did not report a first paint: {bad_bare[0]}")
    painted = [r for r in app_runs if "first_paint_ms" in r]
    self_test_errors = sorted({f"{r.get('failed', '?')}: {r.get('error')}" for r in app_runs if not r.get("ok")})
    bare_ms = median([r["first_paint_ms"] for r in bare_runs])
    bare_rss = median([r["rss_kb"] for r in bare_runs]) / 1024
    if not painted:
        reason = f"the app never reported a first paint: {self_test_errors[:1]}"
        return _missing("startup", reason), _missing("memory", reason)
    app_ms = median([r["first_paint_ms"] for r in painted])
    ratio = app_ms / bare_ms
    overview = [r["views"]["overview"] for r in painted if "overview" in r.get("views", {})]
    level = [r["level_shown_ms"] for r in painted if "level_shown_ms" in r]
    chapter = [r["durations_ms"]["chapter"] for r in painted if "chapter" in r.get("durations_ms", {})]
    startup = {
        "status": "measured",
        "app_first_paint_ms": _r(app_ms, 1),
        "bare_first_paint_ms": _r(bare_ms, 1),
        "ratio": _r(ratio, 3),
        "goal_max": STARTUP_RATIO_GOAL,
        "met": ratio <= STARTUP_RATIO_GOAL,
        "app_library_loaded_ms": _r(median([r["library_loaded_ms"] for r in painted if "library_loaded_ms" in r]), 1)
        if any("library_loaded_ms" in r for r in painted)
        else None,
        "app_overview_loaded_ms": _r(median(overview), 1) if overview else None,
        # The overview's level badge painted with the level the loaded library confirms
        # (the self-test's level_shown_ms; see SelfTest in reader/ui/app.py).
        "app_level_shown_ms": _r(median(level), 1) if level else None,
        # Selection to chapter_shown, one per self-test run: with 5 runs the p95 is near the slowest.
        "chapter_open_median_ms": _r(median(chapter), 1) if chapter else None,
        "chapter_open_p95_ms": _r(percentile(chapter, P95), 1) if chapter else None,
        "self_test_ok": all(r.get("ok") for r in app_runs),
        "self_test_errors": self_test_errors,
        "runs_ms": {"app": [r.get("first_paint_ms") for r in app_runs], "bare": [r["first_paint_ms"] for r in bare_runs]},
    }
    with_rss = [r["rss_kb"] for r in app_runs if r.get("rss_kb")]
    if with_rss:
        app_rss = median(with_rss) / 1024
        memory = {
            "status": "measured",
            "app_rss_mb": _r(app_rss, 1),
            "bare_rss_mb": _r(bare_rss, 1),
            "ratio": _r(app_rss / bare_rss, 2),
            "extra_mb": _r(app_rss - bare_rss, 1),
            "measured_at": "end of the self-test (overview, a chapter, level history and a search shown)",
        }
        settled = [r["rss_settled_kb"] for r in app_runs if r.get("rss_settled_kb")]
        if settled:
            # The same window SETTLE_AFTER_SELF_TEST_S later, the store check after the start done.
            memory["app_rss_settled_mb"] = _r(median(settled) / 1024, 1)
            memory["settled_ratio"] = _r(median(settled) / 1024 / bare_rss, 2)
            memory["settled_after_s"] = SETTLE_AFTER_SELF_TEST_S
    else:
        memory = _missing("memory", "the app's self-test JSON has no rss_kb")
        memory["bare_rss_mb"] = _r(bare_rss, 1)
    return startup, memory


def _missing(section: str, reason: str) -> dict:
    return {"status": "missing", "reason": reason}
