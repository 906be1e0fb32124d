"""Grading of every question kind, run with Node on the course's real module (the only grading code)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from russia_syria import quiz
from russia_syria.quiz.render import JS_FILE

ROOT = Path(__file__).resolve().parents[1]
MODULE = ROOT / "src" / "russia_syria" / "quiz" / "static" / JS_FILE
HARNESS = ROOT / "tests" / "js" / "grade.mjs"
FIXTURE_QUIZZES = ROOT / "tests" / "fixtures" / "quizbook" / "quizzes"

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def run(cases: list[dict]) -> list[dict]:
    result = subprocess.run([NODE, str(HARNESS), str(MODULE)], input=json.dumps(cases), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def demo() -> dict:
    spec = quiz.schema.validate(quiz.files.read_yaml(FIXTURE_QUIZZES / "demo.yml"), "quizzes/demo.yml", {"n_rows": 12})
    return {q["id"]: q for q in spec["questions"]}


# (question id, answer, expected status); each kind: right, wrong, unreadable.
CASES = [
    ("capital", 1, "correct"), ("capital", 0, "wrong"), ("capital", None, "invalid"), ("capital", 7, "invalid"),
    ("coast", [0, 1], "correct"), ("coast", [1, 0], "correct"), ("coast", [0], "wrong"), ("coast", [0, 1, 2], "wrong"),
    ("coast", [], "invalid"),
    ("veto", True, "correct"), ("veto", False, "wrong"), ("veto", None, "invalid"),
    ("count", "12", "correct"), ("count", " 12 rows", "correct"), ("count", "12.0", "correct"), ("count", "13", "wrong"),
    ("count", "twelve", "invalid"), ("count", "", "invalid"), ("count", "<img src=x onerror=alert(1)>", "invalid"),
    ("sea", "mediterranean", "correct"), ("sea", "  Mediterranean   SEA ", "correct"), ("sea", "Black Sea", "wrong"),
    ("sea", "   ", "invalid"), ("sea", "</script><script>alert(1)</script>", "wrong"),
    ("steps", [0, 1, 2], "correct"), ("steps", [1, 0, 2], "wrong"), ("steps", [0, 0, 1], "invalid"),
    ("roles", [0, 1, 2], "correct"), ("roles", [1, 0, 2], "wrong"), ("roles", [0, None, 2], "invalid"),
]


def test_every_kind_right_wrong_and_unreadable(demo):
    kinds = {demo[qid]["kind"] for qid, _, _ in CASES}
    assert kinds == set(quiz.schema.KINDS)  # every kind is covered
    got = run([{"question": demo[qid], "answer": ans} for qid, ans, _ in CASES])
    for (qid, ans, want), res in zip(CASES, got, strict=True):
        assert res["status"] == want, (qid, ans, res)


def test_feedback_per_option_and_partial_counts(demo):
    wrong_single, partial_multi, partial_order, match = run([
        {"question": demo["capital"], "answer": 0},
        {"question": demo["coast"], "answer": [0, 2]},
        {"question": demo["steps"], "answer": [0, 2, 1]},
        {"question": demo["roles"], "answer": [0, 2, 1]},
    ])
    assert wrong_single["notes"] == ["Aleppo is the largest northern city, not the capital."]
    assert "Homs is inland." in partial_multi["notes"]
    assert "1 of 3 options are set correctly." in partial_multi["notes"]
    assert partial_order["notes"] == ["1 of 3 items are in the right place."]
    assert match["notes"] == ["1 of 3 matches are right."]
    assert wrong_single["correct_text"] == "Damascus"
    assert match["answer_text"].startswith("Security Council → Votes on resolutions;")


def test_truefalse_feedback_follows_choice(demo):
    yes, no = run([{"question": demo["veto"], "answer": True}, {"question": demo["veto"], "answer": False}])
    assert yes["notes"] == ["Yes, one negative vote of a permanent member blocks it."]
    assert no["notes"] == ["Look again at how the Council votes."]


@pytest.mark.parametrize(("typed", "value"), [
    ("1,234", 1234), ("1 234", 1234), ("1\u202f234", 1234), ("12,5", 12.5), ("-3", -3), ("\u22123", -3),
    ("1,234,567.5", 1234567.5), ("4e3", 4000), (".5", 0.5), ("12 rows", 12), ("abc", None), ("1.2.3", None),
    ("", None), ("Infinity", None), ("NaN", None), ("0x10", None),
])
def test_numbers_as_people_type_them(typed, value):
    [res] = run([{"call": "parseNumber", "question": {"unit": "rows"}, "answer": typed}])
    assert res["value"] == value


def test_tolerance_is_absolute(demo):
    q = copy.deepcopy(demo["count"])
    q["tolerance"] = 0.5
    inside, edge, outside = run([{"question": q, "answer": a} for a in ("12.4", "11.5", "12.6")])
    assert (inside["status"], edge["status"], outside["status"]) == ("correct", "correct", "wrong")


def test_shuffle_is_deterministic_and_never_the_answer():
    a, b, c = run([{"call": "shuffled", "answer": {"n": n, "key": key}} for n, key in
                   ((5, "rsq-demo-steps"), (5, "rsq-demo-steps"), (2, "any"))])
    assert a["value"] == b["value"] and sorted(a["value"]) == [0, 1, 2, 3, 4]
    assert a["value"] != [0, 1, 2, 3, 4] and c["value"] == [1, 0]


def test_computed_value_flows_into_the_graded_answer(monkeypatch):
    """Change the data, the quiz answer follows: the number comes from the notebook, not the YAML."""
    import pandas as pd

    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(FIXTURE_QUIZZES))
    table = pd.DataFrame({"x": range(12)})
    before = quiz.show("demo", values={"n_rows": len(table)})
    table = pd.concat([table, pd.DataFrame({"x": [99]})])  # one more row in the data
    after = quiz.show("demo", values={"n_rows": len(table)})
    q_before = next(q for q in before.spec["questions"] if q["id"] == "count")
    q_after = next(q for q in after.spec["questions"] if q["id"] == "count")
    assert (q_before["answer"], q_after["answer"]) == (12, 13)
    old, new = run([{"question": q_after, "answer": "12"}, {"question": q_after, "answer": "13"}])
    assert (old["status"], new["status"]) == ("wrong", "correct")
    assert '"answer":13' in after.to_html() and "13 rows" in quiz.answer_key_markdown("demo", {"n_rows": 13})
