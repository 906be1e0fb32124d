"""Writable copies of ``data/`` for the bad-input tests: the loader reads the copy through ``RUSSIA_SYRIA_DATA``,
so the real files are never touched."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from russia_syria import data

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def _real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse where imported: every test starts from the repository data unless it points the env var elsewhere."""
    monkeypatch.delenv(data.ENV_VAR, raising=False)


def copy_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of data/ that the loader uses for the rest of the test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv(data.ENV_VAR, str(target))
    return target


def edit_csv(path: Path, row: int, column: str, value: str, *, raw: bool = False) -> None:
    """Set ``column`` of CSV row number ``row`` (header = row 1) to ``value``; with ``raw``, write ``value``
    exactly as given, with no quoting added around it."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = "XCELLX" if raw else value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    if raw:
        path.write_text(path.read_text(encoding="utf-8").replace("XCELLX", value), encoding="utf-8")


def edit_descriptor(folder: Path, change) -> None:
    """Apply ``change`` (a function editing the parsed JSON in place) to ``folder/datapackage.json``."""
    path = folder / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc), encoding="utf-8")
