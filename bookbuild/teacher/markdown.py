"""The teacher pages' keys and solutions as Markdown; everything taken from a quiz or notebook is escaped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from russia_syria.markdown import escape_markdown as md_escape

from .solutions import Solution, solutions
from .toc import toc_chapters
from .values import _needs_values, chapter_values


def _code_block(source: str, lang: str = "python") -> str:
    """A fenced block longer than any backtick run inside it, so code can never close it early."""
    longest = max((len(r) for r in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{source.rstrip()}\n{fence}"


def spec_key_markdown(spec: dict) -> str:
    """The answer key of a validated quiz spec as an escaped Markdown list: question, kind, answer, why.

    A list rather than a table: answers to matching and ordering questions are long, and a five-column table
    would squeeze them into a narrow column.
    """
    from russia_syria.quiz.key import KIND_NAMES, _answer

    items = []
    for n, q in enumerate(spec["questions"], 1):
        lines = [f"{n}. {md_escape(q['prompt'])} *({md_escape(KIND_NAMES[q['kind']])})*",
                 f"   **Answer:** {md_escape(_answer(q))}"]
        if str(q.get("explanation", "")).strip():
            lines.append(f"   *Why:* {md_escape(q['explanation'])}")
        items.append(" \\\n".join(lines))  # a backslash at the end of a line is a hard line break
    return "\n".join(items)


def quiz_key_markdown(quiz_file: Path, values: dict[str, Any] | None) -> str:
    """The answer key of one quiz file (see :func:`spec_key_markdown`)."""
    from russia_syria import quiz

    return spec_key_markdown(quiz.load(str(quiz_file), values))


def solutions_markdown(sols: list[Solution]) -> str:
    """Solutions as Markdown: prose escaped line by line, code in fenced blocks."""
    parts = []
    for s in sols:
        parts.append(f"**Solution to exercise `{md_escape(s.exercise) or '(unnamed)'}`**")
        for kind, src in s.cells:
            if kind == "code":
                code = "\n".join(line for line in src.splitlines() if line.strip() != "# NBVAL_CHECK_OUTPUT")
                parts.append(_code_block(code))
            elif kind == "output":
                parts.append("*Output:*\n\n" + _code_block(src, "text"))
            elif src.strip():
                parts.append("\n".join(md_escape(line) for line in src.splitlines()))
    return "\n\n".join(parts)


_NOT_IN_TOC = ("*This chapter is not in the book yet. Its answer key and exercise solutions appear here as soon "
               "as the chapter is listed in the table of contents.*")


def quiz_key_part(slug: str, root: Path, execution_cache: Path | None = None) -> str:
    """A chapter's quiz answer key as Markdown (or a note saying why there is none)."""
    if slug not in toc_chapters(root):
        return _NOT_IN_TOC
    quiz_file = root / "quizzes" / f"{slug}.yml"
    if not quiz_file.is_file():
        return f"*No quiz file yet (`quizzes/{md_escape(slug)}.yml`).*"
    values = chapter_values(slug, root, execution_cache) if _needs_values(quiz_file) else None
    return quiz_key_markdown(quiz_file, values)


def solutions_part(slug: str, root: Path) -> str:
    """A chapter's exercise solutions as Markdown (or a note saying why there are none)."""
    if slug not in toc_chapters(root):
        return _NOT_IN_TOC
    notebook = root / "notebooks" / f"{slug}.ipynb"
    sols = solutions(notebook) if notebook.is_file() else []
    return solutions_markdown(sols) if sols else "*The lab notebook has no exercise solutions yet.*"
