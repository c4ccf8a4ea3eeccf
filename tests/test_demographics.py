"""displacement.figures.demographics: shares of children, women and girls, women and older people, and the
coverage of the breakdown, against the bundled snapshot and against UNHCR's raw demographics file."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SHARED_DATA

from displacement import text
from displacement.figures import demographics as dm
from displacement.storage.datasets import open_datasets


@pytest.fixture(scope="module")
def tables():
    data = open_datasets()
    return data.table("demographics", "by_asylum"), data.table("population", "by_asylum")


def _row(iso3="AAA", pop_type="REF", **bands):
    columns = {f"{sex}_{band}": 0 for sex in "fm" for band in ["0_4", "5_11", "12_17", "18_59", "60", "other"]}
    columns |= bands
    columns["f_total"] = sum(v for k, v in columns.items() if k.startswith("f_") and k != "f_total")
    columns["m_total"] = sum(v for k, v in columns.items() if k.startswith("m_") and k != "m_total")
    return {"year": 2025, "period": "end-year", "iso3": iso3, "pop_type": pop_type, **columns}


def test_shares_and_coverage_follow_their_definitions():
    demographics = pd.DataFrame([_row(f_0_4=10, m_12_17=20, f_18_59=30, m_18_59=20, f_60=10, m_other=10)])
    population = pd.DataFrame({"year": [2025], "iso3": ["AAA"], "refugees": pd.array([200], dtype="Int64"),
                               "asylum_seekers": pd.array([None], dtype="Int64")})
    found = dm.breakdown(demographics, population, 2025, "refugees", "AAA")
    assert found["with_sex"] == 100 and found["with_age"] == 90  # 10 counted with sex but no age
    assert found["coverage_pct"] == 50.0 and found["age_coverage_pct"] == 45.0  # of the population figure, 200
    assert found["children"] == round(30 / 90 * 100, 1)  # 0-17, of people whose age is known
    assert found["older"] == round(10 / 90 * 100, 1)
    assert found["women_and_girls"] == 50.0  # female all ages (50), of people whose sex is known (100)
    assert found["women"] == round(40 / 90 * 100, 1)  # female 18+


def test_no_breakdown_gives_no_shares_not_zero():
    demographics = pd.DataFrame([_row()])
    population = pd.DataFrame({"year": [2025], "iso3": ["AAA"], "refugees": pd.array([500], dtype="Int64")})
    found = dm.breakdown(demographics, population, 2025, "refugees", "AAA")
    assert found["children"] is None and found["women_and_girls"] is None and found["with_sex"] is None
    assert found["coverage_pct"] == 0.0  # the population is known and none of it is broken down
    assert "missing, not zero" in dm.coverage_sentence(found, "A", "refugees")
    assert dm.breakdown(demographics, population.iloc[0:0], 2025, "refugees", "AAA")["coverage_pct"] is None


def test_germany_matches_unhcrs_raw_file(tables):
    raw_file = SHARED_DATA / "unhcr_refugees_r_package" / "demographics.csv"
    if not raw_file.is_file():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    raw = pd.read_csv(raw_file, dtype={"coa_iso": str}, keep_default_na=False)
    rows = raw[(raw["coa_iso"] == "DEU") & raw["pop_type"].isin(["REF", "ASY", "OIP"]) & (raw["year"] == 2025)]
    number = {c: pd.to_numeric(rows[c].replace("-", None)).sum() for c in rows.columns if c[:2] in ("f_", "m_")}
    children = sum(number[f"{s}_{b}"] for s in "fm" for b in ("0_4", "5_11", "12_17"))
    aged = number["f_total"] + number["m_total"] - number["f_other"] - number["m_other"]
    found = dm.breakdown(*tables, 2025, "protection", "DEU")
    assert found["with_sex"] == number["f_total"] + number["m_total"] == 2_814_784
    assert found["children"] == round(children / aged * 100, 1) == 29.3
    assert found["population"] == 2_952_694  # refugees + asylum-seekers in Germany, end-2025 (population table)
    assert found["coverage_pct"] == 95.3


def test_world_is_the_sum_of_countries(tables):
    demographics, population = tables
    world = dm.breakdown(demographics, population, 2025, "refugees")
    codes = dm.countries_with_breakdown(demographics, 2025, "refugees")
    assert world["with_sex"] == sum(dm.breakdown(demographics, population, 2025, "refugees", c)["with_sex"]
                                    for c in codes)
    assert world["population"] == 28_461_306  # refugees under UNHCR's mandate, end-2025
    assert 0 < world["coverage_pct"] < 100 and world["children"] == 43.4


def test_comparison_table_names_the_country_and_the_world(tables):
    table = dm.comparison(*tables, 2025, "protection", "SDN", "Sudan")
    assert list(table.columns) == ["Figure", "Sudan", "World"]
    assert table["Figure"].str.contains("Coverage").sum() == 2


def test_a_place_with_the_same_name_as_a_column_keeps_a_column_of_its_own(tables):
    table = dm.comparison(*tables, 2025, "protection", "ZZZ", "World")
    assert list(table.columns) == ["Figure", "World (ZZZ)", "World"]


def test_the_cards_give_three_shares_then_the_coverage():
    found = {"children": 29.3, "women_and_girls": None, "older": 7.8, "coverage_pct": 95.3}
    cards = dm.cards(found)
    assert [(heading, figure) for heading, figure, _help in cards] == [
        ("Children (0-17)", "29.3%"), ("Women and girls", "no breakdown"), ("Older people (60+)", "7.8%"),
        ("Breakdown covers", "95.3%")]
    assert cards[0][2] == "Children (0-17), % of people whose age is known"


def test_the_world_coverage_sentence_says_worldwide():
    found = {"iso3": dm.WORLD, "year": 2025, "population": 1000.0, "with_sex": 500.0, "coverage_pct": 50.0,
             "age_coverage_pct": 40.0}
    assert dm.coverage_sentence(found, "World", "asylum-seekers") == (
        "The sex breakdown covers 50.0% of the 1,000 asylum-seekers worldwide at end-2025 (500 people); the age "
        "breakdown 40.0%. The shares describe the people covered.")


def test_a_place_without_a_population_figure_has_no_coverage():
    found = {"iso3": "AAA", "year": 2025, "population": None}
    assert dm.coverage_sentence(found, "A", "stateless") == ("No population figure for stateless people in A at "
                                                             "end-2025, so no coverage can be given.")


def test_the_brief_table_gives_people_in_full_shares_in_percent_and_no_figure_where_none(tables):
    table = dm.key_figures(dm.comparison(*tables, 2025, "protection", "DEU", "Germany"))
    rows = dict(zip(table["Figure"], table["Germany"]))
    assert rows["People with a sex breakdown"] == "2,814,784"
    assert rows["Children (0-17), % of people whose age is known"] == "29.3%"
    empty = dm.key_figures(dm.comparison(*tables, 2025, "stateless", "ZZZ", "Nowhere"))
    assert set(empty["Nowhere"]) == {"no figure"}


def test_the_chart_in_words_gives_each_places_shares_and_coverage():
    found = {"children": 29.3, "women_and_girls": 46.5, "older": 7.8, "coverage_pct": 95.3}
    assert dm.alt_text([("Germany", found)], "asylum-seekers") == (
        "Bar chart of age and sex shares, asylum-seekers: Germany: children 29.3%, women and girls 46.5%, older "
        "people 7.8% (breakdown covers 95.3%).")


def test_the_country_comes_before_the_world(tables):
    found = dm.places(*tables, 2025, "protection", "DEU", "Germany")
    assert [name for name, _figures in found] == ["Germany", "World"]
    assert found[1][1]["iso3"] == dm.WORLD


def test_titles_name_the_people_in_a_sentence():
    assert dm.chart_title("protection", 2025).startswith("Age and sex, refugees, asylum-seekers and other people")
    assert dm.download_title("idps", "Sudan", 2025).endswith(", Sudan and the world, end-2025")


def test_the_notes_define_the_shares_coverage_and_years():
    assert [note.split(":")[0] for note in dm.notes()[:2]] == ["Children", "Coverage"]


class _Marked:
    """A catalogue that wraps every message in «», to see which words pass through the text layer."""
    def gettext(self, message):
        return f"«{message}»"


def test_the_age_and_sex_words_are_translated_when_shown(monkeypatch):
    monkeypatch.setattr(text, "catalogue", lambda language: _Marked())
    assert dm.scope_name("oip") == "«Other people in need of international protection»"
    assert dm.cards({"children": None, "women_and_girls": None, "older": None, "coverage_pct": None})[3][:2] == (
        "«Breakdown covers»", "«no breakdown»")
