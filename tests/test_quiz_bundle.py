"""The committed quiz bundle (quiz/static/quiz.mjs) is what esbuild makes of its sources (quiz/static/src/), and it
stays one self-contained module that the book, the kernel widget and the class-results page can inline."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT
from russia_syria import classpage
from russia_syria.quiz.budget import MARKER
from russia_syria.quiz.render import js_source

STATIC = ROOT / "src" / "russia_syria" / "quiz" / "static"
BUNDLE = STATIC / "quiz.mjs"
SOURCES = STATIC / "src"
BUILD = SOURCES / "build.mjs"
NODE = shutil.which("node")


def needs_esbuild() -> None:
    """Skip (fail in CI) without Node or the project's node_modules/esbuild (`npm ci` installs it)."""
    message = ("node is not installed" if NODE is None else
               "node_modules/esbuild missing: run `npm ci`" if not (ROOT / "node_modules" / "esbuild").is_dir() else "")
    if message:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_committed_bundle_is_built_from_the_sources() -> None:
    needs_esbuild()
    run = subprocess.run([NODE, str(BUILD), "--stdout"], capture_output=True, text=True, encoding="utf-8",
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == BUNDLE.read_text(encoding="utf-8"), (
        "src/russia_syria/quiz/static/quiz.mjs is not what its sources in quiz/static/src/ build to: "
        "run `make quiz-js` and commit quiz.mjs with the sources (never edit quiz.mjs by hand)")


def test_bundle_is_one_module_without_imports() -> None:
    text = BUNDLE.read_text(encoding="utf-8")
    assert MARKER in text.splitlines()[0]
    assert "make quiz-js" in "\n".join(text.splitlines()[:3]), "the banner says how the file is made"
    assert not re.search(r"^\s*import\b|\bimport\s*\(", text, re.MULTILINE), "anywidget loads it from a blob URL"
    assert js_source() == text  # render.py accepts it: no `</script` or `<!--`


def test_class_page_module_parses(tmp_path: Path) -> None:
    """quiz.mjs, classresults.mjs and classpage.mjs share one module scope: no top-level name is declared twice."""
    if NODE is None:
        pytest.skip("node is not installed")
    module = tmp_path / "classpage.mjs"
    module.write_text(classpage.boot_module(), encoding="utf-8")
    run = subprocess.run([NODE, "--check", str(module)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr


def test_source_modules_say_their_job() -> None:
    """(Their size is checked with every other module's, in test_house.py.)"""
    modules = sorted(SOURCES.glob("*.mjs"))
    assert {m.name for m in modules} >= {"index.mjs", "grading.mjs", "storage.mjs", "dom.mjs", "build.mjs"}
    for module in modules:
        first = module.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("// "), f"{module.name}: first line is a comment saying the module's job"
