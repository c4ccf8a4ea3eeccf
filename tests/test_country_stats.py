"""displacement.figures.countries against real figures: the bundled snapshot checked against UNHCR's own
export (../shared/data, the R package's population.csv) and the World Bank's file."""

from __future__ import annotations

import pandas as pd
import pytest

from components import annotations
from displacement.figures import corridors, trends
from displacement.figures import countries as cs
from displacement.storage.datasets import headline_totals, open_datasets

PARTS = ["refugees", "asylum_seekers", "oip"]


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def names(data):
    table = data.table("population", "countries")
    return dict(zip(table["iso3"], table["name"]))


@pytest.fixture(scope="module")
def raw():
    """UNHCR's full population table as exported by its R package (an empty cell is UNHCR's '-')."""
    from conftest import R_PACKAGE
    path = R_PACKAGE / "population.csv"
    if not path.exists():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    return pd.read_csv(path, keep_default_na=False, na_values=[""],
                       usecols=["year", "coo_iso", "coa_iso", *PARTS])


def raw_sum(raw, year, side, iso3):
    rows = raw[(raw["year"] == year) & (raw[side] == iso3)]
    return rows[PARTS].sum(min_count=1)


def test_hosted_in_turkiye_2024_matches_unhcr_export(data, names, raw):
    rows = cs.cross_border(data.table("population", "by_asylum"), 2024, names, "with-asylum-seekers")
    tur = rows.set_index("iso3").loc["TUR"]
    expected = raw_sum(raw, 2024, "coa_iso", "TUR")
    assert int(tur["refugees"]) == expected["refugees"] == 2_940_735
    assert int(tur["asylum_seekers"]) == expected["asylum_seekers"] == 154_083
    assert pd.isna(tur["oip"]) and pd.isna(expected["oip"])  # not reported: missing, not zero
    assert int(tur["total"]) == 3_094_818
    assert tur["country"] == "Türkiye" and tur["is_country"]


def test_by_origin_syria_2024_and_ranking(data, names, raw):
    rows = cs.cross_border(data.table("population", "by_origin"), 2024, names, "with-asylum-seekers")
    syr = rows.set_index("iso3").loc["SYR"]
    expected = raw_sum(raw, 2024, "coo_iso", "SYR")
    assert int(syr["total"]) == int(expected[["refugees", "asylum_seekers"]].sum()) == 6_119_508
    top = cs.top_countries(rows, 3)
    assert top["iso3"].tolist()[0] == "VEN"
    assert top["total"].is_monotonic_decreasing


def test_by_default_countries_are_counted_as_unhcr_ranks_them_refugees_and_oip(data, names, raw):
    rows = cs.cross_border(data.table("population", "by_asylum"), 2024, names).set_index("iso3")
    expected = raw_sum(raw, 2024, "coa_iso", "COL")
    assert rows.loc["COL", "total"] == expected[["refugees", "oip"]].sum()
    assert rows.loc["TUR", "total"] == 2_940_735  # refugees only: Türkiye reports no OIP
    assert rows.loc["TUR", "asylum_seekers"] == 154_083  # kept beside the total, not in it


# UNHCR, Global Trends 2024 (June 2025), as quoted by press coverage of the report: "The largest refugee
# populations are currently in Iran (3.5 million), Turkey (2.9 million), Colombia (2.8 million), Germany
# (2.7 million) and Uganda (1.8 million)" (courses.epratibha.net/posts/unhcrs-annual-global-trends-report);
# "the countries of origin from which the most people fled in 2024 were Venezuela (6.2 million), Syria (6),
# Afghanistan (5.8), Ukraine (5.1) and South Sudan (2.3)" (TU Dortmund, World Refugee Day 2025, citing GT2024).
PUBLISHED_TOP_FIVE_2024 = {
    "asylum": [("IRN", 3.5), ("TUR", 2.9), ("COL", 2.8), ("DEU", 2.7), ("UGA", 1.8)],
    "origin": [("VEN", 6.2), ("SYR", 6.0), ("AFG", 5.8), ("UKR", 5.1), ("SSD", 2.3)],
}


