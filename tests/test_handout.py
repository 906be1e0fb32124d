"""The source handout: every paragraph of the article is retold and carries its claims from article_claims.

The claim tables are generated at build time (``{claim-tags} N``, bookbuild.classroom), so they cannot drift from
the data; what is checked here is that no paragraph or claim is left out, and that a bad claims file gets a
message naming the file, row and field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bookbuild.classroom.claims import ClaimsError, by_paragraph, read_claims

ROOT = Path(__file__).resolve().parents[1]
HANDOUT = ROOT / "book" / "documents" / "source_handout.md"
CLAIMS = ROOT / "data" / "article_claims.csv"
PARAGRAPHS = range(1, 21)  # the article has 20 paragraphs (then two "related" links, which are not text)


def sections(text: str) -> dict[int, str]:
    """Paragraph number → the handout's text for it (heading to next heading)."""
    parts = re.split(r"^### Paragraph (\d+) ", text, flags=re.M)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_paragraph_is_retold_in_order_with_its_claim_tags() -> None:
    found = sections(HANDOUT.read_text(encoding="utf-8"))
    assert list(found) == list(PARAGRAPHS)
    for number, body in found.items():
        tags = re.findall(r"```\{claim-tags\} (\d+)", body)
        assert tags == [str(number)], f"{HANDOUT.name}, paragraph {number}: claim-tags {tags}"
        prose = re.sub(r"```.*?```", "", body.split("\n", 1)[1], flags=re.S).strip()
        assert len(prose.split()) >= 15, f"{HANDOUT.name}, paragraph {number}: the paraphrase is missing or too short"


def test_every_claim_belongs_to_a_retold_paragraph() -> None:
    claims = read_claims(CLAIMS)
    grouped = by_paragraph(claims)
    assert set(grouped) == set(PARAGRAPHS), sorted(set(grouped) ^ set(PARAGRAPHS))
    assert sum(len(v) for v in grouped.values()) == len(claims) >= 60
    assert {c.claim_type for c in claims} <= {"fact", "opinion", "prediction", "quote"}


def test_handout_gives_types_but_no_verdicts() -> None:
    """Students judge the claims themselves; the verdict words must not appear as tags."""
    text = HANDOUT.read_text(encoding="utf-8")
    for verdict in ("partly supported", "not found", "contradicted"):
        assert verdict not in text.lower(), verdict


def test_quotations_from_the_article_are_short() -> None:
    """The article is paraphrased, not reproduced: any quoted stretch is a few words at most."""
    quoted = re.findall(r'"([^"]+)"', HANDOUT.read_text(encoding="utf-8"))
    assert [q for q in quoted if len(q.split()) > 6] == []


@pytest.mark.parametrize(("row", "message"), [
    ("C01,x,A claim,fact,true", "row 2 (C01): paragraph 'x' is not a whole number"),
    ("C01,1,A claim,rumour,true", "row 2 (C01): claim_type 'rumour'"),
    ("C01,1,A claim,fact,yes", "row 2 (C01): checkable 'yes'"),
])
def test_bad_claims_file_names_file_row_and_field(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "article_claims.csv"
    path.write_text("claim_id,paragraph,claim,claim_type,checkable\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ClaimsError) as info:
        read_claims(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "article_claims.csv"
    path.write_text("claim_id,paragraph,claim\nC01,1,x\n", encoding="utf-8")
    with pytest.raises(ClaimsError, match="missing column\\(s\\) claim_type, checkable"):
        read_claims(path)
