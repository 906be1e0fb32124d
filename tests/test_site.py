"""The built book: a clean build with no warnings, and every TOC page built.

That every page then loads offline in Chromium (title, h1, no JavaScript error, no request leaving 127.0.0.1)
is checked in tests/test_accessibility.py, in the same visit as axe-core."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import toc_files

# Lines that contain "WARNING" but are not build warnings. Each is listed exactly, with the reason.
NOT_BUILD_WARNINGS = (
    # ipykernel >= 7 prints this from every kernel that myst-nb starts for execution: it is about the local
    # kernel's transport (127.0.0.1), not about the book, and Sphinx does not count it as a warning.
    "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.",
)


def build_warnings(log: str) -> list[str]:
    """Lines of a build log that report a warning or error, minus the listed kernel notices."""
    return [
        line
        for line in log.splitlines()
        if ("WARNING" in line or "ERROR" in line) and not line.strip().startswith(NOT_BUILD_WARNINGS)
    ]


def test_build_warning_filter_keeps_sphinx_warnings() -> None:
    log = (
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication ...\n"
        "book/01.md:12: WARNING: undefined label: 'x'\n"
        "book/02.md: ERROR: Unknown directive type\n"
        "reading sources... [ 50%] book/03\n"
    )
    assert build_warnings(log) == ["book/01.md:12: WARNING: undefined label: 'x'", "book/02.md: ERROR: Unknown directive type"]


def test_book_builds_clean_with_warnings_as_errors(book_build: subprocess.CompletedProcess[str]) -> None:
    log = book_build.stdout + book_build.stderr
    warnings = build_warnings(log)
    assert book_build.returncode == 0, "book build failed:\n" + log[-4000:]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)


def test_every_toc_page_is_built(site_dir: Path) -> None:
    missing = [f for f in toc_files() if not (site_dir / f"{f}.html").is_file()]
    assert not missing, f"TOC pages missing from the site: {missing}"
