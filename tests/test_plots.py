from __future__ import annotations

import itertools

import matplotlib as mpl

from russia_syria import plots


def test_use_sets_the_colour_blind_safe_cycle() -> None:
    plots.use()
    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    assert [c.upper() for c in colors] == [c.upper() for c in plots.PALETTE]


def test_styles_never_repeat_within_a_palette_length() -> None:
    first = list(itertools.islice(plots.styles(), len(plots.PALETTE)))
    assert len({(s["color"], s["marker"], s["hatch"]) for s in first}) == len(plots.PALETTE)
    # after a full cycle the combinations come back in the same order: deterministic for nbval
    again = list(itertools.islice(plots.styles(), len(plots.PALETTE) * 2))[len(plots.PALETTE):]
    assert again == first


def _contrast_on_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of a colour against white."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_first_four_colours_and_the_outline_meet_non_text_contrast() -> None:
    # WCAG 1.4.11: graphical objects need 3:1 against the page; charts with up to four series meet it by
    # colour alone, and every bar and marker also gets a dark outline.
    assert all(_contrast_on_white(c) >= 3 for c in plots.PALETTE[:4]), [
        (c, round(_contrast_on_white(c), 2)) for c in plots.PALETTE[:4]
    ]
    assert _contrast_on_white(plots.EDGE) >= 3
    plots.use()
    assert mpl.rcParams["patch.force_edgecolor"] is True
    assert mpl.rcParams["lines.markeredgecolor"] == plots.EDGE
    assert all(_contrast_on_white(c) > 1.5 for c in plots.PALETTE), "no near-invisible colour (e.g. yellow)"
