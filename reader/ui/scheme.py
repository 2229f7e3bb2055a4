"""The colour scheme: the system's, or light or dark whatever the system says.

"system" leaves the platform's style and palette alone (they follow its dark mode, see
``app.follow_color_scheme``). "light" and "dark" use the Fusion style with a palette of
their own, so the choice looks the same on every platform; the views take their colours
from the palette, so they follow. The choice is stored in the library's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

SETTING_COLOR_SCHEME = "color_scheme"
SCHEMES: tuple[str, ...] = ("system", "light", "dark")
DEFAULT_SCHEME = "system"

# Dark colours: text on base above 12:1, disabled text still above 4.5:1 (WCAG AA).
_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#25272a",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2f33",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#101114",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.ToolTipBase: "#2d2f33",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#a0a4aa",
    QPalette.ColorRole.Light: "#3c3f44",
    QPalette.ColorRole.Midlight: "#34373b",
    QPalette.ColorRole.Mid: "#2a2c30",
    QPalette.ColorRole.Dark: "#111214",
    QPalette.ColorRole.Shadow: "#000000",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#9aa0a6",
    QPalette.ColorRole.Text: "#9aa0a6",
    QPalette.ColorRole.ButtonText: "#9aa0a6",
}


def scheme_names() -> dict[str, str]:
    """Each scheme's name in the user's language, for a choice list."""
    return {
        "system": QCoreApplication.translate("scheme", "As the system"),
        "light": QCoreApplication.translate("scheme", "Light"),
        "dark": QCoreApplication.translate("scheme", "Dark"),
    }


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


# The light scheme is Fusion's own palette but for the selection: Fusion's white on #308cc6
# is 3.7:1; white on #1d63a0 is 6.3:1 (WCAG AA asks 4.5:1 for text).
LIGHT_HIGHLIGHT = "#1d63a0"


def light_palette() -> QPalette:
    from PySide6.QtWidgets import QStyleFactory

    palette = QStyleFactory.create("Fusion").standardPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(LIGHT_HIGHLIGHT))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


class SchemeSwitcher:
    """Applies a scheme to an application and can go back to the system's style and palette."""

    def __init__(self, app) -> None:
        self.app = app
        self.scheme = DEFAULT_SCHEME
        # Taken when first left (a style's first use from Python costs some ms at start-up).
        self._system_style: str | None = None
        self._system_palette: QPalette | None = None

    def apply(self, scheme: str) -> None:
        """Switch to ``scheme`` ("system", "light" or "dark"; anything else counts as "system")."""
        from PySide6.QtWidgets import QStyleFactory

        scheme = scheme if scheme in SCHEMES else DEFAULT_SCHEME
        if scheme == self.scheme:
            return
        if self._system_style is None:
            self._system_style = self.app.style().name()
            self._system_palette = QPalette(self.app.palette())
        if scheme == "system":
            self.app.setStyle(self._system_style)
            self.app.setPalette(self._system_palette)
        else:
            style = QStyleFactory.create("Fusion")
            self.app.setStyle(style)
            self.app.setPalette(dark_palette() if scheme == "dark" else light_palette())
        self.scheme = scheme
