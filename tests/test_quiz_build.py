"""The book build and quiz files: an edited quiz file reaches the page even when the notebook's outputs
come from the execution cache; a broken quiz file fails the build naming the file and the question."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "quizbook"


def build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    shutil.rmtree(out / "_build" / "html", ignore_errors=True)  # keep doctrees + execution cache
    env = {**os.environ, "RUSSIA_SYRIA_QUIZZES": str(src / "quizzes")}
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(src), "--path-output", str(out),
           "-W", "-n", "--keep-going"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out)


@pytest.fixture(scope="module")
def cached_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("cachedbook")
    src = out / "src"
    shutil.copytree(FIXTURE, src)
    config = src / "_config.yml"
    config.write_text(config.read_text().replace("execute_notebooks: force", "execute_notebooks: cache"))
    first = build(src, out)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    return src, out


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


def test_broken_quiz_file_fails_the_build(cached_book):
    src, out = cached_book
    demo = src / "quizzes" / "demo.yml"
    good = demo.read_text()
    try:
        demo.write_text(good.replace("        correct: true\n        feedback: Damascus is the capital.",
                                     "        feedback: Damascus is the capital."))
        result = build(src, out)
        assert result.returncode != 0
        log = result.stdout + result.stderr
        assert "quizzes/demo.yml, question 'capital': no option is marked `correct: true`" in log
    finally:
        demo.write_text(good)
