"""The quiz's module and stylesheet as files on the built pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from russia_syria.quiz.render import BOOT_CSS, BOOT_JS, boot_module, css_source


def page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """A page with a quiz loads the module and stylesheet as files (no inline script or style: strict CSP)."""
    if "data-rsq-spec=" in (context.get("body") or ""):
        app.add_js_file(BOOT_JS, type="module")
        app.add_css_file(BOOT_CSS)


def write_assets(app: Any, exc: Exception | None) -> None:
    if exc is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BOOT_JS).write_text(boot_module(), encoding="utf-8")
        (static / BOOT_CSS).write_text(css_source(), encoding="utf-8")
