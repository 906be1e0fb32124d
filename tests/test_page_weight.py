"""The page-weight work holds (bookbuild/site_weight.py + _templates/): no icon script, no Thebe, search scripts on
the search page only, icon fonts subset, and the sidebar toggle that the override fixes still works.
Figures (bytes, Lighthouse scores) are measured by `make bench`; these tests catch a regression in the recipe,
e.g. after a theme upgrade."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bookbuild.site_weight import FONT_DIR, name_toctree_toggles, trim_icon_css

from conftest import toc_files

PAGES = [*toc_files(), "search", "genindex"]


@pytest.mark.parametrize("docname", PAGES)
def test_page_loads_no_icon_script_no_thebe_and_search_only_where_needed(site_dir: Path, docname: str) -> None:
    html = (site_dir / f"{docname}.html").read_text(encoding="utf-8")
    assert "fontawesome.js" not in html, "the theme's 1.5 MB icon script is back: check _templates/layout.html"
    assert "sphinx-thebe" not in html and "THEBE_JS_URL" not in html, "Thebe is back: see drop_thebe in site_weight"
    assert ("searchindex.js" in html) == (docname == "search"), "search scripts belong to the search page only"
    assert "fonts.googleapis.com" not in html


def test_icon_fonts_are_subset_and_unused_icon_rules_removed(site_dir: Path) -> None:
    fonts = site_dir / "_static" / FONT_DIR
    subsets = sorted(fonts.glob("*.subset.woff"))
    assert len(subsets) == 3, f"expected three subset fonts in {fonts}: {subsets}"
    assert all(f.stat().st_size < 10_000 for f in subsets), [(f.name, f.stat().st_size) for f in subsets]
    assert not list(fonts.glob("*.woff2")) and not list(fonts.glob("*.ttf")), "full icon fonts still shipped"
    css = (site_dir / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".fa-magnifying-glass:before" in css, "an icon the pages use lost its rule"
    assert ".fa-dragon:before" not in css, "unused icon rules were not removed"
    assert "fa-solid-900.subset.woff" in css and "fa-solid-900.woff2" not in css


def test_trim_icon_css_keeps_used_selectors_only() -> None:
    css = (
        '.x{color:red}.fa-a:before{content:"\\f001"}.fa-b:before,.fa-c:before{content:"\\f002"}'
        '.fa-d:before{content:"\\f003"}'
        '@font-face{src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2"),'
        'url(../vendor/fontawesome/webfonts/fa-solid-900.ttf) format("truetype")}'
    )
    out = trim_icon_css(css, {"fa-a", "fa-c"})
    assert '.fa-a:before{content:"\\f001"}' in out
    assert '.fa-c:before{content:"\\f002"}' in out and ".fa-b" not in out
    assert ".fa-d" not in out and ".x{color:red}" in out
    assert 'url(../vendor/fontawesome/webfonts/fa-solid-900.subset.woff) format("woff")' in out


def test_sidebar_toggles_get_the_name_of_the_section_they_open() -> None:
    toc = (
        '<li class="toctree-l1 has-children"><a class="reference internal" href="t.html">Teacher&#8217;s "guide"</a>'
        '<details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down">'
        "</i></span></summary><ul></ul></details></li>"
    )
    out = name_toctree_toggles(toc)
    assert '<summary aria-label="Pages under Teacher’s &quot;guide&quot;">' in out
    assert name_toctree_toggles(out) == out  # a named toggle is left alone


def test_sidebar_toggle_button_hides_and_shows_the_navigation(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + toc_files()[1] + ".html", wait_until="load")
        page.wait_for_timeout(300)
        sidebar = page.locator("#pst-primary-sidebar")
        button = page.locator(".primary-toggle:visible").first
        assert sidebar.is_visible()
        button.click()
        assert not sidebar.is_visible(), "wide screen: the toggle did not hide the sidebar"
        button.click()
        assert sidebar.is_visible(), "wide screen: the toggle did not bring the sidebar back"
        page.set_viewport_size({"width": 600, "height": 900})
        page.wait_for_timeout(200)
        page.locator(".primary-toggle:visible").first.click()
        page.wait_for_timeout(300)
        assert page.evaluate("document.getElementById('pst-primary-sidebar-modal').open"), "narrow screen: no drawer"
    finally:
        context.close()


def test_subset_fonts_are_the_same_bytes_every_build(tmp_path: Path) -> None:
    """A rebuild publishes no changed font files (no timestamp in them): deploys and caches see no change."""
    from bookbuild import site_weight

    for run in ("a", "b"):
        site_weight.subset_fonts(tmp_path / run, {0xF015, 0xF002})
        time.sleep(1.1)  # the font's timestamp counts whole seconds
    fonts = sorted((tmp_path / "a").rglob("*.subset.woff"))
    assert len(fonts) == 3
    for font in fonts:
        assert font.read_bytes() == (tmp_path / "b" / font.relative_to(tmp_path / "a")).read_bytes(), font.name
