"""What the course maps show, computed from the datasets: marker lists, table rows and captions.

The maps are drawn by one renderer (``js/render.mjs``, run by :mod:`bookbuild.maps.render`); this module only
decides *what* to draw, so a change in ``places`` or ``military_sites`` changes the maps at the next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from russia_syria import data

# The date the Assad government fell: the maps compare Russia's sites before it and at the latest source.
FALL_OF_ASSAD = pd.Timestamp("2024-12-08")
SYRIA_BBOX = [[35.4, 32.2], [42.6, 37.5]]
REGION_BBOX = [[28.5, 29.6], [45.0, 39.2]]
# Marker shape and colour per status: the shape alone tells them apart (colours from russia_syria.plots).
STATUS_STYLE = {
    "active": ("circle", "#0072B2", "Russian-held"),
    "withdrawn": ("square", "#D55E00", "withdrawn or evacuated"),
    "historical": ("diamond", "#009E73", "historical (earlier use)"),
    "uncertain": ("triangle", "#CC79A7", "uncertain"),
}
PLACE_STYLE = ("circle", "#0072B2")
SOURCE_NATURAL_EARTH = "Boundaries: Natural Earth 1:50m (public domain), via the npm package world-atlas 2.0"


@dataclass
class MapFigure:
    """Everything a map figure needs: the renderer's spec, the table alternative, caption and source line."""

    key: str
    spec: dict
    caption: str
    source: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)  # {"id", "cells": [...], "links": [(text, url)]}
    note: str = ""


def status_before(row: pd.Series) -> str:
    """A site's status just before 8 Dec 2024, derived from its latest status and the date of that source."""
    if row["status_category"] in ("historical", "uncertain"):
        return row["status_category"]
    if pd.notna(row["status_date"]) and row["status_date"] >= FALL_OF_ASSAD:
        return "active"  # still held, or given up only after the fall: it was held before it
    return row["status_category"]


def _text(value: object) -> str:
    """A cell as text: empty for a missing value (the loader gives pandas' NA)."""
    return "" if value is None or pd.isna(value) else str(value)


def _short(name: str) -> str:
    return re.split(r" \(| -|,", name)[0].strip()


def site_locations() -> pd.DataFrame:
    """military_sites with coordinates: the site's own, else its place's (``located``: own / place / none)."""
    sites = data.load("military_sites").copy()
    places = data.load("places")
    at_place: dict[str, pd.Series] = {}
    for _, place in places.iterrows():
        for sid in _text(place["site_ids"]).split(";"):
            if sid.strip() and sid.strip() not in at_place:
                at_place[sid.strip()] = place
    lat, lon, located, label = [], [], [], []
    for _, s in sites.iterrows():
        place = at_place.get(s["site_id"])
        if pd.notna(s["latitude"]) and pd.notna(s["longitude"]):
            where = (float(s["latitude"]), float(s["longitude"]), "own")
        elif place is not None:
            where = (float(place["latitude"]), float(place["longitude"]), "place")
        else:
            where = (None, None, "none")
        lat.append(where[0])
        lon.append(where[1])
        located.append(where[2])
        label.append(str(place["name"]) if place is not None else _short(str(s["name"])))
    sites["map_lat"], sites["map_lon"], sites["located"], sites["map_label"] = lat, lon, located, label
    sites["status_before"] = sites.apply(status_before, axis=1)
    return sites


def _points(frame: pd.DataFrame, status_col: str, prefix: str, when: str) -> list[dict]:
    points, seen = [], {}
    for _, s in frame[frame["located"] != "none"].iterrows():
        shape, fill, words = STATUS_STYLE.get(s[status_col], STATUS_STYLE["uncertain"])
        key = (round(s["map_lat"], 3), round(s["map_lon"], 3))
        n = seen.get(key, 0)
        seen[key] = n + 1
        points.append({
            "lon": s["map_lon"], "lat": s["map_lat"], "shape": shape, "fill": fill,
            "label": s["map_label"] if n == 0 else "", "dx": 7 + 11 * n, "ox": 11 * n,
            "target": f"{prefix}-{s['site_id']}", "aria": f"{s['map_label']}: {s['name']}, {when}: {words}",
            "cls": f"rs-status-{s[status_col]}",
        })
    return points  # "ox": markers at one place sit side by side rather than on top of each other


