"""The ``{quiz}`` and ``{quiz-progress}`` directives."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive, directives

from russia_syria.quiz.errors import QuizError
from russia_syria.quiz.files import find, quiz_dir

from .nodes import progress_node, quiz_node
from .source import default_prefix, quiz_file_names, spec_for


class QuizDirective(Directive):
    """``{quiz} NAME``: the quiz ``quizzes/NAME.yml``, rendered from the file.

    ``:values: DOC`` is the lab whose glued values fill the computed answers (default: this page) and
    ``:prefix: TEXT`` what the lab puts before each name (``ch03_`` for ``glue("ch03_n_vetoes", ...)``; default:
    the names ``quiz.show(NAME, values=...)`` glues, ``quiz.NAME.``).
    """

    required_arguments = 1
    has_content = False
    option_spec = {"values": directives.unchanged, "prefix": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        name = self.arguments[0]
        try:
            env.note_dependency(str(find(name)))
            spec_for(name, None)  # a broken file fails here, naming the file and question
        except QuizError as exc:
            raise self.error(f"quiz: {exc}") from None
        values_doc = self.options.get("values", env.docname)
        env.rsq_directives = getattr(env, "rsq_directives", {})
        env.rsq_directives.setdefault(env.docname, []).append((name, values_doc, self.options.get("prefix", default_prefix(name))))
        return [quiz_node(name=name, classes=self.options.get("class", []))]


class QuizProgress(Directive):
    """``{quiz-progress}``: the table of every chapter's quiz with this browser's saved status, generated from the
    quiz files at every build (no notebook execution, so the execution cache can never serve a stale list)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.rsq_progress_docs = getattr(env, "rsq_progress_docs", set()) | {env.docname}
        env.rsq_quiz_files = quiz_file_names()
        for path in sorted(quiz_dir().glob("*.yml")):
            env.note_dependency(str(path))
        return [progress_node()]
