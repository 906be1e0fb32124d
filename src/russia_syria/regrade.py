"""Re-grade exported answers with the course's one grader, ``quiz/static/quiz.mjs``, run under Node.js.

Class results must not trust the ``correct`` flags a student's browser wrote, and must not grow a second
grading implementation either (two graders drift apart). So Python only hands the answers to the JavaScript
grader the quizzes use and reads its verdicts back. Node.js is there wherever the book is built (``make book``
installs the npm packages); on a machine without it, :class:`GraderUnavailable` says so in one sentence.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUIZ_MJS = HERE / "quiz" / "static" / "quiz.mjs"
SCRIPT = HERE / "regrade.mjs"
TIMEOUT = 60  # seconds; a class of 40 students × 60 questions takes well under one


class GraderUnavailable(RuntimeError):
    """The JavaScript grader could not be run; the message says why and what to do."""


def node() -> str | None:
    """The Node.js executable, or None."""
    return shutil.which("node") or shutil.which("nodejs")


def grade_many(cases: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Grade ``[{"question": spec, "answer": raw}, ...]``; returns ``[{"status", "answer_text"}, ...]``."""
    if not cases:
        return []
    exe = node()
    if exe is None:
        raise GraderUnavailable("Node.js is not installed, so answers could not be re-graded: the flags stored in "
                                "the files are shown unchecked (install Node.js, or use the in-browser page)")
    try:
        run = subprocess.run([exe, str(SCRIPT), str(QUIZ_MJS)], input=json.dumps(cases), capture_output=True,
                             text=True, encoding="utf-8", timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GraderUnavailable(f"the grader could not run ({exc.__class__.__name__}): stored flags are shown "
                                "unchecked") from None
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise GraderUnavailable(f"the grader stopped ({last}): stored flags are shown unchecked")
    out = json.loads(run.stdout)
    if not isinstance(out, list) or len(out) != len(cases):
        raise GraderUnavailable("the grader returned an unexpected result: stored flags are shown unchecked")
    return out
