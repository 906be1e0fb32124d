"""Make the book's JupyterLite site (``<site>/lite/``) run the course notebooks in the browser, as offline as it can.

Loaded by Jupyter Book through ``sphinx: local_extensions: {bookbuild.lite: ./}`` in ``_config.yml``, so a plain
``jupyter-book build`` does everything. jupyterlite-sphinx (in ``extra_extensions``) holds the settings
(``jupyterlite_dir``, ``jupyterlite_contents``...); this module stages the contents and runs ``jupyter lite build``
in a work folder of its own (see ``on_config_inited`` for why), then, in ``build-finished``:

1. copies the **Pyodide runtime** (wasm, stdlib) from the npm package ``pyodide`` (``node_modules/pyodide``,
   installed by ``npm ci``; its version must equal the kernel's) into ``lite/static/pyodide/``; without this,
   the kernel loads the runtime from cdn.jsdelivr.net and never starts offline;
2. adds **local wheels** beside it: the pure-Python packages pinned in ``lite/wheels.txt`` (fetched once from
   PyPI with ``pip download --require-hashes`` into ``lite/.wheels/``), a pure-Python PyYAML wheel packed from
   its source archive, and the **course package** built from ``src/`` with its datasets and quiz files
   (same layout as the real wheel: ``russia_syria/_data``, ``russia_syria/_quizzes``);
3. rewrites the runtime's **lock file** (``pyodide-lock.json``): local wheels with their own hashes, every other
   package (numpy, pandas, matplotlib...: compiled for the browser, published only on the CDN) with an absolute
   jsDelivr URL. The course package is in the lock, so ``import russia_syria`` works with no ``%pip`` line;
4. points the kernel at all this in ``lite/jupyter-lite.json`` and preloads the kernel's own packages.

It also makes the "JupyterLite" launch button of each notebook page a **page-relative** link, so the site works
under any sub-path (e.g. a GitHub Pages project site) with no setting, and removes that button from pages whose
notebook is not in the Lite site (only ``notebooks/`` is copied there).

Standalone: ``python -m bookbuild.lite fetch`` only fetches the wheels (e.g. in CI before going offline);
``python -m bookbuild.lite install SITE_DIR`` applies steps 1-4 to an already built site.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

from bookbuild import ROOT

LITE_DIR = ROOT / "lite"
WHEELS_TXT = LITE_DIR / "wheels.txt"
WHEEL_CACHE = LITE_DIR / ".wheels"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# Only what the kernel loads; the npm package also holds type definitions, consoles and source maps.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
RUNTIME_URL = "static/pyodide/"  # inside the Lite site
LITE_OUT = "lite"  # jupyterlite-sphinx's output folder inside the HTML site
# The Lite apps built (jupyterlite-sphinx builds the same six): JupyterLab is what the launch button opens, the
# others are its file browser (tree), the simpler Notebook view, the editor, and the consoles (repl is the
# standalone one, a quick Python prompt without a notebook).
LITE_APPS = ("lab", "notebooks", "tree", "edit", "repl", "consoles")
LITE_BUILDERS = ("html",)  # not singlehtml (the printable course), nor dirhtml (launch links assume page.html)
STAMP = ".build-fingerprint"  # in the Lite output: the inputs it was built from (see `fingerprint`)
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# Loaded with the runtime, before the first cell: the kernel then skips its own `piplite.install(...)` calls,
# which would otherwise ask PyPI. Same list as jupyterlite-pyodide-kernel's default prefetch, plus micropip/piplite.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")
# Course dependencies that are NOT loaded with `import russia_syria`: a notebook that needs them imports them
# itself, and Pyodide then loads them (networkx alone pulls in setuptools and matplotlib).
LAZY_DEPENDENCIES = {"networkx"}
# Requirement markers as seen by Python running in the browser (for wheels' Requires-Dist lines).
PYODIDE_MARKERS = {
    "python_version": "3.14", "python_full_version": "3.14.2", "sys_platform": "emscripten",
    "platform_system": "Emscripten", "platform_machine": "wasm32", "os_name": "posix",
    "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": "",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give byte-identical wheels


class LiteBuildError(RuntimeError):
    """Something the Lite site needs is missing or inconsistent; the message says what to run."""


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------- pinned wheels
def pinned() -> list[tuple[str, str, str]]:
    """``(name, version, sha256)`` for every line of ``lite/wheels.txt``."""
    pins = []
    for number, line in enumerate(WHEELS_TXT.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if not match:
            raise LiteBuildError(f"{WHEELS_TXT}, line {number}: expected 'name==version --hash=sha256:<64 hex>'")
        pins.append(match.groups())
    return pins


def fetch_pinned(cache: Path = WHEEL_CACHE) -> dict[str, Path]:
    """The pinned files (wheel or source archive) by canonical name; fetched from PyPI only if missing.

    Files are found by hash, so a stale or tampered file in the cache is never used.
    """
    pins = pinned()

    def by_hash() -> dict[str, Path]:
        files = {_sha256(p): p for p in cache.glob("*") if p.is_file()} if cache.is_dir() else {}
        return {_canon(name): files[digest] for name, _, digest in pins if digest in files}

    found = by_hash()
    if len(found) < len(pins):
        cache.mkdir(parents=True, exist_ok=True)
        # Pure-Python files for the browser's Python: any platform, no ABI, Python 3.14; no dependency
        # resolution (the lock file is the resolution), every file checked against its pinned hash.
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
               "--require-hashes", "--python-version", "3.14", "--platform", "any", "--implementation", "py",
               "--abi", "none", "--dest", str(cache), "-r", str(WHEELS_TXT)]
        result = subprocess.run(cmd, capture_output=True, text=True)
        found = by_hash()
        if result.returncode != 0 or len(found) < len(pins):
            missing = sorted({_canon(n) for n, _, _ in pins} - set(found))
            raise LiteBuildError(
                f"could not fetch the JupyterLite wheels {missing} from PyPI into {cache} "
                f"(pip said: {result.stderr.strip()[-800:] or 'nothing'}). Run `python -m bookbuild.lite fetch` "
                "once with network access; later builds use the cache offline."
            )
    return found


def _write_wheel(path: Path, files: dict[str, bytes], metadata: str, tag: str = "py3-none-any") -> Path:
    """Write a minimal valid wheel (``files`` maps archive names to contents) with METADATA, WHEEL and RECORD."""
    name, version = path.name.split("-")[:2]
    dist_info = f"{name}-{version}.dist-info"
    files = dict(sorted(files.items()))
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: bookbuild.lite\nRoot-Is-Purelib: true\nTag: {tag}\n"
    ).encode()
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for arcname, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([arcname, f"sha256={digest}", len(data)])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    files[f"{dist_info}/RECORD"] = record.getvalue().encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, data in files.items():
            info = zipfile.ZipInfo(arcname, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            whl.writestr(info, data)
    tmp.replace(path)  # atomic: a parallel build never sees half a wheel
    return path


def pyyaml_wheel(sdist: Path, dest_dir: Path) -> Path:
    """Pack the pure-Python ``yaml`` package of a PyYAML source archive into a ``py3-none-any`` wheel."""
    import tarfile

    version = re.search(r"-(\d[^-]*)\.tar\.gz$", sdist.name).group(1)
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            # <top>/lib/yaml/<module>.py: the cyaml module imports the C extension and falls back when it is absent
            if member.isfile() and parts[1:3] == ["lib", "yaml"] and member.name.endswith(".py"):
                files["yaml/" + "/".join(parts[3:])] = tar.extractfile(member).read()
    if "yaml/__init__.py" not in files:
        raise LiteBuildError(f"{sdist}: no lib/yaml/__init__.py inside; not a PyYAML source archive?")
    metadata = f"Metadata-Version: 2.1\nName: PyYAML\nVersion: {version}\nRequires-Python: >=3.8\n"
    return _write_wheel(dest_dir / f"pyyaml-{version}-py3-none-any.whl", files, metadata)


def course_wheel(dest_dir: Path) -> Path:
    """Build the course package's wheel from ``pyproject.toml`` (packages + force-included data), offline.

    The real build backend (hatchling) would need network access to install itself; this follows the same
    ``[tool.hatch.build.targets.wheel]`` settings, so the data lands where ``russia_syria.data`` looks for it.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    meta, target = project["project"], project["tool"]["hatch"]["build"]["targets"]["wheel"]
    files: dict[str, bytes] = {}

    def add_tree(source: Path, arc_prefix: str) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files[f"{arc_prefix}/{path.relative_to(source).as_posix()}"] = path.read_bytes()

    for package in target["packages"]:
        add_tree(ROOT / package, Path(package).name)
    for source, arc_prefix in target.get("force-include", {}).items():
        add_tree(ROOT / source, arc_prefix)
    lines = ["Metadata-Version: 2.1", f"Name: {meta['name']}", f"Version: {meta['version']}",
             f"Summary: {meta.get('description', '')}", f"Requires-Python: {meta.get('requires-python', '')}"]
    lines += [f"Requires-Dist: {req}" for req in meta.get("dependencies", [])]
    name = meta["name"].replace("-", "_")
    return _write_wheel(dest_dir / f"{name}-{meta['version']}-py3-none-any.whl", files, "\n".join(lines) + "\n")


