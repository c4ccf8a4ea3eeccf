"""The pages' sentences, key figures and notes, tested as plain functions on the bundled data (the pages
only lay them out): displacement/figures/{hosting,corridors,idps,profile}.py and
displacement/projections/wording.py."""

from __future__ import annotations

import pandas as pd
import pytest

from displacement.figures import corridors, hosting, idps, profile
from displacement.figures import countries as cs
from displacement.figures.summary import country_summary
from displacement.projections import project
from displacement.projections import wording as words
from displacement.projections.series import global_series
from displacement.storage.datasets import names_by_code, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def names(data):
    return names_by_code(data.table("countries", "countries"), data.table("population", "countries"))


@pytest.fixture(scope="module")
def hosted_2024(data, names):
    return cs.cross_border(data.table("population", "by_asylum"), 2024, names)


def manifests(data, *source_ids):
    return {source_id: data.manifest(source_id) for source_id in source_ids}


# --- Countries page -----------------------------------------------------------------------------------

def test_countries_headline_names_the_first_country_of_the_ranking_and_the_source(data, names, hosted_2024):
    first = cs.ranking(data.table("population", "by_asylum"), 2024, names, top=1).iloc[0]
    sentence = hosting.headline_sentence(hosted_2024, "asylum", "total", 2024, "refugees-and-oip",
                                         manifests(data, "population"))
    assert sentence.startswith(f"At end-2024, {first['country']} hosted the most refugees and other people")
    assert "according to UNHCR's Refugee Population Statistics Database" in sentence


def test_countries_key_figures_are_the_ranking_in_full(data, names, hosted_2024):
    top = cs.ranking(data.table("population", "by_asylum"), 2024, names, top=5)
    table = hosting.key_figures(hosted_2024, "asylum", "total", 5, "refugees-and-oip")
    assert list(table.iloc[:, 0]) == list(top["country"])
    assert list(table.iloc[:, 1]) == [f"{int(v):,}" for v in top["total"]]


def test_per_1000_for_countries_of_origin_becomes_a_share_and_says_why():
    column, note = hosting.measure_column("origin", "per 1,000 inhabitants", 2024)
    assert column == "share_pct" and "For countries of origin" in note


def test_ratios_before_the_world_banks_first_year_fall_back_to_totals():
    column, note = hosting.measure_column("asylum", "share of population", 1955)
    assert column == "total" and "start in 1960" in note


# --- Flows page -----------------------------------------------------------------------------------------

def test_flows_headline_gives_the_countrys_total_and_its_largest_corridor(data, names):
    rows = corridors.corridor_rows(data.table("population", "corridors"), 2024, names, "origin", "SYR")
    parts = corridors.country_parts(data.table("population", "by_origin"), 2024, "SYR")
    sentence = corridors.headline_sentence(rows, parts, "origin", "Syria", "end-2024", "per UNHCR")
    total = sum(parts.values())
    assert f"{total / 1e6:.1f} million" in sentence
    assert f"the most in {rows.iloc[0]['asylum']}" in sentence and sentence.endswith("per UNHCR.")


def test_flows_shares_are_of_the_countrys_whole_total_not_of_its_itemised_corridors(data, names):
    rows = corridors.corridor_rows(data.table("population", "corridors"), 2024, names, "origin", "SYR")
    parts = corridors.country_parts(data.table("population", "by_origin"), 2024, "SYR")
    table = corridors.key_figures(rows, parts, "origin", 3)
    assert table.iloc[0, 2] == f"{rows.iloc[0]['total'] / sum(parts.values()):.1%}"


def test_a_country_without_itemised_corridors_gets_its_total_and_missing_is_not_zero():
    note = corridors.none_itemised_note("origin", "Tuvalu", 2024, {"refugees": 12.0})
    assert "12 people from Tuvalu" in note and "Missing is not zero" in note


# --- Internal displacement page -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gidd(data):
    return data.table("idmc-gidd", "by_country")


