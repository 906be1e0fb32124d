"""The teacher's guide generator: chapters from the TOC, solutions from notebooks, keys from quiz files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest
from bookbuild import teacher

SLUG = "01_reading_the_source"

QUIZ = textwrap.dedent("""\
    id: ch01
    title: Check your reading
    chapter: book/01_reading_the_source
    questions:
      - id: genre
        kind: single
        prompt: What kind of <b>text</b> is it?
        options:
          - text: A news report
          - text: An opinion piece | with a pipe
            correct: true
        explanation: It argues for a view.
      - id: rows
        kind: numeric
        prompt: How many rows?
        answer: {value: n_rows}
        unit: rows
""")


def _notebook(cells: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = cells
    return nb


def _book(tmp_path: Path, *, listed: bool = True) -> Path:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    (tmp_path / "book").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "notebooks").mkdir()
    chapters = f"      - file: book/{SLUG}\n        sections:\n          - file: notebooks/{SLUG}\n" if listed else \
        "      - file: book/how-to-use\n"
    (tmp_path / "_toc.yml").write_text(f"format: jb-book\nroot: book/intro\nparts:\n  - caption: Chapters\n"
                                       f"    chapters:\n{chapters}", encoding="utf-8")
    (tmp_path / "book" / f"{SLUG}.md").write_text("(ch1)=\n# Reading the source\n\nText.\n", encoding="utf-8")
    (tmp_path / "quizzes" / f"{SLUG}.yml").write_text(QUIZ, encoding="utf-8")
    nb = _notebook([
        md("# Lab: reading the source"),
        code("rows = [1, 2, 3, 4, 5, 6, 7]"),
        md("```{exercise} Count the rows\n:label: ex-count\nHow many?\n```"),
        md("````{solution-start} ex-count\n:class: dropdown\n````"),
        md("Use `len`, not <script>alert(1)</script>."),
        code("n_solution_rows_xyz = len(rows)\nprint(n_solution_rows_xyz)"),
        md("````{solution-end}\n````"),
        md("```{solution} ex-count\n:label: sol-plain\nPlain solution text here.\n```"),
        code(f"from russia_syria import quiz\nquiz.show({SLUG!r}, values={{'n_rows': len(rows)}})"),
    ])
    nbformat.write(nb, tmp_path / "notebooks" / f"{SLUG}.ipynb")
    return tmp_path


def test_toc_chapters_follow_the_toc(tmp_path):
    assert teacher.toc_chapters(_book(tmp_path)) == [SLUG]


def test_every_toc_chapter_of_the_course_has_its_notebook_and_quiz():
    root = Path(__file__).resolve().parents[1]
    chapters = teacher.toc_chapters(root)
    assert len(chapters) >= 8
    missing = [f"{folder}/{slug}{ext}" for slug in chapters
               for folder, ext in (("notebooks", ".ipynb"), ("quizzes", ".yml"))
               if not (root / folder / f"{slug}{ext}").is_file()]
    assert not missing, f"chapters in _toc.yml without their files: {missing}"


def test_solutions_are_extracted(tmp_path):
    sols = teacher.solutions(_book(tmp_path) / "notebooks" / f"{SLUG}.ipynb")
    assert [s.exercise for s in sols] == ["ex-count", "ex-count"]
    assert sols[0].cells == [("markdown", "Use `len`, not <script>alert(1)</script>."),
                             ("code", "n_solution_rows_xyz = len(rows)\nprint(n_solution_rows_xyz)")]
    assert sols[1].label == "sol-plain" and sols[1].cells == [("markdown", "Plain solution text here.")]


@pytest.mark.parametrize("cells, problem", [
    (["````{solution-start} ex\n````", "x = 1"], "cell 1: {solution-start} is never closed"),
    (["````{solution-end}\n````"], "cell 1: {solution-end} without"),
    (["````{solution-start} a\n````", "````{solution-start} b\n````"], "cell 2: a solution starts before"),
])
def test_broken_solution_blocks_name_the_cell(tmp_path, cells, problem):
    nb = _notebook([nbformat.v4.new_markdown_cell(c) for c in cells])
    nbformat.write(nb, tmp_path / "x.ipynb")
    with pytest.raises(teacher.TeacherError, match=problem.replace("{", r"\{").replace("}", r"\}")) as err:
        teacher.solutions(tmp_path / "x.ipynb")
    assert "notebooks/x.ipynb" in str(err.value)


def _key(slug: str, root: Path) -> str:
    """What a teacher page's two directives, {quiz-key} and {exercise-solutions}, write for a chapter."""
    return teacher.quiz_key_part(slug, root) + "\n\n" + teacher.solutions_part(slug, root)


