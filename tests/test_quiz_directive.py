"""The quiz extension (bookbuild/quiz) in-process with sphinx.testing on a small fixture project: the {quiz}
directive renders a quiz from its file with the lab's glued values, each quiz file is parsed once per build, and
the printed (single-page) build shows questions instead of the widget."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bookbuild.quiz import source
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "quizdirective"
QUIZZES = ROOT / "tests" / "fixtures" / "quizbook" / "quizzes"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(QUIZZES))
    monkeypatch.syspath_prepend(str(ROOT))
    source.PARSES.clear()
    return src


def build(src: Path, builder: str = "html") -> SphinxTestApp:
    app = SphinxTestApp(buildername=builder, srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def spec_in(page: str, dom: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{dom}-spec">(.*?)</script>', page, re.S)
    assert match, dom
    return json.loads(match.group(1))


def test_directive_renders_from_the_file_with_glued_values(project: Path):
    app = build(project)
    assert app._warning.getvalue() == ""
    page = (Path(app.outdir) / "book" / "chapter.html").read_text(encoding="utf-8")
    spec = spec_in(page, "rsq-demo")
    count = next(q for q in spec["questions"] if q["id"] == "count")
    assert count["answer"] == 12 and count["hint"].startswith("Count the rows")
    capital = next(q for q in spec["questions"] if q["id"] == "capital")
    assert capital["section_title"] == "The capital city" and capital["link"] == "../book/chapter.html#capital-city"
    assert "_static/rsq-quiz.mjs" in page and '<script type="module">' not in page
    # The progress page re-grades with the same computed value.
    progress = spec_in((Path(app.outdir) / "book" / "progress.html").read_text(encoding="utf-8"), "rsq-progress")
    demo = next(q for q in progress["quizzes"] if q["id"] == "demo")
    assert next(q for q in demo["questions"] if q["id"] == "count")["answer"] == 12
    assert "prompt" not in demo["questions"][0]  # only what grading needs


def test_each_quiz_file_is_parsed_once_per_build(project: Path):
    build(project)
    assert dict(source.PARSES) == {"demo.yml": 1, "inject.yml": 1}


def test_missing_glued_value_is_a_clear_warning(project: Path):
    chapter = project / "book" / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(":prefix: demo_", ":prefix: ch09_"), encoding="utf-8")
    app = build(project)
    assert ("quizzes/demo.yml: needs the computed value 'n_rows': the lab 'notebooks/lab' glues no number named "
            "'ch09_n_rows'") in app._warning.getvalue()


def test_printed_course_shows_questions_not_the_widget(project: Path):
    app = build(project, "singlehtml")
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "data-rsq-spec" not in page.split('id="progress"')[0]
    assert "Which city is the capital of Syria?" in page and "☐ Damascus" in page
    assert "Answer: ______________ rows" in page
