"""displacement.figures.country against the bundled snapshot, checked with figures summed directly from
the real bulk files (UNHCR's R package export and IDMC's GIDD export) under ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from displacement.figures import country as stats
from displacement.figures import idps
from displacement.figures.summary import country_summary
from displacement.storage.datasets import open_datasets

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
R_PACKAGE = SHARED / "unhcr_refugees_r_package"
GIDD_FILE = SHARED / "idmc" / "idmc_gidd_displacement_data_2008_2024.csv"


@pytest.fixture(scope="module")
def data():
    return open_datasets()


def _raw(name: str) -> pd.DataFrame:
    if not R_PACKAGE.is_dir():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    return _read(name)


_CACHE: dict[str, pd.DataFrame] = {}


def _read(name: str) -> pd.DataFrame:
    if name not in _CACHE:  # an empty cell is UNHCR's '-': keep it missing
        _CACHE[name] = pd.read_csv(R_PACKAGE / name, dtype=str, keep_default_na=False)
    return _CACHE[name]


def _sum(frame: pd.DataFrame, column: str) -> int | None:
    values = pd.to_numeric(frame[column].replace("", None))
    total = values.sum(min_count=1)
    return None if pd.isna(total) else int(total)


def _value(frame: pd.DataFrame, year: int, column: str):
    rows = frame[frame["year"] == year]
    assert len(rows) == 1, f"expected one row for {year}"
    value = rows[column].iloc[0]
    return None if pd.isna(value) else value


# --- people from / hosted in ---------------------------------------------------------------------

@pytest.mark.parametrize("iso3, side, raw_column", [("UKR", "by_origin", "coo_iso"), ("DEU", "by_asylum", "coa_iso"),
                                                     ("VEN", "by_origin", "coo_iso"), ("TUR", "by_asylum", "coa_iso")])
def test_protection_trend_matches_the_raw_rows(data, iso3, side, raw_column):
    raw = _raw("population.csv")
    rows = raw[(raw[raw_column] == iso3) & (raw["year"] == "2025")]
    trend = stats.protection_trend(data.table("population", side), iso3)
    for column in stats.PROTECTION_TYPES:
        assert _value(trend, 2025, column) == _sum(rows, column)
    expected_total = sum(v for v in (_sum(rows, c) for c in stats.PROTECTION_TYPES) if v is not None)
    assert _value(trend, 2025, "total") == expected_total


def test_known_figures_for_ukraine_and_germany(data):
    fled = stats.protection_trend(data.table("population", "by_origin"), "UKR")
    assert _value(fled, 2025, "refugees") == 5_224_131
    assert _value(fled, 2025, "asylum_seekers") == 26_583
    assert _value(fled, 2025, "oip") is None  # not reported: missing, not zero
    assert _value(fled, 2025, "total") == 5_250_714
    hosted = stats.protection_trend(data.table("population", "by_asylum"), "DEU")
    assert _value(hosted, 2025, "total") == 2_952_694


def test_from_and_hosted_are_separate_tables(data):
    fled = stats.protection_trend(data.table("population", "by_origin"), "UKR")
    hosted = stats.protection_trend(data.table("population", "by_asylum"), "UKR")
    assert _value(fled, 2025, "total") == 5_250_714
    assert _value(hosted, 2025, "total") == 2_813


def test_a_country_without_rows_is_empty_not_zero(data):
    assert stats.protection_trend(data.table("population", "by_asylum"), "QQQ").empty
    assert not stats.has_data(idps.gidd_country(data.table("idmc-gidd", "by_country"), "LIE"), idps.GIDD_STOCKS)


def test_hosted_per_1000_uses_the_latest_earlier_population_year(data):
    burden = stats.hosted_per_1000(data.table("population", "by_asylum"),
                                   data.table("worldbank-population", "population"), "DEU")
    row = burden[burden["year"] == 2025].iloc[0]
    assert row["population_year"] == 2024 and row["population"] == 83_510_950
    assert row["per_1000"] == pytest.approx(2_655_191 / 83_510_950 * 1000)  # refugees + OIP, UNHCR's basis
    with_asylum_seekers = stats.hosted_per_1000(data.table("population", "by_asylum"),
                                                data.table("worldbank-population", "population"), "DEU",
                                                "with-asylum-seekers")
    assert with_asylum_seekers.iloc[-1]["per_1000"] == pytest.approx(2_952_694 / 83_510_950 * 1000)
    same_year = burden[burden["year"] == 2023].iloc[0]
    assert same_year["population_year"] == 2023
    summary = country_summary(data, 2025, "DEU")  # the cards read this: both must agree
    assert round(row["per_1000"], 2) == summary["hosted_per_1000"]
    assert summary["population_year"] == 2024


# --- IDMC GIDD --------------------------------------------------------------------------------------

def test_gidd_world_sums_match_idmc(data):
    world = idps.gidd_world(data.table("idmc-gidd", "by_country"))
    row = world[world["year"] == 2024].iloc[0]
    # World sums of IDMC's rounded country figures (shared/data/idmc/SOURCES.md)
    assert row["idps_conflict_stock"] == 73_509_201
    assert row["idps_disaster_stock"] == 9_846_546
    assert row["new_displacements_conflict"] == 20_058_951
    assert row["new_displacements_disaster"] == 45_762_937
    assert pd.isna(_value(world, 2018, "idps_disaster_stock"))  # disaster stock starts in 2019: missing, not 0
    assert pd.isna(_value(world, 2008, "idps_conflict_stock"))


def test_top_countries_match_the_gidd_export(data):
    if not GIDD_FILE.is_file():
        pytest.skip("the IDMC export is not beside this checkout")
    raw = pd.read_csv(GIDD_FILE)
    expected = (raw[raw["Year"] == 2024].dropna(subset=["Conflict Stock Displacement"])
                .sort_values("Conflict Stock Displacement", ascending=False).head(5))
    top = idps.top_countries(data.table("idmc-gidd", "by_country"), 2024, "idps_conflict_stock", 5)
    assert top["iso3"].tolist() == expected["ISO3"].tolist()
    assert top.iloc[0]["iso3"] == "SDN" and top.iloc[0]["idps_conflict_stock"] == 11_560_000
    assert idps.top_countries(data.table("idmc-gidd", "by_country"), 2015, "idps_disaster_stock").empty


def test_headline_idps_against_gidd(data):
    compare = idps.headline_idps_vs_gidd(data.table("idmc", "totals"), data.table("idmc-gidd", "by_country"))
    row = compare[compare["year"] == 2024].iloc[0]
    assert row["headline_idps_conflict"] == 73_573_201
    assert row["gidd_conflict_stock"] == 73_509_201
    assert row["difference"] == 64_000
    assert 2025 not in set(compare["year"])  # the GIDD release ends in 2024


def test_gidd_country_keeps_stocks_and_flows_apart(data):
    ukraine = idps.gidd_country(data.table("idmc-gidd", "by_country"), "UKR")
    # IDMC's export row: UKR,Ukraine,2024,3665000,...,306000,...,760,...,(no disaster stock)
    assert _value(ukraine, 2024, "idps_conflict_stock") == 3_665_000
    assert _value(ukraine, 2024, "new_displacements_conflict") == 306_000
    assert _value(ukraine, 2024, "new_displacements_disaster") == 760
    assert _value(ukraine, 2024, "idps_disaster_stock") is None
    assert set(idps.GIDD_COLUMNS) <= set(ukraine.columns)
    assert "total" not in ukraine.columns


# --- solutions -----------------------------------------------------------------------------------

def test_returns_match_the_raw_solutions(data):
    raw = _raw("solutions.csv")
    rows = raw[(raw["coo_iso"] == "AFG") & (raw["year"] == "2025")]
    returns = stats.returns_trend(data.table("solutions", "by_origin"), "AFG")
    assert _value(returns, 2025, "returned_refugees") == _sum(rows, "returned_refugees") == 1_947_183
    assert _value(returns, 2025, "returned_idps") == _sum(rows, "returned_idps")


def test_resettlement_and_naturalisation_in_a_country(data):
    raw = _raw("solutions.csv")
    rows = raw[(raw["coa_iso"] == "DEU") & (raw["year"] == "2024")]
    hosted = stats.solutions_in_country(data.table("solutions", "by_asylum"), "DEU")
    assert _value(hosted, 2024, "resettlement") == _sum(rows, "resettlement") == 5_553
    assert _value(hosted, 2024, "naturalisation") is None  # not reported, not zero


# --- asylum ---------------------------------------------------------------------------------------

def test_new_applications_keep_persons_and_cases_apart(data):
    raw = _raw("asylum_applications.csv")
    rows = raw[(raw["coo_iso"] == "VEN") & (raw["year"] == "2025") & (raw["app_type"] == "N")]
    new = stats.applications(data.table("asylum-applications", "by_origin"), "VEN", "N")
    assert _value(new, 2025, "persons") == _sum(rows[rows["app_pc"] == "P"], "applied") == 296_975
    assert _value(new, 2025, "cases") == _sum(rows[rows["app_pc"] == "C"], "applied") == 7_972
    germany = stats.applications(data.table("asylum-applications", "by_asylum"), "DEU", "N")
    assert _value(germany, 2025, "persons") == 113_216
    assert _value(germany, 2025, "cases") is None


def test_decisions_and_recognition_rate(data):
    raw = _raw("asylum_decisions.csv")
    rows = raw[(raw["coa_iso"] == "DEU") & (raw["year"] == "2025") & (raw["dec_pc"] == "P")]
    table = stats.decisions(data.table("asylum-decisions", "by_asylum"), "DEU")
    row = table[(table["year"] == 2025) & (table["unit"] == "persons")].iloc[0]
    for column, raw_column in [("recognized", "dec_recognized"), ("complementary", "dec_other"),
                               ("rejected", "dec_rejected"), ("closed", "dec_closed"), ("total", "dec_total")]:
        assert row[column] == _sum(rows, raw_column)
    assert (row["recognized"], row["complementary"], row["rejected"]) == (73_415, 20_745, 185_041)
    assert row["recognition_rate"] == pytest.approx((73_415 + 20_745) / (73_415 + 20_745 + 185_041))


def test_recognition_rate_definition():
    assert stats.recognition_rate(30, 10, 40) == pytest.approx(0.5)  # closed cases are not in the formula
    assert stats.recognition_rate(0, 0, 0) is None  # no substantive decision: no rate, not 0%
    assert stats.recognition_rate(5, None, 5) is None
    assert stats.recognition_rate(5, pd.NA, 5) is None
    assert "otherwise" in stats.RECOGNITION_RATE_DEFINITION or "closed" in stats.RECOGNITION_RATE_DEFINITION


# --- notes and defaults ----------------------------------------------------------------------------

def test_footnotes_by_origin_and_asylum(data):
    notes = stats.country_footnotes(data.table("footnotes", "footnotes"), "USA")
    assert set(notes["role"]) == {"origin", "asylum"}
    assert len(notes) == 5
    assert stats.country_footnotes(data.table("footnotes", "footnotes"), "LIE").empty


def test_defaults_are_real_countries(data):
    names = dict(zip(*[data.table("population", "countries")[c] for c in ("iso3", "name")]))
    assert stats.default_country(data.table("population", "by_origin"), names) == "VEN"
    assert idps.gidd_default_country(data.table("idmc-gidd", "by_country")) == "SDN"
    named = stats.names_with_extras(names, ["XKX", "UKR", "ZZZ"])
    assert named == {"XKX": "Kosovo", "UKR": "Ukraine", "ZZZ": "ZZZ"}


def test_palestine_refugees_under_unrwa(data):
    raw = _raw("unrwa.csv")
    rows = raw[(raw["coa_iso"] == "JOR") & (raw["year"] == "2025")]
    jordan = stats.palestine_refugees_in(data.table("unrwa", "by_asylum"), "JOR")
    assert _value(jordan, 2025, "palestine_refugees") == _sum(rows, "total") == 2_398_179
    assert stats.palestine_refugees_in(data.table("unrwa", "by_asylum"), "DEU").empty
