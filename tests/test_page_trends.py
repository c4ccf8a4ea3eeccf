"""The Trends page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

from pages import brief_ready, figures, link_keeps, run_page, share_link, texts, title

PUBLISHED = "Published by UNHCR (as first published)"
RELEASE = "UNHCR refugees R package 2025.12.1"


def test_default_view_series_published_markers_and_crises():
    at = run_page("trends")
    assert not at.warning
    assert at.title[0].value == "How has forced displacement changed over time?"
    assert at.slider(key="years").value == (1990, 2025)
    assert at.segmented_control(key="url-scale").value == "linear"
    [fig] = figures(at)
    traces = {t.name: t for t in fig.data}
    total = traces["Forcibly displaced"]  # on UNHCR's basis: the plain sum minus the Gaza overlap
    assert list(total.y)[-2:] == [124_673_873 - 1_422_400, 119_254_738 - 1_424_500]  # end-2024, end-2025
    published = [t for t in fig.data if t.name == PUBLISHED]
    assert published and all(t.mode == "markers" for t in published)  # separate traces, never merged
    values = {round(y / 1e6, 1) for t in published for y in t.y}
    assert {123.2, 117.3, 122.6} <= values
    assert traces["Refugees"].line.color == "#0072BC"  # one colour per type (components.labels)
    labels = {a.text for a in fig.layout.annotations}
    assert {"Syria", "South Sudan", "Venezuela", "Afghanistan", "Ukraine", "Sudan"} <= labels
    text = texts(at)
    assert "End-2024: UNHCR published 123.2 million; on the same basis the data give 123.3 million" in text
    assert "Forcibly displaced 41.2 million in 1990, 117.8 million in 2025" in text  # text alternative
    assert "From end-1990 to end-2025, the number of people forcibly displaced worldwide rose by" in text
    assert "24 February 2022" in text  # crisis list with dates
    assert "not collected" in text  # asylum-seekers before 1993 left empty, not zero
    assert len([b for b in at.get("download_button") if "CSV" in b.label]) == 2  # data shown, full table


def test_url_restores_view_log_scale_share_and_stateless():
    at = run_page("trends", scale="log", measure="share", years=["2000", "2020"], types=["refugees", "stateless"],
                  events="false", published="false")
    assert not at.warning
    assert at.segmented_control(key="url-scale").value == "log"
    assert at.segmented_control(key="url-measure").value == "share"
    assert at.slider(key="years").value == (2000, 2020)
    assert at.multiselect(key="url-types").value == ["refugees", "stateless"]
    assert at.checkbox(key="events").value is False
    main, stateless = figures(at)
    assert main.layout.yaxis.type == "log"
    assert [t.name for t in main.data] == ["Refugees"]  # no published markers, shares only
    assert not [a for a in main.layout.annotations if a.text == "Ukraine"]
    assert 20 < list(main.data[0].y)[-1] < 30  # refugees' share of the total, %
    assert "Stateless people reported to UNHCR" in title(stateless)
    text = texts(at)
    assert "Stateless people reported to UNHCR: 1.5 million in 2004, 4.2 million in 2020" in text  # from 2004
    assert "stateless people worldwide in 2000–2003" in text


def test_change_view_is_linear_even_when_log_is_asked():
    at = run_page("trends", measure="change", scale="log")
    [fig] = figures(at)
    assert fig.layout.yaxis.type == "linear"
    assert any("cannot show decreases" in i.value for i in at.info)


def test_invalid_link_parameters_give_a_notice():
    at = run_page("trends", scale="sideways", years="1800", types=["refugees", "Nonsense"], colour="red")
    warnings = "\n".join(w.value for w in at.warning)
    assert "“scale” = “sideways”" in warnings
    assert "“years”" in warnings
    assert "Nonsense" in warnings
    assert "unknown link parameter “colour”" in warnings
    assert at.segmented_control(key="url-scale").value == "linear"


def test_no_type_chosen_shows_a_message_not_an_empty_chart():
    at = run_page("trends", types=["stateless"], years=["1960", "1970"])
    assert any("No figures for stateless people between 1960 and 1970" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_share_bar_cites_the_default_view(shared):
    at = run_page("trends")
    assert "release=" in share_link(at)
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("There were 117.8 million people forcibly displaced worldwide at end-2025")
    assert "counted once" in call["headline"]  # UNHCR's basis, said in the sentence
    assert "up from 41.2 million at end-1990" in call["headline"] and RELEASE in call["headline"]
    assert call["source_ids"] == ["population", "unrwa", "idmc", "published-headlines"]
    figures = call["figures"].set_index("Population type (people)")
    assert list(figures.columns) == ["end-1990", "end-2025"]
    assert figures.loc["Forcibly displaced (UNHCR's basis: the Gaza overlap counted once)", "end-2025"] == \
        f"{119_254_738 - 1_424_500:,}"
    assert figures.loc["Asylum-seekers", "end-1990"] == "no data"  # not collected: never 0
    assert title(call["fig"]).startswith("Forcibly displaced people, by type")


def test_share_bar_follows_the_view_in_the_link(shared):
    at = run_page("trends", measure="share", years=["2000", "2020"], types=["refugees", "stateless"])
    link_keeps(at, "release=", "measure=share", "years=2000", "years=2020", "types=refugees",
               "types=stateless")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("Refugees under UNHCR's mandate worldwide")
    assert "were 25.4% of the forcibly displaced total at end-2020, against 31.8% at end-2000" in call["headline"]
    figures = call["figures"].set_index("Population type")
    refugees = figures.loc["Refugees under UNHCR's mandate, % of the forcibly displaced total"]
    assert refugees.tolist() == ["31.8%", "25.4%"]
    assert figures.loc["Stateless people, people"].tolist() == ["no data", "4,179,331"]  # people, not a share
