"""Where quizzes come from in a build: quiz files (each parsed once per build), the labs' glued values, and the
quizzes a lab's ``quiz.show()`` output carries. The environment keeps, per page, the quizzes' computed values
(``rsq_values``), their "Review" links (``rsq_links``) and the ``{quiz}`` directives (``rsq_directives``)."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from russia_syria.quiz.errors import QuizError
from russia_syria.quiz.files import display_name, find, quiz_dir, read_yaml
from russia_syria.quiz.render import SPEC_RE, computed_values
from russia_syria.quiz.schema import validate

from .nodes import quiz_node

logger = logging.getLogger(__name__)

_RAW: dict[Path, Any] = {}  # quiz file -> parsed YAML, for this build
PARSES: Counter = Counter()  # quiz file name -> times parsed in this process (tests count them)


def new_build(app: Any) -> None:
    _RAW.clear()


def spec_for(name: str, values: dict | None) -> dict:
    """Quiz ``name`` validated with ``values`` (None: check only), its file parsed at most once per build."""
    path = find(name)
    if path not in _RAW:
        PARSES[path.name] += 1
        _RAW[path] = read_yaml(path)
    spec = validate(_RAW[path], display_name(path), values)
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


def quizzes_from_outputs(app: Any, doctree: nodes.document) -> None:
    """A lab's ``quiz.show()`` output becomes a quiz node with the quiz file's current questions.

    The execution cache keys a notebook on its code only, so after a teacher edits a quiz file the cached output
    still holds the old questions; the values the notebook computed are kept. Sphinx re-reads the page when the
    file changes, and a broken quiz file fails the build with the file and question named.
    """
    env = app.env
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        match = SPEC_RE.search(text) if "data-rsq-spec" in text else None
        if not match or match.group(1) == "rsq-progress":
            continue
        try:
            old = json.loads(match.group(2))
            name = old["name"]
        except (ValueError, KeyError):
            continue  # not a quiz output of this package version: leave it as it is
        values = computed_values(old)
        try:
            env.note_dependency(str(find(name)))
            spec = spec_for(name, values)
        except QuizError as exc:
            logger.warning(f"quiz {name!r} shown on this page: {exc}", location=node)
            continue
        _record(env, env.docname, name, values, spec)
        # The whole output (all its mime types) becomes the quiz: no builder can then pick the widget view.
        bundle = node
        while bundle.parent is not None and bundle.get("nb_element") != "mime_bundle":
            bundle = bundle.parent
        target = bundle if bundle.get("nb_element") == "mime_bundle" else node
        target.replace_self(quiz_node(name=name, classes=node.get("classes", [])))


def glued_number(entry: dict) -> Any:
    """A number glued by ``myst_nb.glue`` (its ``text/plain`` form), or None."""
    try:
        value = ast.literal_eval(str(entry.get("data", {}).get("text/plain", "")))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def fill_values(app: Any, env: Any) -> None:
    """Each ``{quiz}`` directive's computed values, from its lab's glue data (all pages are read by now)."""
    from myst_nb.ext.glue.crossref import read_glue_cache

    folder = str(env.mystnb_config.output_folder)
    for docname, entries in sorted(getattr(env, "rsq_directives", {}).items()):
        for name, values_doc, prefix in entries:
            glued = read_glue_cache(folder, values_doc) if values_doc in env.found_docs else {}
            try:
                needed = [q["computed"] for q in spec_for(name, None)["questions"] if "computed" in q]
                values = {}
                for key in needed:
                    value = glued_number(glued[prefix + key]) if prefix + key in glued else None
                    if value is None:
                        raise QuizError(f"quizzes/{name}.yml", f"needs the computed value {key!r}: the lab "
                                        f"{values_doc!r} glues no number named {prefix + key!r}")
                    values[key] = value
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
