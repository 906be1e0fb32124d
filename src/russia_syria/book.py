"""Numbers a lab hands to its chapter page (myst-nb's "glue"), with no trace where students run the lab.

``glue(name, value)`` records ``value`` for the chapter page's ``{glue:text}`` roles while the book is built
(Jupyter Book runs the notebooks with ``RUSSIA_SYRIA_BOOK_BUILD`` set, see ``bookbuild.labs``) and does nothing
anywhere else: on a hub, in Colab or in JupyterLite the cell runs silently.

Hand-written rather than ``myst_nb.glue``: the runtime package must not need the book's tools. It writes the
same record myst-nb reads back: a display output whose MIME types carry myst-nb's prefix, and ``scrapbook``
metadata naming the value.
"""

from __future__ import annotations

import os

BUILD_ENV = "RUSSIA_SYRIA_BOOK_BUILD"  # set in the book build's kernels only
PREFIX = "application/papermill.record/"  # myst_nb.ext.glue.GLUE_PREFIX: such outputs are data, never shown


def in_book_build() -> bool:
    """True in the kernels the book build runs (and in the build itself)."""
    return bool(os.environ.get(BUILD_ENV))


def quiz_value_name(quiz: str, key: str) -> str:
    """The glue name of computed value ``key`` of quiz ``quiz``: the ``{quiz}`` directive reads it back."""
    return f"quiz.{quiz}.{key}"


def glue(name: str, value: object, display: bool = False) -> None:
    """Record ``value`` under ``name`` for the book (``display=True`` also shows it there); a no-op elsewhere."""
    if not in_book_build():
        return
    from IPython.core.formatters import format_display_data
    from IPython.display import display as ipy_display

    bundle, metadata = format_display_data(value)
    prefix = "" if display else PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    ipy_display({prefix + key: data for key, data in bundle.items()}, raw=True, metadata=metadata)
