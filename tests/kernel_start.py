"""One more try for nbval's kernel start, with the kernel's stderr kept.

nbval starts one kernel per notebook, gives up at the first failure and sends the kernel's stderr to /dev/null.
Once in about ten runs with two xdist workers a kernel exited while starting ("Kernel died before replying to
kernel_info"), failing every cell of its notebook, and the discarded stderr left no cause to find. nbval has no
option for either, so its ``start_new_kernel`` (looked up at call time by ``RunningKernel``) is wrapped here: a
failed start is retried once with a warning that shows what the kernel printed, and a second failure says it too.
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable
from pathlib import Path

_counter = itertools.count()


def with_retry(start: Callable[..., tuple], log_dir: Path) -> Callable[..., tuple]:
    """``start`` (nbval's ``start_new_kernel``) retried once; each kernel's stderr goes to a file in ``log_dir``."""

    def start_new_kernel(*args: object, **kwargs: object) -> tuple:
        log_dir.mkdir(parents=True, exist_ok=True)
        for attempt in (1, 2):
            log = log_dir / f"kernel-{os.getpid()}-{next(_counter)}.stderr"
            kwargs["stderr"] = log.open("w", encoding="utf-8")  # the kernel writes here for its whole life
            try:
                return start(*args, **kwargs)
            except RuntimeError as exc:
                said = log.read_text(encoding="utf-8", errors="replace")[-2000:].strip() or "(nothing)"
                if attempt == 2:
                    raise RuntimeError(f"{exc} (twice); the kernel's stderr:\n{said}") from exc
                warnings.warn(f"a notebook kernel died while starting ({exc}); starting it again. "
                              f"Its stderr:\n{said}", stacklevel=2)
        raise AssertionError("unreachable")

    return start_new_kernel


def install(log_dir: Path) -> None:
    import nbval.kernel

    if not getattr(nbval.kernel.start_new_kernel, "retries", False):
        nbval.kernel.start_new_kernel = with_retry(nbval.kernel.start_new_kernel, log_dir)
        nbval.kernel.start_new_kernel.retries = True
