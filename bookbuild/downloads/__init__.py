"""The site's downloads: the printed course, quiz sheets and answer key, put into ``<site>/downloads/``.

``make book`` runs it after the site build (``python -m bookbuild.downloads``), so a teacher downloads the PDFs
from the published site and never runs ``make``. The PDFs are printed by ``bookbuild.pdf`` from the site build's
execution cache (no lab runs twice). A separate step, not a Sphinx extension: printing starts its own
single-page build and a browser, which has no place inside a Sphinx build.

Only the full site gets them; the student edition (``bookbuild.student``) never copies this folder, so the
answer key is neither linked from nor reachable in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FOLDER = "downloads"  # under the site root: <site>/downloads/course.pdf, ...
FILES = ("course.pdf", "quiz-sheets.pdf", "answer-key.pdf")


def publish(pdfs: Path, site: Path) -> list[Path]:
    """Copy the printed PDFs from ``pdfs`` into ``<site>/downloads/``; return the copies.

    Raises FileNotFoundError naming the missing PDF or the missing site, so a failed print is never published
    as a broken link.
    """
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}: no built site here (run the book build first)")
    missing = [name for name in FILES if not (pdfs / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{pdfs}: missing {', '.join(missing)} (the PDF build did not finish)")
    target = site / FOLDER
    target.mkdir(exist_ok=True)
    return [Path(shutil.copyfile(pdfs / name, target / name)) for name in FILES]
