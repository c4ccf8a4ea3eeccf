"""The Projections page, run through Streamlit's AppTest from app.py: no exception, projections labelled as
such, the track record in plain words (exact measures only in the model card), no headline where the record
is worse than holding the figure flat, earlier vintages on request, the view restored from the link (series,
horizon, scenario settings), notices for bad parameters, a country view with its fit rule and ceiling."""

from __future__ import annotations

import pytest
from pages import brief_ready, figures, link_keeps, run_page, share_link, texts
from streamlit.testing.v1 import AppTest

from displacement.projections import track_record, versus_naive
from displacement.projections.series import global_series
from displacement.storage.datasets import open_datasets


def cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


SECTIONS = ["Projection", "Track record", "Model card", "Claim check"]


@pytest.fixture(scope="module")
def real_world_record():
    record = track_record(global_series(open_datasets(), "forcibly_displaced"))
    return versus_naive(record, "shrunk_drift")


def test_default_view_labels_the_projection():
    at = run_page("projections")
    assert not at.warning, warnings(at)
    text = texts(at)
    assert "projection" in text.lower()
    assert cards(at)["Projection for 2030 (not official)"].endswith("million")
    assert "Last official figure (2025)" in cards(at)
    assert "**Shrunk drift**, the dashboard's default" in text
    assert "with only the data known then, were off by" in text and "holding the last figure flat was off by" in text
    assert [t.label for t in at.tabs] == SECTIONS
    assert len(at.get("plotly_chart")) == 1 and len(at.dataframe) == 1  # the fan chart, its year-by-year rows


@pytest.mark.parametrize("section, part, charts", [
    ("Track record", "Track record: how far off past projections were", 1),
    ("Model card", "Known limits", 0),
    ("Claim check", "Growing by 10 million each year", 1),
])
def test_each_section_opens_from_the_link(section, part, charts):
    at = run_page("projections", section=section)
    assert not at.warning, warnings(at)
    assert part in texts(at)
    assert len(at.get("plotly_chart")) == charts
    assert f"section={section.replace(' ', '+')}" in share_link(at)


def test_link_restores_series_horizon_and_a_scenario():
    at = run_page("projections", series="refugees", horizon="3", sc_chg="2M", sc_shock="5M", sc_sy="2027", sc_sd="20")
    assert not at.warning, warnings(at)
    assert at.selectbox(key="url-series").value == "refugees"
    assert at.slider(key="horizon").value == 3
    assert at.number_input(key="proj-sc-chg").value == 2_000_000
    assert at.number_input(key="proj-sc-shock").value == 5_000_000
    assert at.number_input(key="sc_sy").value == 2027 and at.number_input(key="sc_sd").value == 20
    assert at.query_params["sc_chg"] == "2000000" and at.query_params["sc_shock"] == "5000000"  # plain in the link
    assert "Projection for 2028 (not official)" in cards(at)
    text = texts(at)
    assert "+2.0 million a year; a new crisis displaces 5.0 million in 2027, shrinking 20% a year" in text
    assert "Dotted scenario" in text  # the fan chart's text alternative names the scenario


def test_percent_change_and_return_rate_restore():
    at = run_page("projections", sc_unit="pct", sc_chg="3", sc_ret="2")
    assert not at.warning, warnings(at)
    assert at.segmented_control(key="url-sc_unit").value == "pct"
    assert at.number_input(key="proj-sc-chg").value == 3 and at.number_input(key="sc_ret").value == 2
    assert "+3.0% a year; 2% return each year" in texts(at)


@pytest.mark.parametrize("params, named", [
    ({"horizon": "99"}, "horizon"),
    ({"series": "bogus"}, "series"),
    ({"model": "magic"}, "model"),
    ({"window": "7"}, "window"),
    ({"sc_sd": "150"}, "sc_sd"),
    ({"sc_chg": "lots"}, "sc_chg"),
    ({"sc_unit": "pct", "sc_chg": "-150"}, "sc_chg"),
    ({"sc_shock": "-5"}, "sc_shock"),
    ({"sc_sy": "1990"}, "sc_sy"),
    ({"sc_foo": "1"}, "sc_foo"),
])
def test_invalid_parameters_give_a_notice_naming_them(params, named):
    at = run_page("projections", **params)
    assert any(named.replace("_", "\\_") in w.value or named in w.value for w in at.warning), warnings(at)
    assert "Projection for 2030 (not official)" in cards(at) or "horizon" in params  # the default view still shows


def test_shock_year_beyond_the_horizon_is_named():
    at = run_page("projections", horizon="2", sc_shock="1M", sc_sy="2030")
    assert "sc_sy" in warnings(at) and "outside the years shown" in warnings(at)


def test_country_view_fits_from_its_regime_under_a_ceiling():
    at = run_page("projections", iso3="syr", perspective="origin")
    assert at.query_params["iso3"] == "SYR"
    assert at.selectbox(key="url-iso3").value == "SYR"
    card = texts(run_page("projections", iso3="SYR", perspective="origin", section="Model card"))
    assert "Refugees, asylum-seekers and other people in need of international protection from Syrian" in card
    assert "Here: from 2012 (observed since 1979)" in card
    assert "No projected value or range goes above 29.7 million" in card
    assert "The last figure is held flat" in warnings(at)  # said prominently, not only in the card
    assert "The default method (shrunk drift) did no better" in warnings(at)
    projected = cards(at)["Projection for 2030 (not official)"]
    assert projected == "5.0 million"


