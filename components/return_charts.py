"""The Returns page's figures (no Streamlit calls): cumulative returns as a share of the stock by year since
the event, and the scenario chart (projected stock by analogue beside UNHCR's recorded stock, never joined).
Labels come from the curated list or the data and are made inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from displacement.formatting import chart_text
from displacement.text import _

RECORDED = labels.COLOURS["refugees"]
# One colour per analogue, distinct from the refugees' blue; scenarios are always dashed.
SCENARIO_COLOURS = ["#A097E3", "#D25A45", "#32C189", "#FFC740", "#18375F", "#6CD8FD", "#333333"]


def history_figure(paths: pd.DataFrame) -> go.Figure:
    """One line per episode: cumulative refugee returns / base stock, years 1..5; a gap where a year is
    missing (the line breaks) and nothing for years not yet in the data."""
    fig = go.Figure()
    for __, path in paths.groupby("episode", sort=False):
        name = chart_text(path["label"].iloc[0])
        shares = (path["cumulative_share"] * 100).astype("float64")
        fig.add_trace(go.Scatter(x=path["years_since"], y=shares, name=name, mode="lines+markers",
                                 connectgaps=False, line={"width": 2},
                                 # 1-D arrays only: a 2-D customdata travels with a shape Plotly writes as text.
                                 text=[str(y) for y in path["year"]],
                                 customdata=path["cumulative_returns"].astype("float64"),
                                 hovertemplate=_("Year %{x} (%{text}): %{y:.1f}% of the stock, "
                                                 "%{customdata:,.0f} people") + "<extra>" + name + "</extra>"))
    fig.add_hline(y=100, line={"color": "#999999", "dash": "dot"}, annotation_text=_("100% of the base stock"),
                  annotation_position="top left")  # not text
    fig.update_xaxes(dtick=1)  # its meaning is in the unit line: an axis title would sit on the source line
    fig.update_yaxes(title=_("Cumulative returns, % of the refugee stock"), ticksuffix="%")
    return fig


def scenario_figure(recorded: pd.DataFrame, table: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """UNHCR's recorded refugee stock (solid) and each analogue's projected stock (dashed, 'scenario'),
    as separate traces: the scenario starts from the recorded base but is never drawn as its continuation."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=recorded["year"], y=recorded["refugees"].astype("float64"),
                             name=_("Refugees, recorded (UNHCR)"), mode="lines+markers",
                             line={"color": RECORDED, "width": 3},
                             hovertemplate="%{x}: %{y:,.0f}<extra>" + _("Recorded (UNHCR)") + "</extra>"))
    for i, (analogue, rows) in enumerate(table.groupby("analogue", sort=False) if not table.empty else []):
        name = chart_text(_("Scenario: like {episode}").format(episode=names.get(analogue, analogue)))
        fig.add_trace(go.Scatter(x=rows["year"], y=rows["projected_stock"].astype("float64"), name=name,
                                 mode="lines+markers", connectgaps=False,
                                 line={"color": SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)], "dash": "dash"},
                                 customdata=rows["projected_returns"].astype("float64"),
                                 hovertemplate=_("%{x}: %{y:,.0f} left, %{customdata:,.0f} returns")
                                 + "<extra>" + _("{name} (not data)").format(name=name) + "</extra>"))
    if not table.empty:
        fig.add_vrect(x0=table["year"].min() - 0.5, x1=table["year"].max() + 0.5, fillcolor="#f2f2f2",
                      line_width=0, layer="below", annotation_text=_("Scenarios, not data"),
                      annotation_position="top left")  # not text
    fig.update_yaxes(title=_("Refugees from the country (people)"), rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return fig
