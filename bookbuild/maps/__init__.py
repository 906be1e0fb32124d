"""Sphinx extension: the course's offline maps and timeline.

Directives (MyST):

- ``{course-map} sites|places|region``: a map figure (interactive SVG, caption, source line, table alternative);
- ``{course-timeline}``: the interactive timeline with filters, zoom and a list view;
- ``{timeline-strip}`` with ``:from:``, ``:to:`` (years) and optional ``:themes:``: a chapter's compact strip;
- ``{course-chart} /notebooks/<lab>.ipynb::<key>``: a chart the lab glued, with ``:alt:`` and ``:source:``.

Maps are drawn at build time by one renderer (``js/render.mjs``: d3-geo on Natural Earth from npm world-atlas)
and written into the page, so a page carries only its SVG and a small script; no tile or font server is used.
Registered in ``_config.yml`` under ``sphinx: local_extensions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util import logging

from . import charts, specs, timeline
from . import html as map_html
from . import render as map_render

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
ASSETS = {"rs-maps.js": 'class="rs-map"', "rs-timeline.js": 'class="rs-timeline"',
          "rs-maps.css": ('class="rs-map"', 'class="rs-timeline"', 'class="rs-strip"', 'class="rs-chart"')}
TIMELINE_DOC = "book/timeline"


class rs_figure(nodes.General, nodes.Element):
    """Placeholder replaced by the figure's HTML once links between pages can be resolved."""


class CourseMap(Directive):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0].strip()
        if key not in ("sites", "places", "region"):
            raise self.error(f"course-map: unknown map {key!r}; use sites, places or region.")
        return [rs_figure(kind="map", key=key)]


class CourseTimeline(Directive):
    def run(self) -> list[nodes.Node]:
        return [rs_figure(kind="timeline")]


def _year(text: str) -> float:
    """'2011' or '2024-12' as a decimal year (the timelines' x axis)."""
    year, _, month = text.strip().partition("-")
    return int(year) + ((int(month) - 1) / 12 if month else 0)


class TimelineStrip(Directive):
    option_spec = {"from": directives.unchanged_required, "to": directives.unchanged_required, "themes": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        try:
            lo, hi = _year(self.options["from"]), _year(self.options["to"])
        except (KeyError, ValueError):
            raise self.error("timeline-strip needs :from: and :to: as YYYY or YYYY-MM, e.g. :from: 1944 and :to: 2024-12.") from None
        themes = [t.strip() for t in self.options.get("themes", "").split(",") if t.strip()]
        unknown = [t for t in themes if t not in timeline.THEME_ORDER]
        if unknown:
            raise self.error(f"timeline-strip: unknown theme(s) {unknown}; themes are {timeline.THEME_ORDER}.")
        return [rs_figure(kind="strip", lo=lo, hi=hi, themes=themes)]


def _prepare(app: Any) -> None:
    """Compute every map and the timeline from the datasets (builder-inited); maps are drawn at first use."""
    app.rs_maps = specs.all_maps(Path(app.srcdir) / "book")
    app.rs_svgs = None
    app.rs_events = timeline.events()


def _svgs(app: Any) -> dict[str, str]:
    """The maps' SVG markup, drawn by Node once per build, and only by a build that shows a map."""
    if app.rs_svgs is None:
        cache = Path(app.doctreedir).parent / ".maps-cache"
        app.rs_svgs = map_render.render([m.spec for m in app.rs_maps.values()], Path(app.srcdir), cache)
    return app.rs_svgs


def _uri(app: Any, fromdoc: str, todoc: str, anchor: str = "") -> str:
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    if "#" in uri and anchor:  # one-page builds (the PDF): the target's anchor alone
        return "#" + anchor
    return uri + ("#" + anchor if anchor else "")


def _chapters(app: Any, fromdoc: str) -> dict[str, tuple[str, str]]:
    out = {}
    for doc, title in app.env.titles.items():
        if doc.startswith("book/0") and "/" not in doc[5:]:
            out[doc[5:]] = (_uri(app, fromdoc, doc), title.astext())
    return out


def _resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder by its HTML (doctree-resolved): links are now relative to this page."""
    suffix = docname.replace("/", "-")
    for n, node in enumerate(list(doctree.findall(rs_figure))):
        tag = f"{suffix}-{n}"
        if node["kind"] == "map":
            fig = app.rs_maps[node["key"]]
            depth = "../" * docname.count("/") if not app.builder.name.startswith("singlehtml") else ""
            html = map_html.figure_html(fig, _svgs(app)[node["key"]], tag, f"{depth}_static/maps/{fig.key}.svg",
                                        _chapters(app, docname))
        elif node["kind"] == "chart":
            try:
                html = charts.chart_html(app, node, docname)
            except charts.ChartError as exc:
                logger.warning(str(exc), location=node)
                node.replace_self(nodes.paragraph("", str(exc)))
                continue
        elif node["kind"] == "timeline":
            html = timeline.timeline_html(app.rs_events, _chapters(app, docname), "main")
        else:
            title = app.env.titles[docname].astext() if docname in app.env.titles else docname
            html = timeline.strip_html(app.rs_events, node["lo"], node["hi"], title,
                                       lambda e: _uri(app, docname, TIMELINE_DOC, f"tl-main-{e.id}"), tag, node["themes"])
        node.replace_self(nodes.raw("", html, format="html"))


def _page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Keep the maps' script and style only on pages that show a map, the timeline or a strip."""
    body = context.get("body", "") or ""

    def needed(asset: Any) -> bool:
        name = Path(str(getattr(asset, "filename", "") or "")).name
        marks = ASSETS.get(name)
        if marks is None:
            return True
        return any(m in body for m in ((marks,) if isinstance(marks, str) else marks))

    context["script_files"] = [s for s in context.get("script_files", []) if needed(s)]
    context["css_files"] = [c for c in context.get("css_files", []) if needed(c)]


def _write_svgs(app: Any, exc: Exception | None) -> None:
    """Write each map as a standalone SVG file: the download link and reuse outside the book."""
    if exc or app.builder.format != "html" or not getattr(app, "rs_svgs", None):
        return
    out = Path(app.outdir) / "_static" / "maps"
    out.mkdir(parents=True, exist_ok=True)
    for key, svg in app.rs_svgs.items():
        (out / f"{key}.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.add_node(rs_figure)
    app.add_directive("course-map", CourseMap)
    app.add_directive("course-timeline", CourseTimeline)
    app.add_directive("timeline-strip", TimelineStrip)
    app.add_directive("course-chart", charts.CourseChart)
    app.connect("builder-inited", _prepare)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _page_assets, priority=800)  # before site_weight trims and defers (900)
    app.connect("build-finished", _write_svgs)
    app.connect("config-inited", lambda app, config: config.html_static_path.append(str(STATIC)))
    app.add_js_file("rs-maps.js", defer="defer")
    app.add_js_file("rs-timeline.js", defer="defer")
    app.add_css_file("rs-maps.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
