"""Sphinx extension: every built page carries a strict Content-Security-Policy in a ``<meta>`` tag.

Schools and publishers serve sites under policies such as ``default-src 'self'``, which blocks inline scripts,
inline styles and inline event handlers. After the HTML build, each page (JupyterLite's app excepted: it has its
own policy, see ``book/appendices/publishing.md``) is rewritten so that it runs under

    default-src 'self'; script-src 'self' <hashes>; style-src 'self' <hashes>; object-src 'none'; base-uri 'self'

* inline ``<script>`` and ``<style>`` elements (the theme's and extensions' small configuration scripts, pandas'
  table styles) keep their text and are allowed by their SHA-256 hash, page by page;
* inline event handlers (the theme's print and full-screen buttons) cannot be allowed by hash without
  ``'unsafe-hashes'``: they become ``data-csp-action`` attributes that ``_static/csp-actions.js`` binds;
* ``style="..."`` attributes (pandas tables, the index page) become ``data-csp-style`` attributes whose rules are
  written to ``_static/csp-styles.css``.

Any other inline handler fails the ``-W`` build with a warning naming the page. The union of all pages' hashes is
written to ``csp-policy.txt`` at the site root: the header a publisher can set instead of the meta tag.
Post-processing the files is the one way to see every inline script, whichever extension or template wrote it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

BASE = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
ACTIONS = {"window.print()": "print", "toggleFullScreen()": "fullscreen"}
ACTIONS_JS = """// Binds the buttons whose inline onclick handlers the CSP build step removed (bookbuild/csp.py).
document.addEventListener("click", (event) => {
  const el = event.target.closest && event.target.closest("[data-csp-action]");
  if (!el) return;
  const action = el.getAttribute("data-csp-action");
  if (action === "print") window.print();
  else if (action === "fullscreen") {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  }
});
"""
META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')
TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9-]*\s[^<>]*>")
HANDLER = re.compile(r'\s(on[a-z]+)="([^"]*)"')
STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.S)
DATA_TYPES = re.compile(r'type="(?!text/javascript|module|application/javascript|text/css)[^"]*"')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _style_key(style: str) -> str:
    return hashlib.sha256(style.encode("utf-8")).hexdigest()[:10]


def policy(scripts: set[str], styles: set[str]) -> str:
    """The policy for the given hashes (sorted, so rebuilds give the same page)."""
    return (f"{BASE}; script-src 'self' {' '.join(sorted(scripts))}".rstrip()
            + f"; style-src 'self' {' '.join(sorted(styles))}".rstrip())


def rewrite(page: str, rel: str, styles: dict[str, str]) -> tuple[str, set[str], set[str], list[str]]:
    """One page made CSP-clean. ``rel``: path from the page to the site root; ``styles`` collects style rules.

    Returns the page, its script and style hashes, and the inline handlers it could not convert.
    """
    unknown: list[str] = []
    page = META.sub("", page)

    def fix_tag(match: re.Match) -> str:
        tag = match.group(0)

        def handler(m: re.Match) -> str:
            action = ACTIONS.get(m.group(2).strip())
            if m.group(1) == "onclick" and action:
                return f' data-csp-action="{action}"'
            unknown.append(f"{m.group(1)}={m.group(2)!r}")
            return m.group(0)

        def style(m: re.Match) -> str:
            key = _style_key(m.group(1))
            styles[key] = m.group(1)
            return f' data-csp-style="{key}"'

        return STYLE_ATTR.sub(style, HANDLER.sub(handler, tag))

    # Tags only, never the text of scripts (inline scripts are kept byte for byte: their hashes must match).
    parts = re.split(r"(<script\b[^>]*>.*?</script>)", page, flags=re.S)
    page = "".join(p if i % 2 else TAG.sub(fix_tag, p) for i, p in enumerate(parts))
    script_hashes, style_hashes = set(), set()
    for m in INLINE.finditer(page):
        if DATA_TYPES.search(m.group(2)) or re.search(r"\ssrc=", m.group(2)):
            continue  # JSON data blocks do not run; external scripts are 'self'
        (script_hashes if m.group(1) == "script" else style_hashes).add(sha256(m.group(3)))
    extra = ""
    if "data-csp-style=" in page and "csp-styles.css" not in page:
        extra += f'<link rel="stylesheet" href="{rel}_static/csp-styles.css" />\n'
    if "data-csp-action=" in page and "csp-actions.js" not in page:
        extra += f'<script defer src="{rel}_static/csp-actions.js"></script>\n'
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes, style_hashes)}" />'
    if re.search(r"<head\b", page):
        page = re.sub(r"(<head\b[^>]*>\s*(?:<meta charset=[^>]*>)?)", lambda m: m.group(1) + "\n    " + meta, page, count=1)
    else:  # Jupyter Book's root redirect page is a bare meta tag
        page = meta + "\n" + page
    page = page.replace("</head>", extra + "</head>", 1)
    return page, script_hashes, style_hashes, unknown


def apply(site: Path) -> dict[str, Any]:
    """Rewrite every HTML page of ``site`` (outside bundled apps); returns the site-wide policy and counts."""
    apps = [p.parent for p in site.rglob("jupyter-lite.json")]
    static = site / "_static"
    static.mkdir(parents=True, exist_ok=True)
    css_file = static / "csp-styles.css"
    styles: dict[str, str] = {}
    if css_file.is_file():  # rules of pages an incremental build did not rewrite
        for key, body in re.findall(r'\[data-csp-style="([0-9a-f]+)"\]\{(.*?)\}', css_file.read_text(encoding="utf-8")):
            styles[key] = body.replace(" !important", "")
    all_scripts, all_styles, pages = set(), set(), 0
    for path in sorted(site.rglob("*.html")):
        if path.is_relative_to(static) or any(path.is_relative_to(app) for app in apps):  # theme macros, apps
            continue
        rel = os.path.relpath(site, path.parent).replace(os.sep, "/") + "/"
        rel = "" if rel == "./" else rel
        text, scripts, style_hashes, unknown = rewrite(path.read_text(encoding="utf-8"), rel, styles)
        for item in unknown:
            logger.warning(f"csp: inline event handler {item} in {path.relative_to(site)} cannot run under the "
                           "book's Content-Security-Policy: bind it from a script file")
        path.write_text(text, encoding="utf-8")
        all_scripts |= scripts
        all_styles |= style_hashes
        pages += 1
    # Sphinx's search page fetches result pages and parses them (DOMParser) for their summaries: their inline
    # styles are checked against the search page's policy, so it allows every page's style hashes.
    search = site / "search.html"
    if search.is_file():
        text = search.read_text(encoding="utf-8")
        scripts = set(re.findall(r"'sha256-[^']+'", text.split("script-src", 1)[1].split(";", 1)[0])) \
            if "script-src" in text else set()
        search.write_text(re.sub(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*"',
                                 lambda m: m.group(1) + policy(scripts, all_styles) + '"', text, count=1),
                          encoding="utf-8")
    css_file.write_text("/* style attributes moved out of the pages (bookbuild/csp.py) */\n" + "".join(
        f'[data-csp-style="{k}"]{{{_important(v)}}}\n' for k, v in sorted(styles.items())), encoding="utf-8")
    (static / "csp-actions.js").write_text(ACTIONS_JS, encoding="utf-8")
    header = policy(all_scripts, all_styles)
    (site / "csp-policy.txt").write_text(
        "# Content-Security-Policy of this site (every page also carries its own in a <meta> tag).\n"
        "# JupyterLite (lite/) needs its own policy: see the publishing appendix.\n" + header + "\n", encoding="utf-8")
    return {"pages": pages, "script_hashes": len(all_scripts), "style_hashes": len(all_styles), "policy": header}


def _important(body: str) -> str:
    """Declarations as !important: an inline style attribute outranked every stylesheet rule."""
    decls = [d.strip() for d in body.split(";") if d.strip()]
    return ";".join(d if d.endswith("!important") else d + " !important" for d in decls)


def _finished(app: Any, exc: Exception | None) -> None:
    # The web site only: the single-page build is an input of the PDF, printed with a stylesheet added by the
    # printing browser.
    if exc is None and app.builder.name == "html":
        apply(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    # Late: after every other build-finished step that writes pages (the quiz assets, the icon subsetting).
    app.connect("build-finished", _finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
