"""Light, dark or the system's colours: chosen in the settings, applied at once, remembered."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox

from reader.core.library import Library
from reader.ui.prefs import Preferences
from reader.ui.scheme import SCHEMES, SETTING_COLOR_SCHEME, SchemeSwitcher, dark_palette
from reader.ui.settings import SettingsDialog

TIMEOUT_MS = 10_000


def _contrast(a, b) -> float:
    def luminance(colour) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def switcher(qapp):
    original_style, original_palette = qapp.style().name(), QPalette(qapp.palette())
    schemes = SchemeSwitcher(qapp)
    yield schemes
    schemes.apply("system")
    assert qapp.style().name() == original_style and qapp.palette() == original_palette


def test_dark_light_and_back_to_the_system(qapp, switcher):
    role = QPalette.ColorRole
    system = QPalette(qapp.palette())
    switcher.apply("dark")
    assert qapp.style().name().lower() == "fusion"
    assert qapp.palette().color(role.Window).lightness() < 60 and qapp.palette().color(role.Text).lightness() > 200
    switcher.apply("light")
    assert qapp.palette().color(role.Window).lightness() > 180 and qapp.palette().color(role.Text).lightness() < 60
    switcher.apply("system")
    assert qapp.palette() == system
    switcher.apply("no-such-scheme")  # an odd stored value counts as the system's
    assert switcher.scheme == "system"


def test_dark_palette_reads_at_wcag_aa():
    palette = dark_palette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for fg, bg in ((role.Text, role.Base), (role.WindowText, role.Window), (role.ButtonText, role.Button),
                   (role.HighlightedText, role.Highlight), (role.Link, role.Base), (role.PlaceholderText, role.Base),
                   (role.ToolTipText, role.ToolTipBase)):
        assert _contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)
    assert _contrast(palette.color(group.Disabled, role.Text), palette.color(group.Disabled, role.Base)) >= 4.5


def test_settings_dialog_applies_and_remembers_the_choice(qtbot, ctx, library_dir, switcher, qapp):
    ctx.schemes = switcher
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        dialog.show()
    assert [dialog.scheme.itemData(i) for i in range(dialog.scheme.count())] == list(SCHEMES)
    assert dialog.scheme.currentData() == "system"
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert switcher.scheme == "dark" and qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
    # Remembered in the person's own settings (read before the library is opened at the next start).
    assert Preferences().scheme(SCHEMES) == "dark"
    with Library.open(library_dir, recover=False) as lib:
        assert lib.setting(SETTING_COLOR_SCHEME) is None  # not the library's
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=TIMEOUT_MS):
        again.show()
    assert again.scheme.currentData() == "dark"


def test_the_stored_scheme_is_applied_at_start(qapp, qtbot, library_dir, switcher):
    from reader.ui.app import Options, ReaderApp

    Preferences().set_scheme("dark")
    reader = ReaderApp(Options(library_dir), qapp)
    try:
        assert reader.schemes.scheme == "dark" and reader.ctx.schemes is reader.schemes
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
    finally:
        reader.schemes.apply("system")
        reader.close()
