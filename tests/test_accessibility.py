"""Every page of the built book, visited once in Chromium under its own Content-Security-Policy: it loads offline
(title, h1, no JavaScript error, no request leaving 127.0.0.1), nothing is blocked by the policy and every quiz
mounts; axe-core (npm, in node_modules) finds no serious or critical violation, in light and in dark mode; and at
a phone's width (390 px) nothing is wider than the screen. Every content image has a real text alternative (not
empty, not the file name that docutils writes when an author gives none)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, toc_files

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Every page a reader can reach: the TOC pages plus the pages Sphinx adds (search, index).
PAGES = [*toc_files(), "search", "genindex"]
BLOCKING = {"serious", "critical"}
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# docutils falls back to the image URI as alt text: that reads out a file name, not a description.
FILENAME_ALT = re.compile(r"(^|/)[^\s/]+\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
# Colour transitions off, so dark colours apply at once and axe samples them, not a fade. A constructed
# stylesheet, because the pages' policy blocks an injected <style> element.
NO_TRANSITIONS = """() => { const s = new CSSStyleSheet();
  s.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"""
PHONE = {"width": 390, "height": 844}
# Visible elements whose right edge passes the screen, unless a scrolling (or clipping) box holds them.
TOO_WIDE = """() => {
  const W = document.documentElement.clientWidth, out = [];
  const held = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none' || !e.getClientRects().length) continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 1 && !held(e)) out.push(`${e.tagName}.${[...e.classList].slice(0, 2).join('.')} ${Math.round(r.right)}`);
  }
  return out.slice(0, 5);
}"""


@functools.cache
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, rules: list[str] | None = None, inject: bool = True) -> list[dict]:
    """Load axe-core into the page and return its violations (optionally only ``rules``). Evaluated through
    the browser's debugging protocol, which the page's Content-Security-Policy does not govern."""
    if inject:
        page.evaluate(axe_source())
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def axe_light_and_dark(page) -> tuple[list[dict], list[dict]]:
    """Blocking violations of every axe rule in light mode, and of the colour rules after switching to dark."""
    light = blocking(run_axe(page))
    page.evaluate(NO_TRANSITIONS)
    # The theme's switch sets these two attributes; its colours are CSS variables keyed on data-theme.
    page.evaluate("document.documentElement.dataset.mode = 'dark'; document.documentElement.dataset.theme = 'dark'")
    page.evaluate(NEXT_FRAMES)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}, "dark mode did not apply"
    return light, blocking(run_axe(page, ["color-contrast", "link-in-text-block"], inject=False))


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes) e.g. {targets}")
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def wait_for_quizzes(page) -> None:
    """Until every quiz on the page and the class-results page (modules loaded as files) have mounted."""
    hosts = page.locator("[data-rsq-spec]").count()
    if hosts:
        page.wait_for_selector(f"[data-rsq-spec] .rsq >> nth={hosts - 1}")
    if page.locator("#rs-cr-host").count():
        page.wait_for_selector("#rs-cr-host input[type=file]")


@pytest.mark.parametrize("docname", PAGES)
def test_page_works_offline_under_its_policy_passes_axe_and_fits_a_phone(strict_page, site_url: str,
                                                                         docname: str) -> None:
    """One visit serves every whole-site check: each separate pass over the ~60 pages cost 25-50 s of the
    suite's 5-minute budget."""
    page = strict_page
    response = page.goto(site_url + docname + ".html", wait_until="load")
    assert response is not None and response.status == 200, f"{docname}: page not served"
    # Deferred and module scripts (theme, quizzes) have run by "load"; two animation frames let any work they
    # scheduled for the next frame finish building the DOM (and report any error).
    page.evaluate(NEXT_FRAMES)
    wait_for_quizzes(page)
    title = page.title()
    assert title.strip() and not re.fullmatch(r"\s*<no title>.*", title), f"{docname}: empty title"
    assert page.locator("main h1").count() >= 1, f"{docname}: no h1 heading"
    assert page.evaluate("window.__csp") == [], f"{docname}: blocked by the policy {page.evaluate('window.__csp')}"
    assert page.js_errors == [], f"{docname}: JavaScript errors {page.js_errors}"
    assert page.external_requests == [], f"{docname}: requests outside 127.0.0.1 {page.external_requests}"

    light, dark = axe_light_and_dark(page)  # axe itself trips the policy (a style element): checked above
    assert not light, f"{docname}: axe-core found\n{describe(light)}"
    assert not dark, f"{docname} (dark mode): axe-core found\n{describe(dark)}"

    page.set_viewport_size(PHONE)
    page.evaluate(NEXT_FRAMES)
    wide = page.evaluate(TOO_WIDE)
    assert wide == [], f"{docname}: wider than a phone's screen: {wide}"


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
