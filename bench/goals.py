"""The ``goals`` list of results.json: one entry per row of issue 15's table.

Each entry is ``{"figure", "value", "unit", "floor", "ratio", "goal", "met"}``; a figure
the run did not measure has ``value`` None and ``met`` None, never a guess.
"""

from __future__ import annotations

from bench.config import (
    CHAPTER_OPEN_P95_GOAL_MS,
    DEEP_CHECK_RATIO_GOAL,
    FIRST_PAINT_RATIO_GOAL,
    IMPORT_DURABLE_RATIO_GOAL,
    IMPORT_PEAK_GOAL_MB,
    LEVEL_PAINTED_RATIO_GOAL,
    MEMORY_RATIO_GOAL,
    REBUILD_EPS_GOAL,
    REBUILD_PEAK_GOAL_MB,
    SEARCH_P95_GOAL_MS,
    SEARCH_VIEW_P95_GOAL_MS,
)


def _goal(figure: str, value, unit: str, floor, ratio, goal: str, met) -> dict:
    if value is None:
        met = None
    return {"figure": figure, "value": value, "unit": unit, "floor": floor,
            "ratio": None if ratio is None else round(ratio, 3), "goal": goal, "met": met}


def _div(a, b):
    return a / b if a is not None and b else None


def goals(results: dict) -> list[dict]:
    s = results.get("startup") or {}
    m = results.get("memory") or {}
    q = results.get("search") or {}
    i = results.get("import") or {}
    r = results.get("rebuild") or {}
    d = results.get("deep_check") or {}
    measured = s.get("status") == "measured"
    bare = s.get("bare_first_paint_ms") if measured else None
    first = s.get("app_first_paint_ms") if measured else None
    # The level badge painted (self-test level_shown_ms); before that was measured, the overview loaded.
    level = (s.get("app_level_shown_ms") or s.get("app_overview_loaded_ms")) if measured else None
    chapter = s.get("chapter_open_p95_ms") if measured else None
    first_ratio, level_ratio = _div(first, bare), _div(level, bare)
    p95, rg_p95 = q.get("p95_ms"), q.get("rg_p95_ms")
    view_p95 = q.get("search_view_p95_ms")
    mem = m.get("ratio") if m.get("status") == "measured" else None
    durable = i.get("floor_with_prefix_index_per_edition_transactions_editions_per_s")
    eps, peak = i.get("editions_per_s"), i.get("peak_rss_mb")
    import_ratio = _div(eps, durable)
    reb_eps, reb_peak = r.get("editions_per_s"), r.get("peak_rss_mb")
    # The rebuild's floor (shown beside it; the goal is absolute): a bare FTS5 table with the
    # prefix index and the rebuild's hash table, written in one transaction.
    reb_floor = r.get("floor_with_prefix_index_rebuild_hashsize_editions_per_s")
    deep_ratio = d.get("ratio")
    return [
        _goal("first paint against a bare window", first, "ms", bare, first_ratio,
              f"ratio <= {FIRST_PAINT_RATIO_GOAL}", first_ratio is not None and first_ratio <= FIRST_PAINT_RATIO_GOAL),
        _goal("process start to the current level painted on the overview, against the bare window's first paint",
              level, "ms", bare, level_ratio, f"ratio <= {LEVEL_PAINTED_RATIO_GOAL}",
              level_ratio is not None and level_ratio <= LEVEL_PAINTED_RATIO_GOAL),
        _goal("search p95, the bench's query set", p95, "ms", rg_p95, _div(p95, rg_p95),
              f"<= {SEARCH_P95_GOAL_MS} ms and faster than ripgrep at p95 (ratio < 1)",
              p95 is not None and rg_p95 is not None and p95 <= SEARCH_P95_GOAL_MS and p95 < rg_p95),
        _goal("the search view's type-ahead (prefix, limit 100) p95", view_p95, "ms", None, None,
              f"<= {SEARCH_VIEW_P95_GOAL_MS} ms", view_p95 is not None and view_p95 <= SEARCH_VIEW_P95_GOAL_MS),
        _goal("opening a chapter (selection to text shown) p95 over the self-test runs", chapter, "ms", None, None,
              f"<= {CHAPTER_OPEN_P95_GOAL_MS} ms", chapter is not None and chapter <= CHAPTER_OPEN_P95_GOAL_MS),
        _goal("window with the library open, RSS against a bare window", m.get("app_rss_mb") if mem else None, "MB",
              m.get("bare_rss_mb"), mem, f"ratio <= {MEMORY_RATIO_GOAL}", mem is not None and mem <= MEMORY_RATIO_GOAL),
        _goal("import against the durable floor (FTS5 + prefix index, a durable commit per edition)", eps, "editions/s",
              durable, import_ratio, f"ratio >= {IMPORT_DURABLE_RATIO_GOAL}, peak <= {IMPORT_PEAK_GOAL_MB} MB (peak {peak} MB)",
              import_ratio is not None and peak is not None
              and import_ratio >= IMPORT_DURABLE_RATIO_GOAL and peak <= IMPORT_PEAK_GOAL_MB),
        _goal("rebuild from the store", reb_eps, "editions/s",
              reb_floor, _div(reb_eps, reb_floor),
              f">= {REBUILD_EPS_GOAL} editions/s, peak <= {REBUILD_PEAK_GOAL_MB} MB (peak {reb_peak} MB)",
              reb_eps is not None and reb_peak is not None and reb_eps >= REBUILD_EPS_GOAL and reb_peak <= REBUILD_PEAK_GOAL_MB),
        _goal("deep check (re-hash and re-verify the store, compare the index) against sha256 over the same bytes",
              d.get("mb_s"), "MB/s", d.get("sha256_mb_s"), deep_ratio, f"ratio >= {DEEP_CHECK_RATIO_GOAL}",
              deep_ratio is not None and deep_ratio >= DEEP_CHECK_RATIO_GOAL),
    ]
