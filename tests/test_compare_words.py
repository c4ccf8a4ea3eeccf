"""The Compare page's words and choices, tested as plain functions (the page only lays them out):
displacement/figures/compare.py on small tables."""

from __future__ import annotations

import pandas as pd
import pytest

from displacement.figures import compare as cp

MEMBERSHIPS = {"unhcr": {"AAA": "Europe", "BBB": "Europe"}, "wb": {"AAA": "Europe & Central Asia"}}
NAMES = {"AAA": "Aland", "BBB": "Boland", "UNK": "Unknown"}


def _values(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "period", "iso3", "value"])


def test_the_options_list_regions_first_then_countries_by_name():
    options = cp.pick_options(MEMBERSHIPS, {"BBB": "Boland", "AAA": "Zedland"}, {"CCC"})
    assert list(options) == ["unhcr-europe", "wb-europe-central-asia", "BBB", "CCC", "AAA"]
    assert options["unhcr-europe"] == "Europe (UNHCR region)" and options["CCC"] == "CCC"


def test_countries_alone_need_no_note_on_regions():
    picks = [cp.make_pick("AAA", NAMES, MEMBERSHIPS)]
    assert cp.region_notes(_values(), picks, MEMBERSHIPS, 2025, NAMES) == []  # no figures at all: still no error


def test_a_region_drawn_names_the_codes_in_none_of_its_scheme():
    values = _values((2025, "end-year", "AAA", 10.0), (2025, "end-year", "UNK", 5.0))
    picks = [cp.make_pick("unhcr-europe", NAMES, MEMBERSHIPS)]
    [note] = cp.region_notes(values, picks, MEMBERSHIPS, 2030, NAMES)
    assert note.startswith("Not in any UNHCR region in 2025") and "Unknown (UNK): 5" in note


def test_too_many_picks_say_how_many_were_kept():
    assert cp.too_many_picks_notice(10) == ("Link parameter “pick” names 10 countries or regions: only the first 8 "
                                            "are shown.")


def test_the_picker_and_the_suggestion_say_how_many():
    assert cp.picker_label() == "Countries or regions (up to 8)"
    assert cp.suggestion_label("Sudan", 5, "East and Horn of Africa") == (
        "Suggest: Sudan and the top 5 other countries of its UNHCR region (East and Horn of Africa)")


def test_no_figures_names_the_years_and_says_missing_is_not_zero():
    assert cp.no_figures_message(1990, 2000).startswith("No figures for the chosen countries or regions between 1990 "
                                                        "and 2000. Missing is not zero")


def test_the_headline_cites_the_source_by_name_without_its_licence():
    assert cp.cited_sources("idps-conflict", {"release": "x"}) == [("IDMC Global Internal Displacement Database",
                                                                    {"release": "x"})]


@pytest.mark.parametrize("unit, scale, title", [
    ("people", "absolute", "IDPs, disasters (IDMC), 2000–2025"),
    ("per-1000", "absolute", "IDPs, disasters (IDMC), per 1,000 residents, 2000–2025"),
    ("people", "index", "IDPs, disasters (IDMC), 2000–2025 (index, 2000 = 100)"),
    ("per-1000", "index", "IDPs, disasters (IDMC), per 1,000 residents, 2000–2025 (index, 2000 = 100)")])
def test_the_chart_title_names_the_measure_unit_years_and_index(unit, scale, title):
    assert cp.chart_title("idps-disaster", unit, scale, 2000, 2025) == title


def test_an_index_unit_says_what_it_indexes():
    assert cp.unit_text("origin", "per-1000", "index", 2010).startswith("Index: the figure in 2010 = 100 (per 1,000 "
                                                                       "residents;")


def test_the_alt_text_gives_each_lines_first_and_latest_figure_and_its_gaps():
    shown = pd.DataFrame({"label": ["A"] * 4, "year": [2000, 2001, 2002, 2003], "shown": [10.0, None, None, 30.0]})
    assert cp.alt_text(shown, "origin", "people", "absolute", 2000, 2003) == (
        "Line chart: Refugees + OIP, by country of origin, 2000–2003. A: 10 people in 2000, 30 people in 2003 "
        "(2 years without a figure).")


def test_the_download_is_named_for_the_measure():
    assert cp.download_title("asylum") == "Refugees + OIP, by country of asylum: countries and regions compared " \
                                          "(Compare page)"
