"""Sphinx extension for the lab notebooks as the book reads and runs them.

The notebooks are written to read well where students run them (Jupyter, JupyterLite, Colab, a hub), where MyST
markup would show raw: plain Markdown links, and three plain forms that this extension turns into MyST as the
book reads each notebook (``source-read``), so the published pages keep sphinx-exercise's exercises and glue:

- a markdown cell starting ``**Exercise: Title**`` becomes ``{exercise} Title``, labelled with the exercise the
  next ``{solution-start}`` cell names (the label students never need to see);
- ``{solution-start}`` without options gets ``:class: dropdown`` (solutions stay folded on the page);
- a link ``[text](glue:name)`` becomes ``{glue:text}`name```: the value the lab glued, where Jupyter shows
  ``text`` (the variable's name);
- a code cell tagged ``quiz`` (``quiz.show("NAME", values=...)``, the live widget in Jupyter) still runs, hidden
  (``remove-cell``), and a ``{quiz} NAME`` directive follows it: the page's quiz is rendered from the quiz file,
  with the values the cell glued (``russia_syria.quiz.show`` glues them in the book build).

It also sets ``RUSSIA_SYRIA_BOOK_BUILD`` in the build's environment, which the kernels myst-nb starts inherit,
so ``russia_syria.book.glue`` records values for the chapter pages there and nowhere else; and
``RUSSIA_SYRIA_EXECUTION_CACHE``, the build's own execution cache, where a notebook that needs the labs'
computed values (the class-results page, through ``bookbuild.teacher.course_values``) finds the runs this build
already made instead of running every lab again.
"""

from __future__ import annotations

import ast
import json
import os
import re
from typing import Any

from sphinx.util import logging

from bookbuild import EXECUTION_CACHE_ENV
from russia_syria.book import BUILD_ENV

EXERCISE = re.compile(r"\*\*Exercise: (?P<title>[^\n]+?)\*\*[ \t]*\n")
SOLUTION_START = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution-start\}[ \t]+(?P<label>\S+)[ \t]*\n(?=(?P=fence))", re.M)
GLUE_LINK = re.compile(r"\[[^\]\n]*\]\(glue:(?P<name>[\w.-]+)\)")


def quiz_name(code: str) -> str | None:
    """The quiz a ``quiz.show("NAME", ...)`` call in ``code`` shows (a literal name), or None."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "show"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            return node.args[0].value
    return None


def _quiz_cells(cell: dict, source: str) -> list[dict]:
    """A cell tagged ``quiz``: kept to run (hidden), then the ``{quiz}`` directive for the page."""
    name = quiz_name(source)
    if name is None:
        raise ValueError(f"a cell tagged 'quiz' must call quiz.show with the quiz's name as text: {source[:80]!r}")
    tags = cell.get("metadata", {}).get("tags", [])
    hidden = {**cell, "metadata": {**cell.get("metadata", {}), "tags": [*tags, "remove-cell"]}}
    directive = {"cell_type": "markdown", "metadata": {}, "source": f"```{{quiz}} {name}\n```"}
    if "id" in cell:  # nbformat 4.5 cell ids are unique
        directive["id"] = f"{cell['id']}-quiz"
    return [hidden, directive]


def myst_cells(cells: list[dict]) -> list[dict]:
    """The notebook's markdown cells with the plain forms above turned into MyST, and quiz cells into the
    ``{quiz}`` directive (other cells untouched)."""
    out = []
    for index, cell in enumerate(cells):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code" and "quiz" in cell.get("metadata", {}).get("tags", []):
            out += _quiz_cells(cell, source)
            continue
        if cell.get("cell_type") == "markdown":
            source = GLUE_LINK.sub(lambda m: "{glue:text}`" + m["name"] + "`", source)
            source = SOLUTION_START.sub(lambda m: f"{m['fence']}{{solution-start}} {m['label']}\n:class: dropdown\n",
                                        source)
            if match := EXERCISE.match(source):
                label = _next_solution_label(cells[index + 1:])
                option = f":label: {label}\n" if label else ""
                body = source[match.end():].strip("\n")
                source = f"````{{exercise}} {match['title']}\n{option}\n{body}\n````"
        out.append({**cell, "source": source} if cell.get("cell_type") == "markdown" else cell)
    return out


def _next_solution_label(cells: list[dict]) -> str | None:
    """The exercise label named by the first ``{solution-start}`` before the next exercise, if any."""
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown" and EXERCISE.match(source):
            return None
        if match := re.search(r"\{solution-start\}[ \t]+(\S+)", source):
            return match.group(1)
    return None


def _on_source_read(app: Any, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    try:
        nb["cells"] = myst_cells(nb.get("cells", []))
    except ValueError as exc:
        logging.getLogger(__name__).warning(str(exc), location=docname)
        return
    source[0] = json.dumps(nb, ensure_ascii=False)


def _share_execution_cache(app: Any, env: Any, docnames: list[str]) -> None:
    """Name the build's execution cache (final once myst-nb's builder-inited ran) for the kernels it starts."""
    os.environ[EXECUTION_CACHE_ENV] = str(env.mystnb_config.execution_cache_path)


def setup(app: Any) -> dict[str, Any]:
    """``sphinx: local_extensions: {bookbuild.labs: ./}`` in _config.yml."""
    os.environ[BUILD_ENV] = "1"  # at load time: before myst-nb executes any notebook
    app.connect("env-before-read-docs", _share_execution_cache)
    app.connect("source-read", _on_source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
