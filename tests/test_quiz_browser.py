"""Quizzes in a built static book, driven in headless Chromium: the small fixture book in
tests/fixtures/quizbook (every kind + an injection quiz) is built into a temporary folder and served on
127.0.0.1. Uses the ``browser``/``page``/``serve`` helpers of tests/conftest.py (a missing Chromium fails
under CI=true)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import IN_CI, serve
from russia_syria import quiz

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "quizbook"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KEY = "rsq:russia-syria:demo"
_spec = importlib.util.spec_from_file_location("quizbook_build", FIXTURE / "build.py")
fixture_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture_build)
# Serious axe findings in sphinx-book-theme's own page furniture, outside any quiz (site owner's side).
# One xdist worker runs this module: its tests share one fixture-book build.
pytestmark = pytest.mark.xdist_group("quizbook-browser")

THEME_AXE_ISSUES = {
    "label-content-name-mismatch": "header search button and theme switch: aria-label differs from visible text",
    "summary-name": "sidebar toctree toggle <summary> holds only an icon",
}


@pytest.fixture(scope="module")
def quizbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book built (warnings as errors) into a temporary folder; returns its HTML folder."""
    out = tmp_path_factory.mktemp("quizbook")
    result = fixture_build.build(fixture_build.prepare(out), out)
    if result.returncode != 0:
        pytest.fail(f"fixture book build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return out / "_build" / "html"


@pytest.fixture(scope="module")
def url(quizbook: Path):
    with serve(quizbook) as base:
        yield base


def open_demo(page, url: str) -> None:
    page.goto(url + "notebooks/demo.html")
    page.wait_for_selector("#rsq-demo fieldset")


def q(page, qid: str):
    return page.locator(f"#rsq-demo-{qid}")


def feedback(page, qid: str) -> str:
    return page.locator(f"#rsq-demo-{qid}-fb").inner_text()


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

def test_wrong_then_right_answer_gives_feedback(page, url):
    open_demo(page, url)
    q(page, "capital").get_by_label("Aleppo").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    text = feedback(page, "capital")
    assert "✘ Not quite" in text and "Aleppo is the largest northern city" in text
    link = page.locator("#rsq-demo-capital-fb a")
    assert link.get_attribute("href") == "../book/chapter.html#capital-city"
    q(page, "capital").get_by_label("Damascus").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    text = feedback(page, "capital")
    assert "✔ Correct." in text and "Damascus is the capital." in text and "first section names" in text
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 1 of 7 correct (6 not answered yet)."
    assert page.external_requests == [] and page.js_errors == []


def test_review_link_target_exists(page, url):
    page.goto(url + "book/chapter.html")
    assert page.locator("#capital-city").count() == 1


def test_reveal_and_retry(page, url):
    open_demo(page, url)
    q(page, "roles").get_by_role("button", name="Show answer").click()
    assert "The answer: Security Council → Votes on resolutions" in feedback(page, "roles")
    q(page, "count").get_by_label("Your answer (in rows)").fill("12")
    q(page, "count").get_by_role("button", name="Check answer").click()
    for qid in ("roles", "count"):  # questions without explanation: no stray "null"/"undefined" text
        assert not {"null", "undefined"} & set(feedback(page, qid).split()), feedback(page, qid)
    q(page, "sea").get_by_label("Your answer").fill("Black Sea")
    q(page, "sea").get_by_role("button", name="Check answer").click()
    assert "✘" in feedback(page, "sea")
    q(page, "sea").get_by_role("button", name="Try again").click()
    assert feedback(page, "sea") == "" and q(page, "sea").get_by_label("Your answer").input_value() == ""


def test_friendly_message_for_unreadable_number(page, url):
    open_demo(page, url)
    q(page, "count").get_by_label("Your answer (in rows)").fill("about a dozen")
    q(page, "count").get_by_label("Your answer (in rows)").press("Enter")
    assert "is not a number this quiz can read" in feedback(page, "count")
    q(page, "count").get_by_label("Your answer (in rows)").fill("1,2")  # decimal comma → 1.2: wrong, not an error
    q(page, "count").get_by_role("button", name="Check answer").click()
    assert "✘" in feedback(page, "count")
    q(page, "count").get_by_label("Your answer (in rows)").fill(" 12 ")
    q(page, "count").get_by_role("button", name="Check answer").click()
    assert "✔ Correct." in feedback(page, "count")
    assert page.js_errors == []


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_whole_quiz_by_keyboard_only(page, url):
    open_demo(page, url)
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


# ---------- progress ----------

def test_reload_keeps_progress(page, url):
    open_demo(page, url)
    q(page, "veto").get_by_label("False").check()
    q(page, "veto").get_by_role("button", name="Check answer").click()
    q(page, "sea").get_by_label("Your answer").fill("Mediterranean")
    q(page, "sea").get_by_role("button", name="Check answer").click()
    page.reload()
    page.wait_for_selector("#rsq-demo fieldset")
    assert q(page, "veto").get_by_label("False").is_checked()
    assert "✘" in feedback(page, "veto") and "✔ Correct." in feedback(page, "sea")
    assert q(page, "sea").get_by_label("Your answer").input_value() == "Mediterranean"
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 1 of 7 correct (5 not answered yet)."


@pytest.mark.parametrize("stored", ["{not json", "[]", '{"v": 1, "answers": null}', '{"v": 1, "answers": []}'])
def test_corrupted_storage_is_reset_with_a_note(page, url, stored):
    page.goto(url + "intro.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    open_demo(page, url)
    assert "could not be read, so they were reset" in page.locator("#rsq-demo-note").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) is None
    q(page, "capital").get_by_label("Damascus").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    assert "✔ Correct." in feedback(page, "capital")
    assert page.js_errors == []


def test_saved_answer_that_no_longer_fits_is_ignored(page, url):
    page.goto(url + "intro.html")
    bad = {"v": 1, "answers": {"capital": {"answer": 42}, "steps": {"answer": "x"}, "nope": {"answer": 1}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(bad)])
    open_demo(page, url)
    assert feedback(page, "capital") == "" and page.js_errors == []


def test_blocked_storage_still_grades(page, url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }})")
    open_demo(page, url)
    assert "does not let the page save answers" in page.locator("#rsq-demo-note").inner_text()
    q(page, "veto").get_by_label("True").check()
    q(page, "veto").get_by_role("button", name="Check answer").click()
    assert "✔ Correct." in feedback(page, "veto")


