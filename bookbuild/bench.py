"""`make bench`: build, test and page-weight figures of the course, each printed beside its budget.

Figures, not pass/fail: the command exits 0 whenever it could measure (non-zero only if the book does not
build, since then there is nothing to measure). Everything is also written to ``_build/bench.json``.

Measured, in this order:
  1. clean build of the whole book (fresh output folder and execution cache)      budget < 60 s
  2. no-change rebuild                                                              budget < 5 s
  3. the whole test suite (`pytest` in a subprocess; this script is not a test)    budget < 5 min
  4. site size (files and bytes on disk)
  5. per page, in Chromium, every response recorded: JavaScript loaded (files + inline, uncompressed and as
     transferred) and total bytes transferred gzipped, images included              budget <= 400 KB a page
  6. per page with a quiz: the quiz's JavaScript, the page's JS minus the same page with its quiz outputs
     removed                                                                        budget <= 30 KB a page
  7. Lighthouse (npm, Debian's Chromium), median of 3: performance and accessibility of the front page, a
     chapter page, a notebook page with a quiz, the Maps and the Timeline page         budget >= 95 / 100
  8. the map and timeline pages (bookbuild.maps.budget): what the maps and the timeline add (their JS and CSS,
     the SVG geometry and tables in the page) and the whole page with all it loads, gzip -9 of each file
     (KB = 1,000 bytes here, as those budgets are written)               budget <= 60 KB added, <= 300 KB a page
  9. contrast of the chart palette (src/russia_syria/plots.py) on the white figure background (WCAG 1.4.11
     asks 3:1 for graphics a reader needs).

Pages are served from 127.0.0.1 by a small static server that gzips text, as static hosts do (5-7 are in
bookbuild.pageweight). KB here means 1,024 bytes.

Usage: python -m bookbuild.bench [--skip-build] [--skip-tests] [--skip-lighthouse] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bookbuild import ROOT, jbuild, pageweight
from bookbuild.maps import budget as maps_budget

BIN = Path(sys.executable).parent
OUT = ROOT / "_build" / "bench"  # own output folder: never clobbers `make book` or the test build
SITE = OUT / "_build" / "html"
REPORT = ROOT / "_build" / "bench.json"
KB = 1024

BUDGETS = {
    "clean_build_s": ("<", 60),
    "rebuild_s": ("<", 5),
    "tests_s": ("<", 300),
    "page_transfer_kb": ("<=", 400),
    "quiz_js_kb": ("<=", 30),
    "lighthouse_performance": (">=", 95),
    "lighthouse_accessibility": (">=", 100),
    "palette_contrast": (">=", 3.0),
    "map_added_kb": ("<=", 60),
    "map_page_kb": ("<=", 300),
}


def within(key: str, value: float | None) -> str:
    """'ok' or 'OVER' for a figure against its budget ('n/a' when not measured)."""
    if value is None:
        return "n/a"
    op, limit = BUDGETS[key]
    good = {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
    return "ok" if good else "OVER"


def budget_text(key: str) -> str:
    op, limit = BUDGETS[key]
    return f"{op} {limit:g}"


# --- building and testing ------------------------------------------------------------------------------------------
def build(clean: bool) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Build the whole book into OUT with warnings as errors; returns (seconds, process)."""
    if clean:
        shutil.rmtree(OUT, ignore_errors=True)
    start = time.perf_counter()
    proc = jbuild.build(ROOT, OUT, fresh=False)  # a clean build has no output; a rebuild keeps it
    seconds = time.perf_counter() - start
    # Kept for diagnosis: _build/bench/clean-build.log, rebuild.log (and tests.log, with the slowest tests)
    (OUT / ("clean-build.log" if clean else "rebuild.log")).write_text(proc.stdout + proc.stderr)
    return seconds, proc


def run_tests() -> dict[str, Any]:
    """The whole suite, as `make test` runs it (pytest with the project's settings), timed."""
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "pytest"), "-q", "--durations=15"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tests.log").write_text(proc.stdout + proc.stderr)  # which tests failed, if any
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else "(no output)"
    return {"seconds": round(seconds, 1), "exit_code": proc.returncode, "summary": summary}


def site_size(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    maps = [p for p in files if p.suffix == ".map"]
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "source_map_bytes": sum(p.stat().st_size for p in maps),
    }


# --- chart palette -------------------------------------------------------------------------------------------------
def palette_contrast() -> dict[str, float]:
    """Contrast on white of each chart colour and of the outline every bar and marker gets (plots.EDGE)."""
    sys.path.insert(0, str(ROOT / "src"))
    from russia_syria.plots import EDGE, PALETTE, contrast

    return {colour: round(contrast(colour), 2) for colour in (*PALETTE, EDGE)}


def map_targets(pages: list[str]) -> dict[str, str | None]:
    """The Maps and Timeline pages, which issue 14 adds to the Lighthouse runs."""
    return {label: (page if page in pages else None) for label, page in (("maps page", "book/maps"),
                                                                          ("timeline page", "book/timeline"))}


