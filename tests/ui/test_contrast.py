"""WCAG 2.1 AA 1.4.3 for every colour pair the app paints text with, in the light and the
dark scheme: 4.5:1, or 3:1 for large text. And colour never carries meaning alone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from reader.core.contrast import MIN_CONTRAST_LARGE_TEXT, MIN_CONTRAST_TEXT, contrast_ratio
from reader.core.vocabulary import SCALES
from reader.ui import format as fmt
from tests.helpers.palettes import SCHEMES
from tests.helpers.views import show_and_wait


def _failures(pairs: list[fmt.TextColours]) -> list[str]:
    out = []
    for pair in pairs:
        need = MIN_CONTRAST_LARGE_TEXT if pair.large else MIN_CONTRAST_TEXT
        ratio = contrast_ratio(pair.text.name(), pair.background.name())
        if ratio < need:
            out.append(f"{pair.what}: {pair.text.name()} on {pair.background.name()} is {ratio:.2f}:1 < {need}:1")
    return out


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_text_colour_pair_passes(qapp, scheme):
    palette = SCHEMES[scheme]()
    pairs = fmt.text_colour_pairs(palette)
    # Every level of both scales, as chip and as strip, plus the fixed and palette pairs.
    assert len(pairs) >= 2 * sum(s.max for s in SCALES.values()) + 6
    assert _failures(pairs) == []


def test_the_running_palette_passes_too(qapp):
    assert _failures(fmt.text_colour_pairs(qapp.palette())) == []


def test_the_check_catches_the_old_lightness_rule(qapp):
    """The rule the issue measured (white when lightness <= 0.55) fails this test."""
    old = []
    for scale, info in SCALES.items():
        for value in range(1, info.max + 1):
            bg = fmt.level_colour(value, scale)
            ink = QColor("#000000") if bg.lightnessF() > 0.55 else QColor("#ffffff")
            old.append(fmt.TextColours(f"{value}/{info.max}", ink, bg, False))
    failures = _failures(old)
    assert any("#7cb342" in f for f in failures) and any("#ef6c00" in f for f in failures), failures


def test_search_mark_does_not_trust_the_palettes_highlighted_text(qapp):
    palette = SCHEMES["dark"]()
    own = contrast_ratio(palette.color(QPalette.ColorRole.HighlightedText).name(), palette.color(QPalette.ColorRole.Highlight).name())
    assert own < MIN_CONTRAST_TEXT  # Fusion's dark scheme: light grey on blue, 3.4:1
    bg, fg = fmt.search_mark_colours(palette)
    assert contrast_ratio(fg.name(), bg.name()) >= MIN_CONTRAST_TEXT


def test_levels_are_never_told_by_colour_alone():
    for scale, info in SCALES.items():
        for value in range(1, info.max + 1):
            text = fmt.level_badge_text(value, "Substantieel", scale, "nl")
            assert text.startswith(f"{value}/{info.max} ") and "Substantieel" in text


def test_the_overview_badge_paints_the_chosen_pair(ctx, qtbot):
    """The view uses the format functions: its style sheet holds a pair that passes."""
    from reader.ui.window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    show_and_wait(qtbot, win, "overview")
    style = win.views["overview"].badge.styleSheet()
    colours = [part.split(":")[1].strip().rstrip(";").split(";")[0] for part in style.split(";") if "color" in part]
    bg, fg = colours[0], colours[1]
    assert contrast_ratio(fg, bg) >= MIN_CONTRAST_TEXT, style


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_readers_own_schemes_select_readably(qapp, scheme):
    """Selected rows: HighlightedText on Highlight, in the palettes the reader sets itself."""
    from reader.ui import scheme as schemes

    palette = schemes.light_palette() if scheme == "light" else schemes.dark_palette()
    ratio = contrast_ratio(palette.color(QPalette.ColorRole.HighlightedText).name(), palette.color(QPalette.ColorRole.Highlight).name())
    assert ratio >= MIN_CONTRAST_TEXT, f"{scheme}: {ratio:.2f}:1"