@pytest.mark.parametrize("side", ["asylum", "origin"])
def test_end_2024_ranking_is_unhcrs_published_top_five(data, names, side):
    top = cs.ranking(data.table("population", f"by_{side}"), 2024, names, top=5)
    assert [(r["iso3"], r["total"] / 1e6) for _, r in top.iterrows()] == [
        (iso3, pytest.approx(millions, abs=0.05 + 1e-9)) for iso3, millions in PUBLISHED_TOP_FIVE_2024[side]]


def test_adding_asylum_seekers_changes_the_ranking_as_the_issue_saw(data, names):
    hosts = cs.ranking(data.table("population", "by_asylum"), 2024, names, "with-asylum-seekers", top=1)
    assert hosts["iso3"].tolist() == ["USA"]  # not in UNHCR's list: most are asylum-seekers
    assert "USA" not in set(cs.ranking(data.table("population", "by_asylum"), 2024, names, top=5)["iso3"])


def test_non_country_codes_labelled_and_kept_off_the_map(data, names):
    rows = cs.cross_border(data.table("population", "by_origin"), 2025, names)
    labelled = rows.set_index("iso3")
    assert labelled.loc["XXA", "country"] == "Stateless (XXA: no nationality, not a country)"
    assert labelled.loc["UNK", "country"].startswith("Unknown (UNK:")
    assert not labelled.loc["UNK", "is_country"]
    mapped = cs.map_rows(rows, "total")
    assert not set(mapped["iso3"]) & set(cs.NON_COUNTRY)
    assert {"UNK", "XXA", "TIB"} <= set(rows["iso3"])  # still in the table
    assert cs.country_label("XXA", names, compact=True) == "Stateless (XXA, not a country)"


def test_per_capita_uses_same_year_or_latest_earlier(data, names):
    population = data.table("worldbank-population", "population")
    hosted = data.table("population", "by_asylum")
    rows_2024 = cs.with_population(cs.cross_border(hosted, 2024, names, "with-asylum-seekers"), population, 2024)
    lbn = rows_2024.set_index("iso3").loc["LBN"]
    assert int(lbn["population"]) == 5_805_962 and int(lbn["population_year"]) == 2024  # World Bank file, 2024
    assert lbn["per_1000"] == pytest.approx((758_642 + 6_748) / 5_805_962 * 1000, abs=0.01)
    assert lbn["share_pct"] == pytest.approx(lbn["per_1000"] / 10, abs=0.001)
    assert cs.population_years_used(rows_2024, 2024) == []
    # No World Bank figure for 2025 yet: 2024 is used, and the page is told so.
    rows_2025 = cs.with_population(cs.cross_border(hosted, 2025, names), population, 2025)
    assert cs.population_years_used(rows_2025, 2025) == [2024]
    # Non-country codes never get a ratio.
    unk = rows_2025.set_index("iso3").loc["UNK"]
    assert pd.isna(unk["population"]) and pd.isna(unk["per_1000"])


def test_a_year_of_zeros_is_not_collected_not_nobody(data, names):
    rows = cs.cross_border(data.table("population", "by_asylum"), 1990, names)
    assert rows["asylum_seekers"].isna().all()  # UNHCR's database holds 0 everywhere before 1993
    assert rows["refugees"].notna().all()
    assert cs.cross_border(data.table("population", "by_asylum"), 1800, names).empty


def test_filter_is_literal_and_case_insensitive(data, names):
    rows = cs.cross_border(data.table("population", "by_asylum"), 2024, names)
    assert cs.filter_rows(rows, "TÜRKIYE")["iso3"].tolist() == ["TUR"]
    assert cs.filter_rows(rows, "tur")["iso3"].tolist() == ["TUR", "TKM", "TCA"]  # name or code, by size
    assert set(cs.filter_rows(rows, "(islamic")["iso3"]) == {"IRN"}  # no regular expression
    assert cs.filter_rows(rows, "").shape == rows.shape
    assert cs.filter_rows(rows, ".*").empty


