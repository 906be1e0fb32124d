"""The course's chart style: a colour-blind-safe palette and markers (no chart relies on colour alone), type
readable on a phone, series named on the chart rather than in a legend, and a source line under every chart.

In a lab: ``plots.use()`` once, draw with matplotlib, then ``plots.finish(ax, rows, "dataset")``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from itertools import cycle

import matplotlib as mpl
import matplotlib.dates
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D

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
            # 4.8 inches wide with 12-14 pt type: with its labels a chart is about 600 px wide, so on a 360 px
            # phone it shrinks about 0.55 times and its words stay at 9-11 px; a wide page shows it at full size.
            "figure.figsize": (4.8, 3.2),
            "figure.dpi": 100,
            "savefig.dpi": 150,  # PNG (where SVG is not used) sharp on high-density screens and in print
            "font.size": 13,
            "axes.titlesize": 14,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 13,
            "xtick.labelsize": 12,
            "ytick.labelsize": 12,
            "legend.frameon": False,
            "svg.fonttype": "none",  # text stays text in SVG: smaller files, selectable and searchable words
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "patch.force_edgecolor": True,  # outline bars and areas (the light fills alone are under 3:1)
            "patch.edgecolor": EDGE,
            "lines.markeredgecolor": EDGE,  # outline markers, for the same reason
            "lines.markeredgewidth": 0.8,
            "scatter.edgecolors": EDGE,
            "lines.linewidth": 2.0,
            "svg.hashsalt": "russia-syria",  # stable SVG ids, so figure output does not change run to run
        }
    )
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python without IPython: nothing to set
        return
    if get_ipython() is None:
        return
    try:  # in Jupyter, charts as SVG: sharp at any width, small for a few dozen marks
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # a kernel without the inline backend (some in-browser ones) keeps its own format
        return
    set_matplotlib_formats("svg")


def styles() -> Iterator[dict[str, str]]:
    """Endless colour + marker + hatch combinations, for series that must differ by more than colour."""
    return ({"color": c, "marker": m, "hatch": h} for c, m, h in cycle(zip(PALETTE, MARKERS, HATCHES, strict=True)))


def styles_for(values: pd.Series) -> dict[str, dict[str, str]]:
    """One style per distinct value, in sorted order: pass a whole dataset's column (say every monitor), and
    each chart drawn from that dataset shows the same value in the same colour and marker."""
    return dict(zip(sorted(values.dropna().astype(str).unique()), styles(), strict=False))


SOURCE_ID = "rs-source"  # the source line's id in SVG output, so the book and its tests can find it
LABEL_GID = "rs-direct-label"


def source_text(rows: pd.DataFrame, dataset: str, most: int = 2) -> str:
    """'Source: course dataset <name> (<publishers>)', from the ``source_publisher`` column of the rows shown,
    most cited first; more than ``most`` publishers are counted, not named (the lab's table names each one)."""
    if "source_publisher" not in rows:
        raise KeyError(f"plots.source_text: the rows of {dataset!r} have no source_publisher column")
    publishers = rows["source_publisher"].dropna().astype(str).str.strip()
    counts = publishers[publishers != ""].value_counts(sort=False).sort_values(ascending=False, kind="stable")
    named = list(counts.index[:most])
    rest = len(counts) - len(named)
    who = "; ".join(named) + (f"; and {rest} other publisher{'s' if rest > 1 else ''}" if rest else "")
    return f"Source: course dataset {dataset}" + (f" ({who})." if who else ".")


def _series(ax: Axes) -> list[tuple[str, object]]:
    """The labelled series of a chart, in drawing order (labels starting with '_' are matplotlib's unnamed ones)."""
    named = [(c.get_label(), c) for c in ax.containers if isinstance(c, BarContainer)]
    named += [(a.get_label(), a) for a in (*ax.lines, *ax.collections) if isinstance(a, Line2D | PathCollection)]
    return [(label, artist) for label, artist in named if label and not label.startswith("_")]


def _end(artist: object, horizontal: bool) -> tuple[float, float] | None:
    """Where a series ends: its last non-empty bar segment's middle, or its last (rightmost) point."""
    if isinstance(artist, BarContainer):
        bars = [b for b in artist.patches if (b.get_width() if horizontal else b.get_height()) > 0]
        if not bars:
            return None
        b = bars[-1]
        return (b.get_x() + b.get_width() / 2, b.get_y() + b.get_height()) if horizontal else (
            b.get_x() + b.get_width(), b.get_y() + b.get_height() / 2)
    xy = artist.get_offsets() if isinstance(artist, PathCollection) else artist.get_xydata()
    points = [(float(x), float(y)) for x, y in np.asarray(xy, dtype=float) if np.isfinite(x) and np.isfinite(y)]
    return max(points) if points else None


def label_series(ax: Axes) -> list[mpl.text.Text]:
    """Name each series where it ends, in place of a legend. Points and lines: right of the last point. Stacked
    bars: in the right margin, level with the series' last bar, joined to it by a thin line (above the top bar
    for horizontal bars). Labels closer than a line of type are moved apart. Returns the labels."""
    horizontal = any(isinstance(c, BarContainer) and getattr(c, "orientation", "") == "horizontal" for c in ax.containers)
    ends = [(label, _end(artist, horizontal), isinstance(artist, BarContainer)) for label, artist in _series(ax)]
    ends = [e for e in ends if e[1] is not None]
    style = {"fontsize": 12, "color": EDGE, "annotation_clip": False, "zorder": 0.5}  # leader lines behind bars
    texts: list[mpl.text.Text] = []
    if horizontal:  # above the top bar, each name over its segment
        for label, (x, y), _ in ends:
            texts.append(ax.annotate(label, (x, y), xytext=(0, 4), textcoords="offset points", ha="center",
                                     va="bottom", gid=f"{LABEL_GID}-{len(texts)}", **style))
        return texts
    to_px, from_px = ax.transData, ax.transData.inverted()
    gap = 16 * ax.figure.dpi / 72  # one line of 12 pt type, in pixels
    placed: list[float] = []
    for label, (x, y), bar in sorted(ends, key=lambda e: to_px.transform(e[1])[1]):
        py = to_px.transform((x, y))[1]
        py = max(py, placed[-1] + gap) if placed else py
        placed.append(py)
        ty = from_px.transform((0, py))[1]
        if bar:
            texts.append(ax.annotate(label, (x, y), xytext=(1.02, ty), textcoords=("axes fraction", "data"),
                                     ha="left", va="center", gid=f"{LABEL_GID}-{len(texts)}",
                                     arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.8}, **style))
        else:
            texts.append(ax.annotate(label, (x, ty), xytext=(7, 0), textcoords="offset points", ha="left",
                                     va="center", gid=f"{LABEL_GID}-{len(texts)}", **style))
    return texts


