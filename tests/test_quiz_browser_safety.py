"""Quizzes in the built fixture book (see test_quiz_browser.py), in Chromium: content and input never run as
code, accessible markup and axe, and the strict Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import IN_CI
from quizpage import QUIZBOOK_GROUP, answer, open_demo, q

ROOT = Path(__file__).resolve().parents[1]
pytestmark = QUIZBOOK_GROUP


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Serious axe findings in sphinx-book-theme's own page furniture, outside any quiz (site owner's side).
THEME_AXE_ISSUES = {
    "label-content-name-mismatch": "header search button and theme switch: aria-label differs from visible text",
    "summary-name": "sidebar toctree toggle <summary> holds only an icon",
}


# ---------- safety and accessibility ----------

def test_injection_strings_show_as_text_and_never_run(page, quizbook_url):
    open_demo(page, quizbook_url)
    page.wait_for_selector("#rsq-inject fieldset")
    box = page.locator("#rsq-inject")
    assert "<img src=x onerror=window.__pwned=1>" in page.locator("#rsq-inject-title").inner_text()
    assert "</script><script>window.__pwned=4</script>" in box.locator("legend").first.inner_text()
    box.get_by_label("<img src=x onerror=window.__pwned=5>").check()
    box.locator("#rsq-inject-q1 .rsq-check").click()
    assert "</script><script>window.__pwned=6</script><b>bold</b>" in page.locator("#rsq-inject-q1-fb").inner_text()
    box.locator("#rsq-inject-q1 .rsq-reveal").click()
    typed = "<img src=x onerror=window.__pwned=12></script><script>window.__pwned=13</script>"
    box.locator("#rsq-inject-q2-in").fill(typed)
    box.locator("#rsq-inject-q2 .rsq-check").click()
    box.locator("#rsq-inject-q2 .rsq-reveal").click()
    assert "<img src=x onerror=window.__pwned=11>" in page.locator("#rsq-inject-q2-fb").inner_text()
    page.wait_for_timeout(300)  # give any injected onerror handler time to fire
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".rsq img, .rsq script, .rsq iframe, .rsq svg, .rsq b").count() == 0
    assert page.js_errors == []


def test_accessible_markup(page, quizbook_url):
    open_demo(page, quizbook_url)
    for fs in page.locator("#rsq-demo fieldset").all():
        assert fs.locator("legend").count() == 1
        fb = fs.locator(".rsq-fb")
        assert fb.get_attribute("role") == "status" and fb.get_attribute("aria-live") == "polite"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.rsq input, .rsq select')]
        .filter(e => !(e.labels && e.labels.length)).map(e => e.id)""")
    assert unlabelled == []


def test_axe_finds_no_serious_violation(browser, quizbook_url):
    if not AXE.exists():
        message = "node_modules/axe-core missing: run `npm ci`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    # axe-core is added as an inline script, which the pages' own policy would block: this context bypasses it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for path in ("notebooks/demo.html", "book/progress.html"):
        page.goto(quizbook_url + path)
        page.wait_for_selector(".rsq")
        # Show feedback of both kinds so that it is checked too.
        if path.startswith("notebooks"):
            answer(page, "capital", "Aleppo")
            q(page, "sea").get_by_role("button", name="Check answer").click()
        page.add_script_tag(path=str(AXE))
        # 1. The quiz markup itself: no serious or critical violation at all.
        quiz_only = page.evaluate("async () => await axe.run({include: [['.rsq']]}, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in quiz_only["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)
        # 2. The whole page: only the theme's known issues (reported to the site owner), nothing new.
        page_all = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        unknown = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in page_all["violations"]
                   if v["impact"] in ("serious", "critical") and v["id"] not in THEME_AXE_ISSUES]
        assert unknown == [], (path, unknown)
        # Dark mode (the theme's toggle): the quiz takes the theme's colours, so its text and links stay readable.
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        dark = page.evaluate("async () => await axe.run({include: [['.rsq']]}, {runOnly: ['color-contrast']})")
        assert dark["violations"] == [], (path, [(n["target"], n["failureSummary"]) for v in dark["violations"] for n in v["nodes"]][:4])
    context.close()


# ---------- strict Content-Security-Policy (bookbuild/csp.py) ----------

RECORD_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


def test_every_page_runs_under_the_strict_policy(browser, quizbook: Path, quizbook_url):
    page = browser.new_page()
    page.add_init_script(RECORD_CSP)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    pages = sorted(p.relative_to(quizbook).as_posix() for p in quizbook.rglob("*.html") if "_static" not in p.parts)
    assert "notebooks/demo.html" in pages and "book/progress.html" in pages
    for path in pages:
        html = (quizbook / path).read_text(encoding="utf-8")
        meta = html.split('<meta http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
        assert meta.startswith("default-src 'self';") and "unsafe" not in meta, (path, meta)
        assert html.index("Content-Security-Policy") < html.find("<script") % len(html), path  # before what it governs
        assert ' onclick="' not in html and ' style="' not in html, path
        page.goto(quizbook_url + path)
        page.wait_for_load_state("load")
        hosts = page.locator("[data-rsq-spec]").count()
        if hosts:
            page.wait_for_selector(f"[data-rsq-spec] .rsq >> nth={hosts - 1}")
            assert page.locator("[data-rsq-spec] > .rsq").count() == hosts, path
        page.wait_for_timeout(100)
        assert page.evaluate("window.__csp") == [] and console == [], (path, page.evaluate("window.__csp"), console)
    policy = (quizbook / "csp-policy.txt").read_text(encoding="utf-8")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    page.close()


def test_print_button_works_without_inline_handler(page, quizbook_url):
    open_demo(page, quizbook_url)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.locator('[data-csp-action="print"]').first.dispatch_event("click")
    assert page.evaluate("window.__printed") is True and page.js_errors == []
