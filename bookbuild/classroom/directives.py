"""The ``claim-tags`` directive (one paragraph's claims as a table) and the ``course-time`` role."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.states import Inliner
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from bookbuild import toc
from bookbuild.classroom.claims import CLAIMS_CSV, by_paragraph, read_claims
from bookbuild.classroom.timings import course_minutes

HEADERS = ("Claim", "Type", "What the article asserts, in the course's words")


def _row(cells: list[nodes.Node | str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text=cell)
        row += entry
    return row


class ClaimTags(SphinxDirective):
    """```{claim-tags} 5``` → the claims of paragraph 5: id, type and paraphrase (no verdict: students judge)."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        csv_path = Path(self.env.srcdir) / CLAIMS_CSV
        self.env.note_dependency(str(csv_path))
        try:
            paragraph = int(self.arguments[0])
            claims = by_paragraph(read_claims(csv_path)).get(paragraph, [])
        except ValueError as exc:  # ClaimsError is a ValueError; so is a bad argument
            raise self.error(f"claim-tags: {exc}") from None
        if not claims:
            raise self.error(f"claim-tags: {CLAIMS_CSV} has no claim for paragraph {paragraph}")
        table = nodes.table(classes=["claim-tags", *self.options.get("class", [])])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (12, 14, 74):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row(list(HEADERS))
        group += head
        body = nodes.tbody()
        for claim in claims:
            body += _row([nodes.paragraph("", "", nodes.literal(text=claim.claim_id)), claim.claim_type, claim.claim])
        group += body
        title = nodes.title(text=f"Claims in paragraph {paragraph}")
        table.insert(0, title)
        return [table]


def hours_text(minutes: int) -> str:
    """e.g. 'about 11 hours (655 minutes)': rounded to the half hour for the reader, exact in brackets."""
    half_hours = round(minutes / 30) / 2
    shown = f"{half_hours:g}".replace(".5", "½")
    return f"about {shown} hours ({minutes} minutes)"


def course_time_role(name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
                     options: dict | None = None, content: list[str] | None = None
                     ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """{course-time}`total` → the sum of the chapters' estimated times; {course-time}`chapters` → their count."""
    env = inliner.document.settings.env
    root = Path(env.srcdir)
    slugs = toc.chapters(root)
    for slug in slugs:
        env.note_dependency(str(root / "book" / f"{slug}.md"))
    try:
        if text == "total":
            value = hours_text(course_minutes(root, slugs))
        elif text == "chapters":
            value = str(len(slugs))
        else:
            raise ExtensionError(f"course-time: unknown value {text!r} (use 'total' or 'chapters')")
    except (ValueError, ExtensionError) as exc:
        msg = inliner.reporter.error(str(exc), line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, value, classes=["course-time"])], []
