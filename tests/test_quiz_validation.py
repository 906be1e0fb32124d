"""Quiz files: every bad definition fails early with a message naming the file and the question."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from russia_syria import quiz
from russia_syria.quiz.schema import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_QUIZZES = ROOT / "tests" / "fixtures" / "quizbook" / "quizzes"

GOOD = {
    "id": "t1",
    "title": "Test quiz",
    "chapter": "book/01_reading_the_source",
    "questions": [
        {"id": "pick", "kind": "single", "prompt": "Pick one",
         "options": [{"text": "A", "correct": True}, {"text": "B"}]},
        {"id": "num", "kind": "numeric", "prompt": "How many?", "answer": {"value": "n"}, "tolerance": 1},
    ],
}


def bad(mutate) -> str:
    raw = copy.deepcopy(GOOD)
    mutate(raw)
    with pytest.raises(quiz.QuizError) as info:
        validate(raw, "quizzes/t1.yml", {"n": 3})
    return str(info.value)


def test_good_file_validates_and_fills_value():
    spec = validate(copy.deepcopy(GOOD), "quizzes/t1.yml", {"n": 3})
    assert spec["questions"][1]["answer"] == 3
    assert spec["dom"] == "rsq-t1"


@pytest.mark.parametrize(
    ("mutate", "question", "words"),
    [
        (lambda r: r["questions"][0]["options"][0].pop("correct"), "pick", "no option is marked"),
        (lambda r: r["questions"][0].update(options=[]), "pick", "options are missing or empty"),
        (lambda r: r["questions"][0].pop("options"), "pick", "options are missing or empty"),
        (lambda r: r["questions"][0].update(answer=3), "pick", "answer 3 is out of range"),
        (lambda r: r["questions"][0].update(answer=0), "pick", "answer 0 is out of range"),
        (lambda r: r["questions"][1].update(id="pick"), "pick", "duplicate question id"),
        (lambda r: r["questions"][0].update(kind="essay"), "pick", "unknown kind 'essay'"),
        (lambda r: r["questions"][1].update(answer="twelve"), "num", "must be a number"),
        (lambda r: r["questions"][1].update(answer=True), "num", "must be a number"),
        (lambda r: r["questions"][1].update(answer={"value": "missing_name"}), "num", "needs the computed value 'missing_name'"),
        (lambda r: r["questions"][0]["options"][1].update(correct=True), "pick", "exactly one"),
        (lambda r: r["questions"][0]["options"][1].update(corect=True), "pick", "unknown field"),
        (lambda r: r["questions"][0].update(prompt=""), "pick", "`prompt` is empty"),
        (lambda r: r["questions"][0]["options"][1].update(text=False), "pick", "put the text in quotes"),
        (lambda r: r["questions"][1].update(tolerance=-1), "num", "tolerance"),
        (lambda r: r["questions"].__setitem__(0, {"id": "pick", "kind": "truefalse", "prompt": "P", "answer": "yes"}), "pick", "true or false"),
    ],
)
def test_bad_definition_names_file_and_question(mutate, question, words):
    message = bad(mutate)
    assert message.startswith(f"quizzes/t1.yml, question '{question}':"), message
    assert words in message, message


def test_extra_value_is_an_error():
    with pytest.raises(quiz.QuizError, match=r"quizzes/t1.yml: value\(s\) \['typo'\] were passed"):
        validate(copy.deepcopy(GOOD), "quizzes/t1.yml", {"n": 3, "typo": 4})


@pytest.mark.parametrize("value", ["3", float("nan"), None, True])
def test_computed_value_must_be_a_number(value):
    with pytest.raises(quiz.QuizError, match="question 'num': computed value 'n' must be a finite number"):
        validate(copy.deepcopy(GOOD), "quizzes/t1.yml", {"n": value})


def test_other_kinds_bad_cases():
    for q, words in [
        ({"id": "o", "kind": "order", "prompt": "P", "items": ["only one"]}, "at least 2"),
        ({"id": "m", "kind": "match", "prompt": "P", "pairs": [{"left": "a", "right": "b"}, {"left": "a", "right": "c"}]}, "same left"),
        ({"id": "t", "kind": "text", "prompt": "P", "accept": []}, "at least 1"),
        ({"id": "x", "prompt": "P"}, "unknown kind None"),
    ]:
        raw = copy.deepcopy(GOOD)
        raw["questions"].append(q)
        with pytest.raises(quiz.QuizError) as info:
            validate(raw, "quizzes/t1.yml", {"n": 3})
        assert f"question '{q['id']}'" in str(info.value) and words in str(info.value), str(info.value)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "broken.yml").write_text("id: x\nquestions: [\n", encoding="utf-8")
    with pytest.raises(quiz.QuizError, match=r"broken.yml: is not valid YAML \(line \d+"):
        quiz.files.load(str(tmp_path / "broken.yml"))


def test_unknown_quiz_lists_available(monkeypatch):
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(FIXTURE_QUIZZES))
    with pytest.raises(quiz.QuizError, match=r"quizzes/nope.yml: no such quiz file \(available: demo, inject\)"):
        quiz.show("nope")


def test_show_without_needed_values_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(FIXTURE_QUIZZES))
    with pytest.raises(quiz.QuizError, match="quizzes/demo.yml, question 'count': needs the computed value 'n_rows'"):
        quiz.show("demo")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "russia_syria.quiz", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_check_passes_on_course_and_fixture_quizzes():
    for folder in (ROOT / "quizzes", FIXTURE_QUIZZES):
        result = run_cli("check", str(folder))
        assert result.returncode == 0, result.stderr
        assert "0 problem(s)" in result.stdout


def test_cli_check_fails_with_messages(tmp_path):
    raw = copy.deepcopy(GOOD)
    raw["questions"][0]["options"][0]["correct"] = False
    (tmp_path / "t1.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    dup = copy.deepcopy(GOOD)
    (tmp_path / "t2.yml").write_text(yaml.safe_dump(dup), encoding="utf-8")
    (tmp_path / "t3.yml").write_text(yaml.safe_dump(dup), encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path.name}/t1.yml, question 'pick': no option is marked" in result.stderr
    assert "quiz id 't1' is also used by" in result.stderr
    assert "3 quiz file(s) checked, 2 problem(s)" in result.stdout
    assert "Traceback" not in result.stderr


def test_messages_never_show_machine_paths(tmp_path):
    (tmp_path / "t1.yml").write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(quiz.QuizError) as info:
        quiz.files.load(str(tmp_path / "t1.yml"))
    assert str(tmp_path.parent) not in str(info.value)
    assert str(info.value).startswith(f"{tmp_path.name}/t1.yml: the file must be a mapping")


def test_cli_size_reports_module_within_budget():
    result = run_cli("size")
    assert result.returncode == 0 and "bytes (budget 30720)" in result.stdout