def year_axis(ax: Axes, years: range) -> None:
    """The course's axis of years: every year's place, a label every second year, upright (readable on a phone)."""
    first, last = years[0], years[-1]
    ax.set_xlim(first - 0.6, last + 0.6)
    ax.set_xticks(list(years), minor=True)
    ax.set_xticks(list(range(first, last + 1, 2 if last - first > 7 else 1)))
    ax.xaxis.set_major_formatter(mpl.ticker.FormatStrFormatter("%d"))
    ax.grid(False, axis="x")


def date_axis(ax: Axes, dates: pd.Series) -> None:
    """A time axis from the first to the last of ``dates``, labelled every second year. Charts of one dataset
    that pass the whole dataset's dates share the axis, and so read as a set."""
    pad = pd.Timedelta(days=60)
    ax.set_xlim(dates.min() - pad, dates.max() + pad)
    ax.xaxis.set_major_locator(mpl.dates.YearLocator(2))
    ax.xaxis.set_minor_locator(mpl.dates.YearLocator(1))
    ax.xaxis.set_major_formatter(mpl.dates.DateFormatter("%Y"))


def finish(ax: Axes, rows: pd.DataFrame, dataset: str, *, direct: bool = True) -> None:
    """The course finish: each series named on the chart (``direct``; else one key above it) and the source
    line under it, from the publishers of ``rows``. Call it last, after the axes are set."""
    fig = ax.figure
    fig.tight_layout()
    if direct:
        if ax.get_legend():
            ax.get_legend().remove()
        label_series(ax)
    elif _series(ax):  # where names on the chart would collide: one key, in a row between title and chart
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=11, handlelength=1.4,
                  borderaxespad=0.2, columnspacing=1.2)
        ax.set_title(ax.get_title(loc="left"), loc="left", pad=44)
    text = "\n".join(textwrap.wrap(source_text(rows, dataset), width=64))
    # Placed just under the figure; Jupyter's and the book's output crop to the drawing, so it stays in view.
    fig.text(0.01, 0, text, ha="left", va="top", fontsize=11, color="#444444", gid=SOURCE_ID)
