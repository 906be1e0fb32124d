"""Answer keys for the teacher's guide, generated from the quiz files (never typed twice)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..markdown import escape_markdown
from .files import load

KIND_NAMES = {
    "single": "single choice", "multiple": "select all that apply", "truefalse": "true/false",
    "numeric": "number", "text": "short text", "order": "ordering", "match": "matching",
}


def _answer(q: dict) -> str:
    kind = q["kind"]
    if kind in ("single", "multiple"):
        return "; ".join(o["text"] for o in q["options"] if o["correct"])
    if kind == "truefalse":
        return "True" if q["answer"] else "False"
    if kind == "numeric":
        if q["answer"] is None:
            return f"computed in the notebook ({q['computed']})"
        tol = f" (± {q['tolerance']})" if q["tolerance"] else ""
        return f"{q['answer']}{' ' + q['unit'] if 'unit' in q else ''}{tol}"
    if kind == "text":
        return " / ".join(q["accept"])
    if kind == "order":
        return " → ".join(q["items"])
    return "; ".join(f"{p['left']} → {p['right']}" for p in q["pairs"])


def answer_key(name: str, values: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The answer key of quiz ``name``: one row per question. Without ``values``, computed answers are named."""
    spec = load(name, values)
    return pd.DataFrame([
        {"question": i, "id": q["id"], "kind": KIND_NAMES[q["kind"]], "prompt": q["prompt"],
         "answer": _answer(q), "explanation": q.get("explanation", "")}
        for i, q in enumerate(spec["questions"], 1)
    ])


def answer_key_markdown(name: str, values: Mapping[str, Any] | None = None) -> str:
    """The answer key as a Markdown table (for the teacher's guide pages); every text shows as written."""
    frame = answer_key(name, values)
    lines = ["| # | Question | Kind | Answer | Why |", "|---|---|---|---|---|"]
    cell = escape_markdown  # no links, images (a remote image is a third-party request), HTML or markup
    lines += [f"| {r.question} | {cell(r.prompt)} | {cell(r.kind)} | {cell(r.answer)} | {cell(r.explanation)} |"
              for r in frame.itertuples()]
    return "\n".join(lines) + "\n"
