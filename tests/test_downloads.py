"""The teacher's downloads and the printables agree (#18).

- The answer key gives ordering and matching answers in the quiz sheets' own (shuffled) numbers and letters, read
  back here from the printed sheet's HTML, so no answer is translated by hand; it carries the exercise solutions.
- ``bookbuild.downloads`` puts the three PDFs into the site, the teacher's guide links each of them, and no page a
  student edition contains links the answer key.
The printed PDFs themselves are checked in test_pdf.py and, as links of the built site, in test_links.py.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest
from bookbuild import downloads, teacher, toc

from test_student import _fixture

ROOT = Path(__file__).resolve().parents[1]

QUIZ = textwrap.dedent("""\
    id: ch01
    title: Fixture printables quiz
    chapter: book/01_reading_the_source
    questions:
      - id: sequence
        kind: order
        prompt: Put the fixture events in order.
        items: [Event first, Event second, Event third, Event fourth, Event fifth]
      - id: pairs
        kind: match
        prompt: Match the fixture pairs.
        pairs:
          - {left: Left one, right: Right one}
          - {left: Left two, right: Right two}
          - {left: Left three, right: Right three}
          - {left: Left four, right: Right four}
""")


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _fixture(src)  # a chapter whose lab has a gated exercise solution
    (src / "quizzes").mkdir()
    (src / "quizzes" / "01_reading_the_source.yml").write_text(QUIZ, encoding="utf-8")
    return src


def test_key_uses_the_sheets_numbers_for_ordering(book):
    sheet, key = teacher.quiz_sheets_html(book), teacher.answer_key_html(book)
    # The sheet: "___ Event third" lines, in the sheet's shuffled order.
    listed = re.findall(r"<li>___ (Event \w+)</li>", sheet)
    items = ["Event first", "Event second", "Event third", "Event fourth", "Event fifth"]
    assert sorted(listed) == sorted(items) and listed != items
    # The key: the same lines, in the same order, each with the number a student writes beside it.
    assert re.findall(r"\d  Event \w+", key) == [f"{items.index(t) + 1}  {t}" for t in listed]


def test_key_uses_the_sheets_letters_for_matching(book):
    sheet, key = teacher.quiz_sheets_html(book), teacher.answer_key_html(book)
    rows = re.findall(r"<tr><td>(Left \w+)</td><td>___</td><td>([A-D])\. (Right \w+)</td></tr>", sheet)
    assert len(rows) == 4
    letter_of = {right: letter for _left, letter, right in rows}
    assert [r for _l, _x, r in rows] != ["Right one", "Right two", "Right three", "Right four"]  # shuffled
    for word in ("one", "two", "three", "four"):
        line = f"Left {word} → {letter_of[f'Right {word}']} (Right {word})"
        assert html.escape(line) in key, line
    assert "Left one → Right one" not in html.unescape(key)  # the old full-text form, translated by hand


def test_course_pdf_prints_the_sheets_order(book):
    """course.pdf (the quiz printed by the {quiz} directive) lists ordering items and matching letters as the sheets
    do, so one answer key serves both."""
    import yaml
    from bookbuild.quiz import printable

    spec = yaml.safe_load(QUIZ)
    printed = printable.questions(spec).astext()
    sheet = teacher.quiz_sheets_html(book)
    order = re.findall(r"<li>___ (Event \w+)</li>", sheet)
    assert re.findall(r"___ (Event \w+)", printed) == order
    letters = re.findall(r"<td>([A-D])\. (Right \w+)</td>", sheet)
    assert re.findall(r"([A-D])\. (Right \w+)", printed) == letters


def test_key_includes_the_exercise_solutions(book):
    key = html.unescape(teacher.answer_key_html(book))
    assert "Exercise solutions" in key and "Exercise ex-lab" in key
    assert "Fixture gated solution prose." in key and "fixture_gated_solution_value = 6 * 7" in key
    assert "fixture_gated_solution_value" not in html.unescape(teacher.quiz_sheets_html(book))


def test_publish_copies_the_pdfs_into_the_site(tmp_path):
    pdfs, site = tmp_path / "pdf", tmp_path / "html"
    pdfs.mkdir()
    site.mkdir()
    with pytest.raises(FileNotFoundError, match="no built site"):
        downloads.publish(pdfs, site)
    (site / "index.html").write_text("<p>site</p>", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="missing course.pdf, quiz-sheets.pdf, answer-key.pdf"):
        downloads.publish(pdfs, site)
    for name in downloads.FILES:
        (pdfs / name).write_bytes(b"%PDF " + name.encode())
    copies = downloads.publish(pdfs, site)
    assert [c.read_bytes() for c in copies] == [b"%PDF " + n.encode() for n in downloads.FILES]
    assert [c.parent for c in copies] == [site / "downloads"] * 3


def test_teachers_guide_links_every_download():
    page = (ROOT / "book" / "teachers" / "index.md").read_text(encoding="utf-8")
    for name in downloads.FILES:
        assert f'href="../../downloads/{name}"' in page, name
    assert "make pdf" not in page and "make student" not in page  # a teacher never runs make


def test_no_student_page_links_the_answer_key():
    """The student edition leaves out book/teachers/; no other page, template or notebook may link the key."""
    student_pages = [ROOT / f"{p}{ext}" for p in toc.pages(ROOT) if not p.startswith("book/teachers/")
                     for ext in (".md", ".ipynb") if (ROOT / f"{p}{ext}").is_file()]
    student_pages += sorted((ROOT / "_templates").rglob("*.html"))
    assert len(student_pages) > 10
    assert [p.name for p in student_pages if "answer-key" in p.read_text(encoding="utf-8")] == []
