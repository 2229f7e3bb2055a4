"""The light and the dark colour scheme as palettes, for tests that check colours in both.

The light one is Fusion's standard palette (also the reader's "light" scheme); "dark" is
built the way Qt's Fusion builds its palette for a dark system scheme (qt_fusionPalette(dark)
in Qt 6), since the offscreen platform never reports a dark scheme itself; "app-dark" is the
reader's own dark scheme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


def dark_palette() -> QPalette:
    role = QPalette.ColorRole
    window_text = QColor(240, 240, 240)
    background = QColor(50, 50, 50)
    base = background.darker(140)
    palette = QPalette()
    for r, colour in (
        (role.Window, background),
        (role.WindowText, window_text),
        (role.Base, base),
        (role.AlternateBase, base.lighter(110)),
        (role.Text, window_text),
        (role.Button, background),
        (role.ButtonText, window_text),
        (role.BrightText, QColor(255, 255, 255)),
        (role.Light, background.lighter(150)),
        (role.Mid, background.darker(130)),
        (role.Dark, background.darker(150)),
        (role.Highlight, QColor(48, 140, 198)),
        (role.HighlightedText, window_text),
        (role.Link, QColor(48, 140, 198)),
        (role.ToolTipBase, QColor(255, 255, 220)),
        (role.ToolTipText, QColor(0, 0, 0)),
    ):
        palette.setColor(r, colour)
    placeholder = QColor(window_text)
    placeholder.setAlpha(128)
    palette.setColor(role.PlaceholderText, placeholder)
    return palette


def app_dark_palette() -> QPalette:
    """The reader's own dark scheme (Settings: dark), from reader.ui.scheme."""
    from reader.ui.scheme import dark_palette as own

    return own()


SCHEMES = {"light": light_palette, "dark": dark_palette, "app-dark": app_dark_palette}
