"""How each goal figure grows with library size: one PNG per figure, drawn with QPainter offscreen.

``python -m bench --scale 100,1000[,10000]`` runs the whole bench at each size, writes
``bench/results-scale.json`` and these plots into ``docs/performance/``.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from bench.config import REPO_ROOT

PLOT_DIR = REPO_ROOT / "docs" / "performance"
PLOT_SIZE_PX = (640, 400)
MARGIN_PX = (70, 30, 30, 60)  # left, top, right, bottom


def slug(figure: str) -> str:
    words = re.findall(r"[a-z0-9]+", figure.lower())
    return "-".join(words[:6])


def series(runs: list[dict]) -> dict[str, dict]:
    """For every goal figure: its unit and the (editions, value) points that were measured."""
    out: dict[str, dict] = {}
    for run in runs:
        n = run["corpus"]["editions"]
        for g in run.get("goals", []):
            entry = out.setdefault(g["figure"], {"unit": g["unit"], "points": []})
            if g["value"] is not None:
                entry["points"].append((n, g["value"]))
    return out


def growth(points: list[tuple[int, float]]) -> float | None:
    """The exponent k of value ~ editions^k between the smallest and largest size (1 = linear)."""
    pts = sorted(points)
    if len(pts) < 2 or pts[0][1] <= 0 or pts[-1][1] <= 0 or pts[0][0] == pts[-1][0]:
        return None
    (n0, v0), (n1, v1) = pts[0], pts[-1]
    return math.log(v1 / v0) / math.log(n1 / n0)


def draw(figure: str, unit: str, points: list[tuple[int, float]], out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a QGuiApplication: in a process that later makes widgets (the test
    # suite does), a QGuiApplication left behind makes the first QWidget abort.
    _app = QApplication.instance() or QApplication([])
    w, h = PLOT_SIZE_PX
    left, top, right, bottom = MARGIN_PX
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pts = sorted(points)
    xs = [math.log10(n) for n, _ in pts]
    # Both axes logarithmic: a straight line's slope is the growth exponent (1 = linear).
    first_n, first_v = pts[0]
    # The dashed reference is linear cost: a value that grows with size, or a rate that stays flat.
    rate = unit.endswith("/s")
    linear = [(n, first_v if rate else first_v * n / first_n) for n, _ in pts]
    values = [v for _, v in pts + linear if v > 0] or [1.0]
    y0, y1 = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2
    x0, x1 = (min(xs) - 0.1, max(xs) + 0.1) if xs else (0, 1)
    plot = QRectF(left, top, w - left - right, h - top - bottom)

    def at(n: int, v: float) -> QPointF:
        y = math.log10(max(v, 10**y0))
        return QPointF(plot.left() + (math.log10(n) - x0) / (x1 - x0) * plot.width(),
                       plot.bottom() - (y - y0) / (y1 - y0) * plot.height())

    p.setPen(QPen(QColor("black"), 1))
    p.drawRect(plot)
    p.drawText(QRectF(0, 0, w, top), Qt.AlignmentFlag.AlignCenter, figure[:90])
    p.drawText(QRectF(0, h - 25, w, 25), Qt.AlignmentFlag.AlignCenter, "editions in the library (log scale)")
    for i in range(5):
        v = 10 ** (y0 + (y1 - y0) * i / 4)
        y = plot.bottom() - plot.height() * i / 4
        p.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{v:.3g}")
    p.save()
    p.translate(12, plot.center().y())
    p.rotate(-90)
    p.drawText(QRectF(-80, -8, 160, 16), Qt.AlignmentFlag.AlignCenter, f"{unit} (log scale)")
    p.restore()
    for n, _v in pts:
        x = at(n, 0).x()
        p.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 16), Qt.AlignmentFlag.AlignCenter, f"{n:,}")
    p.setPen(QPen(QColor("#888888"), 1, Qt.PenStyle.DashLine))
    for a, b in zip(linear, linear[1:]):
        p.drawLine(at(*a), at(*b))
    p.drawText(QRectF(plot.left() + 8, plot.top() + 4, plot.width() - 16, 16), Qt.AlignmentFlag.AlignLeft, "dashed: linear cost from the first point" + (" (a flat rate)" if rate else ""))
    p.setPen(QPen(QColor("#1f5fa8"), 2))
    for a, b in zip(pts, pts[1:]):
        p.drawLine(at(*a), at(*b))
    p.setBrush(QColor("#1f5fa8"))
    for n, v in pts:
        p.drawEllipse(at(n, v), 4, 4)
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")


def plot_all(runs: list[dict], folder: Path = PLOT_DIR) -> list[dict]:
    """Draw every figure with at least one point; returns what was drawn, with its growth exponent."""
    drawn = []
    for figure, entry in series(runs).items():
        if not entry["points"]:
            continue
        out = folder / f"{slug(figure)}.png"
        draw(figure, entry["unit"], entry["points"], out)
        k = growth(entry["points"])
        drawn.append({"figure": figure, "png": str(out.relative_to(REPO_ROOT)) if out.is_relative_to(REPO_ROOT) else str(out),
                      "points": entry["points"], "growth_exponent": None if k is None else round(k, 2)})
    return drawn
