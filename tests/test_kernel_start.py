"""The retry around nbval's kernel start (tests/kernel_start.py): once with a warning, never silently twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel_start import with_retry


def _starter(failures: int):
    calls = []

    def start(**kwargs):
        calls.append(kwargs)
        kwargs["stderr"].write(f"attempt {len(calls)}: Address already in use\n")
        kwargs["stderr"].flush()
        if len(calls) <= failures:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return ("manager", "client")

    return start, calls


def test_a_failed_start_is_retried_once_with_the_kernels_stderr_in_a_warning(tmp_path: Path) -> None:
    start, calls = _starter(failures=1)
    with pytest.warns(UserWarning, match=r"(?s)died while starting.*attempt 1: Address already in use"):
        assert with_retry(start, tmp_path)(kernel_name="python3") == ("manager", "client")
    assert len(calls) == 2 and all(c["kernel_name"] == "python3" for c in calls)


def test_a_second_failure_is_raised_with_what_the_kernel_printed(tmp_path: Path) -> None:
    start, calls = _starter(failures=2)
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match=r"(?s)\(twice\).*attempt 2: Address"):
        with_retry(start, tmp_path)(kernel_name="python3")
    assert len(calls) == 2


def test_a_good_start_is_left_alone(tmp_path: Path) -> None:
    start, calls = _starter(failures=0)
    assert with_retry(start, tmp_path)() == ("manager", "client")
    assert len(calls) == 1

