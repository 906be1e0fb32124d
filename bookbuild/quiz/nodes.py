"""Where a quiz or the progress table goes in a doctree; ``write`` fills them once every page is read."""

from __future__ import annotations

from docutils import nodes


class quiz_node(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A quiz: ``name`` (its file). Written as HTML (or printable questions) when all pages are read, because its
    "Review" links need section titles and a ``{quiz}`` directive needs its lab's glued values."""


class progress_node(nodes.General, nodes.Element):  # noqa: N801
    """Where the progress table goes; filled when every page is read (it needs the labs' computed values)."""
