"""The Flows page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

from pages import as_read, brief_ready, figures, link_keeps, run_page, texts, title

from components import flow_charts


def test_default_view_sankey_from_the_largest_origin():
    at = run_page("flows")
    assert not at.warning
    assert at.selectbox(key="url-origin").value == "VEN"
    assert at.slider(key="year").value == 2025
    [fig] = figures(at)
    sankey = fig.data[0]
    assert sankey.type == "sankey"
    assert sum(flow_charts.drawn_links(fig)) == 7_640_872  # Venezuela's total by origin, end-2025: nothing lost
    nodes = list(sankey.node.label)
    assert "Colombia  2.83 M" in nodes and any(n.startswith("16 other countries  ") for n in nodes)
    assert "People from Venezuela (Bolivarian Republic of), by country of asylum" in title(fig)
    assert "7,640,872 in all" in title(fig)
    colours = set(sankey.link.color)
    assert "rgba(210,90,69,0.65)" in colours  # OIP in its own colour
    assert "Only origin-to-asylum pairs of 1,000 people or more, from 2000, are bundled" in texts(at)
    world = at.dataframe[1].value
    assert len(world) == 25
    assert world.iloc[0][["origin_iso3", "asylum_iso3", "total"]].tolist() == ["VEN", "COL", 2_828_195]
    # corridors (shown, full), world (shown, full)
    assert len([b for b in at.get("download_button") if "CSV" in b.label]) == 4


def test_url_restores_asylum_view_with_a_code():
    at = run_page("flows", direction="asylum", asylum="deu", year="2015", top="5")
    assert not at.warning
    assert at.segmented_control(key="url-direction").value == "asylum"
    assert at.selectbox(key="url-asylum").value == "DEU"
    assert at.select_slider(key="top").value == 5
    [fig] = figures(at)
    assert "Where the people hosted in Germany come from, end-2015" in title(fig)
    assert sum(flow_charts.drawn_links(fig)) == 736_668
    assert "Largest corridors: Syrian Arab Rep. 197,186; Iraq 76,674; Afghanistan 72,628." in texts(at)


def test_url_accepts_the_country_name_shown():
    at = run_page("flows", origin="Ukraine", year="2005")
    assert not at.warning
    assert at.selectbox(key="url-origin").value == "UKR"


def test_invalid_parameters_give_a_notice():
    at = run_page("flows", origin="XYZ", year="1990", rows="7")
    warnings = "\n".join(w.value for w in at.warning)
    assert "“origin” = “XYZ”" in warnings and "“year” = “1990”" in warnings and "“rows” = “7”" in warnings
    assert at.selectbox(key="url-origin").value == "VEN"


def test_country_year_without_corridors_gives_a_message_not_a_zero():
    at = run_page("flows", origin="VEN", year="2001")
    info = as_read("\n".join(i.value for i in at.info))
    assert "No corridor of 1,000 people or more from Venezuela (Bolivarian Republic of) in 2001" in info
    assert "798 people" in info and "all in corridors under 1,000 people" in info
    assert not at.get("plotly_chart")
    at = run_page("flows", origin="SSD", year="2005")
    assert any("No corridor of 1,000 people or more from South Sudan in 2005" in as_read(i.value) for i in at.info)


def test_share_bar_states_the_country_total_and_its_largest_corridor(shared):
    at = run_page("flows", direction="asylum", asylum="TUR", year="2020", top="5")
    link_keeps(at, "release=", "direction=asylum", "asylum=TUR", "year=2020", "top=5")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("At end-2020, Türkiye hosted 4.0 million refugees, asylum-seekers and other "
                                       "people in need of international protection (a stock), the most from "
                                       "Syrian Arab Rep. (3.6 million)")
    figures = call["figures"]
    assert len(figures) == 5 and figures.iloc[0, 0] == "Syrian Arab Rep." and figures.iloc[0, 2] == "91.6%"
    assert call["fig"].data[0].type == "sankey"
