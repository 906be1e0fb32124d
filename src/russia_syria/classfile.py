"""One quiz export file (the format is documented in ``quizzes/README.md``): read it and check its envelope.

:mod:`russia_syria.classresults` reads a folder of them; this module says why one file cannot be used at all.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

FORMAT = "russia-syria-quiz-progress"
VERSION = 1
COURSE = "russia-syria"
MAX_BYTES = 2_000_000  # a real export is a few kB; a huge file is not one, and is not read into memory
MAX_ENTRIES = 10_000   # answers in one file; the course has under 100 questions


def export_time(value: Any) -> datetime | None:
    """An ISO 8601 time with a time zone, as exports write it; None for anything else."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else None  # exports are written in UTC with an offset; a naive time is not one


class BadFile(Exception):
    """A file that cannot be used at all (the message is the reason)."""


def read_export(path: Path) -> dict:
    """Parse and check the envelope of one export; raise BadFile with the reason."""
    if path.suffix.lower() != ".json":
        raise BadFile("not a quiz export: only .json files exported from the course are read")
    size = path.stat().st_size
    if size == 0:
        raise BadFile("the file is empty")
    if size > MAX_BYTES:
        raise BadFile(f"the file is {size:,} bytes, far larger than any quiz export: not read")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFile("not UTF-8 text, so not a quiz export") from None
    except json.JSONDecodeError as exc:
        raise BadFile(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); the file may be "
                   "damaged or edited by hand — ask the student to export again") from None
    except RecursionError:  # e.g. 2 kB of "[[[[...": Python's parser gives up on deep nesting
        raise BadFile("nested too deeply to be a quiz export (brackets inside brackets): not read") from None
    if not isinstance(data, dict):
        raise BadFile(f"the file holds a JSON {type(data).__name__}, not a quiz export object")
    if data.get("format") != FORMAT:
        raise BadFile(f"not a quiz export of this course (format is {short(data.get('format'))}, expected {FORMAT!r})")
    if data.get("course") != COURSE:
        raise BadFile(f"an export from another course ({short(data.get('course'))}, expected {COURSE!r})")
    if data.get("version") != VERSION:
        raise BadFile(f"export format version {short(data.get('version'))} is not supported (this reader knows {VERSION})")
    if not isinstance(data.get("student"), str) or len(data["student"]) > 200:
        raise BadFile("`student` must be a name (text of at most 200 characters; it may be empty)")
    if export_time(data.get("exported_at")) is None:
        raise BadFile(f"`exported_at` is not a date and time with a time zone: {short(data.get('exported_at'))}")
    if not isinstance(data.get("quizzes"), list) or not all(isinstance(q, str) for q in data["quizzes"]):
        raise BadFile("`quizzes` must be a list of quiz ids")
    if not isinstance(data.get("answers"), list):
        raise BadFile("`answers` must be a list")
    if len(data["answers"]) > MAX_ENTRIES:
        raise BadFile(f"{len(data['answers']):,} answers, far more than the course has questions: not read")
    return data


def short(value: Any) -> str:
    """A value from a file, for a message: repr, cut short (a hostile file can hold megabytes in one field)."""
    text = repr(value) if isinstance(value, (str, int, float, bool, type(None))) else f"a JSON {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "…"
