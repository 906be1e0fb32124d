"""Which chapters the book has (the TOC reader ``bookbuild.toc``) and their titles."""

from __future__ import annotations

from pathlib import Path

from bookbuild import toc

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the checkout


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


def toc_chapters(root: Path | None = None) -> list[str]:
    """Slugs of the chapters listed in ``root/_toc.yml`` (``book/0N_slug`` pages), in book order."""
    return toc.chapters(root or course_root())


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
