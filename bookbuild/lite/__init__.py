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

Modules: this one holds the Sphinx hooks; ``wheels`` makes the wheels (step 2), ``runtime`` installs the
runtime and the lock file (steps 1, 3, 4).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bookbuild import ROOT
from bookbuild.lite.runtime import (
    LITE_OUT,
    PYODIDE_NPM,
    LiteBuildError,
    fetch_pinned,
    install_runtime,
    runtime_dir,
)
from bookbuild.lite.wheels import LITE_DIR, WHEELS_TXT

# The Lite apps built (jupyterlite-sphinx builds the same six): JupyterLab is what the launch button opens, the
# others are its file browser (tree), the simpler Notebook view, the editor, and the consoles (repl is the
# standalone one, a quick Python prompt without a notebook).
LITE_APPS = ("lab", "notebooks", "tree", "edit", "repl", "consoles")
LITE_BUILDERS = ("html",)  # not singlehtml (the printable course), nor dirhtml (launch links assume page.html)
STAMP = ".build-fingerprint"  # in the Lite output: the inputs it was built from (see `fingerprint`)


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
    sources = [*sorted(Path(__file__).parent.glob("*.py")), WHEELS_TXT, LITE_DIR / "jupyter_lite_config.json", ROOT / "pyproject.toml",
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
