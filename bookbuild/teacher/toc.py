"""Which chapters the book has: the chapter pages listed in ``_toc.yml``, and their titles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the checkout

CHAPTER = re.compile(r"^book/(\d\d_[a-z0-9_]+?)(?:\.md|\.ipynb)?$")  # book/0N_slug: a chapter page


def course_root() -> Path:
    """The book being built: the nearest folder at or above the working directory holding ``_toc.yml``.

    Pages run in their own folder (``book/teachers/``), so this finds the book even when it is a copy of the
    repository elsewhere; outside a book, the checkout the package was installed from.
    """
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    return PACKAGE_ROOT


def _entries(node: Any) -> list[str]:
    """Every ``file:`` value in a parsed _toc.yml, in reading order."""
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            found.append(node["file"])
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key) or []:
                found += _entries(child)
    return found


def toc_chapters(root: Path | None = None) -> list[str]:
    """Slugs of the chapters listed in ``root/_toc.yml`` (``book/0N_slug`` pages), in book order."""
    root = root or course_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    return [m.group(1) for f in _entries(toc) if (m := CHAPTER.match(f))]


def chapter_title(slug: str, root: Path | None = None) -> str | None:
    """The first ``# heading`` of ``book/<slug>.md``, or None if the page does not exist yet."""
    root = root or course_root()
    page = root / "book" / f"{slug}.md"
    if not page.is_file():
        return None
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return slug
