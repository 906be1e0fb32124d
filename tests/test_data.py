"""Tests for the course datasets and their loader (``russia_syria.data``).

Bad-input cases work on temporary copies of ``data/`` selected with the ``RUSSIA_SYRIA_DATA`` variable, so the
real files are never touched.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from russia_syria import data

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
EXPECTED = [
    "vetoes", "timeline", "military_sites", "arms_transfers", "economy",
    "foreign_fighters", "education_culture", "people_groups", "civilian_harm", "article_claims",
    "places", "unsc_record",
]


@pytest.fixture(autouse=True)
def _real_data(monkeypatch):
    """Every test starts from the repository data unless it points the env var elsewhere."""
    monkeypatch.delenv(data.ENV_VAR, raising=False)


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of data/ that the loader uses for this test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv(data.ENV_VAR, str(target))
    return target


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set ``column`` of CSV row number ``row`` (header = row 1) to ``value``."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


# ---------------------------------------------------------------------------------------------- the real data


def test_names_lists_all_ten_datasets():
    assert data.names() == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_every_dataset_loads_typed(name):
    frame = data.load(name)
    schema = data.describe(name)["schema"]
    assert len(frame) > 0
    for field in schema["fields"]:
        col = frame[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(col.dtype, pd.CategoricalDtype), field["name"]
            assert list(col.cat.categories) == enum
        elif field.get("constraints", {}).get("pattern", "").startswith(("^[0-9]{4}(", r"^\d{4}(")):
            assert pd.api.types.is_datetime64_any_dtype(col), field["name"]
            assert f"{field['name']}_text" in frame.columns
        elif field["type"] == "integer":
            assert str(col.dtype) == "Int64", field["name"]
        elif field["type"] == "number":
            assert str(col.dtype) == "Float64", field["name"]
        elif field["type"] == "boolean":
            assert str(col.dtype) == "boolean", field["name"]
        else:
            assert str(col.dtype).startswith("string"), field["name"]
    key = schema["primaryKey"][0]
    assert frame[key].is_unique


@pytest.mark.parametrize("name", EXPECTED)
def test_every_row_has_a_source(name):
    """Read the CSV directly (not through the loader) so this test fails on its own if any source is empty."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    empty = [(i, f) for i, r in enumerate(rows, start=2) for f in data.SOURCE_FIELDS if not (r.get(f) or "").strip()]
    assert not empty, f"{name}.csv rows without a source: {empty[:10]}"
    bad_urls = [i for i, r in enumerate(rows, start=2) if not r["source_url"].startswith(("http://", "https://"))]
    assert not bad_urls, f"{name}.csv rows whose source_url is not a web address: {bad_urls}"


def test_mixed_precision_dates_start_of_period():
    timeline = data.load("timeline")
    month_rows = timeline[timeline["date_precision"] == "month"]
    assert len(month_rows) > 0
    assert (month_rows["date"].dt.day == 1).all()
    assert (month_rows["date"].dt.strftime("%Y-%m") == month_rows["date_text"]).all()
    year_rows = timeline[timeline["date_precision"] == "year"]
    assert (year_rows["date"].dt.strftime("%m-%d") == "01-01").all()


def test_timeline_covers_1944_to_2026_with_80_events():
    timeline = data.load("timeline")
    assert len(timeline) >= 80
    assert timeline["date"].min().year == 1944
    assert timeline["date"].max().year == 2026


def test_disagreeing_arms_shares_kept_side_by_side():
    arms = data.load("arms_transfers")
    shares = arms[(arms["record_type"] == "share") & (arms["period"] == "2007-2011")]
    assert set(shares["share_pct"].dropna()) >= {78.0, 72.0}
    assert shares["source_url"].nunique() == len(shares)


def test_article_investment_claim_beside_documented_figures():
    economy = data.load("economy")
    investment = economy[economy["category"] == "investment"]
    assert (investment["record_kind"] == "article_claim").sum() >= 1
    assert (investment["record_kind"] != "article_claim").sum() >= 2


def test_civilian_harm_names_each_monitor():
    harm = data.load("civilian_harm")
    text = " ".join(harm["monitor"])
    for monitor in ("SNHR", "SOHR", "Airwars", "Human Rights Watch", "Commission of Inquiry"):
        assert monitor in text
    # A missing figure must be explained, never silently blank.
    blank = harm[harm["estimate_low"].isna() & harm["estimate_high"].isna()]
    assert blank["notes"].str.contains("not found|no death toll", case=False).all()


def test_frictionless_validation_passes():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:10]


