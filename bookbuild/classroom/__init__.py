"""Classroom route: claim tags in the source handout and the course's total time on the front page.

Loaded by Sphinx through ``local_extensions`` in ``_config.yml``. The parsing lives in ``claims`` and
``timings`` so that the tests check exactly what the book shows.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from bookbuild.classroom.directives import ClaimTags, course_time_role


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("claim-tags", ClaimTags)
    app.add_role("course-time", course_time_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
