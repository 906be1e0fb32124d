"""The in-browser class-results page and the notebook path agree, on the shipped sample class, offline.

Both grade with quiz.mjs; the page's reading and analysis (classresults.mjs) is compared with the notebook's
(russia_syria.classresults / classanalysis) on the same files.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from russia_syria import classanalysis as ca
from russia_syria import classgrade, classpage, regrade
from russia_syria import classresults as cr

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "book" / "teachers" / "sample_results"
STATIC = ROOT / "src" / "russia_syria"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
pytestmark = pytest.mark.skipif(regrade.node() is None, reason="the page path runs under Node.js or a browser")

RUN = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [quizPath, crPath] = process.argv.slice(1);
const quiz = await import(pathToFileURL(quizPath).href);
const cr = await import(pathToFileURL(crPath).href);
const { files, specs, now, fields } = JSON.parse(readFileSync(0, "utf8"));
const res = cr.analyse(files, specs, quiz, now, fields);
process.stdout.write(JSON.stringify({ res, sum: cr.summarise(res, specs), csv: cr.gradebookCsv(cr.summarise(res, specs)) }));
"""


@pytest.fixture(scope="module")
def specs() -> dict:
    # No computed values: computed numeric answers stay un-re-graded in both paths alike; every other kind is
    # re-graded, so the comparison covers the grader without running the chapter notebooks.
    return classgrade.course_specs()[0]


def python_path(specs: dict) -> tuple[cr.ClassResults, object]:
    res = cr.read_folder(SAMPLE, specs=specs, now=NOW)
    return res, ca.course_questions(specs)


def page_path(specs: dict) -> dict:
    files = [{"name": p.name, "size": p.stat().st_size, "text": p.read_text(encoding="utf-8", errors="replace")}
             for p in sorted(SAMPLE.iterdir())]
    payload = json.dumps({"files": files, "specs": specs, "now": NOW.timestamp() * 1000,
                          "fields": {"revealed": cr.REVEALED, "attempts": cr.ATTEMPTS}})
    run = subprocess.run([regrade.node(), "--input-type=module", "-e", RUN, str(regrade.QUIZ_MJS),
                          str(STATIC / "classresults.mjs")], input=payload, capture_output=True, text=True,
                         encoding="utf-8", check=True, timeout=60)
    return json.loads(run.stdout)


def test_page_and_notebook_agree_on_the_sample(specs):
    res, questions = python_path(specs)
    page = page_path(specs)
    assert {f["file"] for f in page["res"]["files"]} == set(res.files["file"])
    assert {p["file"] for p in page["res"]["problems"]} == {p.file for p in res.problems}
    students = ca.per_student(res, questions)
    assert [(s["student"], s["answered"], s["right"], s["revealed"]) for s in page["sum"]["student"]] == \
        list(students[["student", "answered", "right", "revealed"]].itertuples(index=False, name=None))
    pq = ca.per_question(res, questions)
    assert [(q["answered"], q["right"]) for q in page["sum"]["question"]] == \
        list(pq[["answered", "right"]].itertuples(index=False, name=None))
    assert [[list(w) for w in q["wrong_answers"]] for q in page["sum"]["question"]] == \
        [[list(w) for w in ws] for ws in pq["wrong_answers"]]
    disc = [None if q["discrimination"] is None else round(q["discrimination"], 9) for q in page["sum"]["question"]]
    assert disc == [None if d != d else round(d, 9) for d in pq["discrimination"]]  # NaN ↔ null
    assert page["csv"] == ca.gradebook_csv(res, questions)
    forged = [p["reason"] for p in page["res"]["problems"] if p["file"] == "student-4.json"]
    assert any(r.startswith("marked correct in the file but wrong on re-grading") for r in forged)


def test_page_works_in_a_browser_offline(specs, page, tmp_path):
    from conftest import serve

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class results</title></head><body>'
        + classpage.page_html(specs) + "</body></html>", encoding="utf-8")
    res, questions = python_path(specs)
    with serve(tmp_path) as url:
        page.goto(url + "index.html")
        page.set_input_files("#rs-cr-files", sorted(str(p) for p in SAMPLE.iterdir()))
        page.wait_for_selector(".rs-cr-problems")
        assert page.inner_text(".rs-cr-status").startswith(f"{len(res.files)} students' files used")
        rows = page.eval_on_selector_all("table.rs-cr-table:first-of-type tbody tr",
                                         "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
        right = dict(ca.per_student(res, questions)[["student", "right"]].itertuples(index=False, name=None))
        assert {r[0]: int(r[2]) for r in rows} == right
        problems = page.inner_text(".rs-cr-problems")
        assert "nested.json: nested too deeply" in problems and "student-9.json: the file holds no answers" in problems
        assert page.locator("text=$\\alpha$ Omar").count() == 1  # shown as typed, not as math
        with page.expect_download() as dl:
            page.click(".rs-cr-csv")
        assert Path(dl.value.path()).read_bytes().decode("utf-8-sig") == ca.gradebook_csv(res, questions)
        with page.expect_download() as dl:
            page.click(".rs-cr-summary")
        summary = Path(dl.value.path()).read_text(encoding="utf-8")
        assert "Mastery per chapter" in summary and "Questions to revisit" in summary
        (tmp_path / "summary.html").write_text(summary, encoding="utf-8")
        page.goto(url + "summary.html")
        assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1  # one printed page
    assert page.external_requests == [] and page.js_errors == []


def test_printable_summary_is_one_page(specs, page, tmp_path):
    """The class summary of the sample class prints on one A4 page (Chromium's own print to PDF)."""
    from conftest import serve

    res, questions = python_path(specs)
    (tmp_path / "summary.html").write_text(ca.summary_html(res, questions), encoding="utf-8")
    with serve(tmp_path) as url:
        page.goto(url + "summary.html")
        pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # page objects (not the /Pages tree)
    assert page.external_requests == []


def test_book_page_loads_the_module_as_a_file(specs):
    """In the book the page's module is the file _static/rs-classpage.mjs (strict CSP without a 44 KB hashed
    inline script); in Jupyter the output carries it inline."""
    book = classpage.page_html(specs, inline=False)
    assert '<script type="module">' not in book and 'id="rs-cr-specs"' in book
    assert '<script type="module">' in classpage.page_html(specs, inline=True)
    assert classpage.boot_module().rstrip().endswith("rsCrData.fields);") and "mountClassPage" in classpage.module_source()
