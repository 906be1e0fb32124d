"""Lab notebooks read well where students run them (Jupyter, JupyterLite, Colab, a hub): no raw MyST markup,
while the book still shows sphinx-exercise's exercises and glued values (bookbuild.labs)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from bookbuild.labs import myst_cells

from conftest import ROOT, toc_files
from test_site import visible_text

NOTEBOOKS = [*sorted(ROOT.glob("notebooks/*.ipynb")), *sorted(ROOT.glob("book/**/*.ipynb")), ROOT / "templates" / "lab.ipynb"]
ROLE = re.compile(r"\{[\w:-]+\}`")  # {ref}`x`, {glue:text}`x`, {doc}`x`, {term}`x`...
OPTION = re.compile(r"^\s*:[\w-]+:", re.M)  # a directive option such as :label: or :class:


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_markdown_has_no_raw_myst(path: Path) -> None:
    found = [f"cell {i}: {m.group(0).strip()}" for i, cell in enumerate(nbformat.read(path, as_version=4).cells)
             if cell.cell_type == "markdown" for m in [*ROLE.finditer(cell.source), *OPTION.finditer(cell.source)]]
    assert found == []


def test_plain_forms_become_myst_for_the_book() -> None:
    md = lambda text: {"cell_type": "markdown", "metadata": {}, "source": text}  # noqa: E731
    cells = myst_cells([md("**Exercise: Count the rows**\n\nHow many?"), md("```{solution-start} ex-count\n```"),
                        md("There are [`n`](glue:ch01_n) rows."), md("**Exercise: Open question**\n\nWhy?")])
    assert cells[0]["source"] == "````{exercise} Count the rows\n:label: ex-count\n\nHow many?\n````"
    assert cells[1]["source"] == "```{solution-start} ex-count\n:class: dropdown\n```"
    assert cells[2]["source"] == "There are {glue:text}`ch01_n` rows."
    assert cells[3]["source"] == "````{exercise} Open question\n\nWhy?\n````"  # no solution follows: no label


def test_quiz_cell_runs_hidden_and_the_directive_follows() -> None:
    """A code cell tagged ``quiz`` stays (it computes and glues the values) but hidden, and the ``{quiz}``
    directive takes its place on the page; a tagged cell without a literal quiz name is a clear error."""
    code = {"cell_type": "code", "id": "q1", "metadata": {"tags": ["quiz"]}, "outputs": [], "execution_count": None,
            "source": 'quiz.show(\n    "01_reading_the_source",\n    values={"pct": round(100 * 0.5)},\n)'}
    hidden, directive = myst_cells([code])
    assert hidden["source"] == code["source"] and hidden["metadata"]["tags"] == ["quiz", "remove-cell"]
    assert directive == {"cell_type": "markdown", "id": "q1-quiz", "metadata": {},
                         "source": "```{quiz} 01_reading_the_source\n```"}
    with pytest.raises(ValueError, match="quiz.show with the quiz's name as text"):
        myst_cells([{**code, "source": "name = 'x'\nquiz.show(name)"}])
    for path in sorted(ROOT.glob("notebooks/*.ipynb")):  # every lab's quiz cell is tagged and names its quiz
        cells = [c for c in nbformat.read(path, as_version=4).cells if "quiz.show(" in c.source and c.cell_type == "code"]
        assert [c.metadata.get("tags", []).count("quiz") for c in cells] == [1], path.name
        assert myst_cells([cells[0]])[1]["source"] == f"```{{quiz}} {path.stem}\n```", path.name


def test_lab_pages_show_exercises_and_glued_values(site_dir: Path) -> None:
    for page in [p for p in toc_files() if p.startswith("notebooks/")]:
        html = (site_dir / f"{page}.html").read_text(encoding="utf-8")
        text = visible_text(html)
        assert html.count('class="exercise admonition"') >= 3, page  # sphinx-exercise's exercise boxes
        assert "Exercise:" not in text and "glue:" not in text, page
