"""The build runs every notebook again when a dataset or the course package changes (bookbuild.freshness)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from bookbuild import freshness

ALL = ["book/01_x", "book/intro", "notebooks/01_x"]


def _book(tmp_path: Path, monkeypatch) -> tuple[Path, Path, Path]:
    src = tmp_path / "src"
    (src / "data").mkdir(parents=True)
    (src / "data" / "vetoes.csv").write_text("year,n\n2011,1\n", encoding="utf-8")
    package = tmp_path / "package"
    package.mkdir()
    (package / "data.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(freshness, "PACKAGE", package)
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "global.db").write_text("runs made from unknown inputs", encoding="utf-8")
    return src, package, cache


def _build(src: Path, cache: Path, env: SimpleNamespace | None = None, ok: bool = True):
    """One build: returns (pages re-read, env). Notebooks that run refill the cache."""
    env = env or SimpleNamespace(found_docs=set(ALL), mystnb_config=SimpleNamespace(execution_cache_path=str(cache)))
    app = SimpleNamespace(srcdir=str(src), env=env)
    outdated = freshness._outdated_when_inputs_change(app, env, set(), set(), set())
    cache.mkdir(exist_ok=True)
    (cache / "global.db").touch()
    freshness._write_stamp(app, None if ok else RuntimeError("build failed"))
    return outdated, env


def test_a_cache_of_unknown_origin_is_emptied_and_everything_read(tmp_path, monkeypatch):
    src, _, cache = _book(tmp_path, monkeypatch)
    outdated, env = _build(src, cache)
    assert outdated == ALL
    assert (cache / "global.db").read_text(encoding="utf-8") == ""  # the old runs are gone
    assert _build(src, cache, env)[0] == []  # nothing changed: incremental


def test_changed_data_or_package_runs_everything_again(tmp_path, monkeypatch):
    src, package, cache = _book(tmp_path, monkeypatch)
    _, env = _build(src, cache)
    (cache / "global.db").write_text("runs", encoding="utf-8")
    (src / "data" / "vetoes.csv").write_text("year,n\n2011,2\n", encoding="utf-8")  # a corrected value
    assert _build(src, cache, env)[0] == ALL
    assert (cache / "global.db").read_text(encoding="utf-8") == ""
    assert _build(src, cache, env)[0] == []
    (package / "data.py").write_text("X = 2\n", encoding="utf-8")
    assert _build(src, cache, env)[0] == ALL


def test_a_second_build_sharing_the_cache_keeps_it_but_reads_its_own_pages(tmp_path, monkeypatch):
    # The student edition reuses the main build's cache: it must not throw the main build's runs away.
    src, _, cache = _book(tmp_path, monkeypatch)
    _build(src, cache)
    (cache / "global.db").write_text("main build's runs", encoding="utf-8")
    outdated, _ = _build(src, cache)  # a new environment (another output folder)
    assert outdated == ALL
    assert (cache / "global.db").read_text(encoding="utf-8") == "main build's runs"


def test_failed_build_leaves_no_stamp(tmp_path, monkeypatch):
    src, _, cache = _book(tmp_path, monkeypatch)
    _build(src, cache, ok=False)
    assert not (cache / freshness.STAMP).exists()
    (cache / "global.db").write_text("partial runs", encoding="utf-8")
    _build(src, cache)
    assert (cache / "global.db").read_text(encoding="utf-8") == ""  # so the next build runs everything again


def test_fingerprint_ignores_bytecode(tmp_path, monkeypatch):
    src, package, _ = _book(tmp_path, monkeypatch)
    before = freshness.fingerprint(src)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "data.cpython-311.pyc").write_bytes(b"\0bytecode")
    assert freshness.fingerprint(src) == before
