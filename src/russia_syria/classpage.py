"""The in-browser class-results page: drop the exported files, see the analysis, nothing leaves the machine.

The page is one self-contained HTML fragment: the quiz specs (with computed answers) as inert JSON, and one module
made of ``quiz/static/quiz.mjs`` (the course's only grader), ``classresults.mjs`` (reading and analysis) and
``classpage.mjs`` (the page). The class-results notebook shows it as its last output, so the built book carries
it and a teacher needs neither Python nor a server. In Jupyter the module is inline; in the book build it is the
file ``_static/rs-classpage.mjs`` (``bookbuild.quiz.assets`` writes it and loads it on that page only), so the page
runs under the book's strict Content-Security-Policy without a 44 KB hashed inline script.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from .book import in_book_build
from .quiz.render import js_source, json_for_script

BOOT_JS = "rs-classpage.mjs"  # the book's copy of the module: module_source() + the boot lines
_BOOT = ('const rsCrData = JSON.parse(document.getElementById("rs-cr-specs").textContent);\n'
         'mountClassPage(document.getElementById("rs-cr-host"), rsCrData.specs, rsCrData.fields);\n')


def module_source() -> str:
    """quiz.mjs, classresults.mjs and classpage.mjs as one inline module."""
    parts = [js_source()]
    for name in ("classresults.mjs", "classpage.mjs"):
        src = (files("russia_syria") / name).read_text(encoding="utf-8")
        if "</script" in src.lower() or "<!--" in src or "\nimport " in src:
            raise RuntimeError(f"{name} cannot be inlined (a script end, a comment opener or an import)")
        parts.append(src)
    return "\n".join(parts)


def boot_module() -> str:
    """The module as the book serves it: the three sources, then the call that mounts the page."""
    return f"{module_source()}\n{_BOOT}"


def page_html(specs: dict[str, dict], inline: bool | None = None) -> str:
    """The page for these quiz specs (quiz id → spec with computed answers); ``inline`` (default: outside the book
    build) carries the module in the output, else the book loads it as a file."""
    from .classresults import ATTEMPTS, REVEALED

    data = json_for_script({"specs": {qid: {"id": s["id"], "questions": s["questions"]} for qid, s in specs.items()},
                            "fields": {"revealed": REVEALED, "attempts": ATTEMPTS}})
    inline = not in_book_build() if inline is None else inline
    return (
        '<div id="rs-cr-host"><p>The class-results page needs JavaScript, which seems to be off.</p></div>\n'
        f'<script type="application/json" id="rs-cr-specs">{data}</script>\n'
        + (f'<script type="module">\n{boot_module()}</script>\n' if inline else "")
    )


def show(specs: dict[str, dict]) -> Any:
    """The page as a notebook output."""
    from IPython.display import HTML

    return HTML(page_html(specs))
