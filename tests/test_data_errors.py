"""Bad input to the dataset loader: each broken file gets a message naming the file, row and field.

Every case works on a temporary copy of ``data/`` (``datafiles.copy_data``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datafiles import _real_data, copy_data, edit_csv  # noqa: F401 (_real_data: autouse)
from russia_syria import data


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    return copy_data(tmp_path, monkeypatch)


def test_unknown_name_lists_valid_names():
    with pytest.raises(data.DataError) as err:
        data.load("vetos")
    assert "vetos" in str(err.value)
    assert "vetoes" in str(err.value) and "article_claims" in str(err.value)
    assert "did you mean 'vetoes'" in str(err.value)


def test_data_error_is_a_value_error():
    assert issubclass(data.DataError, ValueError)


def test_missing_file(data_copy):
    (data_copy / "economy.csv").unlink()
    with pytest.raises(data.DataError, match=r"economy\.csv: file not found"):
        data.load("economy")


def test_missing_descriptor(tmp_path, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    with pytest.raises(data.DataError, match="datapackage.json: file not found"):
        data.names()


def test_missing_column(data_copy):
    path = data_copy / "vetoes.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[0] = text[0].replace("draft_symbol", "symbol")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.load("vetoes")
    message = str(err.value)
    assert "vetoes.csv" in message and "draft_symbol" in message and "row 1" in message


def test_malformed_date(data_copy):
    edit_csv(data_copy / "timeline.csv", 5, "date", "31/12/1971")
    with pytest.raises(data.DataError) as err:
        data.load("timeline")
    message = str(err.value)
    assert "timeline.csv" in message and "row 5" in message and "'date'" in message and "31/12/1971" in message


def test_impossible_date(data_copy):
    edit_csv(data_copy / "vetoes.csv", 3, "date", "2012-02-30")
    with pytest.raises(data.DataError, match=r"vetoes\.csv, row 3, field 'date': impossible date"):
        data.load("vetoes")


@pytest.mark.parametrize("field", data.SOURCE_FIELDS)
def test_empty_source_field(data_copy, field):
    edit_csv(data_copy / "civilian_harm.csv", 4, field, "  ")
    with pytest.raises(data.DataError) as err:
        data.load("civilian_harm")
    assert str(err.value) == f"civilian_harm.csv, row 4, field '{field}': empty source field"


def test_value_outside_enum(data_copy):
    edit_csv(data_copy / "article_claims.csv", 10, "verdict", "true-ish")
    with pytest.raises(data.DataError, match=r"article_claims\.csv, row 10, field 'verdict': 'true-ish' is not one of"):
        data.load("article_claims")


def test_not_a_number(data_copy):
    edit_csv(data_copy / "vetoes.csv", 2, "votes_for", "nine")
    with pytest.raises(data.DataError, match=r"vetoes\.csv, row 2, field 'votes_for': 'nine' is not a whole number"):
        data.load("vetoes")


def test_duplicate_key(data_copy):
    edit_csv(data_copy / "vetoes.csv", 3, "veto_id", "V01")
    with pytest.raises(data.DataError, match=r"vetoes\.csv, row 3, field 'veto_id': duplicate key 'V01'"):
        data.load("vetoes")


def test_ragged_row(data_copy):
    path = data_copy / "military_sites.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("M99,too,short\n")
    with pytest.raises(data.DataError, match=r"military_sites\.csv, row \d+: 3 values for \d+ columns"):
        data.load("military_sites")


def test_not_utf8(data_copy):
    (data_copy / "timeline.csv").write_bytes("event_id,date\nT1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(data.DataError, match=r"timeline\.csv: not UTF-8"):
        data.load("timeline")


def test_unexpected_column_is_refused_not_dropped(data_copy):
    path = data_copy / "people_groups.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",nickname"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"people_groups\.csv: unexpected column\(s\) nickname \(row 1"):
        data.load("people_groups")
