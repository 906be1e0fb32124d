"""Every chapter has a short written task (claim, evidence, reasoning) with a rubric and hidden sample answers.

Sample answers must sit inside a ``{solution}`` directive, the part the student edition removes; the final essay of
chapter 8 has sample essays at rubric levels 2 and 4. Checked on the page sources, so no build is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("0[0-9]_*.md"))
FENCE = re.compile(r"^(`{3,}|:{3,})\{([a-z-]+)\}\s*(.*)$")


def directives(text: str) -> list[tuple[str, str, str]]:
    """(name, argument, body) of every top-level MyST directive fenced with backticks or colons."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        m = FENCE.match(lines[i].strip())
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() != m.group(1):
            j += 1
        out.append((m.group(2), m.group(3).strip(), "\n".join(lines[i + 1 : j])))
        i = j + 1
    return out


def task_section(page: Path) -> str:
    """The text of the page's written-task section, which must come right before the discussion questions."""
    text = page.read_text(encoding="utf-8")
    number = page.stem[:2]
    start = text.find(f"({f'ch{number}'}-write)=\n## ")
    end = text.find("\n## Discussion questions\n")
    assert start != -1, f"{page.name}: no (ch{number}-write)= section"
    assert end != -1 and start < end, f"{page.name}: the written task must come before the discussion questions"
    assert "\n## " not in text[start:end].split("\n", 2)[2], f"{page.name}: another section sits between the task and the discussion questions"
    return text[start:end]


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.stem)
def test_written_task_with_rubric_and_hidden_samples(page):
    found = directives(task_section(page))
    exercises = {b.split(":label:")[1].split()[0]: b for name, _, b in found if name == "exercise" and ":label:" in b}
    label = f"ch{page.stem[:2]}-cer"
    assert label in exercises, f"{page.name}: no exercise labelled {label}"
    rubric = exercises[label]
    for criterion in ("**Claim**", "**Evidence**", "**Reasoning**"):
        assert criterion in rubric, f"{page.name}: the rubric has no row {criterion}"
    assert "Sample answer" not in rubric  # visible to students: no samples in the task itself
    solutions = [body for name, arg, body in found if name == "solution" and arg == label]
    assert len(solutions) == 1, f"{page.name}: {label} needs exactly one solution"
    for level in ("level 2", "level 4"):
        assert f"Sample answer at {level}" in solutions[0], f"{page.name}: no sample answer at {level}"
    outside = re.sub(r"```\{solution\}.*?\n```(?=\n|$)", "", task_section(page), flags=re.S)
    assert "Sample answer" not in outside, f"{page.name}: a sample answer sits outside the solution"


def test_final_essay_has_sample_essays_at_levels_2_and_4():
    page = ROOT / "book" / "08_patron_client_partner.md"
    found = directives(task_section(page))
    essays = [body for name, arg, body in found if name == "solution" and arg == "ch08-essay"]
    assert len(essays) == 1
    essay = re.sub(r"\s+", " ", essays[0])  # criteria may wrap across lines
    for level in ("level 2", "level 4"):
        assert f"Sample essay at {level}" in essay
    for criterion in ("Argument", "Evidence", "Sources and citation", "Perspectives", "Uncertainty and gaps"):
        assert f"**{criterion} 4:**" in essay and f"**{criterion} 2:**" in essay, criterion
