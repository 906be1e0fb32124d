"""Printable quiz sheets and answer key (HTML, printed to PDF by the PDF build)."""

from __future__ import annotations

import html
import random
from pathlib import Path

from .solutions import solutions
from .toc import chapter_title, course_root, toc_chapters
from .values import _needs_values, chapter_values

_CSS = """body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}
h2{page-break-before:always;border-bottom:1px solid #999}h2.first{page-break-before:avoid}
.q{page-break-inside:avoid;margin:1em 0}.line{border-bottom:1px solid #333;width:20em;height:1.6em}
ol.opts{list-style:none;padding-left:1em}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}
table{border-collapse:collapse;width:100%}.ans{font-weight:bold}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.4em}.sol{page-break-inside:avoid}"""


def sheet_order(n: int, seed: str) -> list[int]:
    """A fixed shuffle of ``range(n)`` (same sheet every build) that is never the identity: it would be the answer.

    The sheets and the key both place items by it, so the key gives the very letters and numbers on the sheet.
    """
    out = list(range(n))
    random.Random(seed).shuffle(out)
    if out == list(range(n)) and n > 1:
        out = out[1:] + out[:1]
    return out


def _shuffled(items: list[str], seed: str) -> list[str]:
    return [items[i] for i in sheet_order(len(items), seed)]


def sheet_answer_lines(q: dict, seed: str) -> list[str] | None:
    """The answer to an ordering or matching question as written on its quiz sheet, one line per sheet line;
    None for other kinds (their answers need no translating).

    Ordering: the sheet lists the items shuffled; each line is the number to write beside an item, in the sheet's
    order. Matching: the sheet letters the right-hand column shuffled; each line is a row's letter.
    """
    if q["kind"] == "order":
        return [f"{i + 1}  {q['items'][i]}" for i in sheet_order(len(q["items"]), seed)]
    if q["kind"] == "match":
        letter = {i: chr(65 + n) for n, i in enumerate(sheet_order(len(q["pairs"]), seed))}
        return [f"{p['left']} → {letter[i]} ({p['right']})" for i, p in enumerate(q["pairs"])]
    return None


def _blank(q: dict, seed: str) -> str:
    e = html.escape
    kind = q["kind"]
    if kind in ("single", "multiple"):
        hint = "Tick one." if kind == "single" else "Tick all that apply."
        return f"<p><em>{hint}</em></p><ol class='opts'>" + "".join(
            f"<li>☐ {e(o['text'])}</li>" for o in q["options"]) + "</ol>"
    if kind == "truefalse":
        return "<p>☐ True &nbsp;&nbsp; ☐ False</p>"
    if kind in ("numeric", "text"):
        unit = f" {e(q['unit'])}" if q.get("unit") else ""
        return f"<div class='line'></div>{unit}"
    if kind == "order":
        return "<p><em>Number these from 1 (first).</em></p><ol class='opts'>" + "".join(
            f"<li>___ {e(t)}</li>" for t in _shuffled(q["items"], seed)) + "</ol>"
    rights = _shuffled([p["right"] for p in q["pairs"]], seed)
    return ("<p><em>Write the letter of the matching item.</em></p><table>" + "".join(
        f"<tr><td>{e(p['left'])}</td><td>___</td><td>{chr(65 + i)}. {e(r)}</td></tr>"
        for i, (p, r) in enumerate(zip(q["pairs"], rights, strict=True))) + "</table>")


def _page(title: str, body: list[str]) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>{''.join(body)}</body></html>")


def _quiz_files(root: Path) -> list[tuple[str, Path]]:
    return [(s, root / "quizzes" / f"{s}.yml") for s in toc_chapters(root) if (root / "quizzes" / f"{s}.yml").is_file()]


def quiz_sheets_html(root: Path | None = None) -> str:
    """Every chapter's quiz as a printable sheet, without answers."""
    root = root or course_root()
    from russia_syria import quiz

    body = []
    for i, (slug, path) in enumerate(_quiz_files(root)):
        spec = quiz.load(str(path))
        heading = chapter_title(slug, root) or slug
        body.append(f"<h2{' class=first' if i == 0 else ''}>{html.escape(heading)} — {html.escape(spec['title'])}</h2>"
                    "<p>Name: ______________________ &nbsp; Date: __________</p>")
        for n, q in enumerate(spec["questions"], 1):
            body.append(f"<div class='q'><p><strong>{n}.</strong> {html.escape(q['prompt'])}</p>"
                        f"{_blank(q, spec['id'] + '/' + q['id'])}</div>")
    return _page("Quiz sheets", body or ["<p>No chapter has a quiz yet.</p>"])


def _solutions_html(slug: str, root: Path) -> str:
    """A chapter's exercise solutions (read from its lab notebook) as escaped HTML: prose, code and output."""
    notebook = root / "notebooks" / f"{slug}.ipynb"
    sols = solutions(notebook) if notebook.is_file() else []
    if not sols:
        return ""
    e = html.escape
    parts = ["<h3>Exercise solutions</h3>"]
    for sol in sols:
        parts.append(f"<div class='sol'><p><strong>Exercise {e(sol.exercise or '(unnamed)')}</strong></p>")
        for kind, src in sol.cells:
            if kind == "code":
                code = "\n".join(line for line in src.splitlines() if line.strip() != "# NBVAL_CHECK_OUTPUT")
                parts.append(f"<pre>{e(code.strip())}</pre>")
            elif kind == "output":
                parts.append(f"<p><em>Output:</em></p><pre>{e(src)}</pre>")
            elif src.strip():
                parts.append(f"<p>{e(src.strip())}</p>")
        parts.append("</div>")
    return "".join(parts)


def answer_key_html(root: Path | None = None, execution_cache: Path | None = None) -> str:
    """Every chapter's quiz key (computed answers taken from the notebooks) and exercise solutions, printable.

    Ordering and matching answers use the quiz sheets' own numbers and letters (:func:`sheet_answer_lines`), so the
    teacher marks a sheet without translating. ``execution_cache``: a book build's jupyter-cache, to reuse its
    runs of the labs (see :func:`chapter_values`).
    """
    root = root or course_root()
    from russia_syria import quiz

    body = []
    for i, (slug, path) in enumerate(_quiz_files(root)):
        values = chapter_values(slug, root, execution_cache) if _needs_values(path) else None
        spec = quiz.load(str(path), values)
        frame = quiz.answer_key(str(path), values)
        heading = chapter_title(slug, root) or slug
        body.append(f"<h2{' class=first' if i == 0 else ''}>{html.escape(heading)}</h2><table>"
                    "<tr><th>#</th><th>Question</th><th>Answer</th><th>Why</th></tr>")
        for q, r in zip(spec["questions"], frame.itertuples(), strict=True):
            lines = sheet_answer_lines(q, spec["id"] + "/" + q["id"]) or [r.answer]
            answer = "<br>".join(html.escape(line) for line in lines)
            body.append(f"<tr><td>{r.question}</td><td>{html.escape(r.prompt)}</td>"
                        f"<td class='ans'>{answer}</td><td>{html.escape(r.explanation)}</td></tr>")
        body.append("</table>")
        body.append(_solutions_html(slug, root))
    return _page("Answer key", body or ["<p>No chapter has a quiz yet.</p>"])
