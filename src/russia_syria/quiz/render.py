"""Self-contained HTML for the static book: the quiz spec as inert JSON plus the grading module inline.

No network, no kernel, no widget manager: the page runs ``static/quiz.mjs`` (the same file the kernel widget
uses) directly. Content reaches the DOM through ``textContent`` only, in the module.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import re
from importlib.resources import files
from typing import Any

JS_FILE = "quiz.mjs"


@functools.cache
def js_source() -> str:
    """The grading/rendering ES module, as text."""
    src = (files("russia_syria.quiz") / "static" / JS_FILE).read_text(encoding="utf-8")
    # The module is inlined in a <script>: these sequences would end or corrupt the script element.
    for bad in ("</script", "<!--"):
        if bad in src.lower():
            raise RuntimeError(f"{JS_FILE} contains {bad!r}; it cannot be inlined safely")
    return src


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


# How placeholder() writes a quiz's spec into HTML: group 1 the DOM id, group 2 the JSON. Readers of built pages
# and executed notebooks (the quiz and teacher extensions, tests) use this, so the format lives in one place.
SPEC_RE = re.compile(r'<script type="application/json" id="(rsq-[A-Za-z0-9_-]+)-spec">(.*?)</script>', re.S)


def computed_values(spec: dict) -> dict[str, Any]:
    """The computed answers of a filled spec by name: the ``values`` that ``show()`` received for them."""
    return {q["computed"]: q["answer"] for q in spec.get("questions", []) if "computed" in q}


def placeholder(dom: str, fallback: str, data: object, *, module: bool = True) -> str:
    """A placeholder div, its JSON spec, and (if ``module``) the module that mounts it (idempotent per page)."""
    out = (
        f'<div class="rsq-host" id="{dom}-host" data-rsq-spec="{dom}-spec">'
        f'<p>{html.escape(fallback)}</p></div>\n'
        f'<script type="application/json" id="{dom}-spec">{json_for_script(data)}</script>\n'
    )
    if module:
        out += f'<script type="module">\n{js_source()}\nboot();\n</script>\n'
    return out


def quiz_fallback(spec: dict) -> str:
    """Text shown where the quiz goes until the module runs (or if JavaScript is off)."""
    n = len(spec["questions"])
    return f"Quiz “{spec['title']}” ({n} questions): it needs JavaScript, which seems to be off in this browser."


def quiz_html(spec: dict, *, module: bool = True) -> str:
    """The static quiz for one spec (validated, values filled).

    Every output carries the module, so it works on its own in any front end that shows HTML. In the book,
    ``sphinx_ext`` keeps it only in a page's first quiz: the module is a deferred (type=module) script, run
    after the whole page is parsed, and it mounts every quiz on the page.
    """
    return placeholder(spec["dom"], quiz_fallback(spec), with_links(spec, "html"), module=module)
