"""UNHCR rows (API items or bulk files in the API's field names) -> the tidy table."""

from datetime import date

import pandas as pd
import pytest
from conftest import fixture_items, fixture_json

from displacement.ingest.schema import ValidationError
from displacement.sources import unhcr

AS_OF = date(2026, 6, 25)


def test_dash_is_missing_not_zero():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": "-"}]
    tidy = unhcr.tidy_unrwa(items, AS_OF)
    assert tidy["value"].isna().all()


def test_string_zero_is_zero():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": "0"}]
    assert unhcr.tidy_unrwa(items, AS_OF)["value"].tolist() == [0]


def test_integer_and_padded_string_counts_parse_the_same():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": 668647},
             {"year": "2025", "coo_iso": "SYR ", "coa_iso": " JOR", "total": " 420835 "}]
    tidy = unhcr.tidy_unrwa(items, AS_OF)
    assert tidy["value"].tolist() == [668647, 420835]
    assert tidy["asylum_iso3"].tolist() == ["DEU", "JOR"]


def test_summed_dimension_dash_becomes_null_code():
    items = fixture_json("population", "world_2023_2025_page1_of_1.json")["items"]
    tidy = unhcr.tidy_population(items, AS_OF)
    assert tidy["origin_iso3"].isna().all() and tidy["asylum_iso3"].isna().all()


def test_world_rows_keep_real_values():
    items = fixture_json("population", "world_2023_2025_page1_of_1.json")["items"]
    tidy = unhcr.tidy_population(items, AS_OF)
    refugees_2024 = tidy[(tidy.year == 2024) & (tidy.population_type == "refugees")]["value"].iloc[0]
    assert refugees_2024 == 30_958_200


def test_population_fields_map_to_population_types():
    tidy = unhcr.tidy_population(fixture_items("population"), AS_OF)
    assert set(tidy["population_type"]) == set(unhcr.POPULATION_FIELDS.values())


def test_renamed_field_is_rejected_by_name():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "refugee": 5}]
    with pytest.raises(ValidationError, match="'total' is missing"):
        unhcr.tidy_unrwa(items, AS_OF)


def test_text_in_a_count_is_rejected_with_its_row():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": "12"},
             {"year": 2025, "coo_iso": "AFG", "coa_iso": "PAK", "total": "many"}]
    with pytest.raises(ValidationError) as error:
        unhcr.tidy_unrwa(items, AS_OF)
    assert error.value.source == "unrwa" and error.value.field == "total"
    assert error.value.row["coo_iso"] == "AFG"


def test_fractional_count_is_rejected():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": "12.5"}]
    with pytest.raises(ValidationError, match="not a count"):
        unhcr.tidy_unrwa(items, AS_OF)


def test_negative_count_fails_the_schema():
    items = [{"year": 2025, "coo_iso": "SYR", "coa_iso": "DEU", "total": -3}]
    with pytest.raises(ValidationError, match="field 'value'"):
        unhcr.tidy_unrwa(items, AS_OF)


def test_malformed_country_code_fails_the_schema():
    items = [{"year": 2025, "coo_iso": "Syria", "coa_iso": "DEU", "total": 3}]
    with pytest.raises(ValidationError, match="origin_iso3"):
        unhcr.tidy_unrwa(items, AS_OF)


def test_latest_year_is_mid_year_before_global_trends():
    items = [{"year": 2026, "coo_iso": "SYR", "coa_iso": "DEU", "total": 1}]
    assert unhcr.tidy_unrwa(items, date(2026, 11, 25))["period"].tolist() == ["mid-year"]
    assert unhcr.tidy_unrwa(items, date(2027, 6, 20))["period"].tolist() == ["end-year"]


def test_asylum_applications_keep_cases_apart_from_persons():
    tidy = unhcr.tidy_asylum_applications(fixture_items("asylum-applications"), AS_OF)
    raw = pd.DataFrame(fixture_items("asylum-applications"))
    expected = raw["app_pc"].map({"P": "persons", "C": "cases"}).value_counts().to_dict()
    assert tidy["unit"].value_counts().to_dict() == expected


def test_unknown_unit_code_is_rejected():
    items = [{"year": 2020, "coo_iso": "AFG", "coa_iso": "AUS", "procedure_type": "G", "app_type": "N",
              "dec_level": "FI", "app_pc": "X", "applied": 5}]
    with pytest.raises(ValidationError, match="app_pc"):
        unhcr.tidy_asylum_applications(items, AS_OF)


def test_decisions_melt_every_outcome():
    tidy = unhcr.tidy_asylum_decisions(fixture_items("asylum-decisions"), AS_OF)
    assert set(tidy["population_type"]) == set(unhcr.DECISION_FIELDS.values())


def test_footnotes_read_api_and_download_field_names():
    api = unhcr.tidy_footnotes(fixture_items("footnotes"), AS_OF)
    download = unhcr.tidy_footnotes(pd.DataFrame({"Footnote": ["Note."], "Year": ["2020"],
                                                  "Country of origin (ISO)": [""], "Country of asylum (ISO)": ["USA"],
                                                  "Population type": ["ASY"]}), AS_OF)
    assert api["footnote"].str.len().min() > 0
    assert download["asylum_iso3"].tolist() == ["USA"] and download["origin_iso3"].isna().all()


def test_empty_result_gives_an_empty_valid_table():
    assert unhcr.tidy_population([], AS_OF).empty
