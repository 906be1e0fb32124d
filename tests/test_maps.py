"""The course maps and timeline (bookbuild/maps): sourced coordinates, what the maps and the timeline show, and
that a change in the data changes them. Fast: the renderer runs under Node on the specs, no book build."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from bookbuild.maps import budget, charts, render, specs, timeline
from bookbuild.maps import html as map_html

from conftest import ROOT
from datafiles import copy_data
from russia_syria import data

BOOK = ROOT / "book"


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the datasets that the loader (and so the maps) reads instead of data/."""
    return copy_data(tmp_path, monkeypatch)


def _edit_csv(path: Path, key: str, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert key in set(frame.iloc[:, 0]), f"{key} not in {path.name}"
    frame.loc[frame.iloc[:, 0] == key, column] = value
    frame.to_csv(path, index=False)


def _svg(fig: specs.MapFigure) -> str:
    return render.render([fig.spec], ROOT)[fig.key]


# ------------------------------------------------------------------------------------------------ the places data
def test_every_place_has_coordinates_and_their_source():
    places = data.load("places")
    assert len(places) >= 16
    for _, p in places.iterrows():
        assert 29 <= p["latitude"] <= 42 and 25 <= p["longitude"] <= 48, p["place_id"]
        for field in ("source_publisher", "source_title", "source_url"):
            assert str(p[field]).strip(), f"{p['place_id']}: no {field}"
        assert str(p["source_url"]).startswith(("http://", "https://")), p["place_id"]


def test_places_named_by_the_issue_are_all_there():
    names = set(data.load("places")["name"])
    for name in ("Tartus", "Latakia", "Hmeimim", "Aleppo", "Idlib", "Palmyra", "Qamishli", "Suwayda", "Hama",
                 "Daraa", "Damascus", "Golan Heights", "Hatay"):
        assert name in names, name


def test_site_ids_join_existing_sites_and_contested_areas_carry_a_note():
    places = data.load("places")
    sites = set(data.load("military_sites")["site_id"])
    for _, p in places.iterrows():
        for sid in filter(None, str(p["site_ids"] if pd.notna(p["site_ids"]) else "").split(";")):
            assert sid in sites, f"{p['place_id']}: unknown site {sid}"
    for _, p in places[places["kind"] == "contested area"].iterrows():
        assert "UN" in str(p["notes"]) or "United Nations" in str(p["notes"]), p["name"]


# ------------------------------------------------------------------------------------------------ the sites map
def test_status_before_december_2024_is_derived_from_the_latest_status():
    sites = specs.site_locations().set_index("site_id")
    assert sites.loc["M01", "status_before"] == "active"  # still held
    assert sites.loc["M03", "status_before"] == "active" and sites.loc["M03", "status_category"] == "withdrawn"
    assert sites.loc["M05", "status_before"] == "historical"


def test_sites_without_coordinates_are_marked_at_their_place_or_listed_as_unmapped():
    sites = specs.site_locations().set_index("site_id")
    assert sites.loc["M01", "located"] == "own"
    assert sites.loc["M03", "located"] == "place" and sites.loc["M03", "map_label"] == "Qamishli"
    unmapped = sites[sites["located"] == "none"]
    fig = specs.sites_map()
    for sid in unmapped.index:
        row = next(r for r in fig.rows if r["id"].endswith(sid))
        assert "not on the map" in row["cells"][4]


def test_changing_a_sites_status_changes_the_map(data_copy):
    before = _svg(specs.sites_map())
    hmeimim = re.compile(r'<a class="rs-map-place rs-status-(\w+)"[^>]*aria-label="Hmeimim[^"]*latest source')
    assert hmeimim.search(before)[1] == "active"
    _edit_csv(data_copy / "military_sites.csv", "M01", "status_category", "withdrawn")
    after = _svg(specs.sites_map())
    assert hmeimim.search(after)[1] == "withdrawn"
    assert before != after


def test_changing_a_places_coordinates_moves_its_marker(data_copy):
    def circle(svg: str) -> str:
        return re.search(r'aria-label="Palmyra[^"]*">.*?<circle cx="([\d.]+)"', svg)[1]

    first = circle(_svg(specs.places_map(BOOK)))
    _edit_csv(data_copy / "places.csv", "P07", "longitude", "39.5")
    assert float(circle(_svg(specs.places_map(BOOK)))) > float(first) + 20


def test_map_html_has_alt_text_source_line_and_a_table_row_per_marker():
    fig = specs.sites_map()
    page = map_html.figure_html(fig, _svg(fig), "t", "_static/maps/sites.svg", {})
    title = re.search(r"<title id=\"[^\"]+\">([^<]+)</title>", page)[1]
    desc = re.search(r"<desc id=\"[^\"]+\">([^<]+)</desc>", page)[1]
    assert title.strip() and len(desc) > 40
    assert re.search(r'<p class="rs-source">Sources?: [^<]{20,}</p>', page)
    for target in set(re.findall(r'class="rs-map-place[^"]*" href="#([^"]+)"', page)):
        assert f'<tr id="{target}"' in page, target
    assert "<script" not in page and " style=" not in page  # strict CSP: no inline script or style


def test_every_map_renders_each_located_place():
    for key, fig in specs.all_maps(BOOK).items():
        svg = _svg(fig)
        markers = sum(len(p["points"]) for p in fig.spec["panels"])
        assert svg.count('class="rs-map-place') == markers > 0, key
        assert "<path" in svg and "Syria" in fig.spec["focus"]


def test_missing_npm_packages_give_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "HERE", tmp_path)  # as if the package lived outside the repository
    with pytest.raises(render.MapBuildError, match="npm ci"):
        render.render([], tmp_path)


