"""displacement.figures.compare and .regions against the bundled snapshot: a country's figure on the Compare
page equals its rank's (the CLI's `rank`), a region's equals the sum of its countries, countries without a
region are reported, a missing year is a gap (never 0), per 1,000 and the index are computed as stated."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SHARED_DATA

from displacement.config import DATA_DIR
from displacement.figures import compare as cp
from displacement.figures import countries as cs
from displacement.figures import regions as rg
from displacement.figures.summary import ranking
from displacement.sources.worldbank import read_regions, regions_from_metadata
from displacement.storage.datasets import names_by_code, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def names(data):
    return names_by_code(data.table("countries", "countries"), data.table("population", "countries"))


@pytest.fixture(scope="module")
def memberships(data):
    return {"unhcr": rg.unhcr_membership(data.table("countries", "countries")),
            "wb": read_regions(DATA_DIR / "reference" / "worldbank-regions.json")["regions"]}


@pytest.mark.parametrize("side", ["origin", "asylum"])
def test_a_country_equals_its_rank_on_unhcr_basis(data, names, side):
    values = cp.country_values(data.table("population", f"by_{side}"), side)
    ranked = {row["iso3"]: row["total"] for row in ranking(data, 2025, side, 300)["countries"]}
    mine = values[values["year"] == 2025].set_index("iso3")["value"]
    assert {code: int(mine[code]) for code in ranked} == ranked
    if side == "origin":
        assert ranked["SDN"] == 2_820_737  # Sudan by origin, end-2025 (refugees + OIP)


def test_all_years_match_the_countries_page_rule(data, names):
    table = data.table("population", "by_origin")
    values = cp.country_values(table, "origin")
    for year in (1990, 2017, 2018, 2025):
        page = cs.cross_border(table, year, names).set_index("iso3")["total"].astype("Float64")
        mine = values[values["year"] == year].set_index("iso3")["value"]
        pd.testing.assert_series_equal(mine.sort_index(), page.sort_index(), check_names=False)


@pytest.mark.parametrize("measure", list(cp.MEASURES))
@pytest.mark.parametrize("scheme", ["unhcr", "wb"])
def test_a_region_is_the_sum_of_its_countries(data, names, memberships, measure, scheme):
    values = cp.country_values(data.table(*cp.MEASURES[measure].table), measure)
    year = int(values["year"].max())
    totals = rg.regional_totals(values, memberships[scheme])
    for region in sorted(set(memberships[scheme].values()))[:3]:
        members = rg.members_of(memberships[scheme], region)
        expected = values[(values["year"] == year) & values["iso3"].isin(members)]["value"].sum(min_count=1)
        got = totals[(totals["year"] == year) & (totals["region"] == region)]["value"]
        assert (got.iloc[0] if len(got) else pd.NA) == expected or (got.empty and pd.isna(expected))
        pick = cp.make_pick(rg.region_code(scheme, region), names, memberships)
        shown = cp.compare_values(values, None, [pick], year, year, "people", "absolute")
        assert shown["people"].iloc[0] == expected or (pd.isna(shown["people"].iloc[0]) and pd.isna(expected))


def test_regions_plus_the_unassigned_give_the_world(data, memberships):
    values = cp.country_values(data.table("population", "by_origin"), "origin")
    year = values[values["year"] == 2025]
    for membership in memberships.values():
        regional = rg.regional_totals(year, membership)["value"].sum()
        unassigned = rg.without_region(year, membership)["value"].sum()
        assert regional + unassigned == year["value"].sum()


def test_countries_without_a_region_are_reported(data, memberships, names):
    values = cp.country_values(data.table("population", "by_origin"), "origin")
    note = rg.without_region_note(values, memberships["unhcr"], "unhcr", 2025, lambda c: names.get(c, c))
    assert "UNK" in note and "XXA" in note
    wb = rg.without_region(values[values["year"] == 2025], memberships["wb"])
    assert {"UNK", "ESH"} <= set(wb["iso3"])


def test_region_table_lists_both_schemes(data, memberships):
    values = cp.country_values(data.table("population", "by_asylum"), "asylum")
    table = rg.region_table(values, memberships, 2025)
    assert set(table["scheme"]) == set(rg.SCHEMES.values())
    europe = table[(table["scheme"] == "UNHCR region") & (table["region"] == "Europe")]["people"].iloc[0]
    members = rg.members_of(memberships["unhcr"], "Europe")
    assert europe == values[(values["year"] == 2025) & values["iso3"].isin(members)]["value"].sum()


def test_a_missing_year_is_a_gap_not_zero():
    values = pd.DataFrame({"year": [2000, 2002], "period": "end-year", "iso3": "AAA", "value": [10.0, 30.0]})
    pick = cp.Pick("AAA", "A", ("AAA",))
    shown = cp.compare_values(values, None, [pick], 2000, 2002, "people", "absolute")
    assert shown["year"].tolist() == [2000, 2001, 2002]
    assert pd.isna(shown["shown"].iloc[1]) and shown["countries"].iloc[1] == 0


def test_per_1000_uses_the_same_or_latest_earlier_population_and_index_starts_at_100():
    values = pd.DataFrame({"year": [2023, 2024, 2025], "period": "end-year", "iso3": "AAA",
                           "value": [100.0, 200.0, 300.0]})
    population = pd.DataFrame({"year": [2023, 2024], "iso3": ["AAA", "AAA"],
                               "population": pd.array([10_000, 20_000], dtype="Int64")})
    pick = cp.Pick("AAA", "A", ("AAA",))
    shown = cp.compare_values(values, population, [pick], 2023, 2025, "per-1000", "absolute")
    assert shown["per_1000"].tolist() == [10.0, 10.0, 15.0]  # 2025 divided by the 2024 population
    index = cp.compare_values(values, population, [pick], 2023, 2025, "people", "index")
    assert index["shown"].tolist() == [100.0, 200.0, 300.0]
    no_base = cp.compare_values(values, population, [pick], 2022, 2025, "people", "index")
    assert no_base["shown"].isna().all()  # no figure in the start year: no index, not a made-up one


def test_suggested_picks_are_the_top_of_the_region(data, memberships):
    values = cp.country_values(data.table("population", "by_origin"), "origin")
    region, top = cp.suggested(values, memberships["unhcr"], "SDN")
    assert region == memberships["unhcr"]["SDN"] and len(top) == 5 and "SDN" not in top
    assert all(memberships["unhcr"][code] == region for code in top)
    assert cp.suggested(values, memberships["unhcr"], "UNK") == (None, [])


def test_region_codes_never_look_like_country_codes(memberships):
    for code in rg.region_choices(memberships):
        assert not cp.is_country_code(code) and code == code.lower()


def test_worldbank_regions_are_derived_from_the_metadata_file():
    metadata = SHARED_DATA / "worldbank" / "Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2_246068.csv"
    if not metadata.is_file():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    committed = read_regions(DATA_DIR / "reference" / "worldbank-regions.json")
    assert committed["regions"] == regions_from_metadata(metadata.read_bytes())
    assert committed["regions"]["SDN"] == "Sub-Saharan Africa" and len(committed["regions"]) == 217


@pytest.mark.parametrize("iso3, year", [("LBN", 2024), ("LBN", 2025), ("DEU", 2025)])
def test_per_1000_equals_the_profiles_figure(data, names, iso3, year):
    from displacement.figures.summary import country_summary
    profile = country_summary(data, year, iso3)
    values = cp.country_values(data.table("population", "by_asylum"), "asylum")
    shown = cp.compare_values(values, data.table("worldbank-population", "population"),
                              [cp.make_pick(iso3, names, {})], year, year, "per-1000", "absolute")
    assert shown["per_1000"].iloc[0] == profile["hosted_per_1000"]  # Lebanon 2024: 130.67 per 1,000 residents
    assert shown["people"].iloc[0] == profile["by_asylum"]["refugees_and_oip"]


def test_sudan_conflict_idps_equal_the_internal_displacement_figure(data, names):
    values = cp.country_values(data.table("idmc-gidd", "by_country"), "idps-conflict")
    shown = cp.compare_values(values, None, [cp.make_pick("SDN", names, {})], 2024, 2025, "people", "absolute")
    assert shown["people"].iloc[0] == 11_560_000 and pd.isna(shown["people"].iloc[1])  # GIDD ends at end-2024