def test_country_by_asylum_and_a_chosen_model():
    at = run_page("projections", iso3="TUR", perspective="asylum", model="theta", window="10", section="Model card")
    text = texts(at)
    assert "**Theta**, chosen by you" in text and "**Method.** Theta, chosen by you" in text
    assert "Fitted on the last 10 of those years" in text
    assert "no physical upper bound" in text


def test_a_country_too_recently_at_its_level_shows_why_and_still_draws_history():
    at = run_page("projections", iso3="UKR")
    assert "No projection for" in warnings(at) and "2022" in warnings(at)
    assert len(at.get("plotly_chart")) == 1  # history (and any scenario) still drawn
    at = run_page("projections", iso3="UKR", section="Track record")
    assert any("no track record" in i.value for i in at.info)


def test_switching_the_unit_clears_the_change_without_a_notice():
    at = run_page("projections", sc_chg="2M")
    at.segmented_control(key="url-sc_unit").set_value("pct").run()
    assert not at.exception and not at.warning, warnings(at)
    assert at.number_input(key="proj-sc-chg").value == 0
    assert "sc_chg" not in at.query_params


def test_a_global_only_series_for_a_country_is_named():
    at = run_page("projections", iso3="SYR", series="idps_conflict")
    assert "“series”" in warnings(at) and "only available for the world" in warnings(at)


def test_share_bar_names_the_projection_as_not_official(shared):
    at = run_page("projections", series="refugees", horizon="3", sc_chg="1M")
    link_keeps(at, "release=", "series=refugees", "horizon=3", "sc_chg=1000000")
    [call] = shared
    brief_ready(call)
    headline = call["headline"]
    assert headline.startswith("Refugees under UNHCR's mandate stood at 28.5 million at the end of 2025 (official "
                               "figure, a stock)")
    assert "this dashboard's projection" in headline and "not an official figure" in headline
    assert "at the end of 2028 (80% range" in headline
    assert call["notes"][0].startswith("Projection, not an official figure")
    assert any("Scenario" in note for note in call["notes"])
    kinds = list(call["figures"]["Kind"])
    assert kinds == ["official", "projection", "projection", "projection", "scenario", "scenario", "scenario"]
    assert call["fig"] is not None


def test_a_country_without_figures_says_so_and_keeps_the_claim_check():
    at = run_page("projections", iso3="VAT", perspective="asylum")
    assert any("No figures" in i.value for i in at.info) and not at.get("plotly_chart")
    at = run_page("projections", iso3="VAT", perspective="asylum", section="Claim check")
    assert "Growing by 10 million each year" in texts(at) and len(at.get("plotly_chart")) == 1
    assert "section=Claim+check" in share_link(at)


def test_the_page_speaks_plain_words_and_keeps_exact_measures_in_the_model_card():
    banners = texts(run_page("projections"))
    for jargon in ("MASE", "MAPE", "held %", "backtest"):
        assert jargon not in banners
    record = run_page("projections", section="Track record")
    assert "80% range held the figure" in record.dataframe[0].value.columns
    assert not any("MASE" in c for c in record.dataframe[0].value.columns)
    card = run_page("projections", section="Model card")
    assert "MASE / naive" in card.dataframe[0].value.columns and "Median APE %" in card.dataframe[0].value.columns


def test_the_words_on_the_page_are_the_track_record_of_the_command_line(real_world_record):
    """One computation: the percentages in the banner are the record's MAPE, rounded."""
    versus = real_world_record
    text = texts(run_page("projections"))
    expected = ", ".join(f"{versus.loc[h, 'mape']:.0f}% {w}" for h, w in ((1, "one year ahead"),
                                                                        (3, "three years ahead")))
    assert expected in text


def test_a_horizon_whose_record_is_worse_than_holding_flat_is_not_headlined():
    """Germany by asylum: at five years ahead the combination was further off than holding flat."""
    at = run_page("projections", iso3="DEU", perspective="asylum")
    assert "Held flat for 2030 (not official)" in cards(at)
    assert cards(at)["Held flat for 2030 (not official)"] == cards(at)["Last official figure (2025)"]
    assert "Projection for 2028 (not official)" in cards(run_page("projections", iso3="DEU", perspective="asylum",
                                                                  horizon="3"))


def test_earlier_vintages_are_drawn_on_request_and_kept_in_the_link():
    at = run_page("projections", vintages="true")
    [fig] = figures(at)
    names = [trace.name for trace in fig.data]
    assert [n for n in names if n.startswith("Projected with data to")] == [
        "Projected with data to 2024 (not official)", "Projected with data to 2023 (not official)",
        "Projected with data to 2022 (not official)"]
    assert "vintages=true" in share_link(at)
    assert not any(n.startswith("Projected with data to") for n in
                   (t.name for t in figures(run_page("projections"))[0].data))


def test_the_brief_holds_flat_the_years_it_does_not_headline(shared):
    run_page("projections", iso3="DEU", perspective="asylum")
    [call] = shared
    brief_ready(call)
    assert "holds it flat at 3.0 million to the end of 2030" in call["headline"]
    figures = call["figures"].set_index("Year (end of)")
    assert figures.loc["2030", "Kind"] == "projection (held flat)"
    assert figures.loc["2030", "People"] == figures.loc["2025", "People"]
    assert figures.loc["2026", "Kind"] == "projection"  # one year ahead its record beats holding flat
