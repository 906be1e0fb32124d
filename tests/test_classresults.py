"""Class results: exports are re-graded by the quizzes' own grader, bad files are reported once, none crash it."""

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


@pytest.fixture
def good(tmp_path):
    write(tmp_path, "ann.json", export("Ann", [ans("ch01", "genre", True), ans("ch01", "rows", False)]))
    write(tmp_path, "bo.json", export("Bo <b>", [ans("ch01", "genre", True), ans("ch02", "timeline", True)],
                                      quizzes=("ch01", "ch02")))
    return tmp_path


@needs_node
def test_good_files_are_read_and_regraded(good):
    res = read(good)
    assert res.problems == []
    assert len(res.answers) == 4 and set(res.files["student"]) == {"Ann", "Bo <b>"}
    assert res.answers["verified"].all()
    q = ca.per_question(res, QUESTIONS).set_index("question")
    assert q.loc["genre", "share_correct"] == 1.0 and q.loc["rows", "share_correct"] == 0.0
    assert q.loc["rows", "wrong_answers"] == [("70", 1)]  # the grader's own text of the answer
    s = ca.per_student(res, QUESTIONS).set_index("student")
    assert s.loc["Ann", "completion"] == pytest.approx(2 / 3) and s.loc["Ann", "right"] == 1


@needs_node
def test_forged_file_is_flagged_and_regraded(good):
    write(good, "forged.json", export("Cy", [ans("ch01", "genre", False, correct=True),
                                             ans("ch01", "rows", False, correct=True)]))
    res = read(good)
    reasons = [p.reason for p in res.problems if p.file == "forged.json"]
    assert any(r.startswith("marked correct in the file but wrong on re-grading") and "ch01/genre" in r
               and "ch01/rows" in r for r in reasons)
    assert any("score in the file 2 correct, on re-grading 0" in r for r in reasons)
    cy = res.answers[res.answers["student"] == "Cy"]
    assert not cy["earned"].any() and cy["stored_correct"].all()


@needs_node
def test_revealed_answers_are_not_earned(tmp_path):
    write(tmp_path, "dee.json", export("Dee", [ans("ch01", "genre", True, **{cr.REVEALED: True, cr.ATTEMPTS: 3}),
                                               ans("ch01", "rows", True, **{cr.ATTEMPTS: 1})]))
    res = read(tmp_path)
    assert res.answers.set_index("question")["earned"].to_dict() == {"genre": False, "rows": True}
    assert res.answers.set_index("question")[cr.ATTEMPTS].to_dict() == {"genre": 3, "rows": 1}
    assert [p.reason for p in res.problems] == ['answers given after "Show answer": not counted as earned (ch01/genre)']


def test_nested_brackets_are_one_clear_line(good):
    """Crash input 1: 2 kB of nested brackets used to stop the notebook with a RecursionError."""
    write(good, "deep.json", "[" * 2048)
    write(good, "deeper.json", '{"a":' * 100_000 + "1" + "}" * 100_000)
    res = cr.read_folder(good, cr_known())
    reasons = {p.file: p.reason for p in res.problems}
    assert set(reasons) == {"deep.json", "deeper.json"}
    assert "nested too deeply" in reasons["deeper.json"]
    assert reasons["deep.json"].startswith(("nested too deeply", "not valid JSON"))
    assert len(res.answers) == 4


def test_empty_answer_list_keeps_the_student(good):
    """Crash input 3: `answers: []` used to drop the student silently."""
    write(good, "eve.json", export("Eve", []))
    res = cr.read_folder(good, cr_known())
    assert [p.file for p in res.problems] == ["eve.json"] and "no answers at all" in res.problems[0].reason
    s = ca.per_student(res, QUESTIONS).set_index("student")
    assert s.loc["Eve", "answered"] == 0 and s.loc["Eve", "completion"] == 0


