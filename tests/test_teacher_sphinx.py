"""The teacher pages in-process (sphinx.testing) on a small fixture project: the answer key comes from the quiz
extension's data (the quiz file parsed once, the values the lab computed) and the exercise solutions from
sphinx-exercise's nodes of the lab's page, code and stored output included."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from bookbuild.quiz import source
from sphinx.testing.util import SphinxTestApp

from russia_syria.book import BUILD_ENV

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "teacherkeys"


def lab() -> nbformat.NotebookNode:
    """The fixture lab, with the outputs a book build's run would store: the quiz cell (tagged ``quiz``) glued its
    value as ``quiz.01_demo.n_rows``, as ``russia_syria.quiz.show`` does in the book build."""
    from russia_syria.book import PREFIX, quiz_value_name

    v4 = nbformat.v4
    glued = v4.new_output("display_data", data={PREFIX + "text/plain": "7"},
                          metadata={"scrapbook": {"name": quiz_value_name("01_demo", "n_rows"), "mime_prefix": PREFIX}})
    cells = [
        v4.new_markdown_cell("# Demo lab"),
        v4.new_markdown_cell(":::{exercise}\n:label: ex-count\nCount the rows.\n:::"),
        v4.new_markdown_cell("```{solution-start} ex-count\n:class: dropdown\n```\nLook at `len`:"),
        v4.new_code_cell("print(len(rows_xyz))", outputs=[v4.new_output("stream", name="stdout", text="7\n")]),
        v4.new_markdown_cell("```{solution-end}\n```"),
        v4.new_markdown_cell(":::{exercise} Name the capital\n:label: ex-capital\nWhich city?\n:::"),
        v4.new_markdown_cell(":::{solution} ex-capital\n:class: dropdown\nDamascus, the seat of government.\n:::"),
        v4.new_code_cell('quiz.show("01_demo", values={"n_rows": 7})', outputs=[glued], metadata={"tags": ["quiz"]}),
    ]
    return v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(src / "quizzes"))
    monkeypatch.chdir(src)  # the teacher pages find the book from the working folder
    (src / "notebooks").mkdir(exist_ok=True)  # git keeps no empty folder
    nbformat.write(lab(), src / "notebooks" / "01_demo.ipynb")
    monkeypatch.setenv(BUILD_ENV, "")  # bookbuild.labs sets it in this process: restored after the test
    source.PARSES.clear()
    return src


def test_teacher_page_from_in_sphinx_data(project: Path):
    app = SphinxTestApp(buildername="html", srcdir=project, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app._warning.getvalue() == ""
    page = (Path(app.outdir) / "book" / "teachers" / "01_demo.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Answer: 7 rows" in text and "Answer: Damascus" in text  # the value the lab computed
    assert "Solution to exercise ex-count" in text and "Look at" in text
    assert "Solution to the exercise “Name the capital”" in text and "the seat of government" in text  # its title
    assert "rows_xyz" in text and "teacher-solution" in page  # the solution's code cell, from sphinx-exercise
    assert dict(source.PARSES) == {"01_demo.yml": 1}  # key, lab page and progress share one parse
    assert json.loads(re.search(r'id="rsq-demo1-spec">(.*?)</script>',
                                (Path(app.outdir) / "notebooks" / "01_demo.html").read_text())[1])["questions"][0][
        "answer"] == 7
