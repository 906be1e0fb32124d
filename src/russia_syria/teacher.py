"""The teacher's guide's generated parts: answer keys and exercise solutions, never typed twice.

Three sources, all read at book build time:

- the chapters listed in ``_toc.yml`` (so the guide follows whatever chapters exist);
- the quiz files (``quizzes/0N_slug.yml``), turned into keys by :func:`russia_syria.quiz.answer_key`;
- the lab notebooks (``notebooks/0N_slug.ipynb``): their ``{solution-start}``/``{solution-end}`` blocks
  (sphinx-exercise's gated solutions) and plain ``{solution}`` directives are copied out as they are.

Computed quiz answers (``answer: {value: NAME}``) are known only to the notebook that computes them. Rather
than re-implement each computation here (two copies that could drift), the values are read back from a run of
the notebook itself. In a book build that run is the build's own (myst-nb's jupyter-cache; the teacher pages
are read after every other page, see :func:`setup`), so no lab runs twice. Elsewhere (printable key, tests)
:func:`notebook_values` runs the notebook with ``russia_syria.quiz.show`` wrapped so that it records the
``values`` it is given, and caches them in ``_build/teacher-values/`` under a hash of the notebook, quiz file,
data files and this package. Notebooks must call ``quiz.show(...)`` as an attribute of the module, which is
what the quiz README shows.

Everything taken from a quiz or notebook is escaped before it reaches a page: text stays text.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the checkout, for an editable install

CHAPTER = re.compile(r"^book/(\d\d_[a-z0-9_]+?)(?:\.md|\.ipynb)?$")  # book/0N_slug: a chapter page

# A MyST directive opening line: 3+ backticks or colons, then {name} and an optional argument.
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>solution(?:-start|-end)?)\}[ \t]*(?P<arg>.*)$", re.M)


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


class TeacherError(ValueError):
    """A chapter's notebook or quiz cannot be turned into a key; the message names the file and cell."""


# ---------- which chapters exist ----------


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


# ---------- solutions in notebooks ----------


@dataclass
class Solution:
    """One exercise solution: the exercise it answers, and its parts as (kind, text) pairs.

    Kinds: ``markdown``, ``code``, and ``output`` (the text a code cell was committed with, if any).
    """

    exercise: str
    label: str = ""
    cells: list[tuple[str, str]] = field(default_factory=list)


def _options_and_body(text: str) -> tuple[str, str]:
    """Split a directive's content into its ``:option:`` lines (dropped) and its body."""
    lines = text.splitlines()
    i = 0
    while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):
        i += 1
    return "\n".join(lines[:i]), "\n".join(lines[i:]).strip("\n")


def _label(options: str) -> str:
    m = re.search(r"^\s*:label:\s*(\S+)", options, re.M)
    return m.group(1) if m else ""


def _stored_text(cell: Any) -> str:
    """The plain-text outputs a code cell was committed with (the results nbval checks), if any."""
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append(out.get("text", ""))
        elif "text/plain" in out.get("data", {}) and not {"text/html", "image/png"} & set(out["data"]):
            texts.append(out["data"]["text/plain"])
    return "".join(texts).rstrip("\n")