def test_chapter_key_is_generated_from_quiz_and_notebook(tmp_path):
    root = _book(tmp_path)
    out = _key(SLUG, root)
    assert "**Answer:** 7 rows" in out  # the computed answer, taken from running the notebook
    assert "**Answer:** An opinion piece \\| with a pipe" in out  # escaped: never markup
    assert "<b>" not in out and "<script>" not in out  # quiz and solution text never become HTML
    assert "n_solution_rows_xyz = len(rows)" in out
    assert "Plain solution text here\\." in out  # the course escaper (russia_syria.markdown) escapes every punctuation mark


def test_chapter_not_in_toc_gets_a_note(tmp_path):
    assert "not in the book yet" in _key(SLUG, _book(tmp_path, listed=False))


def test_failing_notebook_is_reported_by_name(tmp_path):
    root = _book(tmp_path)
    nb = _notebook([nbformat.v4.new_code_cell("raise RuntimeError('broken data')")])
    nbformat.write(nb, root / "notebooks" / f"{SLUG}.ipynb")
    with pytest.raises(teacher.TeacherError, match=f"notebooks/{SLUG}.ipynb failed"):
        _key(SLUG, root)


def test_code_fence_outlasts_backticks_in_code():
    block = teacher._code_block("s = '````'")
    assert block.startswith("`````python\n") and block.endswith("\n`````")


def test_printable_sheets_hide_answers_and_key_shows_them(tmp_path):
    root = _book(tmp_path)
    sheets, key = teacher.quiz_sheets_html(root), teacher.answer_key_html(root)
    assert "Reading the source" in sheets and "Reading the source" in key
    assert "What kind of &lt;b&gt;text&lt;/b&gt; is it?" in sheets  # escaped, never markup
    assert "It argues for a view." not in sheets and "It argues for a view." in key
    assert "7 rows" in key and "7 rows" not in sheets


