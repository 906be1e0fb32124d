"""Measure the JavaScript a quiz adds to a page (budget: 30 KB uncompressed), for tests and the benchmark."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .render import boot_module

BUDGET_BYTES = 30 * 1024
MARKER = "russia-syria-quiz (quiz.mjs)"  # first line of the module


class _Scripts(HTMLParser):
    """Collects executable scripts: inline code size and local src files (JSON data blocks are not JS)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.srcs: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        a = dict(attrs)
        kind = (a.get("type") or "text/javascript").lower()
        if kind not in ("text/javascript", "module", "application/javascript"):
            return
        if a.get("src"):
            self.srcs.append(a["src"] or "")
        else:
            self._in = True
            self.inline.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.inline[-1] += data


def page_js_bytes(page: Path) -> dict[str, int]:
    """JavaScript bytes of a built page: inline scripts + local script files (external URLs counted as 0)."""
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    inline = sum(len(s.encode("utf-8")) for s in parser.inline)
    files = 0
    for src in parser.srcs:
        if re.match(r"^[a-z]+:|^//", src):
            continue
        path = (page.parent / src.split("?")[0].split("#")[0]).resolve()
        files += path.stat().st_size if path.is_file() else 0
    return {"inline": inline, "files": files, "total": inline + files}


def quiz_js_bytes(quiz_page: Path, plain_page: Path) -> int:
    """JS bytes the quiz adds: ``quiz_page`` total minus ``plain_page`` (a page of the same book without a quiz)."""
    return page_js_bytes(quiz_page)["total"] - page_js_bytes(plain_page)["total"]


def page_quiz_js_bytes(page: Path) -> int:
    """JS bytes of the quiz scripts in a built page (inline or local files), found directly (no baseline page)."""
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    inline = sum(len(s.encode("utf-8")) for s in parser.inline if MARKER in s)
    files = 0
    for src in parser.srcs:
        path = (page.parent / src.split("?")[0].split("#")[0]).resolve()
        if not re.match(r"^[a-z]+:|^//", src) and path.is_file() and MARKER in path.read_text(encoding="utf-8"):
            files += path.stat().st_size
    return inline + files


def module_bytes() -> int:
    """Size of the grading module as the book serves it (with its one-line boot call)."""
    return len(boot_module().encode("utf-8"))
