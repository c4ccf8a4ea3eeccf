"""The headline on UNHCR's basis: it reproduces UNHCR's published year-end figures from the components,
names the real cause of every gap, and gives one claim check. Published figures are UNHCR's, quoted
with their sources in ../shared/data/unhcr_derived/gt_headline_figures.csv (bundled as
`published-headlines`); the components as each release held them are `headline-releases`."""

import pandas as pd
import pytest

from displacement.figures import headline
from displacement.storage.datasets import GAZA_OVERLAP_SHARE, headline_totals, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


@pytest.fixture(scope="module")
def totals(data):
    return headline_totals(data)


@pytest.fixture(scope="module")
def table(data, totals):
    return headline.reproduction(totals, data.table("published-headlines", "headlines"),
                                 data.table("headline-releases", "releases")).set_index("period")


def test_the_overlap_is_seventy_percent_of_gazas_idps_from_end_2023(data, totals):
    gaza = data.table("idmc", "by_country").query("iso3 == 'PSE'").set_index("year")["idps_conflict"]
    overlap = totals.set_index("year")["gaza_overlap"]
    assert overlap[2022] == 0 and gaza[2022] > 0  # UNHCR did not de-duplicate before end-2023
    for year in (2023, 2024, 2025):
        assert overlap[year] == round(GAZA_OVERLAP_SHARE * gaza[year])


def test_the_basis_is_the_plain_sum_minus_the_overlap(totals):
    rows = totals.set_index("year")
    assert (rows["forcibly_displaced_unhcr_basis"] == rows["forcibly_displaced"] - rows["gaza_overlap"]).all()


def test_end_2024_as_released_is_unhcrs_exact_published_total(table):
    # UNHCR's Refugee Data Finder gives the end-2024 total exactly: 123,187,473 (gt_headline_figures notes).
    assert table.loc["end-2024", "unhcr_basis_as_released"] == 123_187_473


def test_every_year_end_first_released_in_the_history_reproduces_the_published_figure_to_rounding(table):
    first = table[table["release_is_first"] & table.index.str.startswith("end-")]
    assert list(first.index) == ["end-2022", "end-2023", "end-2024"]
    assert ((first["unhcr_basis_as_released"] / 1e6 - first["published_m"]).abs() <= 0.05).all()


def test_a_release_held_only_a_year_later_is_said_so(table):
    assert not table.loc["end-2021", "release_is_first"]
    assert table.loc["end-2021", "why_as_released"].startswith("the earliest release held came a year after")


def test_the_gap_today_is_named_as_a_revision_of_idmcs_figure(table):
    why = table.loc["end-2022", "why_now"]
    assert "conflict IDPs revised since publication" in why and "62.5 million published" in why


def test_end_2018_names_the_part_the_published_figure_left_out(table):
    # GT2018 did not count Venezuelans displaced abroad (OIP today) in its 70.8 million.
    assert "other people in need of international protection" in table.loc["end-2018", "why_now"]


def test_a_mid_year_release_is_explained_by_unhcrs_own_mid_year_idp_estimate(table):
    why = table.loc["mid-2025", "why_as_released"]
    assert "UNHCR published its own mid-year estimate (67.8 million)" in why
    assert "IDMC's end-2024 figure forward" in why
    assert "Gaza" not in why


def test_a_period_today_s_data_do_not_hold_is_said_so(table):
    assert pd.isna(table.loc["mid-2024", "unhcr_basis_now"])
    assert "another period" in table.loc["mid-2024", "why_now"]


def test_the_claim_check_uses_the_basis_and_the_claims_own_date(totals):
    table = headline.claim_table(totals).set_index("year")
    assert table.loc[2023, "claimed"] == pytest.approx(110e6 + 10e6 * 214 / 365.25)  # 31 May to 31 Dec 2023
    rows = totals.set_index("year")["forcibly_displaced_unhcr_basis"]
    assert table.loc[2023, "change"] == rows[2023] - rows[2022]
    assert list(table.index[table["grew_by_claimed_rate"].fillna(False).astype(bool)]) == [2022]


def test_the_verdict_names_the_only_year_of_ten_million_growth(totals):
    verdict = headline.claim_verdict(headline.claim_table(totals))
    assert "only in 2022" in verdict and "2023" in verdict


def test_change_since_gives_people_and_percent(totals):
    change = headline.change_since(totals, 2020)
    rows = totals.set_index("year")["forcibly_displaced_unhcr_basis"]
    assert change["change"] == rows[2025] - rows[2020]
    assert change["change_pct"] == pytest.approx((rows[2025] / rows[2020] - 1) * 100)
    assert headline.change_sentence(change).startswith("From end-2020 to end-2025, the number of people")