def test_markers_sharing_a_cell_with_other_text(tmp_path):
    """As the chapters write them: an end marker, the next exercise and its start marker in one cell."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = _notebook([
        md("## Exercises\n\n```{exercise} One\n:label: ex-one\nDo one.\n```\n\n```{solution-start} ex-one\n:class: dropdown\n```"),
        code("answer_one = 1"),
        md("Why one works.\n```{solution-end}\n```\n\nBetween exercises.\n\n```{exercise} Two\n:label: ex-two\nDo two.\n```\n"
           "```{solution-start} ex-two\n```\nProse of two."),
        code("answer_two = 2"),
        md("```{solution-end}\n```"),
    ])
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    nbformat.write(nb, tmp_path / "x.ipynb")
    sols = teacher.solutions(tmp_path / "x.ipynb")
    assert "*Output:*\n\n```text\n1\n```" in teacher.solutions_markdown(sols)  # the committed result
    sols[0].cells.remove(("output", "1"))
    assert [(s.exercise, s.cells) for s in sols] == [
        ("ex-one", [("code", "answer_one = 1"), ("markdown", "Why one works.")]),
        ("ex-two", [("markdown", "Prose of two."), ("code", "answer_two = 2")]),
    ]


def test_computed_values_are_cached_and_follow_the_notebook(tmp_path):
    root = _book(tmp_path)
    assert "**Answer:** 7 rows" in _key(SLUG, root)
    assert len(list((root / "_build" / "teacher-values").glob(f"{SLUG}-*.json"))) == 1
    path = root / "notebooks" / f"{SLUG}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = "rows = [1, 2, 3, 4, 5, 6, 7, 8]"
    nbformat.write(nb, path)
    assert "**Answer:** 8 rows" in _key(SLUG, root)  # a changed notebook runs again
    assert len(list((root / "_build" / "teacher-values").glob(f"{SLUG}-*.json"))) == 1


def test_sphinx_extension_reads_teacher_pages_last():
    docnames = ["book/intro", "book/teachers/01_reading_the_source", "book/teachers/index", "notebooks/01_x", "z"]
    teacher._teachers_last(None, None, docnames)
    assert docnames == ["book/intro", "notebooks/01_x", "z", "book/teachers/01_reading_the_source",
                        "book/teachers/index"]


def test_values_are_read_back_from_quiz_outputs(tmp_path):
    """In the book build quiz.show glues each value (quiz.NAME.KEY); the values are read back from those outputs."""
    from russia_syria.book import PREFIX, quiz_value_name

    root = _book(tmp_path)
    cell = nbformat.v4.new_code_cell("quiz.show(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", {PREFIX + "text/plain": str(v)}, metadata={
        "scrapbook": {"name": quiz_value_name(SLUG, k), "mime_prefix": PREFIX}}) for k, v in (("n_rows", 7),)]
    cell.outputs.append(nbformat.v4.new_output("display_data", {PREFIX + "text/plain": "3"}, metadata={
        "scrapbook": {"name": "ch01_other", "mime_prefix": PREFIX}}))  # the lab's other glue: not the quiz's
    nb = _notebook([nbformat.v4.new_code_cell("x = 1"), cell])
    assert teacher.values_from_outputs(nb) == {SLUG: {"n_rows": 7}}
    # No build cache yet, or a notebook the cache has never run: no values, and the caller runs the notebook.
    assert teacher.executed_values(SLUG, root, tmp_path / "no-cache") is None
    from jupyter_cache import get_cache

    get_cache(str(tmp_path / "cache"))  # an empty cache
    assert teacher.executed_values(SLUG, root, tmp_path / "cache") is None


def _plain(text: str) -> str:
    """Whitespace collapsed and Sphinx's smart quotes turned back into straight ones."""
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _page_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    return _plain(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main").get_text(" "))


def test_built_teacher_pages_show_the_key_the_chapter_quiz_grades_with(site_dir: Path):
    """The key on each teacher page agrees with the quiz students answer on the chapter's lab page."""

    from russia_syria import quiz
    from test_quiz_book import page_specs

    root = Path(__file__).resolve().parents[1]
    for slug in teacher.toc_chapters(root):
        lab = (site_dir / "notebooks" / f"{slug}.html").read_text(encoding="utf-8")
        graded = next(s for s in page_specs(lab) if s.get("name") == slug)
        values = {q["computed"]: q["answer"] for q in graded["questions"] if "computed" in q}
        key = quiz.answer_key(str(root / "quizzes" / f"{slug}.yml"), values)
        text = _page_text(site_dir / "book" / "teachers" / f"{slug}.html")
        assert "Quiz answer key" in text and "Exercise solutions" in text, slug
        missing = [a for a in key["answer"] if _plain(str(a)) not in text]
        assert not missing, f"book/teachers/{slug}: answers missing from the key: {missing}"
        assert values, f"{slug}: the lab's quiz has no computed answer"


def test_sheet_shuffle_is_fixed_and_never_the_answer():
    items = ["First", "Second"]
    assert teacher._shuffled(items, "q/x") == teacher._shuffled(items, "q/x") != items
    assert sorted(teacher._shuffled(list("abcdef"), "q/y")) == list("abcdef")


def test_computed_values_come_from_the_book_build_s_own_runs(book_build):
    """The build's cache holds each lab as the book ran it (with its MyST cells), and the values are read back
    from there: the class-results page and the LMS export then run no lab again."""
    from conftest import ROOT, TEST_CACHE
    from russia_syria import quiz

    for name in quiz.available():
        needed = {q["computed"] for q in quiz.load(name)["questions"] if "computed" in q}
        if needed:
            values = teacher.executed_values(name, ROOT, TEST_CACHE)
            assert values is not None and needed <= set(values), name
