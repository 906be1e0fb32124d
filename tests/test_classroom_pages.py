"""Every chapter, including one added later, has its non-coder worksheet and its document set, wired into the TOC.

A worksheet offers the lab's data files as downloads and a data card; a document set has two to four attributed
documents, the four kinds of question (sourcing, contextualisation, corroboration, close reading) and a
printable organiser. Pages with difficult material point to an alternative task that exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bookbuild.classroom.directives import chapter_slugs

ROOT = Path(__file__).resolve().parents[1]
SLUGS = chapter_slugs(ROOT)
LABEL = re.compile(r"^\(([a-z0-9-]+)\)=\s*$", re.M)


def sections_of(slug: str) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("file") == f"book/{slug}":
                found.extend(str(s.get("file")) for s in node.get("sections", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))
    return found


def labels() -> set[str]:
    return {m for page in (ROOT / "book").rglob("*.md") for m in LABEL.findall(page.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("slug", SLUGS)
def test_worksheet_exists_with_downloads_and_data_card(slug: str) -> None:
    page = ROOT / "book" / "worksheets" / f"{slug}.md"
    assert page.is_file(), f"chapter {slug} has no worksheet for students who do not code ({page.name})"
    assert f"book/worksheets/{slug}" in sections_of(slug), f"_toc.yml: add book/worksheets/{slug} under its chapter"
    text = page.read_text(encoding="utf-8")
    downloads = re.findall(r"\{download\}`[^`<]*<\s*/?(data/[^>]+\.csv)\s*>`", text)
    assert downloads, f"{page.name}: no {{download}} of the lab's data files"
    missing = [d for d in downloads if not (ROOT / d).is_file()]
    assert not missing, f"{page.name}: downloads of files that do not exist: {missing}"
    assert "## Data card" in text and "## Tasks" in text, page.name
    notebook = ROOT / "notebooks" / f"{slug}.ipynb"
    uses = set(re.findall(r'data\.load\(\\?"(\w+)\\?"\)', notebook.read_text(encoding="utf-8")))
    offered = {Path(d).stem for d in downloads}
    assert uses and uses <= offered, f"{page.name}: the lab uses {sorted(uses)}, the worksheet offers {sorted(offered)}"


@pytest.mark.parametrize("slug", SLUGS)
def test_document_set_has_documents_questions_and_organiser(slug: str) -> None:
    page = ROOT / "book" / "documents" / f"{slug}.md"
    assert page.is_file(), f"chapter {slug} has no document set ({page.name})"
    assert f"book/documents/{slug}" in sections_of(slug), f"_toc.yml: add book/documents/{slug} under its chapter"
    text = page.read_text(encoding="utf-8")
    documents = re.findall(r"^## Document [A-D] ", text, re.M)
    assert 2 <= len(documents) <= 4, f"{page.name}: {len(documents)} documents (two to four expected)"
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        if block.startswith("Document "):
            assert "*Source" in block and "{cite:p}" in block, f"{page.name}: a document without a cited source"
    for kind in ("Sourcing.", "Contextualisation.", "Corroboration.", "Close reading."):
        assert f"**{kind}**" in text, f"{page.name}: no {kind[:-1].lower()} question"
    assert "## Graphic organiser" in text and re.search(r"^\|.*\|\s*\|\s*\|", text, re.M), page.name


def test_a_lateral_reading_task_exists() -> None:
    tasks = [p.name for p in (ROOT / "book" / "documents").glob("*.md") if "Lateral reading" in p.read_text("utf-8")]
    assert tasks, "no lateral-reading (SIFT) task in the document sets"


def test_content_notes_point_to_existing_alternative_tasks() -> None:
    known = labels()
    for page in [*(ROOT / "book").glob("0*.md"), *(ROOT / "book" / "documents").glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        if "{admonition} Content note" in text:
            targets = re.findall(r"\{ref\}`[^`<]*<(care-alternative[a-z0-9-]*)>`", text)
            assert targets and set(targets) <= known, f"{page.name}: content note without a valid alternative task"
    for slug in ("01_reading_the_source", "02_long_alliance", "03_war_and_intervention", "04_after_assad",
                 "06_fighters_and_security"):
        assert f"care-alternative-ch{slug[:2]}" in known, slug


def test_chapter_content_note_comes_right_after_the_before_you_start_box() -> None:
    """A reader meets the warning before the chapter's first sentence, and it names the chapter's own alternative."""
    for page in sorted((ROOT / "book").glob("0*.md")):
        text = page.read_text(encoding="utf-8")
        if "{admonition} Content note" not in text:
            continue
        box = text.find("```{admonition} Before you start")
        after = text[text.find("\n```\n", box) + 5:].lstrip("\n")
        assert after.startswith("```{admonition} Content note"), f"{page.name}: the content note is not right after the box"
        note = after[: after.find("\n```\n")]
        assert f"<care-alternative-ch{page.stem[:2]}>" in note, f"{page.name}: the note must link its own alternative task"
