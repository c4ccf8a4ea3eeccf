"""Citation text and relatable scale."""

from datetime import date

import pandas as pd

from displacement.figures import relatable
from displacement.outputs import citations

UNHCR = {"publisher": "UNHCR", "title": "Population figures", "licence": "CC BY 4.0",
         "release": "UNHCR refugees R package 2025.12.1", "retrieved_at": "2026-06-25T00:00:00+00:00"}
IDMC = {"publisher": "Internal Displacement Monitoring Centre (IDMC)", "title": "GIDD", "licence": "CC BY-NC 4.0",
        "release": "GRID 2025", "retrieved_at": "2025-05-27T00:00:00+00:00"}
LINK = "https://example.org/trends?types=refugees&release=0123456789"


def test_apa_gives_one_reference_per_data_set_then_the_view():
    references = citations.apa([UNHCR, IDMC], "Trends", LINK, date(2026, 11, 25))
    assert references[0] == ("UNHCR (2026). Population figures [Data set, UNHCR refugees R package 2025.12.1]. "
                             "CC BY 4.0.")
    assert references[1] == ("Internal Displacement Monitoring Centre (IDMC) (2025). GIDD [Data set, GRID 2025]. "
                             "CC BY-NC 4.0.")
    assert references[2] == (f"Forced displacement statistics dashboard (2026). “Trends” [Dashboard view]. "
                             f"Retrieved 25 November 2026, from {LINK}")


def test_plain_form_names_every_producer_one_per_line():
    references = citations.plain([UNHCR, IDMC], "Trends", LINK, date(2026, 11, 25))
    assert references[0].startswith("Source: UNHCR, Population figures")
    assert references[1].startswith("Source: Internal Displacement Monitoring Centre (IDMC), GIDD")
    assert references[2].endswith("accessed 25 November 2026.")


def test_a_reference_list_puts_each_reference_in_its_own_paragraph():
    text = citations.as_text(citations.apa([UNHCR, IDMC], "Trends", LINK, date(2026, 11, 25)))
    assert text.count("\n\n") == 2 and "CC BY 4.0. Internal" not in text


def test_as_many_as_picks_the_nearest_population_and_shows_it():
    population = pd.DataFrame({"year": [2024, 2024, 2023], "iso3": ["EGY", "CAN", "EGY"],
                               "population": [116_538_258, 41_288_599, 114_000_000]})
    text = relatable.as_many_as(119_254_738, population, {"EGY": "Egypt", "CAN": "Canada"}, 2025)
    assert text == "about as many people as live in Egypt (116,538,258 residents in 2024, World Bank)"


def test_as_many_as_reads_the_stores_string_column():
    """The store's iso3 column is pandas' nullable "string" dtype, where `!= None` is never True."""
    population = pd.DataFrame({"year": [2024], "iso3": pd.array(["EGY"], dtype="string"),
                               "population": pd.array([116_538_258], dtype="Int64")})
    assert relatable.as_many_as(119_254_738, population, {"EGY": "Egypt"}, 2025).startswith(
        "about as many people as live in Egypt")


def test_one_in_shows_numerator_and_denominator():
    text = relatable.one_in(755_426, 5_805_962, "Lebanon", 2024)
    assert text == "1 in 8 residents of Lebanon (755,426 people against a population of 5,805,962 in 2024, World Bank)"


def test_per_day():
    assert relatable.per_day(-5_419_135, 365) == "about 14,847 people a day (5,419,135 over 365 days)"


def test_missing_values_give_no_comparison():
    assert relatable.per_day(pd.NA, 365) is None and relatable.one_in(None, 10, "X", 2024) is None


def test_no_comparison_when_no_country_is_close():
    population = pd.DataFrame({"year": [2024, 2024], "iso3": ["TUV", "EGY"], "population": [9_646, 116_538_258]})
    names = {"TUV": "Tuvalu", "EGY": "Egypt"}
    assert relatable.as_many_as(10, population, names, 2024) is None
    assert relatable.as_many_as(1_000_000, population, names, 2024) is None


def test_a_country_is_not_compared_with_itself():
    population = pd.DataFrame({"year": [2024], "iso3": ["EGY"], "population": [116_538_258]})
    assert relatable.as_many_as(116_000_000, population, {"EGY": "Egypt"}, 2024, exclude="EGY") is None
