"""The application: command line, language, style, the main window, and the library opened
in the background after the window is on screen (with the demo library on a first start).

``python main.py [--library DIR] [--lang nl|en] [--no-demo] [--self-test]``
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reader.core.paths import resource_path
from reader.ui import i18n
from reader.ui.prefs import Preferences

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

SETTING_NO_DEMO = "no_demo"  # the same key as reader.core.demo.SETTING_NO_DEMO, imported lazily there
# How long the self-test may take in all before it fails, in seconds.
SELF_TEST_TIMEOUT_S = 60
SELF_TEST_QUERY = "dreiging"
# Build the views this long after show() even if no paint was seen, in milliseconds.
FIRST_PAINT_FALLBACK_MS = 1000
# The bounded store check starts this long after the library is open, in milliseconds: not
# while the person's first clicks (a chapter, a search) want the disk and the cores.
STORE_CHECK_DELAY_MS = 5000
# Styles that do not follow a dark colour scheme; Fusion does (through the palette).
_STYLES_WITHOUT_DARK = ("windows", "windowsvista")


class Options(NamedTuple):  # not a dataclass: importing dataclasses costs start-up time
    library: Path
    language: str | None = None  # --lang; None: the stored setting
    no_demo: bool = False
    self_test: bool = False
    qt_args: tuple[str, ...] = ()
    settings: Path | None = None  # --settings: the person's settings file; None: $DTN_SETTINGS or the platform's place
    settle_s: float = 0.0  # --self-test-settle: also the memory this many seconds after the steps, the store check done


def parse_args(argv: list[str]) -> Options:
    """Our options; anything else (e.g. Qt's own -style) is passed on to Qt."""
    parser = argparse.ArgumentParser(prog="dtn-reader", description="DTN Reader: read signed DTN editions offline.")
    parser.add_argument("--library", metavar="DIR", type=Path, help="the library folder (default: $DTN_LIBRARY or the user data folder)")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="the language of the window (default: the stored setting, else nl)")
    parser.add_argument("--settings", metavar="FILE", type=Path, help="keep your own settings (language, window, folders) in this file")
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo library into an empty library (and remember that)")
    parser.add_argument("--self-test", action="store_true", help="open the window offscreen, show the main views, print timings as JSON, exit")
    parser.add_argument("--self-test-settle", metavar="SECONDS", type=float, default=0.0,
                        help="with --self-test: also report the memory this many seconds after the steps, once the store check after the start has run")
    args, rest = parser.parse_known_args(argv)
    if args.library is not None:
        library = args.library.expanduser()
    else:
        from reader.core.paths import default_library_dir

        library = default_library_dir()
    return Options(library.resolve(), args.lang, args.no_demo, args.self_test, tuple(rest), args.settings, max(0.0, args.self_test_settle))


def process_start_time() -> float | None:
    """``time.perf_counter()`` at the moment this process started, where the OS tells (Linux).

    The kernel keeps the start in clock ticks (10 ms) of CLOCK_BOOTTIME; read against that clock
    and taken at the middle of its tick, the estimate is within half a tick either way, whenever
    it is read. (Against /proc/uptime, itself in 10 ms steps, a median of runs was off by up to
    5 ms, depending on when in the start-up it was read.)
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime
        age_s = time.clock_gettime(time.CLOCK_BOOTTIME) - (start_ticks + 0.5) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    if not 0 <= age_s < 600:
        return None
    return time.perf_counter() - age_s


def resident_memory_kb() -> int | None:
    """Resident memory (VmRSS) of this process in KiB, where the OS tells (Linux); for the self-test."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def stored_language(prefs: Preferences) -> str | None:
    """The language the person chose last (their own settings, not the library's)."""
    return prefs.language(i18n.LANGUAGES)


