"""Class analysis of re-graded exports: item analysis, mastery, the gradebook, and tables that show student text as
text."""

from __future__ import annotations

import pytest

from classexports import QUESTIONS, ans, cr_known, export, needs_node, read, write
from russia_syria import classanalysis as ca
from russia_syria import classresults as cr


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
