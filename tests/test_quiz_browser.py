"""Quizzes in a built static book, driven in headless Chromium: the small fixture book in
tests/fixtures/quizbook (every kind + an injection quiz), built once and served on 127.0.0.1 (``quizbook``
and ``quizbook_url`` in tests/conftest.py; a missing Chromium fails under CI=true). This module: the built page,
answering (by mouse and by keyboard), feedback that teaches, and the phone layout."""

from __future__ import annotations

from pathlib import Path

from quizpage import QUIZBOOK_GROUP, answer, feedback, open_demo, q
from russia_syria import quiz

pytestmark = QUIZBOOK_GROUP


# ---------- the built page ----------

def test_page_has_no_widget_state_or_widget_manager(quizbook: Path):
    html = (quizbook / "notebooks" / "demo.html").read_text(encoding="utf-8")
    assert "data-rsq-spec" in html
    for absent in ("application/vnd.jupyter.widget-state+json", "require.min.js", "embed-amd", "jsdelivr", "cdnjs"):
        assert absent not in html, absent


def test_quiz_javascript_within_budget(quizbook: Path):
    # Same kind of page (a lab notebook with code cells), with and without quizzes.
    added = quiz.quiz_js_bytes(quizbook / "notebooks" / "demo.html", quizbook / "notebooks" / "plain.html")
    assert 0 < added <= quiz.BUDGET_BYTES, added
    assert added <= quiz.budget.module_bytes() + 100  # two quizzes on the page, the module once
    # Direct count (no baseline) agrees; the pages' own inline config differs by their names' length.
    assert abs(quiz.budget.page_quiz_js_bytes(quizbook / "notebooks" / "demo.html") - added) <= 16


# ---------- answering ----------

def test_wrong_then_right_answer_gives_feedback(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "capital", "Aleppo")
    text = feedback(page, "capital")
    assert "✘ Not quite" in text and "Aleppo is the largest northern city" in text
    link = page.locator("#rsq-demo-capital-fb a")
    assert link.get_attribute("href") == "../book/chapter.html#capital-city"
    answer(page, "capital", "Damascus")
    text = feedback(page, "capital")
    assert "✔ Correct." in text and "Damascus is the capital." in text and "first section names" in text
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 1 of 7 correct (6 not answered yet)."
    assert page.external_requests == [] and page.js_errors == []


def test_review_link_target_exists(page, quizbook_url):
    page.goto(quizbook_url + "book/chapter.html")
    assert page.locator("#capital-city").count() == 1


def test_reveal_and_retry(page, quizbook_url):
    open_demo(page, quizbook_url)
    q(page, "roles").get_by_role("button", name="Show answer").click()
    assert "The answer: Security Council → Votes on resolutions" in feedback(page, "roles")
    answer(page, "count", "Your answer (in rows)", fill="12")
    for qid in ("roles", "count"):  # questions without explanation: no stray "null"/"undefined" text
        assert not {"null", "undefined"} & set(feedback(page, qid).split()), feedback(page, qid)
    answer(page, "sea", "Your answer", fill="Black Sea")
    assert "✘" in feedback(page, "sea")
    q(page, "sea").get_by_role("button", name="Try again").click()
    assert feedback(page, "sea") == "" and q(page, "sea").get_by_label("Your answer").input_value() == ""


