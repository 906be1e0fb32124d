"""Map (a), Russia's military sites: every site the data can place has its own marker in both panels, also when
two sites are marked at one place (they sit side by side, not on top of each other)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from bookbuild.maps import render, specs

from conftest import ROOT
from datafiles import copy_data

PANEL = re.compile(r'<g transform="translate\(([\d.]+),0\)">(.*?)</g>(?=<g transform|<g class="rs-map-legend"|</svg>)', re.S)
PLACE = re.compile(r'<a class="rs-map-place[^"]*"[^>]*data-target="sites-(M\w+)"[^>]*>(.*?)</a>', re.S)


def _centre(marker: str) -> tuple[float, float]:
    """Centre of a marker drawn by render.mjs (circle, square, or a path through its corners)."""
    if m := re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', marker):
        return float(m[1]), float(m[2])
    if m := re.search(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', marker):
        return float(m[1]) + float(m[3]) / 2, float(m[2]) + float(m[4]) / 2
    xy = [tuple(map(float, p)) for p in re.findall(r"([\d.]+),([\d.]+)", re.search(r'd="([^"]+)"', marker)[1])]
    return sum(x for x, _ in xy) / len(xy), sum(y for _, y in xy) / len(xy)


def markers_by_panel(svg: str) -> list[dict[str, tuple[float, float]]]:
    """For each panel of the sites map: site id -> marker centre."""
    panels = []
    for _, body in PANEL.findall(svg):
        found: dict[str, tuple[float, float]] = {}
        for site, link in PLACE.findall(body):
            assert site not in found, f"site {site} has two markers in one panel"
            found[site] = _centre(link)
        panels.append(found)
    return panels


def assert_every_located_site_has_its_own_marker() -> None:
    sites = specs.site_locations()
    located = set(sites.loc[sites["located"] != "none", "site_id"])
    assert located, "no site can be placed: the sites map would be empty"
    fig = specs.sites_map()
    panels = markers_by_panel(render.render([fig.spec], ROOT)[fig.key])
    assert len(panels) == 2, "the sites map has a panel before and one after December 2024"
    for found in panels:
        assert set(found) == located, f"missing: {sorted(located - set(found))}, extra: {sorted(set(found) - located)}"
        centres = sorted(found.items(), key=lambda kv: kv[1])
        for (a, pa), (b, pb) in zip(centres, centres[1:], strict=False):
            assert abs(pa[0] - pb[0]) + abs(pa[1] - pb[1]) >= 8, f"{a} and {b} share one marker position"


def test_every_located_site_appears_on_the_sites_map():
    assert_every_located_site_has_its_own_marker()


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the datasets that the loader (and so the maps) reads instead of data/."""
    return copy_data(tmp_path, monkeypatch)


def test_two_sites_marked_at_one_place_sit_side_by_side(data_copy):
    # Kobani's position (M06) marked at Qamishli, as it would be if the Kobani row lost its site_ids
    places = pd.read_csv(data_copy / "places.csv", dtype=str, keep_default_na=False)
    qamishli = places["name"] == "Qamishli"
    assert qamishli.any() and (places["site_ids"] == "M06").any(), "test data changed: pick two other sites"
    places.loc[places["site_ids"] == "M06", "site_ids"] = ""
    places.loc[qamishli, "site_ids"] = places.loc[qamishli, "site_ids"] + ";M06"
    places.to_csv(data_copy / "places.csv", index=False)
    sites = specs.site_locations().set_index("site_id")
    assert sites.loc["M06", "map_label"] == "Qamishli"
    assert_every_located_site_has_its_own_marker()
