"""Quiz items carry a cognitive level, and every chapter asks students to analyse or evaluate, not only recall.

The course rule (issue #18): every item is tagged recall, understand, apply, analyse or evaluate; in every chapter at
least 40 % of the items are at analyse or evaluate level; every numeric item has a hint for a wrong answer; every
option of a choice question explains itself.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from russia_syria import quiz
from russia_syria.quiz.schema import LEVELS, validate

ROOT = Path(__file__).resolve().parents[1]
QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))
HIGHER = {"analyse", "evaluate"}
MIN_HIGHER_SHARE = 0.40


def _questions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def test_every_chapter_has_a_quiz_file():
    chapters = sorted(p.stem for p in (ROOT / "book").glob("0[0-9]_*.md"))
    assert chapters, "no chapter pages found"
    assert [p.stem for p in QUIZ_FILES] == chapters


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_every_item_has_a_valid_level(path):
    missing = [q["id"] for q in _questions(path) if q.get("level") not in LEVELS]
    assert not missing, f"{path.name}: items without a valid level: {missing}"
    spec = validate(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    assert all(q["level"] in LEVELS for q in spec["questions"])  # the level reaches the spec the page embeds


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_share_of_analyse_and_evaluate_items(path):
    questions = _questions(path)
    higher = [q["id"] for q in questions if q.get("level") in HIGHER]
    share = len(higher) / len(questions)
    assert share >= MIN_HIGHER_SHARE, (
        f"{path.name}: {len(higher)} of {len(questions)} items ({share:.0%}) are at analyse or evaluate level; "
        f"at least {MIN_HIGHER_SHARE:.0%} are required")


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_numeric_items_have_a_hint(path):
    without = [q["id"] for q in _questions(path) if q["kind"] == "numeric" and not str(q.get("hint", "")).strip()]
    assert not without, f"{path.name}: numeric items without a hint: {without}"


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_every_option_of_a_choice_item_has_feedback(path):
    bare = [f"{q['id']} option {i}" for q in _questions(path) if q["kind"] in ("single", "multiple")
            for i, o in enumerate(q["options"], 1) if not str(o.get("feedback", "")).strip()]
    assert not bare, f"{path.name}: options without feedback: {bare}"


GOOD = {
    "id": "t1", "title": "T", "chapter": "book/01_reading_the_source",
    "questions": [
        {"id": "pick", "kind": "single", "prompt": "P", "level": "analyse",
         "options": [{"text": "A", "correct": True}, {"text": "B"}]},
        {"id": "num", "kind": "numeric", "prompt": "How many?", "answer": 3, "level": "apply",
         "hint": "Divide the count by the total."},
    ],
}


def test_level_and_hint_reach_the_spec():
    spec = validate(copy.deepcopy(GOOD), "quizzes/t1.yml")
    assert [q["level"] for q in spec["questions"]] == ["analyse", "apply"]
    assert spec["questions"][1]["hint"] == "Divide the count by the total."
    assert "hint" not in spec["questions"][0]


@pytest.mark.parametrize(
    ("mutate", "question", "words"),
    [
        (lambda r: r["questions"][0].update(level="analysis"), "pick", "`level` 'analysis' is not a level"),
        (lambda r: r["questions"][0].update(level=True), "pick", "is not a level"),
        (lambda r: r["questions"][0].update(hint="Look again."), "pick", "unknown field(s) ['hint']"),
        (lambda r: r["questions"][1].update(hint=True), "num", "`hint` was read as True"),
    ],
)
def test_bad_level_or_hint_names_file_and_question(mutate, question, words):
    raw = copy.deepcopy(GOOD)
    mutate(raw)
    with pytest.raises(quiz.QuizError) as info:
        validate(raw, "quizzes/t1.yml")
    message = str(info.value)
    assert "quizzes/t1.yml" in message and question in message and words in message, message