def test_package_metadata_has_licence_and_descriptions():
    pkg = data.package()
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    for res in pkg["resources"]:
        assert len(res["description"]) > 80, res["name"]
        assert all(f.get("description") for f in res["schema"]["fields"]), res["name"]


def test_appendix_markdown_covers_every_dataset_and_escapes_html(data_copy):
    edit_csv(data_copy / "people_groups.csv", 2, "source_publisher", "<script>alert(1)</script>")
    desc = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][0]["description"] += " <b>bold</b>"
    (data_copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    text = data.appendix_markdown()
    for name in EXPECTED:
        assert f"`{name}`" in text
    assert "<script>" not in text and "<b>" not in text
    assert "CC-BY-4.0" in text.replace("\\", "")


# ------------------------------------------------------------------------------------------------ bad input


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


def test_loader_works_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(data.load("vetoes")) > 0


def test_built_appendix_page_matches_the_data(site_dir):
    """The built appendix shows each dataset's live row count and field table, with no source code shown and
    no publisher's domain turned into a live link (GFM autolinks made ``Forsal.pl`` an ``http://`` link)."""
    page = (site_dir / "book" / "appendices" / "data.html").read_text(encoding="utf-8")
    article = page[page.index('<article class="bd-article">'):page.index("</article>")]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())
    for name in EXPECTED:
        res = data.describe(name)
        assert f"Dataset name: {name} · file {res['path']} · {len(data.load(name))} rows" in text, name
        assert html.escape(res["title"], quote=False) in article, name
    assert article.count("<table") == len(EXPECTED)
    assert "appendix_markdown" not in text and "from russia_syria" not in text  # the generating cell is hidden
    external = re.findall(r'<a [^>]*href="(https?://[^"]*)"', article)
    assert external == ["https://specs.frictionlessdata.io/data-package/"], external  # the intro's one link
    assert "Forsal.pl" in text or "GlobalSecurity.org" in text  # domain-like publishers shown as text


def test_installed_layout_uses_packaged_data(tmp_path):
    """In a wheel the CSVs sit in russia_syria/_data; the loader must find them there, from any directory."""
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(ROOT / "src" / "russia_syria", site / "russia_syria")
    shutil.copytree(DATA, site / "russia_syria" / "_data")
    code = "from russia_syria import data; print(data.data_dir()); print(len(data.load('vetoes')))"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    folder, rows = out.stdout.split()
    assert Path(folder) == site / "russia_syria" / "_data"
    assert int(rows) == len(data.load("vetoes"))


def test_end_dates_take_the_end_of_their_period():
    harm = data.load("civilian_harm")
    row = harm[harm["period_end_text"] == "2015-12"].iloc[0]
    assert row["period_end"] == pd.Timestamp("2015-12-31")
    assert (harm["period_start"] <= harm["period_end"]).all()
    economy = data.load("economy")
    part_year = economy[economy["date_end_text"] == "2017-07"].iloc[0]
    assert part_year["date"] == pd.Timestamp("2017-01-01") and part_year["date_end"] == pd.Timestamp("2017-07-31")


def test_article_figures_are_kept_apart_from_documented_ones():
    """The article's 5,500 fighters and USD 20 bn are rows of their own, marked as the article's claims."""
    fighters = data.load("foreign_fighters")
    claimed = fighters[fighters["estimator_type"] == "article_claim"]
    assert list(claimed["estimate_low"]) == [5500]
    others = fighters[fighters["estimator_type"] != "article_claim"]
    assert not ((others["estimate_low"] == 5500) | (others["estimate_high"] == 5500)).any()
    claims = data.load("article_claims").set_index("claim_id")
    assert claims.loc["C45", "verdict"] == "not found"
    economy = data.load("economy")
    assert economy.loc[economy["record_kind"] == "article_claim", "value"].tolist() == [20.0]


def test_every_claim_has_a_verdict_matching_its_type():
    claims = data.load("article_claims")
    opinions = claims[claims["claim_type"].isin(["opinion", "prediction"]) & ~claims["checkable"]]
    assert (opinions["verdict"] == "not applicable").all()
    facts = claims[claims["claim_type"] == "fact"]
    assert (facts["verdict"] != "not applicable").all()
    assert claims["paragraph"].between(1, 20).all()


def test_unexpected_column_is_refused_not_dropped(data_copy):
    path = data_copy / "people_groups.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",nickname"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"people_groups\.csv: unexpected column\(s\) nickname \(row 1"):
        data.load("people_groups")
