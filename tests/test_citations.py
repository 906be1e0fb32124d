"""Citations: every key cited in the book and the notebooks exists in a bib file, and every bib entry can be
followed by a reader (a title, who published it, and when).

sphinxcontrib-bibtex only warns about an unknown key at build time; this test names the file and the key, and
also checks entries that nobody cites yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_string
from pybtex.exceptions import PybtexError

from conftest import markdown_sources

ROOT = Path(__file__).resolve().parents[1]
BIB_DIR = ROOT / "book" / "references"

# {cite}`a`, {cite:p}`a,b`, {cite:t}`a`, {cite:ps}`a` ... ; keys are comma separated, spaces allowed.
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
# Fields that say who published a work, by entry type (journal for articles, institution for reports ...).
PUBLISHER_FIELDS = ("publisher", "organization", "institution", "journal", "howpublished", "school")
YEAR = re.compile(r"^\d{4}$")
# Groups of the bibliography appendix (book/appendices/bibliography.md filters on them); "" = placed by publisher.
KEYWORDS = {"", "news", "official", "ngo", "analysis", "reference", "scholarly"}


def cited_keys(text: str) -> set[str]:
    """Citation keys used in a MyST text."""
    return {key.strip() for group in CITE_ROLE.findall(text) for key in group.split(",") if key.strip()}


def entry_problems(bib: BibliographyData, source: str) -> list[str]:
    """What is missing from each entry of ``bib``, as messages naming the file and the key."""
    problems = []
    for key, entry in bib.entries.items():
        fields = {name.lower(): value.strip() for name, value in entry.fields.items()}
        if not fields.get("title"):
            problems.append(f"{source}: {key}: no title")
        if not any(fields.get(name) for name in PUBLISHER_FIELDS):
            problems.append(f"{source}: {key}: no publisher, organization, institution or journal")
        if not YEAR.match(fields.get("year", "")):
            problems.append(f"{source}: {key}: year missing or not four digits ({fields.get('year', '')!r})")
        if fields.get("keywords", "") not in KEYWORDS:
            problems.append(
                f"{source}: {key}: keywords {fields['keywords']!r} is not one of the bibliography groups "
                f"{sorted(KEYWORDS - {''})}; the work would be missing from the bibliography"
            )
    return problems


def load_bibs() -> dict[Path, BibliographyData]:
    """Parse every bib file; a syntax error fails with the file's name (an ``@`` in a comment is one)."""
    bibs = {}
    for path in sorted(BIB_DIR.glob("*.bib")):
        try:
            bibs[path] = parse_string(path.read_text(encoding="utf-8"), "bibtex")
        except PybtexError as exc:
            pytest.fail(f"{path.relative_to(ROOT)}: cannot be parsed: {exc}")
    return bibs


@pytest.fixture(scope="module")
def bibs() -> dict[Path, BibliographyData]:
    found = load_bibs()
    assert found, f"no .bib files in {BIB_DIR.relative_to(ROOT)}"
    return found


def test_no_key_is_defined_twice(bibs: dict[Path, BibliographyData]) -> None:
    seen: dict[str, Path] = {}
    duplicates = []
    for path, bib in bibs.items():
        for key in bib.entries:
            if key.lower() in seen:
                duplicates.append(f"{key}: in {seen[key.lower()].name} and {path.name}")
            seen[key.lower()] = path
    assert not duplicates, "keys defined twice (reuse the existing entry):\n" + "\n".join(duplicates)


def test_every_cited_key_exists(bibs: dict[Path, BibliographyData]) -> None:
    known = {key.lower() for bib in bibs.values() for key in bib.entries}
    missing = [
        f"{path.relative_to(ROOT)}: cites unknown key {key!r}"
        for path, text in sorted(markdown_sources().items())
        for key in sorted(cited_keys(text))
        if key.lower() not in known
    ]
    assert not missing, "\n".join(missing)


def test_every_entry_has_title_publisher_and_year(bibs: dict[Path, BibliographyData]) -> None:
    problems = [msg for path, bib in bibs.items() for msg in entry_problems(bib, path.name)]
    assert not problems, "\n".join(problems)


# --- the checks themselves must be able to fail -------------------------------------------------------------


def test_cite_roles_are_parsed() -> None:
    text = "As {cite:t}`a1` said, and others agree {cite:p}`b2, c3`; see {cite}`d4`. Not `{cite}` alone."
    assert cited_keys(text) == {"a1", "b2", "c3", "d4"}


def test_incomplete_entries_are_reported() -> None:
    bib = parse_string(
        "@misc{ok, title={T}, howpublished={P}, year={2020}}\n"
        "@misc{nopub, title={T}, year={2020}}\n"
        "@misc{noyear, title={T}, organization={O}, year={n.d.}}\n"
        "@article{notitle, journal={J}, year={2021}}\n"
        "@misc{badkw, title={T}, howpublished={P}, year={2020}, keywords={blog}}\n",
        "bibtex",
    )
    assert entry_problems(bib, "x.bib") == [
        "x.bib: nopub: no publisher, organization, institution or journal",
        "x.bib: noyear: year missing or not four digits ('n.d.')",
        "x.bib: notitle: no title",
        "x.bib: badkw: keywords 'blog' is not one of the bibliography groups "
        "['analysis', 'news', 'ngo', 'official', 'reference', 'scholarly']; the work would be missing from the "
        "bibliography",
    ]