def sites_map(key: str = "sites") -> MapFigure:
    """Map (a): Russia's military sites, before the fall of Assad and at the latest source, side by side."""
    sites = site_locations()
    latest = sites["status_date"].max()
    used = set(sites["status_category"]) | set(sites["status_before"])
    legend = [{"shape": s, "fill": f, "label": w} for k, (s, f, w) in STATUS_STYLE.items() if k in used]
    shown = int((sites["located"] != "none").sum())
    spec = {
        "id": key, "width": 700, "height": 330, "bbox": SYRIA_BBOX, "focus": "Syria",
        "countryLabels": [], "panels": [
            {"title": "Before 8 December 2024", "points": _points(sites, "status_before", key, "before December 2024")},
            {"title": f"Latest source ({latest:%B %Y})", "points": _points(sites, "status_category", key, "latest source")},
        ],
        "legend": legend,
        "title": "Russia's military sites in Syria, before and after December 2024",
        "desc": (f"Two maps of Syria side by side. {shown} of the {len(sites)} sites in the course data can be placed. "
                 + " ".join(f"{r.map_label}: {r.status_before} before December 2024, {r.status_category} at the latest source."
                            for r in sites[sites["located"] != "none"].itertuples())),
    }
    rows = []
    for _, s in sites.iterrows():
        where = {"own": "coordinates of the site", "place": f"marked at {s['map_label']} (approximate)",
                 "none": "not on the map: no source gave a location"}[s["located"]]
        rows.append({"id": f"{key}-{s['site_id']}", "cells": [
            s["name"], s["site_type"], s["status_before"], f"{s['status_category']} ({s['status_date']:%d %b %Y}): {s['status']}",
            where], "links": [(s["source_publisher"], s["source_url"])]})
    return MapFigure(
        key, spec,
        caption=(f"Russia's military sites in Syria: {shown} of the {len(sites)} sites in the course data, with their status "
                 "just before the fall of the Assad government on 8 December 2024 (left) and at the latest source (right). "
                 "Focus or point at a marker for its row and source; the table below lists every site."),
        source=f"Sources: course datasets military_sites and places (each row's source in the table). {SOURCE_NATURAL_EARTH}.",
        columns=["Site", "Type", "Before 8 Dec 2024", "Latest status", "Where on the map", "Source"], rows=rows,
        note="Status before December 2024 is derived: a site still held, or given up only after 8 December 2024, counts as held before it.",
    )


def _mentions(names: list[str], book: Path) -> list[str]:
    pages = sorted(book.glob("0[1-9]_*.md"))
    pats = [re.compile(r"\b" + re.escape(n) + r"\b", re.IGNORECASE) for n in names if n]
    return [p.stem for p in pages if any(pat.search(p.read_text(encoding="utf-8")) for pat in pats)]


def _place_rows(key: str, places: pd.DataFrame, book: Path) -> list[dict]:
    rows = []
    for _, p in places.iterrows():
        names = [p["name"]] + [n.strip() for n in _text(p["other_names"]).split(";")]
        chapters = _mentions(names, book)
        rows.append({"id": f"{key}-{p['place_id']}", "cells": [
            p["name"], p["kind"], p["country"], f"{p['latitude']:.3f}, {p['longitude']:.3f}",
            ", ".join(c[:2].lstrip("0") for c in chapters) or "none", _text(p["notes"])],
            "links": [(p["source_publisher"], p["source_url"])], "chapters": chapters})
    return rows


def _place_points(key: str, places: pd.DataFrame, nudge: dict[str, tuple[int, int, str]]) -> list[dict]:
    out = []
    for _, p in places.iterrows():
        dx, dy, anchor = nudge.get(p["name"], (7, 4, "start"))
        out.append({"lon": float(p["longitude"]), "lat": float(p["latitude"]), "shape": PLACE_STYLE[0],
                    "fill": PLACE_STYLE[1], "r": 4, "label": p["name"], "dx": dx, "dy": dy, "anchor": anchor,
                    "target": f"{key}-{p['place_id']}", "aria": f"{p['name']} ({p['kind']})", "cls": ""})
    return out


# Label nudges keep neighbouring names apart on the coast (pure layout, no data).
NUDGE = {"Latakia": (-7, -2, "end"), "Hmeimim": (7, 2, "start"), "Baniyas": (-7, 4, "end"), "Tartus": (-7, 6, "end"),
         "Quneitra": (-7, 4, "end"), "Daraa": (-7, 10, "end"), "Homs": (7, 6, "start"), "Hama": (7, 2, "start"),
         "Idlib": (-7, 4, "end"), "Damascus": (7, 4, "start"), "Suwayda": (7, 8, "start")}


def _contested(places: pd.DataFrame) -> list[dict]:
    out = []
    for _, p in places[places["kind"] == "contested area"].iterrows():
        out.append({"lon": float(p["longitude"]), "lat": float(p["latitude"]), "label": p["name"],
                    "anchor": "end", "dx": -12, "dy": 3 if p["name"] != "Hatay" else -10})
    return out


