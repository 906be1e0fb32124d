"""Page weights as readers get them: each page loaded in Chromium from a gzipping static server, every response
counted; the quizzes' JavaScript (their external module, per quiz page); Lighthouse scores. Used by ``make bench`` (bookbuild.bench).

KB here means 1,024 bytes.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bookbuild import ROOT, chromium, toc
from bookbuild.serve import serve
from russia_syria.quiz.render import BOOT_JS

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
KB = 1024


def toc_pages() -> list[str]:
    """Every page of _toc.yml (root first), then the pages Sphinx adds, as paths without extension."""
    return [*toc.pages(), "search", "genindex"]


def is_chapter(page: str) -> bool:
    return bool(re.match(r"(book|notebooks)/0\d_", page))


QUIZ_BLOCK = re.compile(r'<div class="rsq-host"[^>]*>.*?</div>\s*(?:<script\b[^>]*>.*?</script>\s*)*', re.DOTALL)


def quiz_inline_bytes(html: str) -> int:
    """Bytes of inline JavaScript inside the page's quiz outputs (JSON data blocks are not JavaScript): 0 since
    the quiz is an external module (strict CSP); kept as a check that it stays so."""
    total = 0
    for block in QUIZ_BLOCK.findall(html):
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", block, re.DOTALL):
            if "application/json" not in attrs:
                total += len(body.encode("utf-8"))
    return total


INLINE_JS = """() => Array.from(document.scripts)
  .filter(s => !s.src && ['', 'text/javascript', 'module', 'application/javascript'].includes(s.type))
  .reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0)"""


def load_page(browser: Any, url: str) -> dict[str, Any]:
    """Open ``url`` in a fresh context (empty cache), scroll to the end so lazy images load, and record every
    response: bytes transferred (headers + encoded body) and decoded, by resource type."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    inline_js = page.evaluate(INLINE_JS)
    stats: dict[str, Any] = {"requests": 0, "transfer": 0, "js_files": 0, "js_transfer": 0, "external": [],
                             "quiz_module": 0}
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
            if urlsplit(request.url).path.endswith("/" + BOOT_JS):  # the quiz's external module
                stats["quiz_module"] += decoded
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
                # The quiz's JS on this page: its external module as loaded (the 30 KB budget), plus any inline
                # script in the quiz outputs (none under the strict CSP).
                inline = quiz_inline_bytes(html)
                stats["quiz"] = {
                    "count": html.count('class="rsq-host"'),
                    "isolated": stats["quiz_module"] > 0,  # the module was found among the page's requests
                    "js_added": stats["quiz_module"] + inline,
                    "module": stats["quiz_module"],
                    "inline_in_outputs": inline,
                }
            results[name] = stats
    return results


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
