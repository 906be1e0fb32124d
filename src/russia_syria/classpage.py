"""The in-browser class-results page: drop the exported files, see the analysis, nothing leaves the machine.

The page is one self-contained HTML fragment: the quiz specs (with computed answers) as inert JSON, and one module
made of ``quiz/static/quiz.mjs`` (the course's only grader), ``classresults.mjs`` (reading and analysis) and
``classpage.mjs`` (the page). The class-results notebook shows it as its last output, so the built book carries
it and a teacher needs neither Python nor a server.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from .quiz.render import js_source, json_for_script


def module_source() -> str:
    """quiz.mjs, classresults.mjs and classpage.mjs as one inline module."""
    parts = [js_source()]
    for name in ("classresults.mjs", "classpage.mjs"):
        src = (files("russia_syria") / name).read_text(encoding="utf-8")
        if "</script" in src.lower() or "<!--" in src or "\nimport " in src:
            raise RuntimeError(f"{name} cannot be inlined (a script end, a comment opener or an import)")
        parts.append(src)
    return "\n".join(parts)


def page_html(specs: dict[str, dict]) -> str:
    """The page for these quiz specs (quiz id → spec with computed answers)."""
    from .classresults import ATTEMPTS, REVEALED

    data = json_for_script({"specs": {qid: {"id": s["id"], "questions": s["questions"]} for qid, s in specs.items()},
                            "fields": {"revealed": REVEALED, "attempts": ATTEMPTS}})
    return (
        '<div id="rs-cr-host"><p>The class-results page needs JavaScript, which seems to be off.</p></div>\n'
        f'<script type="application/json" id="rs-cr-specs">{data}</script>\n'
        f'<script type="module">\n{module_source()}\n'
        'const rsCrData = JSON.parse(document.getElementById("rs-cr-specs").textContent);\n'
        'mountClassPage(document.getElementById("rs-cr-host"), rsCrData.specs, rsCrData.fields);\n</script>\n'
    )


def show(specs: dict[str, dict]) -> Any:
    """The page as a notebook output."""
    from IPython.display import HTML

    return HTML(page_html(specs))
