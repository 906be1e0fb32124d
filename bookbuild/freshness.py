"""Sphinx extension: run every notebook again when the datasets or the course package change.

myst-nb's execution cache (jupyter-cache) recognises a notebook by its code alone, and Sphinx re-reads a page
only when its own file changes. A lab that reads ``data/vetoes.csv`` would therefore keep showing the old
figures, and the chapter pages that glue them would keep stating them, after the CSV is corrected. Neither tool
can know what a notebook reads, so this extension keeps a fingerprint of the inputs every notebook shares (the
``data/`` folder and the ``russia_syria`` package) in the execution cache and in Sphinx's environment. When it
differs, the cache is emptied and every page is marked outdated: one full build, after which builds are
incremental again. Quiz files are not part of it: the quiz extension refreshes them on its own.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import russia_syria

STAMP = "course-inputs.sha256"  # inside the execution cache: the inputs its notebook runs were made from
PACKAGE = Path(russia_syria.__file__).resolve().parent  # the runtime package the notebooks import


def fingerprint(srcdir: Path, package: Path | None = None) -> str:
    """A hash of every file in ``srcdir/data`` and in the course package (names and contents)."""
    digest = hashlib.sha256()
    for folder in (srcdir / "data", package or PACKAGE):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def execution_cache_dir(env: Any) -> Path | None:
    """myst-nb's execution cache folder (resolved by myst-nb at builder-inited), if any."""
    cache = getattr(getattr(env, "mystnb_config", None), "execution_cache_path", "")
    return Path(cache) if cache else None


def _outdated_when_inputs_change(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Empty a cache made from other inputs; re-read every page if this build's pages were made from others.

    Two records, because several builds can share one cache (the student edition and the PDF reuse the main
    build's): the cache's stamp says what its notebook runs were made from, the environment's attribute (saved
    with Sphinx's pickled environment) what this build's pages were made from.
    """
    current = fingerprint(Path(app.srcdir))
    cache = execution_cache_dir(env)
    if cache is not None and cache.is_dir():
        stamp = cache / STAMP
        if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != current:
            shutil.rmtree(cache)  # every notebook runs again, against the current data
    app.rsq_inputs_fingerprint = current  # the cache's stamp is written once the build succeeds
    if getattr(env, "rsq_inputs_fingerprint", None) == current:
        return []
    env.rsq_inputs_fingerprint = current
    return sorted(env.found_docs - removed)


def _write_stamp(app: Any, exception: Exception | None) -> None:
    current = getattr(app, "rsq_inputs_fingerprint", None)
    cache = execution_cache_dir(app.env)
    if exception is None and current is not None and cache is not None and cache.is_dir():
        (cache / STAMP).write_text(current + "\n", encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """``sphinx: local_extensions: {bookbuild.freshness: ./}`` in _config.yml."""
    app.connect("env-get-outdated", _outdated_when_inputs_change)
    app.connect("build-finished", _write_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
