"""The Projections page's words as plain functions (displacement/projections/wording.py): the controls' options
and notices, the charts' titles, units and alternative texts, the rows and downloads, the track record's words
and the brief's parts. Synthetic series (not real data); the sentences on the bundled data are in
tests/test_page_words.py and the page itself in tests/test_page_projections.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from displacement.projections import DEFAULT_MODEL, MAX_HORIZON, labelled_rows, project
from displacement.projections import wording as words
from displacement.projections.scenarios import ScenarioSettings, scenario_path
from displacement.storage.manifest import Manifest

GROWTH = ScenarioSettings(horizon=4, change=1e5)
CRISIS = ScenarioSettings(horizon=4, shock_size=5e6, shock_year=2027, shock_decay_pct=20, return_pct=1.5)


def synthetic() -> pd.Series:
    """Synthetic (not real data): 2% growth with seeded noise, 1990-2025."""
    years = np.arange(1990, 2026)
    noise = np.random.default_rng(5).normal(0, 0.04, len(years))
    return pd.Series(2e6 * 1.02 ** (years - 1990) * np.exp(noise), index=years)


@pytest.fixture(scope="module")
def projected():
    series = synthetic()
    return series, project(series, 4)


def test_a_list_reads_with_commas_and_a_last_and():
    assert words.and_list(["a", "b", "c"]) == "a, b and c"


def test_a_list_of_one_is_the_item_and_of_none_is_empty():
    assert words.and_list(["a"]) == "a" and words.and_list([]) == ""


def test_the_horizon_notice_names_the_furthest_year():
    assert words.horizon_expected() == f"a number of years from 1 to {MAX_HORIZON}"


def test_the_world_option_reads_as_global_totals_and_a_country_with_its_code():
    names = {"SDN": "Sudan"}
    assert words.where_option(words.WORLD, names) == "The world (global totals)"
    assert words.where_option("SDN", names) == "Sudan (SDN)"


def test_the_perspective_help_names_both_counts():
    assert words.perspective_help() == ("People from the country (origin) or People in the country (asylum). The two "
                                        "count the same people twice: never add them.")


def test_the_world_only_notice_quotes_the_value_asked_for():
    notice = words.world_only_notice("idps\\_conflict")
    assert notice.startswith("Link parameter “series” = “idps\\_conflict” is only available for the world")


def test_the_automatic_model_names_the_default_and_its_fallback():
    assert words.model_option("auto") == "Shrunk drift, or held flat where it did no better (default)"
    assert words.model_option("theta") == "Theta"


def test_every_model_has_a_label():
    assert words.model_labels()[DEFAULT_MODEL] == "Shrunk drift"


def test_a_component_by_asylum_is_named_in_the_country():
    assert words.series_label("oip", "SDN", "asylum", {"SDN": "Sudan"}) == (
        "Other people in need of international protection in Sudan")


def test_the_world_reads_three_sources_and_a_country_one():
    assert words.sources_of(None, ceiling=False) == (["population", "unrwa", "idmc"], (
        "UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)"))
    assert words.sources_of("SDN", ceiling=False) == (["population"],
                                                      "UNHCR Refugee Population Statistics Database (CC BY 4.0)")


def test_a_country_under_a_ceiling_also_cites_the_world_banks_population():
    ids, line = words.sources_of("SDN", ceiling=True)
    assert ids == ["population", "worldbank-population"]
    assert line.endswith("; population: World Bank (CC BY 4.0)")


def test_the_cited_source_adds_unrwa_and_idmc_for_the_world():
    assert words.cited_source("SDN") == "UNHCR's Refugee Population Statistics Database"
    assert words.cited_source(None).endswith(", with UNRWA and IDMC figures via UNHCR")


def test_no_projection_says_why_with_a_capital_and_the_name_made_inert():
    notice = words.no_projection_notice("Refugees *in* X", "series has 3 years")
    assert notice == ("**No projection for Refugees \\*in\\* X.** Series has 3 years. The official figures and any "
                      "scenario are still shown.")


def test_no_figures_tells_an_absent_series_from_an_empty_one():
    assert words.no_figures("X", in_the_data=False) == "No figures for X in the data\\."
    assert words.no_figures("X", in_the_data=True) == "No figures to show for X\\."


def test_no_record_without_a_projection():
    assert words.no_record_notice("X") == "No projection for X, so no track record or model card\\."


def test_the_card_range_is_short_and_joined_by_a_dash():
    row = pd.Series({"lo80": 3_400_000.0, "hi80": 4_600_000.0})
    assert words.card_range(row) == "3.4 M–4.6 M"


def test_a_card_range_under_a_million_stays_in_full():
    assert words.card_range(pd.Series({"lo80": 950_000.0, "hi80": 1_200_000.0})) == "950,000–1.2 M"


def test_a_card_without_a_range_says_so():
    assert words.card_range(pd.Series({"lo80": np.nan, "hi80": 1.0})) == "no range (too short a record)"


def test_scenario_words_read_a_yearly_change_in_people():
    assert words.scenario_words(GROWTH) == "+0.1 million a year"


def test_scenario_words_read_a_crisis_that_shrinks_and_a_return_rate():
    assert words.scenario_words(CRISIS) == ("a new crisis displaces 5.0 million in 2027, shrinking 20% a year; "
                                            "1.5% return each year")


def test_scenario_words_read_a_percent_change():
    assert words.scenario_words(ScenarioSettings(change=2.5, unit="pct")) == "+2.5% a year"


def test_the_official_line_is_named_by_its_short_label_for_the_world():
    assert words.official_name("refugees", None) == "Refugees (official)"
    assert words.official_name("refugees", "SDN") == "Official figures"


def test_the_fan_unit_names_only_the_lines_drawn():
    assert words.fan_unit(False, None) == ("People (a stock at the end of each year). Solid: official. Dashed with "
                                           "shaded 80% and 95% ranges: projection.")
    assert words.fan_unit(True, GROWTH).endswith(
        "projection. Thin grey dots: earlier projections. Dotted: scenario (+0.1 million a year).")


def test_the_fan_chart_title_and_source_say_projection():
    assert words.fan_title("Refugees") == "Refugees: official figures and projection"
    assert words.fan_source("UNHCR") == "UNHCR. Projection: this dashboard's model, not an official figure"


def test_the_vintages_toggle_names_the_three_years_before():
    assert words.vintages_label(2025) == "Show earlier projections (made with data to 2022, 2023 and 2024)"


def test_the_download_names_the_scenario_only_when_drawn():
    assert words.download_title("X", with_scenario=False) == (
        "X: official figures (label 'official') and projection (label 'projection'; not an official figure)")
    assert words.download_title("X", with_scenario=True).endswith(
        "not an official figure) and scenario (label 'scenario')")


def test_the_claim_sentence_and_its_alternative_text():
    assert words.claim_sentence("some 110 million", "in May 2023") == (
        "UNHCR estimated some 110 million in May 2023. This is a check of that claim against the data, not a "
        "projection.")
    assert words.claim_alt("It grew.") == "Line chart of the data and of what the claim implied. It grew."


def test_recent_rows_start_two_years_before_the_last_figure_in_full(projected):
    series, p = projected
    rows = words.recent_rows(labelled_rows(series, p, None, "Synthetic"), 2025)
    assert rows["year"].tolist() == [2023, 2024, 2025, 2026, 2027, 2028, 2029]
    assert rows["value"].iloc[2] == f"{round(series.iloc[-1]):,}" and rows["lo80"].iloc[0] == ""
    assert "series" not in rows.columns


def test_every_row_column_has_a_header():
    assert set(words.row_headers()) == {"year", "label", "value", "lo80", "hi80", "lo95", "hi95", "method"}


def test_the_track_record_words_name_the_years_and_the_series(projected):
    said = words.track_record_words(projected[1], "Synthetic", "UNHCR")
    assert said["caption"].startswith("Each year 2000-2024, the method was run with only the figures known")
    assert said["title"] == "How far off each method was, by years ahead: Synthetic"
    assert said["unit"].endswith("forecasts made 2000-2024 (lower is better)")
    assert said["source"] == "UNHCR. Track record by this dashboard"
    assert said["download"] == "Track record of projection methods: Synthetic"


def test_the_track_record_lead_names_the_method_compared(projected):
    assert words.track_record_lead(projected[1]) == "**Shrunk drift** next to holding the last figure flat:"


def test_the_model_card_shows_the_method_the_default_and_holding_flat_once_each(projected):
    assert words.card_models(projected[1]) == ["shrunk_drift", "naive"]


def test_the_brief_parts_are_the_sentence_the_figures_and_the_notes(projected):
    series, p = projected
    scenario = scenario_path(2025, float(series.iloc[-1]), GROWTH)
    table = labelled_rows(series, p, scenario, "Synthetic", words.scenario_words(GROWTH))
    parts = words.brief_parts(series, p, table, "Synthetic", ("UNHCR", Manifest()), "", GROWTH)
    assert parts["headline"].startswith("Synthetic stood at 3.9 million at the end of 2025")
    assert parts["figures"]["Kind"].iloc[-1] == "scenario"
    assert parts["notes"][-1].startswith("Scenario rows follow the user's assumptions (+0.1 million a year)")


def test_the_chart_alternative_names_each_line_in_turn(projected):
    series, p = projected
    scenario = scenario_path(2025, float(series.iloc[-1]), GROWTH)
    alt = words.chart_alt(series, p, None, scenario, GROWTH)
    assert alt.startswith("Line chart. Official figures up to 2025 (3.9 million) as a solid line. Dashed projection "
                          "(Shrunk drift) to 2029:")
    assert alt.endswith("Dotted scenario (+0.1 million a year): 4.3 million in 2029.")


def test_the_known_limits_are_a_list_under_their_heading(projected):
    limits = words.model_card_end(projected[1])[1].splitlines()
    assert limits[0] == "**Known limits.**" and all(line.startswith("- ") for line in limits[1:])