def test_math_looking_name_draws(good, tmp_path):
    """Crash input 2: a name with $\\foo$ crashed matplotlib's mathtext in the chart cell."""
    import matplotlib

    matplotlib.use("Agg")
    write(good, "tex.json", export(r"$\foo$ and $x^$", [ans("ch01", "genre", True)]))
    res = cr.read_folder(good, cr_known())
    fig = ca.completion_chart(ca.per_student(res, QUESTIONS))
    fig.savefig(tmp_path / "chart.png")  # drawing is where mathtext used to raise
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert r"$\foo$ and $x^$" in labels


def test_flood_of_bad_entries_is_summarised(tmp_path):
    write(tmp_path, "flood.json", export("Fay", ["oops"] * 6_000 + [{"quiz": 1}] * 3_000))
    res = cr.read_folder(tmp_path, cr_known())
    assert len(res.problems) == 2 and all(p.file == "flood.json" for p in res.problems)
    assert "answer 1, answer 2, answer 3 and 5,997 more" in res.problems[0].reason
    assert len(res.report()) == 3


def test_huge_and_oversized_files_are_refused(good):
    write(good, "huge.json", " " * (cr.MAX_BYTES + 1))
    write(good, "many.json", export("Gus", [{"quiz": "ch01"}] * (cr.MAX_ENTRIES + 1)))
    res = cr.read_folder(good, cr_known())
    reasons = {p.file: p.reason for p in res.problems}
    assert "far larger than any quiz export" in reasons["huge.json"]
    assert "far more than the course has questions" in reasons["many.json"]


def test_lookalike_invisible_and_case_names_are_flagged(good):
    write(good, "ann2.json", export("ann", [ans("ch02", "timeline", True)], quizzes=("ch02",)))
    write(good, "cyr.json", export("Аnn", [ans("ch02", "timeline", True)], quizzes=("ch02",)))  # Cyrillic А
    write(good, "zw.json", export("Bo\u200b <b>", [ans("ch02", "timeline", True)], quizzes=("ch02",)))
    res = cr.read_folder(good, cr_known())
    reasons = {}
    for p in res.problems:
        reasons.setdefault(p.file, []).append(p.reason)
    assert {"ann.json", "ann2.json", "cyr.json", "zw.json", "bo.json"} <= set(reasons)
    assert any("only in case, invisible characters or look-alike letters" in r for r in reasons["cyr.json"])
    assert any("invisible characters (U+200B)" in r for r in reasons["zw.json"])


def test_future_times_are_flagged(tmp_path):
    later = "2027-01-01T00:00:00.000Z"
    write(tmp_path, "f.json", export("Hal", [{**ans("ch01", "genre", True), "timestamp": later}], when=later))
    res = cr.read_folder(tmp_path, cr_known(), now=NOW)
    reasons = [p.reason for p in res.problems]
    assert any(r.startswith("exported in the future") for r in reasons)
    assert any(r.startswith("answer times in the future") for r in reasons)


def test_missing_or_nested_responses_are_not_counted(tmp_path):
    no_answer = {k: v for k, v in ans("ch01", "genre", True).items() if k != "answer"}
    write(tmp_path, "m.json", export("Ivy", [no_answer, {**ans("ch01", "rows", True), "answer": [[[1]]]}]))
    res = cr.read_folder(tmp_path, cr_known())
    assert res.answers.empty
    assert "no readable student response" in res.problems[0].reason and "ch01/rows" in res.problems[0].reason


def test_without_node_the_stored_flags_are_marked_unchecked(good, monkeypatch):
    monkeypatch.setattr(regrade, "node", lambda: None)
    res = read(good)
    assert [p.file for p in res.problems] == [cr.ALL_FILES] and "Node.js is not installed" in res.problems[0].reason
    assert not res.answers["verified"].any() and res.answers["correct"].tolist() == [True, False, True, True]


def cr_known():
    return ca.known_questions(QUESTIONS)


