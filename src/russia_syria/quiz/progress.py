"""The progress page: every chapter's quiz with this browser's saved status, export-all and reset buttons."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from .files import available, load
from .render import placeholder
from .schema import COURSE

# What the page's re-grading needs of a question (prompts and feedback stay on the chapter pages).
GRADING = ("id", "kind", "options", "answer", "tolerance", "unit", "accept", "items", "pairs")


def grading_only(question: dict) -> dict:
    """A question reduced to the fields ``grade()`` in quiz.mjs reads (options keep text and ``correct``)."""
    out = {k: question[k] for k in GRADING if k in question}
    if "options" in out:
        out["options"] = [{"text": o["text"], "correct": bool(o.get("correct"))} for o in out["options"]]
    return out


def progress_spec(pages: Collection[str] | None = None, values: Mapping[str, Mapping[str, Any]] | None = None,
                  loader: Callable[[str, Any], dict] = load) -> dict:
    """What the progress page lists: each quiz's id, title, link (from a book/ page), question count and its
    questions for re-grading saved answers (stored ``correct`` flags are never trusted).

    ``pages``: the book's documents (``notebooks/<name>``); a quiz whose notebook is not in the book gets no
    link (no broken links while chapters are being added). None: link every quiz. ``values``: each quiz's
    computed values by quiz name (from the pages that show it); without them a computed answer stays ``None``
    and the page does not grade that question. ``loader``: how a quiz is read (the book build reads each file
    once).
    """
    values = values or {}
    quizzes = []
    for name in available():
        spec = loader(name, values.get(name))
        linked = pages is None or f"notebooks/{name}" in pages
        quizzes.append({"id": spec["id"], "title": spec["title"], "n": len(spec["questions"]),
                        "href": f"../notebooks/{name}.html" if linked else "",
                        "questions": [grading_only(q) for q in spec["questions"]]})
    return {"course": COURSE, "quizzes": quizzes}


def progress_html(pages: Collection[str] | None = None, values: Mapping[str, Mapping[str, Any]] | None = None,
                  *, module: bool = True, loader: Callable[[str, Any], dict] = load) -> str:
    """The progress table as HTML; ``module``: self-contained (module and stylesheet inline; the book loads them
    as files instead)."""
    spec = progress_spec(pages, values, loader)
    listed = ", ".join(q["title"] for q in spec["quizzes"]) or "none yet"
    return placeholder("rsq-progress", f"Quizzes: {listed}. Showing your progress needs JavaScript.", spec,
                       module=module)