def test_export_produces_the_documented_file(page, url):
    open_demo(page, url)
    q(page, "capital").get_by_label("Damascus").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    q(page, "count").get_by_label("Your answer (in rows)").fill("1 2")
    q(page, "count").get_by_role("button", name="Check answer").click()
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


def test_progress_page_lists_status_exports_all_and_resets(page, url):
    open_demo(page, url)
    q(page, "capital").get_by_label("Damascus").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    page.goto(url + "book/progress.html")
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


# ---------- safety and accessibility ----------

def test_injection_strings_show_as_text_and_never_run(page, url):
    open_demo(page, url)
    page.wait_for_selector("#rsq-inject fieldset")
    box = page.locator("#rsq-inject")
    assert "<img src=x onerror=window.__pwned=1>" in page.locator("#rsq-inject-title").inner_text()
    assert "</script><script>window.__pwned=4</script>" in box.locator("legend").first.inner_text()
    box.get_by_label("<img src=x onerror=window.__pwned=5>").check()
    box.locator("#rsq-inject-q1 .rsq-check").click()
    assert "</script><script>window.__pwned=6</script><b>bold</b>" in page.locator("#rsq-inject-q1-fb").inner_text()
    box.locator("#rsq-inject-q1 .rsq-reveal").click()
    typed = "<img src=x onerror=window.__pwned=12></script><script>window.__pwned=13</script>"
    box.locator("#rsq-inject-q2-in").fill(typed)
    box.locator("#rsq-inject-q2 .rsq-check").click()
    box.locator("#rsq-inject-q2 .rsq-reveal").click()
    assert "<img src=x onerror=window.__pwned=11>" in page.locator("#rsq-inject-q2-fb").inner_text()
    page.wait_for_timeout(300)  # give any injected onerror handler time to fire
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".rsq img, .rsq script, .rsq iframe, .rsq svg, .rsq b").count() == 0
    assert page.js_errors == []


