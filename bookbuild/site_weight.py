"""Sphinx extension that keeps the built book light; it goes with ``_templates/layout.html``.

Loaded by Jupyter Book through ``sphinx: local_extensions: {bookbuild.site_weight: ./}`` in ``_config.yml``. Measured
on a stock Jupyter Book 1 page (see ``make bench``): 843 KB gzipped, mostly the theme's icon script and its full
icon fonts. What this module does, and why:

* drops sphinx-thebe (Jupyter Book loads it unconditionally; the book has no live code, and its config script,
  written twice, throws a JavaScript error on every page);
* names the sidebar's expand/collapse toggles (the theme leaves them without an accessible name), and makes
  bibliography entries list items (docutils gives them a deprecated role that breaks the list);
* per page, loads sphinx-design and copy-button assets only where the page uses them, drops remote
  stylesheets (the book must load nothing from another host), and ``defer``s local head scripts so they no
  longer block the first paint;
* after the build, subsets the theme's Font Awesome fonts to the icons the site uses (153 KB -> ~2 KB) and
  removes the ~2,000 unused icon rules from the theme's stylesheet.

Standalone, ``python -m bookbuild.site_weight SITE_DIR`` applies the after-build step to a built site and lists the
icons it kept.
"""

from __future__ import annotations

import functools
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

try:  # Sphinx is present in a book build; the standalone command only needs fontTools.
    from sphinx.builders.html._assets import _JavaScript
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
except ImportError:  # pragma: no cover - only without Sphinx installed
    logger = None

import pydata_sphinx_theme

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = "styles/pydata-sphinx-theme.css"
FONT_DIR = "vendor/fontawesome/webfonts"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
# Files the layout.html override no longer references (the icon script), or that no longer match the rewritten
# stylesheet (its source map): removed from the output so the site carries no dead weight.
DEAD_FILES = (
    "scripts/fontawesome.js",
    "scripts/fontawesome.js.map",
    "scripts/fontawesome.js.LICENSE.txt",
    "styles/pydata-sphinx-theme.css.map",
)
# Head scripts that must stay synchronous: later inline scripts (DOCUMENTATION_OPTIONS.pagename = ...) use it.
KEEP_SYNC = {"documentation_options.js"}
# Assets that a page needs only when its HTML contains the matching markup.
CONDITIONAL = {
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab'),
    "sphinx-design.min.css": re.compile(r'class="[^"]*\bsd-'),
    "clipboard.min.js": re.compile(r"<pre\b"),
    "copybutton.js": re.compile(r"<pre\b"),
    "copybutton.css": re.compile(r"<pre\b"),
}
# Markup fixes in page bodies. docutils 0.21 writes citations as `<div role="list">` holding
# `role="doc-biblioentry"` items, a role ARIA 1.2 deprecates and that is no list item: axe-core reports
# "aria-required-children" (critical) on the bibliography. As list items, screen readers announce the count.
BODY_FIXES = (('role="doc-biblioentry"', 'role="listitem"'),)
REMOTE = re.compile(r"^[a-z]+:|^//")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# One minified icon rule: `.fa-github:before{content:"\f09b"}` (several selectors may share it).
ICON_RULE = re.compile(r'(?<=[}\s])((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\[0-9a-fA-F]+"\}')
CSS_CODEPOINT = re.compile(r'"\\([0-9a-fA-F]{2,6})"')


# --- sphinx-thebe --------------------------------------------------------------------------------------------------
def drop_thebe(app: Any) -> None:
    """Undo sphinx-thebe's setup: disconnect its event handlers and its stylesheet.

    Jupyter Book always lists sphinx_thebe first among its extensions, and `sphinx: config: extensions` would
    replace the whole list (and every other engineer's `extra_extensions`). Its directive stays registered but
    unused; nothing of it reaches a page.
    """
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "").startswith("sphinx_thebe"):
                app.disconnect(listener.id)
    app.registry.css_files[:] = [(f, a) for f, a in app.registry.css_files if f != "sphinx-thebe.css"]


# --- per-page assets -----------------------------------------------------------------------------------------------
def _basename(asset: Any) -> str:
    return Path(str(getattr(asset, "filename", "") or "")).name


