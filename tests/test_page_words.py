"""The pages' sentences, key figures and notes, tested as plain functions on the bundled data (the pages
only lay them out): displacement/figures/{hosting,corridors,idps,profile}.py and
displacement/projections/wording.py."""

from __future__ import annotations

import pandas as pd
import pytest

from displacement import text
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


def test_the_intro_ends_with_what_the_bundled_corridors_hold():
    assert corridors.intro().endswith(corridors.bundled_note())
    assert "pairs of 1,000 people or more, from 2000" in corridors.bundled_note()


def test_the_brief_notes_say_the_two_sides_are_never_added():
    assert corridors.notes()[1].startswith("Counted by country of origin and by country of asylum")


def test_grouped_partners_are_named_in_words_and_countries_as_they_are():
    assert corridors.partner_name(corridors.OTHER) == "Other countries"
    assert corridors.partner_name("Syrian Arab Rep.") == "Syrian Arab Rep."


def test_the_default_origin_is_the_largest_in_the_year(data):
    assert corridors.largest(data.table("population", "corridors"), "origin", 2025) == "VEN"


def test_a_year_without_corridors_reads_as_its_end(data, names):
    none = corridors.corridor_rows(data.table("population", "corridors"), 1990, names)
    assert corridors.period_of(none, 1990) == "end-1990"


def test_each_side_offers_every_country_with_a_corridor(data, names):
    table = data.table("population", "corridors")
    codes = corridors.codes_by_side(table, names)
    assert set(codes["origin"]) == set(table["origin_iso3"].astype(str)) and "DEU" in codes["asylum"]


def test_the_sankey_gets_compact_labels_for_codes_that_are_not_countries():
    rows = pd.DataFrame({"origin_iso3": ["XXA"], "asylum_iso3": ["DEU"]})
    assert corridors.with_compact_labels(rows, {"DEU": "Germany"})["origin"].iloc[0] == "Stateless (XXA, not a country)"


def test_the_sankey_in_words_names_its_three_largest_corridors(data, names):
    rows = corridors.corridor_rows(data.table("population", "corridors"), 2024, names, "origin", "SYR")
    alt = corridors.sankey_alt(rows, "origin", "Syria", "end-2024", 6e6, 3)
    assert alt.startswith("Sankey diagram, end-2024, people from Syria: 6.0 million refugees, asylum-seekers and OIP.")
    assert f"Largest corridors: {rows.iloc[0]['asylum']}" in alt and alt.endswith("the top 3 are drawn one by one.")


def test_one_corridor_is_counted_in_the_singular(data, names):
    rows = corridors.corridor_rows(data.table("population", "corridors"), 2024, names, "origin", "SYR").head(1)
    assert corridors.sankey_alt(rows, "origin", "Syria", "end-2024", 6e6, 3).endswith(
        "1 corridor of 1,000+ people; the top 1 is drawn one by one.")
    assert corridors.table_title("asylum", 1, "Germany", 2024) == "All 1 itemised corridor to Germany, 2024"


def test_the_sankey_note_accounts_for_the_smaller_corridors():
    links = pd.DataFrame({"source": ["Tuvalu"], "target": [corridors.SMALL], "value": [500.0]})
    note = corridors.sankey_notes(links, "origin", "Tuvalu", 1500)
    assert "“Smaller corridors (under 1,000 people each, not itemised)”: 500 people" in note
    assert note.startswith(corridors.bundled_note())


def test_the_unit_line_gives_the_whole_figure_from_the_countrys_side():
    assert corridors.sankey_unit("asylum", "Germany", 2_500_000).startswith("People hosted in Germany, by country of")
    assert corridors.sankey_unit("origin", "Syria", 1234).endswith("; 1,234 in all")


def test_the_two_code_columns_have_different_headers():
    headers = list(corridors.table_headers().values())
    assert len(set(headers)) == len(headers) and headers[:2] == ["Country of origin", "ISO3"]


def test_a_download_of_a_countrys_corridors_names_its_code_and_the_threshold():
    assert corridors.download_title("origin", "SYR", 2024) == "Corridors from SYR, 2024 (pairs of 1,000+ people)"


def test_the_world_caption_names_the_largest_corridor_and_how_to_read_a_gap(data, names):
    rows = corridors.corridor_rows(data.table("population", "corridors"), 2024, names)
    caption = corridors.world_caption(rows.head(10), len(rows), 2024)
    assert caption.startswith(f"10 largest of {len(rows):,} itemised corridors in 2024; the largest is "
                              f"{rows.iloc[0]['origin']} → {rows.iloc[0]['asylum']}")
    assert "“–” marks a missing figure, never zero." in caption


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


def test_the_world_cards_give_idmcs_totals_and_say_what_each_counts(world):
    stocks, flows = idps.world_cards(world, 2024)
    assert stocks[0] == "People displaced (stock at 31 December 2024)"
    assert stocks[1][0][:2] == ("Total (IDMC)", "83.4 million")
    assert flows[1][0][2].startswith("Exact: 65,821,888 movements: conflict + disasters")
    assert flows[1][1][2].endswith(" movements, 49 countries.")


