"""Sphinx extension: put the LMS question bank files into the built site, for the teacher's guide to link.

Written after the build (``build-finished``), when every chapter notebook has run and its computed answers are in
myst-nb's execution cache, so no notebook runs twice. Only a build that contains the teacher's page
``book/teachers/lms`` gets the files: the student edition, which leaves the guide out, carries no answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bookbuild import pages_read

PAGE = "book/teachers/lms"
FOLDER = "lms"  # under the site root: <site>/lms/russia-syria-moodle.xml, ...


def _write(app: Any, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html" or PAGE not in app.env.found_docs:
        return
    folder = Path(app.outdir) / FOLDER
    if not pages_read.any_read(app) and folder.is_dir() and any(folder.iterdir()):  # nothing it uses changed
        return
    from sphinx.errors import ExtensionError

    from . import bank as bankmod
    from .__main__ import write_all

    cache = getattr(getattr(app.env, "mystnb_config", None), "execution_cache_path", "") or None
    try:
        bank = bankmod.load(Path(app.srcdir), cache=Path(cache) if cache else None)
    except ValueError as err:
        raise ExtensionError(f"LMS export: {err}") from None
    write_all(bank, folder)


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("bookbuild.pages_read")
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
