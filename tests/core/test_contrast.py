"""The WCAG 2.1 contrast formula (reader.core.contrast) against published values."""

from __future__ import annotations

import pytest

from reader.core.contrast import BLACK, WHITE, contrast_ratio, readable_ink, relative_luminance


def test_black_on_white_is_21_to_1_and_symmetric():
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        # Values from WebAIM's contrast checker.
        ("#767676", "#ffffff", 4.54),
        ("#ffffff", "#7cb342", 2.50),  # the measurement: white on the level-2 green
        ("#ffffff", "#ef6c00", 3.08),  # and on the level-4 orange
        ("#000000", "#7cb342", 8.38),
        ("#000000", "#ef6c00", 6.82),
    ],
)
def test_known_ratios(fg, bg, ratio):
    assert contrast_ratio(fg, bg) == pytest.approx(ratio, abs=0.01)


def test_luminance_uses_the_srgb_curve():
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    # The linear segment below 0.04045 and the power curve above it.
    assert relative_luminance("#0a0a0a") == pytest.approx((10 / 255) / 12.92)
    assert relative_luminance("#808080") == pytest.approx(0.2158605, abs=1e-6)


def test_readable_ink_picks_the_higher_ratio():
    assert readable_ink("#7cb342") == BLACK  # lightness 0.48 would have picked white
    assert readable_ink("#2e7d32") == WHITE
    assert readable_ink("#308cc6", ("#f0f0f0", BLACK)) == BLACK


@pytest.mark.parametrize("bad", ["red", "#fff", "7cb342", "#7cb34"])
def test_malformed_colour_is_a_bug(bad):
    with pytest.raises(ValueError):
        relative_luminance(bad)