def wheel_facts(path: Path) -> dict[str, Any]:
    """Name, version, top-level import names and (browser-evaluated) dependency names of a wheel."""
    from packaging.requirements import Requirement

    with zipfile.ZipFile(path) as whl:
        names = whl.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(whl.read(meta_name).decode())
        top_level = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top_level:
            imports = whl.read(top_level).decode().split()
        else:
            imports = sorted({n.split("/")[0].removesuffix(".py") for n in names
                              if (n.count("/") == 1 and n.endswith("/__init__.py")) or
                              (n.count("/") == 0 and n.endswith(".py"))}
                             - {"__init__"})
    depends = []
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(PYODIDE_MARKERS):
            depends.append(_canon(req.name))
    return {"name": _canon(meta["Name"]), "version": meta["Version"], "imports": imports, "depends": depends}


# ----------------------------------------------------------------------------------------------- the runtime
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
        known = {_canon(d) for d in entry["depends"]}
        entry["depends"] = sorted({*entry["depends"], *(d for d in depends if d not in known)})
        entry["file_name"] = wheel.name  # relative: resolved against the lock file's folder
        entry["sha256"] = _sha256(wheel)
    missing = sorted({f"{name} -> {dep}" for name, entry in packages.items()
                      for dep in entry["depends"] if _canon(dep) not in packages})
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


