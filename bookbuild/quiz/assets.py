"""The quiz's files on the built pages, and no kernel widget state in them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from russia_syria.quiz.render import BOOT_CSS, BOOT_JS, boot_module, css_source

MARKER = "russia-syria-quiz (quiz.mjs)"  # first line of static/quiz.mjs, found in each quiz model's _esm


def strip_widget_state(app: Any, pagename: str, *args: Any) -> None:
    """Drop the quiz widgets' state that myst-nb embeds in executed pages (it carries the whole module source);
    the widget-manager scripts go too when no other widget is left on the page."""
    meta = getattr(app.env, "nb_metadata", {}).get(pagename, {})
    js_files = meta.get("js_files") or {}
    entry = js_files.get("ipywidgets_state")
    if not entry:
        return
    uri, kwargs = entry
    try:
        state = json.loads(kwargs["body"].replace("<\\/", "</"))
    except (KeyError, ValueError):
        return
    models = state.get("state", {})
    quiz = {k for k, m in models.items() if MARKER in str(m.get("state", {}).get("_esm", ""))}
    # Layout/style models referenced by a quiz model go with it ("IPY_MODEL_<id>" references).
    refs = {str(v).removeprefix("IPY_MODEL_") for k in quiz for v in models[k].get("state", {}).values()
            if isinstance(v, str) and v.startswith("IPY_MODEL_")}
    keep = {k: m for k, m in models.items() if k not in quiz | refs}
    if keep:
        state["state"] = keep
        js_files["ipywidgets_state"] = (uri, {**kwargs, "body": json.dumps(state).replace("</", "<\\/")})
    else:
        for key in [k for k in js_files if k.startswith("ipywidgets_")]:
            del js_files[key]


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
