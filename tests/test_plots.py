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


def test_contrast_matches_known_wcag_ratios() -> None:
    assert round(plots.contrast("#000000"), 1) == 21.0
    assert plots.contrast("#ffffff") == 1.0
    assert round(plots.contrast("#767676"), 2) == 4.54  # the usual "lightest grey for text" example


def test_first_four_colours_and_the_outline_meet_non_text_contrast() -> None:
    # WCAG 1.4.11: graphical objects need 3:1 against the page; charts with up to four series meet it by
    # colour alone, and every bar and marker also gets a dark outline.
    assert all(plots.contrast(c) >= 3 for c in plots.PALETTE[:4]), [
        (c, round(plots.contrast(c), 2)) for c in plots.PALETTE[:4]
    ]
    assert plots.contrast(plots.EDGE) >= 3
    plots.use()
    assert mpl.rcParams["patch.force_edgecolor"] is True
    assert mpl.rcParams["lines.markeredgecolor"] == plots.EDGE
    assert all(plots.contrast(c) > 1.5 for c in plots.PALETTE), "no near-invisible colour (e.g. yellow)"
