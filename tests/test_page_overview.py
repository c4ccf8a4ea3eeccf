"""The Overview page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

from pages import brief_ready, figures, run_page, share_link, texts, title


def test_headline_is_the_computed_sum_beside_the_latest_published_figure():
    at = run_page("overview")
    assert not at.warning
    assert at.title[0].value == "How many people are forcibly displaced?"
    cards = {m.label: m.value for m in at.metric}
    # No published figure for end-2025 in the snapshot: the sum of the components leads, labelled so.
    assert cards["Forcibly displaced, end-2025 (computed from the components)"] == "119.3 million"
    assert cards["Latest figure published by UNHCR (mid-2025)"] == "117.3 million"
    assert "covers a different date" in texts(at)


def test_change_cards_give_the_change_on_the_previous_year():
    at = run_page("overview")
    [change] = [m for m in at.metric if m.label == "Change on 2024"]
    assert change.value == f"{(119_254_738 - 124_673_873) / 1e6:+.1f} M"
    assert "-4.3%" in change.proto.delta


def test_trend_chart_stacks_the_five_types_from_1990_by_default():
    at = run_page("overview")
    trend = figures(at)[0]
    assert "People forcibly displaced worldwide" in title(trend)
    assert [t.name for t in trend.data] == ["IDPs (conflict)", "Refugees", "Asylum-seekers",
                                            "Other in need of int. protection", "Palestine refugees"]
    assert list(trend.data[0].x)[0] == 1990
    assert at.pills(key="url-types").value == ["refugees", "palestine_refugees", "asylum_seekers", "oip",
                                               "idps_conflict"]


def test_link_restores_start_year_and_types():
    at = run_page("overview", since="1951", types=["refugees", "oip"])
    assert not at.warning
    trend = figures(at)[0]
    assert [t.name for t in trend.data] == ["Refugees", "Other in need of int. protection"]
    assert list(trend.data[0].x)[0] == 1951
    assert at.pills(key="url-types").value == ["refugees", "oip"]


def test_choosing_types_updates_the_link():
    at = run_page("overview")
    at.pills(key="url-types").set_value(["asylum_seekers"]).run()
    link = share_link(at)
    assert "types=asylum_seekers" in link and "types=refugees" not in link
    assert [t.name for t in figures(at)[0].data] == ["Asylum-seekers"]


def test_a_bad_type_is_ignored_with_a_notice():
    at = run_page("overview", types=["refugees", "<b>aliens</b>"])
    notices = [w.value for w in at.warning]
    assert len(notices) == 1 and "types" in notices[0]
    assert at.pills(key="url-types").value == ["refugees"]


def test_seed_claim_is_set_against_the_data():
    at = run_page("overview")
    claim = figures(at)[1]
    assert "Yearly change" in title(claim)
    text = texts(at)
    assert "2024: 120 million claimed, 124.7 million in the data" in text
    assert "2025: 130 million claimed, 119.3 million in the data" in text


def test_citation_sentence_names_figure_period_definition_source_and_date():
    at = run_page("overview")
    [sentence] = [c.value for c in at.code if c.value.startswith("119.3 million people")]
    assert "end-2025" in sentence and "conflict IDPs, summed" in sentence
    assert "UNHCR Refugee Population Statistics Database" in sentence and "retrieved 2026-06-25" in sentence
    assert "release=" in share_link(at)


def test_relatable_scale_names_its_denominator():
    text = texts(run_page("overview"))
    assert "119.3 million people is about as many people as live in Egypt (116,538,258 residents in 2024, " \
           "World Bank)" in text


def test_brief_gets_the_headline_key_figures_and_the_trend(shared):
    run_page("overview")
    [call] = shared
    brief_ready(call)
    figures_table = call["figures"].set_index("end-2025")
    assert figures_table.loc["Forcibly displaced (sum of the five)", "people"] == "119,254,738"
    assert "People forcibly displaced worldwide" in title(call["fig"])
