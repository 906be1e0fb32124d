"""Class results: good exports are read, every bad file is reported with its reason, the rest still counts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from russia_syria import classresults as cr

KNOWN = {"ch01": {"genre", "rows"}, "ch02": {"timeline"}}
QUESTIONS = pd.DataFrame([("ch01", "01", "genre", "Genre?"), ("ch01", "01", "rows", "Rows?"),
                          ("ch02", "02", "timeline", "When?")], columns=["quiz", "chapter", "question", "prompt"])


def export(student: str, answers: list, quizzes=("ch01",), when="2026-03-01T10:00:00.000Z", **over) -> dict:
    data = {"format": cr.FORMAT, "version": 1, "course": "russia-syria", "student": student, "exported_at": when,
            "quizzes": list(quizzes), "answers": answers}
    data.update(over)
    return data


def ans(quiz: str, question: str, correct: bool) -> dict:
    return {"quiz": quiz, "question": question, "answer": 1, "answer_text": "x", "correct": correct,
            "timestamp": "2026-03-01T09:00:00.000Z"}


def write(folder: Path, name: str, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def good(tmp_path):
    write(tmp_path, "ann.json", export("Ann", [ans("ch01", "genre", True), ans("ch01", "rows", False)]))
    write(tmp_path, "bo.json", export("Bo <b>", [ans("ch01", "genre", True), ans("ch02", "timeline", True)],
                                      quizzes=("ch01", "ch02")))
    return tmp_path


def test_good_files_are_read(good):
    res = cr.read_folder(good, KNOWN)
    assert res.problems == []
    assert len(res.answers) == 4 and set(res.files["student"]) == {"Ann", "Bo <b>"}
    q = cr.per_question(res, QUESTIONS).set_index("question")
    assert q.loc["genre", "share_correct"] == 1.0 and q.loc["rows", "share_correct"] == 0.0
    assert q.loc["timeline", "answered"] == 1
    s = cr.per_student(res, QUESTIONS).set_index("student")
    assert s.loc["Ann", "completion"] == pytest.approx(2 / 3) and s.loc["Ann", "right"] == 1


@pytest.mark.parametrize("name, content, reason", [
    ("notes.txt", "hello", "only .json files"),
    ("empty.json", "", "the file is empty"),
    ("broken.json", '{"format": "russia-syria-quiz-progress",', "not valid JSON (line 1"),
    ("list.json", "[1, 2]", "holds a JSON list"),
    ("other.json", {"format": "something-else"}, "not a quiz export of this course"),
    ("course.json", export("Cy", [], course="other-course"), "another course"),
    ("v9.json", export("Cy", [], version=9), "version 9 is not supported"),
    ("time.json", export("Cy", [], when="yesterday"), "`exported_at` is not a date"),
    ("answers.json", {**export("Cy", []), "answers": {"a": 1}}, "`answers` must be a list"),
])
def test_each_bad_file_is_reported_and_the_rest_read(good, name, content, reason):
    write(good, name, content)
    res = cr.read_folder(good, KNOWN)
    assert [p.file for p in res.problems] == [name]
    assert reason in res.problems[0].reason
    assert len(res.answers) == 4  # the good files still count in full


def test_non_utf8_and_folders_are_reported(good):
    (good / "latin.json").write_bytes('{"student": "Jos\u00e9"}'.encode("latin-1"))
    (good / "sub").mkdir()
    res = cr.read_folder(good, KNOWN)
    reasons = dict((p.file, p.reason) for p in res.problems)
    assert "not UTF-8" in reasons["latin.json"] and "a folder" in reasons["sub"]
    assert len(res.answers) == 4


def test_bad_entries_are_skipped_one_by_one(tmp_path):
    write(tmp_path, "dee.json", export("Dee", [
        ans("ch01", "genre", True), "oops", {"quiz": "ch01"}, ans("ch01", "rows", "yes"),
        ans("ch09", "x", True), ans("ch01", "gone", True)]))
    res = cr.read_folder(tmp_path, KNOWN)
    reasons = [p.reason for p in res.problems]
    assert len(reasons) == 5 and all(p.file == "dee.json" for p in res.problems)
    assert reasons[0].startswith("answer 2 is not an object")
    assert "answer 4 (ch01/rows): `correct` must be true or false" in reasons[2]
    assert "quiz 'ch09' is not in this course" in reasons[3]
    assert "question 'gone' is not in quiz 'ch01'" in reasons[4]
    assert res.answers["question"].tolist() == ["genre"]


def test_duplicates_keep_the_latest_export(good):
    write(good, "copy-of-ann.json", (good / "ann.json").read_text(encoding="utf-8"))
    write(good, "ann-new.json", export(" ANN ", [ans("ch01", "genre", False)], when="2026-03-02T10:00:00Z"))
    res = cr.read_folder(good, KNOWN)
    reasons = {p.file: p.reason for p in res.problems}
    assert reasons["copy-of-ann.json"] == "duplicate: an exact copy of ann.json, which is used"
    assert "ann-new.json, exported later, which is used" in reasons["ann.json"]
    ann = res.answers[res.answers["file"] == "ann-new.json"]
    assert ann["correct"].tolist() == [False] and "ann.json" not in set(res.answers["file"])


def test_unnamed_student_is_named_after_the_file(tmp_path):
    write(tmp_path, "x1.json", export("", [ans("ch01", "genre", True)]))
    assert cr.read_folder(tmp_path, KNOWN).answers["student"].tolist() == ["(no name: x1)"]


def test_empty_folder_gives_empty_tables(tmp_path):
    res = cr.read_folder(tmp_path, KNOWN)
    assert res.answers.empty and res.problems == []
    assert cr.per_question(res, QUESTIONS)["answered"].sum() == 0
    assert cr.per_student(res, QUESTIONS).empty


def test_shipped_sample_has_good_and_bad_files():
    folder = Path(__file__).resolve().parents[1] / "book" / "teachers" / "sample_results"
    res = cr.read_folder(folder)
    assert len(res.files) >= 3 and len(res.problems) >= 3
    assert {p.file for p in res.problems} <= {p.name for p in folder.iterdir()}


def test_tables_show_student_text_as_text(tmp_path):
    write(tmp_path, "x.json", export("<img src=x onerror=alert(1)>", [ans("ch01", "genre", True)]))
    res = cr.read_folder(tmp_path, KNOWN)
    html = cr.show_students(cr.per_student(res, QUESTIONS)).to_html()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    q = QUESTIONS.assign(prompt=["<b>Genre?</b>", "Rows?", "When?"])
    html = cr.show_questions(cr.per_question(res, q)).to_html()
    assert "<b>Genre" not in html and "no answers" in html and "100%" in html
