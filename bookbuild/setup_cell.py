"""Insert or update the standard "setup" cell at the top of every course notebook (idempotent).

The setup cell makes the course package ``russia_syria`` importable wherever a notebook is opened:

* where it is installed (a computer with ``pip install -e .``, a school JupyterHub, Binder, the book build,
  nbval) the ``import`` succeeds and nothing else happens;
* in JupyterLite the same ``import`` line makes the browser's Python load the package, which ships with the site;
* in Google Colab (or any fresh kernel) it installs the package from the course repository, whose address is
  read from ``repository.url`` and ``repository.branch`` in ``_config.yml`` (the one place a fork changes it).

It never raises: when the installation fails (no network) it prints what to do instead. The cell is tagged
``setup`` (how this tool finds it again) and ``remove-cell`` (the book does not show it; notebooks do).

Usage::

    python -m bookbuild.setup_cell            # insert/update the cell in notebooks/*.ipynb
    python -m bookbuild.setup_cell --check    # exit 1 and list the notebooks whose setup cell is missing or stale
    python -m bookbuild.setup_cell PATH...    # only these notebooks

Where the cell goes: a notebook that already has a cell tagged ``setup`` gets its source updated in place;
otherwise the cell is inserted just before the first code cell (after the title and introduction).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

from bookbuild import ROOT

TAG = "setup"
TAGS = [TAG, "remove-cell"]
CELL_ID = "course-setup"

TEMPLATE = '''\
# Setup: makes the course package `russia_syria` importable, wherever this notebook runs.
# Already installed (your computer, a school JupyterHub, Binder, JupyterLite): nothing happens.
# Google Colab or another fresh environment: installs it from the course repository (needs the network).
import sys

try:
    import russia_syria  # in JupyterLite, this line also loads the package into the browser
    _missing = None
except Exception as _error:  # noqa: BLE001 - in the browser, any failure to load is the same for the reader
    _missing = _error
if _missing is not None and sys.platform == "emscripten":  # JupyterLite: no pip; numpy & co. come from a CDN
    print("Offline, this lab can be read but its code cannot run: connect to the internet once and run this "
          "cell again, so the browser can fetch numpy, pandas and matplotlib.")
elif isinstance(_missing, ModuleNotFoundError):
    import importlib
    import subprocess

    _spec = "{pip_spec}"
    _pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", _spec], capture_output=True, text=True)
    if _pip.returncode == 0:
        importlib.invalidate_caches()
        import russia_syria
        print("Course package installed.")
    else:
        print("The course package could not be installed (is this computer online?). Install it by hand with:")
        print(f"    pip install \\"{{_spec}}\\"")
        print("pip said:", _pip.stderr.strip()[-500:])
elif _missing is not None:
    raise _missing
'''


def pip_spec(config_path: Path = ROOT / "_config.yml") -> str:
    """``russia-syria-course @ git+<repository url>@<branch>`` from the book's configuration."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    repo = config.get("repository", {})
    url, branch = str(repo.get("url", "")).rstrip("/"), str(repo.get("branch", "main"))
    if not url.startswith("https://"):
        raise SystemExit(f"{config_path}: repository.url must be an https:// address, got {url!r}")
    if any(c in url + branch for c in "\"'\\ \n"):
        raise SystemExit(f"{config_path}: repository.url or branch contains quotes, spaces or backslashes")
    return f"russia-syria-course @ git+{url}.git@{branch}"


def cell_source(spec: str | None = None) -> str:
    """The setup cell's code (``spec``: what ``pip install`` gets; default from ``_config.yml``)."""
    return TEMPLATE.format(pip_spec=spec or pip_spec()).rstrip("\n")


def apply(nb: nbformat.NotebookNode, source: str) -> bool:
    """Insert or update the setup cell in ``nb``; returns True if the notebook changed."""
    for cell in nb.cells:
        if TAG in cell.get("metadata", {}).get("tags", []):
            tags = cell.metadata["tags"]
            changed = (cell.cell_type != "code" or cell.source != source or not set(TAGS) <= set(tags)
                       or cell.get("outputs") or cell.get("execution_count") is not None)
            if changed:
                cell.cell_type = "code"
                cell.source = source
                cell.metadata["tags"] = [*tags, *(t for t in TAGS if t not in tags)]
                cell.outputs, cell.execution_count = [], None
            return bool(changed)
    new = nbformat.v4.new_code_cell(source=source, metadata={"tags": list(TAGS)})
    ids = {c.get("id") for c in nb.cells}
    if nb.nbformat == 4 and nb.nbformat_minor >= 5:
        new.id = CELL_ID if CELL_ID not in ids else f"{CELL_ID}-{len(ids)}"
    else:
        new.pop("id", None)
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    nb.cells.insert(first_code, new)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs the cell")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    source = cell_source()
    stale = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # noqa: BLE001 - any unreadable notebook is reported by name, not as a traceback
            print(f"{path}: not a readable notebook ({exc})", file=sys.stderr)
            return 2
        if apply(nb, source):
            stale.append(path)
            if not args.check:
                nbformat.write(nb, path)
    verb = "need" if args.check else "updated"
    for path in stale:
        print(f"{verb}: {path}")
    print(f"{len(stale)} of {len(paths)} notebooks {verb} the setup cell")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
