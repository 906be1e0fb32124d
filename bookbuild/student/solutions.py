"""Sphinx extension for the student edition: remove every exercise solution from the pages.

Why not only sphinx-exercise's ``hide_solutions: true``: in sphinx-exercise 1.x that option drops the
``{solution-start}`` marker of a gated solution but keeps its ``{solution-end}`` marker and every cell between
them, so the solution code is still published and the HTML writer then fails on the orphaned end node
(measured with sphinx-exercise 1.2, November 2026). Instead, the student build leaves the option off, lets
sphinx-exercise merge gated solutions into ordinary solution nodes, and this transform deletes them all.
Loaded only by ``bookbuild.student.build`` (as a local extension of the generated student config).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node


class RemoveSolutions(SphinxTransform):
    """Delete solution nodes once sphinx-exercise has merged gated solutions (its transform has priority 10)."""

    default_priority = 50

    def apply(self, **kwargs: Any) -> None:
        for kind in (solution_node, solution_start_node, solution_end_node):
            for node in list(self.document.findall(kind)):
                node.parent.remove(node)


# Notebooks and page sources are published too (`_sources/`, JupyterLite's files): strip them as well.
_OPEN = re.compile(r"^(`{3,}|:{3,})\{(solution|solution-start|solution-end)\}")


def strip_markdown(text: str) -> str:
    """MyST text without ``{solution}`` directives and without gated ``{solution-start}``…``{solution-end}`` spans."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i, gated = 0, False
    while i < len(lines):
        m = _OPEN.match(lines[i].strip())
        if m:
            fence, name = m.group(1), m.group(2)
            j = i + 1  # skip to the directive's closing fence
            while j < len(lines) and lines[j].strip() != fence:
                j += 1
            i = j + 1
            gated = {"solution-start": True, "solution-end": False}.get(name, gated)
            continue
        if not gated:
            out.append(lines[i])
        i += 1
    return "".join(out)


def _is_exercise(cell: dict) -> bool:
    """An exercise cell: ``**Exercise: Title**`` (as the labs write it, see bookbuild.labs) or an {exercise}."""
    src = "".join(cell.get("source", "")).lstrip()
    return cell.get("cell_type") == "markdown" and (src.startswith("**Exercise:") or
                                                    bool(re.match(r"(`{3,}|:{3,})\{exercise\}", src)))


def _answer_cell(nb: dict, number: int) -> dict:
    """An empty code cell for the student's answer."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": ""}
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) >= (4, 5):
        cell["id"] = f"answer-{number}"  # cell ids are required from nbformat 4.5 on
    return cell


def strip_notebook(nb: dict) -> dict:
    """A notebook (as JSON) without solution cells: gated spans are dropped, plain directives cut from cells;
    each exercise keeps its title and is followed by an empty cell to answer in."""
    cells, gated = [], False
    for cell in nb.get("cells", []):
        src = "".join(cell.get("source", ""))
        names = {m.group(2) for line in src.splitlines() if (m := _OPEN.match(line.strip()))}
        if cell.get("cell_type") == "markdown" and "solution-start" in names:
            gated = True
            continue
        if cell.get("cell_type") == "markdown" and "solution-end" in names:
            gated = False
            continue
        if gated:
            continue
        if cell.get("cell_type") == "markdown" and "solution" in names:
            cell = {**cell, "source": strip_markdown(src)}
        cells.append(cell)
        if _is_exercise(cell):
            cells.append(_answer_cell(nb, len(cells)))
    return {**nb, "cells": cells}


def strip_sources(app: Sphinx, exception: Exception | None) -> None:
    """After the build, rewrite every published notebook and page source without its solutions.

    That is ``_sources/`` (the theme's download button) and any other copy in the output, such as the
    notebooks JupyterLite serves from ``lite/files/``. Runs after the other build-finished handlers.
    """
    outdir = Path(app.outdir)
    if exception is not None:
        return
    for path in outdir.rglob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(nb, dict) and isinstance(nb.get("cells"), list):  # jupyter-lite.ipynb files are settings
            path.write_text(json.dumps(strip_notebook(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sources = outdir / "_sources"
    for path in sources.rglob("*") if sources.is_dir() else []:
        if path.suffix in (".md", ".txt"):
            path.write_text(strip_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")


def singlehtml_like_html(app: Sphinx) -> None:
    """Let the ``singlehtml`` builder (used for the printable course) render every node that ``html`` can.

    myst-nb registers some nodes (e.g. hidden cells) for ``html`` only, and the single-page build then fails
    with "unknown node type"; both builders use the same HTML translator, so the same handlers apply.
    """
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node, pair in handlers.get("html", {}).items():
        single.setdefault(node, pair)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(RemoveSolutions)
    app.connect("build-finished", strip_sources, priority=900)  # after JupyterLite (500)
    app.connect("builder-inited", singlehtml_like_html)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
