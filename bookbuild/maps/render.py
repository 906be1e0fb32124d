"""Run the map renderer (``js/cli.mjs``, d3-geo under Node) on map specs and return their SVG markup.

One Node process renders every map of a build; results are cached by the hash of the specs and the atlas,
so an unchanged build does not start Node at all.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent
CLI = HERE / "js" / "cli.mjs"
ATLAS = Path("node_modules") / "world-atlas" / "countries-50m.json"


class MapBuildError(RuntimeError):
    """The maps could not be drawn; the message says what to install or fix."""


def _node_modules(root: Path) -> Path:
    # cli.mjs resolves d3-geo from the repository's node_modules (installed by `npm ci`, which `make book` runs).
    # Search from the book's folder, then from this package's (a book built elsewhere uses the repository's).
    for folder in (root, *root.parents, *HERE.parents):
        if (folder / ATLAS).is_file():
            return folder
    raise MapBuildError(f"The maps need the npm packages world-atlas, d3-geo and topojson-client, but {ATLAS} "
                        f"was not found above {root}. Run `npm ci` in the repository (`make book` does it).")


def render(specs: list[dict], root: Path, cache_dir: Path | None = None) -> dict[str, str]:
    """SVG markup of every spec, by spec id. ``root``: the repository (where node_modules is)."""
    repo = _node_modules(Path(root).resolve())
    atlas = repo / ATLAS
    payload = json.dumps({"atlas": str(atlas), "maps": specs}, sort_keys=True)
    key = hashlib.sha256((payload + CLI.read_text() + (HERE / "js" / "render.mjs").read_text()).encode()).hexdigest()[:16]
    cached = cache_dir / f"maps-{key}.json" if cache_dir else None
    if cached and cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    node = shutil.which("node")
    if not node:
        raise MapBuildError("The maps are drawn at build time by Node.js, which is not installed (apt-get install nodejs).")
    proc = subprocess.run([node, str(CLI)], input=payload, capture_output=True, text=True, cwd=repo, timeout=120)
    if proc.returncode != 0:
        raise MapBuildError(f"The map renderer ({CLI.name}) failed: {proc.stderr.strip()[-800:]}")
    out = json.loads(proc.stdout)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(out), encoding="utf-8")
    return out
