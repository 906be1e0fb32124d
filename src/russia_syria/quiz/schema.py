"""Validate a quiz file (already parsed from YAML) and normalise it into the spec the JavaScript grades.

Why hand-written checks rather than jsonschema: a teacher must read the message and fix the file, so each
problem is reported in plain words naming the file and the question ("no option is marked correct"), and
the runtime needs no extra dependency on Colab, JupyterHub or JupyterLite (jsonschema stays a test tool).
The accepted fields per kind are listed in ``FIELDS`` below and documented in ``quizzes/README.md``.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .errors import QuizError

KINDS = ("single", "multiple", "truefalse", "numeric", "text", "order", "match")
LEVELS = ("recall", "understand", "apply", "analyse", "evaluate")  # cognitive level of a question (Bloom, revised)
COMMON = {"id", "kind", "prompt", "section", "explanation", "feedback", "level"}
FIELDS: dict[str, set[str]] = {
    "single": COMMON | {"options", "answer"},
    "multiple": COMMON | {"options", "answer"},
    "truefalse": COMMON | {"answer", "feedback_true", "feedback_false"},
    "numeric": COMMON | {"answer", "tolerance", "unit", "hint"},
    "text": COMMON | {"accept"},
    "order": COMMON | {"items"},
    "match": COMMON | {"pairs"},
}
TOP = {"id", "title", "chapter", "questions"}
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # used with fullmatch: `$` would let "id\n" through
COURSE = "russia-syria"  # key prefix of saved progress in the browser, and `course` in exported files


# Characters that show nothing on their own: format characters (zero-width space, joiners, soft hyphen, BOM),
# spaces, controls, lone combining marks, unassigned and private-use code points, and the "filler" letters.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def _visible(text: str) -> bool:
    return any(c not in _BLANK_LETTERS and unicodedata.category(c) not in _INVISIBLE_CATEGORIES for c in text)


def _shown(value: Any) -> str:
    """A value for a message, cut short: a 400-digit number is named, not printed whole."""
    text = repr(getattr(value, "source", value))
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


def _text(value: Any, what: str, src: str, qid: str | None, *, required: bool = True) -> str | None:
    """A plain-text field. Numbers become text as written; booleans are refused (quote them)."""
    if value is None:
        if required:
            raise QuizError(src, f"{what} is missing", qid)
        return None
    if isinstance(value, bool):
        raise QuizError(src, f"{what} was read as {value!r} (YAML turns a bare true/false into a boolean): "
                        "put the text in quotes", qid)
    if isinstance(value, numbers.Number):
        value = getattr(value, "source", None) or str(value)  # the quiz loader keeps `012` as written
    if not isinstance(value, str):
        raise QuizError(src, f"{what} must be text, not {type(value).__name__}", qid)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):  # cannot be written to a page or a file
        raise QuizError(src, f"{what} contains a lone surrogate (an invalid \\u escape)", qid)
    value = value.strip()
    if required and not value:
        raise QuizError(src, f"{what} is empty", qid)
    if value and not _visible(value):
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in value}))
        raise QuizError(src, f"{what} has only invisible characters ({codes}): write visible text", qid)
    return value


def _number(value: Any) -> float | int | None:
    """``value`` as a finite real number, or None (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    value = value.item() if hasattr(value, "item") else value  # numpy scalars → plain Python for JSON
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer beyond any float (400 nines): the page's JavaScript could not hold it
        return None
    if not finite:
        return None
    return float(value) if isinstance(value, float) else int(value)  # plain types: the quiz loader's keep .source


def _options(q: Mapping, src: str, qid: str) -> list[dict]:
    opts = q.get("options")
    if not isinstance(opts, list) or not opts:
        raise QuizError(src, "options are missing or empty (give a list of options, each with `text`)", qid)
    if len(opts) < 2:
        raise QuizError(src, "needs at least 2 options", qid)
    out = []
    for i, o in enumerate(opts, 1):
        if not isinstance(o, Mapping):
            raise QuizError(src, f"option {i} must be a mapping with `text` (and `correct`, `feedback`)", qid)
        extra = set(o) - {"text", "correct", "feedback"}
        if extra:
            raise QuizError(src, f"option {i} has unknown field(s) {sorted(extra, key=str)}", qid)
        correct = o.get("correct", False)
        if not isinstance(correct, bool):
            raise QuizError(src, f"option {i}: `correct` must be true or false", qid)
        item = {"text": _text(o.get("text"), f"option {i} text", src, qid), "correct": correct}
        fb = _text(o.get("feedback"), f"option {i} feedback", src, qid, required=False)
        if fb:
            item["feedback"] = fb
        out.append(item)
    if "answer" in q:  # alternative to `correct: true`: option number(s), counted from 1 as a teacher counts
        ans = q["answer"]
        nums = ans if isinstance(ans, list) else [ans]
        if not nums or any(isinstance(a, bool) or not isinstance(a, int) for a in nums):
            raise QuizError(src, f"`answer` must be an option number (counted from 1) or a list of them, got {ans!r}", qid)
        for a in nums:
            if not 1 <= a <= len(out):
                raise QuizError(src, f"answer {a} is out of range: there are {len(out)} options, numbered from 1", qid)
        if any(o["correct"] for o in out) and {i + 1 for i, o in enumerate(out) if o["correct"]} != set(nums):
            raise QuizError(src, "`answer` and the options marked `correct: true` disagree", qid)
        for a in nums:
            out[a - 1]["correct"] = True
    n_correct = sum(o["correct"] for o in out)
    if n_correct == 0:
        raise QuizError(src, "no option is marked `correct: true`", qid)
    if q["kind"] == "single" and n_correct > 1:
        raise QuizError(src, f"{n_correct} options are marked correct; a `single` question needs exactly one "
                        "(use kind `multiple` for select-all-that-apply)", qid)
    texts = [o["text"] for o in out]
    if len(set(texts)) != len(texts):
        raise QuizError(src, "two options have the same text", qid)
    return out


def _text_list(value: Any, field: str, src: str, qid: str, minimum: int) -> list[str]:
    if not isinstance(value, list) or len(value) < minimum:
        raise QuizError(src, f"`{field}` must be a list of at least {minimum} entries", qid)
    items = [_text(v, f"{field} entry {i}", src, qid) for i, v in enumerate(value, 1)]
    if len(set(items)) != len(items):
        raise QuizError(src, f"`{field}` has two identical entries", qid)
    return items


def _numeric_answer(q: Mapping, src: str, qid: str, values: Mapping | None, used: set[str]) -> float | int | None:
    ans = q.get("answer")
    if isinstance(ans, Mapping):
        if set(ans) != {"value"} or not isinstance(ans["value"], str) or not ans["value"]:
            raise QuizError(src, "a computed answer is written `answer: {value: NAME}`", qid)
        name = ans["value"]
        used.add(name)
        if values is None:
            return None  # checking the file only: the notebook supplies the number
        if name not in values:
            raise QuizError(src, f"needs the computed value {name!r}: pass values={{{name!r}: ...}} to show()", qid)
        got = _number(values[name])
        if got is None:
            raise QuizError(src, f"computed value {name!r} must be a finite number, got {_shown(values[name])}", qid)
        return got
    got = _number(ans)
    if got is None:
        raise QuizError(src, f"`answer` must be a number (or {{value: NAME}}), got {_shown(ans)}", qid)
    return got


def validate(raw: Any, src: str, values: Mapping[str, Any] | None = None) -> dict:
    """Check a parsed quiz file and return the normalised spec.

    ``values`` fills ``answer: {value: NAME}``; with ``values=None`` the file is only checked (CLI), and
    computed answers stay ``None``. Raises :class:`QuizError` naming ``src`` and the question.
    """
    if not isinstance(raw, Mapping):
        raise QuizError(src, "the file must be a mapping with id, title, chapter and questions")
    extra = set(raw) - TOP
    if extra:
        raise QuizError(src, f"unknown top-level field(s) {sorted(extra, key=str)}; allowed: {sorted(TOP)}")
    quiz_id = _text(raw.get("id"), "`id`", src, None)
    if not ID.fullmatch(quiz_id):
        raise QuizError(src, f"`id` {quiz_id!r} may use only letters, digits, - and _")
    chapter = _text(raw.get("chapter"), "`chapter`", src, None)
    if chapter.startswith("/") or ".." in chapter or chapter.endswith((".md", ".ipynb", ".html")):
        raise QuizError(src, f"`chapter` {chapter!r} must be a book path without extension, e.g. book/01_reading_the_source")
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        raise QuizError(src, "`questions` is missing or empty")

    seen: set[str] = set()
    used: set[str] = set()
    out = []
    for n, q in enumerate(questions, 1):
        if not isinstance(q, Mapping):
            raise QuizError(src, f"question {n} must be a mapping (id, kind, prompt, ...)")
        qid = q.get("id")
        if not isinstance(qid, str) or not ID.fullmatch(qid):
            raise QuizError(src, f"question {n} needs an `id` made of letters, digits, - and _ (got {qid!r})")
        if qid in seen:
            raise QuizError(src, "duplicate question id (ids must be unique within the file)", qid)
        seen.add(qid)
        kind = q.get("kind")
        if kind not in KINDS:
            raise QuizError(src, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}", qid)
        extra = set(q) - FIELDS[kind]
        if extra:
            raise QuizError(src, f"unknown field(s) {sorted(extra, key=str)} for kind {kind!r}; allowed: {sorted(FIELDS[kind])}", qid)
        spec: dict[str, Any] = {"id": qid, "kind": kind, "prompt": _text(q.get("prompt"), "`prompt`", src, qid)}
        for key in ("section", "explanation", "feedback"):
            val = _text(q.get(key), f"`{key}`", src, qid, required=False)
            if val:
                spec[key] = val
        if "section" in spec and not ID.fullmatch(spec["section"]):
            raise QuizError(src, f"`section` {spec['section']!r} must be an anchor id (letters, digits, - and _)", qid)
        if "level" in q:
            if q["level"] not in LEVELS:
                raise QuizError(src, f"`level` {q['level']!r} is not a level; use one of {', '.join(LEVELS)}", qid)
            spec["level"] = q["level"]

        if kind in ("single", "multiple"):
            spec["options"] = _options(q, src, qid)
        elif kind == "truefalse":
            if not isinstance(q.get("answer"), bool):
                raise QuizError(src, f"`answer` must be true or false, got {q.get('answer')!r}", qid)
            spec["answer"] = q["answer"]
            for key in ("feedback_true", "feedback_false"):
                val = _text(q.get(key), f"`{key}`", src, qid, required=False)
                if val:
                    spec[key] = val
        elif kind == "numeric":
            spec["answer"] = _numeric_answer(q, src, qid, values, used)
            tol = _number(q.get("tolerance", 0))
            if tol is None or tol < 0:
                raise QuizError(src, f"`tolerance` must be a number >= 0, got {_shown(q.get('tolerance'))}", qid)
            spec["tolerance"] = tol
            unit = _text(q.get("unit"), "`unit`", src, qid, required=False)
            if unit:
                spec["unit"] = unit
            hint = _text(q.get("hint"), "`hint`", src, qid, required=False)
            if hint:  # shown after a wrong answer, before the explanation
                spec["hint"] = hint
            if isinstance(q.get("answer"), Mapping):
                spec["computed"] = q["answer"]["value"]
        elif kind == "text":
            spec["accept"] = _text_list(q.get("accept"), "accept", src, qid, 1)
        elif kind == "order":
            spec["items"] = _text_list(q.get("items"), "items", src, qid, 2)
        elif kind == "match":
            pairs = q.get("pairs")
            if not isinstance(pairs, list) or len(pairs) < 2:
                raise QuizError(src, "`pairs` must be a list of at least 2 {left: ..., right: ...}", qid)
            spec["pairs"] = []
            for i, p in enumerate(pairs, 1):
                if not isinstance(p, Mapping) or set(p) != {"left", "right"}:
                    raise QuizError(src, f"pair {i} must have exactly `left` and `right`", qid)
                spec["pairs"].append({"left": _text(p["left"], f"pair {i} left", src, qid),
                                      "right": _text(p["right"], f"pair {i} right", src, qid)})
            for side in ("left", "right"):
                texts = [p[side] for p in spec["pairs"]]
                if len(set(texts)) != len(texts):
                    raise QuizError(src, f"two pairs have the same {side} text", qid)
        out.append(spec)

    if values is not None:
        unused = sorted(set(values) - used, key=str)
        if unused:
            raise QuizError(src, f"value(s) {unused} were passed but no question uses them "
                            "(check the spelling in `answer: {value: NAME}`)")
    return {
        "v": 1,
        "course": COURSE,
        "id": quiz_id,
        "dom": f"rsq-{quiz_id}",
        "title": _text(raw.get("title"), "`title`", src, None),
        "chapter": chapter,
        "questions": out,
    }
