"""Integrity checks on a class's exports that need no grader: look-alike names, invisible characters, clocks.

The look-alike table is a short hand-written list (Cyrillic and Greek letters drawn like Latin ones, the usual
way two "identical" names in a class list differ) rather than a dependency on a full Unicode confusables
database, which a notebook in Colab or JupyterLite would have to install.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import datetime, timedelta

LOOKALIKE = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "һ": "h",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    # digits and symbols often typed for letters
    "0": "o", "1": "l", "|": "l",
})
CLOCK_SLACK = timedelta(minutes=10)  # students' clocks drift; only a time clearly ahead is flagged


def invisible(name: str) -> list[str]:
    """The invisible or formatting characters in ``name`` (zero-width spaces, direction marks, ...), as U+XXXX."""
    return [f"U+{ord(c):04X}" for c in name if unicodedata.category(c) in ("Cf", "Cc", "Co", "Cn")]


def skeleton(name: str) -> str:
    """What a name looks like on screen: invisible characters dropped, case and look-alike letters folded."""
    visible = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) not in ("Cf", "Cc"))
    folded = unicodedata.normalize("NFKD", " ".join(visible.casefold().split()).translate(LOOKALIKE))
    return "".join(c for c in folded if not unicodedata.combining(c))


def unusual(name: str) -> str:
    """The letters of ``name`` outside the Latin script, and its invisible characters, named (to show a teacher)."""
    found = dict.fromkeys(c for c in name if (c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"))
                          or unicodedata.category(c) in ("Cf", "Cc"))
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed').lower()}" for c in list(found)[:4])


def _shown(name: str) -> str:
    extra = unusual(name)
    return f"{name!r} (with {extra})" if extra else repr(name)


def similar_names(names: dict[str, str]) -> dict[str, str]:
    """``{file: student}`` → ``{file: reason}`` for names that differ only in case, invisible or look-alike letters."""
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for fname, student in names.items():
        if student:
            groups[skeleton(student)][student].append(fname)
    out: dict[str, str] = {}
    for variants in groups.values():
        if len(variants) < 2:
            continue
        for student, files in variants.items():
            others = "; ".join(f"{_shown(o)} in {', '.join(fs)}" for o, fs in variants.items() if o != student)
            for fname in files:
                out[fname] = (f"the name {_shown(student)} differs from {others} only in case, invisible characters or "
                              "look-alike letters: check whether they are the same student")
    return out


def future(when: datetime | None, now: datetime) -> bool:
    """A time clearly after ``now`` (beyond clock drift)."""
    return when is not None and when > now + CLOCK_SLACK
