"""Shared presentation helpers: level colours and texts, dates through QLocale."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QColor, QPalette

from reader.core.contrast import readable_ink
from reader.core.vocabulary import LEVEL_LABELS_EN, LEVEL_MEANINGS, LEVEL_MEANINGS_EN, SCALES, THEMES, severity
from reader.ui.i18n import locale_for  # noqa: F401 - the views take it from here

# Background colours by severity on a common 0..1 axis; always shown with the label
# and number too, never as the only carrier of meaning.
_LEVEL_COLOURS = ((0.0, "#2e7d32"), (0.26, "#7cb342"), (0.5, "#f9a825"), (0.76, "#ef6c00"), (1.0, "#c62828"))


def level_colour(value: int, scale: str) -> QColor:
    pos = severity(value, scale)
    best = min(_LEVEL_COLOURS, key=lambda c: abs(c[0] - pos))
    return QColor(best[1])


def level_text_colour(value: int, scale: str) -> QColor:
    """Black or white, whichever has the higher WCAG contrast ratio on the level colour."""
    return QColor(readable_ink(level_colour(value, scale).name()))


# A row's second line: the text colour, a little fainter (opacity 0..1).
SECONDARY_ALPHA = 0.78
# The DEMO tag next to the level (black on amber, 14.9:1) and the banner above a demo
# chapter (dark brown on pale yellow, 12.9:1); fixed colours, the same in light and dark.
DEMO_TAG_BACKGROUND, DEMO_TAG_TEXT = "#ffd54f", "#000000"
DEMO_BANNER_BACKGROUND, DEMO_BANNER_TEXT, DEMO_BANNER_BORDER = "#fff3c4", "#3d2c00", "#b08800"
# How much of the level colour the overview's scale strip mixes into the base colour for
# the levels that are not current (0..1).
LEVEL_TINT_STRENGTH = 0.25
# How strongly a compared paragraph's background leans from the base colour to the highlight colour (0..1).
MARK_STRENGTH = 0.28


def blend(base: QColor, over: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0..1) of the way to ``over``: a palette colour, light or dark."""
    return QColor.fromRgbF(
        base.redF() + (over.redF() - base.redF()) * amount,
        base.greenF() + (over.greenF() - base.greenF()) * amount,
        base.blueF() + (over.blueF() - base.blueF()) * amount,
    )


def level_tint(value: int, scale: str, palette: QPalette) -> QColor:
    """A pale tint of the level colour on the palette's base colour (light or dark scheme)."""
    return blend(palette.color(QPalette.ColorRole.Base), level_colour(value, scale), LEVEL_TINT_STRENGTH)


def search_mark_colours(palette: QPalette, selected: bool = False) -> tuple[QColor, QColor]:
    """(background, text) of a search hit in a snippet: the highlight colour with the text
    colour that reads best on it (the palette's own highlighted text can fall to 3.4:1), or
    on a selected row the base colour and the text colour."""
    if selected:
        return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    background = palette.color(QPalette.ColorRole.Highlight)
    own = palette.color(QPalette.ColorRole.HighlightedText).name()
    return background, QColor(readable_ink(background.name(), (own, "#000000", "#ffffff")))


def compare_mark_background(palette: QPalette) -> QColor:
    """The background of a changed paragraph in the compare view (its text is the text colour)."""
    return blend(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight), MARK_STRENGTH)


def composite(colour: QColor, alpha: float, background: QColor) -> QColor:
    """``colour`` drawn with opacity ``alpha`` (0..1) over ``background``, as it appears."""
    return blend(background, colour, alpha)


class TextColours(NamedTuple):
    """One pair of colours the app paints text with, for the contrast test."""

    what: str
    text: QColor
    background: QColor
    large: bool  # large text (18 pt, or 14 pt bold): 3:1 is enough


def text_colour_pairs(palette: QPalette) -> list[TextColours]:
    """Every text/background pair the views choose themselves (not the platform's widgets),
    computed by the same functions the views paint with."""
    from reader.core.vocabulary import SCALES as scales

    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    pairs = []
    for scale, info in scales.items():
        for value in range(1, info.max + 1):
            # Level chips in lists, the chart and the overview's current level (small: 4.5:1).
            pairs.append(TextColours(f"level {value}/{info.max} chip", level_text_colour(value, scale), level_colour(value, scale), False))
            pairs.append(TextColours(f"level {value}/{info.max} strip", text, level_tint(value, scale, palette), False))
    pairs.append(TextColours("DEMO tag", QColor(DEMO_TAG_TEXT), QColor(DEMO_TAG_BACKGROUND), False))
    pairs.append(TextColours("DEMO banner", QColor(DEMO_BANNER_TEXT), QColor(DEMO_BANNER_BACKGROUND), False))
    for selected in (False, True):
        bg, fg = search_mark_colours(palette, selected)
        pairs.append(TextColours(f"search hit{' (selected row)' if selected else ''}", fg, bg, False))
    pairs.append(TextColours("compare mark", text, compare_mark_background(palette), False))
    pairs.append(TextColours("compare note", palette.color(QPalette.ColorRole.PlaceholderText), base, False))
    pairs.append(TextColours("secondary line", composite(text, SECONDARY_ALPHA, base), base, False))
    return pairs


def is_english(language: str) -> bool:
    return language == "en"


def level_label(label: str, language: str) -> str:
    return LEVEL_LABELS_EN.get(label, label) if is_english(language) else label


def level_meaning(label: str, language: str) -> str:
    return (LEVEL_MEANINGS_EN if is_english(language) else LEVEL_MEANINGS).get(label, "")


def level_badge_text(value: int, label: str, scale: str, language: str) -> str:
    """E.g. '4/5 Substantieel' - the number, the scale and the word, never colour alone."""
    return f"{value}/{SCALES[scale].max} {level_label(label, language)}"


def theme_name(theme: str, language: str) -> str:
    names = THEMES.get(theme)
    if names is None:
        return theme
    return names[1] if is_english(language) else names[0]


def format_date(iso: str, language: str) -> str:
    """'2023-12' -> 'december 2023'; '2019-03-18' -> '18 maart 2019' (or English)."""
    if not iso:
        return ""
    loc = locale_for(language)
    parts = iso[:10].split("-")
    try:
        if len(parts) == 2:
            return loc.toString(QDate(int(parts[0]), int(parts[1]), 1), "MMMM yyyy")
        if len(parts) == 3:
            return loc.toString(QDate(int(parts[0]), int(parts[1]), int(parts[2])), "d MMMM yyyy")
    except ValueError:
        pass
    return iso


def format_timestamp(iso: str, language: str) -> str:
    """An ISO UTC timestamp ('2026-11-29T13:00:00Z') in the locale's short format."""
    from PySide6.QtCore import QDateTime, Qt

    dt = QDateTime.fromString(iso.replace("Z", ""), Qt.DateFormat.ISODate)
    if not dt.isValid():
        return iso
    dt.setTimeZone(QDateTime.currentDateTimeUtc().timeZone())
    return locale_for(language).toString(dt.toLocalTime(), QLocale.FormatType.ShortFormat)


def demo_marking() -> str:
    return QCoreApplication.translate("format", "DEMO")
