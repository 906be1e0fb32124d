"""The one exception the quiz package raises for a bad quiz file or bad values."""

from __future__ import annotations


class QuizError(ValueError):
    """A quiz file (or the values passed to it) is wrong; the message names the file and the question."""

    def __init__(self, source: str, problem: str, question: str | None = None) -> None:
        self.source = source
        self.question = question
        self.problem = problem
        where = f"{source}, question {question!r}" if question else source
        super().__init__(f"{where}: {problem}")
