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
Numbers are written with the digits 0-9 only: an optional sign, a decimal point and an exponent for
``number`` fields; no ``_`` or thousands separators, no other scripts' digits, no ``nan`` or ``inf`` (an empty
cell is the missing value). Every record sits on one line (a line break inside quotes is refused, because a
stray quote would otherwise swallow the rows after it); a UTF-8 byte-order mark (Excel's "CSV UTF-8") is fine.

Every problem with the files raises :class:`DataError` (a ``ValueError``) whose message names the file, the
row (as numbered in the CSV file, header = row 1; rows are lines) and the field.

Why a small hand-written check rather than frictionless at run time: frictionless and its dependencies
(pydantic, petl, typer...) are heavy to install in JupyterLite's Pyodide and on every hub, and it accepts
``1_0``, ``٣`` and ``nan`` as numbers; the test suite validates the files with frictionless as well.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .markdown import escape_markdown

__all__ = ["DataError", "names", "load", "describe", "package", "data_dir", "appendix_markdown", "SOURCE_FIELDS"]

ENV_VAR = "RUSSIA_SYRIA_DATA"
DESCRIPTOR = "datapackage.json"
# Fields that must be filled in every row of every dataset: a row without them has no traceable source.
SOURCE_FIELDS = ("source_publisher", "source_title", "source_url")
TYPES = ("string", "integer", "number", "boolean")
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DATE_PATTERNS = (r"^[0-9]{4}(", r"^\d{4}(")  # how a date field's pattern starts in the descriptor
# Explicit [0-9]: Python's int() and float() also take "1_0", Arabic-Indic or full-width digits, "nan", "inf".
_NUMBER_RE = {"integer": re.compile(r"[-+]?[0-9]+"),
              "number": re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")}
_NUMBER_HELP = {"integer": "is not a whole number (write digits 0-9 only, like 1200)",
                "number": "is not a number (write digits 0-9 with an optional decimal point, like 12.5)"}


class DataError(ValueError):
    """A dataset file is missing, malformed or incomplete; the message says where."""


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
    _check_descriptor(pkg)
    return pkg


def _check_descriptor(pkg: Any) -> None:
    """The parts of the descriptor the loader relies on; anything else is frictionless's job (tests)."""
    resources_ = pkg.get("resources") if isinstance(pkg, dict) else None
    if not isinstance(resources_, list) or not resources_:
        raise DataError(f"{DESCRIPTOR}: no `resources` list (one entry per dataset)")
    for n, res in enumerate(resources_, 1):
        where = f"{DESCRIPTOR}, resource {n}"
        if not isinstance(res, dict) or not all(isinstance(res.get(k), str) and res[k] for k in ("name", "path")):
            raise DataError(f"{where}: needs a `name` and a `path`")
        where = f"{DESCRIPTOR}, resource {res['name']!r}"
        fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields:
            raise DataError(f"{where}: no `schema.fields` list")
        for i, field in enumerate(fields, 1):
            if not isinstance(field, dict) or not isinstance(field.get("name"), str):
                raise DataError(f"{where}, field {i}: needs a `name`")
            at = f"{where}, field {field['name']!r}"
            if field.get("type") not in TYPES:
                raise DataError(f"{at}: `type` is {field.get('type')!r}; use one of {', '.join(TYPES)}")
            cons = field.get("constraints", {})
            if not isinstance(cons, dict):
                raise DataError(f"{at}: `constraints` must be an object")
            try:
                re.compile(cons.get("pattern", ""))
            except (re.error, TypeError) as exc:
                raise DataError(f"{at}: `pattern` {cons.get('pattern')!r} is not a regular expression ({exc})") from None
            enum = cons.get("enum")
            if enum is not None and not (isinstance(enum, list) and all(isinstance(e, str) for e in enum)):
                raise DataError(f"{at}: `enum` must be a list of texts")
        keys = res["schema"].get("primaryKey", [])
        unknown = set([keys] if isinstance(keys, str) else keys) - {f["name"] for f in fields}
        if unknown:
            raise DataError(f"{where}: `primaryKey` names no field: {', '.join(sorted(unknown))}")


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


def _parse_date(text: str, where: str, end: bool = False) -> pd.Timestamp:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD to the first day of that period (the last day if ``end``)."""
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise DataError(f"{where}: malformed date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        start = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise DataError(f"{where}: impossible date {text!r}") from None
    if not end or day:
        return start
    # An end date given as a month or a year means the end of that month or year.
    return start + (pd.offsets.MonthEnd(0) if month else pd.offsets.YearEnd(0))


def _is_date_field(field: dict[str, Any]) -> bool:
    pattern = field.get("constraints", {}).get("pattern", "")
    return field["type"] == "string" and pattern.startswith(_DATE_PATTERNS)


def _read_rows(path: Path, fname: str) -> tuple[list[str], list[list[str]]]:
    """Header and records; each record must be exactly one line, so records, rows and lines coincide."""
    records: list[list[str]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:  # -sig: Excel's "CSV UTF-8" starts with a BOM
            reader = csv.reader(fh)
            for record in reader:
                line = len(records) + 1
                broken = [i for i, v in enumerate(record) if "\n" in v or "\r" in v]
                if broken or reader.line_num != line:  # a line break inside quotes: a stray quote, or unclosed
                    col = broken[0] if broken else len(record) - 1
                    field = repr(records[0][col]) if records and col < len(records[0]) else f"column {col + 1}"
                    raise DataError(
                        f"{fname}, line {line}: a quote opened in field {field} is not closed on that line, so "
                        f"lines {line}-{reader.line_num} were read as one row; remove the stray quote "
                        "(or close it) so no row is lost")
                records.append(record)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise DataError(f"{path}: malformed CSV ({exc})") from None
    if not records:
        raise DataError(f"{path}: empty file (no header row)")
    return records[0], records[1:]


def load(name: str) -> pd.DataFrame:
    """Load dataset ``name`` as a DataFrame typed from its table schema.

    Raises :class:`DataError` for an unknown name, a missing file, a missing column, a value that does not
    fit its type or constraints, or a row without a source.
    """
    resource = _resource(name)
    fname = resource["path"]
    header, rows = _read_rows(data_dir() / fname, fname)
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
        f["name"]: _to_series([_cell(row[index[f["name"]]], f, f"{fname}, row {n}, field {f['name']!r}")
                               for n, row in enumerate(rows, start=2)], f)
        for f in fields
    })
    for field in fields:
        if _is_date_field(field):
            col = field["name"]
            pos = frame.columns.get_loc(col) + 1
            frame.insert(pos, f"{col}_text", pd.array([r[index[col]].strip() or None for r in rows], dtype="string"))
    _check_unique(frame, resource, fname)
    frame.attrs["name"] = name
    frame.attrs["title"] = resource.get("title", name)
    return frame


def _cell(text: str, field: dict[str, Any], where: str) -> Any:
    """One CSV value checked against its field's constraints and converted to its Python value."""
    raw = text.strip()
    cons = field.get("constraints", {})
    ftype = field["type"]
    if raw == "":
        if cons.get("required"):
            raise DataError(f"{where}: empty {'source' if field['name'].startswith('source_') else 'required'} field")
        return None
    if cons.get("enum") is not None and raw not in cons["enum"]:
        raise DataError(f"{where}: {raw!r} is not one of {', '.join(cons['enum'])}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        if _is_date_field(field):
            _parse_date(raw, where)  # raises with the date-specific message
        raise DataError(f"{where}: {raw!r} does not match the expected form {cons['pattern']}")
    if _is_date_field(field):
        return _parse_date(raw, where, end=field["name"].endswith("_end"))
    if ftype == "boolean":
        if raw.lower() not in {"true", "false"}:
            raise DataError(f"{where}: {raw!r} is not true or false")
        return raw.lower() == "true"
    if ftype == "string":
        return raw
    if not _NUMBER_RE[ftype].fullmatch(raw):
        raise DataError(f"{where}: {raw!r} {_NUMBER_HELP[ftype]}")
    value = int(raw) if ftype == "integer" else float(raw)
    if value in (float("inf"), float("-inf")):  # 1e999: digits only, but no finite number
        raise DataError(f"{where}: {raw!r} is too large")
    if "minimum" in cons and value < cons["minimum"]:
        raise DataError(f"{where}: {raw} is below the minimum {cons['minimum']}")
    if "maximum" in cons and value > cons["maximum"]:
        raise DataError(f"{where}: {raw} is above the maximum {cons['maximum']}")
    return value


def _to_series(values: list[Any], field: dict[str, Any]) -> pd.Series:
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=enum))
    if _is_date_field(field):
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
    if _is_date_field(field):
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
