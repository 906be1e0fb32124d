"""Chapter quizzes: YAML files → an interactive quiz (anywidget in a kernel, self-contained HTML in the book).

One grading implementation, in JavaScript (``static/quiz.mjs``, bundled by ``make quiz-js`` from the modules in
``static/src/``, which the wheel leaves out). Python loads and validates the files, fills computed answers, and
reads the learner's results back from the widget.

>>> from russia_syria import quiz
>>> q = quiz.show("01_reading_the_source", values={"n_claims": 69})   # doctest: +SKIP
>>> q.results()                                                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import book
from .budget import BUDGET_BYTES, page_js_bytes, page_quiz_js_bytes, quiz_js_bytes
from .errors import QuizError
from .files import available, check_folder, load, quiz_dir
from .key import answer_key, answer_key_markdown
from .progress import progress_html
from .widget import Quiz, QuizWidget

__all__ = [
    "BUDGET_BYTES", "Quiz", "QuizError", "QuizWidget", "answer_key", "answer_key_markdown", "available",
    "check_folder", "load", "page_js_bytes", "page_quiz_js_bytes", "progress_html", "quiz_dir", "quiz_js_bytes", "show",
]


def show(name: str, values: Mapping[str, Any] | None = None) -> Quiz | None:
    """The quiz ``quizzes/<name>.yml``, ready to display; ``values`` fills ``answer: {value: NAME}``.

    Raises :class:`QuizError` (naming the file and question) if the file or the values are wrong.

    In the book build this only hands each value to the page (``russia_syria.book.glue``, under
    ``quiz_value_name(name, key)``) and returns None: the page's ``{quiz}`` directive renders the quiz from the
    file, which the build reads once (``bookbuild.labs`` puts the directive where the cell tagged ``quiz`` is).
    """
    if book.in_book_build():
        for key, value in (values or {}).items():
            plain = value.item() if hasattr(value, "item") else value  # numpy scalars: glued as plain numbers
            book.glue(book.quiz_value_name(name, str(key)), plain)
        return None
    return Quiz(load(name, values if values is not None else {}))
