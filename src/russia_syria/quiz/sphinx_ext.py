"""Sphinx extension for quizzes in the book (listed in ``_config.yml`` → ``sphinx: extra_extensions``).

1. Keeps quiz widget state out of built pages. When the book executes a notebook, nbclient records the
   state of every widget the kernel created and myst-nb embeds it in the page, with the widget-manager
   scripts. Static pages render quizzes from their ``text/html`` output instead, so the quiz models' state
   (which carries the whole module source) is dead weight: it is dropped, and the widget-manager scripts
   too when no other widget is left on the page.
2. Re-reads every quiz shown on a page from its quiz file at build time. The execution cache keys a
   notebook on its code only, so after a teacher edits a quiz file the cached output would still hold the
   old questions; the values the notebook computed are kept. Sphinx re-reads the page when the file
   changes, and a broken quiz file fails the build with the file and question named.
3. Checks that every quiz's "Review" links point to an existing chapter page and anchor (else a warning,
   which fails the ``-W`` build, naming the quiz file and question).
4. The ``quiz-progress`` directive (used by ``book/progress.md``): the table of every chapter's quiz with
   this browser's saved status, generated from the quiz files at every build (no notebook execution, so
   the execution cache can never serve a stale list).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.util import logging

from .errors import QuizError
from .files import find, load, quiz_dir
from .progress import progress_html
from .render import (
    BOOT_CSS,
    BOOT_JS,
    SPEC_RE,
    boot_module,
    computed_values,
    css_source,
    placeholder,
    quiz_fallback,
    with_links,
)

logger = logging.getLogger(__name__)

MARKER = "russia-syria-quiz (quiz.mjs)"  # first line of static/quiz.mjs, found in each quiz model's _esm


def _strip_widget_state(app: Any, pagename: str, *args: Any) -> None:
    meta = getattr(app.env, "nb_metadata", {}).get(pagename, {})
    js_files = meta.get("js_files") or {}
    entry = js_files.get("ipywidgets_state")
    if not entry:
        return
    uri, kwargs = entry
    try:
        state = json.loads(kwargs["body"].replace("<\\/", "</"))
    except (KeyError, ValueError):
        return
    models = state.get("state", {})
    quiz = {k for k, m in models.items() if MARKER in str(m.get("state", {}).get("_esm", ""))}
    # Layout/style models referenced by a quiz model go with it ("IPY_MODEL_<id>" references).
    refs = {str(v).removeprefix("IPY_MODEL_") for k in quiz for v in models[k].get("state", {}).values()
            if isinstance(v, str) and v.startswith("IPY_MODEL_")}
    keep = {k: m for k, m in models.items() if k not in quiz | refs}
    if keep:
        state["state"] = keep
        js_files["ipywidgets_state"] = (uri, {**kwargs, "body": json.dumps(state).replace("</", "<\\/")})
    else:
        for key in [k for k in js_files if k.startswith("ipywidgets_")]:
            del js_files[key]


def _refresh_quizzes(app: Any, doctree: nodes.document) -> None:
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
            spec = load(name, values)
        except QuizError as exc:
            logger.warning(f"quiz {name!r} shown on this page: {exc}", location=node)
            continue
        shown = getattr(env, "rsq_values", {})
        shown.setdefault(env.docname, {})[name] = values
        env.rsq_values = shown
        links = getattr(env, "rsq_links", {})
        links.setdefault(env.docname, []).extend(
            (f"quizzes/{name}.yml", q["id"], spec["chapter"], q.get("section")) for q in spec["questions"])
        env.rsq_links = links
        node.replace_self(quiz_node(spec=spec, classes=node.get("classes", [])))


class quiz_node(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A quiz (its filled spec); written as HTML once every page is read (its links need section titles)."""


def section_title(env: Any, chapter: str, section: str | None, cache: dict) -> str:
    """The title of ``section`` (an anchor id) in page ``chapter``, or the page's title without a section."""
    if section is None:
        return env.titles[chapter].astext() if chapter in env.titles else "the chapter"
    if chapter not in cache:
        titles: dict[str, str] = {}
        if chapter in env.found_docs:
            for sec in env.get_doctree(chapter).findall(nodes.section):
                for i in sec["ids"]:
                    titles.setdefault(i, sec[0].astext() if sec.children else "")
        cache[chapter] = titles
    return cache[chapter].get(section) or "the section in the chapter"


