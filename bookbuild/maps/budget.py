"""Page-weight figures of the map and timeline pages, for ``make bench`` (``bookbuild.maps.budget.figures``).

Budgets (issue 14): the JavaScript, CSS and geometry a map or timeline page adds, at most 60 KB gzipped; a map
page with everything it loads, at most 300 KB gzipped. Sizes are gzip level 9 of each file, summed.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ADDED_BUDGET = 60_000
PAGE_BUDGET = 300_000
PAGES = ("book/maps.html", "book/timeline.html", "book/03_war_and_intervention.html")
OWN_ASSETS = ("rs-maps.js", "rs-timeline.js", "rs-maps.css")
ASSET = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref|img[^>]*\bsrc)="([^"#?]+)')
FIGURE = re.compile(r'<figure class="rs-(?:map|timeline|strip)".*?</figure>', re.DOTALL)


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def page_figures(site: Path, page: str) -> dict:
    """Gzipped bytes of one page: ``page_gzip`` (HTML and every local file it loads) and ``added_gzip``
    (the maps' own JS and CSS plus the SVG geometry and tables written into the page)."""
    path = Path(site) / page
    text = path.read_text(encoding="utf-8")
    total = _gz(text.encode())
    added = sum(_gz(m.group(0).encode()) for m in FIGURE.finditer(text))
    for ref in dict.fromkeys(ASSET.findall(text)):
        if re.match(r"^[a-z]+:|^//", ref):
            continue
        asset = (path.parent / ref).resolve()
        if asset.is_file():
            size = _gz(asset.read_bytes())
            total += size
            if asset.name in OWN_ASSETS:
                added += size
    return {"page": page, "page_gzip": total, "added_gzip": added}


def figures(site: Path = Path("_build/html")) -> list[dict]:
    """The rows ``make bench`` prints: each map/timeline page with its figures and budgets."""
    rows = []
    for page in PAGES:
        if (Path(site) / page).is_file():
            row = page_figures(site, page)
            row.update(added_budget=ADDED_BUDGET, page_budget=PAGE_BUDGET,
                       ok=row["added_gzip"] <= ADDED_BUDGET and row["page_gzip"] <= PAGE_BUDGET)
            rows.append(row)
    return rows


if __name__ == "__main__":
    for r in figures():
        print(f"{r['page']}: maps/timeline add {r['added_gzip'] / 1000:.1f} KB gz (budget {ADDED_BUDGET // 1000}), "
              f"page {r['page_gzip'] / 1000:.1f} KB gz (budget {PAGE_BUDGET // 1000}) {'ok' if r['ok'] else 'OVER'}")
