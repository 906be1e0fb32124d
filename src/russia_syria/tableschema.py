"""Check CSV text against a Frictionless Table Schema: the descriptor, each record, each value.

Hand-written on purpose: frictionless itself is heavy to install in JupyterLite's Pyodide and on every hub,
and it accepts ``1_0``, digits of other scripts and ``nan`` as numbers; the test suite still validates the
course files with frictionless. What is valid:

- numbers use the digits 0-9 only, with an optional sign, and for ``number`` fields a decimal point and an
  exponent; no ``_`` or thousands separators, no ``nan`` or ``inf``; an empty cell is the missing value;
- dates (``string`` fields whose pattern starts ``^[0-9]{4}(``) are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
- every record is one line of the file: a line break inside quotes is refused, because a stray opening quote
  would otherwise swallow the rows after it; a UTF-8 byte-order mark is fine.

Every problem raises :class:`DataError` naming the file, the row (= line, header = 1) and the field.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["DataError", "TYPES", "check_descriptor", "cell_value", "is_date_field", "parse_date", "read_records"]

DESCRIPTOR = "datapackage.json"
TYPES = ("string", "integer", "number", "boolean")
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
DATE_PATTERNS = (r"^[0-9]{4}(", r"^\d{4}(")  # how a date field's pattern starts in the descriptor
# Explicit [0-9]: Python's int() and float() also take "1_0", Arabic-Indic or full-width digits, "nan", "inf".
_NUMBER_RE = {"integer": re.compile(r"[-+]?[0-9]+"),
              "number": re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")}
_NUMBER_HELP = {"integer": "is not a whole number (write digits 0-9 only, like 1200)",
                "number": "is not a number (write digits 0-9 with an optional decimal point, like 12.5)"}


class DataError(ValueError):
    """A dataset file is missing, malformed or incomplete; the message says where."""


# What each constraint must hold, and how a message names it.
_CONSTRAINTS = {"required": (bool, "true or false"), "unique": (bool, "true or false"),
                "minimum": ((int, float), "a number"), "maximum": ((int, float), "a number"),
                "pattern": (str, "a regular expression"), "enum": (list, "a list of texts")}


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))  # True is no number


def check_descriptor(pkg: Any) -> None:
    """The parts of the descriptor the loader and the appendix rely on; the rest is frictionless's job (tests)."""
    resources_ = pkg.get("resources") if isinstance(pkg, dict) else None
    if not isinstance(resources_, list) or not resources_:
        raise DataError(f"{DESCRIPTOR}: no `resources` list (one entry per dataset)")
    licenses = pkg.get("licenses", [])
    if not isinstance(licenses, list) or not all(isinstance(x, dict) for x in licenses):
        raise DataError(f"{DESCRIPTOR}: `licenses` must be a list of objects (name, title, path)")
    seen: set[str] = set()
    for n, res in enumerate(resources_, 1):
        where = f"{DESCRIPTOR}, resource {n}"
        if not isinstance(res, dict) or not all(isinstance(res.get(k), str) and res[k] for k in ("name", "path")):
            raise DataError(f"{where}: needs a `name` and a `path`")
        where = f"{DESCRIPTOR}, resource {res['name']!r}"
        if res["name"] in seen:
            raise DataError(f"{where}: two resources have this name")
        seen.add(res["name"])
        if not all(isinstance(res.get(k, ""), str) for k in ("title", "description")):
            raise DataError(f"{where}: `title` and `description` must be text")
        fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields:
            raise DataError(f"{where}: no `schema.fields` list")
        names: list[str] = []
        for i, field in enumerate(fields, 1):
            if not isinstance(field, dict) or not isinstance(field.get("name"), str) or field["name"] in names:
                raise DataError(f"{where}, field {i}: needs a `name` of its own")
            names.append(field["name"])
            _check_field(field, f"{where}, field {field['name']!r}")
        keys = res["schema"].get("primaryKey", [])
        keys = [keys] if isinstance(keys, str) else keys
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise DataError(f"{where}: `primaryKey` must be a field name or a list of them")
        unknown = set(keys) - set(names)
        if unknown:
            raise DataError(f"{where}: `primaryKey` names no field: {', '.join(sorted(unknown))}")


def _check_field(field: dict[str, Any], at: str) -> None:
    if field.get("type") not in TYPES:
        raise DataError(f"{at}: `type` is {field.get('type')!r}; use one of {', '.join(TYPES)}")
    if not isinstance(field.get("description", ""), str):
        raise DataError(f"{at}: `description` must be text")
    cons = field.get("constraints", {})
    if not isinstance(cons, dict):
        raise DataError(f"{at}: `constraints` must be an object")
    for key, (kind, label) in _CONSTRAINTS.items():
        if key in cons and not _is(cons[key], kind):
            raise DataError(f"{at}: constraint `{key}` must be {label}, not {cons[key]!r}")
    try:
        re.compile(cons.get("pattern", ""))
    except re.error as exc:
        raise DataError(f"{at}: `pattern` {cons['pattern']!r} is not a regular expression ({exc})") from None
    if not all(isinstance(e, str) for e in cons.get("enum", [])):
        raise DataError(f"{at}: constraint `enum` must be a list of texts")


def parse_date(text: str, where: str, end: bool = False) -> pd.Timestamp:
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


def is_date_field(field: dict[str, Any]) -> bool:
    pattern = field.get("constraints", {}).get("pattern", "")
    return field["type"] == "string" and pattern.startswith(DATE_PATTERNS)


def read_records(path: Path, fname: str) -> tuple[list[str], list[list[str]]]:
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


def cell_value(text: str, field: dict[str, Any], where: str) -> Any:
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
        if is_date_field(field):
            parse_date(raw, where)  # raises with the date-specific message
        raise DataError(f"{where}: {raw!r} does not match the expected form {cons['pattern']}")
    if is_date_field(field):
        return parse_date(raw, where, end=field["name"].endswith("_end"))
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
