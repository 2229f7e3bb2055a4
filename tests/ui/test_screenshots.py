"""Render every view at 1280x800 in Dutch and in English as <lang>-<view>.png.

Each view is captured after it emitted ``loaded`` (the search view after a search, the
editions view with a chapter open). A normal run writes them to a temporary folder, so the
suite leaves the checkout as it was; ``pytest tests/ui/test_screenshots.py
--update-screenshots`` writes docs/screenshots/, the copies kept in the repository (look at
them). The chart runs to a fixed "today", so the pictures change only when the app does.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from reader.ui import i18n
from reader.ui.context import AppContext
from reader.ui.format import locale_for
from reader.ui.tasks import TaskRunner
from reader.ui.window import VIEWS, MainWindow
from tests.helpers.views import show_and_wait

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = (1280, 800)
# A fixed library path, so the status bar (which shows it) is the same in every run.
STABLE_LIBRARY = Path(tempfile.gettempdir()) / "dtn-reader-screenshots" / "library"
# The day the screenshots are taken on, as far as the views know (the chart's right edge).
SCREENSHOT_TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def screenshot_dir(request, tmp_path) -> Path:
    if request.config.getoption("update_screenshots"):
        return SCREENSHOT_DIR
    return tmp_path / "screenshots"


@pytest.fixture
def stable_ctx(qapp, demo_library_template):
    shutil.rmtree(STABLE_LIBRARY, ignore_errors=True)
    shutil.copytree(demo_library_template, STABLE_LIBRARY)
    runner = TaskRunner(STABLE_LIBRARY)
    yield AppContext(STABLE_LIBRARY, runner, language="nl", today=lambda: SCREENSHOT_TODAY)
    runner.shutdown()
    shutil.rmtree(STABLE_LIBRARY, ignore_errors=True)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_screenshots_of_every_view(qapp, qtbot, stable_ctx, screenshot_dir, language):
    ctx = stable_ctx
    translators = i18n.install(qapp, language)
    previous_locale = QLocale()
    QLocale.setDefault(locale_for(language))
    ctx.language = language
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        for name, _module, _cls in VIEWS:
            show_and_wait(qtbot, window, name)
            # Lay out what was just filled in (word-wrapped rows in a scroll area need one more
            # pass), so the picture is what the user sees a moment later, not a half-laid-out frame.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            image = window.grab().toImage()
            assert (image.width(), image.height()) == SIZE
            path = screenshot_dir / f"{language}-{name}.png"
            assert image.save(str(path)), path
            assert QImage(str(path)).size() == image.size()
        # The navigation is in the chosen language.
        expected = "Overzicht" if language == "nl" else "Overview"
        assert window.nav.item(0).text() == expected
    finally:
        i18n.remove(qapp, translators)
        QLocale.setDefault(previous_locale)
