"""The Countries page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

import json

import pandas as pd
from pages import brief_ready, figures, link_keeps, run_page, share_link, texts, title
from streamlit.testing.v1 import AppTest


def table(at: AppTest):
    return at.dataframe[0].value.set_index("iso3")


def test_default_view_top_lists_map_and_table_count_as_unhcr_ranks():
    at = run_page("countries")
    assert not at.warning
    assert at.slider(key="year").value == 2025
    assert at.segmented_control(key="url-view").value == "asylum"
    hosting, origin, world = figures(at)
    assert "Top 10 hosting countries, end-2025" in title(hosting)
    assert "Top 10 countries of origin, end-2025" in title(origin)
    parts = {t.name: t.marker.color for t in hosting.data}
    assert parts == {"Refugees": "#0072BC", "Other in need of int. protection": "#D25A45"}  # UNHCR's basis
    assert "People: refugees + OIP (stock)" in title(hosting)
    coloured = {t.name for t in world.data if t.mode != "markers" and t.legendgroup not in (None, "no figure")}
    assert "USA" in coloured and "GRL" not in coloured
    rows = table(at)
    assert rows.loc["USA", "total"] == 457_647  # refugees; its 3.7 million asylum-seekers are apart
    assert rows.loc["USA", "asylum_seekers"] == 3_718_945
    text = texts(at)
    assert "Largest: Colombia 2.8 million; Germany 2.7 million; Türkiye 2.4 million." in text
    assert "Largest: Venezuela (Bolivarian Republic of) 6.5 million" in text
    assert len([b for b in at.get("download_button") if "CSV" in b.label]) == 2  # data shown, full table


def test_asylum_seekers_can_be_added_and_the_link_keeps_it():
    at = run_page("countries", count="with-asylum-seekers")
    assert table(at).loc["USA", "total"] == 4_176_592  # refugees + asylum-seekers + OIP
    assert "Largest: United States of America 4.2 million" in texts(at)
    assert "refugees + asylum-seekers + OIP" in title(figures(at)[0])
    assert "count=with-asylum-seekers" in share_link(at)


def test_url_restores_year_measure_and_search():
    at = run_page("countries", year="2024", measure="per 1,000 inhabitants", q="türkiye")
    assert not at.warning
    assert at.slider(key="year").value == 2024
    assert at.selectbox(key="url-measure").value == "per 1,000 inhabitants"
    assert at.text_input(key="q").value == "türkiye"
    rows = table(at)
    assert rows.index.tolist() == ["TUR"]
    assert rows.loc["TUR", "total"] == 2_940_735  # refugees (Türkiye reports no OIP)
    assert rows.loc["TUR", "population_year"] == 2024
    assert rows.loc["TUR", "per_1000"] == round(2_940_735 / 85_518_661 * 1000, 2)
    assert "per 1,000 inhabitants" in title(figures(at)[2]).lower()
    assert not [i for i in at.info if "World Bank" in i.value]


def test_latest_year_uses_the_latest_world_bank_population_and_says_so():
    at = run_page("countries", measure="share of population")
    assert any("no population figures for 2025 yet: the ratios use 2024 populations" in i.value for i in at.info)
    assert "population: World Bank 2024, the latest available (no figure for 2025 yet)" in title(figures(at)[2])


def test_origin_view_offers_share_displaced_abroad_not_per_1000():
    at = run_page("countries", view="origin", measure="per 1,000 inhabitants", year="2024")
    assert any("measure of hosting" in i.value for i in at.info)
    world = figures(at)[2]
    assert "Share of population abroad, end-2024" in title(world)
    assert "from the country as a % of its population" in title(world)  # the unit line says what it is
    rows = table(at)
    assert "per_1000" not in rows and "share_pct" in rows
    assert rows.loc["XXA", "country"] == "Stateless (XXA: no nationality, not a country)"  # kept, labelled
    assert "Not on the map (not countries; kept in the table): UNK" in texts(at)


def test_invalid_parameters_give_a_notice_and_empty_search_a_message():
    at = run_page("countries", year="1900", view="sideways", top="7", q="zzzz")
    warnings = "\n".join(w.value for w in at.warning)
    assert "“year” = “1900”" in warnings and "“view” = “sideways”" in warnings and "“top” = “7”" in warnings
    assert at.slider(key="year").value == 2025
    assert any("No country or area matches “zzzz”" in i.value for i in at.info)
    assert len(at.dataframe) == 1  # the totals by region only: no table of countries


def test_year_without_origin_data_gives_a_message_not_a_zero():
    at = run_page("countries", year="1951", view="origin", measure="per 1,000 inhabitants")
    info = "\n".join(i.value for i in at.info)
    assert "World Bank population figures start in 1960" in info
    assert "No country has a figure to map for end-1951" in info
    assert "most of these people have no recorded country of origin" in texts(at)


def test_share_bar_names_the_first_country_of_the_view(shared):
    at = run_page("countries", year="2020", view="origin", top="5")
    link_keeps(at, "release=", "year=2020", "view=origin", "top=5")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("At end-2020, the most refugees and other people in need of international "
                                       "protection came from Syrian Arab Rep.: 6.7 million of the 24.5 million "
                                       "counted by country of origin worldwide")
    assert call["source_ids"] == ["population"]
    assert list(call["figures"].iloc[:, 0])[:2] == ["Syrian Arab Rep.", "Venezuela (Bolivarian Republic of)"]
    assert len(call["figures"]) == 5  # as many as the top lists show
    assert title(call["fig"]).startswith("People by origin, end-2020")


def test_share_bar_of_a_ratio_view_names_its_denominator(shared):
    at = run_page("countries", measure="per 1,000 inhabitants")
    assert "measure=per" in share_link(at)
    [call] = shared
    brief_ready(call)
    assert "relative to its population" in call["headline"] and "per 1,000 inhabitants (" in call["headline"]
    assert "population of" in call["headline"] and "in 2024" in call["headline"]  # the World Bank year used
    assert call["source_ids"] == ["population", "worldbank-population"]
    assert call["figures"].shape[1] == 4


def test_the_map_colours_countries_by_class_and_says_no_figure_for_the_rest():
    at = run_page("countries")
    world = figures(at)[2]
    shapes = {t.name: t for t in world.data if t.mode != "markers"}  # not the legend entries
    colombia = table(at).loc["COL", "total"]
    assert shapes["COL"].legendgroup == "1 million or more"
    assert f"{colombia:,} people" in shapes["COL"].text
    assert shapes["GRL"].legendgroup == "no figure"  # Greenland: no row in the UNHCR data
    assert "No figure for end-2025 (missing, not zero)" in shapes["GRL"].text


def test_the_map_is_drawn_on_plain_axes_with_no_geo_subplot():
    """Plotly's geo maps download their outlines after drawing starts (components/world_map.py)."""
    at = run_page("countries")
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)
    assert {trace["type"] for trace in spec["data"]} == {"scatter"}
    assert "geo" not in spec["layout"]


