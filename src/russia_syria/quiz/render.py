"""HTML for a quiz without a kernel: the quiz spec as inert JSON, plus (in a notebook's own output) the grading
module and stylesheet inline.

No network, no kernel, no widget manager: the page runs ``static/quiz.mjs`` (the same file the kernel widget
uses) directly. That file is one self-contained module, generated from ``static/src/`` by ``make quiz-js``. Content reaches the DOM through ``textContent`` only, in the module. In the book the quiz
extension keeps only the placeholder and JSON, and the page loads the module and stylesheet as files
(``BOOT_JS``, ``CSS_FILE``), so the book runs under a strict Content-Security-Policy.
"""

from __future__ import annotations

import copy
import functools
import html
import json
from importlib.resources import files

JS_FILE = "quiz.mjs"
CSS_FILE = "quiz.css"
BOOT_JS = "rsq-quiz.mjs"  # the book's copy of the module: quiz.mjs + a boot() call
BOOT_CSS = "rsq-quiz.css"


@functools.cache
def js_source() -> str:
    """The grading/rendering ES module, as text."""
    src = (files("russia_syria.quiz") / "static" / JS_FILE).read_text(encoding="utf-8")
    # The module is inlined in a <script>: these sequences would end or corrupt the script element.
    for bad in ("</script", "<!--"):
        if bad in src.lower():
            raise RuntimeError(f"{JS_FILE} contains {bad!r}; it cannot be inlined safely")
    return src


@functools.cache
def css_source() -> str:
    """The quiz stylesheet, as text."""
    src = (files("russia_syria.quiz") / "static" / CSS_FILE).read_text(encoding="utf-8")
    if "</style" in src.lower():
        raise RuntimeError(f"{CSS_FILE} contains '</style'; it cannot be inlined safely")
    return src


def boot_module() -> str:
    """The module as the book serves it: runs ``boot()`` once loaded (the kernel widget imports it without)."""
    return js_source() + "\nboot();\n"


def json_for_script(data: object) -> str:
    """JSON safe inside a <script> element: <, > and & escaped so no `</script>` or `<!--` can appear."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


def with_links(spec: dict, target: str) -> dict:
    """Add each question's "review" link. ``target``: ``"html"`` (static book, quiz on a notebooks/ page)
    or ``"md"`` (live Jupyter, opened next to the chapter's source)."""
    spec = copy.deepcopy(spec)
    for q in spec["questions"]:
        if target == "html":
            q["link"] = f"../{spec['chapter']}.html" + (f"#{q['section']}" if "section" in q else "")
        else:
            q["link"] = f"../{spec['chapter']}.md"
        q["section_title"] = "the section " + q["section"].replace("-", " ").replace("_", " ") if "section" in q else "the chapter"
    return spec


def placeholder(dom: str, fallback: str, data: object, *, module: bool = True) -> str:
    """A placeholder div, its JSON spec, and (if ``module``) the module that mounts it (idempotent per page)."""
    out = (
        f'<div class="rsq-host" id="{dom}-host" data-rsq-spec="{dom}-spec">'
        f'<p>{html.escape(fallback)}</p></div>\n'
        f'<script type="application/json" id="{dom}-spec">{json_for_script(data)}</script>\n'
    )
    if module:
        out += f'<style>{css_source()}</style>\n<script type="module">\n{boot_module()}</script>\n'
    return out


def quiz_fallback(spec: dict) -> str:
    """Text shown where the quiz goes until the module runs (or if JavaScript is off)."""
    n = len(spec["questions"])
    return f"Quiz “{spec['title']}” ({n} questions): it needs JavaScript, which seems to be off in this browser."


def quiz_html(spec: dict, *, module: bool = True) -> str:
    """The static quiz for one spec (validated, values filled).

    Every output carries the module and stylesheet, so it works on its own in any front end that shows HTML.
    In the book the quiz extension drops them: the page loads them as files, once, and the module mounts
    every quiz on the page.
    """
    return placeholder(spec["dom"], quiz_fallback(spec), with_links(spec, "html"), module=module)
