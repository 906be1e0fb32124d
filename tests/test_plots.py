from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bookbuild.maps import charts

from russia_syria import data, plots


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


# ------------------------------------------------------------------------------------------------ the chart finish
NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("0*.ipynb"))


def _svg(fig) -> str:
    from io import StringIO

    out = StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight")  # as Jupyter and the book draw it
    plt.close(fig)
    return out.getvalue()


def test_source_line_names_the_publishers_of_the_rows_most_cited_first():
    rows = pd.DataFrame({"source_publisher": ["UN", "TASS", "UN", "Reuters", "", None, "AP"]})
    assert plots.source_text(rows, "vetoes") == "Source: course dataset vetoes (UN; TASS; and 2 other publishers)."
    assert plots.source_text(rows.iloc[:2], "vetoes") == "Source: course dataset vetoes (UN; TASS)."
    real = data.load("vetoes")
    assert plots.source_text(real, "vetoes").startswith(f"Source: course dataset vetoes ({real['source_publisher'].mode()[0]}")
    with pytest.raises(KeyError, match="'x' have no source_publisher"):
        plots.source_text(pd.DataFrame({"a": [1]}), "x")


def test_finish_names_series_on_the_chart_and_adds_the_source_line():
    plots.use()
    fig, ax = plt.subplots()
    for name, style in zip(("Russia alone", "Russia and China"), plots.styles(), strict=False):
        ax.bar([2011, 2012, 2013], [1, 2, 1], label=name, color=style["color"])
    ax.plot([2011, 2013], [3, 4], label="a line")
    ax.legend()
    plots.finish(ax, data.load("vetoes"), "vetoes")
    assert ax.get_legend() is None, "direct labels replace the legend"
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith(plots.LABEL_GID)]
    assert sorted(t.get_text() for t in labels) == ["Russia alone", "Russia and China", "a line"]
    ys = sorted(ax.transData.transform(t.xyann if t.get_anncoords() == "offset points" else (0, t.xyann[1]))[1]
                for t in labels if t.get_text() != "a line")
    assert ys[1] - ys[0] >= 14, "labels at one height are moved apart"
    svg = _svg(fig)
    assert '<g id="rs-source">' in svg and "Source: course dataset vetoes (" in svg
    assert svg.count('<g id="rs-direct-label') == 3 and "<text" in svg, "SVG keeps words as text"


def test_finish_without_direct_labels_puts_one_key_above_the_chart():
    plots.use()
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [1, 2], label="supported")
    ax.set_title("Claims")
    plots.finish(ax, data.load("article_claims"), "article_claims", direct=False)
    assert ax.get_legend() is not None and ax.get_title(loc="left") == "Claims"
    assert not [t for t in ax.texts if (t.get_gid() or "").startswith(plots.LABEL_GID)]
    assert '<g id="rs-source">' in _svg(fig)


def test_styles_for_gives_a_value_the_same_look_in_every_chart():
    monitors = data.load("civilian_harm")["monitor"]
    whole, part = plots.styles_for(monitors), plots.styles_for(monitors[monitors.str.startswith("Syrian")])
    assert len(whole) == monitors.nunique()
    assert all(whole[m]["color"] for m in part)
    assert plots.styles_for(monitors) == whole, "deterministic"


def _chart_cells(nb: Path) -> list[str]:
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code" and "plt.subplots(" in "".join(c["source"])]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_lab_chart_has_the_course_finish(nb):
    cells = _chart_cells(nb)
    for src in cells:
        assert "plots.finish(ax, " in src, f"{nb.name}: a chart without plots.finish (source line):\n{src[:200]}"
        assert ".legend(" not in src, f"{nb.name}: a hand-made legend; plots.finish names the series"
        assert not re.search(r"fig\.text\([^)]*Source", src), f"{nb.name}: a source line typed by hand"
        assert "fontsize=8" not in src and "font_size=8" not in src, f"{nb.name}: type too small to read on a phone"


def test_glued_svg_chart_shows_its_own_source_line_once(tmp_path):
    plots.use()
    fig, ax = plt.subplots()
    ax.plot([2011, 2012], [1, 2], label="vetoes")
    plots.finish(ax, data.load("vetoes"), "vetoes")
    (tmp_path / "notebooks").mkdir()
    store = tmp_path / "notebooks" / "03_x.glue.json"
    store.write_text(json.dumps({"ch03_chart": {"data": {"image/svg+xml": _svg(fig), "text/plain": "<Figure>"}}}))
    ext, body = charts.image_of(tmp_path, "notebooks/03_x", "ch03_chart")
    svg, source = charts.split_source(body.decode())
    assert ext == "svg" and source.startswith("Source: course dataset vetoes (") and source.endswith(").")
    assert "rs-source" not in svg and "<svg" in svg, "the page shows the source line as caption text, not twice"
