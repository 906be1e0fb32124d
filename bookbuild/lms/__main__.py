"""``python -m bookbuild.lms [OUTPUT]``: write the question bank for learning platforms (``make lms``).

Writes into OUTPUT (default ``_build/lms/``): Moodle XML, GIFT, a Canvas QTI 1.2 zip, an IMS Common Cartridge 1.1
(``.imscc``, for Blackboard Learn, Brightspace, Moodle and Canvas) and ``export-report.md``
(which LMS imports which file, and every question whose kind had to be mapped).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import bank as bankmod
from . import cc, gift, moodle, qti12
from .common import report_lines

FILES = {"moodle": "russia-syria-moodle.xml", "gift": "russia-syria-gift.txt", "qti12": "russia-syria-canvas-qti12.zip",
         "cc": "russia-syria-cc11.imscc"}

WHICH = """\
# Question bank for learning platforms: export report

Made by `make lms` from the quiz files, with the computed answers of the current data. Every question links back
to its section of the published book ({base}).

| file | import it into | how |
|---|---|---|
| `{moodle}` | Moodle | Question bank → Import → "Moodle XML format" |
| `{gift}` | Moodle (or any tool reading GIFT) | Question bank → Import → "GIFT format" |
| `{qti12}` | Canvas (Classic Quizzes; New Quizzes converts it) | Settings → Import course content → "QTI .zip file" |
| `{cc}` | Blackboard Learn, Brightspace, Moodle, Canvas | the course package import (Common Cartridge 1.1) |

The Common Cartridge holds one quiz per chapter and the whole bank as a question bank, in Common Cartridge's QTI 1.2
profile, which has fewer question kinds than the other files (see its section below). Moodle and Canvas users
get every kind from the Moodle XML and QTI .zip files. Which vendor page documents which import: see the teacher's
guide ("Which platform reads which format").

{count} questions in {quizzes} quizzes.
"""


def write_all(bank: bankmod.Bank, out: Path) -> int:
    """Write the four formats and the report into ``out``; returns the number of questions."""
    out.mkdir(parents=True, exist_ok=True)
    for fmt, writer in (("moodle", moodle.write), ("gift", gift.write), ("qti12", qti12.write), ("cc", cc.write)):
        (out / FILES[fmt]).write_bytes(writer(bank))
    count = sum(len(s["questions"]) for s in bank.quizzes)
    text = WHICH.format(base=bank.base, count=count, quizzes=len(bank.quizzes), **FILES)
    for fmt, title in (("moodle", "Moodle XML"), ("gift", "GIFT"), ("qti12", "QTI 1.2 (Canvas)"),
                       ("cc", "Common Cartridge 1.1 (QTI 1.2 profile)")):
        lines = report_lines(fmt, bank.quizzes)
        text += f"\n## {title}: questions mapped to another kind\n\n" + ("\n".join(lines) or "None.") + "\n"
    (out / "export-report.md").write_text(text, encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else bankmod.ROOT / "_build" / "lms"
    try:
        bank = bankmod.load()
    except ValueError as exc:
        print(f"make lms: {exc}", file=sys.stderr)
        return 1
    count = write_all(bank, out)
    print(f"wrote {', '.join(FILES.values())} and export-report.md ({count} questions) to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
