"""The printable course: course.pdf, quiz-sheets.pdf and answer-key.pdf exist and hold every chapter's title.

Text is read back with ``pdftotext`` (Debian's poppler-utils; ``make poppler`` installs it). Titles come from the
chapters' pages and quiz files, never typed here. A fixture book makes sure the quiz sheets and the key are
checked on a real quiz even while the course has none.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bookbuild import chromium, teacher

from conftest import BUILDS, TEST_BUILD_DIR, TEST_CACHE
from russia_syria import quiz
from test_site import PLUMBING
from test_student import STUDENT_OUT, _fixture

ROOT = Path(__file__).resolve().parents[1]


def pdf_text(pdf: Path) -> str:
    """The PDF's text with whitespace runs collapsed (titles may wrap over lines)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run `make poppler` (Debian package poppler-utils)")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def flat(text: str) -> str:
    return " ".join(text.split())


def build_pdfs(source: Path, output: Path, cache: Path, env: dict[str, str] | None = None,
               site: Path | None = None) -> None:
    """Print the PDFs (``bookbuild.pdf``); with ``site``, as ``make book`` does (``bookbuild.downloads``): also
    copy them into the built site's downloads/."""
    if chromium.missing():
        pytest.fail(chromium.missing())
    env = {**(env or os.environ), "PYTHONPATH": str(ROOT)}  # bookbuild/ is importable from the repository only
    step = ["bookbuild.downloads", "--site", str(site), "--pdf"] if site else ["bookbuild.pdf", "--output"]
    result = subprocess.run([sys.executable, "-m", *step, str(output), "--source", str(source), "--cache", str(cache)],
                            capture_output=True, text=True, cwd=source, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for name in ("course", "quiz-sheets", "answer-key"):
        assert (output / f"{name}.pdf").stat().st_size > 1000, name


QUIZ = textwrap.dedent("""\
    id: ch01
    title: Fixture quiz sheet
    chapter: book/01_reading_the_source
    questions:
      - id: genre
        kind: single
        prompt: Which fixture option is right?
        options:
          - text: Option wrong
          - text: Option right
            correct: true
        explanation: Fixture explanation only in the key.
      - id: year
        kind: numeric
        prompt: Which fixture year?
        answer: 1944
""")


@pytest.mark.book  # builds and prints a small book of its own
def test_pdfs_of_a_fixture_book(tmp_path):
    src = tmp_path / "src"
    _fixture(src)
    (src / "quizzes").mkdir()
    (src / "quizzes" / "01_reading_the_source.yml").write_text(QUIZ, encoding="utf-8")
    build_pdfs(src, tmp_path / "pdf", tmp_path / "cache")
    course = pdf_text(tmp_path / "pdf" / "course.pdf")
    assert "Fixture chapter one" in course and "Fixture lab one" in course
    assert "fixture_gated_solution_value" not in course and "Fixture teacher page" not in course
    sheets = pdf_text(tmp_path / "pdf" / "quiz-sheets.pdf")
    key = pdf_text(tmp_path / "pdf" / "answer-key.pdf")
    assert "Fixture chapter one" in sheets and "Which fixture option is right?" in sheets
    assert "Fixture explanation only in the key." not in sheets and "1944" not in sheets
    assert "Fixture chapter one" in key and "Fixture explanation only in the key." in key and "1944" in key
    assert "fixture_gated_solution_value = 6 * 7" in key  # the exercise solutions are in the key


PDF_OUT = STUDENT_OUT.parent


@BUILDS.after_book("course_pdfs")
def _build_course_pdfs() -> str:
    # `make book`'s second step, on the test build: print from its cache, then copy into its site's downloads/
    # (which test_links.py then finds linked from the teacher's guide). After the student edition, whose saved
    # environment the single-page build reuses.
    BUILDS.result("student_site")
    build_pdfs(ROOT, PDF_OUT, TEST_CACHE, env=BUILDS.env, site=TEST_BUILD_DIR / "_build" / "html")
    return str(PDF_OUT)


@pytest.fixture(scope="module")
def course_pdfs(book_build: subprocess.CompletedProcess[str]) -> Path:
    """The course's three PDFs, printed in the background once the book (and its cache) is built, and copied
    into the test site's downloads/."""
    return Path(BUILDS.result("course_pdfs"))


def test_course_pdf_has_every_chapter(course_pdfs):
    text = pdf_text(course_pdfs / "course.pdf")
    titles = [teacher.chapter_title(slug, ROOT) for slug in teacher.toc_chapters(ROOT)]
    assert [t for t in titles if flat(t) not in text] == []
    assert "Data appendix" in text  # the appendices come after the chapters
    # The labs' figures are printed too (a wrong relative path to _images/ silently drops them all).
    images = subprocess.run(["pdfimages", "-list", str(course_pdfs / "course.pdf")], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    figures = sum(len(list((ROOT / "notebooks").glob(f"{s}.ipynb"))) for s in teacher.toc_chapters(ROOT))
    assert len(images) >= figures  # every lab has at least one figure
    # The printed course is the student edition: no teacher page (titles read from the pages).
    sessions = [line[2:].strip() for page in (ROOT / "book" / "teachers").glob("0*.md")
                for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    assert len(sessions) == 8 and [t for t in sessions if flat(t) in text] == []


def test_course_pdf_shows_no_plumbing(course_pdfs):
    text = pdf_text(course_pdfs / "course.pdf")
    assert [p for p in PLUMBING if p in text] == []


def test_course_pdf_prints_quizzes_as_questions_not_code(course_pdfs):
    text = pdf_text(course_pdfs / "course.pdf")
    # No quiz cell printed as code: a call with arguments (prose may name the function, as "quiz.show()").
    assert re.findall(r"quiz\.(?:show|render)\(\s*[^)\s][^)]{0,40}", text) == []
    for slug in teacher.toc_chapters(ROOT):
        if (ROOT / "quizzes" / f"{slug}.yml").is_file():
            spec = quiz.load(str(ROOT / "quizzes" / f"{slug}.yml"))
            assert flat(spec["title"]) in text, slug
            missing = [q["id"] for q in spec["questions"] if flat(q["prompt"])[:40] not in text]
            assert missing == [], f"{slug}: questions not printed in course.pdf: {missing}"


def test_quiz_sheets_and_key_cover_every_quiz(course_pdfs):
    sheets = pdf_text(course_pdfs / "quiz-sheets.pdf")
    key = pdf_text(course_pdfs / "answer-key.pdf")
    for slug in teacher.toc_chapters(ROOT):
        if (ROOT / "quizzes" / f"{slug}.yml").is_file():
            title = flat(teacher.chapter_title(slug, ROOT) or slug)
            assert title in sheets and title in key, slug
            spec = quiz.load(str(ROOT / "quizzes" / f"{slug}.yml"))
            first = spec["questions"][0]
            assert flat(first["prompt"])[:40] in sheets, slug


def progress_spec(page: Path) -> dict:
    """The quiz specs the progress page carries (inert JSON), by quiz id."""
    text = page.read_text(encoding="utf-8")
    start = text.index('id="rsq-progress-spec">') + len('id="rsq-progress-spec">')
    return {q["id"]: q for q in json.loads(text[start:text.index("</script>", start)])["quizzes"]}


def test_single_page_build_that_reads_no_page_keeps_the_computed_answers(course_pdfs):  # noqa: F811
    """The printed course is built from the student edition's saved environment and reads no page: its quizzes
    must carry the same computed answers as the student edition's (they were once all null)."""
    printed = progress_spec(STUDENT_OUT / "singlehtml" / "book" / "intro.html")
    site = progress_spec(STUDENT_OUT / "html" / "book" / "progress.html")
    assert "0 added, 0 changed, 0 removed" in (STUDENT_OUT / "build-singlehtml.log").read_text(encoding="utf-8")
    assert printed == site
    numeric = [q.get("answer") for spec in site.values() for q in spec["questions"] if q["kind"] == "numeric"]
    assert numeric and None not in numeric
