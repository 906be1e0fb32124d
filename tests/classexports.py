"""Quiz exports for the class-results tests: two small quizzes, and students' export files as quiz.mjs writes them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from russia_syria import classanalysis as ca
from russia_syria import classresults as cr
from russia_syria import regrade
from russia_syria.quiz.schema import validate

needs_node = pytest.mark.skipif(regrade.node() is None, reason="re-grading runs quiz.mjs under Node.js")
NOW = datetime(2026, 3, 10, tzinfo=UTC)

SPECS = {
    "ch01": validate({"id": "ch01", "title": "One", "chapter": "book/01_x", "questions": [
        {"id": "genre", "kind": "single", "prompt": "Genre?", "options": [
            {"text": "News"}, {"text": "Opinion", "correct": True}, {"text": "Statement"}]},
        {"id": "rows", "kind": "numeric", "prompt": "Rows?", "answer": {"value": "n"}, "tolerance": 0}]},
        "quizzes/01_x.yml", {"n": 69}),
    "ch02": validate({"id": "ch02", "title": "Two", "chapter": "book/02_y", "questions": [
        {"id": "timeline", "kind": "truefalse", "prompt": "Before 1971?", "answer": True}]}, "quizzes/02_y.yml", {}),
}
for name, s in zip(("01_x", "02_y"), SPECS.values(), strict=False):
    s["name"] = name
QUESTIONS = ca.course_questions(SPECS)
RIGHT = {("ch01", "genre"): 1, ("ch01", "rows"): "69", ("ch02", "timeline"): True}
WRONG = {("ch01", "genre"): 0, ("ch01", "rows"): "70", ("ch02", "timeline"): False}


def export(student: str, answers: list, quizzes=("ch01",), when="2026-03-01T10:00:00.000Z", **over) -> dict:
    data = {"format": cr.FORMAT, "version": 1, "course": "russia-syria", "student": student, "exported_at": when,
            "quizzes": list(quizzes), "answers": answers}
    data.update(over)
    return data


def ans(quiz: str, question: str, right: bool, correct: bool | None = None, **extra) -> dict:
    """An answer as quiz.mjs writes it; ``correct`` (the stored flag) defaults to the truth."""
    answer = (RIGHT if right else WRONG)[(quiz, question)]
    return {"quiz": quiz, "question": question, "answer": answer, "answer_text": "x",
            "correct": right if correct is None else correct, "timestamp": "2026-03-01T09:00:00.000Z", **extra}


def write(folder: Path, name: str, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


def read(folder: Path) -> cr.ClassResults:
    return cr.read_folder(folder, specs=SPECS, now=NOW)


def cr_known():
    return ca.known_questions(QUESTIONS)
