"""Exercise solutions read from a lab notebook's source (outside Sphinx: the student edition, the tests).

Inside a book build the teacher pages take the solutions from sphinx-exercise's own nodes instead
(``directives.solution_nodes``); this reader is for code that has no Sphinx environment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import TeacherError

# A MyST directive opening line: 3+ backticks or colons, then {name} and an optional argument.
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>solution(?:-start|-end)?)\}[ \t]*(?P<arg>.*)$", re.M)


@dataclass
class Solution:
    """One exercise solution: the exercise it answers, and its parts as (kind, text) pairs.

    Kinds: ``markdown``, ``code``, and ``output`` (the text a code cell was committed with, if any).
    """

    exercise: str
    label: str = ""
    cells: list[tuple[str, str]] = field(default_factory=list)


def _options_and_body(text: str) -> tuple[str, str]:
    """Split a directive's content into its ``:option:`` lines (dropped) and its body."""
    lines = text.splitlines()
    i = 0
    while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):
        i += 1
    return "\n".join(lines[:i]), "\n".join(lines[i:]).strip("\n")


def _label(options: str) -> str:
    m = re.search(r"^\s*:label:\s*(\S+)", options, re.M)
    return m.group(1) if m else ""


def _stored_text(cell: Any) -> str:
    """The plain-text outputs a code cell was committed with (the results nbval checks), if any."""
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append(out.get("text", ""))
        elif "text/plain" in out.get("data", {}) and not {"text/html", "image/png"} & set(out["data"]):
            texts.append(out["data"]["text/plain"])
    return "".join(texts).rstrip("\n")


def solutions(notebook: Path) -> list[Solution]:
    """The solutions written in a notebook, in order.

    Gated solutions: ``{solution-start} <exercise>`` opens a solution that runs to the next ``{solution-end}``;
    everything between (the rest of that markdown cell, whole cells, the start of the closing cell) is the
    solution. Markers may share a cell with other text, e.g. ``{solution-end}`` followed by the next exercise
    and its ``{solution-start}``. A plain ``{solution}`` directive is read too. Raises :class:`TeacherError`
    for an unclosed or stray marker, naming the notebook and cell.
    """
    import nbformat  # build-time only: kept out of the import of the package

    name = f"notebooks/{notebook.name}"
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises several types for a broken file
        raise TeacherError(f"{name}: cannot be read as a notebook ({exc})") from None
    found: list[Solution] = []
    current: Solution | None = None
    opened_in = 0
    for n, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "markdown":
            if current is not None:
                current.cells.append((cell.cell_type, cell.source))
                printed = _stored_text(cell)
                if printed:
                    current.cells.append(("output", printed))
            continue
        lines = cell.source.splitlines()
        text: list[str] = []  # markdown of the open solution within this cell

        def flush(sol: Solution | None, text: list[str] = text) -> None:
            if sol is not None and "".join(text).strip():
                sol.cells.append(("markdown", "\n".join(text).strip("\n")))
            text.clear()

        i = 0
        while i < len(lines):
            m = _FENCE.match(lines[i])
            if not m:
                if current is not None:
                    text.append(lines[i])
                i += 1
                continue
            j = i + 1  # the directive's closing fence
            while j < len(lines) and lines[j].strip() != m.group("fence"):
                j += 1
            options, body = _options_and_body("\n".join(lines[i + 1:j]))
            kind, arg = m.group("name"), m.group("arg").strip()
            if kind == "solution-start":
                if current is not None:
                    raise TeacherError(f"{name}, cell {n}: a solution starts before the one opened in cell "
                                       f"{opened_in} ends")
                current, opened_in = Solution(arg, _label(options)), n
            elif kind == "solution-end":
                if current is None:
                    raise TeacherError(f"{name}, cell {n}: {{solution-end}} without a {{solution-start}} before it")
                flush(current)
                found.append(current)
                current = None
            else:
                found.append(Solution(arg, _label(options), [("markdown", body)]))
            i = j + 1
        flush(current)
    if current is not None:
        raise TeacherError(f"{name}, cell {opened_in}: {{solution-start}} is never closed by {{solution-end}}")
    return found
