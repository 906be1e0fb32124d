"""HTML of a map figure: the SVG (interactive on screen, the static figure in print), caption, source line,
a details panel that ``static/maps.js`` fills, and the table that is the map's accessible alternative."""

from __future__ import annotations

import re
from html import escape

from .specs import MapFigure


def _unique_ids(svg: str, suffix: str) -> str:
    """Make the SVG's ids and link targets unique on the page (a page, or the one-page PDF, may show a map twice)."""
    svg = re.sub(r'(id|data-target)="([^"]+)"', lambda m: f'{m[1]}="{m[2]}-{suffix}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{m[1]}-{suffix}"', svg)
    return re.sub(r'aria-labelledby="([^"]+)"', lambda m: 'aria-labelledby="' + " ".join(
        f"{i}-{suffix}" for i in m[1].split()) + '"', svg)


def figure_html(fig: MapFigure, svg: str, suffix: str, download: str, chapter_links: dict[str, tuple[str, str]]) -> str:
    """``suffix`` makes ids unique per page; ``download``: URL of the standalone SVG; chapter_links: doc → (url, title)."""
    # The SVG holds links, so it is a labelled group (role="img" would hide the links from screen readers).
    svg = _unique_ids(svg, suffix).replace("<svg ", '<svg role="group" focusable="false" ', 1)
    head = "".join(f"<th scope=\"col\">{escape(c)}</th>" for c in fig.columns)
    body = []
    for row in fig.rows:
        cells = []
        for i, cell in enumerate(row["cells"]):
            if fig.columns[i].startswith("Chapters") and row.get("chapters"):
                cell_html = ", ".join(f'<a href="{escape(chapter_links[c][0])}">{escape(chapter_links[c][1])}</a>'
                                      for c in row["chapters"] if c in chapter_links) or "none"
            else:
                cell_html = escape(str(cell))
            tag = "th scope=\"row\"" if i == 0 else "td"
            cells.append(f"<{tag}>{cell_html}</{tag.split()[0]}>")
        cells.append("<td>" + "; ".join(f'<a href="{escape(u)}">{escape(t)}</a>' for t, u in row["links"]) + "</td>")
        body.append(f'<tr id="{escape(row["id"])}-{suffix}">{"".join(cells)}</tr>')
    table_id = f"{fig.key}-table-{suffix}"
    return (
        f'<figure class="rs-map" id="map-{fig.key}-{suffix}" data-map="{escape(fig.key)}">'
        f'<div class="rs-map-frame">{svg}</div>'
        f'<div class="rs-map-details" aria-live="polite" hidden></div>'
        f'<figcaption><p class="rs-caption">{escape(fig.caption)}</p>'
        f'<p class="rs-source">{escape(fig.source)}</p>'
        + (f'<p class="rs-note">{escape(fig.note)}</p>' if fig.note else "")
        + f'<p class="rs-download"><a href="{escape(download)}" download>Download the map (SVG)</a> · '
        f'<a href="#{table_id}">The map as a table</a></p></figcaption>'
        f'<details class="rs-map-table" id="{table_id}"><summary>The map as a table ({len(fig.rows)} rows)</summary>'
        f'<div class="rs-table-scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        f"</details></figure>"
    )
