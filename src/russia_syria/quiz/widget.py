"""The quiz as a displayable object: an anywidget in a live kernel, self-contained HTML in the static book."""

from __future__ import annotations

from typing import Any

import anywidget
import pandas as pd
import traitlets

from .render import css_source, js_source, quiz_html, with_links

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class QuizWidget(anywidget.AnyWidget):
    """Front end = ``static/quiz.mjs``. ``answers`` is written by the browser: {question id: {answer, text,
    correct, timestamp, attempts, revealed}}; Python only reads it."""

    _esm = js_source()
    _css = css_source()
    spec = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)

    def __repr__(self) -> str:  # the default repr lists traits (the whole module source): keep it short
        return f"QuizWidget({self.spec.get('id', '?')!r})"


class Quiz:
    """One chapter's quiz. Display it (last line of a cell) to take it; ``results()`` reads the answers."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self._widget: QuizWidget | None = None

    @property
    def widget(self) -> QuizWidget:
        """The kernel widget, created on first use (one per Quiz object)."""
        if self._widget is None:
            self._widget = QuizWidget(spec=with_links(self.spec, "md"))
        return self._widget

    def __repr__(self) -> str:  # stable across runs (nbval): no memory address, no model id
        return f"Quiz {self.spec['id']!r}: {self.spec['title']} ({len(self.spec['questions'])} questions)"

    def to_html(self) -> str:
        """The static (no-kernel) HTML of this quiz, as the book shows it."""
        return quiz_html(self.spec)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Widget view (live Jupyter shows it) + static HTML (the book prefers it) + plain text."""
        bundle: dict[str, Any] = {"text/plain": repr(self), "text/html": quiz_html(self.spec)}
        view = self.widget._repr_mimebundle_()
        if isinstance(view, tuple):  # ipywidgets 8 returns (data, metadata)
            view = view[0]
        if view and WIDGET_VIEW in view:
            bundle[WIDGET_VIEW] = view[WIDGET_VIEW]
        return bundle

    def results(self) -> pd.DataFrame:
        """One row per question: the learner's latest checked answer, whether it was correct, how many answers
        were checked and whether "Show answer" was used."""
        answers = self.widget.answers if self._widget is not None else {}
        rows = []
        for q in self.spec["questions"]:
            got = answers.get(q["id"]) or {}
            rows.append({
                "quiz": self.spec["id"],
                "question": q["id"],
                "kind": q["kind"],
                "answer": got.get("text"),
                "correct": got.get("correct"),
                "timestamp": got.get("timestamp"),
                "attempts": got.get("attempts"),
                "revealed": got.get("revealed"),
            })
        frame = pd.DataFrame(rows, columns=["quiz", "question", "kind", "answer", "correct", "timestamp", "attempts",
                                            "revealed"])
        frame["correct"] = frame["correct"].astype("boolean")  # NA = not answered yet
        return frame

    def score(self) -> tuple[int, int]:
        """(correct answers, number of questions)."""
        return int(self.results()["correct"].fillna(False).sum()), len(self.spec["questions"])