def follow_color_scheme(app: QApplication, qt_args: tuple[str, ...] = ()) -> None:
    """Switch to Fusion only when the platform style would ignore a dark colour scheme.

    Such a style is Windows' own or one asked for (-style, QT_STYLE_OVERRIDE); elsewhere neither
    the style nor the scheme is looked at. Before the first paint, the style's first use from
    Python costs PySide6 about 5 ms and the scheme's (the first Qt.* enum) about 15 ms.
    """
    asked = os.environ.get("QT_STYLE_OVERRIDE") or any(arg.lstrip("-").startswith("style") for arg in qt_args)
    if not (sys.platform == "win32" or asked):
        return
    if app.style().name().lower() not in _STYLES_WITHOUT_DARK:
        return
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark:
        app.setStyle("Fusion")


class StartupState(NamedTuple):
    recovery: list[str]
    empty: bool
    load_demo: bool


def _open_library(no_demo: bool):
    def task(lib, handle) -> StartupState:
        recovery = lib.recover()
        if no_demo:
            lib.set_setting(SETTING_NO_DEMO, "1")
        empty = lib.is_empty()
        return StartupState(recovery, empty, empty and lib.setting(SETTING_NO_DEMO, "0") != "1")

    return task


def _peek_current(folder: Path):
    def task(_lib, _handle):
        # The current level as the index says it now, before the library opens (None: not at once).
        from reader.core.library.current import peek_current_edition

        return peek_current_edition(folder)

    return task


def _load_demo(lib, handle) -> list:
    from reader.core.demo import load_demo

    return load_demo(lib, handle.progress, handle.cancel_event)


