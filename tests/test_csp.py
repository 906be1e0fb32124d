"""The CSP build step (bookbuild/csp.py) on small pages, and the whole built book under its policy in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from bookbuild import csp

from conftest import SITE_SHARDS, site_pages

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8" />
<script>DOCUMENTATION_OPTIONS.pagename = 'x';</script>
<style>.a{color:red}</style>
<script type="application/json" id="d">{"style=\\"x\\"": 1}</script>
</head><body>
<button class="btn" onclick="window.print()" title="Print">P</button>
<table style="width: 100%"><tr style="text-align: right;"><td>1</td></tr></table>
<script>if (a < b) { x.innerHTML = '<b style="c">'; }</script>
</body></html>"""


def test_rewrite_hashes_inline_code_and_moves_handlers_and_styles():
    styles: dict[str, str] = {}
    out, scripts, style_hashes, unknown = csp.rewrite(PAGE, "../", styles)
    assert unknown == []
    assert scripts == {csp.sha256("DOCUMENTATION_OPTIONS.pagename = 'x';"),
                       csp.sha256("if (a < b) { x.innerHTML = '<b style=\"c\">'; }")}  # JSON data is not hashed
    assert style_hashes == {csp.sha256(".a{color:red}")}
    assert ' onclick=' not in out and 'data-csp-action="print"' in out
    assert 'style="width: 100%"' not in out and sorted(styles.values()) == ["text-align: right;", "width: 100%"]
    assert "x.innerHTML = '<b style=\"c\">'" in out  # script text byte for byte (its hash must match)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp.policy(scripts, style_hashes)}" />'
    assert out.index(meta) < out.index("<script")
    assert '<link rel="stylesheet" href="../_static/csp-styles.css" />' in out
    assert '<script defer src="../_static/csp-actions.js"></script>' in out
    again = csp.rewrite(out, "../", styles)  # idempotent (incremental builds see pages already rewritten)
    assert again[0] == out


def test_unknown_inline_handler_is_reported():
    *_, unknown = csp.rewrite('<html><head></head><body><a href="#" onmouseover="steal()">x</a></body></html>', "", {})
    assert unknown == ["onmouseover='steal()'"]


def test_apply_writes_policy_styles_and_skips_jupyterlite(tmp_path: Path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "a.html").write_text(PAGE, encoding="utf-8")
    lite = tmp_path / "lite"
    lite.mkdir()
    (lite / "jupyter-lite.json").write_text("{}", encoding="utf-8")
    (lite / "index.html").write_text("<html><head></head><body><script>boot()</script></body></html>", encoding="utf-8")
    result = csp.apply(tmp_path)
    assert result["pages"] == 1 and result["script_hashes"] == 2
    assert "Content-Security-Policy" not in (lite / "index.html").read_text(encoding="utf-8")
    css = (tmp_path / "_static" / "csp-styles.css").read_text(encoding="utf-8")
    assert "text-align: right !important" in css and "width: 100% !important" in css
    assert result["policy"] in (tmp_path / "csp-policy.txt").read_text(encoding="utf-8")
    assert csp.apply(tmp_path)["policy"] == result["policy"]  # a second run (incremental build) changes nothing
    assert (tmp_path / "_static" / "csp-styles.css").read_text(encoding="utf-8") == css


@pytest.mark.parametrize("shard", range(SITE_SHARDS))
def test_whole_book_under_the_policy(browser, site_dir: Path, site_url: str, shard: int):
    """Every page of the built book: no CSP violation, every quiz and the class-results page mount (JupyterLite
    has its own policy)."""
    page = browser.new_page()
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "(e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));")
    page.route(lambda u: not u.startswith(site_url), lambda route: route.abort())
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    pages = site_pages(site_dir, shard, SITE_SHARDS)
    assert len(pages) > 10
    for rel in pages:
        page.goto(site_url + rel)
        page.wait_for_load_state("load")
        hosts = page.locator("[data-rsq-spec]").count()
        if hosts:
            page.wait_for_selector(f"[data-rsq-spec] .rsq >> nth={hosts - 1}")
        if page.locator("#rs-cr-host").count():  # the class-results page: its module (a file) mounts too
            page.wait_for_selector("#rs-cr-host input[type=file]")
        page.wait_for_timeout(50)
        assert page.evaluate("window.__csp") == [] and console == [], (rel, page.evaluate("window.__csp"), console)
    if shard == 0:
        page.goto(site_url + "search.html?q=veto")  # the search page's own scripts run too
        page.wait_for_selector("#search-results li")
        assert page.evaluate("window.__csp") == [] and console == []
    page.close()
