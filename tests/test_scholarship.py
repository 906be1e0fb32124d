"""Scholarly grounding: every bibliography entry says what kind of source it is, scholarly and research-institute
works make up at least a quarter of the bibliography, and every chapter has a "How scholars read this" section
that cites at least three of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_string

ROOT = Path(__file__).resolve().parents[1]
BIB_DIR = ROOT / "book" / "references"
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.md"))
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
SOURCE_TYPES = {"scholarly", "news", "official", "ngo", "analysis", "reference"}
MIN_SHARE = 0.25
MIN_PER_CHAPTER = 3
SCHOLARS_HEADING = "## How scholars read this"


def load(texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """Entries of several bib texts as {key: {field: value}}, keys lower-cased."""
    entries = {}
    for name, text in texts.items():
        bib: BibliographyData = parse_string(text, "bibtex")
        for key, entry in bib.entries.items():
            entries[key.lower()] = {f.lower(): v.strip() for f, v in entry.fields.items()} | {"_file": name}
    return entries


@pytest.fixture(scope="module")
def entries() -> dict[str, dict[str, str]]:
    return load({p.name: p.read_text(encoding="utf-8") for p in sorted(BIB_DIR.glob("*.bib"))})


def untyped(entries: dict[str, dict[str, str]]) -> list[str]:
    return sorted(f"{e['_file']}: {k}" for k, e in entries.items() if e.get("keywords") not in SOURCE_TYPES)


def scholarly_share(entries: dict[str, dict[str, str]]) -> float:
    return sum(e.get("keywords") == "scholarly" for e in entries.values()) / len(entries)


def cited(text: str) -> set[str]:
    return {k.strip().lower() for group in CITE_ROLE.findall(text) for k in group.split(",") if k.strip()}


def section(text: str, heading: str) -> str:
    """The body of a level-2 section, up to the next level-2 heading ('' if absent)."""
    start = text.find(heading + "\n")
    if start < 0:
        return ""
    rest = text[start + len(heading) + 1:]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def test_every_entry_has_a_source_type(entries) -> None:
    missing = untyped(entries)
    assert not missing, f"entries without a keywords field from {sorted(SOURCE_TYPES)}:\n" + "\n".join(missing)


def test_scholarly_share_is_at_least_a_quarter(entries) -> None:
    share = scholarly_share(entries)
    assert share >= MIN_SHARE, f"scholarly share is {share:.1%}, below {MIN_SHARE:.0%}"


def test_there_are_chapters() -> None:
    assert len(CHAPTERS) >= 8


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_a_scholars_section_with_three_scholarly_works(chapter: Path, entries) -> None:
    text = chapter.read_text(encoding="utf-8")
    body = section(text, SCHOLARS_HEADING)
    assert body, f"{chapter.name}: no '{SCHOLARS_HEADING}' section"
    scholarly = {k for k in cited(body) if entries.get(k, {}).get("keywords") == "scholarly"}
    assert len(scholarly) >= MIN_PER_CHAPTER, (
        f"{chapter.name}: its scholars' section cites {len(scholarly)} scholarly works {sorted(scholarly)}; "
        f"at least {MIN_PER_CHAPTER} are needed"
    )
    assert text.index(SCHOLARS_HEADING) < text.index("## Discussion questions"), (
        f"{chapter.name}: the scholars' section should come before the discussion questions"
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_further_reading_is_annotated_and_includes_scholarship(chapter: Path, entries) -> None:
    body = section(chapter.read_text(encoding="utf-8"), "## Further reading")
    assert "Annotated" in body, f"{chapter.name}: the reading list is not annotated"
    scholarly = {k for k in cited(body) if entries.get(k, {}).get("keywords") == "scholarly"}
    assert scholarly, f"{chapter.name}: the reading list names no scholarly work"


# --- the checks themselves must be able to fail -------------------------------------------------------------


def test_checks_fail_on_bad_bibliographies() -> None:
    bib = load({"x.bib": "@misc{a, title={T}, year={2020}, keywords={scholarly}}\n"
                         "@misc{b, title={T}, year={2020}, keywords={news}}\n"
                         "@misc{c, title={T}, year={2020}, keywords={news}}\n"
                         "@misc{d, title={T}, year={2020}, keywords={news}}\n"
                         "@misc{e, title={T}, year={2020}}\n"})
    assert untyped(bib) == ["x.bib: e"]
    assert scholarly_share(bib) == pytest.approx(0.2)


def test_section_stops_at_the_next_heading() -> None:
    text = "## A\nx {cite:p}`k1`\n## How scholars read this\ny {cite:t}`k2, k3`\n## B\nz {cite}`k4`\n"
    assert cited(section(text, SCHOLARS_HEADING)) == {"k2", "k3"}
    assert section(text, "## Missing") == ""
