"""The student edition: every chapter is there; no solution, answer key or teacher page is published.

The forbidden strings are taken from the sources (solution cells of the notebooks, the teacher pages' titles),
never typed here. Two builds: a small fixture book that is sure to have plain and gated solutions, and the
course itself.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import textwrap
from pathlib import Path

import nbformat
import pytest
from bookbuild import teacher
from bookbuild.student import build as student_build
from bookbuild.student import solutions

from conftest import BUILDS, TEST_CACHE, as_process, process_record, toc_files
from test_site import plumbing_on_pages

ROOT = Path(__file__).resolve().parents[1]


def site_text(site: Path) -> str:
    """Everything a visitor can fetch from the site, as text (HTML tags removed, entities decoded)."""
    parts = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            parts.append(html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))))
        elif path.suffix in (".js", ".ipynb", ".md", ".txt", ".json", ".py"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def distinctive_solution_lines(root: Path, slug: str) -> list[str]:
    """Lines of the chapter's solutions that appear nowhere else in the course's notebooks and pages.

    (A line such as ``timeline = data.load("timeline")`` may be a solution in one chapter and ordinary code
    in another: such lines are legitimately on the site and are not used as evidence.)
    """
    notebook = root / "notebooks" / f"{slug}.ipynb"
    if not notebook.is_file():
        return []
    sols = teacher.solutions(notebook)
    in_solutions = {line.strip() for s in sols for kind, src in s.cells if kind != "output"
                    for line in src.splitlines()}
    everywhere = ""
    for nb_path in sorted((root / "notebooks").glob("*.ipynb")):
        everywhere += "\n".join(c.source for c in nbformat.read(nb_path, as_version=4).cells)
    for page in sorted((root / "book").rglob("*.md")):
        if "teachers" not in page.parts:
            everywhere += page.read_text(encoding="utf-8")
    return sorted(line for line in in_solutions if len(line) >= 12 and everywhere.count(line) == 1)


# ---------- a fixture book: sure to contain both kinds of solution ----------

def _fixture(src: Path) -> None:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    (src / "book" / "teachers").mkdir(parents=True)
    (src / "notebooks").mkdir()
    (src / "_config.yml").write_text(textwrap.dedent("""\
        title: Fixture
        only_build_toc_files: true
        exclude_patterns: [_build]
        execute: {execute_notebooks: cache}
        sphinx: {extra_extensions: [sphinx_exercise]}
        """), encoding="utf-8")
    (src / "_toc.yml").write_text(textwrap.dedent("""\
        format: jb-book
        root: book/intro
        parts:
          - caption: Chapters
            chapters:
              - file: book/01_reading_the_source
                sections:
                  - file: notebooks/01_reading_the_source
          - caption: Teacher's guide
            chapters:
              - file: book/teachers/index
        """), encoding="utf-8")
    (src / "book" / "intro.md").write_text("# Fixture intro\n", encoding="utf-8")
    (src / "book" / "01_reading_the_source.md").write_text(textwrap.dedent("""\
        # Fixture chapter one

        ```{exercise}
        :label: ex-page
        Fixture page exercise prompt.
        ```

        ```{solution} ex-page
        Fixture plain solution marker on the page.
        ```
        """), encoding="utf-8")
    (src / "book" / "teachers" / "index.md").write_text("# Fixture teacher page\n\nFixture key text.\n",
                                                       encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[
        md("# Fixture lab one"),
        md("```{exercise}\n:label: ex-lab\nFixture lab exercise prompt.\n```"),
        md("````{solution-start} ex-lab\n:class: dropdown\n````"),
        md("Fixture gated solution prose."),
        code("fixture_gated_solution_value = 6 * 7\nfixture_gated_solution_value"),
        md("````{solution-end}\n````"),
        code("after_the_solution = 1"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, src / "notebooks" / "01_reading_the_source.ipynb")


@pytest.mark.book  # builds a small book of its own
def test_student_edition_of_a_fixture_book(tmp_path):
    src = tmp_path / "src"
    _fixture(src)
    result = student_build.build(src, tmp_path / "student", cache=tmp_path / "cache")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = tmp_path / "student" / "html"
    text = site_text(site)
    # The chapter, its lab and the exercises are there ...
    assert (site / "book" / "01_reading_the_source.html").is_file()
    assert (site / "notebooks" / "01_reading_the_source.html").is_file()
    for kept in ("Fixture chapter one", "Fixture lab one", "Fixture page exercise prompt",
                 "Fixture lab exercise prompt", "after_the_solution = 1"):
        assert kept in text
    # ... the solutions (read from the sources) and the teacher's guide are not, not even in _sources/.
    forbidden = distinctive_solution_lines(src, "01_reading_the_source")
    assert "fixture_gated_solution_value = 6 * 7" in forbidden
    forbidden += ["Fixture gated solution prose.", "Fixture plain solution marker on the page.",
                  "Fixture key text.", "Fixture teacher page"]
    assert [f for f in forbidden if f in text] == []
    assert not (site / "book" / "teachers").exists()
    # The generated TOC and config are beside the site; the book's own files are untouched.
    assert "teachers" not in (tmp_path / "student" / "_toc.yml").read_text(encoding="utf-8")
    assert "teachers" in (src / "_toc.yml").read_text(encoding="utf-8")


def test_strip_markdown_and_notebook():
    text = "a\n```{solution} x\nsecret\n```\nb\n````{solution-start} y\n````\nhidden\n````{solution-end}\n````\nc\n"
    assert solutions.strip_markdown(text) == "a\nb\nc\n"
    nb = {"cells": [{"cell_type": "markdown", "source": "````{solution-start} y\n````"},
                    {"cell_type": "code", "source": "secret = 1"},
                    {"cell_type": "markdown", "source": ["````{solution-end}\n", "````"]},
                    {"cell_type": "code", "source": "kept = 1"}]}
    assert json.dumps(solutions.strip_notebook(nb)).count("secret") == 0
    assert [c["source"] for c in solutions.strip_notebook(nb)["cells"]] == ["kept = 1"]


def test_student_notebooks_keep_exercise_titles_with_an_answer_cell():
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": [
        {"cell_type": "markdown", "id": "a", "source": "**Exercise: Count the quotes**\n\nHow many?"},
        {"cell_type": "markdown", "id": "b", "source": "```{solution-start} ex-quotes\n```"},
        {"cell_type": "code", "id": "c", "source": "secret = 1"},
        {"cell_type": "markdown", "id": "d", "source": "```{solution-end}\n```"}]}
    cells = solutions.strip_notebook(nb)["cells"]
    assert [(c["cell_type"], c["source"]) for c in cells] == [
        ("markdown", "**Exercise: Count the quotes**\n\nHow many?"), ("code", "")]
    assert cells[1]["id"] and cells[1]["outputs"] == []


# ---------- the course itself ----------

# The folder where the PDF build (test_pdf.py) makes its single-page student edition: the two builds share the
# saved environment there, so the second reads no page. The PDFs wait for this build.
STUDENT_OUT = ROOT / "_build" / "test-pdf" / "student"


@BUILDS.after_book("student_site")
def _build_student_site() -> dict:
    # Share the execution cache of the main test build (tests/conftest.py), so notebooks run once per suite.
    return process_record(student_build.build(ROOT, STUDENT_OUT, cache=TEST_CACHE, env=BUILDS.env))


@pytest.fixture(scope="module")
def student_site(book_build: subprocess.CompletedProcess[str]) -> Path:
    """The course's student edition, built in the background once the book (and its cache) is built."""
    result = as_process(BUILDS.result("student_site"))
    if result.returncode != 0:
        pytest.fail(f"student build failed; see {STUDENT_OUT / 'build-html.log'}\n{result.stderr[-3000:]}")
    return STUDENT_OUT / "html"


