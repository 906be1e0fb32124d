"""The built book: a clean build with no warnings, and every TOC page loads offline in Chromium."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import toc_files


def test_book_builds_clean_with_warnings_as_errors(book_build: subprocess.CompletedProcess[str]) -> None:
    log = book_build.stdout + book_build.stderr
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert book_build.returncode == 0, "book build failed:\n" + log[-4000:]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)


def test_every_toc_page_is_built(site_dir: Path) -> None:
    missing = [f for f in toc_files() if not (site_dir / f"{f}.html").is_file()]
    assert not missing, f"TOC pages missing from the site: {missing}"


@pytest.mark.parametrize("docname", toc_files())
def test_page_loads_offline_with_title_and_no_js_error(page, site_url: str, docname: str) -> None:
    response = page.goto(site_url + docname + ".html", wait_until="load")
    assert response is not None and response.status == 200
    page.wait_for_timeout(200)  # let deferred scripts run and report errors
    title = page.title()
    assert title.strip() and not re.fullmatch(r"\s*<no title>.*", title), f"{docname}: empty title"
    assert page.locator("main h1").count() >= 1, f"{docname}: no h1 heading"
    assert page.js_errors == [], f"{docname}: JavaScript errors {page.js_errors}"
    assert page.external_requests == [], f"{docname}: requests outside 127.0.0.1 {page.external_requests}"
