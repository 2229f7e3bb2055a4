"""Work the benchmark runs in a fresh process, so peak memory is this work's alone.

    python -m bench.child import BUNDLES_DIR LIBRARY_DIR [--profile FILE]
    python -m bench.child rebuild LIBRARY_DIR [--profile FILE]

Prints one JSON line: seconds, editions, rss_before_kb, peak_rss_kb (this process's peak
plus the peak its worker processes held together, sampled), main_peak_rss_kb and
workers_peak_rss_kb.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

# The library is imported where it is used: a worker process the import starts (spawn)
# imports this module again as its main module, and should not pay for what it never uses.


def rss_kb() -> int:
    """Current resident set size of this process (VmRSS), in KiB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def peak_rss_kb() -> int:
    """Peak resident set size of this process (VmHWM), in KiB.

    Not ``getrusage``'s ``ru_maxrss``: Linux carries the parent's peak over into a child
    started with vfork and exec (as ``subprocess`` does), so the bench's own size (its
    corpus in memory, 240-270 MB) was reported as the import's peak.
    """
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


WORKER_SAMPLE_S = 0.02  # how often the worker processes' memory is read


def _children_rss_kb() -> int:
    """VmRSS of this process's child processes together, in KiB."""
    total = 0
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as f:
                pids = f.read().split()
        except OSError:
            continue
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status", encoding="ascii") as f:
                    total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            except OSError:
                pass  # it ended meanwhile
    return total


@contextmanager
def workers_peak():
    """The most memory the child processes (the pipeline's workers) held at once, in KiB,
    sampled every WORKER_SAMPLE_S while the block runs: ``peak["kb"]``."""
    peak = {"kb": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(WORKER_SAMPLE_S):
            peak["kb"] = max(peak["kb"], _children_rss_kb())

    thread = threading.Thread(target=sample, name="bench-rss-sampler", daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()


def _memory(before_kb: int, workers_kb: int) -> dict:
    main = peak_rss_kb()
    return {"rss_before_kb": before_kb, "peak_rss_kb": main + workers_kb, "main_peak_rss_kb": main, "workers_peak_rss_kb": workers_kb}


def open_library(folder: Path):
    """The library in ``folder`` with the bench key in its own trust store, as the app would open it."""
    from bench.generate import trust_bench_key
    from reader.core.library import Library
    from reader.core.paths import builtin_trust_dir
    from reader.core.trust import TrustStore

    trust = TrustStore(folder / "trust", builtin_trust_dir())
    trust_bench_key(trust)
    return Library.open(folder, trust=trust)


@contextmanager
def maybe_profile(path: str | None):
    if not path:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        Path(path).write_text(profiler.output_text(unicode=True, color=False, show_all=False))
        Path(path).with_suffix(".html").write_text(profiler.output_html())


def run_import(bundles: Path, library: Path, profile: str | None) -> dict:
    with open_library(library) as lib:
        before = rss_kb()
        with maybe_profile(profile), workers_peak() as workers:
            start = time.perf_counter()
            results = lib.import_paths([bundles])
            seconds = time.perf_counter() - start
        bad = [r.line() for r in results if r.status != "imported"]
        if bad:
            raise SystemExit("import failed: " + "; ".join(bad[:3]))
        return {"seconds": seconds, "editions": len(results), **_memory(before, workers["kb"])}


def run_rebuild(library: Path, profile: str | None) -> dict:
    with open_library(library) as lib:
        before = rss_kb()
        with maybe_profile(profile), workers_peak() as workers:
            start = time.perf_counter()
            report = lib.rebuild()
            seconds = time.perf_counter() - start
        if report["rejected"]:
            raise SystemExit(f"rebuild rejected bundles: {report['rejected'][:3]}")
        return {"seconds": seconds, "editions": report["indexed"], **_memory(before, workers["kb"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    sub = parser.add_subparsers(dest="task", required=True)
    p_import = sub.add_parser("import")
    p_import.add_argument("bundles", type=Path)
    p_import.add_argument("library", type=Path)
    p_import.add_argument("--profile")
    p_rebuild = sub.add_parser("rebuild")
    p_rebuild.add_argument("library", type=Path)
    p_rebuild.add_argument("--profile")
    args = parser.parse_args(argv)
    if args.task == "import":
        result = run_import(args.bundles, args.library, args.profile)
    else:
        result = run_rebuild(args.library, args.profile)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