def test_course_student_edition_has_every_chapter(student_site):
    text = site_text(student_site)
    for slug in teacher.toc_chapters(ROOT):
        assert (student_site / "book" / f"{slug}.html").is_file(), slug
        title = teacher.chapter_title(slug, ROOT)
        assert title and title in text, slug
        if (ROOT / "notebooks" / f"{slug}.ipynb").is_file():
            assert (student_site / "notebooks" / f"{slug}.html").is_file(), slug
    assert (student_site / "book" / "appendices" / "data.html").is_file()


def test_course_student_notebooks_have_titled_exercises_with_answer_cells(student_site):
    for folder in ("_sources/notebooks", "lite/files/notebooks"):  # the download button and JupyterLite
        for path in sorted((student_site / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            exercises = [i for i, c in enumerate(cells) if "".join(c["source"]).startswith("**Exercise: ")]
            assert len(exercises) >= 3, path
            assert all((cells[i + 1]["cell_type"], "".join(cells[i + 1]["source"])) == ("code", "")
                       for i in exercises), path


def test_course_student_edition_shows_no_plumbing(student_site):
    pages = [p for p in toc_files() if not p.startswith("book/teachers/")]
    assert plumbing_on_pages(student_site, pages) == {}


def test_course_student_edition_has_no_solutions_or_keys(student_site):
    text = site_text(student_site)
    forbidden = [line for slug in teacher.toc_chapters(ROOT) for line in distinctive_solution_lines(ROOT, slug)]
    # The teacher pages' titles (e.g. "Session 3 — War and intervention") and the generated key's headings.
    for page in sorted((ROOT / "book" / "teachers").glob("*.md")):
        forbidden += [line[2:].strip() for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    forbidden += ["Quiz answer key", "Exercise solutions", "Marking the essay with the chapter 8 rubric"]
    assert len(forbidden) >= 10
    assert [f for f in forbidden if f in text] == []
    assert not (student_site / "book" / "teachers").exists()
    # The answer key (a download of the full site, bookbuild.downloads) is neither there nor linked.
    assert list(student_site.rglob("answer-key*")) == []
    assert [p.name for p in student_site.rglob("*.html") if "answer-key" in p.read_text(encoding="utf-8")] == []


@pytest.mark.book  # runs each lab in a kernel
@pytest.mark.parametrize("slug", teacher.toc_chapters(ROOT))
def test_lab_runs_without_its_solutions(slug):
    """Students download (or open in JupyterLite) the lab with its solutions removed: it must still run.

    Fails when a later cell, such as the quiz cell, uses a variable that only a solution computes.
    """
    from nbclient import NotebookClient

    notebook = ROOT / "notebooks" / f"{slug}.ipynb"
    if not notebook.is_file():
        pytest.skip(f"notebooks/{slug}.ipynb is not written yet")
    stripped = solutions.strip_notebook(json.loads(notebook.read_text(encoding="utf-8")))
    nb = nbformat.reads(json.dumps(stripped), as_version=4)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
                       ).execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except Exception as exc:
        last = re.sub(r"\x1b\[[0-9;]*m", "", str(exc).strip().splitlines()[-1])  # no terminal colours
        pytest.fail(f"notebooks/{slug}.ipynb fails once its solutions are removed: {last} "
                    "(compute quiz values outside the {solution-start}…{solution-end} blocks)")
