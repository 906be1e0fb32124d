"""Quiz and progress nodes written out at ``doctree-resolved``: HTML for the web, questions for print."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util import logging

from russia_syria.quiz.errors import QuizError
from russia_syria.quiz.progress import progress_html
from russia_syria.quiz.render import placeholder, quiz_fallback, with_links

from . import printable
from .nodes import progress_node, quiz_node
from .source import spec_for

logger = logging.getLogger(__name__)
# The printed course (PDF) is made from the single-page build: quizzes print as questions, not as a widget.
PRINT_BUILDERS = {"singlehtml", "latex"}


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


def write_quizzes(app: Any, doctree: nodes.document, docname: str) -> None:
    env = app.env
    cache: dict[str, dict[str, str]] = {}
    for node in list(doctree.findall(quiz_node)):
        name = node["name"]
        try:
            spec = spec_for(name, getattr(env, "rsq_values", {}).get(docname, {}).get(name))
        except QuizError as exc:
            logger.warning(f"quiz: {exc}", location=node)
            node.replace_self([])
            continue
        if app.builder.name in PRINT_BUILDERS:
            node.replace_self(printable.questions(spec))
            continue
        spec = with_links(spec, "html")
        for q in spec["questions"]:
            q["section_title"] = section_title(env, spec["chapter"], q.get("section"), cache)
        html = placeholder(spec["dom"], quiz_fallback(spec), spec, module=False)
        node.replace_self(nodes.raw("", html, format="html", classes=node.get("classes", [])))


def write_progress(app: Any, doctree: nodes.document, docname: str) -> None:
    env = app.env
    values: dict[str, dict] = {}
    for shown in getattr(env, "rsq_values", {}).values():
        values.update(shown)
    for node in list(doctree.findall(progress_node)):
        try:
            html = progress_html(env.found_docs, values, module=False, loader=spec_for)
        except QuizError as exc:
            logger.warning(f"quiz-progress: {exc}", location=node)
            node.replace_self([])
            continue
        node.replace_self(nodes.raw("", html, format="html"))
