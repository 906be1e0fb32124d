"""Shared fixtures: a clean build of the book, a local static server, a headless Chromium; the test tiers.

The suite runs on two pytest-xdist workers (``addopts`` in pyproject.toml). The course builds (the book, and
the student edition and PDFs made from its execution cache) run once for both workers, in background threads
started as soon as the tests are collected (``harness.Builds``); the tests that need no build come first and run
meanwhile. Every test is marked unit, book or browser (``tier``).

Browser tests use Debian's Chromium (``bookbuild.chromium``) through Playwright. Outside CI a missing browser
skips those tests; with ``CI=true`` a missing browser fails them, and any skipped test fails the run
(``harness.RunReport``), so CI can never pass without running the browser tests.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bookbuild import EXECUTION_CACHE_ENV, ROOT, chromium, jbuild, toc
from bookbuild.serve import serve

import kernel_start
from harness import IN_CI, Builds, RunReport, as_process, process_record
from quizpage import fixture_build

toc_files = toc.pages  # every page of _toc.yml, root first (the tests' name for bookbuild.toc.pages)
TEST_BUILD_DIR = ROOT / "_build" / "test"
TEST_CACHE = TEST_BUILD_DIR / "_build" / ".jupyter_cache"  # its execution cache, reused by later builds
SHARED = ROOT / "_build" / "test-runs"  # records of the shared builds (see Builds)

# JavaScript errors that are known and harmless; each needs a reason. Anything else fails the page tests.
KNOWN_JS_ERRORS: dict[str, str] = {
    # pydata-sphinx-theme logs this on a first visit, before a light/dark choice is stored; it then
    # falls back to the automatic mode, which is what we want.
    "Got invalid theme mode: . Resetting to auto.": "pydata-sphinx-theme first-visit theme mode",
}


BUILDS = Builds(SHARED)


def _build_book() -> dict:
    result = jbuild.build(ROOT, TEST_BUILD_DIR, env=BUILDS.env)
    (TEST_BUILD_DIR / "build.log").write_text(result.stdout + result.stderr)
    return process_record(result)


BUILDS.register("book_build", _build_book)


# Test tiers, markers registered in pyproject.toml: `pytest -m unit` is the quick loop (no book build, no browser,
# no notebook run by nbval); `-m book` adds what needs a built book or a notebook run; `-m browser` drives Chromium.
# A test that builds a small book of its own says so with @pytest.mark.book; the rest is read from its fixtures.
TIERS = ("unit", "book", "browser")
BROWSER_FIXTURES = {"browser", "page"}
BOOK_FIXTURES = {"book_build", "quizbook", "cached_book"}  # the course build, and the quiz fixture book's builds


def tier(item: pytest.Item) -> str:
    """The tier of a collected test: its own tier marker, else browser/book from the fixtures it uses, else unit."""
    marked = [m.name for m in item.iter_markers() if m.name in TIERS]
    if marked:
        return marked[0]
    used = set(getattr(item, "fixturenames", ()))
    if used & BROWSER_FIXTURES:
        return "browser"
    if item.path.suffix == ".ipynb" or used & (BOOK_FIXTURES | BUILDS.after_book_names):
        return "book"
    return "unit"


# Notebooks that read the labs' computed values (bookbuild.teacher.course_values): under nbval they wait for the
# book build and read its runs of the labs (EXECUTION_CACHE_ENV) instead of running all eight again.
READS_LAB_RUNS = {"class_results.ipynb"}


def _needs(item: pytest.Item) -> set[str]:
    """The fixtures a test uses; a notebook in READS_LAB_RUNS needs the book build too."""
    used = set(getattr(item, "fixturenames", ()))
    return used | {"book_build"} if item.path.name in READS_LAB_RUNS else used


def _build_rank(item: pytest.Item) -> int:
    """0: needs no shared build; 1: needs the book; 2: needs a build made after the book."""
    used = _needs(item)
    return 2 if used & BUILDS.after_book_names else 1 if "book_build" in used else 0


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("russia-syria-run-report"):
        config.pluginmanager.register(RunReport(), "russia-syria-run-report")
    kernel_start.install(SHARED / "kernels")  # nbval: one retry of a failed kernel start (see kernel_start.py)
    os.environ[EXECUTION_CACHE_ENV] = str(TEST_CACHE)  # inherited by nbval's kernels (see READS_LAB_RUNS)
    workerinput = getattr(config, "workerinput", None)
    if workerinput:
        BUILDS.run_id = workerinput["testrunuid"]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each test gets its tier marker; tests needing no build come first (they run while the book builds); the
    sort is stable within each rank. (A notebook's nbval cells are kept on one worker by the root conftest.py.)"""
    for item in items:
        item.add_marker(tier(item))
    items.sort(key=_build_rank)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path.name in READS_LAB_RUNS:
        BUILDS.result("book_build")  # its labs' runs are in the build's cache once it is done


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the book build now, if any selected test needs it (after -k/-m deselection)."""
    if session.config.option.collectonly:
        return
    for item in session.items:
        BUILDS.wanted |= _needs(item)
    if "book_build" in BUILDS.wanted:
        BUILDS.start("book_build")


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess[str]:
    """One clean build of the whole book with warnings as errors, shared by all tests of a run."""
    return as_process(BUILDS.result("book_build"))


def built_html(result: subprocess.CompletedProcess[str], out: Path, failure: str) -> Path:
    """``out/_build/html``; if the build failed, fails the calling fixture's tests with ``failure`` and the log's end."""
    if result.returncode != 0:
        pytest.fail(f"{failure}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def site_dir(book_build: subprocess.CompletedProcess[str]) -> Path:
    """The built HTML folder; fails every dependent test if the build failed."""
    return built_html(book_build, TEST_BUILD_DIR, f"book build failed; see {TEST_BUILD_DIR / 'build.log'}")


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL of the built book served on 127.0.0.1."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    message = chromium.missing()
    if message:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with chromium.launch() as browser:
        yield browser


def markdown_sources() -> dict[Path, str]:
    """The Markdown of every book page and of every notebook's markdown cells, by file."""
    texts = {p: p.read_text(encoding="utf-8") for p in (ROOT / "book").rglob("*.md")}
    for nb_path in (ROOT / "notebooks").rglob("*.ipynb"):
        if ".ipynb_checkpoints" not in nb_path.parts:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            texts[nb_path] = "\n".join("".join(c["source"]) for c in nb.get("cells", []) if c.get("cell_type") == "markdown")
    return texts


