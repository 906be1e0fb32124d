"""The headless Chromium used to print the PDFs, measure pages (``make bench``) and run the browser tests.

Debian's package (``make chromium``), driven by Playwright; never a browser Playwright downloads.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

EXECUTABLE = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# No sandbox: CI containers run as root. No background traffic: every request a page makes is one it asked for.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync")


def missing() -> str | None:
    """Why Chromium cannot start here (a sentence naming the fix), or None when it is installed."""
    if EXECUTABLE.is_file():
        return None
    return f"{EXECUTABLE} not found: install Debian's chromium (`make chromium`, or apt-get install chromium)"


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """A Playwright ``Browser`` on Debian's Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(EXECUTABLE), args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()
