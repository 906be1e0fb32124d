"""Text from quiz files and datasets as literal Markdown: the one escaper the course uses.

Written by hand because no maintained library escapes for CommonMark/GFM/MyST at once, and the rule is short:
CommonMark turns a backslash before any ASCII punctuation back into that character, so escaping all of it
leaves no emphasis, link, image, HTML, role, math or table markup. Escaping ``.``, ``:`` and ``@`` also
stops GFM's autolinks (``example.org`` would otherwise become a live ``http://`` link).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["escape_markdown"]

# Every ASCII punctuation character (CommonMark, "Backslash escapes").
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# `<`, `>` and `&` as entities rather than backslashes: read the same by CommonMark, and still inert if the
# text ever lands in a renderer that ignores backslashes (an HTML page, a spreadsheet).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_markdown(text: Any) -> str:
    """``text`` as one line of Markdown that renders exactly as written: no markup, links or raw HTML.

    Line breaks and runs of white space become single spaces, so the result is safe inside a table cell or
    a list item.
    """
    escaped = _PUNCTUATION.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), str(text))
    return " ".join(escaped.split())
