"""Careless and hostile dataset files: no silent loss, no raw KeyError or re.error, no autolinks in the appendix.

Like test_data_errors.py, every case works on a temporary copy of ``data/`` (``datafiles.copy_data``).
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from datafiles import copy_data, edit_csv, edit_descriptor
from russia_syria import data


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    return copy_data(tmp_path, monkeypatch)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Write ``value`` into CSV row ``row`` (header = 1) exactly as given: no quoting is added around it."""
    edit_csv(path, row, column, value, raw=True)


def refused(name: str) -> str:
    with pytest.raises(data.DataError) as info:
        data.load(name)
    return str(info.value)


# ------------------------------------------------------------------------------------------------ CSV files


def test_stray_opening_quote_is_named_not_swallowed(data_copy):
    """A quote opened and never closed on its line made 18 vetoes load as 17, without a word."""
    set_cell(data_copy / "vetoes.csv", 5, "notes", '"Stray quote before the text')
    message = refused("vetoes")
    assert message.startswith("vetoes.csv, line 5: a quote opened in field 'notes' is not closed"), message
    assert "lines 5-" in message


def test_unclosed_quote_at_the_end_is_named(data_copy):
    path = data_copy / "vetoes.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'V99,"2024\n', encoding="utf-8")
    assert refused("vetoes").startswith("vetoes.csv, line 20: a quote opened in field 'date'")


def test_utf8_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "vetoes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # what Excel's "CSV UTF-8" writes
    frame = data.load("vetoes")
    assert len(frame) == 18 and frame["veto_id"].iloc[0] == "V01"


@pytest.mark.parametrize("value", ["1_0", "\u0661\u0660", "\uff11\uff10", "nan", "inf", "1e1", "10.0", "+-1"])
def test_integer_fields_take_ascii_digits_only(data_copy, value):
    set_cell(data_copy / "vetoes.csv", 3, "votes_for", value)
    assert refused("vetoes") == f"vetoes.csv, row 3, field 'votes_for': {value!r} is not a whole number " \
                                "(write digits 0-9 only, like 1200)"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity", "1_0.5", "\u0663.\u0665", "\uff13.5", "1,5", "1e999"])
def test_number_fields_refuse_nan_inf_and_other_digits(data_copy, value):
    set_cell(data_copy / "economy.csv", 4, "value", f'"{value}"' if "," in value else value)
    message = refused("economy")
    assert message.startswith(f"economy.csv, row 4, field 'value': {value!r} is "), message


@pytest.mark.parametrize("value", ["-3", "+4", "12.5", ".5", "2e3", "7."])
def test_number_fields_accept_plain_decimals(data_copy, value):
    set_cell(data_copy / "economy.csv", 4, "value", value)
    assert data.load("economy")["value"].iloc[2] == float(value)


def test_dates_take_ascii_digits_only(data_copy):
    set_cell(data_copy / "vetoes.csv", 3, "date", "\u0662\u0660\u0661\u0662-02-04")
    assert refused("vetoes").startswith("vetoes.csv, row 3, field 'date': malformed date")


# --------------------------------------------------------------------------------------------- descriptor


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.pop("resources"), "datapackage.json: no `resources` list"),
    (lambda d: d["resources"][0]["schema"]["fields"][3].pop("type"),
     "datapackage.json, resource 'vetoes', field 'subject': `type` is None; use one of string, integer"),
    (lambda d: d["resources"][0]["schema"]["fields"][2]["constraints"].update(pattern="^S/(\\d+$"),
     "datapackage.json, resource 'vetoes', field 'draft_symbol': `pattern` '^S/(\\\\d+$' is not a regular expression"),
    (lambda d: d["resources"][1].pop("schema"), "datapackage.json, resource 'timeline': no `schema.fields` list"),
    (lambda d: d["resources"][1].pop("path"), "datapackage.json, resource 2: needs a `name` and a `path`"),
    (lambda d: d["resources"][0]["schema"].update(primaryKey=["vetoid"]), "`primaryKey` names no field: vetoid"),
    (lambda d: d["resources"][0]["schema"]["fields"][5]["constraints"].update(minimum="0"),
     "field 'votes_for': constraint `minimum` must be a number, not '0'"),
    (lambda d: d["resources"][0]["schema"]["fields"].append({"name": "notes", "type": "string"}),
     "resource 'vetoes', field 19: needs a `name` of its own"),
    (lambda d: d.update(licenses=None), "`licenses` must be a list of objects"),
])
def test_broken_descriptor_raises_data_error(data_copy, change, words):
    edit_descriptor(data_copy, change)
    with pytest.raises(data.DataError) as info:
        data.names()
    assert words in str(info.value), str(info.value)


def test_unique_constraint_is_enforced(data_copy):
    edit_descriptor(data_copy, lambda d: d["resources"][0]["schema"].update(primaryKey=[]))
    set_cell(data_copy / "vetoes.csv", 4, "veto_id", "V01")
    assert refused("vetoes") == "vetoes.csv, row 4, field 'veto_id': duplicate key 'V01'"


def test_frictionless_agrees_the_real_data_is_valid_and_rejects_a_swallowed_row(data_copy):
    """frictionless validates in the test suite (too heavy for the runtime); both catch the stray quote."""
    frictionless = pytest.importorskip("frictionless")
    set_cell(data_copy / "vetoes.csv", 5, "notes", '"Stray quote before the text')
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    assert not report.valid


# ------------------------------------------------------------------------------------------------ appendix


def render_gfm(markdown: str) -> str:
    """HTML as the appendix page renders its generated Markdown (myst-nb ``render_markdown_format: gfm``)."""
    return create_md_parser(MdParserConfig(gfm_only=True), RendererHTML).render(markdown)


def test_appendix_shows_domain_names_as_text_not_links(data_copy):
    path = data_copy / "people_groups.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    for n in range(2, len(rows) + 1):  # the most cited publisher, so the appendix names it
        set_cell(path, n, "source_publisher", "Tracker.example.org (copy on www.evil.example)")
    rendered = render_gfm(data.appendix_markdown())
    assert not re.search(r"<a\b", rendered), re.findall(r"<a [^>]*>", rendered)[:5]
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    assert "Tracker.example.org (copy on www.evil.example) (28)" in text


def test_appendix_of_the_real_data_has_no_autolinks():
    rendered = render_gfm(data.appendix_markdown())
    assert not re.search(r"<a\b", rendered), re.findall(r"<a [^>]*>", rendered)[:5]
    assert rendered.count("<table>") == len(data.names())