class ReaderApp(QObject):
    """Owns the translators, the task runner, the context and the main window.

    Signals:
        library_loaded: the library is open (and the demo library loaded on a first start).
        library_failed(str): the library could not be opened; the message says why.
        demo_loaded(int): the demo library was loaded on a first start (that many bundles).
        library_waited: a change waits for another program changing the library (emitted on
            a worker thread; the status bar says so).
        level_shown: the overview has painted a level it did not show before (the current
            level, read before the library opened; or a new one once it is open).
        store_checked: the bounded store check after the start has finished (or failed).
    """

    library_loaded = Signal()
    library_failed = Signal(str)
    demo_loaded = Signal(int)
    library_waited = Signal()
    level_shown = Signal()
    store_checked = Signal()

    def __init__(self, options: Options, app: QApplication) -> None:
        super().__init__()
        self.options = options
        self.app = app
        self.prefs = Preferences(options.settings)
        self.language = options.language or stored_language(self.prefs) or i18n.DEFAULT_LANGUAGE
        self.translators: list = []
        self._previous_locale = QLocale()
        self._apply_language(self.language)
        from reader.ui.context import AppContext
        from reader.ui.tasks import TaskRunner

        self.tasks = TaskRunner(options.library, on_wait=lambda _message: self.library_waited.emit())
        from reader.ui.scheme import SCHEMES, SchemeSwitcher

        self.schemes = SchemeSwitcher(app)
        scheme = self.prefs.scheme(SCHEMES)
        if scheme is not None:
            self.schemes.apply(scheme)
        self.ctx = AppContext(options.library, self.tasks, self.language, schemes=self.schemes, prefs=self.prefs)
        self.library_waited.connect(self._on_library_waited)
        self.window = None
        self.loaded = False
        self._closed = False
        self._open_submitted = False
        self._rest_started = False  # the open and the other views, after the current level is on screen
        self._progress = ""  # what the window shows while the library opens
        self._notice = ""  # a message for the overview (the demo library was loaded)
        self._guide_offered = False  # the first-run guide is offered once per start
        self._store_check_started = False  # the bounded store check runs once per start
        self.store_check_done = False  # ... and has finished (store_checked was emitted)

    # --- language ------------------------------------------------------------------------

    def _apply_language(self, language: str) -> None:
        i18n.remove(self.app, self.translators)
        self.translators = i18n.install(self.app, language)
        QLocale.setDefault(i18n.locale_for(language))

    def set_language(self, language: str) -> None:
        """Switch the language now: new translators, and the window built again in it."""
        if language == self.language:
            return
        self.language = language
        self.ctx.language = language
        self._apply_language(language)
        self._rebuild_window()
        self.ctx.status_message.emit(self.tr("The language is now English.") if language == "en" else self.tr("The language is now Dutch."))

    def _on_library_waited(self) -> None:
        self.ctx.status_message.emit(self.tr("Waiting for another program that is changing the library…"))

    # --- window --------------------------------------------------------------------------

    def _make_window(self, ready: bool, build_views: bool = True):
        from reader.ui.window import MainWindow

        window = MainWindow(self.ctx, ready=ready, build_views=build_views)
        window.language_change_requested.connect(self.set_language)
        self._watch_level(window)
        return window

    def _watch_level(self, window) -> None:
        overview = window.views.get("overview")
        if overview is not None and hasattr(overview, "level_shown"):
            overview.level_shown.connect(self.level_shown)

    def _rebuild_window(self) -> None:
        old = self.window
        self.window = self._make_window(ready=self.loaded)
        if old is not None:
            self.window.restoreGeometry(old.saveGeometry())
            if old.current_view_name():
                self.window.show_view(old.current_view_name())
        self.window.show()
        if old is not None:
            old.hide()
            old.deleteLater()
            if not self._open_submitted:
                # Rebuilt before its first paint: the library opens after the new one's.
                FirstPaint(self.window, self._on_first_paint)

    def start(self) -> None:
        """Show the window at once; after its first paint, open the library in the background
        and build the views meanwhile."""
        self.window = self._make_window(ready=False, build_views=False)
        geometry = self.prefs.geometry()
        if geometry is None or not self.window.restoreGeometry(geometry):
            self.window.resize(_default_size(self.window))
        self.window.show()
        FirstPaint(self.window, self._on_first_paint)

    def _on_first_paint(self) -> None:
        """After the window's first paint: the first view (the overview) alone, and the current
        level read for it; once that is painted, the library opens in the background and the
        other views are built meanwhile."""
        if self._closed or self.window is None:
            return
        if not self.window.views:
            self.window.build_first_view()
            self._watch_level(self.window)
            self._restore_messages()
        if self._open_submitted:
            self._build_rest()
            return
        # Not before the first paint: the worker's imports would take the GIL from the window's
        # own start-up; and not before the level is on screen, for the same reason.
        self._open_submitted = True
        overview = self.window.views.get("overview")
        if overview is None or not hasattr(overview, "show_current_level"):
            self._after_level()
            return
        self.tasks.submit(_peek_current(self.options.library), self._on_peeked, lambda _exc: self._after_level(), library=False)

    def _on_peeked(self, edition) -> None:
        overview = self.window.views.get("overview") if self.window is not None else None
        if edition is None or overview is None or self.loaded:
            self._after_level()
            return
        overview.show_current_level(edition)
        if not overview.level_pending() or self.window.isMinimized():
            self._after_level()
            return
        # Right after the badge's paint (or after FIRST_PAINT_FALLBACK_MS, e.g. minimised).
        overview.level_shown.connect(lambda: QTimer.singleShot(0, self, self._after_level))
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._after_level)

    def _after_level(self) -> None:
        """Open the library in the background and build the other views meanwhile (once)."""
        if self._rest_started or self._closed:
            return
        self._rest_started = True
        self.tasks.submit(_open_library(self.options.no_demo), self._on_opened, self._on_open_failed, write=True)
        self._build_rest()

    def _build_rest(self) -> None:
        if self.window is None or self.window.complete:
            return
        self.window.build_views()
        self._restore_messages()
        if self.loaded:
            self._announce_loaded()

    def _restore_messages(self) -> None:
        """What the window showed before its views existed (progress, a notice), on them."""
        if self._progress:
            self.window.show_progress(self._progress)
        if self._notice:
            self._show_notice(self._notice)

    def _show_progress(self, text: str) -> None:
        self._progress = text
        self.ctx.status_message.emit(text)
        if self.window is not None:
            self.window.show_progress(text)

    def _show_notice(self, text: str) -> None:
        self._notice = text
        overview = self.window.views.get("overview") if self.window is not None else None
        if overview is not None:
            overview.show_notice(text)

    def _on_opened(self, state: StartupState) -> None:
        if state.recovery:
            self.ctx.status_message.emit(self.tr("The library was repaired after an interrupted import."))
        if not state.load_demo:
            self._set_loaded()
            return
        self._show_progress(self.tr("Loading the demo library…"))
        self.tasks.submit(_load_demo, self._on_demo_loaded, self._on_open_failed, self._on_demo_progress, write=True)

    def _on_demo_progress(self, done: int, total: int) -> None:
        self._show_progress(self.tr("Loading the demo library: %1 of %2").replace("%1", str(done)).replace("%2", str(total)))

    def _on_demo_loaded(self, results: list) -> None:
        rejected = [r for r in results if not r.ok]
        for result in rejected:
            log.warning("demo bundle rejected: %s", result.line())
        from reader.ui.views.overview import demo_loaded_text

        text = demo_loaded_text()
        self._progress = ""
        self.ctx.status_message.emit(text)
        self._show_notice(text)
        self.demo_loaded.emit(len(results) - len(rejected))
        self._set_loaded()

    def _on_open_failed(self, exc: BaseException) -> None:
        from reader.ui.errors import error_text

        text = error_text(exc)
        overview = self.window.views.get("overview") if self.window is not None else None
        if overview is not None and hasattr(overview, "forget_current_level"):
            overview.forget_current_level()
        self._show_progress(self.tr("The library cannot be opened: %1").replace("%1", text))
        self.library_failed.emit(text)

    def _set_loaded(self) -> None:
        self.loaded = True
        if self.window is not None and self.window.complete:
            self._announce_loaded()
        if not self._store_check_started:
            # A bounded re-hash of the store (reader.core.library.deepcheck.CheckLimits) after each start.
            self._store_check_started = True
            QTimer.singleShot(STORE_CHECK_DELAY_MS, self, self._start_store_check)

    def _start_store_check(self) -> None:
        if self._closed:
            return
        from reader.ui.check import start_background_check

        task = start_background_check(self.ctx, self._on_store_mismatch)
        task.signals.finished.connect(self._on_store_checked)

    def _on_store_checked(self) -> None:
        self.store_check_done = True
        self.store_checked.emit()

    def _on_store_mismatch(self, text: str) -> None:
        self.ctx.status_message.emit(text)
        self._show_notice(text)

    def _announce_loaded(self) -> None:
        """The library is open and the views exist: let them read it (and, the first time
        this person starts the reader, show the first-run guide)."""
        self.window.set_ready()
        if not self.options.self_test and not self._guide_offered:
            self._guide_offered = True
            self.window.show_first_run_guide_once()
        self.library_loaded.emit()
        editions = self.window.views.get("editions")
        if editions is not None:
            editions.render_latest_ahead()  # after an import, the first chapter opened is kept

    def close(self) -> None:
        """Stop the background work and remove the translators (also for tests)."""
        if self._closed:
            return
        self._closed = True
        self.tasks.shutdown()
        if self.window is not None:
            self.prefs.set_geometry(self.window.saveGeometry())
            self.window.close()
            self.window.deleteLater()
            self.window = None
        i18n.remove(self.app, self.translators)
        self.translators = []
        QLocale.setDefault(self._previous_locale)


