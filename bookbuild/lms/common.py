"""What every LMS format shares: the question's texts as escaped HTML, feedback, and the kind mappings."""

from __future__ import annotations

import html
from typing import Any

# (format, course kind) → (the LMS kind written, a line for the export report or "" when nothing is lost)
ORDER_NOTE = ("ordering has no question type in every {lms} installation: written as matching, each item "
              "to its position (position 1, position 2, ...)")
MULTIPLE_NOTE = ("the course grades all-or-nothing; {lms} gives partial credit (each right option +{share}, any "
                 "wrong option −100 %, floored at 0)")
KINDS = {
    "moodle": {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "numeric": "numerical",
               "text": "shortanswer", "match": "matching", "order": "matching"},
    "gift": {"single": "multiple choice", "multiple": "multiple choice (checkboxes)", "truefalse": "true-false",
             "numeric": "numerical", "text": "short answer", "match": "matching", "order": "matching"},
    "qti12": {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
              "truefalse": "true_false_question", "numeric": "numerical_question", "text": "short_answer_question",
              "match": "matching_question", "order": "matching_question"},
}
LMS = {"moodle": "Moodle", "gift": "Moodle (GIFT)", "qti12": "Canvas (QTI 1.2)"}


def e(text: Any) -> str:
    """Plain course text as HTML: every text field of a quiz is plain text, never markup."""
    return html.escape(str(text), quote=False)  # element content: quotes stay as typed


def positions(n: int) -> list[str]:
    """Labels of the places in an ordering question turned into matching."""
    return [f"position {i}" for i in range(1, n + 1)]


def pairs(q: dict) -> list[tuple[str, str]]:
    """(left, right) of a matching question, or of an ordering question written as matching."""
    if q["kind"] == "order":
        return list(zip(q["items"], positions(len(q["items"])), strict=True))
    return [(p["left"], p["right"]) for p in q["pairs"]]


def prompt(q: dict) -> str:
    """The prompt, with the unit of a numeric answer and the instruction an ordering needs once it is matching."""
    text = q["prompt"]
    if q["kind"] == "numeric" and q.get("unit"):
        text += f" (answer in {q['unit']}, as a number)"
    if q["kind"] == "order":
        text += " (give each item its position, first = position 1)"
    return text


def general_html(q: dict, link: str) -> str:
    """General feedback as HTML: the question's feedback, its explanation, and a link back to the book."""
    parts = [f"<p>{e(q[k])}</p>" for k in ("feedback", "explanation") if q.get(k)]
    parts.append(f'<p>Review: <a href="{html.escape(link, quote=True)}">{e(link)}</a></p>')
    return "".join(parts)


def multiple_share(q: dict) -> float:
    """The fraction (percent) a right option of a multiple-answer question is worth."""
    return 100 / sum(1 for o in q["options"] if o.get("correct"))


def fraction(value: float) -> str:
    """A percentage as Moodle writes it (at most 5 decimals: 33.33333)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def report_lines(fmt: str, quizzes: list[dict]) -> list[str]:
    """One line per question whose kind had to change (or lose something) in ``fmt``."""
    lms = LMS[fmt]
    out = []
    for spec in quizzes:
        for q in spec["questions"]:
            where = f"{spec['name']}.yml, question '{q['id']}' ({q['kind']} → {KINDS[fmt][q['kind']]})"
            if q["kind"] == "order":
                out.append(f"- {where}: " + ORDER_NOTE.format(lms=lms))
            elif q["kind"] == "multiple" and fmt != "qti12":
                out.append(f"- {where}: " + MULTIPLE_NOTE.format(lms=lms, share=fraction(multiple_share(q)) + " %"))
            elif q["kind"] == "numeric" and q.get("unit"):
                out.append(f"- {where}: the unit ({q['unit']}) is named in the prompt; the LMS reads a bare number")
    return out
