"""Sphinx extension for the lab notebooks as the book runs them.

Sets ``RUSSIA_SYRIA_BOOK_BUILD`` in the build's environment, which the kernels myst-nb starts inherit, so
``russia_syria.book.glue`` records values for the chapter pages there and nowhere else.
"""

from __future__ import annotations

import os
from typing import Any

from russia_syria.book import BUILD_ENV


def setup(app: Any) -> dict[str, Any]:
    """``sphinx: local_extensions: {bookbuild.labs: ./}`` in _config.yml."""
    os.environ[BUILD_ENV] = "1"  # at load time: before myst-nb executes any notebook
    return {"parallel_read_safe": True, "parallel_write_safe": True}
