"""Sphinx extension for the course's quizzes (``_config.yml`` → ``sphinx: local_extensions: {bookbuild.quiz: ./}``).

Laid out like sphinx-exercise: ``directive`` (the ``{quiz}`` and ``{quiz-progress}`` directives), ``nodes`` and ``write``
(where a quiz goes, written as HTML once every page is read), ``source`` (quiz files read once per build, the labs' glued
values), ``assets`` (the module and stylesheet as files) and ``printable`` (quizzes as questions in the PDF). The quiz
module itself is runtime code (``russia_syria/quiz/static``): the kernel widget runs the same file.

A quiz reaches a page through the ``{quiz} NAME`` directive: the questions come from ``quizzes/NAME.yml`` and each
computed answer ``{value: KEY}`` from a number the lab glued. A lab's cell tagged ``quiz`` (``quiz.show(NAME,
values=...)``, the live widget in Jupyter) becomes that directive on the page (``bookbuild.labs``), and in the book
build ``quiz.show`` glues each value as ``quiz.NAME.KEY``. A page may also name the lab and the glue prefix itself
(``:values: notebooks/03_war_and_intervention``, ``:prefix: ch03_``).
"""

from __future__ import annotations

from typing import Any

from . import assets, directive, nodes, source, write


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("bookbuild.pages_read")
    app.add_directive("quiz", directive.QuizDirective)
    app.add_directive("quiz-progress", directive.QuizProgress)
    app.add_node(nodes.quiz_node)
    app.add_node(nodes.progress_node)
    app.connect("builder-inited", source.new_build)
    app.connect("env-purge-doc", source.purge)
    app.connect("env-merge-info", source.merge)
    app.connect("env-get-outdated", source.progress_outdated)
    # env-updated runs on every build, before Sphinx saves the environment; env-check-consistency runs only
    # after a page was read, so a rebuild that reads none would write quizzes without their computed answers.
    app.connect("env-updated", source.fill_values)
    app.connect("env-check-consistency", source.check_links)
    app.connect("doctree-resolved", write.write_quizzes)
    app.connect("doctree-resolved", write.write_progress)
    app.connect("html-page-context", assets.page_assets)
    app.connect("build-finished", assets.write_assets)
    app.connect("build-finished", source.record_parses)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
