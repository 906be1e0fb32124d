"""Class results: read a folder of students' quiz exports into pandas tables for the teacher.

The export format is written by the quiz front end (``quiz.mjs``, documented in ``quizzes/README.md``)::

    {"format": "russia-syria-quiz-progress", "version": 1, "course": "russia-syria", "student": "Ann",
     "exported_at": "2026-03-01T10:00:00Z", "quizzes": ["ch01"],
     "answers": [{"quiz": "ch01", "question": "genre", "correct": true, "answer_text": "...", ...}]}

A teacher collects these files in one folder. Every file is checked on its own: a malformed, foreign or
duplicate file (or a bad entry inside a file) becomes one :class:`Problem` with a plain reason, and reading
carries on with the rest. Nothing is dropped without a problem saying so.

Grading is taken from the file (``correct``), as the browser graded it: the exports are practice records, not
proof against a student editing the file.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

FORMAT = "russia-syria-quiz-progress"
VERSION = 1
COURSE = "russia-syria"
MAX_BYTES = 2_000_000  # a real export is a few kB; a huge file is not one, and is not read into memory
ANSWER_COLUMNS = ["student", "file", "quiz", "question", "correct", "answer_text", "timestamp"]


@dataclass(frozen=True)
class Problem:
    """One file (or one entry in it) that was not used, or not entirely; ``reason`` says why."""

    file: str
    reason: str


@dataclass
class ClassResults:
    """What was read: the answers used, one row per accepted file, and the problems met."""

    answers: pd.DataFrame
    files: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    def problems_frame(self) -> pd.DataFrame:
        """The problems as a table (file, reason), in the order they were found."""
        return pd.DataFrame([(p.file, p.reason) for p in self.problems], columns=["file", "reason"])


def _key(name: str) -> str:
    """Compare names the way a person would: Unicode-normalised, case- and space-insensitive."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else None  # exports are written in UTC with an offset; a naive time is not one


class _Bad(Exception):
    """A file that cannot be used at all (the message is the reason)."""


def _read(path: Path) -> dict:
    """Parse and check the envelope of one export; raise _Bad with the reason."""
    if path.suffix.lower() != ".json":
        raise _Bad("not a quiz export: only .json files exported from the course are read")
    size = path.stat().st_size
    if size == 0:
        raise _Bad("the file is empty")
    if size > MAX_BYTES:
        raise _Bad(f"the file is {size:,} bytes, far larger than any quiz export: not read")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise _Bad("not UTF-8 text, so not a quiz export") from None
    except json.JSONDecodeError as exc:
        raise _Bad(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); the file may be "
                   "damaged or edited by hand — ask the student to export again") from None
    if not isinstance(data, dict):
        raise _Bad(f"the file holds a JSON {type(data).__name__}, not a quiz export object")
    if data.get("format") != FORMAT:
        raise _Bad(f"not a quiz export of this course (format is {data.get('format')!r}, expected {FORMAT!r})")
    if data.get("course") != COURSE:
        raise _Bad(f"an export from another course ({data.get('course')!r}, expected {COURSE!r})")
    if data.get("version") != VERSION:
        raise _Bad(f"export format version {data.get('version')!r} is not supported (this reader knows {VERSION})")
    if not isinstance(data.get("student"), str):
        raise _Bad("`student` must be text (it may be empty)")
    if _time(data.get("exported_at")) is None:
        raise _Bad(f"`exported_at` is not a date and time with a time zone: {data.get('exported_at')!r}")
    if not isinstance(data.get("quizzes"), list) or not all(isinstance(q, str) for q in data["quizzes"]):
        raise _Bad("`quizzes` must be a list of quiz ids")
    if not isinstance(data.get("answers"), list):
        raise _Bad("`answers` must be a list")
    return data


def _answers(data: dict, fname: str, student: str, known: Mapping[str, set[str]] | None,
             problems: list[Problem]) -> list[dict]:
    """The usable answer entries of one file; each bad entry is reported and skipped."""
    rows: dict[tuple[str, str], dict] = {}
    for i, a in enumerate(data["answers"], 1):
        where = f"answer {i}"
        if not isinstance(a, dict):
            problems.append(Problem(fname, f"{where} is not an object: skipped"))
            continue
        quiz, question, correct = a.get("quiz"), a.get("question"), a.get("correct")
        if not isinstance(quiz, str) or not isinstance(question, str):
            problems.append(Problem(fname, f"{where} has no quiz or question id: skipped"))
            continue
        if not isinstance(correct, bool):
            problems.append(Problem(fname, f"{where} ({quiz}/{question}): `correct` must be true or false: skipped"))
            continue
        if known is not None and quiz not in known:
            problems.append(Problem(fname, f"{where}: quiz {quiz!r} is not in this course: skipped"))
            continue
        if known is not None and question not in known[quiz]:
            problems.append(Problem(fname, f"{where}: question {question!r} is not in quiz {quiz!r} (the quiz may "
                                           "have changed since the export): skipped"))
            continue
        if (quiz, question) in rows:
            problems.append(Problem(fname, f"{where}: {quiz}/{question} answered twice in one file: the later entry is used"))
        rows[(quiz, question)] = {
            "student": student, "file": fname, "quiz": quiz, "question": question, "correct": correct,
            "answer_text": str(a.get("answer_text", "")), "timestamp": str(a.get("timestamp", "")),
        }
    return list(rows.values())


