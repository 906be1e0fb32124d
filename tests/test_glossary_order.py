"""The glossary is in alphabetical order, as a reader scanning it expects.

Order ignores case, a leading "The" and punctuation ("Hay'at" sorts as "hayat", "Patron–client" as
"patronclient"), so that the rule is the one a reader applies by eye.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "appendices" / "glossary.md"


def sort_key(term: str) -> str:
    term = re.sub(r"^the\s+", "", term.strip().lower())
    return re.sub(r"[^a-z0-9 ]", "", term)


def first_terms(text: str) -> list[str]:
    """The first term line of each entry of the ``{glossary}`` block (later lines of a group are aliases)."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S)
    assert block, f"{GLOSSARY.name}: no {{glossary}} block"
    terms, previous_indented = [], True
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indented = line[0] in " \t"
        if not indented and previous_indented:
            terms.append(line.strip())
        previous_indented = indented
    return terms


def out_of_order(terms: list[str]) -> list[str]:
    return [f"{a!r} comes before {b!r}" for a, b in zip(terms, terms[1:], strict=False) if sort_key(a) > sort_key(b)]


def test_glossary_is_alphabetical() -> None:
    terms = first_terms(GLOSSARY.read_text(encoding="utf-8"))
    assert len(terms) >= 20, terms
    problems = out_of_order(terms)
    assert not problems, f"{GLOSSARY.name} is not in alphabetical order: " + "; ".join(problems)


def test_order_check_can_fail() -> None:
    text = "```{glossary}\nZeta\n  Last.\n\nThe Alpha\nAlias\n  First.\n```\n"
    assert first_terms(text) == ["Zeta", "The Alpha"]
    assert out_of_order(first_terms(text)) == ["'Zeta' comes before 'The Alpha'"]
    assert sort_key("Hay'at Tahrir al-Sham") == "hayat tahrir alsham"
