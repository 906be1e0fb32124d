"""Tests for the course datasets and their loader (``russia_syria.data``) on the real data; bad input is in
test_data_errors.py and test_data_hardening.py."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from datafiles import DATA, _real_data, copy_data, edit_csv  # noqa: F401 (_real_data: autouse)
from russia_syria import data

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = [
    "vetoes", "timeline", "military_sites", "arms_transfers", "economy",
    "foreign_fighters", "education_culture", "people_groups", "civilian_harm", "article_claims",
    "places", "unsc_record",
]


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    return copy_data(tmp_path, monkeypatch)


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
