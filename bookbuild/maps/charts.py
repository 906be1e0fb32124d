"""``{course-chart}``: a chart a lab glued (myst-nb ``glue``), shown on a chapter page as a figure with alt text,
caption and source line.

The source line is the chart's own: ``russia_syria.plots.finish`` writes it under the chart from the dataset's
source columns, and the page shows it as text in the caption (``:source:`` is only for a chart without one).

myst-nb's ``glue:figure`` only pastes from the page's own notebook; chapter pages are Markdown, so this reads the
lab's glue store (``<output_folder>/<notebook>.glue.json``, written when the lab runs) once every page has been
read. A rerun lab redraws the chart from the data, and the page shows the new one.
"""

from __future__ import annotations

import base64
import json
import re
from html import escape, unescape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives


class ChartError(LookupError):
    """The glued chart is not there: the message names the notebook and the key."""


class CourseChart(Directive):
    """``{course-chart} /notebooks/NN_x.ipynb::key`` with ``:alt:``, the caption as content, and ``:source:`` only
    for a chart that carries no source line of its own."""

    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "source": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        ref = self.arguments[0]
        if "::" not in ref:
            raise self.error(f"course-chart: write the chart as /notebooks/<lab>.ipynb::<key>, not {ref!r}.")
        if not self.options.get("alt", "").strip():
            raise self.error(f"course-chart {ref}: the :alt: option is required (every figure has alt text).")
        if self.options.get("source") and not self.options["source"].startswith(("Source:", "Sources:")):
            raise self.error(f"course-chart {ref}: :source: must start with 'Source:' or 'Sources:'.")
        doc, key = ref.split("::", 1)
        from . import rs_figure  # the placeholder node shared with the maps

        return [rs_figure(kind="chart", doc=doc.strip("/").removesuffix(".ipynb"), key=key.strip(),
                          alt=self.options["alt"], source=self.options.get("source", ""), caption=" ".join(self.content).strip())]


IMAGE_TYPES = (("image/svg+xml", "svg"), ("image/png", "png"))  # the labs draw SVG (plots.use); PNG still read


def image_of(output_folder: Path, doc: str, key: str) -> tuple[str, bytes]:
    """(file extension, bytes) of the figure glued as ``key`` by notebook ``doc`` (e.g. 'notebooks/05_x')."""
    store = Path(output_folder) / f"{doc}.glue.json"
    if not store.is_file():
        raise ChartError(f"course-chart: no glue data for {doc} ({store} missing): is the lab in _toc.yml and did it run?")
    bundle = (json.loads(store.read_text(encoding="utf-8")).get(key) or {}).get("data", {})
    for mime, ext in IMAGE_TYPES:
        if mime in bundle:
            body = bundle[mime]
            return ext, (body.encode("utf-8") if mime == "image/svg+xml" else base64.b64decode(body))
    raise ChartError(f"course-chart: {doc} glues no figure named {key!r}; add glue({key!r}, fig, display=False) to the lab.")


def png_of(output_folder: Path, doc: str, key: str) -> bytes:
    """The PNG of glued output ``key`` of notebook ``doc`` (a ChartError if it was glued as SVG)."""
    ext, body = image_of(output_folder, doc, key)
    if ext != "png":
        raise ChartError(f"course-chart: {doc} glued {key!r} as {ext}, not PNG.")
    return body


SOURCE_GROUP = re.compile(r'<g id="rs-source">(.*?)</g>', re.DOTALL)  # plots.SOURCE_ID


def split_source(svg: str) -> tuple[str, str]:
    """(the SVG without its source line, that line as text; '' if it has none)."""
    m = SOURCE_GROUP.search(svg)
    if not m:
        return svg, ""
    return svg[: m.start()] + svg[m.end():], unescape(" ".join(re.findall(r">([^<]*)</text>", m[1])))


def chart_html(app: Any, node: nodes.Element, docname: str) -> str:
    """Write the chart's image (SVG or PNG) into the site's _images and return the figure's HTML, whose caption
    carries the chart's source line as text (taken out of the image, so it is not shown twice)."""
    ext, body = image_of(Path(app.env.mystnb_config.output_folder), node["doc"], node["key"])
    source = ""
    if ext == "svg":
        svg, source = split_source(body.decode("utf-8"))
        body = svg.encode("utf-8")
    source = source or node["source"]
    if not source:
        raise ChartError(f"course-chart: {node['doc']}::{node['key']} has no source line: draw it with "
                         "plots.finish(ax, rows, dataset) in the lab, or give the directive a :source: option.")
    out = Path(app.outdir) / "_images"
    out.mkdir(parents=True, exist_ok=True)
    name = f"{node['key']}.{ext}"
    (out / name).write_bytes(body)
    depth = "" if app.builder.name.startswith("singlehtml") else "../" * docname.count("/")
    return (f'<figure class="rs-chart" id="chart-{escape(node["key"])}"><img src="{depth}_images/{escape(name)}" '
            f'alt="{escape(node["alt"])}" loading="lazy"><figcaption><p class="rs-caption">{escape(node["caption"])}</p>'
            f'<p class="rs-source">{escape(source)}</p></figcaption></figure>')
