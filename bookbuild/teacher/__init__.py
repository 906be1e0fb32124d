"""The teacher's guide's generated parts: answer keys and exercise solutions, never typed twice.

Sphinx extension (``_config.yml`` → ``sphinx: local_extensions: {bookbuild.teacher: ./}``), split by job:

- ``toc``: which chapters the book has (``_toc.yml``) and their titles;
- ``solutions`` / ``solutions_nodes``: exercise solutions, from a notebook's source outside Sphinx, from
  sphinx-exercise's nodes inside a build;
- ``values``: computed quiz answers, read back from a run of the chapter's own notebook;
- ``markdown``: keys and solutions as escaped Markdown; ``printable``: quiz sheets and answer key as HTML;
- ``directives``: ``{quiz-key}`` and ``{exercise-solutions}`` on the teacher pages.

Everything taken from a quiz or notebook is escaped before it reaches a page: text stays text.
"""

from __future__ import annotations

from typing import Any

from .errors import TeacherError
from .markdown import _code_block, quiz_key_markdown, quiz_key_part, solutions_markdown, solutions_part
from .printable import _shuffled, answer_key_html, quiz_sheets_html, sheet_answer_lines, sheet_order
from .solutions import Solution, solutions
from .toc import chapter_title, course_root, toc_chapters
from .values import chapter_values, course_values, executed_values, notebook_values, values_from_outputs

__all__ = [
    "Solution", "TeacherError", "_code_block", "_shuffled", "_teachers_last", "answer_key_html", "chapter_title",
    "chapter_values", "course_root", "course_values", "executed_values", "notebook_values", "quiz_key_markdown",
    "quiz_key_part", "quiz_sheets_html", "setup", "sheet_answer_lines", "sheet_order", "solutions", "solutions_markdown",
    "solutions_part", "toc_chapters", "values_from_outputs",
]


def _teachers_last(app: Any, env: Any, docnames: list[str]) -> None:
    """Read the teacher pages after every other page, so the chapter notebooks have run (and their solutions are
    in the environment) by then."""
    docnames.sort(key=lambda d: d.startswith("book/teachers/"))


def setup(app: Any) -> dict[str, Any]:
    from .directives import KeyDirective, SolutionsDirective

    app.connect("env-before-read-docs", _teachers_last)
    app.add_directive("quiz-key", KeyDirective)
    app.add_directive("exercise-solutions", SolutionsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
