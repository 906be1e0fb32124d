"""The teacher pages' directives: ``{quiz-key} 0N_slug`` and ``{exercise-solutions} 0N_slug``.

Directives rather than notebook cells: the keys are Python work done inside the Sphinx process, so no page needs a
kernel of its own, and Sphinx re-reads a teacher page only when a file its key depends on changes.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from bookbuild.freshness import execution_cache_dir
from bookbuild.quiz.source import default_prefix, glued_values, spec_for
from russia_syria.quiz import QuizError

from .errors import TeacherError
from .markdown import quiz_key_part, solutions_part, spec_key_markdown
from .solutions_nodes import solution_nodes
from .toc import toc_chapters


class KeyDirective(SphinxDirective):
    """``{quiz-key} 0N_slug`` or ``{exercise-solutions} 0N_slug`` on a teacher page."""

    required_arguments = 1
    has_content = False
    part = "quiz"

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
            if self.part == "quiz":
                # The quiz extension's data: the file it parsed once, with the values its lab page glued (the
                # labs are read before the teacher pages).
                lab = f"notebooks/{slug}"
                if lab in self.env.all_docs and slug in toc_chapters(root) and (root / "quizzes" / f"{slug}.yml").is_file():
                    values = glued_values(self.env, slug, lab, default_prefix(slug))
                    return self.parse_text_to_nodes(spec_key_markdown(spec_for(slug, values)))
                return self.parse_text_to_nodes(quiz_key_part(slug, root, execution_cache_dir(self.env)))
            doc = f"notebooks/{slug}"
            if slug in toc_chapters(root) and doc in self.env.all_docs:  # read already: sphinx-exercise's nodes
                return solution_nodes(self.env, doc) or [nodes.paragraph(
                    text="The lab notebook has no exercise solutions yet.")]
            return self.parse_text_to_nodes(solutions_part(slug, root))
        except (TeacherError, QuizError) as exc:
            raise self.error(str(exc)) from None


class SolutionsDirective(KeyDirective):
    part = "solutions"
