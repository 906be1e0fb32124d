"""Exercise solutions taken from sphinx-exercise's own nodes in a lab's doctree (no parsing of Markdown again).

A plain ``{solution}`` is one ``solution_node``; sphinx-exercise merges a gated one (``{solution-start}``, the
cells after it, ``{solution-end}``) into a ``solution_node`` as it reads the page. Should a start marker still
stand apart, the nodes up to its end marker are gathered the same way.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx_exercise.nodes import (
    exercise_enumerable_node,
    exercise_subtitle,
    solution_end_node,
    solution_node,
    solution_start_node,
)


def _copies(node: nodes.Node) -> list[nodes.Node]:
    """Copies without ids (the lab page keeps the anchors, and two elements may not share one) and without a
    link to the lab's document. A section
    (sphinx-exercise wraps a merged gated solution in one) gives its content: a section inside a teacher page's
    container would be numbered and listed in the page's contents."""
    if isinstance(node, nodes.title):
        return []
    if isinstance(node, nodes.section):
        return [c for child in node.children for c in _copies(child)]
    new = node.deepcopy()
    for element in new.findall(nodes.Element):
        element["ids"] = []
    for copied in new.findall():
        # docutils' copy keeps a reference to the lab's whole document, which Sphinx would then save with the
        # teacher page (2.6 MB each) and read back on every build; in the page, the parent gives the document.
        copied.document = None
    for section in list(new.findall(nodes.section)):
        section.replace_self(nodes.container("", *section.children[1:] if section.children and
                                             isinstance(section[0], nodes.title) else section.children))
    return [new]


def _exercise_titles(doctree: nodes.document) -> dict[str, str]:
    """Each exercise's title as the lab shows it (sphinx-exercise's subtitle), by label."""
    return {exercise.get("label", ""): subtitle.astext()
            for exercise in doctree.findall(exercise_enumerable_node)
            for subtitle in exercise.findall(exercise_subtitle)}


def _heading(start: nodes.Element, titles: dict[str, str]) -> nodes.paragraph:
    """The exercise's title, as the teacher saw it in the lab; its label where it has none."""
    label = start.get("target_label", "")
    text = f"Solution to the exercise “{titles[label]}”" if titles.get(label) else f"Solution to exercise {label}"
    return nodes.paragraph("", "", nodes.strong(text=text.strip()), classes=["teacher-solution-title"])


def solution_nodes(env: Any, docname: str) -> list[nodes.Node]:
    """Every solution of page ``docname``, in order, as nodes for a teacher page (empty if it has none)."""
    doctree = env.get_doctree(docname)
    titles = _exercise_titles(doctree)
    out: list[nodes.Node] = []
    for node in doctree.findall(lambda n: isinstance(n, solution_node | solution_start_node)):
        box = nodes.container(classes=["teacher-solution"])
        box += _heading(node, titles)
        box += [c for child in node.children for c in _copies(child)]
        if isinstance(node, solution_start_node):  # not merged (yet): gather up to its end marker
            sibling = node.next_node(descend=False, siblings=True)
            while sibling is not None and not isinstance(sibling, solution_end_node | nodes.section):
                box += _copies(sibling)
                sibling = sibling.next_node(descend=False, siblings=True)
        out.append(box)
    return out
