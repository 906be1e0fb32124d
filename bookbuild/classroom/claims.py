"""Claims of the source article by paragraph, read from ``data/article_claims.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CLAIMS_CSV = Path("data") / "article_claims.csv"
COLUMNS = ("claim_id", "paragraph", "claim", "claim_type", "checkable")
TYPES = {"fact", "opinion", "prediction", "quote"}


class ClaimsError(ValueError):
    """A problem in the claims file, with the file and row named."""


@dataclass(frozen=True)
class Claim:
    claim_id: str
    paragraph: int
    claim: str
    claim_type: str
    checkable: bool


def read_claims(path: Path) -> list[Claim]:
    """Every claim of the file, in file order; a bad row raises ClaimsError naming file, row and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ClaimsError(f"{path}: cannot read the claims file ({exc.strerror})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ClaimsError(f"{path}: missing column(s) {', '.join(missing)}")
    claims = []
    for row_number, row in enumerate(reader, start=2):  # row 1 is the header
        where = f"{path}, row {row_number} ({row.get('claim_id') or 'no id'})"
        try:
            paragraph = int(row["paragraph"])
        except (TypeError, ValueError):
            raise ClaimsError(f"{where}: paragraph {row['paragraph']!r} is not a whole number") from None
        if row["claim_type"] not in TYPES:
            raise ClaimsError(f"{where}: claim_type {row['claim_type']!r} is not one of {sorted(TYPES)}")
        if row["checkable"] not in ("true", "false"):
            raise ClaimsError(f"{where}: checkable {row['checkable']!r} is neither true nor false")
        claims.append(Claim(row["claim_id"], paragraph, row["claim"].strip(), row["claim_type"],
                            row["checkable"] == "true"))
    return claims


def by_paragraph(claims: list[Claim]) -> dict[int, list[Claim]]:
    out: dict[int, list[Claim]] = {}
    for claim in claims:
        out.setdefault(claim.paragraph, []).append(claim)
    return out