# --- report --------------------------------------------------------------------------------------------------------
def row(label: str, value: str, budget: str = "", verdict: str = "") -> None:
    print(f"  {label:<44} {value:>14}  {budget:>10}  {verdict}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="measure the existing _build/bench site")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median; default 3)")
    args = parser.parse_args()
    report: dict[str, Any] = {"budgets": {k: f"{op} {v}" for k, (op, v) in BUDGETS.items()}}

    print("Build and tests")
    row("figure", "measured", "budget", "")
    if not args.skip_build:
        seconds, proc = build(clean=True)
        report["clean_build_s"] = round(seconds, 1)
        row("clean build of the whole book (s)", f"{seconds:.1f}", budget_text("clean_build_s"),
            within("clean_build_s", seconds))
        report["build_exit_code"] = proc.returncode
        if proc.returncode != 0:
            log = (proc.stdout + proc.stderr).splitlines()
            problems = [
                line for line in log if re.search(r"(?i)\b(warning|error|exception)\b", line) and "IPKernelApp" not in line
            ]
            print(f"    build exit code {proc.returncode} (-W: warnings are errors); first problems:")
            print("\n".join("      " + line[:160] for line in problems[:8]))
            if not (SITE / "index.html").is_file():
                print("The book did not build: nothing else to measure.")
                REPORT.parent.mkdir(exist_ok=True)
                REPORT.write_text(json.dumps(report, indent=1))
                return 1
            print("    the figures below are of the site this build still produced")
        seconds, proc = build(clean=False)
        report["rebuild_s"] = round(seconds, 1)
        row("no-change rebuild (s)", f"{seconds:.1f}", budget_text("rebuild_s"), within("rebuild_s", seconds))
    if not args.skip_tests:
        tests = run_tests()
        report["tests"] = tests
        row("whole test suite (s)", f"{tests['seconds']:.1f}", budget_text("tests_s"),
            within("tests_s", tests["seconds"]))
        print(f"    pytest exit code {tests['exit_code']}: {tests['summary']}")
    if not SITE.is_dir():
        print(f"No site at {SITE}: run without --skip-build.")
        return 1
    size = site_size(SITE)
    report["site"] = size
    row("site size (MB, files)", f"{size['bytes'] / KB / KB:.2f} MB", "", f"{size['files']} files")

    pages = pageweight.toc_pages()
    weights = pageweight.measure_pages(SITE, pages)
    report["pages"] = weights
    print("\nPages (Chromium, gzip server; KB = 1,024 bytes; JS = files + inline, uncompressed)")
    print(f"  {'page':<44} {'JS KB':>7} {'JS gz':>7} {'total gz':>9} {'budget':>7}  ")
    for name, w in weights.items():
        if w.get("missing"):
            print(f"  {name:<44} (not built)")
            continue
        kb = w["transfer"] / KB
        mark = " (chapter)" if pageweight.is_chapter(name) else ""
        print(f"  {name:<44} {w['js_total'] / KB:7.1f} {w['js_transfer'] / KB:7.1f} {kb:9.1f} "
              f"{budget_text('page_transfer_kb'):>7}  {within('page_transfer_kb', kb)}{mark}")
        if w["external"]:
            print(f"    requests outside 127.0.0.1: {w['external'][:3]}")
    quiz_pages = {n: w["quiz"] for n, w in weights.items() if "quiz" in w}
    print("\nQuiz JavaScript (the quiz module each quiz page loads, plus any inline script in its quiz)")
    if not quiz_pages:
        print("  no page of the book holds a quiz yet")
    for name, q in quiz_pages.items():
        kb = q["js_added"] / KB
        note = "" if q["isolated"] else "  (quiz markup not fully isolated: figure unreliable)"
        row(f"{name} ({q['count']} quiz)", f"{kb:.1f} KB", budget_text("quiz_js_kb"), within("quiz_js_kb", kb) + note)
        print(f"    inline script in the quiz outputs: {q['inline_in_outputs'] / KB:.1f} KB")

    print("\nMaps and timeline (gzip -9 of each file; KB = 1,000 bytes, as these budgets are written)")
    report["maps"] = map_rows = maps_budget.figures(SITE)
    if not map_rows:
        print("  no map or timeline page in the book")
    for r in map_rows:
        added, total = r["added_gzip"] / 1000, r["page_gzip"] / 1000
        page = r["page"].removesuffix(".html")
        row(f"{page}: maps add", f"{added:.1f} KB", budget_text("map_added_kb"), within("map_added_kb", added))
        row(f"{page}: whole page", f"{total:.1f} KB", budget_text("map_page_kb"), within("map_page_kb", total))

    if not args.skip_lighthouse:
        targets = {**pageweight.lighthouse_targets(SITE, pages), **map_targets(pages)}
        print(f"\nLighthouse 12, simulated mobile, gzip server, median of {args.runs}")
        lh = pageweight.run_lighthouse(SITE, targets, args.runs)
        report["lighthouse"] = lh
        for label, r in lh.items():
            if r.get("page") is None or "error" in r:
                row(label, "not measured", "", r.get("note") or r.get("error", ""))
                continue
            for cat in ("performance", "accessibility"):
                key = f"lighthouse_{cat}"
                runs = ", ".join(str(s[cat]) for s in r["runs"])
                row(f"{label} {cat}", f"{r[cat]:g}", budget_text(key), f"{within(key, r[cat])}  [{runs}] {r['page']}")

    print("\nChart palette contrast on white (WCAG 1.4.11 non-text: 3:1)")
    pal = palette_contrast()
    report["palette_contrast"] = pal
    edge = list(pal)[-1]
    for colour, ratio in pal.items():
        status = within("palette_contrast", ratio)
        if colour == edge:
            status += "  (outline of every bar and marker)"
        elif status != "ok":  # a light fill is readable through its dark outline, not by itself
            status = f"fill only: its outline {edge} is {pal[edge]:.2f}:1"
        row(colour, f"{ratio:.2f}:1", budget_text("palette_contrast"), status)

    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nAll figures written to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
