"""The browser's Python runtime inside the Lite site: Pyodide from npm, local wheels, a rewritten lock file.

Hand-written: jupyterlite-pyodide-kernel loads Pyodide and its packages from cdn.jsdelivr.net unless told
otherwise, and has no option to serve a local runtime with the course package preloaded; this does steps 1-4
of ``bookbuild.lite``'s docstring on an already built HTML site.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from bookbuild import ROOT
from bookbuild.lite.wheels import (
    WHEEL_CACHE,
    WHEELS_TXT,
    LiteBuildError,
    canon,
    course_wheel,
    fetch_pinned,
    pyyaml_wheel,
    sha256,
    wheel_facts,
)

PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# Only what the kernel loads; the npm package also holds type definitions, consoles and source maps.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
RUNTIME_URL = "static/pyodide/"  # inside the Lite site
LITE_OUT = "lite"  # jupyterlite-sphinx's output folder inside the HTML site
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# Loaded with the runtime, before the first cell: the kernel then skips its own `piplite.install(...)` calls,
# which would otherwise ask PyPI. Same list as jupyterlite-pyodide-kernel's default prefetch, plus micropip/piplite.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")
# Course dependencies that are NOT loaded with `import russia_syria`: a notebook that needs them imports them
# itself, and Pyodide then loads them (networkx alone pulls in setuptools and matplotlib).
LAZY_DEPENDENCIES = {"networkx"}


def kernel_pyodide_version() -> str:
    """The Pyodide version the installed JupyterLite kernel was built for."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def runtime_dir() -> Path:
    """``node_modules/pyodide``, checked against the kernel's Pyodide version."""
    package_json = PYODIDE_NPM / "package.json"
    want = kernel_pyodide_version()
    if not package_json.is_file():
        raise LiteBuildError(f"{PYODIDE_NPM} is missing: run `npm ci` (package.json pins pyodide {want})")
    have = json.loads(package_json.read_text(encoding="utf-8"))["version"]
    if have != want:
        raise LiteBuildError(
            f"{package_json}: pyodide {have}, but jupyterlite-pyodide-kernel needs {want}: "
            f"run `npm install --save-dev --save-exact pyodide@{want}`"
        )
    return PYODIDE_NPM


def build_lock(base_lock: dict[str, Any], wheels: list[Path], course: Path, cdn: str) -> dict[str, Any]:
    """The runtime's lock file with ``wheels`` served locally and every other package taken from ``cdn``."""
    lock = json.loads(json.dumps(base_lock))
    packages: dict[str, dict[str, Any]] = lock["packages"]
    for entry in packages.values():
        if not re.match(r"^https?://", entry["file_name"]):
            entry["file_name"] = cdn + entry["file_name"]
    local_names = {wheel_facts(w)["name"] for w in wheels}
    for wheel in [*wheels, course]:
        facts = wheel_facts(wheel)
        entry = packages.get(facts["name"])
        if entry is None:
            entry = packages[facts["name"]] = {
                "name": facts["name"], "version": facts["version"], "install_dir": "site", "package_type": "package",
                "imports": facts["imports"], "depends": [], "unvendored_tests": False,
            }
        elif entry["version"] != facts["version"]:
            raise LiteBuildError(
                f"{WHEELS_TXT}: {facts['name']} is pinned to {facts['version']} but the Pyodide lock file has "
                f"{entry['version']}: pin the lock's version"
            )
        depends = [d for d in facts["depends"] if d in packages or d in local_names]
        if wheel == course:
            depends = [d for d in depends if d not in LAZY_DEPENDENCIES]
        known = {canon(d) for d in entry["depends"]}
        entry["depends"] = sorted({*entry["depends"], *(d for d in depends if d not in known)})
        entry["file_name"] = wheel.name  # relative: resolved against the lock file's folder
        entry["sha256"] = sha256(wheel)
    missing = sorted({f"{name} -> {dep}" for name, entry in packages.items()
                      for dep in entry["depends"] if canon(dep) not in packages})
    if missing:
        raise LiteBuildError(f"the Pyodide lock file would name missing packages: {', '.join(missing)}")
    return lock


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels (pyodide-kernel, piplite, the ipykernel and widgetsnbextension shims)."""
    pypi = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    pypi = pypi / "static" / "pypi"
    wheels = sorted(pypi.glob("*.whl"))
    # two widgetsnbextension shims (3.x and 4.x) are shipped: ipywidgets 8 needs the 4.x one
    wheels = [w for w in wheels if not w.name.startswith("widgetsnbextension-3.")]
    if not wheels:
        raise LiteBuildError(f"{pypi}: no kernel wheels found; is jupyterlite-pyodide-kernel installed?")
    return wheels


def install_runtime(site_dir: Path) -> dict[str, Any]:
    """Steps 1-4 of the module docstring on the built HTML folder ``site_dir``; returns a short summary."""
    lite = site_dir / LITE_OUT
    config_path = lite / "jupyter-lite.json"
    if not config_path.is_file():
        raise LiteBuildError(f"{config_path} not found: the JupyterLite build (jupyterlite-sphinx) did not run")
    source = runtime_dir()
    version = kernel_pyodide_version()
    cdn = f"https://cdn.jsdelivr.net/pyodide/v{version}/full/"
    out = lite / RUNTIME_URL
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(source / name, out / name)

    fetched = fetch_pinned()
    wheels = [p for p in fetched.values() if p.suffix == ".whl"]
    wheels += [pyyaml_wheel(p, out) for p in fetched.values() if p.name.endswith(".tar.gz")]
    wheels += kernel_wheels()
    course = course_wheel(out)
    for wheel in wheels:
        if wheel.parent != out:
            shutil.copy2(wheel, out / wheel.name)
    wheels = [out / w.name for w in wheels]
    base_lock = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = build_lock(base_lock, wheels, out / course.name, cdn)
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    config = json.loads(config_path.read_text(encoding="utf-8"))
    settings = config.setdefault("jupyter-config-data", {}).setdefault("litePluginSettings", {})
    kernel = settings.setdefault(KERNEL_PLUGIN, {})
    kernel["pyodideUrl"] = f"./{RUNTIME_URL}pyodide.mjs"
    kernel["loadPyodideOptions"] = {"packages": list(PRELOAD)}
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    local = sorted(name for name, e in lock["packages"].items() if not e["file_name"].startswith("http"))
    size = sum(p.stat().st_size for p in lite.rglob("*") if p.is_file())
    return {"local_packages": local, "cdn": cdn, "lite_mb": round(size / 1e6, 1)}


def main(argv: list[str]) -> int:
    """``python -m bookbuild.lite fetch`` or ``install SITE_DIR`` (see ``bookbuild.lite``)."""
    if argv[:1] == ["fetch"]:
        files = fetch_pinned()
        print(f"{len(files)} pinned files in {WHEEL_CACHE}")
        return 0
    if argv[:1] == ["install"] and len(argv) == 2:
        print(json.dumps(install_runtime(Path(argv[1])), indent=1))
        return 0
    print("usage: python -m bookbuild.lite fetch | install SITE_DIR", file=sys.stderr)
    return 2