def _default_size(window):
    """About 150 characters by 42 lines of the system font, but never more than the screen."""
    from PySide6.QtCore import QSize

    metrics = window.fontMetrics()
    size = QSize(metrics.averageCharWidth() * 150, metrics.height() * 42)
    screen = window.screen()
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size() * 0.9)
    return size


class FirstPaint(QObject):
    """Calls back once, after the first paint of a widget (or after ``fallback_ms`` if the
    platform never paints it, e.g. a minimised start)."""

    def __init__(self, widget, callback, fallback_ms: int = FIRST_PAINT_FALLBACK_MS) -> None:
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            self._callback()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if not self._done and event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen.
            QTimer.singleShot(0, self, self._fire)
        return False


class SelfTest(QObject):
    """Drives the window through overview, a chapter, the level history and a search.

    Every step waits for a view's signal (``loaded``; ``chapter_shown`` of the editions view);
    a total timeout turns a hang into a failure naming the step. ``level_shown_ms`` is when the
    overview last painted a new level: the one read before the library opened, unless the
    loaded overview showed another (then that one's paint), so it is the level the library says.
    """

    finished = Signal(int)

    def __init__(self, reader: ReaderApp, started: float) -> None:
        super().__init__()
        self.reader = reader
        self.started = started
        self.step = "start"
        self.times: dict[str, float] = {}
        self.views: dict[str, float] = {}
        self.durations: dict[str, float] = {}
        self._step_started = 0.0
        self._pending = None  # (signal, slot) to disconnect when the step is done
        self._done = False
        self._result: dict = {}  # what _report prints
        self._settle_waits = 0  # with --self-test-settle: the time and the store check
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.fail(f"timed out after {SELF_TEST_TIMEOUT_S} s"))

    def _ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000, 1)

    def begin(self) -> None:
        self._timer.start(SELF_TEST_TIMEOUT_S * 1000)
        self.step = "first paint"
        self.reader.window.installEventFilter(self)
        self.reader.library_loaded.connect(self._on_library_loaded)
        self.reader.library_failed.connect(lambda text: self.fail(text))
        self.reader.level_shown.connect(self._on_level_shown)

    def _on_level_shown(self) -> None:
        self.times["level_shown_ms"] = self._ms()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and "first_paint_ms" not in self.times:
            self.times["first_paint_ms"] = self._ms()
            obj.removeEventFilter(self)
        return False

    def _on_library_loaded(self) -> None:
        self.times["library_loaded_ms"] = self._ms()
        # The window activates the overview when the library is loaded; wait for it.
        overview = self._view("overview")
        if overview is None:
            return
        if self.reader.window.current_view_name() != "overview":
            self.reader.window.show_view("overview")
        self._wait("overview", overview.loaded, self._after_overview)

    def _after_overview(self) -> None:
        overview = self._view("overview")
        if overview is None:
            return
        if hasattr(overview, "level_pending") and overview.level_pending():
            # The loaded overview shows another level than before: its paint is the level's time.
            self._wait("level", overview.level_shown, self._open_chapter)
            return
        self._open_chapter()

    def _view(self, name: str):
        view = self.reader.window.views.get(name) if self.reader.window is not None else None
        if view is None:
            self.fail(f"there is no view {name!r}")
        elif not hasattr(view, "loaded"):
            self.fail(f"the {name} view has no 'loaded' signal")
            return None
        return view

    def _wait(self, step: str, signal, then, accept=None) -> None:
        """Call ``then`` when ``signal`` fires (and ``accept(*args)`` holds, if given)."""
        self.step = step
        self._step_started = time.perf_counter()

        def slot(*args) -> None:
            if self._done or (accept is not None and not accept(*args)):
                return
            signal.disconnect(slot)
            self._pending = None
            self.views[step] = self._ms()
            self.durations[step] = round((time.perf_counter() - self._step_started) * 1000, 1)
            QTimer.singleShot(0, then)

        self._pending = (signal, slot)
        signal.connect(slot)

    def _open_chapter(self) -> None:
        self.step = "chapter"
        editions = self._view("editions")
        if editions is None:
            return
        if not hasattr(editions, "chapter_shown"):
            self.fail("the editions view has no 'chapter_shown' signal")
            return
        self.step = "chapter"

        def first_chapter(lib, handle) -> int:
            latest = lib.latest_edition()
            if latest is None:
                raise LookupError("the library holds no edition")
            chapters = lib.chapters(latest.pk)
            if not chapters:
                raise LookupError(f"edition {latest.bundle_id} has no chapters")
            return chapters[0].pk

        def open_it(chapter_pk: int) -> None:
            self._wait("chapter", editions.chapter_shown, self._show_history, lambda pk, *_: pk == chapter_pk)
            self.reader.ctx.open_chapter_requested.emit(chapter_pk, "")

        self.reader.tasks.submit(first_chapter, open_it, lambda exc: self.fail(str(exc)))

    def _show_history(self) -> None:
        self.step = "history"
        history = self._view("history")
        if history is None:
            return
        self._wait("history", history.loaded, self._search)
        self.reader.window.show_view("history")

    def _search(self) -> None:
        self.step = "search"
        search = self._view("search")
        if search is None:
            return
        self.reader.window.show_view("search")
        self._wait("search", search.loaded, self._finish)
        if hasattr(search, "search"):
            search.search(SELF_TEST_QUERY)
            return
        # Without search(text), type into the view's query field as a person would.
        from PySide6.QtWidgets import QLineEdit

        field_ = search.findChild(QLineEdit)
        if field_ is None:
            self.fail("the search view has neither search(text) nor a query field")
            return
        field_.setText(SELF_TEST_QUERY)

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._result = {"ok": True, **self.times, "views": self.views, "durations_ms": self.durations, "rss_kb": resident_memory_kb(),
                        **self.environment()}
        settle_s = self.reader.options.settle_s
        if not settle_s:
            self._report()
            return
        # The memory once the window has settled: settle_s after the steps, and the store check
        # after the start (STORE_CHECK_DELAY_MS after the library opened) has run.
        self.step = "settle"
        self._settle_waits = 2
        QTimer.singleShot(round(settle_s * 1000), self, self._settled)
        if self.reader.store_check_done:
            self._settled()
        else:
            self.reader.store_checked.connect(self._settled)

    def _settled(self) -> None:
        self._settle_waits -= 1
        if self._settle_waits == 0:
            self._result["rss_settled_kb"] = resident_memory_kb()
            self._result["settled_ms"] = self._ms()
            self._report()

    def _report(self) -> None:
        self._timer.stop()
        import json

        sys.stdout.write(json.dumps(self._result) + "\n")
        sys.stdout.flush()
        self.finished.emit(0)

    def environment(self) -> dict:
        """Where it ran: Qt's platform plugin (xcb, offscreen, ...), the language and whether its
        translation was loaded, the window's title; so a check of an install can read them."""
        window = self.reader.window
        return {"platform": self.reader.app.platformName(), "language": self.reader.language,
                "translations_loaded": len(self.reader.translators),
                "window_title": window.windowTitle() if window is not None else None}

    def fail(self, error: str) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        log.error("self-test failed at %s: %s", self.step, error)
        import json

        result = {"ok": False, "failed": self.step, "error": error, **self.times, "views": self.views, "rss_kb": resident_memory_kb(),
                  **self.environment()}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        self.finished.emit(1)


