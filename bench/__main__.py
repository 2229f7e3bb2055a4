"""``python -m bench``: generate (or reuse) the synthetic library, measure, print a table, write JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from bench import measure
from bench.config import REPO_ROOT, BenchConfig
from bench.generate import describe, ensure_corpus
from bench.goals import goals
from bench.report import table


def parse_args(argv: list[str]) -> BenchConfig:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--editions", type=int, help="editions in the synthetic library (default 1000; --quick: 30)")
    parser.add_argument("--quick", action="store_true", help="a small run: 30 editions, a 10 MB big bundle, 3 runs, 15 queries")
    parser.add_argument("--runs", type=int, help="runs per figure; each figure is their median (default 5; --quick: 3)")
    parser.add_argument("--out", type=Path, help="where to write the results (default bench/results.json for the full run, "
                        "bench/work/results-quick.json for --quick, bench/work/results-nN-rR.json for other sizes)")
    parser.add_argument("--work", type=Path, help="cache folder of the generated inputs (default bench/work)")
    parser.add_argument("--scale", metavar="N,N,...", help="run at several library sizes (e.g. 100,1000; 10000 is opt-in), "
                        "write bench/results-scale.json and a plot per figure into docs/performance/")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also write pyinstrument profiles of verify, import and rebuild")
    args = parser.parse_args(argv)
    config = BenchConfig.quick_defaults() if args.quick else BenchConfig()
    overrides = {}
    if args.editions is not None:
        if args.editions < 2:
            parser.error("--editions must be at least 2")
        overrides["editions"] = args.editions
    if args.runs is not None:
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        overrides["runs"] = args.runs
    if args.out is not None:
        overrides["out"] = args.out
    if args.work is not None:
        overrides["work_dir"] = args.work
    if args.profile is not None:
        overrides["profile_dir"] = args.profile
    if args.scale:
        overrides["scale"] = tuple(_sizes(parser, args.scale))
    config = replace(config, **overrides)
    if args.out is None and not config.quick and (config.editions, config.runs) != (BenchConfig.editions, BenchConfig.runs):
        # Only the full run writes the committed results; a partial one writes beside its inputs.
        config = replace(config, out=config.work_dir / f"results-n{config.editions}-r{config.runs}.json")
    return config


SCALE_OUT = REPO_ROOT / "bench" / "results-scale.json"
MAX_SCALE_EDITIONS = 10_000


def _sizes(parser: argparse.ArgumentParser, text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        parser.error(f"--scale takes sizes separated by commas, like 100,1000; not {text!r}")
    if len(sizes) < 2 or sizes[0] < 2 or sizes[-1] > MAX_SCALE_EDITIONS:
        parser.error(f"--scale needs at least two sizes from 2 to {MAX_SCALE_EDITIONS}")
    return sizes


def shown(path: Path) -> str:
    """A path as results.json shows it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    config = parse_args(sys.argv[1:] if argv is None else argv)
    if not config.scale:
        run(config)
        return 0
    from bench.plot import PLOT_DIR, plot_all

    # A --quick scale run never replaces the committed plots (its runs are in results-scale.json).
    committed = not config.quick
    scale_out = SCALE_OUT if committed else config.work_dir / "results-scale.json"
    plot_dir = PLOT_DIR if committed else config.work_dir / "plots"
    runs = []
    for n in config.scale:
        say(f"--- {n} editions ---")
        # The full run's size and runs, in a committed scale run, is the full run: it writes
        # bench/results.json as `python -m bench` would, so one command refreshes both.
        full = committed and (n, config.runs) == (BenchConfig.editions, BenchConfig.runs)
        out = BenchConfig.out if full else config.work_dir / f"results-scale-n{n}.json"
        runs.append(run(replace(config, editions=n, out=out)))
    scale = {
        "sizes": list(config.scale),
        "runs": config.runs,
        "machine": runs[-1]["machine"],
        "goals": {str(r["corpus"]["editions"]): r["goals"] for r in runs},
        "plots": plot_all(runs, plot_dir),
    }
    scale_out.parent.mkdir(parents=True, exist_ok=True)
    scale_out.write_text(json.dumps(scale, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for p in scale["plots"]:
        say(f"  {p['growth_exponent']}  {p['png']}  ({p['figure']})")
    say(f"wrote {scale_out}")
    return 0


def run(config: BenchConfig) -> dict:
    started = time.perf_counter()
    corpus = ensure_corpus(config, say)
    results: dict = {
        "machine": measure.machine_info(),
        "config": {k: shown(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "corpus": {k: shown(Path(v)) if k == "root" else v for k, v in describe(corpus).items()},
    }
    steps = (
        ("verify", lambda: measure.measure_verify(corpus, config)),
        ("import", lambda: measure.measure_import(corpus, config)),
        ("search", lambda: measure.measure_search(corpus, config)),
        ("startup+memory", lambda: measure.measure_startup_and_memory(corpus, config)),
        ("rebuild", lambda: measure.measure_rebuild(corpus, config)),
        ("deep_check", lambda: measure.measure_deep_check(corpus, config)),
    )
    for name, step in steps:
        say(f"measuring {name} ...")
        t = time.perf_counter()
        value = step()
        if name == "startup+memory":
            results["startup"], results["memory"] = value
        else:
            results[name] = value
        say(f"  {name}: {time.perf_counter() - t:.1f} s")
    results["goals"] = goals(results)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    say(f"wrote {config.out}")
    return results


if __name__ == "__main__":
    sys.exit(main())
