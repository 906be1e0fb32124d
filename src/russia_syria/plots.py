"""The course's plot style: a colour-blind-safe palette and markers, so no chart relies on colour alone."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle

import matplotlib as mpl

# Okabe & Ito (2008) "Color Universal Design" palette: distinguishable with the common colour-vision
# deficiencies. Black is left out so that it stays free for annotations, and yellow (#F0E442, contrast
# 1.3:1 on white) is left out because it is unreadable as a line or marker on a white page.
# Order: the four colours with at least 3:1 contrast on white (WCAG 1.4.11, non-text contrast) come first,
# so charts with up to four series meet it by colour alone; the two lighter ones come last.
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P")
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++")
# Bars, markers and patches get a dark outline, so every shape has a 3:1 edge whatever its fill.
EDGE = "#222222"


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21; graphics a reader needs want 3)."""

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(colour), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


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
            "patch.force_edgecolor": True,  # outline bars and areas (the light fills alone are under 3:1)
            "patch.edgecolor": EDGE,
            "lines.markeredgecolor": EDGE,  # outline markers, for the same reason
            "lines.markeredgewidth": 0.8,
            "lines.linewidth": 2.0,
            "svg.hashsalt": "russia-syria",  # stable SVG ids, so figure output does not change run to run
        }
    )


def styles() -> Iterator[dict[str, str]]:
    """Endless colour + marker + hatch combinations, for series that must differ by more than colour."""
    return ({"color": c, "marker": m, "hatch": h} for c, m, h in cycle(zip(PALETTE, MARKERS, HATCHES, strict=True)))
