"""Shared fixtures: a clean build of the book, a local static server, and a headless Chromium.

The suite runs on two pytest-xdist workers (``addopts`` in pyproject.toml). The course builds (the book, and
the student edition and PDFs made from its execution cache) run once for both workers, in background threads
started as soon as the tests are collected; the tests that need no build come first and run meanwhile
(see ``Builds``).

Browser tests use Debian's Chromium (``/usr/bin/chromium``) through Playwright. Outside CI a missing
browser skips those tests; with ``CI=true`` a missing browser fails them, and any skipped test fails the
run (see ``RunReport``), so CI can never pass without running the browser tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest
from filelock import FileLock

import kernel_start
from bookbuild import ROOT, chromium, jbuild, toc
from bookbuild.serve import serve

toc_files = toc.pages  # every page of _toc.yml, root first (the tests' name for bookbuild.toc.pages)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEST_BUILD_DIR = ROOT / "_build" / "test"
TEST_CACHE = TEST_BUILD_DIR / "_build" / ".jupyter_cache"  # its execution cache, reused by later builds
SHARED = ROOT / "_build" / "test-runs"  # records of the shared builds (see Builds)

# JavaScript errors that are known and harmless; each needs a reason. Anything else fails the page tests.
KNOWN_JS_ERRORS: dict[str, str] = {
    # pydata-sphinx-theme logs this on a first visit, before a light/dark choice is stored; it then
    # falls back to the automatic mode, which is what we want.
    "Got invalid theme mode: . Resetting to auto.": "pydata-sphinx-theme first-visit theme mode",
}


class Builds:
    """Course builds shared by the tests: each runs once per test run, in a background thread, and once for all
    pytest-xdist workers.

    Written here because pytest has no fixture computed ahead of the tests that request it, and pytest-xdist
    gives every worker its own session (its own session fixtures). A build starts as soon as the tests are
    collected; the first worker to take the build's file lock runs it and records its result as JSON in
    ``SHARED``, and the other workers wait on the lock and read that record. A build is a subprocess, so its
    thread only waits. Builds registered with ``after_book`` reuse the book's execution cache: they start when
    the book is built. Makers return JSON values; an exception becomes a failure of every test that needs it.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="course-build")
        self._jobs: dict[str, Future] = {}
        self._makers: dict[str, Callable[[], object]] = {}
        self.after_book_names: set[str] = set()
        self.wanted: set[str] = set()  # fixture names that collected tests use
        self.run_id = uuid.uuid4().hex  # replaced by xdist's id of the run, which all workers share
        # The environment the builds run in, taken before any test runs: tests meanwhile point variables such as
        # RUSSIA_SYRIA_QUIZZES at fixtures (monkeypatch), and a build started then must not inherit them.
        self.env = dict(os.environ)

    def register(self, name: str, maker: Callable[[], object], after_book: bool = False) -> None:
        self._makers[name] = maker
        if after_book:
            self.after_book_names.add(name)

    def after_book(self, name: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
        """Decorator: ``maker`` builds the session fixture ``name`` from the book's execution cache."""
        def decorate(maker: Callable[[], object]) -> Callable[[], object]:
            self.register(name, maker, after_book=True)
            return maker
        return decorate

    def _run_once(self, name: str) -> dict:
        SHARED.mkdir(parents=True, exist_ok=True)
        record = SHARED / f"{name}.json"
        with FileLock(str(SHARED / f"{name}.lock")):
            if record.is_file():
                saved = json.loads(record.read_text(encoding="utf-8"))
                if saved.get("run") == self.run_id:
                    return saved  # another worker built it during this run
            try:
                saved = {"run": self.run_id, "value": self._makers[name]()}
            except (Exception, pytest.fail.Exception) as exc:
                saved = {"run": self.run_id, "error": f"{name}: {type(exc).__name__}: {exc}"}
            record.write_text(json.dumps(saved), encoding="utf-8")
            return saved

    def _job(self, name: str) -> dict:
        saved = self._run_once(name)
        if name == "book_build" and "error" not in saved:
            for follower in sorted(self.wanted & self.after_book_names):  # they need the cache the book filled
                self.start(follower)
        return saved

    def start(self, name: str) -> Future:
        if name not in self._jobs:
            self._jobs[name] = self._pool.submit(self._job, name)
        return self._jobs[name]

    def result(self, name: str) -> object:
        """The build's value, once it is done (started now if nobody has); a failed build fails the caller."""
        saved = self.start(name).result()
        if "error" in saved:
            pytest.fail(saved["error"])
        return saved["value"]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


BUILDS = Builds()


def process_record(result: subprocess.CompletedProcess[str]) -> dict:
    """A finished build process as JSON (see ``Builds``); ``as_process`` turns it back."""
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


def as_process(record: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(args=[], **record)


def _build_book() -> dict:
    result = jbuild.build(ROOT, TEST_BUILD_DIR, env=BUILDS.env)
    (TEST_BUILD_DIR / "build.log").write_text(result.stdout + result.stderr)
    return process_record(result)


BUILDS.register("book_build", _build_book)


def _build_rank(item: pytest.Item) -> int:
    """0: needs no shared build; 1: needs the book; 2: needs a build made after the book."""
    used = set(getattr(item, "fixturenames", ()))
    return 2 if used & BUILDS.after_book_names else 1 if "book_build" in used else 0


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("russia-syria-run-report"):
        config.pluginmanager.register(RunReport(), "russia-syria-run-report")
    kernel_start.install(SHARED / "kernels")  # nbval: one retry of a failed kernel start (see kernel_start.py)
    workerinput = getattr(config, "workerinput", None)
    if workerinput:
        BUILDS.run_id = workerinput["testrunuid"]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests needing no build first (they run while the book builds); the sort is stable within each rank.

    With pytest-xdist (``--dist loadgroup``), a notebook's nbval cells stay together and in order on one worker:
    they share that notebook's kernel."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.path.name))
    items.sort(key=_build_rank)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the book build now, if any selected test needs it (after -k/-m deselection)."""
    if session.config.option.collectonly:
        return
    for item in session.items:
        BUILDS.wanted |= set(getattr(item, "fixturenames", ()))
    if "book_build" in BUILDS.wanted:
        BUILDS.start("book_build")


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess[str]:
    """One clean build of the whole book with warnings as errors, shared by all tests of a run."""
    return as_process(BUILDS.result("book_build"))


@pytest.fixture(scope="session")
def site_dir(book_build: subprocess.CompletedProcess[str]) -> Path:
    """The built HTML folder; fails every dependent test if the build failed."""
    if book_build.returncode != 0:
        pytest.fail(f"book build failed; see {TEST_BUILD_DIR / 'build.log'}\n{book_build.stderr[-3000:]}")
    return TEST_BUILD_DIR / "_build" / "html"


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


def is_local(url: str) -> bool:
    """True for URLs served by this machine's test server (or inline data/blob/about URLs)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about"}:
        return True
    return parsed.hostname in {"127.0.0.1", "localhost", "::1"}


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records every request and every JavaScript error.

    ``page.requests`` lists all request URLs, ``page.external_requests`` those leaving 127.0.0.1, and
    ``page.js_errors`` uncaught exceptions and console errors not listed in KNOWN_JS_ERRORS.
    """
    context = browser.new_context(accept_downloads=True)
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
    yield pg
    context.close()


class RunReport:
    """Hooks on every test's report, registered as a plugin (see ``pytest_configure``): a conftest's own report
    hooks would only see the tests under tests/ when run without xdist, not the notebooks' nbval cells."""

    def __init__(self) -> None:
        self.skipped: list[str] = []
        self.passed_by_file: dict[str, int] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped:
            self.skipped.append(report.nodeid)
        elif report.when == "call" and report.passed:
            where = report.nodeid.split("::")[0]
            self.passed_by_file[where] = self.passed_by_file.get(where, 0) + 1

    def pytest_terminal_summary(self, terminalreporter: object, exitstatus: int, config: pytest.Config) -> None:
        """Passed tests per file, so a CI log shows that nbval, the clean build and the browser tests ran
        (with two xdist workers, pytest prints only dots)."""
        if hasattr(config, "workerinput") or not self.passed_by_file:
            return
        terminalreporter.section("passed, per file")
        for where, count in sorted(self.passed_by_file.items()):
            terminalreporter.write_line(f"{count:5d}  {where}")

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """In CI a skipped test is an error: browser tests must run, never skip."""
        if IN_CI and self.skipped:
            sys.stderr.write("\nCI=true but tests were skipped (not allowed in CI):\n  " + "\n  ".join(self.skipped) + "\n")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    BUILDS.close()
