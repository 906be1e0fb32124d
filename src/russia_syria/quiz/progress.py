"""The progress page: every chapter's quiz with this browser's saved status, export-all and reset buttons."""

from __future__ import annotations

from collections.abc import Collection

from .files import available, load
from .render import placeholder
from .schema import COURSE


def progress_spec(pages: Collection[str] | None = None) -> dict:
    """What the progress page lists: each quiz's id, title, link (from a book/ page) and question count.

    ``pages``: the book's documents (``notebooks/<name>``); a quiz whose notebook is not in the book gets no
    link (no broken links while chapters are being added). None: link every quiz.
    """
    quizzes = []
    for name in available():
        spec = load(name)  # computed values are not needed to count questions
        linked = pages is None or f"notebooks/{name}" in pages
        quizzes.append({"id": spec["id"], "title": spec["title"], "n": len(spec["questions"]),
                        "href": f"../notebooks/{name}.html" if linked else ""})
    return {"course": COURSE, "quizzes": quizzes}


def progress_html(pages: Collection[str] | None = None) -> str:
    """The progress table as self-contained HTML (module included: it is the page's only quiz output)."""
    spec = progress_spec(pages)
    listed = ", ".join(q["title"] for q in spec["quizzes"]) or "none yet"
    return placeholder("rsq-progress", f"Quizzes: {listed}. Showing your progress needs JavaScript.", spec)