def test_trend_values_share_change_and_uncollected(data):
    totals = headline_totals(data)
    people = trends.trend_values(totals, ["refugees", "forcibly_displaced"], 2023, 2024, "people")
    assert people["forcibly_displaced"].tolist() == [117_552_287, 124_673_873]
    share = trends.trend_values(totals, ["refugees", "forcibly_displaced"], 1985, 2024, "share").set_index("year")
    assert "forcibly_displaced" not in share  # always 100%: not a share
    assert share.loc[2024, "refugees"] == pytest.approx(30_958_200 / 124_673_873 * 100)
    assert pd.isna(share.loc[1989, "refugees"])  # no IDP estimate before 1990: incomplete total
    change = trends.trend_values(totals, ["forcibly_displaced", "idps_conflict"], 1989, 2024,
                                 "change").set_index("year")
    assert change.loc[2024, "forcibly_displaced"] == 124_673_873 - 117_552_287
    assert pd.isna(change.loc[1990, "forcibly_displaced"])  # IDPs join in 1990: not growth
    assert pd.isna(change.loc[2018, "forcibly_displaced"])  # OIP join in 2018: not growth
    assert pd.isna(change.loc[1990, "idps_conflict"])
    assert trends.uncollected_years(totals, ["asylum_seekers", "stateless", "refugees"]) == {
        "asylum_seekers": (1951, 1992),
        "stateless": (1951, 2003),
    }
    blank = trends.trend_values(totals, ["asylum_seekers"], 1990, 1993, "people")["asylum_seekers"]
    assert blank.isna().tolist() == [True, True, True, False]
    assert people["date"].iloc[-1] == pd.Timestamp("2024-12-31")


def test_published_points_stay_separate_and_in_people(data):
    headlines = data.table("published-headlines", "headlines")
    points = trends.published_points(headlines, ["forcibly_displaced_unhcr_basis", "stateless"], 2023, 2025)
    fd = points[points["series"] == "forcibly_displaced_unhcr_basis"].set_index("period_label")
    assert fd.loc["end-2024", "value"] == pytest.approx(123_200_000)
    assert fd.loc["mid-2025", "date"] == pd.Timestamp("2025-06-30")
    assert set(fd.index) == {"mid-2023", "end-2023", "mid-2024", "end-2024", "mid-2025"}
    stateless = points[points["series"] == "stateless"]
    assert stateless["period_label"].tolist() == ["mid-2025"]  # only where a figure was published


def test_corridors_and_sankey_add_up_to_the_country_total(data, names, raw):
    stored = data.table("population", "corridors")
    assert stored["year"].min() >= 2000
    assert (stored[PARTS].sum(axis=1, min_count=1) >= 1_000).all()
    rows = corridors.corridor_rows(stored, 2024, names, "origin", "SYR")
    tur = rows.set_index("asylum_iso3").loc["TUR"]
    expected = raw[(raw["year"] == 2024) & (raw["coo_iso"] == "SYR") & (raw["coa_iso"] == "TUR")].iloc[0]
    assert int(tur["refugees"]) == expected["refugees"] == 2_901_478
    parts = corridors.country_parts(data.table("population", "by_origin"), 2024, "SYR")
    links = corridors.sankey_links(rows, "origin", 5, parts)
    assert links["value"].sum() == pytest.approx(6_119_508)  # itemised + other + smaller = the total
    targets = links["target"].unique().tolist()
    assert len(targets) == 7 and corridors.OTHER in targets and corridors.SMALL in targets
    assert (links["source"] == "Syrian Arab Rep.").all()
    hosted = corridors.corridor_rows(stored, 2024, names, "asylum", "DEU")
    to_germany = corridors.sankey_links(hosted, "asylum", 3, None)
    assert (to_germany["target"] == "Germany").all() and corridors.SMALL not in set(to_germany["source"])
    assert corridors.sankey_links(
        corridors.corridor_rows(stored, 2001, names, "origin", "VEN"), "origin", 5, None
    ).empty


def test_curated_crises():
    crises = annotations.CRISES
    assert [c.key for c in crises] == ["syria", "south-sudan", "venezuela", "afghanistan", "ukraine", "sudan"]
    assert [c.date.year for c in crises] == [2011, 2013, 2018, 2021, 2022, 2023]
    assert all(c.description and "\n" not in c.description for c in crises)
    assert [c.key for c in annotations.within(2020, 2022)] == ["afghanistan", "ukraine"]
    assert annotations.CRISES[4].date_text == "24 February 2022"
