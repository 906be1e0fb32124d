"""What the test_quiz_browser* modules share: the quiz fixture book's build script and the demo page's helpers.

The fixture book is built once per test run (session fixtures ``quizbook`` and ``quizbook_url`` in
tests/conftest.py); the modules using it carry ``QUIZBOOK_GROUP`` so one xdist worker runs them all.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "quizbook"
KEY = "rsq:russia-syria:demo"  # the demo quiz's localStorage key
QUIZBOOK_GROUP = pytest.mark.xdist_group("quizbook-browser")  # its tests share one fixture-book build

_spec = importlib.util.spec_from_file_location("quizbook_build", FIXTURE / "build.py")
fixture_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture_build)


def open_demo(page, url: str) -> None:
    page.goto(url + "notebooks/demo.html")
    page.wait_for_selector("#rsq-demo fieldset")


def q(page, qid: str):
    return page.locator(f"#rsq-demo-{qid}")


def feedback(page, qid: str) -> str:
    return page.locator(f"#rsq-demo-{qid}-fb").inner_text()


def answer(page, qid: str, label: str, fill: str | None = None) -> None:
    """Tick the option ``label`` of question ``qid`` (or type ``fill`` into its field ``label``) and check it."""
    field = q(page, qid).get_by_label(label)
    if fill is None:
        field.check()
    else:
        field.fill(fill)
    q(page, qid).get_by_role("button", name="Check answer").click()
