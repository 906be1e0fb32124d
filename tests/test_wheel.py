"""The wheel that hubs, Colab and JupyterLite install carries the runtime only: no Sphinx or other build code."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT

# Importing any of these makes a module book-build code: it belongs in bookbuild/, not in the wheel.
BUILD_ONLY = {"sphinx", "docutils", "myst_nb", "myst_parser", "jupyter_book", "sphinx_exercise", "bookbuild"}


def imported_top_levels(source: str) -> set[str]:
    """Top-level names of every module ``source`` imports, at any depth (lazy imports inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_wheel_holds_no_build_code(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet",
                             "--disable-pip-version-check", "-w", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
        modules = {n: whl.read(n).decode("utf-8") for n in names if n.endswith(".py")}
    assert "russia_syria/data.py" in modules and any(n.startswith("russia_syria/_data/") for n in names)
    assert [n for n in names if n.startswith(("bookbuild/", "tests/", "tools/"))] == []
    assert "russia_syria/quiz/static/quiz.mjs" in names and not [n for n in names if "/static/src/" in n]
    build_code = {name: sorted(imported_top_levels(text) & BUILD_ONLY) for name, text in modules.items()}
    assert {name: found for name, found in build_code.items() if found} == {}
