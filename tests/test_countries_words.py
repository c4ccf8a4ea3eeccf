"""The Countries page's words and choices, tested as plain functions (the page only lays them out):
displacement/figures/hosting.py on small tables and on the bundled data."""

from __future__ import annotations

import pandas as pd
import pytest

from displacement import text
from displacement.figures import countries as cs
from displacement.figures import hosting
from displacement.storage.datasets import names_by_code, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def hosted_2025(data):
    names = names_by_code(data.table("countries", "countries"), data.table("population", "countries"))
    return cs.cross_border(data.table("population", "by_asylum"), 2025, names)


def test_a_total_needs_no_population_and_gives_no_notice(hosted_2025, data):
    rows, notice = hosting.chosen_rows(hosted_2025, data.table("worldbank-population", "population"), "total", 2025)
    assert rows is hosted_2025 and notice is None


def test_a_ratio_adds_the_population_and_names_the_earlier_year_it_divides_by(hosted_2025, data):
    rows, notice = hosting.chosen_rows(hosted_2025, data.table("worldbank-population", "population"), "per_1000",
                                       2025)
    assert {"population", "population_year", "per_1000"} <= set(rows.columns)
    assert notice.startswith("The World Bank has no population figures for 2025 yet: the ratios use 2024 populations")


def test_an_empty_top_list_names_its_side_and_says_missing_is_not_zero():
    assert hosting.no_bars_message("origin", 1951) == ("Countries of origin: no figures for 1951 in the data. "
                                                        "Missing is not zero.")


@pytest.mark.parametrize("shown, title", [(1, "The only hosting countries, end-1951"),
                                          (10, "Top 10 hosting countries, end-1951")])
def test_the_bar_title_says_top_n_only_when_there_are_several(shown, title):
    assert hosting.bar_title("asylum", shown, "end-1951") == title


def test_the_bar_unit_names_the_count():
    assert hosting.bar_unit("with-asylum-seekers") == "People: refugees + asylum-seekers + OIP (stock)"


def test_the_map_title_names_the_figure_and_the_period():
    assert hosting.map_title("origin", "share_pct", "end-2024") == "Share of population abroad, end-2024"


def test_a_ratios_unit_names_the_world_bank_year_it_divides_by():
    rows = pd.DataFrame({"population_year": pd.array([2024, 2024], dtype="Int64")})
    unit = hosting.map_unit("Hosted", rows, "per_1000", 2025)
    assert unit == "Hosted; population: World Bank 2024, the latest available (no figure for 2025 yet)"
    assert hosting.map_unit("People", rows, "total", 2025) == "People"


def test_the_map_classes_are_the_bins_words():
    bins, classes = hosting.classes("origin", "share_pct")
    assert bins == hosting.BINS["share_origin"][0] and classes[-1] == "20% or more"


def test_an_empty_table_says_whether_the_year_or_the_search_found_nothing():
    assert hosting.no_rows_message(True, "end-1951", "") == "No figures for end-1951 in the data."
    assert hosting.no_rows_message(False, "end-2025", "zzzz") == "No country or area matches “zzzz”."


def test_the_table_lists_the_counts_parts_first_then_the_others():
    assert hosting.table_columns("asylum", "total", "refugees-and-oip") == [
        "country", "iso3", "refugees", "oip", "asylum_seekers", "total"]


def test_a_ratio_adds_the_population_columns_and_per_1000_only_for_hosting():
    asylum = hosting.table_columns("asylum", "per_1000", "refugees-and-oip")
    origin = hosting.table_columns("origin", "share_pct", "refugees-and-oip")
    assert asylum[-4:] == ["population", "population_year", "per_1000", "share_pct"]
    assert "per_1000" not in origin and origin[-1] == "share_pct"


@pytest.mark.parametrize("view, column", [("asylum", "total"), ("asylum", "per_1000"), ("origin", "share_pct")])
def test_every_column_of_the_table_has_a_header(view, column):
    headers = hosting.column_headers(view, column, "refugees-and-oip")
    assert set(headers) == set(hosting.table_columns(view, column, "refugees-and-oip"))
    assert set(headers) - {"country", "iso3"} <= set(hosting.NUMBER_FORMATS)
    assert headers["total"] == "Total (refugees + OIP)"


def test_the_table_caption_counts_the_rows_shown_of_all():
    assert hosting.table_caption(3, 200).startswith("3 of 200 countries and areas. Click a column heading to sort.")


def test_the_download_is_named_for_the_count_the_view_and_the_period():
    assert hosting.download_title("asylum", "refugees-and-oip", "end-2025") == (
        "Refugees + OIP hosted, by country of asylum, end-2025")
    assert hosting.download_title("origin", "with-asylum-seekers", "mid-2025") == (
        "Refugees + asylum-seekers + OIP by country of origin, mid-2025")


def test_a_ratio_cites_the_world_bank_beside_unhcr():
    assert hosting.source_line("total") == "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
    assert "World Bank, Population, total (SP.POP.TOTL)" in hosting.source_line("share_pct")


def test_the_views_and_measures_stay_english_keys_in_any_language():
    with text.language("xx"):
        assert hosting.VIEWS == ["asylum", "origin"]
        assert hosting.measure_column("origin", "per 1,000 inhabitants", 2024)[0] == "share_pct"
