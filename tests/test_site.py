"""The built book: a clean build with no warnings, and every TOC page built.

That every page then loads offline in Chromium (title, h1, no JavaScript error, no request leaving 127.0.0.1)
is checked in tests/test_accessibility.py, in the same visit as axe-core."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from conftest import toc_files

# Lines that contain "WARNING" but are not build warnings. Each is listed exactly, with the reason.
NOT_BUILD_WARNINGS = (
    # ipykernel >= 7 prints this from every kernel that myst-nb starts for execution: it is about the local
    # kernel's transport (127.0.0.1), not about the book, and Sphinx does not count it as a warning.
    "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.",
)


# The book's plumbing, which no student-visible cell may show: glue calls, myst-nb imports, nbval markers.
PLUMBING = ("glue(", "myst_nb", "NBVAL")


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: no scripts, styles or tags, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def plumbing_on_pages(site: Path, pages: list[str]) -> dict[str, list[str]]:
    """Page -> the plumbing strings it shows, for every page that shows any."""
    found = {}
    for page in pages:
        text = visible_text((site / f"{page}.html").read_text(encoding="utf-8"))
        if shown := [p for p in PLUMBING if p in text]:
            found[page] = shown
    return found


# A number Sphinx gives (numbered in _toc.yml) followed by the same number typed in the heading: "3. 3. War".
DOUBLED_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)*)\.\s+\1\.\s")


def build_warnings(log: str) -> list[str]:
    """Lines of a build log that report a warning or error, minus the listed kernel notices."""
    return [
        line
        for line in log.splitlines()
        if ("WARNING" in line or "ERROR" in line) and not line.strip().startswith(NOT_BUILD_WARNINGS)
    ]


def test_book_builds_clean_with_warnings_as_errors(book_build: subprocess.CompletedProcess[str]) -> None:
    log = book_build.stdout + book_build.stderr
    warnings = build_warnings(log)
    assert book_build.returncode == 0, "book build failed:\n" + log[-4000:]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)


def test_every_toc_page_is_built(site_dir: Path) -> None:
    missing = [f for f in toc_files() if not (site_dir / f"{f}.html").is_file()]
    assert not missing, f"TOC pages missing from the site: {missing}"


def test_no_page_shows_the_book_plumbing(site_dir: Path) -> None:
    """Labs hide their glue cells (tag remove-cell) and mark checked outputs with a tag, not a comment."""
    assert plumbing_on_pages(site_dir, toc_files()) == {}


def test_chapter_numbers_appear_once(site_dir: Path) -> None:
    """Titles, headings and the sidebar show each chapter's number once: Sphinx's, not one typed in the page."""
    doubled = {}
    for page in toc_files():
        if match := DOUBLED_NUMBER.search(visible_text((site_dir / f"{page}.html").read_text(encoding="utf-8"))):
            doubled[page] = match.group(0)
    assert doubled == {}
    chapters = [p for p in toc_files() if re.fullmatch(r"book/\d\d_\w+", p)]
    for number, page in enumerate(chapters, start=1):
        headings = re.findall(r"<h1>(.*?)</h1>", (site_dir / f"{page}.html").read_text(encoding="utf-8"), re.DOTALL)
        assert any(visible_text(h).startswith(f"{number}. ") for h in headings), page  # the article's own h1
