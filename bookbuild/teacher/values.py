"""Computed quiz answers, read back from a run of the chapter's own notebook (never computed a second time).

In a book build that run is the build's own (myst-nb's jupyter-cache; the teacher pages are read after every
other page). Elsewhere (printable key, tests) :func:`notebook_values` runs the notebook with
``russia_syria.quiz.show`` wrapped so that it records the ``values`` it is given, and caches them in
``_build/teacher-values/`` under a hash of the notebook, quiz file, data files and the course package.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from bookbuild import EXECUTION_CACHE_ENV

from .errors import TeacherError

_RECORD = """\
import russia_syria.quiz as _teacher_quiz
_teacher_values = {}
def _teacher_show(name, values=None, _show=_teacher_quiz.show):
    _teacher_values[str(name)] = dict(values or {})
    return _show(name, values)
_teacher_quiz.show = _teacher_show
"""
_REPORT = """\
import json as _teacher_json
print("TEACHER-VALUES " + _teacher_json.dumps(_teacher_values, default=lambda v: v.item() if hasattr(v, "item") else str(v)))
"""


def notebook_values(notebook: Path, quizzes: Path | None = None, timeout: int = 120) -> dict[str, dict[str, Any]]:
    """Run ``notebook`` and return the ``values`` each ``quiz.show(name, values=...)`` call received.

    The notebook runs in its own folder, as in the book build, reading its quizzes from ``quizzes`` (default:
    the quiz package's own choice); a failing cell raises :class:`TeacherError`.
    """
    import nbclient
    import nbformat

    from russia_syria.quiz.files import ENV_VAR

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(_RECORD), *nb.cells, nbformat.v4.new_code_cell(_REPORT)]
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(notebook.parent)}})
    saved = os.environ.get(ENV_VAR)
    if quizzes is not None:  # the kernel inherits the environment: the notebook grades with these files
        os.environ[ENV_VAR] = str(quizzes)
    try:
        # The child kernel's own log lines would land in this page's stderr (and fail a -W build): drop them.
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except Exception as exc:  # CellExecutionError, timeouts, dead kernels: all mean "no values"
        first = str(exc).strip().splitlines()[-1:] or [""]
        raise TeacherError(f"notebooks/{notebook.name} failed while computing quiz values: {first[0]}") from None
    finally:
        if saved is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = saved
    for out in nb.cells[-1].get("outputs", []):
        text = out.get("text", "")
        if text.startswith("TEACHER-VALUES "):
            return json.loads(text.split(" ", 1)[1])
    raise TeacherError(f"notebooks/{notebook.name}: ran, but reported no quiz values")


def _fingerprint(root: Path, slug: str) -> str:
    """Hash of everything a chapter's computed quiz values depend on: notebook, quiz file, data, package code."""
    from bookbuild.freshness import fingerprint

    digest = hashlib.sha256(fingerprint(root).encode())  # data files and package: what every notebook reads
    for path in (root / "notebooks" / f"{slug}.ipynb", root / "quizzes" / f"{slug}.yml"):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def values_from_outputs(nb: Any) -> dict[str, dict[str, Any]]:
    """The computed values of every quiz shown in an executed notebook, read back from what ``quiz.show`` glued
    there in the book build (``quiz.NAME.KEY``, see ``russia_syria.book.quiz_value_name``)."""
    import ast

    found: dict[str, dict[str, Any]] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            glued = out.get("metadata", {}).get("scrapbook", {})
            parts = str(glued.get("name", "")).split(".")
            if len(parts) != 3 or parts[0] != "quiz":
                continue
            text = out.get("data", {}).get(f"{glued.get('mime_prefix', '')}text/plain", "")
            try:
                found.setdefault(parts[1], {})[parts[2]] = ast.literal_eval(str(text))
            except (ValueError, SyntaxError):
                continue
    return found


def executed_values(slug: str, root: Path, execution_cache: Path) -> dict[str, Any] | None:
    """The chapter's quiz values from the book build's own execution of its notebook, or None if not there.

    myst-nb keeps every notebook it runs in a jupyter-cache; reading the outputs back saves running each lab a
    second time. The cache matches the notebook's current code, so the values are the ones its page shows.
    """
    notebook = root / "notebooks" / f"{slug}.ipynb"
    if not (execution_cache.is_dir() and notebook.is_file()):
        return None
    import nbformat
    from jupyter_cache import get_cache

    from bookbuild.labs import myst_cells

    nb = nbformat.read(notebook, as_version=4)
    try:
        # The cache holds the notebook as the book ran it: with bookbuild.labs' MyST cells, which change its hash.
        nb.cells = [nbformat.from_dict(cell) for cell in myst_cells(nb.cells)]
        _, merged = get_cache(str(execution_cache)).merge_match_into_notebook(nb)
    except (KeyError, ValueError):  # not executed (yet) in this build's cache; or cells the labs step refuses
        return None
    return values_from_outputs(merged).get(slug)


def chapter_values(slug: str, root: Path, execution_cache: Path | None = None) -> dict[str, Any]:
    """The computed values the chapter's notebook passes to its quiz.

    In a book build they come from the build's own run of the notebook (``execution_cache``, see
    :func:`executed_values`). Otherwise (printable key, tests) the notebook is run here and its values cached
    under ``_build/teacher-values/``: the cache key covers the notebook, the quiz file, the data files and this
    package, so any change to what the values depend on runs the notebook again.
    """
    if execution_cache is not None:
        values = executed_values(slug, root, execution_cache)
        if values is not None:
            return values
    cache = root / "_build" / "teacher-values" / f"{slug}-{_fingerprint(root, slug)}.json"
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    notebook = root / "notebooks" / f"{slug}.ipynb"
    if not notebook.is_file():
        raise TeacherError(f"quizzes/{slug}.yml has computed answers but notebooks/{slug}.ipynb is missing")
    values = notebook_values(notebook, root / "quizzes").get(slug)
    if values is None:
        raise TeacherError(f"notebooks/{slug}.ipynb never calls quiz.show({slug!r}, values=...)")
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob(f"{slug}-*.json"):  # keep one entry per chapter
        old.unlink()
    cache.write_text(json.dumps(values), encoding="utf-8")
    return values


def _needs_values(quiz_file: Path) -> bool:
    from russia_syria import quiz

    return any("computed" in q for q in quiz.load(str(quiz_file))["questions"])


def course_values(root: Path | None = None, quiz_ids: set[str] | None = None, cache: Path | None = None
                  ) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The values each chapter's notebook computes for its quiz (``{quiz file name: {name: value}}``), for the
    runtime's re-grading (``russia_syria.classgrade``), the LMS export and the sample class.

    Read from the book build's execution cache when there is one (the running build's, in a book build), else
    from a run of the notebook (cached under ``_build/teacher-values/``); returns the values and a note per chapter
    whose values could not be had.
    ``quiz_ids`` limits the work to those quizzes (running a notebook takes seconds).
    """
    from russia_syria import quiz

    from .toc import course_root

    root = root or course_root()
    # In a book build, that build's cache (it ran the labs first); else where Jupyter Book 1 keeps `make book`'s.
    cache = cache or Path(os.environ.get(EXECUTION_CACHE_ENV) or root / "_build" / ".jupyter_cache")
    values: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for name in quiz.available():
        try:
            spec = quiz.load(name)
            if quiz_ids is not None and spec["id"] not in quiz_ids:
                continue
            if any(q.get("computed") for q in spec["questions"]):
                values[name] = chapter_values(name, root, cache if cache.is_dir() else None)
        except Exception as exc:  # noqa: BLE001 - any failure means "not re-graded", said in a note
            notes.append(f"quizzes/{name}.yml: computed answers unknown ({str(exc)[:160]})")
    return values, notes
