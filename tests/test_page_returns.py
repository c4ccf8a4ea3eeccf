"""The Return after conflict page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

from pages import brief_ready, figures, link_keeps, run_page, texts, title

from displacement.figures import return_scenarios as rs
from displacement.figures import returns
from displacement.storage.datasets import open_datasets
from displacement.turning_points import load_turning_points


def test_default_view_shows_history_and_ukraine_scenarios_apart(monkeypatch):
    calls = []
    monkeypatch.setattr("components.share.share_bar", lambda data, **kw: calls.append(kw))
    at = run_page("returns")
    assert at.title[0].value == "Return after conflict" and not at.warning
    history, scenario = figures(at)
    assert "% of the refugee stock" in title(history)
    assert len(history.data) == len(load_turning_points())
    assert title(scenario).startswith("Scenario, not data: Ukraine")
    recorded, *projected = scenario.data
    assert recorded.name == "Refugees, recorded (UNHCR)" and max(recorded.x) == 2025
    assert all(t.name.startswith("Scenario: like") and min(t.x) == 2026 for t in projected)
    shown = texts(at)
    assert "What an analogue cannot know" in shown and "5,224,131" in shown
    assert at.selectbox(key="url-iso3").value == "UKR"
    assert at.get("page_link")  # the statistical projection beside it
    [call] = calls
    brief_ready(call)
    assert "Scenario" in call["headline"] or "scenario" in call["headline"]


def test_the_episode_table_carries_the_data_and_keeps_gaps():
    at = run_page("returns")
    table = at.dataframe[0].value.set_index("Episode")
    assert table.loc["Mozambique 1992", "Refugee returns, years 1-5"] == 1_569_528
    assert table.loc["Guatemala 1996", "Years with a figure"] == 4
    assert table.loc["Syria 2024", "Years with a figure"] == 1
    assert table["Source"].str.startswith("https://").all()


def test_link_restores_country_start_and_analogues_and_ignores_odd_values():
    at = run_page("returns", iso3="syr", start="2027", analogue=["mozambique-1992", "guatemala-1996", "x"])
    assert at.selectbox(key="url-iso3").value == "SYR"
    assert at.selectbox(key="url-start").value == 2027
    assert at.multiselect(key="url-analogue").value == ["mozambique-1992", "guatemala-1996"]
    assert any("“analogue”" in w.value for w in at.warning)
    link_keeps(at, "iso3=SYR", "start=2027", "analogue=mozambique-1992")
    at = run_page("returns", start="1990", iso3="ZZZ")
    assert at.selectbox(key="url-start").value == 2026 and at.selectbox(key="url-iso3").value == "UKR"
    assert any("“start”" in w.value for w in at.warning) and any("“iso3”" in w.value for w in at.warning)


def test_the_page_and_the_plain_functions_give_the_same_projection():
    data = open_datasets()
    points = load_turning_points()
    population = data.table("population", "by_origin")
    paths, _ = returns.history(points, data.table("solutions", "by_origin"), population)
    result = rs.scenarios("UKR", 2026, ["liberia-2003"], points, paths, population)
    at = run_page("returns", analogue="liberia-2003")
    table = at.dataframe[1].value.set_index("Year")
    expected = result["table"].set_index("year")["projected_stock"]
    assert table.loc[2030, "Liberia 2003: stock (scenario)"] == expected[2030]
