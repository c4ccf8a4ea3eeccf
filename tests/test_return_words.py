"""The Returns page's words as plain functions: sentences carry their source, missing stays missing,
scenarios say they are scenarios."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from displacement.figures import return_scenarios as rs
from displacement.figures import return_words as words
from displacement.figures import returns
from displacement.storage.datasets import open_datasets
from displacement.turning_points import load_turning_points


@pytest.fixture(scope="module")
def setting():
    data = open_datasets()
    points = load_turning_points()
    population = data.table("population", "by_origin")
    paths, summary = returns.history(points, data.table("solutions", "by_origin"), population)
    result = rs.scenarios("UKR", 2026, rs.default_analogues(summary), points, paths, population)
    return {"data": data, "summary": summary, "result": result, "labels": {p.id: p.label for p in points}}


def test_headline_names_the_base_its_source_and_that_the_rest_is_a_scenario(setting):
    sentence = words.headline_sentence(setting["result"], "Ukraine", setting["labels"],
                                       [("UNHCR's population statistics", setting["data"].manifest("population"))])
    assert sentence.startswith("Ukraine had 5,224,131 refugees at end-2025, according to UNHCR's population")
    assert "(scenario, not data)" in sentence and sentence.endswith(".")


def test_key_figures_are_text_and_label_the_scenario(setting):
    table = words.key_figures(setting["result"], setting["summary"], setting["labels"])
    assert table.shape[1] == 2 and len(table) <= 20
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())
    assert table.iloc[0, 1] == "5,224,131"
    assert any("(scenario)" in f for f in table["Figure"])


def test_the_episode_table_keeps_missing_figures_missing(setting):
    table = words.episode_table(setting["summary"]).set_index("Episode")
    assert not math.isnan(table.loc["Syria 2024", "Stock change by last year"])  # 2025 is recorded
    assert table.loc["Mozambique 1992", "Share of base stock"] == pytest.approx(108.58, abs=0.01)
    assert math.isnan(table.loc["Cambodia 1991", "Part of the stock's fall returns explain"])  # the stock rose


def test_alt_texts_say_what_the_charts_show(setting):
    assert "Afghanistan 2001 reached 121.4%" in words.history_alt(setting["summary"])
    alt = words.scenario_alt(setting["result"], "Ukraine", setting["labels"])
    assert alt.startswith("Line chart, scenario not data") and "Liberia 2003: 932,637" in alt


def test_pace_labels_name_the_offered_paces(setting):
    paces = rs.pace_of(setting["summary"])
    assert words.pace_label("liberia-2003", setting["labels"], paces) == "Liberia 2003 (typical)"
    assert words.pace_label("syria-2024", setting["labels"], paces) == "Syria 2024"


def test_every_episode_note_names_its_source(setting):
    lines = words.episode_notes(setting["summary"])
    assert len(lines) == len(setting["summary"]) and all("https://" in line for line in lines)
    assert any("387,180" in line for line in lines)  # Cambodia's published figure, in its note


def test_origin_countries_are_those_with_refugees_in_the_latest_year():
    population = pd.DataFrame({"iso3": ["UKR", "SYR", "FRA", "UKR", "XXX"], "year": [2025, 2025, 2025, 2024, 2025],
                               "refugees": [5.0, 6.0, None, 1.0, 2.0]})
    names = {"UKR": "Ukraine", "SYR": "Syria", "FRA": "France"}
    assert words.origin_countries(population, names) == {"UKR": "Ukraine", "SYR": "Syria"}  # XXX has no name


def test_a_link_start_year_is_expected_in_the_five_years_after_the_data():
    assert words.start_expected(2025) == "a start year from 2026 to 2030"


def test_the_episode_table_formats_people_years_and_shares_under_its_headers(setting):
    formats = words.episode_formats()
    assert formats["Base: end of"] == "%d" and formats["Refugee stock (base)"] == "localized"
    assert formats["Share of base stock"] == "%.1f%%"
    assert set(formats) <= set(words.episode_table(setting["summary"]).columns)
    assert words.episode_header("url") == "Source"


def test_the_episode_table_gives_the_kind_of_event_in_words(setting):
    assert set(words.episode_table(setting["summary"])["Kind"]) <= {"peace agreement", "ceasefire",
                                                                  "change of government", "end of fighting"}


def test_the_scenario_table_shows_years_plainly_and_people_localized(setting):
    wide = words.scenario_table(setting["result"], setting["labels"])
    formats = words.scenario_formats(list(wide.columns))
    assert formats["Year"] == "%d" and formats["Liberia 2003: stock (scenario)"] == "localized"


def test_the_scenario_chart_names_the_dashboard_beside_unhcr():
    assert words.scenario_source() == ("UNHCR Refugee Population Statistics Database (CC BY 4.0); scenarios: "
                                       "this dashboard")


def test_what_an_analogue_cannot_know_is_a_titled_list():
    notice = words.cannot_know().splitlines()
    assert notice[0] == "**What an analogue cannot know**" and len(notice) == 1 + len(rs.CANNOT_KNOW)
    assert all(line.startswith("- ") for line in notice[1:])


def test_the_link_and_download_name_the_country_and_say_scenario():
    assert words.projection_link("Ukraine") == "See the statistical projection for Ukraine"
    assert words.scenario_download("Ukraine", 2026) == "Return scenarios for Ukraine from 2026 (scenario, not data)"


def test_the_history_alt_counts_a_single_complete_episode_in_the_singular(setting):
    summary = setting["summary"]
    one = summary.assign(complete=summary["episode"] == "liberia-2003")
    assert words.history_alt(one).endswith("; 1 episode has all five years.")
    assert words.history_alt(summary).endswith("episodes have all five years.")