def test_change_since_a_year_outside_the_data_is_refused(totals):
    with pytest.raises(ValueError, match="the data cover 1951 to 2025"):
        headline.change_since(totals, 2025)


# --- the Overview page's words, as plain functions (the page only lays them out) ----------------------

@pytest.fixture(scope="module")
def headlines(data):
    return data.table("published-headlines", "headlines")


def test_the_cards_give_the_basis_the_published_figure_of_its_own_date_and_the_plain_sum(totals, headlines):
    basis, published, plain = headline.headline_cards(totals, headlines)
    assert (basis.label, basis.value) == ("Forcibly displaced, end-2025", "117.8 million")
    assert basis.help.endswith("Exact figure: 117,830,238.")
    assert (published.label, published.value) == ("Published by UNHCR, mid-2025", "117.3 million")  # no end-2025
    assert (plain.label, plain.value) == ("Sum of the five components, end-2025", "119.3 million")


def test_the_change_cards_give_the_total_then_each_component(totals):
    total, *parts = headline.change_cards(totals)
    assert (total.label, total.value, total.delta) == ("Change on 2024", "-5.4 M", "-4.4%")
    assert [card.label for card in parts] == ["IDPs (conflict)", "Refugees", "Asylum-seekers",
                                              "Other in need of int. protection", "Palestine refugees"]
    assert parts[0].delta == "-4.92 M"


def test_no_change_card_for_the_total_where_the_years_hold_different_components(totals):
    cards = headline.change_cards(totals[totals["year"] <= 1990])
    assert cards[0] is None and cards[1].delta is None  # no conflict-IDP estimate before 1990


def test_the_change_is_offered_from_each_earlier_year_five_years_back_by_default():
    assert headline.change_since_choices(2015, 2025) == (list(range(2024, 2014, -1)), 4)
    assert headline.change_since_choices(2022, 2025) == ([2024, 2023, 2022], 2)
    assert headline.change_since_choices(2025, 2025) == ([], 0)


def test_the_scale_names_its_denominator_and_the_change_a_day(data, totals):
    names = {"EGY": "Egypt", "CAN": "Canada"}
    population = data.table("worldbank-population", "population")
    assert headline.scale_sentence(totals, population, names) == (
        "117.8 million people is about as many people as live in Egypt (116,538,258 residents in 2024, World Bank). "
        "In 2025 the total fell by about 14,853 people a day (5,421,235 over 365 days).")
    assert headline.scale_sentence(totals, population.iloc[0:0], names).startswith("In 2025 the total fell")


def test_the_claim_is_quoted_with_its_date_and_checked(totals):
    table = headline.claim_table(totals)
    assert headline.claim_heading() == "“Some 110 million, growing by 10 million each year”?"
    assert headline.claim_paragraph(table).startswith(
        "UNHCR estimated **some 110 million, growing by 10 million each year** at the end of May 2023")
    assert headline.claim_paragraph(table).endswith(headline.claim_verdict(table))
    assert headline.claim_alt_text(table).startswith("Bar chart of the yearly change since 2013. Since 2013,")


def test_the_verdict_lists_several_years_of_ten_million_growth(totals):
    table = headline.claim_table(totals, since=2010)
    table.loc[table["year"].isin([2012, 2022]), "grew_by_claimed_rate"] = True
    assert "in a year in 2012 (+4.2 million) and 2022 (+19.0 million)." in headline.claim_verdict(table)


def test_the_sentence_to_cite_names_its_sources_and_release(data, totals):
    sentence = headline.cited_headline(totals, data.manifest("population"))
    assert sentence.startswith("117.8 million people were forcibly displaced worldwide at end-2025 (refugees,")
    assert "according to UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures" in sentence


def test_a_brief_carries_the_overlap_and_the_claim_check(totals):
    overlap, verdict = headline.brief_notes(totals)
    assert "counts twice" in overlap and verdict == headline.claim_verdict(headline.claim_table(totals))


def test_the_key_figures_name_each_figure_in_the_vocabulary_by_default(totals):
    figures = headline.key_figures(totals.iloc[-1]).set_index("end-2025")
    assert figures.loc["Sum of the five components (counts the Gaza overlap twice)", "people"] == "119,254,738"


def test_without_a_published_figure_for_the_latest_period_the_note_compares_the_latest_that_has_one(data, totals):
    """End-2025 is computed but UNHCR's published figures in the snapshot stop at mid-2025: the first note
    says so, the second compares the latest period with both (end-2024, mid-2025 having no computed total)."""
    notes = headline.headline_notes(totals, data.table("published-headlines", "headlines"),
                                    data.table("headline-releases", "releases"))
    assert "not in this dataset" in notes[0]
    assert notes[1].startswith("End-2024: UNHCR published 123.2 million")
