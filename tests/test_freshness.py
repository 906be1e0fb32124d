"""The build runs every notebook again when a dataset or the course package changes (russia_syria.freshness)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from russia_syria import freshness


def _book(tmp_path: Path) -> tuple[SimpleNamespace, SimpleNamespace, Path]:
    src = tmp_path / "src"
    (src / "data").mkdir(parents=True)
    (src / "data" / "vetoes.csv").write_text("year,n\n2011,1\n", encoding="utf-8")
    package = tmp_path / "package"
    package.mkdir()
    (package / "data.py").write_text("X = 1\n", encoding="utf-8")
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "global.db").write_text("cached runs", encoding="utf-8")
    app = SimpleNamespace(srcdir=str(src), outdir=str(tmp_path / "_build" / "html"))
    env = SimpleNamespace(found_docs={"book/intro", "notebooks/01_x", "book/01_x"},
                          mystnb_config=SimpleNamespace(execution_cache_path=str(cache)))
    return app, env, package


def _outdated(app, env, package, monkeypatch) -> list[str]:
    monkeypatch.setattr(freshness, "PACKAGE", package)
    return freshness._outdated_when_inputs_change(app, env, set(), set(), set())


def test_changed_data_empties_the_cache_and_rereads_everything_once(tmp_path, monkeypatch):
    app, env, package = _book(tmp_path)
    cache = Path(env.mystnb_config.execution_cache_path)
    # First build: no stamp yet, so everything is read and notebooks run.
    assert _outdated(app, env, package, monkeypatch) == ["book/01_x", "book/intro", "notebooks/01_x"]
    assert not cache.exists()
    freshness._write_stamp(app, None)
    # Nothing changed: nothing extra to read, and the (new) cache is kept.
    cache.mkdir()
    assert _outdated(app, env, package, monkeypatch) == []
    assert cache.exists()
    # A corrected value in a CSV: the cache goes and every page is read again.
    (Path(app.srcdir) / "data" / "vetoes.csv").write_text("year,n\n2011,2\n", encoding="utf-8")
    assert _outdated(app, env, package, monkeypatch) == ["book/01_x", "book/intro", "notebooks/01_x"]
    assert not cache.exists()
    freshness._write_stamp(app, None)
    assert _outdated(app, env, package, monkeypatch) == []
    # A change in the course package counts too.
    (package / "data.py").write_text("X = 2\n", encoding="utf-8")
    assert _outdated(app, env, package, monkeypatch) != []


def test_failed_build_writes_no_stamp(tmp_path, monkeypatch):
    app, env, package = _book(tmp_path)
    _outdated(app, env, package, monkeypatch)
    freshness._write_stamp(app, RuntimeError("build failed"))
    assert not (tmp_path / "_build" / freshness.STAMP).exists()
    assert _outdated(app, env, package, monkeypatch) != []  # so the next build runs everything again


def test_fingerprint_ignores_bytecode(tmp_path):
    _, _, package = _book(tmp_path)
    before = freshness.fingerprint(tmp_path / "src", package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "data.cpython-311.pyc").write_bytes(b"\0bytecode")
    assert freshness.fingerprint(tmp_path / "src", package) == before
