"""``python -m bench.sync``: the sync figures, against a real nginx on 127.0.0.1.

- unchanged feed: requests and bytes of a second sync (goal: 1 conditional request, 0 bundle bytes);
- a feed of N entries with one new edition: bytes on the wire against that bundle (goal: <= 1.05x);
- a big bundle fetched and verified by the reader against curl fetching the same file from the
  same nginx (goal: >= 0.8 of curl's throughput), and the reader's peak memory above its idle
  process (goal: <= 50 MB), measured in a child process.

Writes bench/results-sync.json (never the full-run bench/results.json) and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.config import REPO_ROOT
from bench.generate import big_edition, bench_key, edition

DEFAULT_OUT = REPO_ROOT / "bench" / "results-sync.json"
GOAL_UNCHANGED_REQUESTS = 1
GOAL_ONE_NEW_RATIO = 1.05
GOAL_THROUGHPUT_RATIO = 0.8
GOAL_PEAK_ABOVE_IDLE_MB = 50
NEW_EDITION_BYTES = 8 * 1024 * 1024  # the one new edition of the N-entry feed: a real edition with its figures
CHILD_TIMEOUT_S = 900


def _log_bytes(lines: list[str]) -> tuple[int, int]:
    """(body bytes, bytes on the wire) of access-log lines."""
    body = sum(int(line.split(" ")[3]) for line in lines)
    wire = sum(int(line.split(" ")[4]) for line in lines)
    return body, wire


def _write_bundle(path: Path, manifest: dict, members: dict, key) -> int:
    from reader.core.bundle import build_bundle

    path.parent.mkdir(parents=True, exist_ok=True)
    data = build_bundle(manifest, members, key)
    path.write_bytes(data)
    return len(data)


def _library(folder: Path, publisher, feed_key):
    from reader.core.library import Library
    from reader.core.trust import TrustStore

    trust = TrustStore(folder / "trust")
    trust.add(publisher.public.to_file(), name="bench", role="publisher")
    trust.add(feed_key.public.to_file(), name="bench feed", role="feed")
    return Library.open(folder, trust=trust)


def feed_figures(site, work: Path, entries: int) -> dict:
    from reader.core.feed import write_feed
    from reader.core.minisign import SecretKey
    from reader.core.sync import sync_library

    publisher, feed_key = bench_key(), SecretKey.generate()
    for i in range(entries - 1):
        manifest, members = edition(i, chapters=1)
        _write_bundle(site.root / f"e/{i:05d}.dtnb", manifest, members, publisher)
    write_feed(site.root, feed_key)
    with _library(work / "lib", publisher, feed_key) as lib:
        started = time.perf_counter()
        first = sync_library(lib, site.url)
        first_s = time.perf_counter() - started
        mark = len(site.log())
        unchanged = sync_library(lib, site.url)
        lines = site.log()[mark:]
        body, wire = _log_bytes(lines)
        unchanged_fig = {
            "entries": entries - 1, "requests": len(lines), "statuses": [line.split(" ")[2] for line in lines],
            "body_bytes": body, "wire_bytes": wire, "bundle_bytes": sum(int(x.split(" ")[3]) for x in lines if x.split(" ")[1].endswith(".dtnb")),
            "not_modified": unchanged.not_modified, "goal_requests": GOAL_UNCHANGED_REQUESTS,
            "met": len(lines) == GOAL_UNCHANGED_REQUESTS and unchanged.not_modified and body == 0,
        }
        manifest, members = big_edition(NEW_EDITION_BYTES)
        manifest["bundle_id"] = "bench-new"
        size = _write_bundle(site.root / "e/new.dtnb", manifest, members, publisher)
        write_feed(site.root, feed_key)
        mark = len(site.log())
        one = sync_library(lib, site.url)
        lines = site.log()[mark:]
        body, wire = _log_bytes(lines)
        feed_bytes = (site.root / "feed.json").stat().st_size
    return {
        "first_sync": {"imported": first.count("imported"), "seconds": round(first_s, 2)},
        "unchanged": unchanged_fig,
        "one_new": {
            "entries": entries, "imported": one.count("imported"), "requests": len(lines),
            "bundle_bytes": size, "feed_bytes": feed_bytes, "wire_bytes": wire, "body_bytes": body,
            "ratio": round(wire / size, 3), "goal_max": GOAL_ONE_NEW_RATIO, "met": one.count("imported") == 1 and wire / size <= GOAL_ONE_NEW_RATIO,
        },
    }


CHILD = r"""
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from reader.core.sync import fetch_to_folder
from reader.core.transport import HttpSource, HttpxFetcher
from reader.core.trust import TrustStore

def status_mb(field):
    # VmHWM, not ru_maxrss: a child started with vfork/exec inherits its parent's ru_maxrss.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0

url, dest, trust_dir = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
trust = TrustStore(trust_dir)
source = HttpSource([url], HttpxFetcher())
from reader.core.bundle import verify_bundle
idle = status_mb("VmRSS")
peak_before = status_mb("VmHWM")
start = time.perf_counter()
report = fetch_to_folder(source, dest, trust)
seconds = time.perf_counter() - start
peak = status_mb("VmHWM")
start = time.perf_counter()
for path in dest.rglob("*.dtnb"):
    verify_bundle(path, trust)  # the verify part alone, once more from the page cache
verify_s = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "verify_s": verify_s, "idle_rss_mb": idle, "peak_rss_mb": peak,
                  "peak_before_mb": peak_before, "ok": report.ok, "statuses": [r.status for r in report.results]}))
