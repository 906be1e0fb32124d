"""Sphinx extension: whether this build read any page, for steps a rebuild that reads none can skip.

Every input of such a step (a quiz file, a lab's run, the configuration) makes Sphinx re-read a page when it
changes, so a build that read no page would only write again what it wrote last time. Extensions that use this
call ``app.setup_extension("bookbuild.pages_read")`` in their own ``setup``.
"""

from __future__ import annotations

from typing import Any


def any_read(app: Any) -> bool:
    """True if this build read at least one page (or reading has not happened yet)."""
    return getattr(app, "rs_pages_read", True)


def _note(app: Any, env: Any, docnames: list[str]) -> None:
    app.rs_pages_read = bool(docnames)


def setup(app: Any) -> dict[str, Any]:
    app.connect("env-before-read-docs", _note)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
