"""Load the course datasets as typed pandas DataFrames.

The datasets are CSV files described by a Frictionless Data Package (``datapackage.json``). The loader reads
the schema and types each column from it, so the CSV files and their description cannot drift apart.

Where the data lives (first match wins):

1. the folder named by the environment variable ``RUSSIA_SYRIA_DATA`` (tests use it with corrupted copies);
2. the package data of an installed wheel (``russia_syria/_data``, force-included by ``pyproject.toml``);
3. the repository's ``data/`` folder (editable install or a checkout).

Dates: the CSV files store dates as text with mixed precision (``2025``, ``2025-01`` or ``2025-01-30``). Each
date column is parsed to a ``Timestamp`` at the **start** of the period it names (``2025`` → 2025-01-01), except
columns whose name ends in ``_end`` (``date_end``, ``period_end``), which take the **last** day of the period
(``2015-12`` → 2015-12-31), so that a period always covers its whole span. The original text is kept in a
``<column>_text`` column. Tables with a ``date_precision`` column say how
precise each ``date`` is (day, month, year, unknown), so ``2025-01-01`` with precision ``year`` means "some
time in 2025", not New Year's Day.

Other types: enum columns become ``pandas.Categorical`` (categories in schema order), integers become the
nullable ``Int64``, numbers ``Float64``, booleans the nullable ``boolean``, text the ``string`` dtype.
What a value may hold (digits 0-9 only, one line per record...) is listed in ``tableschema``, which checks it.

Every problem with the files raises :class:`DataError` (a ``ValueError``) whose message names the file, the
row (as numbered in the CSV file, header = row 1; rows are lines) and the field.
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .markdown import escape_markdown
from .tableschema import DataError, cell_value, check_descriptor, is_date_field, read_records

__all__ = [
    "DataError", "names", "load", "describe", "package", "data_dir", "appendix_markdown", "is_date_field", "SOURCE_FIELDS",
]

ENV_VAR = "RUSSIA_SYRIA_DATA"
DESCRIPTOR = "datapackage.json"
# Fields that must be filled in every row of every dataset: a row without them has no traceable source.
SOURCE_FIELDS = ("source_publisher", "source_title", "source_url")
def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV files (see the module docstring for the order)."""
    override = os.environ.get(ENV_VAR)
    if override:
        folder = Path(override)
        if not (folder / DESCRIPTOR).is_file():
            raise DataError(f"{folder / DESCRIPTOR}: file not found (set by the environment variable {ENV_VAR})")
        return folder
    try:
        packaged = resources.files("russia_syria") / "_data"
        if packaged.is_dir() and (packaged / DESCRIPTOR).is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover - odd installs
        pass
    repo = Path(__file__).resolve().parents[2] / "data"
    if (repo / DESCRIPTOR).is_file():
        return repo
    raise DataError(
        f"{DESCRIPTOR}: file not found in the installed package (russia_syria/_data) or in {repo}; "
        f"set {ENV_VAR} to the folder holding the course data"
    )


def _read_package(folder: Path) -> dict[str, Any]:
    path = folder / DESCRIPTOR
    try:
        pkg = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    check_descriptor(pkg)
    return pkg


@lru_cache(maxsize=4)
def _package_cached(folder: str, mtime: float) -> dict[str, Any]:
    return _read_package(Path(folder))


def package() -> dict[str, Any]:
    """The whole data package descriptor (licence, sources, one resource per dataset)."""
    folder = data_dir()
    path = folder / DESCRIPTOR
    return _package_cached(str(folder), path.stat().st_mtime)


def names() -> list[str]:
    """Names of the datasets, in the order of the data package."""
    return [r["name"] for r in package()["resources"]]