def solutions(notebook: Path) -> list[Solution]:
    """The solutions written in a notebook, in order.

    Gated solutions: ``{solution-start} <exercise>`` opens a solution that runs to the next ``{solution-end}``;
    everything between (the rest of that markdown cell, whole cells, the start of the closing cell) is the
    solution. Markers may share a cell with other text, e.g. ``{solution-end}`` followed by the next exercise
    and its ``{solution-start}``. A plain ``{solution}`` directive is read too. Raises :class:`TeacherError`
    for an unclosed or stray marker, naming the notebook and cell.
    """
    import nbformat  # build-time only: kept out of the import of the package

    name = f"notebooks/{notebook.name}"
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises several types for a broken file
        raise TeacherError(f"{name}: cannot be read as a notebook ({exc})") from None
    found: list[Solution] = []
    current: Solution | None = None
    opened_in = 0
    for n, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "markdown":
            if current is not None:
                current.cells.append((cell.cell_type, cell.source))
                printed = _stored_text(cell)
                if printed:
                    current.cells.append(("output", printed))
            continue
        lines = cell.source.splitlines()
        text: list[str] = []  # markdown of the open solution within this cell

        def flush(sol: Solution | None, text: list[str] = text) -> None:
            if sol is not None and "".join(text).strip():
                sol.cells.append(("markdown", "\n".join(text).strip("\n")))
            text.clear()

        i = 0
        while i < len(lines):
            m = _FENCE.match(lines[i])
            if not m:
                if current is not None:
                    text.append(lines[i])
                i += 1
                continue
            j = i + 1  # the directive's closing fence
            while j < len(lines) and lines[j].strip() != m.group("fence"):
                j += 1
            options, body = _options_and_body("\n".join(lines[i + 1:j]))
            kind, arg = m.group("name"), m.group("arg").strip()
            if kind == "solution-start":
                if current is not None:
                    raise TeacherError(f"{name}, cell {n}: a solution starts before the one opened in cell "
                                       f"{opened_in} ends")
                current, opened_in = Solution(arg, _label(options)), n
            elif kind == "solution-end":
                if current is None:
                    raise TeacherError(f"{name}, cell {n}: {{solution-end}} without a {{solution-start}} before it")
                flush(current)
                found.append(current)
                current = None
            else:
                found.append(Solution(arg, _label(options), [("markdown", body)]))
            i = j + 1
        flush(current)
    if current is not None:
        raise TeacherError(f"{name}, cell {opened_in}: {{solution-start}} is never closed by {{solution-end}}")
    return found


# ---------- computed quiz values, from the notebook ----------

_RECORD = """\
import russia_syria.quiz as _teacher_quiz
_teacher_values = {}
def _teacher_show(name, values=None, _show=_teacher_quiz.show):
    _teacher_values[str(name)] = dict(values or {})
    return _show(name, values)
_teacher_quiz.show = _teacher_show
"""
_REPORT = """\
import json as _teacher_json
print("TEACHER-VALUES " + _teacher_json.dumps(_teacher_values, default=lambda v: v.item() if hasattr(v, "item") else str(v)))
"""


def notebook_values(notebook: Path, quizzes: Path | None = None, timeout: int = 120) -> dict[str, dict[str, Any]]:
    """Run ``notebook`` and return the ``values`` each ``quiz.show(name, values=...)`` call received.

    The notebook runs in its own folder, as in the book build, reading its quizzes from ``quizzes`` (default:
    the quiz package's own choice); a failing cell raises :class:`TeacherError`.
    """
    import nbclient
    import nbformat

    from .quiz.files import ENV_VAR

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(_RECORD), *nb.cells, nbformat.v4.new_code_cell(_REPORT)]
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(notebook.parent)}})
    saved = os.environ.get(ENV_VAR)
    if quizzes is not None:  # the kernel inherits the environment: the notebook grades with these files
        os.environ[ENV_VAR] = str(quizzes)
    try:
        # The child kernel's own log lines would land in this page's stderr (and fail a -W build): drop them.
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except Exception as exc:  # CellExecutionError, timeouts, dead kernels: all mean "no values"
        first = str(exc).strip().splitlines()[-1:] or [""]
        raise TeacherError(f"notebooks/{notebook.name} failed while computing quiz values: {first[0]}") from None
    finally:
        if saved is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = saved
    for out in nb.cells[-1].get("outputs", []):
        text = out.get("text", "")
        if text.startswith("TEACHER-VALUES "):
            return json.loads(text.split(" ", 1)[1])
    raise TeacherError(f"notebooks/{notebook.name}: ran, but reported no quiz values")


# ---------- Markdown output (escaped) ----------


def md_escape(text: Any) -> str:
    """Text as literal Markdown: every character Markdown or HTML could interpret gets a backslash."""
    s = re.sub(r"([\\`*_{}\[\]()#+!|<>~&$])", r"\\\1", str(text))
    return " ".join(s.split())