ICON_SIZES_PX = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """The app icon in every shipped size (PNG, so no image plugin is needed)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resource_path("icons")
    for size in ICON_SIZES_PX:
        icon.addFile(str(folder / f"dtn-reader-{size}.png"), QSize(size, size))
    return icon


def run(argv: list[str] | None = None, started: float | None = None) -> int:
    """Start the reader; returns the exit code. ``started``: perf_counter() at process start, if known."""
    started = process_start_time() or started or time.perf_counter()
    options = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO if options.self_test else logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dtn-reader", *options.qt_args])
    app.setApplicationName("DTN Reader")
    app.setOrganizationName("DTN Reader")
    app.setApplicationDisplayName("DTN Reader")
    app.setDesktopFileName("dtn-reader")  # matches packaging/dtn-reader.desktop (Wayland)
    follow_color_scheme(app, options.qt_args)
    reader = ReaderApp(options, app)
    app.aboutToQuit.connect(reader.close)
    if options.self_test:
        test = SelfTest(reader, started)
        test.finished.connect(app.exit)
        try:
            reader.start()
        except Exception as exc:  # noqa: BLE001 - the self-test reports any failure as JSON
            log.exception("the window could not be built")
            test.fail(f"{type(exc).__name__}: {exc}")
            reader.close()
            return 1
        test.begin()
    else:
        reader.start()
    # The icon right after the first frame: QIcon's first use and the seven files cost 2.5 ms.
    FirstPaint(reader.window, lambda: app.setWindowIcon(application_icon()))
    code = app.exec()
    reader.close()
    return code


def main() -> int:
    """Entry point of the ``dtn-reader`` gui-script."""
    import multiprocessing

    multiprocessing.freeze_support()
    return run(sys.argv[1:], time.perf_counter())


if __name__ == "__main__":
    sys.exit(main())