def places_map(book: Path, key: str = "places") -> MapFigure:
    """Map (c): the places the chapters name, from the places dataset."""
    places = data.load("places")
    towns = places[places["kind"] != "contested area"]
    spec = {"id": key, "width": 700, "height": 480, "bbox": SYRIA_BBOX, "focus": "Syria",
            "countryLabels": ["Turkey", "Iraq", "Jordan", "Lebanon"], "areas": _contested(places),
            "labelAt": {"Turkey": [38.2, 37.35], "Iraq": [42.15, 34.2], "Jordan": [37.6, 32.35], "Lebanon": [35.75, 33.75]},
            "panels": [{"title": "", "points": _place_points(key, towns, NUDGE)}],
            "legend": [], "title": "Places of the narrative",
            "desc": f"Map of Syria with {len(towns)} places the course names: " + ", ".join(towns["name"])
            + ". Contested areas are labelled in italics: " + ", ".join(places[places["kind"] == "contested area"]["name"]) + "."}
    return MapFigure(
        key, spec,
        caption=(f"The {len(towns)} places of the narrative, from the course's places dataset, and the contested areas "
                 "(italic labels; see the notes in the table). Focus or point at a place for its row and source."),
        source=f"Source: course dataset places (the source of each coordinate is in the table). {SOURCE_NATURAL_EARTH}.",
        columns=["Place", "Kind", "Country", "Lat, lon", "Chapters naming it", "Notes", "Source of coordinates"],
        rows=_place_rows(key, places, book),
        note="Lines drawn are Natural Earth's lines of control, not recognised borders; their use implies no position on any dispute.",
    )


def region_map(book: Path, key: str = "region") -> MapFigure:
    """Map (b): Syria, its neighbours and the eastern Mediterranean, with the coast where Russia's bases are."""
    places = data.load("places")
    coast = places[places["name"].isin(["Damascus", "Tartus", "Latakia", "Hmeimim", "Aleppo"])]
    sites = site_locations()
    held = ", ".join(_short(r.name) for r in sites[sites["status_category"] == "active"].itertuples()) or "none"
    spec = {"id": key, "width": 700, "height": 500, "bbox": REGION_BBOX, "focus": "Syria",
            "countryLabels": ["Turkey", "Syria", "Iraq", "Jordan", "Lebanon", "Cyprus", "Egypt", "Saudi Arabia", "Israel"],
            "labelAt": {"Israel": [34.85, 30.9], "Lebanon": [35.9, 34.1], "Cyprus": [33.0, 35.05], "Egypt": [30.5, 30.2],
                        "Saudi Arabia": [39.5, 30.4], "Turkey": [33.5, 38.4]},
            "seaLabels": [{"lon": 31.2, "lat": 33.6, "label": "Mediterranean Sea"}], "areas": _contested(places),
            "panels": [{"title": "", "points": _place_points(key, coast, {"Latakia": (-7, -4, "end"), "Hmeimim": (7, 4, "start"),
                                                                           "Tartus": (-7, 6, "end"), "Damascus": (7, 4, "start"),
                                                                           "Aleppo": (7, 4, "start")})}],
            "legend": [], "title": "Syria, its neighbours and the eastern Mediterranean",
            "desc": "Map of the eastern Mediterranean: Syria (highlighted) between Turkey, Iraq, Jordan, Israel and Lebanon, "
                    "with Cyprus offshore. Marked: " + ", ".join(coast["name"]) + ". Contested areas in italics: Golan Heights, Hatay."}
    return MapFigure(
        key, spec,
        caption="Syria, its neighbours and the eastern Mediterranean, with Damascus, Aleppo and the coast where the "
                f"sites Russia holds at the latest source lie ({held}), and the contested areas in italics. "
                "Focus or point at a place for its row and source.",
        source=f"Source: course dataset places (coordinates and their sources in the table). {SOURCE_NATURAL_EARTH}.",
        columns=["Place", "Kind", "Country", "Lat, lon", "Chapters naming it", "Notes", "Source of coordinates"],
        rows=_place_rows(key, pd.concat([coast, places[places["kind"] == "contested area"]]), book),
        note="Lines drawn are Natural Earth's lines of control, not recognised borders; their use implies no position on any dispute.",
    )


def all_maps(book: Path) -> dict[str, MapFigure]:
    """Every map of the course, by the name the ``{course-map}`` directive uses."""
    return {"sites": sites_map(), "places": places_map(book), "region": region_map(book)}