def _resource(name: str) -> dict[str, Any]:
    resources_ = {r["name"]: r for r in package()["resources"]}
    if not isinstance(name, str) or name not in resources_:
        valid = ", ".join(resources_)
        close = difflib.get_close_matches(str(name).strip().lower(), list(resources_), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise DataError(f"unknown dataset {name!r}{hint}; valid names are: {valid}")
    return resources_[name]


def describe(name: str) -> dict[str, Any]:
    """Metadata of one dataset: title, description (purpose and caveats), path and table schema."""
    return _resource(name)


def load(name: str) -> pd.DataFrame:
    """Load dataset ``name`` as a DataFrame typed from its table schema.

    Raises :class:`DataError` for an unknown name, a missing file, a missing column, a value that does not
    fit its type or constraints, or a row without a source.
    """
    resource = _resource(name)
    fname = resource["path"]
    header, rows = read_records(data_dir() / fname, fname)
    fields = resource["schema"]["fields"]
    missing = [f["name"] for f in fields if f["name"] not in header]
    if missing:
        raise DataError(f"{fname}: missing column(s) {', '.join(missing)} (row 1, the header)")
    # A column the schema does not describe would be dropped without a word: refuse it instead.
    extra = [col for col in header if col not in {f["name"] for f in fields}]
    if extra:
        raise DataError(f"{fname}: unexpected column(s) {', '.join(extra)} (row 1, the header); describe them in {DESCRIPTOR}")
    if len(set(header)) != len(header):
        raise DataError(f"{fname}: duplicate column name in the header (row 1)")
    for rownum, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise DataError(f"{fname}, row {rownum}: {len(row)} values for {len(header)} columns")
    index = {col: i for i, col in enumerate(header)}
    frame = pd.DataFrame({
        f["name"]: _to_series([cell_value(row[index[f["name"]]], f, f"{fname}, row {n}, field {f['name']!r}")
                               for n, row in enumerate(rows, start=2)], f)
        for f in fields
    })
    for field in fields:
        if is_date_field(field):
            col = field["name"]
            pos = frame.columns.get_loc(col) + 1
            frame.insert(pos, f"{col}_text", pd.array([r[index[col]].strip() or None for r in rows], dtype="string"))
    _check_unique(frame, resource, fname)
    frame.attrs["name"] = name
    frame.attrs["title"] = resource.get("title", name)
    return frame


def _to_series(values: list[Any], field: dict[str, Any]) -> pd.Series:
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=enum))
    if is_date_field(field):
        return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[ns]")
    dtype = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(field["type"], "string")
    return pd.Series(pd.array(values, dtype=dtype))


def _check_unique(frame: pd.DataFrame, resource: dict[str, Any], fname: str) -> None:
    keys = resource["schema"].get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else list(keys)
    unique = [[f["name"]] for f in resource["schema"]["fields"] if f.get("constraints", {}).get("unique")]
    for cols in ([keys] if keys else []) + unique:
        dup = frame.duplicated(subset=cols, keep="first") & frame[cols].notna().all(axis=1)
        if dup.any():
            rownum = int(dup.to_numpy().nonzero()[0][0]) + 2
            raise DataError(f"{fname}, row {rownum}, field {cols[0]!r}: duplicate key {frame.loc[dup, cols[0]].iloc[0]!r}")


# --------------------------------------------------------------------------------------------------------------
# Data appendix: generated from the descriptor at book build time, so it can never drift from the data.


def _type_label(field: dict[str, Any]) -> str:
    if is_date_field(field):
        return "date (text, mixed precision)"
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return "category: " + ", ".join(enum)
    return field["type"]


def appendix_markdown() -> str:
    """Markdown for the data appendix: for each dataset its purpose, fields, row count, sources, caveats.

    Every text from the data goes through ``escape_markdown``: a publisher named ``Forsal.pl`` stays text
    (GFM would turn it into a live ``http://`` link), and no HTML or markup from a row reaches the page.
    """
    md = escape_markdown
    pkg = package()
    lic = ", ".join(f"{md(x.get('title', x.get('name')))} ({md(x.get('name', ''))})" for x in pkg.get("licenses", []))
    out = [f"All datasets are published under {lic}. Each row carries its own source columns; "
           f"the loader is `russia_syria.data.load(name)`.", ""]
    for res in pkg["resources"]:
        frame = load(res["name"])
        publishers = frame["source_publisher"].value_counts()
        out += [f"## {md(res.get('title', res['name']))}", "",
                f"Dataset name: `{res['name']}` · file `{res['path']}` · **{len(frame)} rows** · "
                f"{publishers.size} distinct publishers", "",
                md(res.get("description", "")), "",
                "| field | type | required | description |", "|---|---|---|---|"]
        for field in res["schema"]["fields"]:
            req = "yes" if field.get("constraints", {}).get("required") else ""
            out.append(f"| `{field['name']}` | {md(_type_label(field))} | {req} | {md(field.get('description', ''))} |")
        conf = frame["confidence"].value_counts().reindex(["high", "medium", "low"], fill_value=0)
        top = ", ".join(f"{md(p)} ({n})" for p, n in publishers.head(8).items())
        out += ["", f"Confidence: {conf['high']} high, {conf['medium']} medium, {conf['low']} low. "
                f"Most cited publishers: {top}.", ""]
    return "\n".join(out)
