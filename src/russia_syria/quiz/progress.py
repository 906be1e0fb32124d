"""The progress page: every chapter's quiz with this browser's saved status, export-all and reset buttons."""

from __future__ import annotations

from .files import available, load
from .render import placeholder
from .schema import COURSE


def progress_spec() -> dict:
    """What the progress page lists: each quiz's id, title, link (from a book/ page) and question count."""
    quizzes = []
    for name in available():
        spec = load(name)  # computed values are not needed to count questions
        quizzes.append({"id": spec["id"], "title": spec["title"], "href": f"../notebooks/{name}.html",
                        "n": len(spec["questions"])})
    return {"course": COURSE, "quizzes": quizzes}


def progress_html() -> str:
    """The progress table as self-contained HTML (module included: it is the page's only quiz output)."""
    spec = progress_spec()
    listed = ", ".join(q["title"] for q in spec["quizzes"]) or "none yet"
    return placeholder("rsq-progress", f"Quizzes: {listed}. Showing your progress needs JavaScript.", spec)
