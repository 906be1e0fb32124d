"""What the JupyterLite tests share: the course notebooks and the built site's package lock."""

from __future__ import annotations

import json
from pathlib import Path

from bookbuild.lite import wheels

from conftest import ROOT, toc_files

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
NOTEBOOK_PAGES = [f for f in toc_files() if f.startswith("notebooks/")]


def site_lock(site_dir: Path) -> dict:
    """The packages of the built Lite site's Pyodide lock file."""
    return json.loads((site_dir / "lite/static/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))["packages"]


def closure(packages: dict, start: list[str]) -> set[str]:
    """The lock's packages that ``start`` needs, themselves included (canonical names)."""
    seen, todo = set(), [wheels.canon(s) for s in start]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [wheels.canon(d) for d in packages[name]["depends"]]
    return seen
