"""Where quizzes come from in a build: quiz files (each parsed once per build) and the labs' glued values. The
environment keeps, per page, the quizzes' computed values
(``rsq_values``), their "Review" links (``rsq_links``) and the ``{quiz}`` directives (``rsq_directives``)."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from bookbuild import pages_read
from russia_syria.book import quiz_value_name
from russia_syria.quiz.errors import QuizError
from russia_syria.quiz.files import PARSES, display_name, find, forget_parsed, quiz_dir, read_yaml
from russia_syria.quiz.schema import validate

logger = logging.getLogger(__name__)

PARSES_FILE = "rsq-quiz-parses.json"  # in the doctree folder (never published): the parse count of the last build


def new_build(app: Any) -> None:
    forget_parsed()  # the pages, the keys and the LMS export of this build then share one parse of each file


def record_parses(app: Any, exc: Exception | None) -> None:
    """Write how often each quiz file was parsed in this build (a test checks once per file)."""
    if exc is None:
        Path(app.doctreedir, PARSES_FILE).write_text(json.dumps(dict(sorted(PARSES.items()))), encoding="utf-8")


def spec_for(name: str, values: dict | None) -> dict:
    """Quiz ``name`` validated with ``values`` (None: check only), its file parsed at most once per build."""
    path = find(name)
    spec = validate(read_yaml(path), display_name(path), values)
    spec["name"] = path.stem
    return spec


def quiz_file_names() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in quiz_dir().glob("*.yml")))


def _record(env: Any, docname: str, name: str, values: dict, spec: dict) -> None:
    env.rsq_values = getattr(env, "rsq_values", {})
    env.rsq_values.setdefault(docname, {})[name] = values
    env.rsq_links = getattr(env, "rsq_links", {})
    links = env.rsq_links.setdefault(docname, [])
    links += [link for link in ((f"quizzes/{name}.yml", q["id"], spec["chapter"], q.get("section"))
                                for q in spec["questions"]) if link not in links]


def glued_number(entry: dict) -> Any:
    """A number glued by ``myst_nb.glue`` (its ``text/plain`` form), or None."""
    try:
        value = ast.literal_eval(str(entry.get("data", {}).get("text/plain", "")))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def default_prefix(name: str) -> str:
    """What ``quiz.show(name, values=...)`` puts before each value's name when it glues it (the directive's default)."""
    return quiz_value_name(name, "")


def glued_values(env: Any, name: str, values_doc: str, prefix: str) -> dict[str, Any]:
    """The computed values quiz ``name`` needs, from the numbers page ``values_doc`` glued as ``prefix + key``.

    Raises :class:`QuizError` naming the quiz file for a value the lab does not glue, or glues under the quiz's
    prefix but no question uses (a misspelt name).
    """
    from myst_nb.ext.glue.crossref import read_glue_cache

    folder = str(env.mystnb_config.output_folder)
    glued = read_glue_cache(folder, values_doc) if values_doc in env.found_docs else {}
    needed = [q["computed"] for q in spec_for(name, None)["questions"] if "computed" in q]
    values = {}
    for key in needed:
        value = glued_number(glued[prefix + key]) if prefix + key in glued else None
        if value is None:
            raise QuizError(f"quizzes/{name}.yml", f"needs the computed value {key!r}: the lab "
                            f"{values_doc!r} glues no number named {prefix + key!r}")
        values[key] = value
    # Under the quiz's own prefix every name is meant for it; a chosen prefix may be shared with the chapter's prose.
    own = prefix == default_prefix(name)
    unused = sorted(k[len(prefix):] for k in glued if own and k.startswith(prefix) and k[len(prefix):] not in needed)
    if unused:
        raise QuizError(f"quizzes/{name}.yml", f"the lab {values_doc!r} passes value(s) no question uses: "
                        + ", ".join(unused))
    return values


def fill_values(app: Any, env: Any) -> None:
    """Each ``{quiz}`` directive's computed values, from its lab's glue data (all pages are read by now).

    A build that read no page keeps the values saved with the environment: a quiz file edit or a new run of a
    lab re-reads the page that shows the quiz."""
    directives = getattr(env, "rsq_directives", {})
    saved = getattr(env, "rsq_values", {})
    if not pages_read.any_read(app) and all(
            name in saved.get(docname, {}) for docname, entries in directives.items() for name, _, _ in entries):
        return
    for docname, entries in sorted(directives.items()):
        for name, values_doc, prefix in entries:
            try:
                values = glued_values(env, name, values_doc, prefix)
                spec = spec_for(name, values)
            except QuizError as exc:
                logger.warning(f"quiz directive: {exc}", location=docname)
                continue
            _record(env, docname, name, values, spec)


def check_links(app: Any, env: Any) -> None:
    """Every "Review" link of a quiz in the book must point to an existing page and anchor."""
    ids_of: dict[str, set[str]] = {}
    for docname, links in sorted(getattr(env, "rsq_links", {}).items()):
        for src, qid, chapter, section in links:
            if chapter not in env.found_docs:
                logger.warning(f"{src}, question {qid!r}: `chapter` {chapter!r} is not a page of the book",
                               location=docname)
                continue
            if section is None:
                continue
            if chapter not in ids_of:
                ids_of[chapter] = {i for node in env.get_doctree(chapter).findall(nodes.Element)
                                   for i in node.get("ids", [])}
            if section not in ids_of[chapter]:
                logger.warning(f"{src}, question {qid!r}: `section` {section!r} is not an anchor in {chapter} "
                               "(use a MyST label `(name)=` or a heading id)", location=docname)


KEYS = ("rsq_links", "rsq_values", "rsq_directives")


def purge(app: Any, env: Any, docname: str) -> None:
    for key in KEYS:
        getattr(env, key, {}).pop(docname, None)
    getattr(env, "rsq_progress_docs", set()).discard(docname)


def merge(app: Any, env: Any, docnames: set, other: Any) -> None:
    for key in KEYS:
        setattr(env, key, {**getattr(env, key, {}), **getattr(other, key, {})})
    env.rsq_progress_docs = getattr(env, "rsq_progress_docs", set()) | getattr(other, "rsq_progress_docs", set())


def progress_outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Re-read the progress page when a quiz file was added or removed (Sphinx cannot watch a folder), or when a
    page showing a quiz changed (its computed values may have too). An edit to an existing quiz file is already
    covered by the page's ``note_dependency`` on each file."""
    quiz_pages = set(getattr(env, "rsq_values", {})) | set(getattr(env, "rsq_directives", {}))
    if getattr(env, "rsq_quiz_files", None) == quiz_file_names() and not quiz_pages & (changed | added):
        return []
    return sorted(getattr(env, "rsq_progress_docs", set()) - removed)