# -------------------------------------------------------------------------------------------- Sphinx hooks
def _relative_lite_url(pagename: str, target: str) -> str:
    """``target`` (a path from the site root) as a link from the page ``pagename`` (e.g. notebooks/01_x)."""
    return posixpath.relpath(target, posixpath.dirname(pagename) or ".")


def on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Make the JupyterLite button a page-relative link; drop it where the notebook is not in the Lite site.

    Also drops jupyterlite-sphinx's page assets: they serve its ``jupyterlite``/``notebooklite`` directives, which
    the book does not use (the launch button is a plain link).
    """
    for key in ("css_files", "script_files"):  # safety net: on_config_inited already removed them
        context[key] = [a for a in context.get(key, []) if not _is_lite_sphinx_asset(getattr(a, "filename", a))]
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        kept = []
        for button in group.get("buttons", []):
            url = button.get("url", "")
            if button.get("text") == "JupyterLite" and not re.match(r"^(https?:)?/", url):
                if not any(pagename.startswith(f"{p.rstrip('/')}/") for p in getattr(app, "lite_contents", [])):
                    continue
                path, _, query = url.partition("?")
                button["url"] = f"{_relative_lite_url(pagename, path)}?{query}"
            kept.append(button)
        group["buttons"] = kept


def on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in LITE_BUILDERS or getattr(app, "lite_up_to_date", False):
        return
    from sphinx.errors import ExtensionError

    try:
        summary = install_runtime(Path(app.outdir))
        (Path(app.outdir) / LITE_OUT / STAMP).write_text(app.lite_fingerprint, encoding="utf-8")
    except LiteBuildError as exc:
        raise ExtensionError(f"[build_lite] {exc}") from None
    seconds = time.monotonic() - getattr(app, "lite_started", time.monotonic())
    print(f"[build_lite] JupyterLite site built in {seconds:.1f} s: {summary['lite_mb']} MB, "
          f"{len(summary['local_packages'])} local packages; other packages from {summary['cdn']}")


def _staging(app: Any) -> Path:
    return Path(app.outdir).parent / "lite-contents"


def on_config_inited(app: Any, config: Any) -> None:
    """Take over the staging of ``jupyterlite_contents`` (runs before jupyterlite-sphinx's handler: 400 < 500).

    jupyterlite-sphinx 0.23 copies content folders into ``<source>/_contents`` and empties that folder whenever a
    build starts, so two builds of one checkout (a test run and a preview) empty each other's. Here each build
    stages them beside its own output, and ``build_lite_app`` passes that folder to ``jupyter lite build``.
    """
    if not hasattr(config, "jupyterlite_contents"):
        from sphinx.errors import ExtensionError

        raise ExtensionError("[build_lite] needs jupyterlite_sphinx in `sphinx: extra_extensions` (_config.yml)")
    contents = config.jupyterlite_contents or []
    app.lite_contents = [contents] if isinstance(contents, str) else list(contents)
    config.jupyterlite_contents = None
    config.jupyterlite_content_dir = str(_staging(app))
    # Its page assets serve directives the book does not use; one is a Google web font (a CDN request per page).
    app.registry.css_files[:] = [(f, a) for f, a in app.registry.css_files if not _is_lite_sphinx_asset(f)]
    app.registry.js_files[:] = [(f, a) for f, a in app.registry.js_files if not _is_lite_sphinx_asset(f)]
    # Its build step runs `jupyter lite build` in the source folder, where doit keeps its state file
    # (.jupyterlite.doit.db): parallel builds of one checkout then break each other, and on failure it hides
    # the error (it raises UnboundLocalError instead). `build_lite_app` below runs the same command, isolated.
    for listener in list(app.events.listeners.get("build-finished", [])):
        if getattr(listener.handler, "__name__", "") == "jupyterlite_build":
            app.disconnect(listener.id)


def fingerprint(app: Any) -> str:
    """A hash of everything the Lite site is made from: if it is unchanged, the site needs no rebuild."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    sources = [Path(__file__), WHEELS_TXT, LITE_DIR / "jupyter_lite_config.json", ROOT / "pyproject.toml",
               PYODIDE_NPM / "package.json"]
    for folder in ("src", "data", "quizzes"):
        sources += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for pattern in getattr(app, "lite_contents", []):
        for path in sorted(Path(app.srcdir).glob(pattern)):
            sources += sorted(path.rglob("*")) if path.is_dir() else [path]
    for path in sources:
        if path.is_file():
            digest.update(f"{path.relative_to(ROOT)}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    for dist in ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlab-widgets", "anywidget"):
        digest.update(f"{dist}=={version(dist)}\0".encode())
    digest.update(repr(LITE_APPS).encode())
    return digest.hexdigest()