@pytest.mark.parametrize("name, content, reason", [
    ("notes.txt", "hello", "only .json files"),
    ("empty.json", "", "the file is empty"),
    ("broken.json", '{"format": "russia-syria-quiz-progress",', "not valid JSON (line 1"),
    ("list.json", "[1, 2]", "holds a JSON list"),
    ("other.json", {"format": "x" * 5000}, "not a quiz export of this course (format is 'xxxx"),
    ("course.json", export("Cy", [], course="other-course"), "another course"),
    ("v9.json", export("Cy", [], version=9), "version 9 is not supported"),
    ("time.json", export("Cy", [], when="yesterday"), "`exported_at` is not a date"),
    ("answers.json", {**export("Cy", []), "answers": {"a": 1}}, "`answers` must be a list"),
])
def test_each_bad_file_is_reported_and_the_rest_read(good, name, content, reason):
    write(good, name, content)
    res = cr.read_folder(good, cr_known())
    assert [p.file for p in res.problems] == [name]
    assert reason in res.problems[0].reason and len(res.problems[0].reason) < 200
    assert len(res.answers) == 4  # the good files still count in full


def test_non_utf8_and_folders_are_reported(good):
    (good / "latin.json").write_bytes('{"student": "Jos\u00e9"}'.encode("latin-1"))
    (good / "sub").mkdir()
    res = cr.read_folder(good, cr_known())
    reasons = dict((p.file, p.reason) for p in res.problems)
    assert "not UTF-8" in reasons["latin.json"] and "a folder" in reasons["sub"]
    assert len(res.answers) == 4


def test_bad_entries_are_reported_per_kind(tmp_path):
    write(tmp_path, "dee.json", export("Dee", [
        ans("ch01", "genre", True), "oops", {"quiz": "ch01"}, {**ans("ch01", "rows", True), "correct": "yes"},
        {**ans("ch01", "genre", True), "quiz": "ch09"}, {**ans("ch01", "genre", True), "question": "gone"}]))
    res = cr.read_folder(tmp_path, cr_known())
    reasons = [p.reason for p in res.problems]
    assert len(reasons) == 5 and all(p.file == "dee.json" for p in res.problems)
    assert reasons[0] == "answers that are not objects: skipped (answer 2)"
    assert "`correct` is not true or false: skipped (ch01/rows)" in reasons[2]
    assert "quizzes that are not in this course: skipped (ch09/genre)" in reasons[3]
    assert "not in the quiz" in reasons[4] and "ch01/gone" in reasons[4]
    assert res.answers["question"].tolist() == ["genre"]


def test_duplicates_keep_the_latest_export(good):
    write(good, "copy-of-ann.json", (good / "ann.json").read_text(encoding="utf-8"))
    write(good, "ann-new.json", export(" Ann ", [ans("ch01", "genre", False)], when="2026-03-02T10:00:00Z"))
    res = cr.read_folder(good, cr_known())
    reasons = {p.file: p.reason for p in res.problems}
    assert reasons["copy-of-ann.json"] == "duplicate: an exact copy of ann.json, which is used"
    assert "ann-new.json, exported later, which is used" in reasons["ann.json"]
    ann = res.answers[res.answers["file"] == "ann-new.json"]
    assert ann["correct"].tolist() == [False] and "ann.json" not in set(res.answers["file"])


def test_unnamed_student_is_named_after_the_file(tmp_path):
    write(tmp_path, "x1.json", export("", [ans("ch01", "genre", True)]))
    assert cr.read_folder(tmp_path, cr_known()).answers["student"].tolist() == ["(no name: x1)"]


def test_empty_folder_gives_empty_tables(tmp_path):
    res = read(tmp_path)
    assert res.answers.empty and res.problems == []
    assert ca.per_question(res, QUESTIONS)["answered"].sum() == 0
    assert ca.per_student(res, QUESTIONS).empty
    assert ca.gradebook_csv(res, QUESTIONS) == "student,ch01,ch02,course\r\n"


