"""The quiz's module and stylesheet as files on the built pages, and the class-results page's module (it grades
with the same quiz.mjs): external files, loaded only on the pages that use them (strict CSP, page weight)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from russia_syria import classpage
from russia_syria.quiz.render import BOOT_CSS, BOOT_JS, boot_module, css_source


def page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """A page with a quiz loads the module and stylesheet as files (no inline script or style: strict CSP)."""
    body = context.get("body") or ""
    if "data-rsq-spec=" in body:
        app.add_js_file(BOOT_JS, type="module")
        app.add_css_file(BOOT_CSS)
    if 'id="rs-cr-specs"' in body:
        app.add_js_file(classpage.BOOT_JS, type="module")


def write_assets(app: Any, exc: Exception | None) -> None:
    if exc is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BOOT_JS).write_text(boot_module(), encoding="utf-8")
        (static / BOOT_CSS).write_text(css_source(), encoding="utf-8")
        (static / classpage.BOOT_JS).write_text(classpage.boot_module(), encoding="utf-8")
