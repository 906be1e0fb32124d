"""Quizzes in the built fixture book (see test_quiz_browser.py), in Chromium: progress saved in the browser,
hostile or careless saved state, and the exported answers file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizpage import KEY, QUIZBOOK_GROUP, answer, feedback, open_demo, q

pytestmark = QUIZBOOK_GROUP


# ---------- progress ----------

def test_reload_keeps_progress(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "veto", "False")
    answer(page, "sea", "Your answer", fill="Mediterranean")
    page.reload()
    page.wait_for_selector("#rsq-demo fieldset")
    assert q(page, "veto").get_by_label("False").is_checked()
    assert "✘" in feedback(page, "veto") and "✔ Correct." in feedback(page, "sea")
    assert q(page, "sea").get_by_label("Your answer").input_value() == "Mediterranean"
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 1 of 7 correct (5 not answered yet)."


@pytest.mark.parametrize("stored", ["{not json", "[]", '{"v": 1, "answers": null}', '{"v": 1, "answers": []}'])
def test_corrupted_storage_is_reset_with_a_note(page, quizbook_url, stored):
    page.goto(quizbook_url + "intro.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    open_demo(page, quizbook_url)
    assert "could not be read, so they were reset" in page.locator("#rsq-demo-note").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) is None
    answer(page, "capital", "Damascus")
    assert "✔ Correct." in feedback(page, "capital")
    assert page.js_errors == []


def test_saved_answer_that_no_longer_fits_is_ignored(page, quizbook_url):
    page.goto(quizbook_url + "intro.html")
    bad = {"v": 1, "answers": {"capital": {"answer": 42}, "steps": {"answer": "x"}, "nope": {"answer": 1}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(bad)])
    open_demo(page, quizbook_url)
    assert feedback(page, "capital") == "" and page.js_errors == []


def test_blocked_storage_still_grades(page, quizbook_url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }})")
    open_demo(page, quizbook_url)
    assert "does not let the page save answers" in page.locator("#rsq-demo-note").inner_text()
    answer(page, "veto", "True")
    assert "✔ Correct." in feedback(page, "veto")


def test_export_produces_the_documented_file(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "capital", "Damascus")
    answer(page, "count", "Your answer (in rows)", fill="1 2")
    box = page.locator("#rsq-demo")
    box.get_by_label("Your name for the exported file (optional)").fill("Test Student")
    with page.expect_download() as info:
        box.get_by_role("button", name="Export my answers (JSON file)").click()
    download = info.value
    assert download.suggested_filename == "russia-syria-demo-answers.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("format", "version", "course", "student", "quizzes")} == {
        "format": "russia-syria-quiz-progress", "version": 1, "course": "russia-syria",
        "student": "Test Student", "quizzes": ["demo"]}
    rows = {r["question"]: r for r in data["answers"]}
    assert set(rows) == {"capital", "count"}
    assert rows["capital"] | {"timestamp": None} == {"quiz": "demo", "question": "capital", "answer": 1,
                                                      "answer_text": "Damascus", "correct": True, "timestamp": None,
                                                      "attempts": 1, "revealed": False}
    assert rows["count"]["correct"] is True and rows["count"]["answer"] == "1 2"
    assert rows["capital"]["timestamp"].endswith("Z")
    import pandas as pd  # the teacher kit reads it like this (quizzes/README.md)
    frame = pd.DataFrame(data["answers"]).assign(course=data["course"], student=data["student"])
    assert frame["correct"].all() and list(frame["quiz"].unique()) == ["demo"]


def test_progress_page_lists_status_exports_all_and_resets(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "capital", "Damascus")
    page.goto(quizbook_url + "book/progress.html")
    row = page.locator('tr[data-quiz="demo"] .rsq-status')
    assert row.inner_text() == "1 of 7 correct, 1 of 7 answered"
    assert page.locator('tr[data-quiz="inject"] .rsq-status').inner_text() == "not started"
    assert page.locator('tr[data-quiz="demo"] a').get_attribute("href") == "../notebooks/demo.html"
    assert page.locator('tr[data-quiz="inject"] a').count() == 0  # its notebook is not in the book: no dead link
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all my answers (JSON file)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["quizzes"] == ["demo", "inject"] and len(data["answers"]) == 1
    page.get_by_role("button", name="Reset all progress").click()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) is not None  # nothing deleted before confirming
    page.get_by_role("button", name="Yes, delete all my saved answers").click()
    assert row.inner_text() == "not started"
    assert page.evaluate("k => localStorage.getItem(k)", KEY) is None
    assert page.external_requests == [] and page.js_errors == []


# ---------- saved progress is input: hostile or careless storage never breaks the quiz ----------

def store(page, quizbook_url, value: object) -> None:
    page.goto(quizbook_url + "intro.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value if isinstance(value, str) else json.dumps(value)])


def answer_capital_correctly(page) -> None:
    answer(page, "capital", "Damascus")


def test_answer_stored_as_an_object_does_not_break_reload(page, quizbook_url):
    store(page, quizbook_url, {"v": 1, "answers": {
        "count": {"answer": {"toString": 1}, "text": {"toString": 1}, "correct": True},
        "sea": {"answer": {"valueOf": 1}}, "capital": {"answer": "1"}, "steps": {"answer": [{"toString": 1}]}}})
    open_demo(page, quizbook_url)
    assert page.js_errors == []
    assert feedback(page, "count") == "" and q(page, "count").get_by_label("Your answer (in rows)").input_value() == ""
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (7 not answered yet)."
    answer_capital_correctly(page)
    assert "✔ Correct." in feedback(page, "capital") and page.js_errors == []


def test_null_entry_does_not_break_export(page, quizbook_url):
    store(page, quizbook_url, {"v": 1, "answers": {"sea": None, "veto": {"answer": True, "correct": True}}})
    open_demo(page, quizbook_url)
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [(r["question"], r["correct"]) for r in data["answers"]] == [("veto", True)]
    page.goto(quizbook_url + "book/progress.html")
    assert page.locator('tr[data-quiz="demo"] .rsq-status').inner_text() == "1 of 7 correct, 1 of 7 answered"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all my answers (JSON file)").click()
    assert len(json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]) == 1
    assert page.js_errors == []


def test_full_storage_says_the_answer_was_not_saved(page, quizbook_url):
    page.add_init_script("const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { "
                         "if (String(k).startsWith('rsq:')) throw new DOMException('full', 'QuotaExceededError'); "
                         "return set.call(this, k, v); };")
    open_demo(page, quizbook_url)
    answer_capital_correctly(page)
    text = feedback(page, "capital")
    assert "✔ Correct." in text and "Not saved" in text and "storage" in text
    assert "could not be saved" in page.locator("#rsq-demo-note").inner_text()
    assert page.js_errors == []


def test_newer_format_is_kept_and_the_page_says_it_is_older(page, quizbook_url):
    newer = json.dumps({"v": 2, "answers": {"capital": {"answer": 1}}, "extra": "from a newer page"})
    store(page, quizbook_url, newer)
    open_demo(page, quizbook_url)
    assert "newer version of this course" in page.locator("#rsq-demo-note").inner_text()
    answer_capital_correctly(page)  # still graded, but never written over the newer data
    assert "Not saved" in feedback(page, "capital")
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer
    page.goto(quizbook_url + "book/progress.html")
    assert "newer version" in page.locator('tr[data-quiz="demo"] .rsq-status').inner_text()
    page.get_by_role("button", name="Export all my answers (JSON file)").click()
    assert "Not included: demo" in page.locator(".rsq-export .rsq-note").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer and page.js_errors == []


def test_forged_correct_flags_are_regraded_everywhere(page, quizbook_url):
    forged = {qid: {"answer": ans, "text": "forged", "correct": True, "timestamp": "2026-01-01T00:00:00.000Z"}
              for qid, ans in (("capital", 0), ("veto", False), ("count", "13"), ("sea", "Black Sea"))}
    forged["gone"] = {"answer": 1, "correct": True}  # a question no longer in the quiz
    store(page, quizbook_url, {"v": 1, "answers": forged})
    open_demo(page, quizbook_url)
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (3 not answered yet)."
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    rows = {r["question"]: r for r in json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]}
    assert {k: r["correct"] for k, r in rows.items()} == dict.fromkeys(("capital", "veto", "count", "sea", "gone"), False)
    assert rows["capital"]["answer_text"] == "Aleppo" and "no longer in the quiz" in rows["gone"]["note"]
    page.goto(quizbook_url + "book/progress.html")
    assert page.locator('tr[data-quiz="demo"] .rsq-status').inner_text() == "0 of 7 correct, 4 of 7 answered"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all my answers (JSON file)").click()
    rows = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]
    assert [r["correct"] for r in rows] == [False] * 5
    assert page.js_errors == []


def test_proto_key_cannot_change_a_prototype(page, quizbook_url):
    # Before: Object.assign made the entry the answers' prototype, so "capital" showed as answered.
    store(page, quizbook_url, '{"v": 1, "answers": {"__proto__": {"answer": 0, "capital": {"answer": 1, "correct": true}}}}')
    open_demo(page, quizbook_url)
    assert feedback(page, "capital") == ""
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (7 not answered yet)."
    answer_capital_correctly(page)
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert set(saved["answers"]) == {"__proto__", "capital"}  # the odd key is kept as data, nothing else
    assert page.evaluate("() => ({}).capital === undefined && Object.prototype.capital === undefined")
    assert page.js_errors == []


@pytest.mark.parametrize(("typed", "readings"), [("13.000", ("13000", "13")), ("1,500", ("1500", "1.5"))])
def test_locale_number_gets_guidance(page, quizbook_url, typed, readings):
    open_demo(page, quizbook_url)
    box = q(page, "count").get_by_label("Your answer (in rows)")
    box.fill(typed)
    box.press("Enter")
    text = feedback(page, "count")
    assert text.startswith("ℹ") and "can be read two ways" in text and all(r in text for r in readings), text
    assert page.locator("#rsq-demo-score").inner_text().endswith("(7 not answered yet).")


# ---------- what the export records (#16): attempts and "Show answer" ----------

def test_export_records_attempts_and_revealed_answers(page, quizbook_url):
    open_demo(page, quizbook_url)
    count = q(page, "count").get_by_label("Your answer (in rows)")
    for typed in ("13", "twelve", "12"):  # an unreadable answer is not an attempt
        count.fill(typed)
        count.press("Enter")
    q(page, "sea").get_by_role("button", name="Show answer").click()
    answer(page, "sea", "Your answer", fill="Mediterranean")
    page.reload()  # the record survives a reload
    page.wait_for_selector("#rsq-demo fieldset")
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    rows = {r["question"]: r for r in json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]}
    assert {k: (r["correct"], r["attempts"], r["revealed"]) for k, r in rows.items()} == {
        "count": (True, 2, False), "sea": (True, 1, True)}
