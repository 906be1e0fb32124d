"""The test run's machinery: course builds shared by both pytest-xdist workers, and the run report.

Hand-written because pytest has no fixture computed ahead of the tests that request it, and pytest-xdist gives
every worker its own session (its own session fixtures): see ``Builds``. ``RunReport`` makes CI logs show what
ran and fails a CI run that skipped a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from filelock import FileLock

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class Builds:
    """Course builds shared by the tests: each runs once per test run, in a background thread, and once for all
    pytest-xdist workers.

    A build starts as soon as the tests are collected; the first worker to take the build's file lock runs it and records its result as JSON in
    ``shared``, and the other workers wait on the lock and read that record. A build is a subprocess, so its
    thread only waits. Builds registered with ``after_book`` reuse the book's execution cache: they start when
    the book is built. Makers return JSON values; an exception becomes a failure of every test that needs it.
    """

    def __init__(self, shared: Path) -> None:
        self.shared = shared  # the build records and their locks
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
        self.shared.mkdir(parents=True, exist_ok=True)
        record = self.shared / f"{name}.json"
        with FileLock(str(self.shared / f"{name}.lock")):
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


def process_record(result: subprocess.CompletedProcess[str]) -> dict:
    """A finished build process as JSON (see ``Builds``); ``as_process`` turns it back."""
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


def as_process(record: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(args=[], **record)


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
