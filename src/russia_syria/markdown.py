"""Text made safe for Markdown: the course's one escaper (quiz keys, teacher pages, data appendix)."""

from __future__ import annotations

import re
from typing import Any


def escape_markdown(text: Any) -> str:
    """Text as literal Markdown: every character Markdown or HTML could interpret gets a backslash."""
    s = re.sub(r"([\\`*_{}\[\]()#+!|<>~&$])", r"\\\1", str(text))
    return " ".join(s.split())
