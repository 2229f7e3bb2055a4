"""Render the application icon from resources/icons/dtn-reader.svg.

Writes next to the SVG:
  dtn-reader-<N>.png   N in PNG_SIZES (window icon, Linux hicolor theme)
  dtn-reader.ico       Windows executable icon (PNG-compressed entries, 16..256 px)
  dtn-reader.icns      macOS icon (PNG-compressed entries, 16..512 px)

Usage:  python packaging/make_icons.py [--check]
--check exits 1 if any output is missing, without writing anything.
Needs PySide6 (QtSvg); runs offscreen, no display needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICON_DIR / "dtn-reader.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types with PNG payloads (Apple's icns format, OS X 10.7+).
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"), (512, b"ic09"))


def outputs() -> list[Path]:
    """Every file this script writes."""
    return [ICON_DIR / f"dtn-reader-{n}.png" for n in PNG_SIZES] + [ICON_DIR / "dtn-reader.ico", ICON_DIR / "dtn-reader.icns"]


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered to a square transparent PNG of ``size`` pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"make_icons: could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding each PNG as one entry (PNG entries: Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG entries."""
    body = b""
    for size, kind in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def make_icons() -> list[Path]:
    """Render every output; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive while painting)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {n for n, _ in ICNS_TYPES})
    pngs = {n: render_png(SVG, n) for n in sizes}
    written = []
    for n in PNG_SIZES:
        path = ICON_DIR / f"dtn-reader-{n}.png"
        path.write_bytes(pngs[n])
        written.append(path)
    for path, data in ((ICON_DIR / "dtn-reader.ico", ico_bytes({n: pngs[n] for n in ICO_SIZES})),
                       (ICON_DIR / "dtn-reader.icns", icns_bytes(pngs))):
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that every output exists")
    args = parser.parse_args(argv)
    if args.check:
        missing = [p for p in outputs() if not p.is_file()]
        for path in missing:
            print(f"missing: {path}")
        return 1 if missing else 0
    for path in make_icons():
        print(f"wrote {path.relative_to(ICON_DIR.parents[1])} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