def test_accessible_markup(page, url):
    open_demo(page, url)
    for fs in page.locator("#rsq-demo fieldset").all():
        assert fs.locator("legend").count() == 1
        fb = fs.locator(".rsq-fb")
        assert fb.get_attribute("role") == "status" and fb.get_attribute("aria-live") == "polite"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('.rsq input, .rsq select')]
        .filter(e => !(e.labels && e.labels.length)).map(e => e.id)""")
    assert unlabelled == []


def test_axe_finds_no_serious_violation(browser, url):
    if not AXE.exists():
        message = "node_modules/axe-core missing: run `npm ci`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    # axe-core is added as an inline script, which the pages' own policy would block: this context bypasses it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for path in ("notebooks/demo.html", "book/progress.html"):
        page.goto(url + path)
        page.wait_for_selector(".rsq")
        # Show feedback of both kinds so that it is checked too.
        if path.startswith("notebooks"):
            q(page, "capital").get_by_label("Aleppo").check()
            q(page, "capital").get_by_role("button", name="Check answer").click()
            q(page, "sea").get_by_role("button", name="Check answer").click()
        page.add_script_tag(path=str(AXE))
        # 1. The quiz markup itself: no serious or critical violation at all.
        quiz_only = page.evaluate("async () => await axe.run({include: [['.rsq']]}, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in quiz_only["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)
        # 2. The whole page: only the theme's known issues (reported to the site owner), nothing new.
        page_all = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        unknown = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in page_all["violations"]
                   if v["impact"] in ("serious", "critical") and v["id"] not in THEME_AXE_ISSUES]
        assert unknown == [], (path, unknown)
        # Dark mode (the theme's toggle): the quiz takes the theme's colours, so its text and links stay readable.
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        dark = page.evaluate("async () => await axe.run({include: [['.rsq']]}, {runOnly: ['color-contrast']})")
        assert dark["violations"] == [], (path, [(n["target"], n["failureSummary"]) for v in dark["violations"] for n in v["nodes"]][:4])
    context.close()


# ---------- saved progress is input: hostile or careless storage never breaks the quiz ----------

def store(page, url, value: object) -> None:
    page.goto(url + "intro.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value if isinstance(value, str) else json.dumps(value)])


def answer_capital_correctly(page) -> None:
    q(page, "capital").get_by_label("Damascus").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()


def test_answer_stored_as_an_object_does_not_break_reload(page, url):
    store(page, url, {"v": 1, "answers": {
        "count": {"answer": {"toString": 1}, "text": {"toString": 1}, "correct": True},
        "sea": {"answer": {"valueOf": 1}}, "capital": {"answer": "1"}, "steps": {"answer": [{"toString": 1}]}}})
    open_demo(page, url)
    assert page.js_errors == []
    assert feedback(page, "count") == "" and q(page, "count").get_by_label("Your answer (in rows)").input_value() == ""
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (7 not answered yet)."
    answer_capital_correctly(page)
    assert "✔ Correct." in feedback(page, "capital") and page.js_errors == []


def test_null_entry_does_not_break_export(page, url):
    store(page, url, {"v": 1, "answers": {"sea": None, "veto": {"answer": True, "correct": True}}})
    open_demo(page, url)
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [(r["question"], r["correct"]) for r in data["answers"]] == [("veto", True)]
    page.goto(url + "book/progress.html")
    assert page.locator('tr[data-quiz="demo"] .rsq-status').inner_text() == "1 of 7 correct, 1 of 7 answered"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all my answers (JSON file)").click()
    assert len(json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]) == 1
    assert page.js_errors == []


def test_full_storage_says_the_answer_was_not_saved(page, url):
    page.add_init_script("const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { "
                         "if (String(k).startsWith('rsq:')) throw new DOMException('full', 'QuotaExceededError'); "
                         "return set.call(this, k, v); };")
    open_demo(page, url)
    answer_capital_correctly(page)
    text = feedback(page, "capital")
    assert "✔ Correct." in text and "Not saved" in text and "storage" in text
    assert "could not be saved" in page.locator("#rsq-demo-note").inner_text()
    assert page.js_errors == []


def test_newer_format_is_kept_and_the_page_says_it_is_older(page, url):
    newer = json.dumps({"v": 2, "answers": {"capital": {"answer": 1}}, "extra": "from a newer page"})
    store(page, url, newer)
    open_demo(page, url)
    assert "newer version of this course" in page.locator("#rsq-demo-note").inner_text()
    answer_capital_correctly(page)  # still graded, but never written over the newer data
    assert "Not saved" in feedback(page, "capital")
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer
    page.goto(url + "book/progress.html")
    assert "newer version" in page.locator('tr[data-quiz="demo"] .rsq-status').inner_text()
    page.get_by_role("button", name="Export all my answers (JSON file)").click()
    assert "Not included: demo" in page.locator(".rsq-export .rsq-note").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer and page.js_errors == []


def test_forged_correct_flags_are_regraded_everywhere(page, url):
    forged = {qid: {"answer": ans, "text": "forged", "correct": True, "timestamp": "2026-01-01T00:00:00.000Z"}
              for qid, ans in (("capital", 0), ("veto", False), ("count", "13"), ("sea", "Black Sea"))}
    forged["gone"] = {"answer": 1, "correct": True}  # a question no longer in the quiz
    store(page, url, {"v": 1, "answers": forged})
    open_demo(page, url)
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (3 not answered yet)."
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    rows = {r["question"]: r for r in json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]}
    assert {k: r["correct"] for k, r in rows.items()} == dict.fromkeys(("capital", "veto", "count", "sea", "gone"), False)
    assert rows["capital"]["answer_text"] == "Aleppo" and "no longer in the quiz" in rows["gone"]["note"]
    page.goto(url + "book/progress.html")
    assert page.locator('tr[data-quiz="demo"] .rsq-status').inner_text() == "0 of 7 correct, 4 of 7 answered"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all my answers (JSON file)").click()
    rows = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]
    assert [r["correct"] for r in rows] == [False] * 5
    assert page.js_errors == []


def test_proto_key_cannot_change_a_prototype(page, url):
    # Before: Object.assign made the entry the answers' prototype, so "capital" showed as answered.
    store(page, url, '{"v": 1, "answers": {"__proto__": {"answer": 0, "capital": {"answer": 1, "correct": true}}}}')
    open_demo(page, url)
    assert feedback(page, "capital") == ""
    assert page.locator("#rsq-demo-score").inner_text() == "Score: 0 of 7 correct (7 not answered yet)."
    answer_capital_correctly(page)
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert set(saved["answers"]) == {"__proto__", "capital"}  # the odd key is kept as data, nothing else
    assert page.evaluate("() => ({}).capital === undefined && Object.prototype.capital === undefined")
    assert page.js_errors == []


@pytest.mark.parametrize(("typed", "readings"), [("13.000", ("13000", "13")), ("1,500", ("1500", "1.5"))])
def test_locale_number_gets_guidance(page, url, typed, readings):
    open_demo(page, url)
    box = q(page, "count").get_by_label("Your answer (in rows)")
    box.fill(typed)
    box.press("Enter")
    text = feedback(page, "count")
    assert text.startswith("ℹ") and "can be read two ways" in text and all(r in text for r in readings), text
    assert page.locator("#rsq-demo-score").inner_text().endswith("(7 not answered yet).")


# ---------- strict Content-Security-Policy (bookbuild/csp.py) ----------

RECORD_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


def test_every_page_runs_under_the_strict_policy(browser, quizbook: Path, url):
    page = browser.new_page()
    page.add_init_script(RECORD_CSP)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    pages = sorted(p.relative_to(quizbook).as_posix() for p in quizbook.rglob("*.html") if "_static" not in p.parts)
    assert "notebooks/demo.html" in pages and "book/progress.html" in pages
    for path in pages:
        html = (quizbook / path).read_text(encoding="utf-8")
        meta = html.split('<meta http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
        assert meta.startswith("default-src 'self';") and "unsafe" not in meta, (path, meta)
        assert html.index("Content-Security-Policy") < html.find("<script") % len(html), path  # before what it governs
        assert ' onclick="' not in html and ' style="' not in html, path
        page.goto(url + path)
        page.wait_for_load_state("load")
        hosts = page.locator("[data-rsq-spec]").count()
        if hosts:
            page.wait_for_selector(f"[data-rsq-spec] .rsq >> nth={hosts - 1}")
            assert page.locator("[data-rsq-spec] > .rsq").count() == hosts, path
        page.wait_for_timeout(100)
        assert page.evaluate("window.__csp") == [] and console == [], (path, page.evaluate("window.__csp"), console)
    policy = (quizbook / "csp-policy.txt").read_text(encoding="utf-8")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    page.close()


def test_print_button_works_without_inline_handler(page, url):
    open_demo(page, url)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.locator('[data-csp-action="print"]').first.dispatch_event("click")
    assert page.evaluate("window.__printed") is True and page.js_errors == []


# ---------- feedback that teaches ----------

def test_review_link_shows_the_section_title(page, url):
    open_demo(page, url)
    q(page, "capital").get_by_label("Aleppo").check()
    q(page, "capital").get_by_role("button", name="Check answer").click()
    assert page.locator("#rsq-demo-capital-fb a").inner_text() == "The capital city"
    q(page, "steps").get_by_role("button", name="Show answer").click()  # no section: the chapter's title
    assert page.locator("#rsq-demo-steps-fb a").inner_text() == "A chapter"


def test_hint_after_a_wrong_number_only(page, url):
    open_demo(page, url)
    box = q(page, "count").get_by_label("Your answer (in rows)")
    box.fill("13")
    box.press("Enter")
    hint = page.locator("#rsq-demo-count-fb .rsq-hint")
    assert hint.inner_text() == "Hint: Count the rows that demo.head() would not show too."
    assert hint.locator("code").inner_text() == "demo.head()"
    box.fill("12")
    box.press("Enter")
    assert "✔ Correct." in feedback(page, "count") and hint.count() == 0


def test_code_in_explanations_is_code_and_stays_text(page, url):
    open_demo(page, url)
    q(page, "sea").get_by_label("Your answer").fill("Mediterranean")
    q(page, "sea").get_by_role("button", name="Check answer").click()
    codes = page.locator("#rsq-demo-sea-fb code").all_inner_texts()
    assert codes == ["sea", "<b>"] and page.locator("#rsq-demo-sea-fb b").count() == 0


def test_choose_all_marks_the_wrong_boxes(page, url):
    open_demo(page, url)
    box = q(page, "coast")
    box.get_by_label("Latakia").check()
    box.get_by_label("Homs").check()
    box.get_by_role("button", name="Check answer").click()
    marks = {lab.inner_text().strip().split(" ")[0]: lab.locator(".rsq-mark").inner_text().strip()
             for lab in box.locator("label").all() if lab.locator(".rsq-mark").count()}
    assert marks == {"Latakia": "✔ right", "Homs": "✘ wrong choice"}
    box.get_by_label("Homs").uncheck()  # changing an answer clears the old marks
    assert box.locator(".rsq-mark").count() == 0


# ---------- what the export records (#16): attempts and "Show answer" ----------

def test_export_records_attempts_and_revealed_answers(page, url):
    open_demo(page, url)
    count = q(page, "count").get_by_label("Your answer (in rows)")
    for typed in ("13", "twelve", "12"):  # an unreadable answer is not an attempt
        count.fill(typed)
        count.press("Enter")
    q(page, "sea").get_by_role("button", name="Show answer").click()
    q(page, "sea").get_by_label("Your answer").fill("Mediterranean")
    q(page, "sea").get_by_role("button", name="Check answer").click()
    page.reload()  # the record survives a reload
    page.wait_for_selector("#rsq-demo fieldset")
    with page.expect_download() as info:
        page.locator("#rsq-demo").get_by_role("button", name="Export my answers (JSON file)").click()
    rows = {r["question"]: r for r in json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"]}
    assert {k: (r["correct"], r["attempts"], r["revealed"]) for k, r in rows.items()} == {
        "count": (True, 2, False), "sea": (True, 1, True)}


# ---------- on a phone (390 px) ----------

def test_nothing_wider_than_a_phone_screen(browser, url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("notebooks/demo.html", "book/progress.html"):
        page.goto(url + path)
        page.wait_for_selector(".rsq")
        wide = page.evaluate("""() => [...document.querySelectorAll('.rsq, .rsq *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)""")
        assert wide == [], (path, wide[:5])
    page.close()
