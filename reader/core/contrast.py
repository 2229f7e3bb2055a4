"""Colour contrast by the WCAG 2.1 formula (success criteria 1.4.3 and 1.4.11).

Qt-free, so the core, the window and the tests compute contrast the same way. Colours
are ``#rrggbb`` strings.
"""

from __future__ import annotations

# WCAG 2.1 AA, 1.4.3: normal text needs 4.5:1, large text (18 pt, or 14 pt bold) 3:1.
MIN_CONTRAST_TEXT = 4.5
MIN_CONTRAST_LARGE_TEXT = 3.0
BLACK = "#000000"
WHITE = "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance (0..1) of ``#rrggbb`` as WCAG defines it.

    Raises:
        ValueError: ``colour`` is not ``#rrggbb`` (a bug in the caller, never user input).
    """
    if len(colour) != 7 or colour[0] != "#":
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """The contrast ratio of two colours, 1.0 (none) to 21.0 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def readable_ink(background: str, candidates: tuple[str, ...] = (BLACK, WHITE)) -> str:
    """Of ``candidates``, the text colour with the highest contrast on ``background``."""
    return max(candidates, key=lambda ink: contrast_ratio(ink, background))