def read_folder(folder: Path | str, known: Mapping[str, set[str]] | None = None) -> ClassResults:
    """Read every file in ``folder`` (not sub-folders; hidden files are ignored).

    ``known`` maps quiz id → question ids (see :func:`course_questions`); answers to anything else are reported.
    Duplicates: the same file twice (same bytes) is used once; when one student's quiz appears in several
    files, the most recent export is used for that quiz and the others are reported.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    accepted: list[tuple[str, str, datetime, dict]] = []  # (file, student, exported_at, data)
    seen_bytes: dict[str, str] = {}
    for path in sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: (p.stem, p.suffix)):
        fname = path.name
        if path.is_dir():
            problems.append(Problem(fname, "a folder, not a file: not read (put all exports in one folder)"))
            continue
        try:
            data = _read(path)
        except _Bad as exc:
            problems.append(Problem(fname, str(exc)))
            continue
        except OSError as exc:
            problems.append(Problem(fname, f"cannot be read ({exc.strerror})"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen_bytes:
            problems.append(Problem(fname, f"duplicate: an exact copy of {seen_bytes[digest]}, which is used"))
            continue
        seen_bytes[digest] = fname
        student = " ".join(data["student"].split()) or f"(no name: {path.stem})"
        accepted.append((fname, student, _time(data["exported_at"]), data))

    # Newest export first, so that for each (student, quiz) the first file met is the one used.
    accepted.sort(key=lambda x: x[2], reverse=True)
    owner: dict[tuple[str, str], str] = {}
    rows: list[dict] = []
    files = []
    for fname, student, when, data in accepted:
        entries = _answers(data, fname, student, known, problems)
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
    files.sort(key=lambda r: r["file"])
    problems.sort(key=lambda p: p.file)  # stable: one file's problems stay in the order found
    return ClassResults(pd.DataFrame(rows, columns=ANSWER_COLUMNS),
                        pd.DataFrame(files, columns=["file", "student", "exported_at", "answers_used"]), problems)


def course_questions() -> pd.DataFrame:
    """Every question of the course's quiz files: quiz id, chapter file name, question id and prompt."""
    from . import quiz

    rows = []
    for name in quiz.available():
        spec = quiz.load(name)
        rows += [{"quiz": spec["id"], "chapter": name, "question": q["id"], "prompt": q["prompt"]}
                 for q in spec["questions"]]
    return pd.DataFrame(rows, columns=["quiz", "chapter", "question", "prompt"])


def known_questions(questions: pd.DataFrame) -> dict[str, set[str]]:
    """``course_questions()`` as the ``known`` mapping of :func:`read_folder`."""
    return {q: set(g["question"]) for q, g in questions.groupby("quiz", sort=False)}


def per_question(results: ClassResults, questions: pd.DataFrame) -> pd.DataFrame:
    """One row per course question: how many students answered it and the share who got it right."""
    stats = results.answers.groupby(["quiz", "question"])["correct"].agg(answered="size", right="sum")
    out = questions.merge(stats.reset_index(), on=["quiz", "question"], how="left")
    out[["answered", "right"]] = out[["answered", "right"]].fillna(0).astype(int)
    out["share_correct"] = (out["right"] / out["answered"]).where(out["answered"] > 0)  # NaN: nobody answered
    return out


def per_student(results: ClassResults, questions: pd.DataFrame) -> pd.DataFrame:
    """One row per student: questions answered, answered correctly, and completion of the whole course."""
    total = len(questions)
    g = results.answers.groupby("student")["correct"]
    out = pd.DataFrame({"answered": g.size(), "right": g.sum().astype(int)}).reset_index()
    out["completion"] = out["answered"] / total if total else float("nan")
    return out.sort_values("student", key=lambda s: s.map(_key)).reset_index(drop=True)


def questions_from_answers(results: ClassResults) -> pd.DataFrame:
    """The questions seen in the answers, for when the course's quiz files are not at hand."""
    seen = results.answers[["quiz", "question"]].drop_duplicates().sort_values(["quiz", "question"])
    return seen.assign(chapter="", prompt="")[["quiz", "chapter", "question", "prompt"]].reset_index(drop=True)


def show_students(students: pd.DataFrame) -> Any:
    """``per_student`` as a styled table; names typed by students are shown as text, never as HTML."""
    return students.style.format({"completion": "{:.0%}"}, escape="html").hide(axis="index")


def show_questions(per_q: pd.DataFrame) -> Any:
    """``per_question`` as a styled table (quiz, question, prompt, answered, share correct), escaped."""
    cols = ["quiz", "question", "prompt", "answered", "share_correct"]
    return per_q[cols].style.format({"share_correct": "{:.0%}"}, na_rep="no answers", escape="html").hide(axis="index")
