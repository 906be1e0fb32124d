"""The one way this repository runs Jupyter Book: ``jupyter-book build -W -n --keep-going``.

``make book``, the student edition, the PDF, ``make bench`` and the tests all build through ``build``.
-W: warnings are errors; -n: nitpicky cross-references; --keep-going: report every warning, not only the first.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bookbuild import ROOT

FLAGS = ("-W", "-n", "--keep-going")


def command(source: Path, output: Path, builder: str = "html", extra: tuple[str, ...] = ()) -> list[str]:
    """The ``jupyter-book build`` command line (the one installed beside this Python)."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return [str(jupyter_book), "build", str(source), "--path-output", str(output), "--builder", builder,
            *FLAGS, *extra]


def build(source: Path = ROOT, output: Path | None = None, builder: str = "html", extra: tuple[str, ...] = (),
          env: dict[str, str] | None = None, fresh: bool = True,
          capture: bool = True) -> subprocess.CompletedProcess[str]:
    """Build ``source`` into ``<output>/_build/<builder>`` (``output`` defaults to ``source``).

    ``fresh`` empties that folder first: Sphinx skips unchanged pages and then skips copying static files, so a
    build meant to be complete starts from an empty folder; the execution cache beside it is kept. The build
    runs in ``source``, whatever the caller's working directory; ``env`` defaults to this process's.
    """
    output = output or source
    if fresh:
        shutil.rmtree(output / "_build" / builder, ignore_errors=True)
    return subprocess.run(command(source, output, builder, extra), capture_output=capture, text=True, env=env,
                          cwd=source)


if __name__ == "__main__":  # `make book`
    sys.exit(build(capture=False).returncode)
