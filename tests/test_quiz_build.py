"""The book build and quiz files: a rebuild that reads no page keeps the computed answers; an edited quiz file
reaches the page even when the notebook's outputs come from the execution cache; a broken quiz file fails the
build naming the file and the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizpage import fixture_build

build = fixture_build.build


# One xdist worker runs this module: its tests share one fixture-book build.
pytestmark = pytest.mark.xdist_group("quizbook-build")

@pytest.fixture(scope="module")
def cached_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("cachedbook")
    src = fixture_build.prepare(out, execute="cache")
    first = build(src, out)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    return src, out


def test_rebuild_reading_no_page_keeps_computed_answers(cached_book):
    """A second `make book` empties the HTML folder and keeps the saved environment: Sphinx then reads no page,
    and the computed answers must come from that environment, not from a step it skips (they were once null)."""
    src, out = cached_book
    again = build(src, out)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "0 added, 0 changed, 0 removed" in again.stdout
    html = out / "_build" / "html"
    assert '"answer":12' in (html / "notebooks" / "demo.html").read_text(encoding="utf-8")
    progress = (html / "book" / "progress.html").read_text(encoding="utf-8")
    assert '"answer":12' in progress and '"answer":null' not in progress


def test_edited_quiz_file_reaches_cached_page(cached_book):
    src, out = cached_book
    page = out / "_build" / "html" / "notebooks" / "demo.html"
    assert "Which city is the capital of Syria?" in page.read_text(encoding="utf-8")
    demo = src / "quizzes" / "demo.yml"
    demo.write_text(demo.read_text().replace("Which city is the capital of Syria?", "Name the capital of Syria."))
    (src / "quizzes" / "extra.yml").write_text(
        "id: extra\ntitle: A new chapter quiz\nchapter: book/chapter\nquestions:\n"
        "  - {id: a, kind: truefalse, prompt: 'Is it new?', answer: true}\n")
    again = build(src, out)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "Using cached notebook" in again.stdout and "Executing notebook" not in again.stdout
    html = page.read_text(encoding="utf-8")
    assert "Name the capital of Syria." in html and "Which city is the capital" not in html
    assert '"answer":12' in html  # the value the notebook computed is kept
    assert "A new chapter quiz" in (out / "_build" / "html" / "book" / "progress.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param("        correct: true\n        feedback: Damascus is the capital.",
                 "        feedback: Damascus is the capital.",
                 "quizzes/demo.yml, question 'capital': no option is marked `correct: true`", id="no-correct-option"),
    pytest.param("section: capital-city", "section: no-such-section",
                 "quizzes/demo.yml, question 'capital': `section` 'no-such-section' is not an anchor in book/chapter",
                 id="review-link-to-missing-anchor"),
])
def test_broken_quiz_file_fails_the_build(cached_book, old, new, message):
    src, out = cached_book
    demo = src / "quizzes" / "demo.yml"
    good = demo.read_text()
    try:
        demo.write_text(good.replace(old, new))
        result = build(src, out)
        assert result.returncode != 0
        log = result.stdout + result.stderr
        assert message in log
    finally:
        demo.write_text(good)


def test_progress_page_is_reread_only_when_quiz_files_come_or_go(tmp_path, monkeypatch):
    from bookbuild.quiz import source

    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(tmp_path))
    (tmp_path / "01_a.yml").write_text("id: a\n", encoding="utf-8")
    env = type("Env", (), {"rsq_progress_docs": {"book/progress"}, "rsq_quiz_files": ("01_a.yml",)})()
    assert source.progress_outdated(None, env, set(), set(), set()) == []  # edits: note_dependency's job
    (tmp_path / "02_b.yml").write_text("id: b\n", encoding="utf-8")
    assert source.progress_outdated(None, env, set(), set(), set()) == ["book/progress"]
    env.rsq_quiz_files = ("01_a.yml", "02_b.yml")
    env.rsq_values = {"notebooks/01_a": {"01_a": {"n": 1}}}
    assert source.progress_outdated(None, env, set(), set(), set()) == []
    assert source.progress_outdated(None, env, set(), {"notebooks/01_a"}, set()) == ["book/progress"]  # values
    (tmp_path / "02_b.yml").unlink()
    (tmp_path / "01_a.yml").unlink()
    assert source.progress_outdated(None, env, set(), set(), set()) == ["book/progress"]


def test_printed_course_shows_quizzes_as_questions(cached_book):
    """The course PDF is printed from the single-page build: a lab's quiz prints as numbered questions, without
    the quiz.show(...) code or the widget (the HTML pages keep the interactive quiz, rendered by the directive that
    replaces the cell tagged ``quiz``)."""
    import os
    import subprocess
    import sys

    src, out = cached_book
    env = {**os.environ, "RUSSIA_SYRIA_QUIZZES": str(src / "quizzes")}
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(src), "--path-output", str(out),
           "--builder", "singlehtml", "-W", "-n", "--keep-going"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    page = (out / "_build" / "singlehtml" / "intro.html").read_text(encoding="utf-8")
    assert "quiz.show" not in page and "widget-view" not in page and 'id="rsq-demo-spec"' not in page
    assert 'class="rsq-print' in page and "☐ Damascus" in page and "Answer: ______________ rows" in page
    html = (out / "_build" / "html" / "notebooks" / "demo.html").read_text(encoding="utf-8")
    assert 'id="rsq-demo-spec"' in html and "demo&#39;, values" not in html  # the web: the quiz, not its code
    assert 'id="rsq-inject-spec"' in html and "quiz.show" not in html
    assert "widget-state" not in html and "widget-view" not in html  # no kernel widget reaches the page