def test_a_chart_in_words_gives_each_series_latest_figure(world):
    alt = idps.chart_alt(world, "stock", [("idps_conflict_stock", "Conflict and violence")])
    assert alt == ("Line chart of people internally displaced worldwide: conflict and violence: 73.5 million at "
                   "end-2024.")


def test_a_series_without_figures_reads_no_data(world):
    alt = idps.chart_alt(world.iloc[0:0], "flow", [("new_displacements_conflict", "Conflict and violence")], "Sudan")
    assert alt == "Bar chart of internal displacements in Sudan: conflict and violence: no data."


def test_chart_titles_say_worldwide_or_name_the_country():
    assert idps.chart_title("stock") == "People internally displaced worldwide"
    assert idps.chart_title("flow", "Sudan") == "Internal displacements in Sudan"


def test_the_stock_charts_cite_the_headlines_copy_of_idmc_too():
    source, source_ids = idps.chart_source("stock")
    assert source.endswith("; IDMC via UNHCR (CC BY 4.0)") and source_ids == ["idmc-gidd", "idmc"]


def test_the_headline_table_starts_with_the_year_and_drops_the_period(data, gidd):
    shown = idps.headline_table(idps.headline_idps_vs_gidd(data.table("idmc", "totals"), gidd))
    assert list(shown.columns) == ["Year", "Headline (IDMC via UNHCR)", "IDMC database, sum of countries", "Difference"]
    assert len(shown) == 6


def test_a_countrys_stock_chart_starts_at_its_first_stock(data, gidd):
    rows = idps.idp_sources(data.table("idmc", "by_country"), gidd, "UKR")
    frames = idps.country_frames(rows)
    assert int(frames["stock"]["year"].min()) == 2014 and int(frames["flow"]["year"].min()) == 2008


def test_a_country_without_idp_figures_has_nothing_to_chart(data, gidd):
    frames = idps.country_frames(idps.idp_sources(data.table("idmc", "by_country"), gidd, "LIE"))
    assert frames == {"stock": None, "flow": None}
    assert idps.no_data_note("flow", "Liechtenstein") == ("No data: IDMC reports no internal displacements (flows) "
                                                          "for Liechtenstein.")


def test_a_year_before_a_series_starts_says_when_it_starts():
    assert idps.no_top_note(idps.MEASURES["disaster-stock"], 2015) == (
        "No data: IDMC has no people displaced by disasters (stock) figures for 2015 (this series starts in 2019).")


def test_the_top_chart_counts_its_countries_in_the_right_form():
    measure = idps.MEASURES["conflict-flow"]
    assert idps.top_title(measure, 15, 2020) == "Displacements by conflict (flow): top 15 countries, 2020"
    assert idps.top_title(measure, 1, 2020) == "Displacements by conflict (flow): top 1 country, 2020"


def test_a_flow_measure_is_counted_in_movements():
    assert idps.MEASURES["disaster-flow"].unit(2020) == "Movements during 2020 (a flow, not people)"


def test_the_brief_carries_the_top_chart_or_else_the_worlds_stock(world):
    top, country, world_charts = object(), {"flow": object()}, {"stock": object(), "flow": object()}
    flow, disasters = idps.MEASURES["conflict-flow"], idps.MEASURES["disaster-stock"]
    assert idps.brief_chart(world, 2024, flow, top, country, world_charts) is top
    assert idps.brief_chart(world, 2024, flow, None, country, world_charts) is country["flow"]
    assert idps.brief_chart(world, 2015, disasters, top, country, world_charts) is world_charts["stock"]


def test_the_headline_note_lists_the_years_the_two_releases_differ(data, gidd):
    totals = data.table("idmc", "totals")
    note = idps.headline_idps_note(totals, idps.headline_idps_vs_gidd(totals, gidd), "GRID 2026", "GRID 2025")
    assert "a later IDMC release (GRID 2026) than the IDMC database export on this page (GRID 2025). So " in note
    assert "the later release's revisions show as the differences below." in note


def test_a_countrys_note_says_which_source_alone_has_the_latest_year(data, gidd):
    rows = idps.idp_sources(data.table("idmc", "by_country"), gidd, "UKR")
    note = idps.idp_sources_note(rows, "Ukraine", "GRID 2026", "GRID 2025")
    assert note.startswith("The end-2025 figure for Ukraine (3,712,000) comes from IDMC via UNHCR only: the IDMC "
                           "database release here (GRID 2025) ends at end-2024.")


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


class _Marked:
    """A catalogue that wraps every message in «», to see which words pass through the text layer."""
    def gettext(self, message):
        return f"«{message}»"

    def ngettext(self, singular, plural, count):
        return f"«{singular if count == 1 else plural}»"


def test_the_flows_and_internal_displacement_words_are_translated_when_shown(monkeypatch):
    monkeypatch.setattr(text, "catalogue", lambda language: _Marked())
    assert corridors.partner_name(corridors.OTHER) == "«Other countries»"
    assert corridors.table_headers()["total"] == "«Total»"
    assert idps.MEASURES["conflict-stock"].name() == "«People displaced by conflict (stock)»"
    assert idps.chart_title("flow", "Sudan") == "«Internal displacements in Sudan»"
