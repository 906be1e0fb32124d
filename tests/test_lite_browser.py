"""The in-browser (JupyterLite) copy of the course in Chromium: the interface, a chapter notebook's kernel and
imports, and the site under a sub-path. Offline means nothing but 127.0.0.1 (see test_lite.py)."""

from __future__ import annotations

import csv
import urllib.parse
from pathlib import Path

from conftest import ROOT
from litesite import NOTEBOOK_PAGES, NOTEBOOKS, closure, site_lock

KERNEL_TIMEOUT_MS = 180_000  # the kernel starts in ~20 s here; generous for a busy 2-core CI runner


# ------------------------------------------------------------------------------------------ in the browser
def test_lite_interface_loads_locally_and_lists_every_notebook(page, site_url: str) -> None:
    page.goto(site_url + "lite/lab/index.html")
    page.wait_for_selector(".jp-DirListing-itemText", timeout=60_000)
    page.locator(".jp-DirListing-item", has=page.get_by_text("notebooks", exact=True)).first.dblclick()
    page.wait_for_selector(f".jp-DirListing-itemText:has-text('{NOTEBOOKS[0]}')", timeout=30_000)
    shown = sorted(e.inner_text() for e in page.query_selector_all(".jp-DirListing-itemText"))
    assert shown == NOTEBOOKS
    assert page.external_requests == []


def _outputs(page) -> str:
    return "\n".join(o.inner_text() for o in page.query_selector_all(".jp-OutputArea-output"))


def _wait_for_idle_kernel(page) -> None:
    """The status bar reads "Python (Pyodide) | Idle" once Pyodide has booted (~10 s here, more under load).

    Keys pressed before that can be lost on a busy machine, so every run below starts from this state."""
    page.locator(".jp-StatusBar-Item", has_text="| Idle").wait_for(timeout=KERNEL_TIMEOUT_MS)


def _run_new_cell_below(page, cell, code: str) -> None:
    """Select ``cell``, insert a code cell below it (command mode: Esc, B), paste ``code`` and run it."""
    cells = ".jp-NotebookPanel .jp-Cell"
    count = page.locator(cells).count()
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[cells, count])
    page.keyboard.press("Enter")
    page.locator(".jp-Notebook.jp-mod-editMode").wait_for()
    page.keyboard.insert_text(code)  # as pasted text: no auto-indent or bracket closing from the editor
    editor = page.locator(".jp-NotebookPanel .jp-Cell.jp-mod-active .jp-InputArea-editor")
    assert editor.inner_text() == code, "the new cell did not receive the code"
    _wait_for_idle_kernel(page)
    page.keyboard.press("Shift+Enter")


def test_lite_notebook_runs_setup_cell_and_course_code_offline(page, site_url: str, site_dir: Path) -> None:
    """A chapter notebook opened from its launch link: the kernel starts, the setup cell runs silently (no %pip:
    the package ships with the site), then `import russia_syria`, package data, YAML and a widget work, all
    from 127.0.0.1. One kernel start serves both checks (booting Pyodide takes ~10 s here)."""
    page.goto(f"{site_url}lite/lab/index.html?path=notebooks/{NOTEBOOKS[0]}")
    cell = page.locator(".jp-NotebookPanel .jp-CodeCell").first
    cell.wait_for(timeout=60_000)
    cell.locator(".jp-InputArea-editor", has_text="# Setup:").wait_for(timeout=30_000)  # it is the setup cell
    _wait_for_idle_kernel(page)
    cell.locator(".jp-InputArea-editor").click()
    page.locator(".jp-Notebook.jp-mod-editMode").wait_for()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("(el) => el.textContent.includes('[1]')",
                           arg=cell.locator(".jp-InputPrompt").element_handle(), timeout=KERNEL_TIMEOUT_MS)
    assert cell.locator(".jp-OutputArea-output").count() == 0, cell.locator(".jp-OutputArea").inner_text()

    with (ROOT / "data/vetoes.csv").open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    _run_new_cell_below(page, cell, "\n".join([
        "import csv, importlib.resources",
        "import ipywidgets, russia_syria, yaml",
        "root = importlib.resources.files('russia_syria') / '_data'",
        "with (root / 'vetoes.csv').open(encoding='utf-8') as f:",
        "    print('ROWS', len(list(csv.DictReader(f))))",
        "print('YAML', yaml.safe_load('a: [1, 2]'))",
        "ipywidgets.IntSlider(value=3, description='probe')",
    ]))
    page.wait_for_selector(".jp-OutputArea-output:has-text('ROWS')", timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_selector(".widget-slider", timeout=30_000)  # ipywidgets front end + Python side, offline
    out = _outputs(page)
    assert f"ROWS {rows}" in out
    assert "YAML {'a': [1, 2]}" in out
    assert "Error" not in out and "could not be installed" not in out and "installed." not in out, out

    # `import russia_syria` asks for its compiled dependencies (numpy, pandas, matplotlib...), and only for
    # those: the CDN URLs of the lock's remote packages that the course package depends on.
    packages = site_lock(site_dir)
    expected = {packages[n]["file_name"] for n in closure(packages, ["russia-syria-course"])
                if packages[n]["file_name"].startswith("http")}
    asked = set(page.external_requests)
    assert asked <= expected, f"unexpected requests: {sorted(asked - expected)}"
    assert {packages["numpy"]["file_name"], packages["pandas"]["file_name"]} <= asked

    # importing pandas then fails cleanly (offline) and asks for nothing but numpy and pandas
    before = len(page.external_requests)
    _run_new_cell_below(page, cell, "import pandas")
    page.wait_for_selector(".jp-OutputArea-output:has-text('pandas')", timeout=60_000)
    again = set(page.external_requests[before:])
    assert again <= {packages["numpy"]["file_name"], packages["pandas"]["file_name"]}, again


def test_site_works_under_a_sub_path(page, site_dir: Path, tmp_path: Path) -> None:
    """Published as https://<owner>.github.io/<repository>/: the Lite button of a lab page still opens its notebook."""
    from conftest import serve

    (tmp_path / "course").symlink_to(site_dir, target_is_directory=True)
    with serve(tmp_path) as root:
        lab_page = f"{root}course/{NOTEBOOK_PAGES[0]}.html"
        page.goto(lab_page)
        href = page.locator("a[href*='lite/lab/index.html']").first.get_attribute("href")
        target = urllib.parse.urljoin(lab_page, href)
        assert target.startswith(f"{root}course/lite/lab/index.html?path=notebooks/"), target
        page.goto(target)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        assert page.locator(".jp-NotebookPanel-toolbar, .jp-Toolbar").count() >= 1
        assert not [u for u in page.requests if urllib.parse.urlparse(u).path.startswith("/lite/")], \
            "the Lite app asked for a root-relative URL outside the sub-path"
    assert page.external_requests == []