def _code_block(source: str, lang: str = "python") -> str:
    """A fenced block longer than any backtick run inside it, so code can never close it early."""
    longest = max((len(r) for r in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{source.rstrip()}\n{fence}"


def _fingerprint(root: Path, slug: str) -> str:
    """Hash of everything a chapter's computed quiz values depend on: notebook, quiz file, data, package code."""
    from bookbuild.freshness import fingerprint

    digest = hashlib.sha256(fingerprint(root).encode())  # data files and package: what every notebook reads
    for path in (root / "notebooks" / f"{slug}.ipynb", root / "quizzes" / f"{slug}.yml"):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def values_from_outputs(nb: Any) -> dict[str, dict[str, Any]]:
    """The computed values of every quiz shown in an executed notebook, read back from its outputs.

    Each quiz output carries its validated spec as JSON (the static grader needs it); a computed numeric answer
    keeps the name it was computed under (``computed``) beside its value (``answer``).
    """
    from .quiz.render import SPEC_RE, computed_values

    found: dict[str, dict[str, Any]] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            for _dom, script in SPEC_RE.findall(str(out.get("data", {}).get("text/html", ""))):
                spec = json.loads(script)
                if isinstance(spec, dict) and "name" in spec:
                    found[str(spec["name"])] = computed_values(spec)
    return found


def executed_values(slug: str, root: Path, execution_cache: Path) -> dict[str, Any] | None:
    """The chapter's quiz values from the book build's own execution of its notebook, or None if not there.

    myst-nb keeps every notebook it runs in a jupyter-cache; reading the outputs back saves running each lab a
    second time. The cache matches the notebook's current code, so the values are the ones its page shows.
    """
    notebook = root / "notebooks" / f"{slug}.ipynb"
    if not (execution_cache.is_dir() and notebook.is_file()):
        return None
    import nbformat
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(str(execution_cache)).merge_match_into_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:  # not executed (yet) in this build's cache
        return None
    return values_from_outputs(merged).get(slug)


def chapter_values(slug: str, root: Path, execution_cache: Path | None = None) -> dict[str, Any]:
    """The computed values the chapter's notebook passes to its quiz.

    In a book build they come from the build's own run of the notebook (``execution_cache``, see
    :func:`executed_values`). Otherwise (printable key, tests) the notebook is run here and its values cached
    under ``_build/teacher-values/``: the cache key covers the notebook, the quiz file, the data files and this
    package, so any change to what the values depend on runs the notebook again.
    """
    if execution_cache is not None:
        values = executed_values(slug, root, execution_cache)
        if values is not None:
            return values
    cache = root / "_build" / "teacher-values" / f"{slug}-{_fingerprint(root, slug)}.json"
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    notebook = root / "notebooks" / f"{slug}.ipynb"
    if not notebook.is_file():
        raise TeacherError(f"quizzes/{slug}.yml has computed answers but notebooks/{slug}.ipynb is missing")
    values = notebook_values(notebook, root / "quizzes").get(slug)
    if values is None:
        raise TeacherError(f"notebooks/{slug}.ipynb never calls quiz.show({slug!r}, values=...)")
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob(f"{slug}-*.json"):  # keep one entry per chapter
        old.unlink()
    cache.write_text(json.dumps(values), encoding="utf-8")
    return values


def _needs_values(quiz_file: Path) -> bool:
    from . import quiz

    return any("computed" in q for q in quiz.load(str(quiz_file))["questions"])


def quiz_key_markdown(quiz_file: Path, values: dict[str, Any] | None) -> str:
    """The answer key of one quiz file as an escaped Markdown list: question, kind, answer, why.

    A list rather than a table: answers to matching and ordering questions are long, and a five-column table
    would squeeze them into a narrow column.
    """
    from . import quiz

    frame = quiz.answer_key(str(quiz_file), values)
    items = []
    for r in frame.itertuples():
        lines = [f"{r.question}. {md_escape(r.prompt)} *({md_escape(r.kind)})*", f"   **Answer:** {md_escape(r.answer)}"]
        if str(r.explanation).strip():
            lines.append(f"   *Why:* {md_escape(r.explanation)}")
        items.append(" \\\n".join(lines))  # a backslash at the end of a line is a hard line break
    return "\n".join(items)


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


# ---------- printable quiz sheets and answer key (HTML, printed to PDF by bookbuild.pdf) ----------

_CSS = """body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}
h2{page-break-before:always;border-bottom:1px solid #999}h2.first{page-break-before:avoid}
.q{page-break-inside:avoid;margin:1em 0}.line{border-bottom:1px solid #333;width:20em;height:1.6em}
ol.opts{list-style:none;padding-left:1em}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}
table{border-collapse:collapse;width:100%}.ans{font-weight:bold}"""


def _shuffled(items: list[str], seed: str) -> list[str]:
    """A fixed shuffle (same sheet every build) that never returns the original order: it would be the answer."""
    out = list(items)
    random.Random(seed).shuffle(out)
    if out == list(items) and len(out) > 1:
        out = out[1:] + out[:1]
    return out


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
    from . import quiz

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


def answer_key_html(root: Path | None = None, execution_cache: Path | None = None) -> str:
    """Every chapter's quiz key (computed answers taken from the notebooks) as a printable page.

    ``execution_cache``: a book build's jupyter-cache, to reuse its runs of the labs (see :func:`chapter_values`).
    """
    root = root or course_root()
    from . import quiz

    body = []
    for i, (slug, path) in enumerate(_quiz_files(root)):
        values = chapter_values(slug, root, execution_cache) if _needs_values(path) else None
        frame = quiz.answer_key(str(path), values)
        heading = chapter_title(slug, root) or slug
        body.append(f"<h2{' class=first' if i == 0 else ''}>{html.escape(heading)}</h2><table>"
                    "<tr><th>#</th><th>Question</th><th>Answer</th><th>Why</th></tr>")
        body += [f"<tr><td>{r.question}</td><td>{html.escape(r.prompt)}</td><td class='ans'>{html.escape(r.answer)}"
                 f"</td><td>{html.escape(r.explanation)}</td></tr>" for r in frame.itertuples()]
        body.append("</table>")
    return _page("Answer key", body or ["<p>No chapter has a quiz yet.</p>"])


# ---------- Sphinx extension: the generated parts of the teacher pages ----------
#
# Directives rather than notebook cells: the keys are Python work done inside the Sphinx process, so no page
# needs a kernel of its own, and Sphinx re-reads a teacher page only when a file its key depends on changes.


def _teachers_last(app: Any, env: Any, docnames: list[str]) -> None:
    """Read the teacher pages after every other page, so the chapter notebooks have run by then."""
    docnames.sort(key=lambda d: d.startswith("book/teachers/"))


def _key_directive(part: str) -> Any:
    from bookbuild.freshness import execution_cache_dir
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    from .quiz import QuizError

    class KeyDirective(SphinxDirective):
        """``{quiz-key} 0N_slug`` or ``{exercise-solutions} 0N_slug`` on a teacher page."""

        required_arguments = 1
        has_content = False

        def run(self) -> list[nodes.Node]:
            slug, root = self.arguments[0], Path(self.env.srcdir)
            if not any((root / folder / f"{slug}{ext}").is_file()
                       for folder, ext in (("quizzes", ".yml"), ("notebooks", ".ipynb"))):
                raise self.error(f"{self.name}: no quizzes/{slug}.yml and no notebooks/{slug}.ipynb")
            # Re-read this page when its quiz file or notebook changes (a changed dataset re-reads every page:
            # bookbuild.freshness).
            for dep in (root / "quizzes" / f"{slug}.yml", root / "notebooks" / f"{slug}.ipynb"):
                if dep.is_file():
                    self.env.note_dependency(str(dep))
            try:
                if part == "quiz":
                    text = quiz_key_part(slug, root, execution_cache_dir(self.env))
                else:
                    text = solutions_part(slug, root)
            except (TeacherError, QuizError) as exc:
                raise self.error(str(exc)) from None
            return self.parse_text_to_nodes(text)

    return KeyDirective


def setup(app: Any) -> dict[str, Any]:
    """``sphinx: extra_extensions: [russia_syria.teacher]`` in _config.yml."""
    app.connect("env-before-read-docs", _teachers_last)
    app.add_directive("quiz-key", _key_directive("quiz"))
    app.add_directive("exercise-solutions", _key_directive("solutions"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
