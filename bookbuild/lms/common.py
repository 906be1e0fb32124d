"""What every LMS format shares: the question's texts as escaped HTML, feedback, and the kind mappings."""

from __future__ import annotations

import html
from decimal import Decimal
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
    "cc": {"single": "cc.multiple_choice", "multiple": "cc.multiple_response", "truefalse": "cc.true_false",
           "numeric": "cc.fib", "text": "cc.fib", "match": "cc.multiple_choice per item",
           "order": "cc.multiple_choice per item"},
}
LMS = {"moodle": "Moodle", "gift": "Moodle (GIFT)", "qti12": "Canvas (QTI 1.2)", "cc": "Common Cartridge 1.1"}
CC_SPLIT_NOTE = ("Common Cartridge's QTI profile has no {kind} question: written as {n} multiple-choice questions "
                 "({ids}), one per item, each worth 1 point")
CC_NUMERIC_NOTE = ("Common Cartridge's QTI profile has no numeric question: written as fill-in-the-blank accepting "
                   "the text {values}{lost}")


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


def number_text(value: float) -> str:
    """A number as a student would type it: ``35``, ``11.6`` (never ``3.5e+01``)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return text[:-2] if text.endswith(".0") else text


def accepted_numbers(q: dict, limit: int = 41) -> list[str]:
    """Every value within the tolerance, at the precision of the answer and tolerance (``34``, ``35``, ``36``).

    For formats with exact-text answers only: the values a student can type at the question's precision still
    count. More than ``limit`` values (a wide tolerance): only the answer itself.
    """
    answer, tol = Decimal(repr(float(q["answer"]))), Decimal(repr(float(q.get("tolerance") or 0)))
    step = Decimal(1).scaleb(min(answer.normalize().as_tuple().exponent, tol.normalize().as_tuple().exponent, 0))
    n = int(tol / step)
    if not tol or 2 * n + 1 > limit:
        return [number_text(answer)]
    return [number_text(answer + k * step) for k in range(-n, n + 1)]


def report_lines(fmt: str, quizzes: list[dict]) -> list[str]:
    """One line per question whose kind had to change (or lose something) in ``fmt``."""
    lms = LMS[fmt]
    out = []
    for spec in quizzes:
        for q in spec["questions"]:
            where = f"{spec['name']}.yml, question '{q['id']}' ({q['kind']} → {KINDS[fmt][q['kind']]})"
            if fmt == "cc":
                if q["kind"] in ("match", "order"):
                    n = len(pairs(q))
                    ids = f"{spec['id']}-{q['id']}-1 … -{n}"
                    out.append(f"- {where}: " + CC_SPLIT_NOTE.format(
                        kind="ordering" if q["kind"] == "order" else "matching", n=n, ids=ids))
                elif q["kind"] == "numeric":
                    values = accepted_numbers(q)
                    lost = ""
                    if q.get("tolerance") and len(values) > 1:
                        lost = (f" (the values within ±{number_text(q['tolerance'])}, written to the answer's "
                                "precision; any other spelling, such as an extra decimal, is marked wrong)")
                    elif q.get("tolerance"):
                        lost = f" (the tolerance ±{number_text(q['tolerance'])} is lost)"
                    out.append(f"- {where}: " + CC_NUMERIC_NOTE.format(values=", ".join(values), lost=lost))
            elif q["kind"] == "order":
                out.append(f"- {where}: " + ORDER_NOTE.format(lms=lms))
            elif q["kind"] == "multiple" and fmt != "qti12":
                out.append(f"- {where}: " + MULTIPLE_NOTE.format(lms=lms, share=fraction(multiple_share(q)) + " %"))
            elif q["kind"] == "numeric" and q.get("unit"):
                out.append(f"- {where}: the unit ({q['unit']}) is named in the prompt; the LMS reads a bare number")
    return out
