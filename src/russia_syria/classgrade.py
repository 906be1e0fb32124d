"""Re-grading for class results: the quiz specs with computed values, and the verdicts of ``quiz.mjs``.

Kept apart from reading (:mod:`russia_syria.classresults`) so that reading works without the quiz files or
Node.js; what could not be re-graded is said in one line, never silently trusted. The computed values come in as a
parameter: the book's build code computes them (``bookbuild.teacher.course_values``), and the runtime never
imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import regrade

UNKNOWN = ("computed answers are unknown (this notebook runs outside a copy of the course repository): numeric "
           "answers computed from the data are not re-graded")


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


def specs_for(values: Mapping[str, Mapping[str, Any]] | None, notes: list[str] | tuple = ()
              ) -> tuple[dict[str, dict], list[str]]:
    """The specs to re-grade exports with: ``values`` are the chapters' computed answers by quiz file name (None:
    unknown, said in a note; those questions keep their stored flags), ``notes`` what went wrong computing them."""
    specs, more = course_specs(values)
    return specs, ([UNKNOWN] if values is None else []) + list(notes) + more


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
