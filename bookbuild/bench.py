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
     chapter page and a notebook page with a quiz                                   budget >= 95 / 100
  8. contrast of the chart palette (src/russia_syria/plots.py) on the white figure background (WCAG 1.4.11
     asks 3:1 for graphics a reader needs).

Pages are served from 127.0.0.1 by a small static server that gzips text, as static hosts do.
KB here means 1,024 bytes.

Usage: python -m bookbuild.bench [--skip-build] [--skip-tests] [--skip-lighthouse] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bookbuild import ROOT, chromium, jbuild, toc
from bookbuild.serve import serve

BIN = Path(sys.executable).parent
OUT = ROOT / "_build" / "bench"  # own output folder: never clobbers `make book` or the test build
SITE = OUT / "_build" / "html"
REPORT = ROOT / "_build" / "bench.json"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
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


# --- pages ---------------------------------------------------------------------------------------------------------
def toc_pages() -> list[str]:
    """Every page of _toc.yml (root first), then the pages Sphinx adds, as paths without extension."""
    return [*toc.pages(), "search", "genindex"]


def is_chapter(page: str) -> bool:
    return bool(re.match(r"(book|notebooks)/0\d_", page))


QUIZ_BLOCK = re.compile(r'<div class="rsq-host"[^>]*>.*?</div>\s*(?:<script\b[^>]*>.*?</script>\s*)*', re.DOTALL)


def strip_quizzes(html: str) -> str:
    """The same page without its quiz outputs (placeholder + spec + inline module) — the quiz engineer's
    `russia_syria.quiz.render.placeholder` markup."""
    return QUIZ_BLOCK.sub("", html)


def quiz_inline_bytes(html: str) -> int:
    """Bytes of inline JavaScript inside the page's quiz outputs (JSON data blocks are not JavaScript)."""
    total = 0
    for block in QUIZ_BLOCK.findall(html):
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", block, re.DOTALL):
            if "application/json" not in attrs:
                total += len(body.encode("utf-8"))
    return total


INLINE_JS = """() => Array.from(document.scripts)
  .filter(s => !s.src && ['', 'text/javascript', 'module', 'application/javascript'].includes(s.type))
  .reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0)"""