"""


def throughput_figures(site, work: Path, big_bytes: int, runs: int) -> dict:
    from reader.core.feed import write_feed
    from reader.core.minisign import SecretKey
    from reader.core.trust import TrustStore

    publisher, feed_key = bench_key(), SecretKey.generate()
    manifest, members = big_edition(big_bytes)
    size = _write_bundle(site.root / "big.dtnb", manifest, members, publisher)
    write_feed(site.root, feed_key)
    trust = TrustStore(work / "trust")
    trust.add(publisher.public.to_file(), name="bench", role="publisher")
    trust.add(feed_key.public.to_file(), name="bench feed", role="feed")
    curl = shutil.which("curl")
    reader_s, curl_s, children = [], [], []
    for run in range(runs):
        dest = work / f"stick-{run}"
        out = subprocess.run([sys.executable, "-c", CHILD, str(REPO_ROOT), site.url, str(dest), str(work / "trust")],
                             capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        child = json.loads(out.stdout)
        if not child["ok"]:
            raise RuntimeError(f"the fetch failed: {child}")
        children.append(child)
        reader_s.append(child["seconds"])
        shutil.rmtree(dest)
        if curl:
            target = work / "curl.out"
            start = time.perf_counter()
            subprocess.run([curl, "-sS", "-o", str(target), f"{site.url}big.dtnb"], check=True, timeout=CHILD_TIMEOUT_S)
            curl_s.append(time.perf_counter() - start)
            target.unlink()
    reader_med = statistics.median(reader_s)
    result = {
        "bundle_bytes": size, "runs": runs, "reader_runs_s": [round(s, 3) for s in reader_s],
        "reader_mb_s": round(size / reader_med / 1e6, 1),
        "verify_alone_s": round(statistics.median(c["verify_s"] for c in children), 3),
        "idle_rss_mb": round(statistics.median(c["idle_rss_mb"] for c in children), 1),
        "peak_rss_mb": round(statistics.median(c["peak_rss_mb"] for c in children), 1),
    }
    result["peak_above_idle_mb"] = round(result["peak_rss_mb"] - result["idle_rss_mb"], 1)
    result["memory_goal_max_mb"] = GOAL_PEAK_ABOVE_IDLE_MB
    result["memory_met"] = result["peak_above_idle_mb"] <= GOAL_PEAK_ABOVE_IDLE_MB
    if curl_s:
        curl_med = statistics.median(curl_s)
        result.update({
            "curl_runs_s": [round(s, 3) for s in curl_s], "curl_mb_s": round(size / curl_med / 1e6, 1),
            "ratio": round(curl_med / reader_med, 2), "goal_min": GOAL_THROUGHPUT_RATIO, "met": curl_med / reader_med >= GOAL_THROUGHPUT_RATIO,
        })
    else:
        result.update({"ratio": None, "met": None, "curl": "missing"})
    return result


def table(results: dict) -> str:
    def met(flag):
        return "-" if flag is None else ("yes" if flag else "**no**")

    u, o, t = results["unchanged"], results["one_new"], results["big_download"]
    rows = [
        ("unchanged feed: requests", f"{u['requests']} ({', '.join(u['statuses'])})", f"{u['body_bytes']} body bytes, {u['wire_bytes']} on the wire",
         "", f"{GOAL_UNCHANGED_REQUESTS}, 0 bundle bytes", met(u["met"])),
        (f"{o['entries']}-entry feed, one new edition: bytes", f"{o['wire_bytes']:,} B", f"bundle {o['bundle_bytes']:,} B (feed.json {o['feed_bytes']:,} B)",
         f"{o['ratio']:.3f}", f"≤ {GOAL_ONE_NEW_RATIO}", met(o["met"])),
        (f"{t['bundle_bytes'] // 1_000_000} MB bundle: fetch and verify", f"{t['reader_mb_s']} MB/s",
         f"curl {t.get('curl_mb_s', 'missing')} MB/s", f"{t['ratio']}" if t.get("ratio") is not None else "", f"≥ {GOAL_THROUGHPUT_RATIO}", met(t.get("met"))),
        ("fetch: peak memory above idle", f"{t['peak_above_idle_mb']} MB", f"idle {t['idle_rss_mb']} MB, peak {t['peak_rss_mb']} MB",
         "", f"≤ {GOAL_PEAK_ABOVE_IDLE_MB} MB", met(t["memory_met"])),
    ]
    header = ("figure", "DTN Reader", "baseline", "ratio", "goal", "met")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries of the big feed (default 1000)")
    parser.add_argument("--big-mb", type=int, default=100, help="size of the big bundle in MB (default 100)")
    parser.add_argument("--runs", type=int, default=5, help="runs of the big download, median (default 5)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    from bench.measure import machine_info as machine
    from tests.helpers import nginx

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dtn-bench-sync-") as tmp:
        work = Path(tmp)
        for name in ("site-feed", "site-big"):
            (work / name).mkdir()
        with nginx.serve(work / "site-feed", work / "nginx-feed") as site:
            results = feed_figures(site, work / "feed", args.entries)
        with nginx.serve(work / "site-big", work / "nginx-big") as site:
            results["big_download"] = throughput_figures(site, work / "big", args.big_mb * 1024 * 1024, args.runs)
    results["machine"] = machine()
    results["config"] = {"entries": args.entries, "big_mb": args.big_mb, "runs": args.runs,
                         "new_edition_bytes": NEW_EDITION_BYTES, "server": "nginx " + subprocess.run(
                             [nginx.binary(), "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]}
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(table(results))
    print(f"written to {os.path.relpath(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
