"""The Country profile's words as plain functions (displacement/figures/profile.py; the page only lays them
out): each chart's title, unit, notice and alternative text, the notes under the sections, the sentence to
quote and the brief's table, and that they reach the reader through the text layer."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from babel.support import NullTranslations
from pages import as_read

from displacement import text
from displacement.figures import country as stats
from displacement.figures import profile
from displacement.figures.summary import country_summary
from displacement.storage.datasets import open_datasets
from displacement.storage.manifest import Manifest


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def ukraine(data):
    return country_summary(data, 2025, "UKR")


def _summary(fled=None, hosted=None, idps=None) -> dict:
    return {"period": "end-2025", "by_origin": {"refugees_and_oip": fled}, "by_asylum": {"refugees_and_oip": hosted},
            "idps": [{"value": idps}]}


RELEASE = Manifest(release="2025.12.1", retrieved_at="2026-01-10T08:00:00")
LATER = dataclasses.replace(RELEASE, release="2026.1")


class Bracketed(NullTranslations):
    """A stand-in catalogue that marks every message it translates, to see which words pass through it."""

    def gettext(self, message):
        return f"[{message}]"

    def ngettext(self, singular, plural, n):
        return f"[{singular if n == 1 else plural}]"


@pytest.fixture
def bracketed(monkeypatch):
    monkeypatch.setattr(text, "catalogue", lambda language: Bracketed())


# --- the charts' words ------------------------------------------------------------------------------

def test_a_chart_is_titled_with_the_name_and_its_notice_with_the_name_made_inert():
    told = profile.chart_words("fled", "Côte d'Ivoire", "Côte d\\'Ivoire")
    assert told.title == "People who fled Côte d'Ivoire"
    assert told.unit == "People, stock at end of year (by origin)"
    assert told.empty == "UNHCR reports no refugees, asylum-seekers or OIP from Côte d\\'Ivoire."
    assert told.download == "People who fled Côte d'Ivoire, by type and year"
    assert told.source == "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
    assert told.source_ids == ["population"]


def test_a_chart_without_its_own_download_title_downloads_under_its_title():
    assert profile.chart_words("returns", "Chad", "Chad").download == "Returns to Chad"


def test_the_decision_charts_name_the_unit_they_count_in():
    assert profile.chart_words("decisions", "Chad", "Chad", "cases").unit == (
        "Decisions during each year, in cases (flows)")
    assert profile.chart_words("recognition", "Chad", "Chad", "persons").unit == (
        "(recognised + complementary) / (recognised + complementary + rejected), persons")


@pytest.mark.parametrize("chart", sorted(profile.CHARTS))
def test_every_chart_has_words_for_a_country(chart):
    told = profile.chart_words(chart, "Chad", "Chad", "persons")
    assert told.title and told.unit and told.empty and told.download and told.source
    assert "{" not in "".join(told[:4])  # every placeholder filled


def test_the_bars_legend_names_the_country_where_it_belongs():
    assert profile.bar_series("resettlement", "Chad") == [("resettlement", "Resettled to Chad"),
                                                          ("naturalisation", "Naturalised in Chad")]


def test_the_bars_alternative_text_gives_each_series_latest_figure():
    frame = pd.DataFrame({"year": [2023, 2024], "persons": [1_500_000, 2_500_000], "cases": [100, None]})
    assert profile.bar_alt("applications-in", frame, "Chad") == (
        "Bar chart of new asylum applications lodged in Chad. Latest figures: Persons: 2.5 million in 2024; "
        "Cases (households; not added to persons): 100 in 2023.")


def test_the_idp_alternative_text_dates_stocks_at_the_end_of_the_year():
    shown = pd.DataFrame({"year": [2024], "conflict_via_unhcr": [3_712_000], "idps_conflict_stock": [None],
                          "idps_disaster_stock": [None]})
    assert profile.idp_alt(shown, "Ukraine") == (
        "Line chart of IDPs in Ukraine: Conflict and violence (IDMC via UNHCR): 3.7 million at end-2024; "
        "Conflict and violence (IDMC database): no data; Disasters (IDMC database): no data.")


def test_no_idp_trend_without_a_figure(data):
    assert profile.idp_trend(data.table("idmc", "by_country"), data.table("idmc-gidd", "by_country"), "LIE") is None


# --- the sections' notes -----------------------------------------------------------------------------

def test_no_change_since_a_year_is_said_so():
    assert profile.change_list([], "Chad", 2015) == "No figures for Chad at end-2015."


def test_changes_are_a_list_of_inert_lines():
    listed = profile.change_list(["From end-2015 to end-2025, [x] rose.", "Another."], "Chad", 2015)
    assert as_read(listed) == "- From end-2015 to end-2025, [x] rose.\n- Another."
    assert "\\[x\\]" in listed  # the data's words, never markup


def test_partners_are_numbered_with_their_figures_or_said_missing():
    partners = pd.DataFrame({"iso3": ["TCD", "EGY"], "country": ["Chad", "Egypt"], "people": [900_000, 5]})
    assert as_read(profile.partner_list(partners)) == "1. Chad: 900,000\n2. Egypt: 5"
    assert profile.partner_list(partners.iloc[0:0]) == "No corridor figures."


def test_each_side_of_the_partners_has_its_heading():
    assert profile.partners_heading("origin", "Sudan", "end-2025") == (
        "**Where people from Sudan are hosted** (refugees + OIP, end-2025)")
    assert profile.partners_heading("asylum", "Sudan", "end-2025") == (
        "**Where people hosted in Sudan come from** (refugees + OIP, end-2025)")


def test_other_application_types_are_listed_and_new_ones_left_out():
    types = pd.DataFrame({"app_type": ["N", "R", "ZZ"], "unit": ["persons", "cases", "persons"],
                          "applied": [10, 2_000, 4], "type": ["new", "repeat or reopened", "ZZ"]})
    assert profile.other_applications_note(types, 2025) == (
        "Also reported for 2025 and not shown: 2,000 repeat or reopened (cases); 4 ZZ (persons).")
    assert profile.other_applications_note(types.iloc[:1], 2025) is None


def test_decisions_are_drawn_in_persons_where_any_year_has_them():
    decisions = pd.DataFrame({"unit": ["cases", "persons"]})
    assert profile.decision_unit(decisions) == "persons"
    assert profile.decision_unit(decisions.iloc[:1]) == "cases"


def test_decisions_counted_in_the_other_unit_are_said_to_be_in_the_download():
    decisions = pd.DataFrame({"unit": ["cases", "persons"]})
    definition, apart = profile.decisions_notes(decisions, "persons", "Chad")
    assert definition == stats.RECOGNITION_RATE_DEFINITION + " All decision levels and procedures are combined, as " \
                                                             "in UNHCR's database."
    assert apart.startswith("Chad also reported decisions counted in cases in some years")
    assert len(profile.decisions_notes(decisions.iloc[1:], "persons", "Chad")) == 1


def test_years_on_an_earlier_population_agree_with_their_number():
    burden = pd.DataFrame({"year": [2024, 2025], "population_year": [2023, 2023], "per_1000": [1.0, 1.1]})
    assert profile.lagged_population_note(burden) == ("The World Bank population ends in 2023: 2024, 2025 use the "
                                                      "latest earlier population year.")


def test_a_footnote_names_the_countrys_role():
    notes = pd.DataFrame({"year_text": ["2020", "2021"], "population_type": ["REF", "ASY"],
                          "role": ["origin and asylum", "asylum"], "footnote": ["A note {with braces}.", "B."]})
    assert profile.footnote_lines(notes, "Chad") == [
        "2020 (REF, Chad as country of origin and asylum): A note {with braces}.",
        "2021 (ASY, Chad as country of asylum): B."]


# --- the sentence to quote and the brief -------------------------------------------------------------

def test_the_sentence_gives_both_sides_and_the_idps_from_one_release():
    sentence = profile.country_sentence(_summary(1_234_567, 7_654_321, 3_700_000), "Chad", RELEASE, RELEASE)
    assert sentence == (
        "At end-2025, 1.2 million refugees and other people in need of international protection from Chad were "
        "abroad, 7.7 million were hosted in Chad and 3.7 million people were internally displaced by conflict and "
        "violence inside Chad (stocks; people from and people in the country are counted from two sides and never "
        "added), according to UNHCR's Refugee Population Statistics Database and IDMC's estimate via UNHCR "
        "(2025.12.1), data retrieved 2026-01-10.")


def test_the_sentence_names_who_is_hosted_when_no_one_fled():
    sentence = profile.country_sentence(_summary(hosted=5), "Chad", RELEASE, LATER)
    assert sentence == ("At end-2025, 5 refugees and other people in need of international protection were hosted in "
                        "Chad (a stock), according to UNHCR's Refugee Population Statistics Database (2025.12.1), "
                        "data retrieved 2026-01-10.")


def test_the_sentence_cites_each_release_when_they_differ():
    sentence = profile.country_sentence(_summary(hosted=5, idps=7), "Chad", RELEASE, LATER)
    assert "(stocks), according to UNHCR's Refugee Population Statistics Database (2025.12.1) and IDMC's estimate " \
           "via UNHCR (2026.1)" in sentence


def test_no_sentence_without_a_figure():
    assert profile.country_sentence(_summary(), "Chad", RELEASE, RELEASE) is None


def test_the_brief_of_a_country_without_a_summary_has_an_empty_table():
    figures, used = profile.brief_figures(None, "Chad")
    assert figures.empty and list(figures.columns) == ["Figure", "People"] and used == []


def test_the_brief_notes_keep_the_pages_notes_before_the_partners_left_out():
    notes = profile.brief_notes(["Not listed because ..."])
    assert notes[-1] == "Not listed because ..." and "never added together" in notes[0] and len(notes) == 3


def test_no_partner_notes_without_a_summary(data):
    assert profile.partner_notes(data.table("population", "corridors"), "UKR", None, {}) == []


def test_the_key_figures_name_idmcs_own_database_by_measure(ukraine):
    table = profile.country_key_figures(ukraine, "Ukraine")
    gidd = ukraine["idps"][1]
    assert f"Internally displaced by conflict and violence (IDMC database), end-{gidd['year']}" in set(table["Figure"])
    assert set(table["Source"]) >= {"UNHCR", "IDMC via UNHCR", "UNHCR; World Bank"}


# --- through the text layer ---------------------------------------------------------------------------

def test_the_words_pass_through_the_catalogue_whole(bracketed, ukraine):
    assert profile.chart_words("hosted", "Chad", "Chad").title == "[People hosted in Chad]"
    assert profile.cards(ukraine, "Ukraine")[0][0] == "[Fled from the country (refugees + OIP)]"
    assert profile.change_list([], "Chad", 2015) == "[No figures for Chad at end-2015.]"
    assert profile.brief_notes([])[1] == "[Missing figures are shown as “no data”, never as zero.]"


def test_application_types_and_latest_figures_are_given_in_the_viewers_words(bracketed, data):
    types = stats.application_types(data.table("asylum-applications", "by_asylum"), "DEU", 2025)
    assert not types.empty and set(types["type"]) <= {f"[{words}]" for words in stats.APPLICATION_TYPES.values()}
    latest = pd.DataFrame({"year": [2024], "a": [5], "b": [None]})
    assert stats.latest_words(latest, [("a", "A"), ("b", "B")], stats.FLOW_DATE) == "[A: 5 in 2024]; [B: no data]"