# ------------------------------------------------------------------------------------------------ the timeline
def test_every_event_has_a_chapter_and_a_source():
    evs = timeline.events()
    assert len(evs) == len(data.load("timeline"))
    for e in evs:
        assert e.chapter.startswith("0") and (BOOK / f"{e.chapter}.md").is_file(), e.id
        assert e.source[1].startswith("http"), e.id


def test_actors_are_found_from_the_event_text():
    assert timeline.actors_of("Putin receives al-Sharaa in Moscow") == ["Russia / USSR", "Syria"]
    assert "United Nations" in timeline.actors_of("UNSC draft resolution vetoed by China and Russia")


def test_changing_an_events_date_moves_it_on_the_timeline_and_between_strips(data_copy):
    def strip(lo: float, hi: float) -> str:
        return timeline.strip_html(timeline.events(), lo, hi, "Ch", lambda e: f"#{e.id}", "t")

    assert 'data-event="T001"' in strip(1944, 2011) and 'data-event="T001"' not in strip(2011, 2027)
    page = timeline.timeline_html(timeline.events(), {}, "m")
    assert re.search(r'<li id="tl-m-T001"[^>]*data-t="1944', page)
    _edit_csv(data_copy / "timeline.csv", "T001", "date", "2015-09-30")
    assert 'data-event="T001"' not in strip(1944, 2011) and 'data-event="T001"' in strip(2011, 2027)
    page = timeline.timeline_html(timeline.events(), {}, "m")
    assert re.search(r'<li id="tl-m-T001"[^>]*data-t="2015', page)


def test_timeline_figures_have_alt_text_and_a_source_line():
    evs = timeline.events()
    for html in (timeline.timeline_html(evs, {}, "m"), timeline.strip_html(evs, 2011, 2025, "Ch", lambda e: "#", "s")):
        assert re.search(r"<title id=\"[^\"]+\">[^<]{10,}</title><desc id=\"[^\"]+\">[^<]{30,}</desc>", html)
        assert '<p class="rs-source">Source: course dataset timeline' in html
        assert "<script" not in html and " style=" not in html


# ------------------------------------------------------------------------------------------------ glued charts
def test_a_glued_chart_is_read_from_the_labs_glue_store(tmp_path):
    (tmp_path / "notebooks").mkdir()
    store = tmp_path / "notebooks" / "05_x.glue.json"
    store.write_text('{"ch05_chart": {"data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}, "n": {"data": {"text/plain": "3"}}}')
    assert charts.png_of(tmp_path, "notebooks/05_x", "ch05_chart").startswith(b"\x89PNG")
    with pytest.raises(charts.ChartError, match="glues no figure named 'n'"):
        charts.png_of(tmp_path, "notebooks/05_x", "n")
    with pytest.raises(charts.ChartError, match="no glue data for notebooks/06_y"):
        charts.png_of(tmp_path, "notebooks/06_y", "ch06_chart")


# ------------------------------------------------------------------------------------------------ budgets
def test_budget_of_a_page_counts_its_map_assets(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "rs-maps.js").write_text("x" * 3000)
    (tmp_path / "p.html").write_text('<script src="_static/rs-maps.js"></script><figure class="rs-map"><svg>'
                                     + "<path d='M1,2'/>" * 50 + "</svg></figure>")
    row = budget.page_figures(tmp_path, "p.html")
    assert row["added_gzip"] > 0 and row["page_gzip"] >= row["added_gzip"]


# ------------------------------------------------------------------------------------------------ the directives
def _sphinx_build(tmp_path: Path, page: str) -> tuple[int, str, Path]:
    """Build a one-page Sphinx project with the maps extension (in-process, a few seconds)."""
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "src"
    (src / "book").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_nb", "bookbuild.maps"]\nexclude_patterns = ["_build"]\n')
    (src / "index.md").write_text("# Index\n\n```{toctree}\nbook/timeline\nbook/p\n```\n")
    (src / "book" / "timeline.md").write_text("# Timeline\n\n```{course-timeline}\n```\n")
    (src / "book" / "p.md").write_text(page)
    # SphinxTestApp, not Sphinx: its cleanup undoes docutils' global registrations for the next in-process build
    app = SphinxTestApp(buildername="html", srcdir=src, freshenv=True)
    try:
        app.build()
        return app.statuscode, app.warning.getvalue(), Path(app.outdir)
    finally:
        app.cleanup()


def test_directives_write_figures_and_reject_bad_options(tmp_path):
    code, warnings, out = _sphinx_build(tmp_path, "# Page\n\n```{timeline-strip}\n:from: 2011\n:to: 2024-12\n```\n\n"
                                        "```{course-map} sites\n```\n\n```{course-map} moon\n```\n\n"
                                        "```{timeline-strip}\n:from: soon\n:to: 2020\n```\n")
    html = (out / "book" / "p.html").read_text(encoding="utf-8")
    assert 'class="rs-strip"' in html and 'class="rs-map"' in html
    assert 'href="timeline.html#tl-main-T' in html  # strip dots open the event on the timeline page
    assert (out / "_static" / "maps" / "sites.svg").is_file() and (out / "_static" / "rs-maps.js").is_file()
    assert "rs-maps.js" in html and "rs-timeline.js" not in html  # each page loads only the script it uses
    assert "unknown map 'moon'; use sites, places or region" in warnings
    assert "timeline-strip needs :from: and :to: as YYYY or YYYY-MM" in warnings
