"""Re-grading for class results: the quiz specs with computed values, and the verdicts of ``quiz.mjs``.

Kept apart from reading (:mod:`russia_syria.classresults`) so that reading works without the quiz files or
Node.js; what could not be re-graded is said in one line, never silently trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import regrade


def _teacher() -> Any:
    """The module that reads computed quiz values back from the chapter notebooks (its home moved once)."""
    try:
        from bookbuild import teacher  # type: ignore[import-not-found]
    except ImportError:
        from . import teacher  # type: ignore[no-redef]
    return teacher


def computed_values(root: Path | None = None, quiz_ids: set[str] | None = None, cache: Path | None = None
                    ) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The values each chapter's notebook computes for its quiz (``{quiz file name: {name: value}}``).

    Read from the book build's execution cache when there is one, else from a run of the notebook (cached under
    ``_build/teacher-values/``); returns the values and a note per chapter whose values could not be had.
    ``quiz_ids`` limits the work to those quizzes (running a notebook takes seconds).
    """
    from . import quiz

    try:
        teacher = _teacher()
    except ImportError:  # an installed course package without the book's build code (Colab, JupyterLite)
        return {}, ["computed answers are unknown outside a copy of the course repository: numeric answers "
                    "computed from the data are not re-graded"]
    root = root or teacher.course_root()
    cache = cache or root / "_build" / ".jupyter_cache"  # where Jupyter Book 1 keeps myst-nb's execution cache
    values: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for name in quiz.available():
        try:
            spec = quiz.load(name)
            if quiz_ids is not None and spec["id"] not in quiz_ids:
                continue
            if any(q.get("computed") for q in spec["questions"]):
                values[name] = teacher.chapter_values(name, root, cache if cache.is_dir() else None)
        except Exception as exc:  # noqa: BLE001 — any failure means "not re-graded", said in a note
            notes.append(f"quizzes/{name}.yml: computed answers unknown ({str(exc)[:160]})")
    return values, notes


def course_specs(values: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[dict[str, dict], list[str]]:
    """Every quiz of the course by quiz id, with computed answers filled from ``values`` (by quiz file name).

    A chapter without values keeps its computed answers empty (``None``): those questions are not re-graded.
    """
    from . import quiz

    specs: dict[str, dict] = {}
    notes: list[str] = []
    for name in quiz.available():
        try:
            spec = quiz.load(name, (values or {}).get(name))
        except quiz.QuizError as exc:
            notes.append(str(exc))
            spec = quiz.load(name)
        specs[spec["id"]] = spec
    return specs, notes


def specs_for(folder: Path | str) -> tuple[dict[str, dict], list[str]]:
    """The specs needed to re-grade the exports in ``folder``: computed values only for the quizzes answered there."""
    from .classresults import read_folder

    answered = set(read_folder(folder).answers["quiz"])
    values, notes = computed_values(quiz_ids=answered)
    specs, more = course_specs(values)
    return specs, notes + more


def _gradable(q: dict) -> bool:
    return not (q["kind"] == "numeric" and q.get("answer") is None)


def regrade_rows(rows: list[dict], specs: Mapping[str, dict]) -> list:
    """Grade every row again with quiz.mjs; set ``correct``, ``verified``, ``earned``, ``answer_text``.

    Returns the problems: per file, answers whose stored flag disagrees with the re-grade and a score that
    differs; once, questions that could not be re-graded and a grader that could not run.
    """
    from .classresults import ALL_FILES, Problem, _Issues

    questions = {(qid, q["id"]): q for qid, s in specs.items() for q in s["questions"]}
    todo = [r for r in rows if _gradable(questions[(r["quiz"], r["question"])])]
    ungraded = sorted({f"{r['quiz']}/{r['question']}" for r in rows} - {f"{r['quiz']}/{r['question']}" for r in todo})
    problems = []
    if ungraded:
        problems.append(Problem(ALL_FILES, "not re-graded, as their computed answers are unknown (build the book or "
                                           f"run the chapter notebooks): {', '.join(ungraded)}; stored flags used"))
    try:
        verdicts = regrade.grade_many([{"question": questions[(r["quiz"], r["question"])], "answer": r["answer"]}
                                       for r in todo])
    except regrade.GraderUnavailable as exc:
        return [*problems, Problem(ALL_FILES, str(exc))]
    issues: dict[str, _Issues] = {}
    claimed: dict[str, list[int]] = {}  # file → [stored correct, re-graded correct]
    for r, v in zip(todo, verdicts, strict=False):
        status = v.get("status") if isinstance(v, dict) else None
        fi = issues.setdefault(r["file"], _Issues(r["file"]))
        label = f"{r['quiz']}/{r['question']}"
        if status not in ("correct", "wrong"):
            fi.add("answers the grader cannot read (not in the shape the quiz writes): counted as not earned", label)
            ok = False
        else:
            ok = status == "correct"
            r["answer_text"] = v.get("answer_text") or r["answer_text"]
        if r["stored_correct"] and not ok:
            fi.add("marked correct in the file but wrong on re-grading (edited file or changed quiz?)", label)
        elif ok and not r["stored_correct"]:
            fi.add("marked wrong in the file but right on re-grading (the quiz may have changed)", label)
        c = claimed.setdefault(r["file"], [0, 0])
        c[0] += r["stored_correct"]
        c[1] += ok
        r.update(correct=ok, verified=True, earned=ok and not r["revealed"])
    for fname, fi in issues.items():
        stored, graded = claimed[fname]
        if stored != graded:
            fi.add(f"score in the file {stored} correct, on re-grading {graded}: the re-graded score is used", "")
    for r in rows:
        if r["revealed"]:
            issues.setdefault(r["file"], _Issues(r["file"])).add(
                "answers given after \"Show answer\": not counted as earned", f"{r['quiz']}/{r['question']}")
    for fi in issues.values():
        problems += fi.problems()
    return problems
