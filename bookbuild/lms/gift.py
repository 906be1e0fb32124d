"""GIFT, Moodle's plain-text question format ("GIFT format" in Moodle's import).

Hand-written: the PyPI writers (gift-wrapper, py2gift) take their own YAML or LaTeX input and do not write
per-option feedback from a structure like ours; the format is a few escaping rules.
"""

from __future__ import annotations

from .bank import Bank
from .common import e, fraction, general_html, multiple_share, pairs, prompt

SPECIAL = "~=#{}:"


def esc(text: str) -> str:
    """Plain course text as GIFT [html] text: HTML-escaped, then GIFT's special characters escaped."""
    out = e(text).replace("\\", "&bsol;")
    for ch in SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", "\\n")


def _raw(html_text: str) -> str:
    """Already-escaped HTML as GIFT text: only GIFT's special characters escaped."""
    out = html_text
    for ch in SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out


def question(spec: dict, q: dict, link: str) -> str:
    kind = q["kind"]
    head = f"::{esc(spec['id'] + '-' + q['id'])}::[html]{esc(prompt(q))}"
    fb = lambda t: f"#{esc(t)}" if t else ""  # noqa: E731
    if kind in ("single", "multiple"):
        share = fraction(multiple_share(q)) if kind == "multiple" else ""
        lines = []
        for o in q["options"]:
            if kind == "single":
                mark = "=" if o.get("correct") else "~"
            else:
                mark = f"~%{share}%" if o.get("correct") else "~%-100%"
            lines.append(f"{mark}{esc(o['text'])}{fb(o.get('feedback', ''))}")
        body = "\n".join(lines)
    elif kind == "truefalse":
        # {TRUE#feedback if the answer given is wrong#feedback if it is right}
        right, wrong = ("feedback_true", "feedback_false") if q["answer"] else ("feedback_false", "feedback_true")
        body = f"{'TRUE' if q['answer'] else 'FALSE'}#{esc(q.get(wrong, ''))}#{esc(q.get(right, ''))}"
    elif kind == "numeric":
        body = f"#{q['answer']}:{q.get('tolerance') or 0}"
    elif kind == "text":
        body = "\n".join(f"={esc(a)}" for a in q["accept"])
    else:
        body = "\n".join(f"={esc(left)} -> {esc(right)}" for left, right in pairs(q))
    return f"{head}{{\n{body}\n####{_raw(general_html(q, link))}\n}}\n"


def write(bank: Bank) -> bytes:
    """The whole bank as one GIFT file (UTF-8), one category per chapter."""
    parts = ["// Russia and Syria: a relationship taught with data. Question bank (GIFT, import as UTF-8).\n"]
    for spec in bank.quizzes:
        parts.append(f"\n$CATEGORY: $course$/top/Russia and Syria/{spec['id']}\n\n")
        parts += [question(spec, q, bank.link(spec, q)) + "\n" for q in spec["questions"]]
    return "".join(parts).encode("utf-8")