@pytest.fixture(scope="module")
def world(data, gidd):
    return idps.world_with_headline(gidd, data.table("idmc", "totals"))


def test_the_headline_series_runs_a_year_beyond_idmcs_own_database(world):
    last = world.iloc[-1]
    assert pd.isna(last["idps_conflict_stock"]) and pd.notna(last["conflict_via_unhcr"])
    assert idps.latest_year(world) == int(last["year"]) - 1


def test_a_year_without_the_measure_falls_back_to_the_latest_world_stock(data, gidd, world):
    sentence = idps.headline_sentence(gidd, world, "Sudan", "SDN", 2015, idps.MEASURES["disaster-stock"],
                                      data.manifest("idmc-gidd"))
    assert sentence.startswith("IDMC has no figures for people displaced by disasters (stock) in 2015")


def test_the_chosen_country_joins_the_key_figures_when_outside_the_top(gidd, world, names):
    measure = idps.MEASURES["conflict-stock"]
    top = idps.top_countries(gidd, 2024, measure.column, 3).assign(name=lambda t: t["iso3"].map(names))
    table = idps.key_figures(gidd, world, {**names, "UKR": "Ukraine"}, "UKR", 2024, measure, top)
    countries = int(world.loc[world["year"] == 2024, "countries_idps_conflict_stock"].iloc[0])
    assert list(table.iloc[:, 0])[-2:] == ["Ukraine", f"World (sum of {countries} countries)"]


# --- Country profile -------------------------------------------------------------------------------------

def test_profile_cards_give_the_summarys_exact_figures(data):
    summary = country_summary(data, 2025, "UKR")
    cards = profile.cards(summary, "Ukraine")
    assert [label for label, _, _ in cards][:2] == ["Fled from the country (refugees + OIP)",
                                                    "Hosted in the country (refugees + OIP)"]
    assert f"Exact: {summary['by_origin']['refugees_and_oip']:,}." in cards[0][2]


def test_the_side_with_more_people_is_drawn_first(data):
    assert profile.larger_side_first(country_summary(data, 2025, "UKR")) == ["fled", "hosted"]
    assert profile.larger_side_first(country_summary(data, 2025, "DEU")) == ["hosted", "fled"]


def test_a_lagged_population_year_is_named():
    burden = pd.DataFrame({"year": [2024, 2025], "population_year": [2024, 2024], "per_1000": [1.0, 1.1]})
    assert profile.lagged_population_note(burden) == ("The World Bank population ends in 2024: 2025 uses the "
                                                      "latest earlier population year.")


# --- Projections page ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world_projection(data):
    series = global_series(data, "forcibly_displaced")
    return series, project(series, 3, "auto", None, "forcibly_displaced", scope="global")


def test_the_projection_sentence_never_calls_a_projection_official(world_projection, data):
    series, p = world_projection
    sentence = words.headline_sentence(series, p, "Forcibly displaced", ("UNHCR", data.manifest("population")), "")
    official, projected = sentence.split("; ", 1)
    assert "(official figure, a stock)" in official
    assert "not an official figure" in projected and "80% range" in projected


def test_the_brief_table_labels_every_row_as_official_or_projection(world_projection):
    from displacement.projections import labelled_rows
    series, p = world_projection
    table = words.key_figures(words.headlined(labelled_rows(series, p, None, "Forcibly displaced"), p),
                              int(series.index[-1]))
    assert table["Kind"].iloc[0] == "official"
    assert set(table["Kind"].iloc[1:]) <= {"projection", "projection (held flat)"}


def test_a_countrys_series_is_named_from_or_in_it():
    names = {"SDN": "Sudan"}
    assert words.series_label("refugees", "SDN", "asylum", names) == "Refugees under UNHCR's mandate in Sudan"
    assert words.series_label("forcibly_displaced", "SDN", "origin", names).endswith("from Sudan")
