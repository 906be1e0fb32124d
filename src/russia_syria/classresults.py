"""Class results: read a folder of students' quiz exports, re-grade them, and report every problem.

The export format is written by the quiz front end (``quiz.mjs``, documented in ``quizzes/README.md``)::

    {"format": "russia-syria-quiz-progress", "version": 1, "course": "russia-syria", "student": "Ann",
     "exported_at": "2026-03-01T10:00:00Z", "quizzes": ["ch01"],
     "answers": [{"quiz": "ch01", "question": "genre", "answer": 1, "correct": true, ...}]}

A file is a student's claim, not proof. Every answer is graded again from the raw ``answer`` by the quizzes' own
grader (:mod:`russia_syria.regrade`, which runs ``quiz.mjs``) against the quiz files and the computed values;
an answer revealed with "Show answer" counts as not earned. A malformed, foreign, duplicate or forged file (or a
bad entry inside one) becomes a :class:`Problem` naming the file; reading carries on with the rest, and nothing
is dropped without a problem saying so. Many problems of one kind in one file make one line, not thousands.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import classcheck
from .classcheck import invisible

# The export format's names, re-exported: callers read them as classresults.FORMAT and so on.
from .classfile import COURSE as COURSE
from .classfile import FORMAT as FORMAT
from .classfile import MAX_BYTES as MAX_BYTES
from .classfile import MAX_ENTRIES as MAX_ENTRIES
from .classfile import VERSION as VERSION
from .classfile import BadFile, export_time, read_export

# Fields the quiz front end adds per answer for "Show answer" and for the number of checks: one place to rename.
REVEALED, ATTEMPTS = "revealed", "attempts"
ANSWER_COLUMNS = ["student", "file", "quiz", "question", "answer", "answer_text", "stored_correct", "correct",
                  "verified", REVEALED, ATTEMPTS, "earned", "timestamp"]
FILE_COLUMNS = ["file", "student", "exported_at", "answers_used"]
ALL_FILES = "(all files)"


@dataclass(frozen=True)
class Problem:
    """One file (or one kind of entry in it) that was not used, or not entirely; ``reason`` says why."""

    file: str
    reason: str


@dataclass
class ClassResults:
    """What was read: the answers used (re-graded), one row per accepted file, and the problems met."""

    answers: pd.DataFrame
    files: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    def problems_frame(self) -> pd.DataFrame:
        """The problems as a table (file, reason), in the order they were found."""
        return pd.DataFrame([(p.file, p.reason) for p in self.problems], columns=["file", "reason"])

    def report(self) -> list[str]:
        """The problems as lines for a teacher: each file named once, its reasons below it."""
        lines: list[str] = []
        by_file: dict[str, list[str]] = {}
        for p in self.problems:
            by_file.setdefault(p.file, []).append(p.reason)
        for fname, reasons in by_file.items():
            if len(reasons) == 1:
                lines.append(f"- {fname}: {reasons[0]}")
            else:
                lines += [f"- {fname}: {len(reasons)} problems"] + [f"    - {r}" for r in reasons]
        return lines


class _Issues:
    """Problems of one file, one line per kind: a flood of 15,000 bad entries becomes one line with a count."""

    def __init__(self, fname: str) -> None:
        self.fname, self.kinds = fname, {}

    def add(self, kind: str, where: str) -> None:
        self.kinds.setdefault(kind, []).append(where)

    def problems(self) -> list[Problem]:
        out = []
        for kind, wheres in self.kinds.items():
            shown = ", ".join(wheres[:3]) + (f" and {len(wheres) - 3:,} more" if len(wheres) > 3 else "")
            out.append(Problem(self.fname, f"{kind} ({shown})" if len(wheres) > 1 or wheres[0] else kind))
        return out


def _key(name: str) -> str:
    """Compare names the way a person would: Unicode-normalised, case- and space-insensitive."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _number(value: Any) -> bool:
    # Python's JSON reader accepts NaN and Infinity, which are not JSON: the grader could not be handed them.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _flat(answer: Any) -> bool:
    """The shapes quiz.mjs writes: a scalar, or a flat list of numbers (nothing nested to re-grade)."""
    if isinstance(answer, list):
        return len(answer) <= 100 and all(_number(a) for a in answer)
    if isinstance(answer, str):
        return len(answer) <= 500
    return isinstance(answer, bool) or _number(answer)


def _answers(data: dict, fname: str, student: str, known: Mapping[str, set[str]] | None, now: datetime,
             issues: _Issues) -> list[dict]:
    """The usable answer entries of one file; bad entries are counted per kind in ``issues`` and skipped."""
    rows: dict[tuple[str, str], dict] = {}
    exported = export_time(data["exported_at"])
    for i, a in enumerate(data["answers"], 1):
        where = f"answer {i}"
        if not isinstance(a, dict):
            issues.add("answers that are not objects: skipped", where)
            continue
        quiz, question, correct = a.get("quiz"), a.get("question"), a.get("correct")
        if not isinstance(quiz, str) or not isinstance(question, str) or len(quiz) + len(question) > 200:
            issues.add("answers with no quiz or question id: skipped", where)
            continue
        label = f"{quiz}/{question}"
        if not isinstance(correct, bool):
            issues.add("answers whose `correct` is not true or false: skipped", label)
            continue
        if known is not None and quiz not in known:
            issues.add("answers to quizzes that are not in this course: skipped", label)
            continue
        if known is not None and question not in known[quiz]:
            issues.add("answers to questions that are not in the quiz (it may have changed since the export): "
                       "skipped", label)
            continue
        if (quiz, question) in rows:
            issues.add("questions answered twice in one file: the later entry is used", label)
        if "answer" not in a or not _flat(a["answer"]):
            issues.add("answers with no readable student response: they cannot be re-graded, so they are not "
                       "counted", label)
            continue
        when = export_time(a.get("timestamp"))
        if classcheck.future(when, now) or (when and exported and when > exported + classcheck.CLOCK_SLACK):
            issues.add("answer times in the future (after now or after the export): check the file", label)
        revealed = a.get(REVEALED, False)
        attempts = a.get(ATTEMPTS)
        if not isinstance(revealed, bool) or not (attempts is None or (isinstance(attempts, int)
                                                                       and not isinstance(attempts, bool) and attempts >= 0)):
            issues.add(f"answers with an unreadable `{REVEALED}` or `{ATTEMPTS}`: counted as revealed", label)
            revealed, attempts = True, None
        rows[(quiz, question)] = {
            "student": student, "file": fname, "quiz": quiz, "question": question, "answer": a["answer"],
            "answer_text": str(a.get("answer_text", ""))[:200], "stored_correct": correct, "correct": correct,
            "verified": False, REVEALED: revealed, ATTEMPTS: attempts, "earned": correct and not revealed,
            "timestamp": when.isoformat() if when else "",
        }
    if not data["answers"]:
        issues.add("the file holds no answers at all (exported before answering?): the student is listed with "
                   "nothing answered", "")
    return list(rows.values())


