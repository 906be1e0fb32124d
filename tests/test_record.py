"""The dated record: every chapter says when its facts were last checked, the changelog kept with the data is
dated release by release, and CITATION.cff, .zenodo.json and the "What changed" page agree on the current
version and release date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.md"))
CHANGELOG = ROOT / "data" / "CHANGELOG.md"
CHANGES_PAGE = ROOT / "book" / "appendices" / "changes.md"
# One format everywhere, so a script (or a teacher) can find the date.
CHECKED = re.compile(r"^\*Facts last checked: (\d{4}-\d{2}-\d{2})\.\*", re.M)
RELEASE = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$", re.M)


def checked_dates(text: str) -> list[dt.date]:
    """Every "Facts last checked" date in a page; a malformed date raises ValueError."""
    return [dt.date.fromisoformat(d) for d in CHECKED.findall(text)]


def releases(text: str) -> list[tuple[str, dt.date]]:
    """(version, date) of every release heading, in file order."""
    return [(v, dt.date.fromisoformat(d)) for v, d in RELEASE.findall(text)]


def release_problems(text: str) -> list[str]:
    """What is wrong with a changelog: no releases, dates not newest first, versions repeated, empty releases."""
    found = releases(text)
    if not found:
        return ["no release heading of the form '## 1.2.3 — YYYY-MM-DD'"]
    problems = []
    dates = [d for _, d in found]
    if dates != sorted(dates, reverse=True):
        problems.append(f"releases are not listed newest first: {[d.isoformat() for d in dates]}")
    versions = [v for v, _ in found]
    if len(set(versions)) != len(versions):
        problems.append(f"a version appears twice: {versions}")
    for (version, _), body in zip(found, RELEASE.split(text)[3::3], strict=False):
        if not body.strip():
            problems.append(f"release {version} lists no change")
    return problems


def current_release() -> tuple[str, dt.date]:
    return releases(CHANGELOG.read_text(encoding="utf-8"))[0]


def test_there_are_chapters() -> None:
    assert len(CHAPTERS) >= 8, "expected the course's chapter pages in book/"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_states_when_its_facts_were_checked(chapter: Path) -> None:
    dates = checked_dates(chapter.read_text(encoding="utf-8"))
    assert len(dates) == 1, f"{chapter.name}: needs exactly one line '*Facts last checked: YYYY-MM-DD.*'"
    assert dates[0] <= dt.date.today(), f"{chapter.name}: facts checked in the future ({dates[0]})"
    version, released = current_release()
    assert dates[0] <= released, (
        f"{chapter.name}: facts checked on {dates[0]}, after the current release {version} ({released}); "
        "add a changelog entry for the new check"
    )


def test_changelog_is_dated_release_by_release() -> None:
    assert not release_problems(CHANGELOG.read_text(encoding="utf-8"))


def test_citation_and_zenodo_agree_with_the_changelog() -> None:
    version, released = current_release()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == version, "CITATION.cff version differs from data/CHANGELOG.md"
    assert str(cff["date-released"]) == released.isoformat(), "CITATION.cff date-released differs from the changelog"
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["version"] == version, ".zenodo.json version differs from data/CHANGELOG.md"
    assert zenodo["publication_date"] == released.isoformat(), ".zenodo.json publication_date differs"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == version, "pyproject.toml's package version differs from data/CHANGELOG.md"


def test_book_shows_the_current_version_and_includes_the_changelog() -> None:
    version, released = current_release()
    page = CHANGES_PAGE.read_text(encoding="utf-8")
    assert f"Current version: {version}, released {released.isoformat()}." in page
    assert "{include} ../../data/CHANGELOG.md" in page
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "book/appendices/changes" in toc, "the What changed page is not in _toc.yml, so it is not built"


# --- the checks themselves must be able to fail -------------------------------------------------------------


def test_release_problems_are_reported() -> None:
    assert release_problems("no headings") == ["no release heading of the form '## 1.2.3 — YYYY-MM-DD'"]
    older_first = "## 0.1.0 — 2026-01-01\n- a\n## 0.2.0 — 2026-02-01\n- b\n"
    assert release_problems(older_first) == ["releases are not listed newest first: ['2026-01-01', '2026-02-01']"]
    empty = "## 0.2.0 — 2026-02-01\n\n## 0.1.0 — 2026-01-01\n- a\n"
    assert release_problems(empty) == ["release 0.2.0 lists no change"]
    assert release_problems("## 0.2.0 — 2026-02-01\n- b\n## 0.1.0 — 2026-01-01\n- a\n") == []


def test_checked_dates_are_parsed_strictly() -> None:
    assert checked_dates("x\n*Facts last checked: 2026-12-02.* more") == [dt.date(2026, 12, 2)]
    assert checked_dates("Facts last checked: 2 December 2026") == []
    with pytest.raises(ValueError):
        checked_dates("*Facts last checked: 2026-13-02.*")
