"""The maps and timeline in the built book, in Chromium: keyboard-only use, two figures with alt text and a source
line on every chapter page, the page-weight budgets, and the static maps in the printed course (PDF). Axe in light
and dark mode, offline, runs on these pages as on every page (test_accessibility.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bookbuild.maps import budget

from test_accessibility import NEXT_FRAMES
from test_pdf import course_pdfs, pdf_text  # noqa: F401 - course_pdfs: the printed course, a fixture

CHAPTERS = [f"book/{p.stem}" for p in sorted((Path(__file__).parents[1] / "book").glob("0[1-8]_*.md"))]
FIGURE = re.compile(r'<figure class="rs-(map|strip|timeline|chart)".*?</figure>', re.DOTALL)


def _open(page, site_url: str, doc: str) -> None:
    response = page.goto(site_url + doc + ".html", wait_until="load")
    assert response is not None and response.status == 200, doc
    page.evaluate(NEXT_FRAMES)


def _tab_until(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only, as a reader would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_moves_through_map_places_and_shows_their_rows(page, site_url):
    _open(page, site_url, "book/maps")
    _tab_until(page, "#map-places-book-maps-2 a.rs-map-place")
    panel = page.locator("#map-places-book-maps-2 .rs-map-details")
    seen = []
    for _ in range(5):
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        place = label.split(" (")[0]
        assert panel.is_visible()
        text = panel.inner_text()
        assert place in text and "Source of coordinates" in text, (place, text)
        seen.append(place)
        page.keyboard.press("Tab")
    assert len(set(seen)) == 5
    # Enter on a place opens the table alternative at its row
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.locator("#places-table-book-maps-2").evaluate("d => d.open")


def test_keyboard_moves_through_timeline_events_filters_and_zooms(page, site_url):
    _open(page, site_url, "book/timeline")
    fig = page.locator("figure.rs-timeline")
    total = fig.locator("a.rs-tl-dot").count()
    assert fig.locator(".rs-tl-count").inner_text() == f"{total} of {total} events shown"
    # zoom to the last period by keyboard: its button, then Enter
    _tab_until(page, ".rs-tl-periods button:last-child")
    page.keyboard.press("Enter")
    shown = fig.locator("a.rs-tl-dot:not(.rs-off)").count()
    assert 0 < shown < total
    assert fig.locator("li.rs-tl-item:not([hidden])").count() == shown
    _tab_until(page, "a.rs-tl-dot")
    first = page.evaluate("document.activeElement.dataset.event")
    details = fig.locator(".rs-tl-details")
    assert details.is_visible() and "Chapter:" in details.inner_text() and "Source:" in details.inner_text()
    text = page.locator(f"li[data-event='{first}'] .rs-tl-text").inner_text()
    assert text in details.inner_text()
    assert page.evaluate("+document.activeElement.dataset.t") >= 2024.9
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.event") != first
    # theme filter: untick "UN" with the keyboard; UN events leave the list
    fig.locator("input[value=un]").focus()
    page.keyboard.press("Space")
    assert fig.locator("li.rs-tl-item[data-theme=un]:not([hidden])").count() == 0


@pytest.mark.parametrize("doc", CHAPTERS)
def test_every_chapter_shows_two_figures_with_alt_text_and_source(site_dir, doc):
    html = (site_dir / f"{doc}.html").read_text(encoding="utf-8")
    figures = [m.group(0) for m in FIGURE.finditer(html)]
    figures += re.findall(r"<figure\b(?![^>]*class=\"rs-).*?</figure>", html, re.DOTALL)  # glued charts
    assert len(figures) >= 2, f"{doc}: {len(figures)} figures"
    for fig in figures:
        alt = re.search(r"<title id=[^>]*>([^<]{10,})</title><desc id=[^>]*>([^<]{20,})</desc>", fig) or \
            re.search(r'<img[^>]*alt="([^"]{10,})"', fig)
        assert alt, f"{doc}: a figure without alt text\n{fig[:300]}"
        assert re.search(r'class="rs-source">\s*Sources?:', fig) or "Source:" in fig, f"{doc}: a figure without a source line"


def test_map_pages_keep_the_budgets(site_dir):
    rows = budget.figures(site_dir)
    assert {r["page"] for r in rows} >= {"book/maps.html", "book/timeline.html"}
    for r in rows:
        assert r["ok"], r


def test_the_printed_course_contains_the_static_maps(course_pdfs):  # noqa: F811 - the fixture imported above
    text = re.sub(r"\s+", " ", pdf_text(course_pdfs / "course.pdf"))
    for words in ("Before 8 December 2024", "Latest source", "Mediterranean Sea", "Golan Heights", "Qamishli",
                  "drawn in the lab of this chapter"):
        assert words in text, words
    assert text.count("This chapter on the course timeline") == len(CHAPTERS)  # every chapter's strip
