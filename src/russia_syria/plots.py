"""The course's plot style: a colour-blind-safe palette and markers, so no chart relies on colour alone."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle

import matplotlib as mpl

# Okabe & Ito (2008) "Color Universal Design" palette: distinguishable with the common colour-vision
# deficiencies. Black is left out so that it stays free for annotations.
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X")
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++", "oo")


def use() -> None:
    """Apply the course style to matplotlib: palette, readable font sizes, light grid, no top/right spines."""
    mpl.rcParams.update(
        {
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "font.size": 11,
            "axes.titlesize": 13,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "russia-syria",  # stable SVG ids, so figure output does not change run to run
        }
    )


def styles() -> Iterator[dict[str, str]]:
    """Endless colour + marker + hatch combinations, for series that must differ by more than colour."""
    return ({"color": c, "marker": m, "hatch": h} for c, m, h in cycle(zip(PALETTE, MARKERS, HATCHES, strict=True)))