def is_local(url: str) -> bool:
    """True for URLs served by this machine's test server (or inline data/blob/about URLs)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about"}:
        return True
    return parsed.hostname in {"127.0.0.1", "localhost", "::1"}


def _recording_page(context: object) -> object:
    """A new page of ``context`` that records every request and every JavaScript error (see ``page``)."""
    pg = context.new_page()
    pg.requests, pg.external_requests, pg.js_errors = [], [], []

    def on_request(request: object) -> None:
        pg.requests.append(request.url)
        if not is_local(request.url):
            pg.external_requests.append(request.url)

    def on_error(text: str) -> None:
        if not any(known in text for known in KNOWN_JS_ERRORS):
            pg.js_errors.append(text)

    pg.on("request", on_request)
    pg.on("pageerror", lambda exc: on_error(str(exc)))
    pg.on("console", lambda msg: on_error(msg.text) if msg.type == "error" else None)
    # Anything not on 127.0.0.1 is answered locally with an error, so a stray CDN request fails fast
    # (and is still recorded above) instead of hanging on the closed network.
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    return pg


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records every request and every JavaScript error.

    ``page.requests`` lists all request URLs, ``page.external_requests`` those leaving 127.0.0.1, and
    ``page.js_errors`` uncaught exceptions and console errors not listed in KNOWN_JS_ERRORS.
    """
    # bypass_csp: tests inject helpers (axe-core, styles) as inline scripts, which the pages' own
    # Content-Security-Policy blocks; ``strict_page`` keeps the policy.
    context = browser.new_context(accept_downloads=True, bypass_csp=True)
    yield _recording_page(context)
    context.close()


# Records what the page's Content-Security-Policy blocks, from before the page's first script runs.
CSP_RECORDER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "(e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));")


@pytest.fixture()
def strict_page(browser: object) -> Iterator[object]:
    """Like ``page``, under the pages' own Content-Security-Policy: ``page.evaluate("window.__csp")`` lists what
    it blocked (each block also logs a console error, so it shows in ``page.js_errors`` too)."""
    context = browser.new_context()
    pg = _recording_page(context)
    pg.add_init_script(CSP_RECORDER)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def quizbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quiz fixture book (tests/fixtures/quizbook) built with warnings as errors, once for the
    test_quiz_browser* modules (one xdist group, ``quizpage.QUIZBOOK_GROUP``); returns its HTML folder."""
    out = tmp_path_factory.mktemp("quizbook")
    return built_html(fixture_build.build(fixture_build.prepare(out), out), out, "fixture book build failed:")


@pytest.fixture(scope="session")
def quizbook_url(quizbook: Path) -> Iterator[str]:
    """The built quiz fixture book served on 127.0.0.1."""
    with serve(quizbook) as base:
        yield base


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    BUILDS.close()