def test_friendly_message_for_unreadable_number(page, quizbook_url):
    open_demo(page, quizbook_url)
    q(page, "count").get_by_label("Your answer (in rows)").fill("about a dozen")
    q(page, "count").get_by_label("Your answer (in rows)").press("Enter")
    assert "is not a number this quiz can read" in feedback(page, "count")
    q(page, "count").get_by_label("Your answer (in rows)").fill("1,2")  # decimal comma → 1.2: wrong, not an error
    q(page, "count").get_by_role("button", name="Check answer").click()
    assert "✘" in feedback(page, "count")
    answer(page, "count", "Your answer (in rows)", fill=" 12 ")
    assert "✔ Correct." in feedback(page, "count")
    assert page.js_errors == []


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_whole_quiz_by_keyboard_only(page, quizbook_url):
    open_demo(page, quizbook_url)
    page.locator("#rsq-demo-capital-o0").focus()  # start in the quiz; from here on, keys only
    kb = page.keyboard
    kb.press("ArrowDown")  # radio group: moves to and selects "Damascus"
    tab_to(page, "#rsq-demo-capital .rsq-check")
    kb.press("Enter")
    tab_to(page, "#rsq-demo-coast-o0")
    kb.press("Space")
    kb.press("Tab")
    kb.press("Space")
    tab_to(page, "#rsq-demo-coast .rsq-check")
    kb.press("Enter")
    tab_to(page, "#rsq-demo-veto-o0")
    kb.press("Space")
    tab_to(page, "#rsq-demo-veto .rsq-check")
    kb.press("Enter")
    tab_to(page, "#rsq-demo-count-in")
    kb.type("12")
    kb.press("Enter")
    tab_to(page, "#rsq-demo-sea-in")
    kb.type("mediterranean sea")
    kb.press("Enter")
    # Order: shown shuffled; move items with the Up buttons until the order is right.
    items = ["First", "Second", "Third"]
    for target, name in enumerate(items):
        for _ in range(3):
            current = page.locator("#rsq-demo-steps-list li span").all_inner_texts()
            pos = [t.strip() for t in current].index(name)
            if pos == target:
                break
            tab_to(page, f'#rsq-demo-steps-list button[data-pos="{pos}"][data-dir="up"]')
            kb.press("Enter")
    assert [t.strip() for t in page.locator("#rsq-demo-steps-list li span").all_inner_texts()] == items
    assert "is now number" in page.locator("#rsq-demo-steps .rsq-note").inner_text()
    tab_to(page, "#rsq-demo-steps .rsq-check")
    kb.press("Enter")
    # Match: each select by keyboard (type the first letters of the right option).
    for i, right in enumerate(["Votes", "Runs", "Gathers"]):
        tab_to(page, f"#rsq-demo-roles-m{i}")
        kb.type(right)
    tab_to(page, "#rsq-demo-roles .rsq-check")
    kb.press("Enter")
    for qid in ("capital", "coast", "veto", "count", "sea", "steps", "roles"):
        assert "✔ Correct." in feedback(page, qid), (qid, feedback(page, qid))
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 7 of 7 correct."
    assert page.js_errors == []


# ---------- feedback that teaches ----------

def test_review_link_shows_the_section_title(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "capital", "Aleppo")
    assert page.locator("#rsq-demo-capital-fb a").inner_text() == "The capital city"
    q(page, "steps").get_by_role("button", name="Show answer").click()  # no section: the chapter's title
    assert page.locator("#rsq-demo-steps-fb a").inner_text() == "A chapter"


def test_hint_after_a_wrong_number_only(page, quizbook_url):
    open_demo(page, quizbook_url)
    box = q(page, "count").get_by_label("Your answer (in rows)")
    box.fill("13")
    box.press("Enter")
    hint = page.locator("#rsq-demo-count-fb .rsq-hint")
    assert hint.inner_text() == "Hint: Count the rows that demo.head() would not show too."
    assert hint.locator("code").inner_text() == "demo.head()"
    box.fill("12")
    box.press("Enter")
    assert "✔ Correct." in feedback(page, "count") and hint.count() == 0


def test_code_in_explanations_is_code_and_stays_text(page, quizbook_url):
    open_demo(page, quizbook_url)
    answer(page, "sea", "Your answer", fill="Mediterranean")
    codes = page.locator("#rsq-demo-sea-fb code").all_inner_texts()
    assert codes == ["sea", "<b>"] and page.locator("#rsq-demo-sea-fb b").count() == 0


def test_choose_all_marks_the_wrong_boxes(page, quizbook_url):
    open_demo(page, quizbook_url)
    box = q(page, "coast")
    box.get_by_label("Latakia").check()
    box.get_by_label("Homs").check()
    box.get_by_role("button", name="Check answer").click()
    marks = {lab.inner_text().strip().split(" ")[0]: lab.locator(".rsq-mark").inner_text().strip()
             for lab in box.locator("label").all() if lab.locator(".rsq-mark").count()}
    assert marks == {"Latakia": "✔ right", "Homs": "✘ wrong choice"}
    box.get_by_label("Homs").uncheck()  # changing an answer clears the old marks
    assert box.locator(".rsq-mark").count() == 0


# ---------- on a phone (390 px) ----------

def test_nothing_wider_than_a_phone_screen(browser, quizbook_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("notebooks/demo.html", "book/progress.html"):
        page.goto(quizbook_url + path)
        page.wait_for_selector(".rsq")
        wide = page.evaluate("""() => [...document.querySelectorAll('.rsq, .rsq *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)""")
        assert wide == [], (path, wide[:5])
    page.close()
