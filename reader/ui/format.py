"""Shared presentation helpers: level colours and texts, dates through QLocale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QColor

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
    """Black or white, whichever reads better on the level colour."""
    return QColor("#000000") if level_colour(value, scale).lightnessF() > 0.55 else QColor("#ffffff")


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
