"""The CSP build step (bookbuild/csp.py) on small pages, and the search page under the policy in Chromium (every
other page is checked under it in test_accessibility.py)."""

from __future__ import annotations

from pathlib import Path

from bookbuild import csp

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


def test_search_page_runs_under_the_policy(strict_page, site_url: str):
    """The search page's own scripts (Sphinx's index and results) run under the policy; the other pages are
    visited under it in test_accessibility.py."""
    strict_page.goto(site_url + "search.html?q=veto")
    strict_page.wait_for_selector("#search-results li")
    assert strict_page.evaluate("window.__csp") == [] and strict_page.js_errors == []
