"""Text fields of every dataset: no doubled words ("the the") and no stuttered typos ("Federationn Federation").

A doubled word is easy to type and hard to see in a spreadsheet; students copy these fields into their answers.
The check reads the CSV files directly, so it covers every column of every table, including notes.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Legitimate English repeats ("had had", "that that") do not occur in the data today; list one here with a
# reason if it ever does, rather than weakening the check.
ALLOWED: set[str] = set()


def doubled_words(text: str) -> list[str]:
    """Pairs of neighbouring words that repeat, either exactly or as a typo that ends in extra letters."""
    found = []
    matches = list(WORD.finditer(text))
    for first, second in zip(matches, matches[1:], strict=False):
        gap = text[first.end():second.start()]
        if gap.strip():  # punctuation between the words ("Syria, Syria") is a list, not a stutter
            continue
        a, b = first.group().lower(), second.group().lower()
        exact = a == b
        stutter = len(b) >= 4 and a != b and a.startswith(b) and len(a) - len(b) <= 2
        if (exact or stutter) and a not in ALLOWED:
            found.append(f"{first.group()} {second.group()}")
    return found


def csv_problems(path: Path) -> list[str]:
    """Every doubled word in ``path``, named by file, row id and column."""
    problems = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            row_id = next(iter(row.values()), "")
            for column, value in row.items():
                for pair in doubled_words(value or ""):
                    problems.append(f"{path.name}: line {number} ({row_id}), column {column!r}: {pair!r}")
    return problems


CSV_FILES = sorted(DATA.glob("*.csv"))


def test_there_are_datasets_to_check() -> None:
    assert len(CSV_FILES) >= 10, f"expected the course's datasets in {DATA.relative_to(ROOT)}"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_no_doubled_words(path: Path) -> None:
    problems = csv_problems(path)
    assert not problems, "doubled words:\n" + "\n".join(problems)


# --- the check itself must be able to fail ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian Federationn Federation; Bolivia", ["Federationn Federation"]),
        ("the the report", ["the the"]),
        ("The the report", ["The the"]),
        ("signed in 2017 2017", []),  # numbers are not words
        ("Syria, Syria and Syria", []),
        ("Russian Federation; Bolivia", []),
        ("Damascus and Aleppo", []),
        ("Iraq Iraqi", []),  # different words that share a stem
    ],
)
def test_doubled_words_detector(text: str, expected: list[str]) -> None:
    assert doubled_words(text) == expected


def test_problems_name_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "vetoes.csv"
    path.write_text("veto_id,members_against\nV08,Russian Federationn Federation; Bolivia\n", encoding="utf-8")
    assert csv_problems(path) == [
        "vetoes.csv: line 2 (V08), column 'members_against': 'Federationn Federation'"
    ]
