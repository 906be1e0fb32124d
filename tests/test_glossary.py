"""The glossary: every term is defined with a source and is used (``{term}``) somewhere else in the book.

A term that no page links to is dead weight for the reader and usually means a chapter was renamed or cut; a
``{term}`` link to a term that does not exist would only be a build warning, so it is checked here too with a
message naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import markdown_sources

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "appendices" / "glossary.md"

# {term}`Name` or {term}`shown text <Name>`; the role may span a line break inside the backticks.
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
FENCE_OPEN = re.compile(r"^(`{3,}|:{3,})\{glossary\}\s*$")


def glossary_entries(text: str) -> dict[str, str]:
    """Map each term of the first ``{glossary}`` block in ``text`` to its definition.

    Sphinx's glossary syntax: term lines start at column 0, the definition follows indented. Several term
    lines before one definition would be aliases; each is returned as its own term.
    """
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if FENCE_OPEN.match(line)), None)
    if start is None:
        raise ValueError("no {glossary} block found")
    fence = FENCE_OPEN.match(lines[start]).group(1)
    entries: dict[str, str] = {}
    pending: list[str] = []
    body: list[str] = []

    def flush() -> None:
        for term in pending:
            entries[term] = " ".join(body).strip()

    for line in lines[start + 1 :]:
        if line.strip() == fence:
            break
        if not line.strip():
            continue
        if line[0] in " \t":
            body.append(line.strip())
            continue
        if body:  # a new term after a finished definition
            flush()
            pending, body = [], []
        pending.append(line.strip())
    flush()
    return entries


def term_references(text: str) -> set[str]:
    """The glossary terms a MyST text links to, lower-cased (Sphinx matches terms case-insensitively)."""
    found = set()
    for inner in TERM_ROLE.findall(text):
        inner = " ".join(inner.split())
        target = re.search(r"<([^<>]+)>\s*$", inner)
        found.add((target.group(1) if target else inner).strip().lower())
    return found


def book_texts() -> dict[Path, str]:
    """Markdown of every book page and notebook, except the glossary itself."""
    return {path: text for path, text in markdown_sources().items() if path != GLOSSARY}


@pytest.fixture(scope="module")
def entries() -> dict[str, str]:
    return glossary_entries(GLOSSARY.read_text(encoding="utf-8"))


def test_glossary_has_terms(entries: dict[str, str]) -> None:
    assert len(entries) >= 20, (
        f"{GLOSSARY.name}: only {len(entries)} terms found; is the {{glossary}} block intact?"
    )


def test_every_definition_cites_a_source(entries: dict[str, str]) -> None:
    missing = [term for term, text in entries.items() if not re.search(r"\{cite:[pt]\}`[^`]+`", text)]
    assert not missing, f"{GLOSSARY.name}: these definitions cite no source: {missing}"


def test_every_term_is_referenced_in_the_book(entries: dict[str, str]) -> None:
    used: set[str] = set()
    for text in book_texts().values():
        used |= term_references(text)
    unused = sorted(term for term in entries if term.lower() not in used)
    assert not unused, (
        f"{GLOSSARY.name}: these terms are never linked with {{term}} outside the glossary: {unused}. "
        "Link each from the page where it matters, or remove it."
    )


def test_every_term_reference_exists(entries: dict[str, str]) -> None:
    known = {term.lower() for term in entries}
    problems = [
        f"{path.relative_to(ROOT)}: {{term}}`{ref}` is not in the glossary"
        for path, text in sorted(book_texts().items())
        for ref in sorted(term_references(text))
        if ref not in known
    ]
    assert not problems, "\n".join(problems)


def test_glossary_self_links_exist(entries: dict[str, str]) -> None:
    known = {term.lower() for term in entries}
    unknown = sorted(term_references(GLOSSARY.read_text(encoding="utf-8")) - known)
    assert not unknown, f"{GLOSSARY.name}: links to terms it does not define: {unknown}"


# --- the checker itself must be able to fail ---------------------------------------------------------------

SAMPLE = """\
# Glossary

```{glossary}
Alpha
Alias of alpha
  First letter {cite:p}`k1`.

Beta
  Second letter, no source.
```
"""


def test_parser_reads_terms_aliases_and_definitions() -> None:
    parsed = glossary_entries(SAMPLE)
    assert parsed == {
        "Alpha": "First letter {cite:p}`k1`.",
        "Alias of alpha": "First letter {cite:p}`k1`.",
        "Beta": "Second letter, no source.",
    }


def test_references_are_found_with_display_text_and_line_breaks() -> None:
    text = "See {term}`alpha`, {term}`the second <Beta>` and {term}`Alias\n of alpha`."
    assert term_references(text) == {"alpha", "beta", "alias of alpha"}


def test_missing_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="no \\{glossary\\} block"):
        glossary_entries("# Glossary\n\nNothing here.\n")
