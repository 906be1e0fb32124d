"""The quiz object in a kernel: an anywidget whose answers reach Python; stable, safe static HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import anywidget
import pytest

from russia_syria import quiz
from russia_syria.quiz import render

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_QUIZZES = ROOT / "tests" / "fixtures" / "quizbook" / "quizzes"
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def fixture_quizzes(monkeypatch):
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(FIXTURE_QUIZZES))


def test_show_is_an_anywidget_with_html_fallback():
    q = quiz.show("demo", values={"n_rows": 12})
    assert isinstance(q.widget, anywidget.AnyWidget)
    assert "russia-syria-quiz (quiz.mjs)" in q.widget._esm
    bundle = q._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", VIEW}
    assert bundle[VIEW]["model_id"] == q.widget.model_id
    assert bundle["text/plain"] == "Quiz 'demo': Demo quiz with every kind (7 questions)"


def test_answers_set_by_the_front_end_reach_python():
    q = quiz.show("demo", values={"n_rows": 12})
    assert q.results()["correct"].isna().all()
    # What quiz.mjs's render() writes through model.set("answers", ...) + save_changes():
    q.widget.answers = {
        "capital": {"answer": 1, "text": "Damascus", "correct": True, "timestamp": "2026-01-01T00:00:00Z",
                    "attempts": 2, "revealed": True},
        "count": {"answer": "13", "text": "13", "correct": False, "timestamp": "2026-01-01T00:01:00Z"},
    }
    res = q.results().set_index("question")
    assert list(res.index) == ["capital", "coast", "veto", "count", "sea", "steps", "roles"]
    assert bool(res.loc["capital", "correct"]) is True and bool(res.loc["count", "correct"]) is False
    assert res.loc["capital", "answer"] == "Damascus"
    assert res.loc["capital", "attempts"] == 2 and res.loc["capital", "revealed"] is True  # "Show answer" used
    assert q.score() == (1, 7)


def test_widget_spec_links_to_chapter_source_and_html_links_to_page():
    q = quiz.show("demo", values={"n_rows": 12})
    assert q.widget.spec["questions"][0]["link"] == "../book/chapter.md"
    html = q.to_html()
    spec = json.loads(re.search(r'<script type="application/json" id="rsq-demo-spec">(.*?)</script>', html).group(1))
    assert spec["questions"][0]["link"] == "../book/chapter.html#capital-city"


def test_output_is_deterministic():
    a = quiz.show("demo", values={"n_rows": 12})
    b = quiz.show("demo", values={"n_rows": 12})
    assert a.to_html() == b.to_html()
    assert repr(a) == repr(b) and "0x" not in repr(a) and "0x" not in repr(a.widget)
    assert not re.search(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-", a.to_html() + b.to_html())  # no uuids


def test_every_output_carries_the_module():
    """Each output works alone (any HTML front end); the book build keeps one module per page."""
    first = quiz.show("demo", values={"n_rows": 12}).to_html()
    again = quiz.show("demo", values={"n_rows": 12}).to_html()
    assert first.count('<script type="module">') == 1 and again.count('<script type="module">') == 1


def test_injection_strings_cannot_leave_the_json_block():
    html = quiz.show("inject").to_html()
    # The only tags are ours: the placeholder div/p and two script elements (JSON + module).
    data_block = html.split('<script type="application/json" id="rsq-inject-spec">')[1].split("</script>")[0]
    assert "<" not in data_block and ">" not in data_block
    assert "\\u003c/script\\u003e" in data_block
    assert json.loads(data_block)["questions"][0]["options"][0]["text"] == "<img src=x onerror=window.__pwned=5>"
    fallback = html.split("</p>")[0]
    assert "<img" not in fallback and "&lt;img" in fallback


def test_module_has_no_innerhtml_and_can_be_inlined():
    src = render.js_source()
    code = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith("//"))
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code
    assert "</script" not in src.lower() and "<!--" not in src


def test_module_within_budget():
    assert quiz.budget.module_bytes() <= quiz.BUDGET_BYTES


def test_answer_key_dataframe_and_markdown():
    key = quiz.answer_key("demo", {"n_rows": 12})
    assert list(key["answer"])[:4] == ["Damascus", "Latakia; Tartus", "True", "12 rows"]
    unfilled = quiz.answer_key("demo")
    assert unfilled.loc[3, "answer"] == "computed in the notebook (n_rows)"
    md = quiz.answer_key_markdown("inject")
    # no raw HTML in a guide page (russia_syria.markdown.escape_markdown: every ASCII punctuation escaped)
    assert "<img" not in md and r"&lt;img src\=x onerror\=window\.\_\_pwned\=5&gt;" in md
    assert md.startswith("| # | Question | Kind | Answer | Why |")


def test_packaged_quiz_folder_is_found(monkeypatch):
    monkeypatch.delenv("RUSSIA_SYRIA_QUIZZES")
    folder = quiz.quiz_dir()
    assert folder.name in {"quizzes", "_quizzes"} and (folder / "README.md").is_file()
