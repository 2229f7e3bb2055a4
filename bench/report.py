"""The results as a Markdown table (printed, and pasted into docs/performance.md)."""

from __future__ import annotations


def _met(flag: bool | None) -> str:
    if flag is None:
        return "-"
    return "yes" if flag else "**no**"


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    """Every figure of the run with its floor; the goals are in the goals list (goals_table)."""
    out = []
    s = results.get("startup", {})
    if s.get("status") == "measured":
        out.append(("startup: first paint", f"{s['app_first_paint_ms']:.0f} ms", f"bare window {s['bare_first_paint_ms']:.0f} ms",
                    f"{s['ratio']:.2f}"))
        if s.get("app_overview_loaded_ms") is not None:
            out.append(("startup: current level on the overview", f"{s['app_overview_loaded_ms']:.0f} ms",
                        f"bare window's first paint {s['bare_first_paint_ms']:.0f} ms",
                        f"{s['app_overview_loaded_ms'] / s['bare_first_paint_ms']:.2f}"))
        if s.get("chapter_open_p95_ms") is not None:
            out.append(("opening a chapter: median / p95", f"{s['chapter_open_median_ms']:.1f} / {s['chapter_open_p95_ms']:.1f} ms", "", ""))
    else:
        out.append(("startup: first paint", "missing", s.get("reason", ""), ""))
    v = results["verify"]
    out.append(("verify (big bundle; goal of issue 7: ≥ 0.8)", f"{v['verify_mb_s']:.0f} MB/s", f"sha256 {v['sha256_mb_s']:.0f} MB/s",
                f"{v['ratio']:.2f}"))
    i = results["import"]
    out.append(("import", f"{i['editions_per_s']:.1f} editions/s", f"bare FTS5, one transaction {i['floor_editions_per_s']:.1f} editions/s",
                f"{i['ratio']:.2f}"))
    if i.get("floor_with_prefix_index_per_edition_transactions_editions_per_s"):
        durable = i["floor_with_prefix_index_per_edition_transactions_editions_per_s"]
        out.append(("import: floor as the library must write", f"{i['editions_per_s']:.1f} editions/s",
                    f"FTS5 + prefix index, a durable commit per edition {durable:.1f} editions/s",
                    f"{i['editions_per_s'] / durable:.2f}"))
    out.append(("import: peak memory", f"{i['peak_rss_mb']:.0f} MB", f"before import {i['rss_before_mb']:.0f} MB", ""))
    q = results["search"]
    rg_m = f"ripgrep {q['rg_median_ms']:.1f} ms" if q.get("rg_median_ms") is not None else "ripgrep missing"
    rg_p = f"ripgrep {q['rg_p95_ms']:.1f} ms" if q.get("rg_p95_ms") is not None else "ripgrep missing"
    out.append(("search: median", f"{q['median_ms']:.2f} ms", rg_m,
                f"{q['speedup_vs_rg_median']:.0f}× faster" if "speedup_vs_rg_median" in q else ""))
    out.append(("search: p95", f"{q['p95_ms']:.2f} ms", rg_p,
                f"{q['speedup_vs_rg_p95']:.0f}× faster" if "speedup_vs_rg_p95" in q else ""))
    if q.get("search_view_p95_ms") is not None:
        out.append(("search as the search view asks: median / p95", f"{q['search_view_median_ms']:.1f} / {q['search_view_p95_ms']:.1f} ms",
                    "limit 100, type-ahead prefix", ""))
    r = results["rebuild"]
    out.append(("rebuild from store", f"{r['editions_per_s']:.1f} editions/s",
                f"{r['editions']} editions in {r['seconds']:.1f} s, peak {r['peak_rss_mb']:.0f} MB", ""))
    d = results.get("deep_check") or {}
    if d.get("mb_s") is not None:
        out.append(("deep check", f"{d['mb_s']:.1f} MB/s", f"sha256 over the same {d['bundles']} files {d['sha256_mb_s']:.0f} MB/s",
                    f"{d['ratio']:.3f}"))
    m = results.get("memory", {})
    if m.get("status") == "measured":
        out.append(("memory: window, library open", f"{m['app_rss_mb']:.0f} MB", f"bare window {m['bare_rss_mb']:.0f} MB",
                    f"{m['ratio']:.2f}"))
        if m.get("app_rss_settled_mb") is not None:
            out.append((f"memory: the same, {m['settled_after_s']:.0f} s later (store check done)", f"{m['app_rss_settled_mb']:.0f} MB",
                        f"bare window {m['bare_rss_mb']:.0f} MB", f"{m['settled_ratio']:.2f}"))
    else:
        out.append(("memory: window, library open", "missing", m.get("reason", ""), ""))
    return out


def _shown(value) -> str:
    if value is None:
        return "not measured"
    return f"{value:g}" if isinstance(value, float) else str(value)


def goals_table(results: dict) -> str:
    """The goals list (issue 15) as a Markdown table."""
    header = ("figure", "value", "floor", "ratio", "goal", "met")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for g in results.get("goals", []):
        value = _shown(g["value"]) + (f" {g['unit']}" if g["value"] is not None else "")
        floor = _shown(g["floor"]) if g["floor"] is not None else ""
        ratio = _shown(g["ratio"]) if g["ratio"] is not None else ""
        lines.append(f"| {g['figure']} | {value} | {floor} | {ratio} | {g['goal']} | {_met(g['met'])} |")
    return "\n".join(lines)


def table(results: dict) -> str:
    header = ("figure", "DTN Reader", "floor / baseline", "ratio")
    body = rows(results)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    mc = results["machine"]
    cfg = results["config"]
    lines.append("")
    lines.append(
        f"{cfg['editions']} editions, {cfg['runs']} runs per figure (median); {mc['cpu']}, {mc['cores']} cores, "
        f"{mc['memory_gb']} GB; Python {mc['python']}, Qt {mc['qt']}, SQLite {mc['sqlite']}; {mc['date']}"
    )
    if results.get("goals"):
        lines += ["", goals_table(results)]
    return "\n".join(lines)
