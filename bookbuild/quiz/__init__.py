"""Sphinx extension for the course's quizzes (``_config.yml`` → ``sphinx: local_extensions: {bookbuild.quiz: ./}``).

Laid out like sphinx-exercise: ``directive`` (the ``{quiz}`` and ``{quiz-progress}`` directives), ``nodes`` and ``write``
(where a quiz goes, written as HTML once every page is read), ``source`` (quiz files read once per build, the labs' glued
values, quizzes shown by a notebook's ``quiz.show()`` output), ``assets`` (the module and stylesheet as files, the
widget state dropped) and ``printable`` (quizzes as questions in the PDF). The quiz module itself is runtime code
(``russia_syria/quiz/static``): the kernel widget runs the same file.

A quiz reaches a page in one of two ways, which end in the same node:

* ``:::{quiz} 03_war_and_intervention`` in a page, with ``:values: notebooks/03_war_and_intervention`` and
  ``:prefix: ch03_``: the questions come from ``quizzes/03_war_and_intervention.yml`` and each computed answer
  ``{value: n_vetoes}`` from the value the lab glued as ``ch03_n_vetoes``;
* a lab's ``quiz.show(...)`` output (the live widget in Jupyter): the spec stored in the output is replaced by the
  quiz file's current questions, with the values the notebook computed.
"""

from __future__ import annotations

from typing import Any

from . import assets, directive, nodes, source, write


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("quiz", directive.QuizDirective)
    app.add_directive("quiz-progress", directive.QuizProgress)
    app.add_node(nodes.quiz_node)
    app.add_node(nodes.progress_node)
    app.connect("builder-inited", source.new_build)
    app.connect("doctree-read", source.quizzes_from_outputs)
    app.connect("env-purge-doc", source.purge)
    app.connect("env-merge-info", source.merge)
    app.connect("env-get-outdated", source.progress_outdated)
    app.connect("env-check-consistency", source.fill_values)
    app.connect("env-check-consistency", source.check_links)
    app.connect("doctree-resolved", write.write_quizzes)
    app.connect("doctree-resolved", write.write_progress)
    # Priority 400 runs before myst-nb's handler (500), which adds the page's widget scripts from env data.
    app.connect("html-page-context", assets.strip_widget_state, priority=400)
    app.connect("html-page-context", assets.page_assets)
    app.connect("build-finished", assets.write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
