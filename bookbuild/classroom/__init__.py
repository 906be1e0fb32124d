"""Classroom route: claim tags in the source handout and the course's total time on the front page.

Loaded by Sphinx through ``local_extensions`` in ``_config.yml``. The parsing lives in ``claims`` and
``timings`` so that the tests check exactly what the book shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from bookbuild.classroom.directives import ClaimTags, course_time_role

STATIC = Path(__file__).parent / "static"
PRINTABLE = ("book/documents/", "book/worksheets/")  # pages whose organisers are printed and written on


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def _print_css(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    # Only the printable pages load the stylesheet: every other page stays as light as before.
    if pagename.startswith(PRINTABLE):
        app.add_css_file("classroom-print.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("claim-tags", ClaimTags)
    app.add_role("course-time", course_time_role)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _print_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
