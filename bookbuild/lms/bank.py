"""The course's question bank for LMS export: every quiz, its computed answers, and links back to the book.

Computed answers (``answer: {value: NAME}``) come from the chapter notebooks, read back the way the teacher's
answer key reads them (the build's execution cache, else a cached run of the notebook), so an LMS quiz and the
book can never disagree. Links point to the published book: ``html.baseurl`` in ``_config.yml`` when set, else
the GitHub Pages address of ``repository.url`` (one setting for a fork to change).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


def base_url(root: Path = ROOT) -> str:
    """The published book's address, ending in ``/``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    explicit = ((config.get("html") or {}).get("baseurl") or "").strip()
    if explicit:
        return explicit.rstrip("/") + "/"
    repo = ((config.get("repository") or {}).get("url") or "").rstrip("/")
    parts = repo.split("/")
    if len(parts) < 5 or parts[2] != "github.com":
        raise ValueError("_config.yml: set html.baseurl (or a github.com repository.url) so exported questions can "
                         "link back to the published book")
    owner, name = parts[3], parts[4]
    return f"https://{owner}.github.io/" if name == f"{owner}.github.io" else f"https://{owner}.github.io/{name}/"


def section_link(spec: dict, q: dict, base: str) -> str:
    """Absolute link to the question's section (or its chapter) in the published book."""
    page = f"{base}{spec['chapter']}.html"
    return f"{page}#{q['section']}" if q.get("section") else page


@dataclass
class Bank:
    """Quizzes in chapter order (validated specs with computed answers), the book's address, and notes."""

    quizzes: list[dict]
    base: str
    notes: list[str]

    def link(self, spec: dict, q: dict) -> str:
        return section_link(spec, q, self.base)


def load(root: Path = ROOT, values: dict[str, dict[str, Any]] | None = None, cache: Path | None = None) -> Bank:
    """The course's bank; ``values`` (quiz file name → computed values) skips running the notebooks (tests).

    ``cache``: myst-nb's execution cache of a book build, whose notebook runs give the values.
    """
    from bookbuild.teacher import course_values
    from russia_syria import classgrade

    notes: list[str] = []
    if values is None:
        values, notes = course_values(root, cache=cache)
    specs, more = classgrade.course_specs(values)
    missing = [f"{s['name']}/{q['id']}" for s in specs.values() for q in s["questions"]
               if q["kind"] == "numeric" and q["answer"] is None]
    if missing:
        raise ValueError(f"computed answers unknown for {', '.join(missing)}: {'; '.join(notes + more)}")
    return Bank(list(specs.values()), base_url(root), notes + more)
