"""The internal displacement page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

import pytest
from pages import as_read, brief_ready, figures, link_keeps, run_page, title
from streamlit.testing.v1 import AppTest


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return as_read("\n".join(parts))


def test_default_view_world_figures_and_charts():
    at = run_page("internal")
    assert at.title[0].value == "Internal displacement"
    metrics = {(m.label, m.value) for m in at.metric}
    # 2024 world sums of IDMC's country figures: stocks and flows shown apart
    assert ("By conflict and violence", "73.5 million") in metrics
    assert ("By disasters", "9.8 million") in metrics
    assert ("By conflict and violence", "20.1 million") in metrics
    assert ("By disasters", "45.8 million") in metrics
    text = _texts(at)
    assert "stock at 31 December 2024" in text and "a flow" in text
    assert "from 2019" in text and "CC BY-NC" in text  # the caveats
    assert "idmc" in text and "endpoint" in text  # where the headline's IDP figure comes from
    assert len(at.get("plotly_chart")) == 5
    assert at.selectbox(key="url-iso3").value == "SDN"  # data-driven default: most conflict IDPs
    assert not at.warning


def test_idmc_totals_are_shown_as_idmc_publishes_them():
    # IDMC, Global Report on Internal Displacement 2025: 83.4 million people living in internal displacement at
    # the end of 2024 (conflict and violence + disasters) and 65.8 million internal displacements during 2024.
    at = run_page("internal")
    totals = [m.value for m in at.metric if m.label == "Total (IDMC)"]
    assert totals == ["83.4 million", "65.8 million"]
    assert "IDMC warns" not in _texts(at)  # no unsourced claim


def test_charts_run_to_the_latest_year_of_each_source_and_say_which():
    at = run_page("internal", iso3="SDN")
    stock = next(f for f in figures(at) if title(f).startswith("People internally displaced in Sudan"))
    ends = {t.name: max(x for x, y in zip(t.x, t.y) if y == y) for t in stock.data}
    assert ends["Conflict and violence"] == 2024  # IDMC's database release ends at end-2024
    assert ends["Conflict, IDMC via UNHCR"] == 2025


def test_url_restores_country_year_and_measure():
    at = run_page("internal", iso3="ukr", year="2020", measure="disaster-flow")
    assert not at.warning
    assert at.selectbox(key="url-iso3").value == "UKR"
    assert at.selectbox(key="year").value == 2020
    assert at.radio(key="url-measure").value == "disaster-flow"
    assert at.query_params["iso3"] == "UKR"  # normalised in the link
    captions = _texts(at)
    assert "internally displaced in Ukraine" in captions
    assert "displacements by disasters (flow) in 2020: China leads" in captions


def test_widgets_write_the_view_to_the_url():
    at = run_page("internal")
    at.selectbox(key="url-iso3").select("SYR").run()
    at.radio(key="url-measure").set_value("conflict-flow").run()
    assert not at.exception
    assert at.query_params["iso3"] == "SYR"
    assert at.query_params["measure"] == "conflict-flow"
    assert "internally displaced in Syrian Arab Rep" in _texts(at)


@pytest.mark.parametrize("params, name", [
    ({"iso3": "XXQ"}, "iso3"), ({"iso3": "<script>alert(1)</script>"}, "iso3"),
    ({"year": "1999"}, "year"), ({"measure": "everything"}, "measure"), ({"colour": "red"}, "colour"),
])
def test_invalid_parameters_give_a_notice_and_the_default(params, name):
    at = run_page("internal", **params)
    assert any(name in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.selectbox(key="url-iso3").value == "SDN"
    assert at.selectbox(key="year").value == 2024
    assert at.radio(key="url-measure").value == "conflict-stock"
    assert "<script>" not in "".join(w.value for w in at.warning)


def test_missing_series_says_no_data():
    at = run_page("internal", year="2015", measure="disaster-stock", iso3="LBN")
    infos = [i.value for i in at.info]
    assert any("No data" in i and "starts in 2019" in i for i in infos), infos
    at = run_page("internal", iso3="XKX")  # IDMC covers Kosovo; UNHCR's country list does not name it
    assert at.selectbox(key="url-iso3").value == "XKX"
    assert "Kosovo" in _texts(at)


def test_share_bar_states_the_country_figure_beside_the_world(shared):
    at = run_page("internal", iso3="SDN", year="2020", measure="conflict-flow")
    link_keeps(at, "release=", "iso3=SDN", "year=2020", "measure=conflict-flow")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("During 2020, 79,000 internal displacements (movements) by conflict and "
                                       "violence were recorded in Sudan (a flow")
    assert "of 9.8 million in the 42 countries IDMC reports on" in call["headline"]
    assert "GRID 2025" in call["headline"]  # the release
    rows = dict(call["figures"].to_numpy())
    assert rows["Sudan"] == "79,000" and rows["World (sum of 42 countries)"] == "9,769,800"
    assert "non-commercial" in " ".join(call["notes"])


def test_share_bar_without_figures_for_the_year_falls_back_to_the_world(shared):
    run_page("internal", year="2015", measure="disaster-stock")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("IDMC has no figures for people displaced by disasters (stock) in 2015")
    assert "73.5 million people were internally displaced by conflict and violence" in call["headline"]