def read_folder(folder: Path | str, known: Mapping[str, set[str]] | None = None,
                specs: Mapping[str, dict] | None = None, now: datetime | None = None) -> ClassResults:
    """Read every file in ``folder`` (not sub-folders; hidden files are ignored) and re-grade the answers.

    ``specs`` maps quiz id → validated quiz spec with computed values filled (see :func:`course_specs`); with it
    every answer is re-graded by ``quiz.mjs`` and answers to unknown questions are reported. ``known`` (quiz id →
    question ids) only checks the ids. Duplicates: the same file twice (same bytes) is used once; when one
    student's quiz appears in several files, the most recent export is used for that quiz and the others are
    reported.
    """
    folder = Path(folder)
    now = now or datetime.now(UTC)
    if not folder.is_dir():  # a mistyped FOLDER: say so, with the name as typed, instead of a traceback
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        return ClassResults(pd.DataFrame(columns=ANSWER_COLUMNS), pd.DataFrame(columns=FILE_COLUMNS),
                            [Problem(folder.name or str(folder), f"the folder {what}: check FOLDER "
                                     "(a folder of exported .json files)")])
    if specs is not None:
        known = {qid: {q["id"] for q in s["questions"]} for qid, s in specs.items()}
    problems: list[Problem] = []
    accepted: list[tuple[str, str, datetime, dict]] = []  # (file, student, exported_at, data)
    seen_bytes: dict[str, str] = {}
    names: dict[str, str] = {}
    for path in sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: (p.stem, p.suffix)):
        fname = path.name
        if path.is_dir():
            problems.append(Problem(fname, "a folder, not a file: not read (put all exports in one folder)"))
            continue
        try:
            data = read_export(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except BadFile as exc:
            problems.append(Problem(fname, str(exc)))
            continue
        except OSError as exc:
            problems.append(Problem(fname, f"cannot be read ({exc.strerror})"))
            continue
        if digest in seen_bytes:
            problems.append(Problem(fname, f"duplicate: an exact copy of {seen_bytes[digest]}, which is used"))
            continue
        seen_bytes[digest] = fname
        names[fname] = data["student"]
        if invisible(data["student"]):
            problems.append(Problem(fname, "the student name holds invisible characters "
                                           f"({', '.join(invisible(data['student'])[:5])}): check who sent it"))
        if classcheck.future(export_time(data["exported_at"]), now):
            problems.append(Problem(fname, f"exported in the future ({data['exported_at']}): the clock or the file "
                                           "was changed"))
        student = " ".join(data["student"].split()) or f"(no name: {path.stem})"
        accepted.append((fname, student, export_time(data["exported_at"]), data))
    problems += [Problem(f, r) for f, r in classcheck.similar_names(names).items()]

    # Newest export first, so that for each (student, quiz) the first file met is the one used.
    accepted.sort(key=lambda x: x[2], reverse=True)
    owner: dict[tuple[str, str], str] = {}
    rows: list[dict] = []
    files = []
    for fname, student, when, data in accepted:
        issues = _Issues(fname)
        entries = _answers(data, fname, student, known, now, issues)
        problems += issues.problems()
        used = []
        shadowed: dict[str, list[str]] = {}  # newer file → quizzes of this file that it replaces
        for quiz in dict.fromkeys(data["quizzes"] + [e["quiz"] for e in entries]):
            k = (_key(student), quiz)
            if k in owner:
                shadowed.setdefault(owner[k], []).append(quiz)
                continue
            owner[k] = fname
            used.append(quiz)
        for newer, quizzes in shadowed.items():
            which = ", ".join(repr(q) for q in quizzes)
            problems.append(Problem(fname, f"duplicate: {student}'s answers to quiz{'zes' if len(quizzes) > 1 else ''} "
                                           f"{which} are also in {newer}, exported later, which is used"))
        kept = [e for e in entries if e["quiz"] in used]
        rows += kept
        files.append({"file": fname, "student": student, "exported_at": when, "answers_used": len(kept)})
    if specs is not None:
        from .classgrade import regrade_rows

        problems += regrade_rows(rows, specs)
    files.sort(key=lambda r: r["file"])
    problems.sort(key=lambda p: (p.file != ALL_FILES, p.file))  # stable: one file's problems stay in order
    return ClassResults(pd.DataFrame(rows, columns=ANSWER_COLUMNS), pd.DataFrame(files, columns=FILE_COLUMNS), problems)
