"""Notebooks open anywhere (a computer, a hub, Colab, JupyterLite): the hidden setup cell makes the course package
importable or says in one sentence what is missing, and data come only through the package (bookbuild.setup_cell).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from bookbuild import setup_cell

from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_setup_cell_is_inserted_once_and_updated_in_place(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("x = 1")]
    source = setup_cell.cell_source("example @ git+https://example.org/r.git@main")
    assert setup_cell.apply(nb, source) is True
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    assert nb.cells[1].source == source and "setup" in nb.cells[1].metadata.tags
    assert setup_cell.apply(nb, source) is False, "second run changed the notebook"
    assert len(nb.cells) == 3
    nb.cells[1].source = "old"
    assert setup_cell.apply(nb, source) is True and nb.cells[1].source == source and len(nb.cells) == 3


def test_setup_cell_never_raises_when_installation_fails(tmp_path: Path) -> None:
    # -S: no site-packages, so russia_syria cannot be imported; the "package" to install does not exist
    source = setup_cell.cell_source(str(tmp_path / "no-such-package"))
    result = subprocess.run([sys.executable, "-S", "-c", source], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "could not be installed" in result.stdout and "pip install" in result.stdout


def test_setup_cell_offline_in_the_browser_prints_one_plain_sentence() -> None:
    """JupyterLite (Pyodide reports sys.platform 'emscripten') without network: one sentence, no traceback."""
    browser_offline = "import sys\nsys.modules['russia_syria'] = None\nsys.platform = 'emscripten'\n"
    result = subprocess.run([sys.executable, "-c", browser_offline + setup_cell.cell_source()],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    [sentence] = result.stdout.strip().splitlines()
    assert "Offline" in sentence and "internet" in sentence and "Error" not in sentence


def test_setup_cell_is_silent_where_the_package_is_installed() -> None:
    result = subprocess.run([sys.executable, "-c", setup_cell.cell_source()], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_setup_cell_points_at_the_configured_repository() -> None:
    repo = CONFIG["repository"]["url"].rstrip("/")
    assert f'"russia-syria-course @ git+{repo}.git@{CONFIG["repository"]["branch"]}"' in setup_cell.cell_source()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_reads_data_only_through_the_course_package(name: str) -> None:
    """A path relative to the repository breaks in Colab, JupyterLite and on a hub: data comes from the package."""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    pattern = re.compile(r"""(\.\./|["'](\./)?(data|quizzes)/|read_csv\(|read_excel\(|open\()""")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and pattern.search(cell.source):
            pytest.fail(f"{name}, cell {index}: reads a file by path ({pattern.search(cell.source).group(0)!r}); "
                        "use russia_syria.data.load() instead")


def test_every_notebook_starts_with_the_current_setup_cell() -> None:
    """`python -m bookbuild.setup_cell` was run after the last change of the notebooks or of repository.url."""
    source = setup_cell.cell_source()
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert "setup" in first_code.metadata.get("tags", []), f"{name}: first code cell is not the setup cell"
        assert first_code.source == source, f"{name}: stale setup cell; run python -m bookbuild.setup_cell"
        assert "remove-cell" in first_code.metadata["tags"]
