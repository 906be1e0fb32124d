"""``{course-chart}``: a chart a lab glued (myst-nb ``glue``), shown on a chapter page as a figure with alt text,
caption and source line.

myst-nb's ``glue:figure`` only pastes from the page's own notebook; chapter pages are Markdown, so this reads the
lab's glue store (``<output_folder>/<notebook>.glue.json``, written when the lab runs) once every page has been
read. A rerun lab redraws the chart from the data, and the page shows the new one.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives


class ChartError(LookupError):
    """The glued chart is not there: the message names the notebook and the key."""


class CourseChart(Directive):
    """``{course-chart} /notebooks/NN_x.ipynb::key`` with ``:alt:``, ``:source:`` and the caption as content."""

    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "source": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        ref = self.arguments[0]
        if "::" not in ref:
            raise self.error(f"course-chart: write the chart as /notebooks/<lab>.ipynb::<key>, not {ref!r}.")
        for option in ("alt", "source"):
            if not self.options.get(option, "").strip():
                raise self.error(f"course-chart {ref}: the :{option}: option is required (every figure has alt text and a source line).")
        if not self.options["source"].startswith(("Source:", "Sources:")):
            raise self.error(f"course-chart {ref}: :source: must start with 'Source:' or 'Sources:'.")
        doc, key = ref.split("::", 1)
        from . import rs_figure  # the placeholder node shared with the maps

        return [rs_figure(kind="chart", doc=doc.strip("/").removesuffix(".ipynb"), key=key.strip(),
                          alt=self.options["alt"], source=self.options["source"], caption=" ".join(self.content).strip())]


def png_of(output_folder: Path, doc: str, key: str) -> bytes:
    """The PNG of glued output ``key`` of notebook ``doc`` (e.g. 'notebooks/05_trade_grain_money')."""
    store = Path(output_folder) / f"{doc}.glue.json"
    if not store.is_file():
        raise ChartError(f"course-chart: no glue data for {doc} ({store} missing): is the lab in _toc.yml and did it run?")
    data = json.loads(store.read_text(encoding="utf-8")).get(key)
    if not data or "image/png" not in data.get("data", {}):
        raise ChartError(f"course-chart: {doc} glues no figure named {key!r}; add glue({key!r}, fig, display=False) to the lab.")
    return base64.b64decode(data["data"]["image/png"])


def chart_html(app: Any, node: nodes.Element, docname: str) -> str:
    """Write the chart's PNG into the site's _images and return the figure's HTML."""
    png = png_of(Path(app.env.mystnb_config.output_folder), node["doc"], node["key"])
    out = Path(app.outdir) / "_images"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{node['key']}.png").write_bytes(png)
    depth = "" if app.builder.name.startswith("singlehtml") else "../" * docname.count("/")
    return (f'<figure class="rs-chart" id="chart-{escape(node["key"])}"><img src="{depth}_images/{escape(node["key"])}.png" '
            f'alt="{escape(node["alt"])}" loading="lazy"><figcaption><p class="rs-caption">{escape(node["caption"])}</p>'
            f'<p class="rs-source">{escape(node["source"])}</p></figcaption></figure>')
