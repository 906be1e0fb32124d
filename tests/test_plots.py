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