def load_page(browser: Any, url: str, html_override: str | None = None) -> dict[str, Any]:
    """Open ``url`` in a fresh context (empty cache), scroll to the end so lazy images load, and record every
    response: bytes transferred (headers + encoded body) and decoded, by resource type."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    if html_override is not None:
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html_override))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    inline_js = page.evaluate(INLINE_JS)
    stats: dict[str, Any] = {"requests": 0, "transfer": 0, "js_files": 0, "js_transfer": 0, "external": []}
    for request in finished:
        response = request.response()
        if response is None:
            continue
        sizes = request.sizes()
        transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        try:
            decoded = len(response.body())
        except Exception:  # noqa: BLE001 - bodies of redirects are not available; count the transfer only
            decoded = 0
        stats["requests"] += 1
        stats["transfer"] += transferred
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            stats["external"].append(request.url)
        if request.resource_type == "script":
            stats["js_files"] += decoded
            stats["js_transfer"] += transferred
    stats["js_inline"] = inline_js
    stats["js_total"] = stats["js_files"] + inline_js
    context.close()
    return stats


def measure_pages(site: Path, pages: list[str]) -> dict[str, Any]:
    """Per page weights and quiz JS, in Chromium against the gzip server."""
    results: dict[str, Any] = {}
    with serve(site) as base, chromium.launch() as browser:
        for name in pages:
            file = site / f"{name}.html"
            if not file.is_file():
                results[name] = {"missing": True}
                continue
            stats = load_page(browser, base + name + ".html")
            html = file.read_text(encoding="utf-8")
            if 'class="rsq-host"' in html:
                stripped = strip_quizzes(html)
                without = load_page(browser, base + name + ".html", html_override=stripped)
                stats["quiz"] = {
                    "count": html.count('class="rsq-host"'),
                    "isolated": 'class="rsq-host"' not in stripped,
                    "js_added": stats["js_total"] - without["js_total"],
                    "inline_in_outputs": quiz_inline_bytes(html),
                }
            results[name] = stats
    return results


# --- Lighthouse ----------------------------------------------------------------------------------------------------
def lighthouse_targets(site: Path, pages: list[str]) -> dict[str, str | None]:
    """The three pages the issue names: the front page, a chapter page, a notebook page with a quiz."""

    def has_quiz(page: str) -> bool:
        f = site / f"{page}.html"
        return f.is_file() and 'class="rsq-host"' in f.read_text(encoding="utf-8")

    chapters = [p for p in pages if p.startswith("book/0")]
    quiz_notebooks = [p for p in pages if p.startswith("notebooks/") and has_quiz(p)]
    return {
        "front page": pages[0],
        "chapter page": chapters[0] if chapters else None,
        "notebook page with a quiz": quiz_notebooks[0] if quiz_notebooks else None,
    }


def lighthouse_once(url: str) -> dict[str, float]:
    flags = " ".join(chromium.FLAGS)
    cmd = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
        "--only-categories=performance,accessibility", f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": str(chromium.EXECUTABLE)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-1000:] or proc.stdout[-1000:])
    report = json.loads(proc.stdout)
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "transfer_kb": round(report["audits"]["total-byte-weight"]["numericValue"] / KB, 1),
    }


def run_lighthouse(site: Path, targets: dict[str, str | None], runs: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with serve(site) as base:
        for label, page in targets.items():
            if page is None:
                results[label] = {"page": None, "note": "no such page in the book yet"}
                continue
            try:
                samples = [lighthouse_once(base + page + ".html") for _ in range(runs)]
            except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
                results[label] = {"page": page, "error": str(exc)[-300:]}
                continue
            results[label] = {
                "page": page,
                "runs": samples,
                **{k: statistics.median(s[k] for s in samples) for k in ("performance", "accessibility")},
            }
    return results


# --- chart palette -------------------------------------------------------------------------------------------------
def palette_contrast() -> dict[str, float]:
    """Contrast on white of each chart colour and of the outline every bar and marker gets (plots.EDGE)."""
    sys.path.insert(0, str(ROOT / "src"))
    from russia_syria.plots import EDGE, PALETTE, contrast

    return {colour: round(contrast(colour), 2) for colour in (*PALETTE, EDGE)}


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

    pages = toc_pages()
    weights = measure_pages(SITE, pages)
    report["pages"] = weights
    print("\nPages (Chromium, gzip server; KB = 1,024 bytes; JS = files + inline, uncompressed)")
    print(f"  {'page':<44} {'JS KB':>7} {'JS gz':>7} {'total gz':>9} {'budget':>7}  ")
    for name, w in weights.items():
        if w.get("missing"):
            print(f"  {name:<44} (not built)")
            continue
        kb = w["transfer"] / KB
        mark = " (chapter)" if is_chapter(name) else ""
        print(f"  {name:<44} {w['js_total'] / KB:7.1f} {w['js_transfer'] / KB:7.1f} {kb:9.1f} "
              f"{budget_text('page_transfer_kb'):>7}  {within('page_transfer_kb', kb)}{mark}")
        if w["external"]:
            print(f"    requests outside 127.0.0.1: {w['external'][:3]}")
    quiz_pages = {n: w["quiz"] for n, w in weights.items() if "quiz" in w}
    print("\nQuiz JavaScript (page JS minus the same page without its quiz outputs)")
    if not quiz_pages:
        print("  no page of the book holds a quiz yet")
    for name, q in quiz_pages.items():
        kb = q["js_added"] / KB
        note = "" if q["isolated"] else "  (quiz markup not fully isolated: figure unreliable)"
        row(f"{name} ({q['count']} quiz)", f"{kb:.1f} KB", budget_text("quiz_js_kb"), within("quiz_js_kb", kb) + note)
        print(f"    inline script in the quiz outputs: {q['inline_in_outputs'] / KB:.1f} KB")

    if not args.skip_lighthouse:
        targets = lighthouse_targets(SITE, pages)
        print(f"\nLighthouse 12, simulated mobile, gzip server, median of {args.runs}")
        lh = run_lighthouse(SITE, targets, args.runs)
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
