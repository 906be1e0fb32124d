"""Printable course: ``_build/pdf/course.pdf``, ``quiz-sheets.pdf`` and ``answer-key.pdf`` (``make pdf``).

- course.pdf: the student edition (no solutions, no teacher's guide) built as one page with Sphinx's
  ``singlehtml`` builder (``bookbuild.student.build``, builder ``singlehtml``), printed by headless Chromium
  (Playwright's ``page.pdf()``, Debian's chromium) with the theme's navigation hidden;
- quiz-sheets.pdf: every chapter's quiz from the quiz files, with blanks and no answers;
- answer-key.pdf: the same quizzes' keys (computed answers from running the notebooks), for the teacher.

Usage: ``python -m bookbuild.pdf [--source .] [--output _build/pdf]``. Needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bookbuild import chromium, teacher, toc
from bookbuild.student import build as student_build

# The theme's screen furniture (header, sidebars, search, page navigation) has no place on paper.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area, .bd-footer,
.bd-footer-article, .bd-footer-content, .skip-link, .article-header-buttons, .header-article-items, .search-button-field, .bd-search, #pst-back-to-top,
.headerlink, .rsq-export { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
img { max-width: 100% !important; height: auto !important; }
.pst-scrollable-table-container, .cell_output, .output { overflow: visible !important; }
h1 { break-before: page; } h1:first-of-type { break-before: avoid; }
"""


def print_pdf(pages: list[tuple[Path, Path]], css: str = "") -> None:
    """Print each local HTML file to its PDF with headless Chromium (Playwright), A4, after scripts ran."""
    with chromium.launch() as browser:
        for page_file, pdf in pages:
            pdf.unlink(missing_ok=True)
            # Lay the page out at the printed width (A4 minus margins, in CSS pixels), not a desktop window.
            page = browser.new_page(viewport={"width": 673, "height": 950})
            page.goto(page_file.resolve().as_uri(), wait_until="load")
            if css:
                page.add_style_tag(content=css)
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), format="A4", print_background=True,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            page.close()
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise RuntimeError(f"Chromium did not write {pdf}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("."))
    parser.add_argument("--output", type=Path, default=Path("_build/pdf"))
    parser.add_argument("--cache", type=Path, default=None, help="execution cache (default: the main build's)")
    args = parser.parse_args(argv)
    if chromium.missing():
        print(chromium.missing(), file=sys.stderr)
        return 1
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)

    result = student_build.build(args.source, out / "student", builder="singlehtml", cache=args.cache)
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
        print(f"Single-page build failed; log in {out / 'student' / 'build-singlehtml.log'}", file=sys.stderr)
        return 1
    # The whole book is in the root page (index.html only redirects to it). Sphinx writes that page's links to
    # _static/ and _images/ as if it sat at the top of the folder, so print a copy placed there.
    single = out / "student" / "singlehtml"
    root_doc = toc.site_map(args.source).root.docname
    shutil.copyfile(single / f"{root_doc}.html", single / "course-print.html")
    print_pdf([(single / "course-print.html", out / "course.pdf")], PRINT_CSS)

    root = args.source.resolve()
    # The key's computed answers: read back from the main book build's runs of the labs when it has them.
    book_cache = args.cache or student_build.main_build_cache(root)
    sheets = []
    for name, html in (("quiz-sheets", teacher.quiz_sheets_html(root)),
                       ("answer-key", teacher.answer_key_html(root, book_cache))):
        page = out / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        sheets.append((page, out / f"{name}.pdf"))
    print_pdf(sheets)
    print(f"Wrote {out / 'course.pdf'}, {out / 'quiz-sheets.pdf'} and {out / 'answer-key.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