def _write_quizzes(app: Any, doctree: nodes.document, docname: str) -> None:
    cache: dict[str, dict[str, str]] = {}
    for node in list(doctree.findall(quiz_node)):
        spec = with_links(node["spec"], "html")
        for q in spec["questions"]:
            q["section_title"] = section_title(app.env, spec["chapter"], q.get("section"), cache)
        html = placeholder(spec["dom"], quiz_fallback(spec), spec, module=False)
        node.replace_self(nodes.raw("", html, format="html", classes=node.get("classes", [])))


def _page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """A page with a quiz loads the module and stylesheet as files (no inline script or style: strict CSP)."""
    if "data-rsq-spec=" in (context.get("body") or ""):
        app.add_js_file(BOOT_JS, type="module")
        app.add_css_file(BOOT_CSS)


def _write_assets(app: Any, exc: Exception | None) -> None:
    if exc is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BOOT_JS).write_text(boot_module(), encoding="utf-8")
        (static / BOOT_CSS).write_text(css_source(), encoding="utf-8")


def _check_links(app: Any, env: Any) -> None:
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


def _purge(app: Any, env: Any, docname: str) -> None:
    getattr(env, "rsq_links", {}).pop(docname, None)
    getattr(env, "rsq_values", {}).pop(docname, None)
    getattr(env, "rsq_progress_docs", set()).discard(docname)


def _merge(app: Any, env: Any, docnames: set, other: Any) -> None:
    env.rsq_links = {**getattr(env, "rsq_links", {}), **getattr(other, "rsq_links", {})}
    env.rsq_values = {**getattr(env, "rsq_values", {}), **getattr(other, "rsq_values", {})}
    env.rsq_progress_docs = getattr(env, "rsq_progress_docs", set()) | getattr(other, "rsq_progress_docs", set())


class QuizProgress(Directive):
    """``{quiz-progress}``: the progress table (static HTML + the quiz module)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.rsq_progress_docs = getattr(env, "rsq_progress_docs", set()) | {env.docname}
        env.rsq_quiz_files = _quiz_file_names()
        for path in sorted(quiz_dir().glob("*.yml")):
            env.note_dependency(str(path))
        return [progress_node()]


class progress_node(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where the progress table goes; filled when every page is read (it needs the labs' computed values)."""


def _fill_progress(app: Any, doctree: nodes.document, docname: str) -> None:
    env = app.env
    values: dict[str, dict] = {}
    for shown in getattr(env, "rsq_values", {}).values():
        values.update(shown)
    for node in list(doctree.findall(progress_node)):
        try:
            node.replace_self(nodes.raw("", progress_html(env.found_docs, values, module=False), format="html"))
        except QuizError as exc:
            logger.warning(f"quiz-progress: {exc}", location=node)
            node.replace_self([])


def _quiz_file_names() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in quiz_dir().glob("*.yml")))


def _progress_outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Re-read the progress page when a quiz file was added or removed (Sphinx cannot watch a folder).

    An edit to an existing quiz file is already covered by the page's ``note_dependency`` on each file.
    """
    quiz_pages = set(getattr(env, "rsq_values", {}))
    if getattr(env, "rsq_quiz_files", None) == _quiz_file_names() and not quiz_pages & (changed | added):
        return []  # (a page showing a quiz changed: its computed values may have too)
    return sorted(getattr(env, "rsq_progress_docs", set()) - removed)


def setup(app: Any) -> dict[str, Any]:
    # Priority 400 runs before myst-nb's handler (500), which adds the page's widget scripts from env data.
    app.connect("html-page-context", _strip_widget_state, priority=400)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _write_assets)
    app.connect("doctree-read", _refresh_quizzes)
    app.connect("env-check-consistency", _check_links)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.add_directive("quiz-progress", QuizProgress)
    app.add_node(progress_node)
    app.add_node(quiz_node)
    app.connect("doctree-resolved", _write_quizzes)
    app.connect("doctree-resolved", _fill_progress)
    app.connect("env-get-outdated", _progress_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