def test_a_country_with_people_but_no_population_says_why_it_has_no_ratio():
    at = run_page("countries", view="origin", measure="share of population")
    esh = table(at).loc["ESH"]
    assert esh["total"] > 0 and pd.isna(esh["population"])  # no World Bank figure
    shapes = {t.name: t for t in figures(at)[2].data if t.mode != "markers"}
    assert shapes["ESH"].legendgroup == "no figure"
    assert f"{int(esh['total']):,} people; no World Bank population, so no ratio" in shapes["ESH"].text


def test_countries_too_small_for_the_outlines_are_named_under_the_map():
    at = run_page("countries")
    rows = table(at)
    drawn = {t.name for t in figures(at)[2].data}
    assert "MLT" in rows.index and "MLT" not in drawn  # Malta: a figure, but no shape at 1:110m
    assert "Too small for the map's outlines (1:110m), so in the table only:" in texts(at)


def test_totals_by_region_are_sums_of_countries_and_name_the_codes_in_none():
    at = run_page("countries", year="2025", view="origin")
    [regions] = [e for e in at.expander if e.label.startswith("Totals by region")]
    table = at.dataframe[-1].value
    assert set(table["scheme"]) == {"UNHCR region", "World Bank region"}
    # refugees + OIP by origin, end-2025: UNHCR's regions plus the codes in none (UNK, XXA, TIB) give the
    # table of all countries and areas (tests/test_compare_regions.py checks each region against its countries)
    unhcr = table[table["scheme"] == "UNHCR region"]
    assert unhcr["people"].sum() + 230_593 + 34_736 + 12_581 == at.dataframe[0].value["total"].sum()
    captions = " ".join(c.value for c in regions.caption)
    assert "Unknown \\(UNK\\)" in captions and "Western Sahara \\(ESH\\)" in captions
