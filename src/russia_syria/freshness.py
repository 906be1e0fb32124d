"""Sphinx extension: run every notebook again when the datasets or the course package change.

myst-nb's execution cache (jupyter-cache) recognises a notebook by its code alone, and Sphinx re-reads a page
only when its own file changes. A lab that reads ``data/vetoes.csv`` would therefore keep showing the old
figures, and the chapter pages that glue them would keep stating them, after the CSV is corrected. Neither tool
can know what a notebook reads, so this extension keeps a fingerprint of the inputs every notebook shares (the
``data/`` folder and the ``russia_syria`` package) beside the build. When the fingerprint differs from the last
successful build, it empties the execution cache and marks every page outdated: one full build, after which
builds are incremental again. Quiz files are not part of it: the quiz extension refreshes them on its own.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

STAMP = "course-inputs.sha256"  # beside the html folder (_build/), so a fresh html folder keeps it
PACKAGE = Path(__file__).resolve().parent


def fingerprint(srcdir: Path, package: Path | None = None) -> str:
    """A hash of every file in ``srcdir/data`` and in the course package (names and contents)."""
    digest = hashlib.sha256()
    for folder in (srcdir / "data", package or PACKAGE):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp_path(app: Any) -> Path:
    return Path(app.outdir).parent / STAMP


def _outdated_when_inputs_change(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    stamp = _stamp_path(app)
    current = fingerprint(Path(app.srcdir))
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == current:
        return []
    cache = getattr(getattr(env, "mystnb_config", None), "execution_cache_path", "")
    if cache and Path(cache).is_dir():
        shutil.rmtree(cache)  # every notebook runs again, against the current data
    app.rsq_inputs_fingerprint = current  # written once the build succeeds
    return sorted(env.found_docs - removed)


def _write_stamp(app: Any, exception: Exception | None) -> None:
    current = getattr(app, "rsq_inputs_fingerprint", None)
    if exception is None and current is not None:
        _stamp_path(app).write_text(current + "\n", encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """``sphinx: extra_extensions: [russia_syria.freshness]`` in _config.yml."""
    app.connect("env-get-outdated", _outdated_when_inputs_change)
    app.connect("build-finished", _write_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