def trim_page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Drop assets a page does not use, defer local head scripts, apply the accessibility fixes
    (html-page-context handler)."""
    body = context.get("body", "") or ""

    def needed(asset: Any) -> bool:
        rule = CONDITIONAL.get(_basename(asset))
        return rule is None or bool(rule.search(body))

    # The published book makes no request off its own host (issue 2): remote stylesheets are dropped. The one
    # known is jupyterlite-sphinx's Google Fonts link (a font for the JupyterLite logo), added to every page.
    context["css_files"] = [
        c for c in context.get("css_files", []) if needed(c) and not REMOTE.match(str(getattr(c, "filename", c)))
    ]
    scripts = []
    for js in context.get("script_files", []):
        if not needed(js):
            continue
        local = js.filename and not REMOTE.match(str(js.filename))
        # The search page's own search scripts (written by its template, not listed here) need doctools.js
        # at parse time, so nothing is deferred there.
        if (
            local
            and pagename != "search"
            and _basename(js) not in KEEP_SYNC
            and not {"async", "defer"} & set(js.attributes)
        ):
            js = _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
        scripts.append(js)
    context["script_files"] = scripts
    wrap_toctree(context)
    for old, new in BODY_FIXES:
        body = body.replace(old, new)
    context["body"] = body


# --- sidebar navigation: names for the expand/collapse toggles --------------------------------------------------
# pydata-sphinx-theme writes `<summary><span class="toctree-toggle" role="presentation"><i ...></i></span>`
# after a link with children: a control with no name (axe-core "summary-name", serious). Each one is named
# after the link it expands.
UNNAMED_TOGGLE = re.compile(
    r'(<a\b[^>]*>(?P<title>.*?)</a>\s*<details\b[^>]*>\s*)<summary>(?=\s*<span class="toctree-toggle")', re.DOTALL
)


def name_toctree_toggles(toctree_html: str) -> str:
    def named(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match.group("title"))).strip()
        return f'{match.group(1)}<summary aria-label="{html.escape("Pages under " + title, quote=True)}">'

    return UNNAMED_TOGGLE.sub(named, toctree_html)


def wrap_toctree(context: dict) -> None:
    """Post-process the theme's sidebar TOC function of this page (set by the theme's own page-context hook)."""
    original = context.get("generate_toctree_html")
    if original is None or getattr(original, "_named_toggles", False):
        return

    @functools.wraps(original)
    def generate_toctree_html(*args: Any, **kwargs: Any) -> Any:
        return name_toctree_toggles(str(original(*args, **kwargs)))

    generate_toctree_html._named_toggles = True
    context["generate_toctree_html"] = generate_toctree_html


# --- icon font and icon CSS ----------------------------------------------------------------------------------------
def used_icon_classes(site: Path) -> set[str]:
    """Every `fa-*` class written in the site's HTML or in its scripts (the icon script itself excepted)."""
    used: set[str] = set()
    # A bundled web app (JupyterLite writes jupyter-lite.json at its root) ships its own icons.
    apps = [p.parent for p in site.rglob("jupyter-lite.json")]
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".js"} or "fontawesome" in path.name or not path.is_file():
            continue
        if any(path.is_relative_to(app) for app in apps):
            continue
        used.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return used


def trim_icon_css(css: str, used: set[str]) -> str:
    """Remove icon rules whose classes no page uses; rewrite the font URLs to the subset files."""

    def keep_used(match: re.Match) -> str:
        selectors = [s for s in match.group(1).split(",") if s and s.split(":")[0][1:] in used]
        return f"{','.join(selectors)}{match.group(0)[len(match.group(1)):]}" if selectors else ""

    css = ICON_RULE.sub(keep_used, css)
    for font in FONTS:
        css = re.sub(
            rf"url\(\.\./{FONT_DIR}/{font}\.woff2\) format\(\"woff2\"\),url\(\.\./{FONT_DIR}/{font}\.ttf\) "
            r'format\("truetype"\)',
            f'url(../{FONT_DIR}/{font}.subset.woff) format("woff")',
            css,
        )
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)


def subset_fonts(static: Path, codepoints: set[int]) -> dict[str, int]:
    """Write `<font>.subset.woff` for each Font Awesome font, keeping only ``codepoints``; returns glyph counts.

    Reads the theme's .ttf originals (.woff2 would need brotli); WOFF (zlib) needs no extra package. Skipped
    when the previous run kept the same code points (keeps no-change rebuilds fast).
    """
    out_dir = static / FONT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = out_dir / "subset.json"
    wanted = sorted(codepoints)
    if stamp.is_file() and json.loads(stamp.read_text())["codepoints"] == wanted and all(
        (out_dir / f"{f}.subset.woff").is_file() for f in FONTS
    ):
        return json.loads(stamp.read_text())["glyphs"]
    from fontTools import subset  # here: importing it takes a quarter of a second, which a rebuild skips
    from fontTools.ttLib import TTFont

    glyphs = {}
    for font_name in FONTS:
        font = TTFont(THEME_STATIC / FONT_DIR / f"{font_name}.ttf", recalcTimestamp=False)  # same bytes every build
        present = [c for c in wanted if c in font.getBestCmap()]
        options = subset.Options()
        options.flavor = "woff"
        options.name_IDs = ["*"]  # keep the licence and copyright records (SIL OFL 1.1)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=present)
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(out_dir / f"{font_name}.subset.woff")
        glyphs[font_name] = len(present)
    stamp.write_text(json.dumps({"codepoints": wanted, "glyphs": glyphs}))
    return glyphs


def lighten_site(site: Path) -> dict[str, Any]:
    """After-build step: trimmed icon CSS, subset fonts, dead files removed. Idempotent (reads the theme's
    originals, never its own output)."""
    static = site / "_static"
    used = used_icon_classes(site)
    css = trim_icon_css((THEME_STATIC / THEME_CSS).read_text(encoding="utf-8"), used)
    (static / THEME_CSS).write_text(css, encoding="utf-8")
    codepoints: set[int] = set()
    for path in static.rglob("*.css"):
        codepoints.update(int(h, 16) for h in CSS_CODEPOINT.findall(path.read_text(encoding="utf-8", errors="replace")))
    glyphs = subset_fonts(static, codepoints)
    for name in DEAD_FILES:
        (static / name).unlink(missing_ok=True)
    for font in FONTS:
        for suffix in (".woff2", ".ttf"):
            (static / FONT_DIR / f"{font}{suffix}").unlink(missing_ok=True)
    return {"icons": sorted(used), "glyphs": glyphs}


def on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        result = lighten_site(Path(app.outdir))
        logger.info(f"site_weight: icon fonts subset to {result['glyphs']} glyphs")


def setup(app: Any) -> dict[str, Any]:
    drop_thebe(app)
    app.connect("html-page-context", trim_page_assets, priority=900)  # after every extension added its assets
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bookbuild.site_weight SITE_DIR   (a built _build/html folder)")
    print(json.dumps(lighten_site(Path(sys.argv[1])), indent=1))