@needs_node
def test_item_analysis_mastery_and_gradebook(tmp_path):
    # Six students: the three strongest get the hard question right, the weaker ones do not.
    for i, (genre, rows, tl) in enumerate([(1, 1, 1), (1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 0, 1), (0, 0, 0)]):
        write(tmp_path, f"s{i}.json", export(f"=S{i}", [ans("ch01", "genre", bool(genre)), ans("ch01", "rows", bool(rows)),
                                                      ans("ch02", "timeline", bool(tl))], quizzes=("ch01", "ch02")))
    res = read(tmp_path)
    pq = ca.per_question(res, QUESTIONS).set_index("question")
    assert pq.loc["rows", "discrimination"] == pytest.approx(1.0)  # top 2 right, bottom 2 wrong
    assert pq.loc["genre", "wrong_answers"] == [("News", 2)]
    m = ca.mastery(res, QUESTIONS)
    assert m.loc["=S0", "ch01"] == 1.0 and m.loc["=S3", "ch01"] == 0.5 and m.loc["=S5", "ch02"] == 0.0
    csv_text = ca.gradebook_csv(res, QUESTIONS)
    assert csv_text.splitlines()[0] == "student,ch01,ch02,course"
    assert "'=S0,100,100,100" in csv_text  # a name starting with = cannot run as a spreadsheet formula
    page = ca.summary_html(res, QUESTIONS)
    assert "Mastery per chapter" in page and "News (2)" in page and "<b>" not in page


def test_tables_show_student_text_as_text(tmp_path):
    write(tmp_path, "x.json", export("<img src=x onerror=alert(1)>", [ans("ch01", "genre", True)]))
    res = cr.read_folder(tmp_path, cr_known())
    html = ca.show_students(ca.per_student(res, QUESTIONS)).to_html()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    q = QUESTIONS.assign(prompt=["<b>Genre?</b>", "Rows?", "When?"])
    html = ca.show_questions(ca.per_question(res, q)).data
    assert "<b>Genre" not in html and "&lt;b&gt;Genre" in html and "100%" in html


def test_shipped_sample_has_good_and_bad_files():
    folder = Path(__file__).resolve().parents[1] / "book" / "teachers" / "sample_results"
    res = cr.read_folder(folder)
    assert len(res.files) >= 8 and len(res.problems) >= 8
    assert {p.file for p in res.problems} <= {p.name for p in folder.iterdir()}


@needs_node
def test_non_json_numbers_cannot_stop_the_grader(good):
    """NaN and Infinity (which Python's reader accepts) would make the batch unreadable for the grader."""
    write(good, "nan.json", export("Nan", [{**ans("ch01", "genre", True), "answer": float("nan")},
                                           {**ans("ch01", "rows", True), "answer": [float("inf")]}]))
    res = read(good)
    assert res.answers["verified"].all() and len(res.answers) == 4
    assert [p.file for p in res.problems] == ["nan.json"] and "no readable student response" in res.problems[0].reason


def test_without_the_build_code_computed_answers_are_said_unknown():
    """The runtime takes computed answers as a parameter (the build code computes them); without them it says so."""
    from russia_syria import classgrade

    specs, notes = classgrade.specs_for(None)
    assert "not re-graded" in notes[0] and specs
    assert all(q["answer"] is None for s in specs.values() for q in s["questions"] if q.get("computed"))


def test_the_runtime_never_imports_the_build_code():
    import ast

    for path in (Path(__file__).resolve().parents[1] / "src" / "russia_syria").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "bookbuild" for n in names), path


def test_a_mistyped_folder_is_one_clear_line(tmp_path):
    res = cr.read_folder(tmp_path / "handed_inn", cr_known())
    assert res.answers.empty and res.report() == [
        "- handed_inn: the folder does not exist: check FOLDER (a folder of exported .json files)"]
    assert ca.per_student(res, QUESTIONS).empty