def _is_lite_sphinx_asset(filename: Any) -> bool:
    name = str(filename or "")
    return Path(name).name.startswith("jupyterlite_sphinx.") or "fonts.googleapis.com" in name


def build_lite_app(app: Any, exception: Exception | None) -> None:
    """Run ``jupyter lite build`` as jupyterlite-sphinx would, in this build's own work folder."""
    if exception is not None or app.builder.name not in LITE_BUILDERS:
        return
    from sphinx.errors import ExtensionError

    app.lite_fingerprint = fingerprint(app)
    stamp = Path(app.outdir) / LITE_OUT / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == app.lite_fingerprint:
        app.lite_up_to_date = True  # a rebuild with the same inputs: keep the Lite site as it is (saves ~10 s)
        print("[build_lite] JupyterLite site up to date")
        return
    stamp.unlink(missing_ok=True)
    work = Path(app.outdir).parent / "lite-work"
    work.mkdir(parents=True, exist_ok=True)
    lite_dir = (Path(app.srcdir) / app.config.jupyterlite_dir).resolve()
    cmd = [sys.executable, "-m", "jupyter", "lite", "build", "--contents", str(_staging(app)),
           "--output-dir", str(Path(app.outdir) / LITE_OUT), "--lite-dir", str(lite_dir)]
    for lite_app in LITE_APPS:
        cmd += ["--apps", lite_app]
    env = {**os.environ, "JUPYTERLITE_CACHE_DIR": str(work / "cache")}
    app.lite_started = time.monotonic()
    result = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise ExtensionError(f"[build_lite] `jupyter lite build` failed:\n{(result.stdout + result.stderr)[-3000:]}")


def stage_contents(app: Any, exception: Exception | None) -> None:
    """Copy the ``jupyterlite_contents`` folders and files into this build's staging folder (before the Lite build)."""
    if exception is not None or app.builder.name not in LITE_BUILDERS:
        return
    staging = _staging(app)
    for pattern in app.lite_contents:
        for source in sorted(Path(app.srcdir).glob(pattern)):
            target = staging / source.name
            if source.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            else:
                shutil.copy2(source, target)


def on_builder_inited(app: Any) -> None:
    # Fetch (or find in the cache) the wheels first, so a missing one fails the build in seconds, not minutes.
    from sphinx.errors import ExtensionError

    if app.builder.name not in LITE_BUILDERS:
        return
    try:
        runtime_dir()
        fetch_pinned()
    except LiteBuildError as exc:
        raise ExtensionError(f"[build_lite] {exc}") from None


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited, priority=400)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_page_context, priority=600)  # after the theme added the buttons (500)
    app.connect("build-finished", stage_contents, priority=400)
    app.connect("build-finished", build_lite_app, priority=500)
    app.connect("build-finished", on_build_finished, priority=600)  # after jupyterlite-sphinx built the app (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str]) -> int:
    if argv[:1] == ["fetch"]:
        files = fetch_pinned()
        print(f"{len(files)} pinned files in {WHEEL_CACHE}")
        return 0
    if argv[:1] == ["install"] and len(argv) == 2:
        print(json.dumps(install_runtime(Path(argv[1])), indent=1))
        return 0
    print(__doc__.split("\n\n")[-1].strip(), file=sys.stderr)
    return 2

