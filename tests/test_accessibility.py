"""Every page of the built book, visited once in Chromium: it loads offline (title, h1, no JavaScript error, no
request leaving 127.0.0.1) and axe-core (npm, vendored in node_modules) finds no serious or critical violation,
in light and in dark mode. Every content image has a real text alternative (not empty, not the file name that
docutils writes when an author gives none)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, toc_files

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Every page a reader can reach: the TOC pages plus the pages Sphinx adds (search, index).
PAGES = [*toc_files(), "search", "genindex"]
BLOCKING = {"serious", "critical"}
# docutils falls back to the image URI as alt text: that reads out a file name, not a description.
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
FILENAME_ALT = re.compile(r"(^|/)[^\s/]+\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)


def run_axe(page, rules: list[str] | None = None, inject: bool = True) -> list[dict]:
    """Inject axe-core into the loaded page and return its violations (optionally only ``rules``)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci` (make test does)")
    if inject:
        page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes) e.g. {targets}")
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING]


@pytest.mark.parametrize("docname", PAGES)
def test_page_loads_offline_and_axe_finds_nothing_serious_light_or_dark(page, site_url: str, docname: str) -> None:
    """The page loads with a title, an h1, no JavaScript error and nothing fetched from outside 127.0.0.1;
    then every axe-core rule in the default (light) mode, and the colour rules again in dark mode.

    One visit serves both checks: loading each of the ~36 pages twice cost about half a minute per run."""
    response = page.goto(site_url + docname + ".html", wait_until="load")
    assert response is not None and response.status == 200, f"{docname}: page not served"
    # Deferred and module scripts (theme, quizzes) have run by "load"; two animation frames let any work they
    # scheduled for the next frame finish building the DOM (and report any error).
    page.evaluate(NEXT_FRAMES)
    title = page.title()
    assert title.strip() and not re.fullmatch(r"\s*<no title>.*", title), f"{docname}: empty title"
    assert page.locator("main h1").count() >= 1, f"{docname}: no h1 heading"
    assert page.js_errors == [], f"{docname}: JavaScript errors {page.js_errors}"
    assert page.external_requests == [], f"{docname}: requests outside 127.0.0.1 {page.external_requests}"

    light = blocking(run_axe(page))
    # Colour transitions off, so the dark colours apply at once and axe samples final colours, not a fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    # The theme's switch sets these two attributes; its colours are CSS variables keyed on data-theme.
    page.evaluate("document.documentElement.dataset.mode = 'dark'; document.documentElement.dataset.theme = 'dark'")
    page.evaluate(NEXT_FRAMES)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}, f"{docname}: dark mode did not apply"
    dark = blocking(run_axe(page, ["color-contrast", "link-in-text-block"], inject=False))
    assert not light, f"{docname}: axe-core found\n{describe(light)}"
    assert not dark, f"{docname} (dark mode): axe-core found\n{describe(dark)}"


class _ContentImages(HTMLParser):
    """The <img> elements inside the page's <main>, with their alt attribute (None when absent)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <main>
        self.images: list[tuple[int, str, str | None]] = []  # (line, src, alt)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "main":
            self.depth += 1
        elif tag == "img" and self.depth:
            self.images.append((self.getpos()[0], values.get("src") or "", values.get("alt")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self.depth:
            self.depth -= 1


def images_without_alt(html: str) -> list[str]:
    """Content images whose alt text is missing, empty or a file name, as 'line src: problem'."""
    parser = _ContentImages()
    parser.feed(html)
    problems = []
    for line, src, alt in parser.images:
        text = (alt or "").strip()
        if not text:
            problems.append(f"line {line} {src}: no alt text")
        elif FILENAME_ALT.search(text):
            problems.append(f"line {line} {src}: alt text is a file name ({text!r}); describe the figure")
    return problems


@pytest.mark.parametrize("docname", PAGES)
def test_every_content_image_has_alt_text(site_dir: Path, docname: str) -> None:
    html = (site_dir / f"{docname}.html").read_text(encoding="utf-8")
    problems = images_without_alt(html)
    assert not problems, f"{docname}: images without a text alternative\n" + "\n".join(problems)


def test_alt_check_flags_missing_empty_and_filename_alt() -> None:
    html = (
        '<img src="logo.svg"><main><article>'
        '<img src="a.png" alt="Bar chart of Russian vetoes by year, 2011 to 2024">'
        '<img src="b.png"><img src="c.png" alt="  "><img src="d.png" alt="../_images/d.png">'
        "</article></main>"
    )
    problems = images_without_alt(html)
    assert [p.split(":")[0] for p in problems] == ["line 1 b.png", "line 1 c.png", "line 1 d.png"]
    assert "file name" in problems[2]
