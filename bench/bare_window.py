"""The floor for startup and memory: a bare PySide6 window, timed as ``main.py --self-test`` times itself.

Run as a script (``python bench/bare_window.py``), like ``python main.py``: it
prints one JSON line with ``first_paint_ms`` (at the window's first Paint
event, from process start read from /proc/self/stat exactly as
reader.ui.app.process_start_time does, else from the first line of this
script) and ``rss_kb`` (VmRSS after the first paint).
"""

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

# Same size as a typical first window; the content does not matter for the floor.
WINDOW_SIZE_PX = (1200, 800)


def process_start_time() -> float | None:
    """``time.perf_counter()`` at the moment this process started (the same method as the app:
    the kernel's start tick, taken at its middle, against CLOCK_BOOTTIME)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        age_s = time.clock_gettime(time.CLOCK_BOOTTIME) - (start_ticks + 0.5) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    if not 0 <= age_s < 600:
        return None
    return time.perf_counter() - age_s


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    started = process_start_time() or STARTED
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(*WINDOW_SIZE_PX)

    class PaintWatcher(QObject):
        """Takes the time at the window's first Paint event, as the app's self-test does."""

        first_paint_ms: float | None = None

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if self.first_paint_ms is None and obj is window and event.type() == QEvent.Type.Paint:
                self.first_paint_ms = round((time.perf_counter() - started) * 1000, 1)
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        result = {"ok": True, "first_paint_ms": watcher.first_paint_ms, "rss_kb": rss_kb()}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        app.exit(0)

    watcher = PaintWatcher()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
