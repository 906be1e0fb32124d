"""The book's table of contents (``_toc.yml``), read with sphinx-external-toc's parser, as Jupyter Book reads it.

The one TOC reader of the repository: the book build, the tests, ``make bench`` and the teacher pages use it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_external_toc.api import SiteMap, TocTree
from sphinx_external_toc.parsing import parse_toc_yaml

from bookbuild import ROOT

CHAPTER = re.compile(r"^book/(\d\d_[a-z0-9_]+)$")  # book/0N_slug: a chapter page; the slug names its lab and quiz


def site_map(root: Path = ROOT) -> SiteMap:
    """``root/_toc.yml`` parsed by sphinx-external-toc (raises its ``MalformedError`` naming the bad entry)."""
    return parse_toc_yaml(root / "_toc.yml")


def pages(root: Path = ROOT) -> list[str]:
    """Every page listed in ``root/_toc.yml``, in reading order (root first), as docnames (no extension)."""
    toc = site_map(root)
    found: list[str] = []

    def walk(docname: str) -> None:
        found.append(docname)
        subtrees: list[TocTree] = toc[docname].subtrees
        for tree in subtrees:
            for child in tree.files():
                walk(child)

    walk(toc.root.docname)
    return found


def chapters(root: Path = ROOT) -> list[str]:
    """Slugs (``0N_slug``) of the chapter pages (``book/0N_slug``) in ``root/_toc.yml``, in book order."""
    return [m.group(1) for page in pages(root) if (m := CHAPTER.match(page))]
