"""The Trends page's words and the Overview's and Trends' figures, tested as plain functions on the bundled
data (the pages only lay them out): displacement/figures/trends.py, components/trend_charts.py and
components/annotations.py."""

from __future__ import annotations

import pytest

from components import annotations
from components import trend_charts as tc
from displacement.figures import headline, trends
from displacement.storage.datasets import headline_totals, open_datasets
from displacement.text import language


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def totals(data):
    return headline_totals(data)


def test_the_share_view_leaves_out_the_totals_and_says_why():
    series, notes, nothing = trends.drawable(["forcibly_displaced", "refugees", "stateless"], 1980, "share")
    assert series == ["refugees"] and nothing is None
    assert notes[0].startswith("The share view shows the five components")
    assert notes[1].startswith("Shares start in 1990")


def test_nothing_chosen_gives_a_message_instead_of_a_chart():
    assert trends.drawable([], 1990, "people") == ([], [], "Choose at least one population type to draw the chart.")
    assert trends.drawable(["stateless"], 1990, "people") == ([], [], None)  # drawn in its own chart


def test_a_range_without_figures_gives_a_notice_instead_of_a_chart(totals):
    plan = trends.chart_plan(totals, ["asylum_seekers"], 1960, 1970, "people", "linear")
    values, notices = plan[1], plan[4]
    assert values is None and notices == ["No figures for the chosen population types between 1960 and 1970. Missing "
                                          "figures are not zero: try a wider year range."]


def test_a_change_asked_on_a_log_scale_is_drawn_linear_with_a_notice(totals):
    series, values, log, captions, notices = trends.chart_plan(totals, ["refugees"], 1990, 2025, "change", "log")
    assert series == ["refugees"] and values is not None and not log and not captions
    assert notices == ["A log scale cannot show decreases, so the change on the year is drawn on a linear scale."]


def test_the_notes_say_which_years_were_not_collected_and_where_published_figures_are_left_out(totals):
    notes = trends.chart_notes(totals, ["asylum_seekers"], 1990, 2025, "share", True, False, None)
    assert notes == ["UNHCR's database holds 0 for asylum-seekers worldwide in 1990–1992: the figure was not "
                     "collected then, so those years are left empty rather than drawn as zero.",
                     "UNHCR's published figures are shown with the number of people only."]


def test_the_notes_compare_the_published_total_when_it_is_drawn(data, totals):
    published = (data.table("published-headlines", "headlines"), data.table("headline-releases", "releases"))
    notes = trends.chart_notes(totals, [trends.TOTAL], 1990, 2025, "people", True, True, lambda: published)
    assert notes[0].startswith("End-2024: UNHCR published 123.2 million")


def test_the_change_is_said_for_the_total_when_chosen(totals):
    text = trends.change_text(totals, ["refugees", trends.TOTAL], 2000, 2020)
    assert text.startswith("From end-2000 to end-2020, the number of people forcibly displaced worldwide rose by")


def test_no_change_is_said_without_a_figure_at_the_start(totals):
    assert trends.change_text(totals, ["stateless"], 1951, 2020) is None
    assert trends.change_text(totals, [], 1990, 2020) is None


def test_the_table_headings_give_the_short_label_and_the_unit():
    headings = trends.table_headings(["year", "refugees_people", "oip_pct_of_sum"])
    assert headings == {"refugees_people": ("Refugees (people)", "Refugees under UNHCR's mandate", "localized"),
                        "oip_pct_of_sum": ("Other in need of int. protection (% of the sum)",
                                           "Other people in need of international protection", "%.1f%%")}


def test_the_stateless_chart_in_words(totals):
    values = trends.trend_values(totals, ["stateless"], 1990, 2025, "people")
    assert trends.stateless_alt_text(values[values["stateless"].notna()]).startswith(
        "Line chart. Stateless people reported to UNHCR: 1.5 million in 2004, 4.5 million in 2025.")
    assert trends.stateless_unit(True) == "People (stock at the end of each year; a partial count) · log scale"


def test_the_brief_cites_the_total_and_names_published_figures_only_when_drawn(data, totals):
    values = trends.trend_values(totals, trends.DEFAULT_SERIES, 1990, 2025, "people")
    headline_sentence, figures = trends.brief(values, None, "people", data.manifest("population"))
    assert headline_sentence.startswith("There were 117.8 million people forcibly displaced worldwide at end-2025")
    assert list(figures.columns) == ["Population type (people)", "end-1990", "end-2025"]
    assert trends.share_sources(True, "people")[-1] == "published-headlines"
    assert "published-headlines" not in trends.share_sources(True, "share")


def test_the_brief_of_stateless_people_alone_cites_them(data, totals):
    stateless = trends.trend_values(totals, ["stateless"], 2010, 2020, "people")
    headline_sentence, figures = trends.brief(None, stateless, "share", data.manifest("population"))
    assert headline_sentence.startswith("There were 4.2 million stateless people reported to UNHCR at end-2020")
    assert figures.columns[0] == "Population type"


def test_the_overview_stacks_the_chosen_types_and_dots_the_total_only_when_all_are_chosen(totals):
    assert [t.name for t in tc.stacked_components(totals, ["refugees", "oip"]).data] == [
        "Refugees", "Other in need of int. protection"]
    every = tc.stacked_components(totals, list(headline.PUBLISHED_PARTS))
    assert every.data[-1].name == "Forcibly displaced (UNHCR's basis)" and every.data[-1].line.dash == "dot"


def test_the_claim_chart_marks_the_claimed_growth(totals):
    fig = tc.yearly_change_bars(headline.claim_table(totals), 10_000_000)
    assert fig.layout.annotations[0].text == "+10 million a year"
    assert fig.data[0].name == "Change on the previous year"


def test_a_crisis_reads_as_label_date_and_description():
    ukraine = annotations.CRISES[4]
    assert annotations.crisis_line(ukraine).startswith("**Ukraine**, 24 February 2022: Russia's full-scale invasion")


def test_a_crisis_date_is_written_in_the_viewers_language():
    with language("fr"):
        assert annotations.CRISES[4].date_text == "24 février 2022"
