"""The Trends and Overview pages' figures (no Streamlit calls): lines of the chosen series on a year-end axis,
UNHCR's published figures as separate markers, crisis marks; the Overview's stacked components and its claim
check. Text from the data is made inert for Plotly; words are in the viewer's language (displacement/text.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from displacement.figures.headline import HEADLINE
from displacement.formatting import chart_text, local_number, period_date, period_label, stored_period_label
from displacement.storage.datasets import HEADLINE_COMPONENTS
from displacement.text import N_, _
from displacement.vocabulary import HEADLINE_ORDER, short_label

PUBLISHED = N_("Published by UNHCR (as first published)")  # the legend entry of every published marker
HOVER = {"share": "%{y:.1f}%", "change": "%{y:+,.0f}", "people": "%{y:,.0f}"}


def year_end_axis(fig: go.Figure, first: int, last: int) -> None:
    """Ticks at 31 December, where each yearly figure sits, so a point is read against its own year
    (a plain date axis would put the end-2024 point next to the '2025' tick)."""
    span = last - first
    step = 1 if span <= 12 else 5 if span <= 40 else 10
    years = [y for y in range(first, last + 1) if y % step == 0 or step == 1]
    fig.update_xaxes(type="date", tickmode="array", tickvals=[period_date(y, "end-year") for y in years],
                     ticktext=[str(y) for y in years])


def line(values: pd.DataFrame, name: str, measure: str, label: str, total: bool = False,
         dotted: bool = False) -> go.Scatter:
    periods = [period_label(y, p) for y, p in zip(values["year"], values["period"])]
    return go.Scatter(x=values["date"], y=values[name].astype("float64"), name=label, mode="lines+markers",
                      line={"color": labels.COLOURS[name], "width": 3 if total else 2,
                            "dash": "dot" if dotted else "solid"},
                      marker={"size": 4}, customdata=periods, connectgaps=False,
                      hovertemplate="%{customdata}: " + HOVER[measure] + "<extra>" + chart_text(label) + "</extra>")


def published_markers(fig: go.Figure, points: pd.DataFrame) -> None:
    """UNHCR's published figures as diamonds, one legend entry for all: never part of a line."""
    # Plotly fills its own %{...} fields on hover: they go into the message as its placeholders' values.
    hovered = _("{period}: {figure} million, published by UNHCR").format(period="%{customdata[0]}",
                                                                          figure="%{customdata[1]:.1f}")
    for index, (name, rows) in enumerate(points.groupby("series", sort=False)):
        notes = [chart_text(n) if isinstance(n, str) else "" for n in rows["notes"]]
        series = _("{series} (published)").format(series=chart_text(short_label(name)))
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["value"], mode="markers", name=_(PUBLISHED), legendgroup="published",
            showlegend=index == 0, marker={"symbol": "diamond", "size": 11, "color": labels.COLOURS[name],
                                           "line": {"color": "#1a1a1a", "width": 1.5}},
            customdata=list(zip(rows["period_label"].map(stored_period_label), rows["value_m"], notes)),
            hovertemplate=hovered + "<br>%{customdata[2]}<extra>" + series + "</extra>"))


def crisis_marks(fig: go.Figure, crises: list) -> None:
    for index, crisis in enumerate(crises):
        x = pd.Timestamp(crisis.date)
        fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper",
                      line={"color": "#666666", "width": 1, "dash": "dot"})
        fig.add_annotation(x=x, xref="x", y=1 - 0.07 * (index % 3), yref="paper", yanchor="top",
                           xanchor="right", text=chart_text(crisis.shown_label), showarrow=False,
                           font={"size": 10, "color": "#444444"}, bgcolor="rgba(255,255,255,0.8)",
                           hovertext=chart_text(f"{crisis.date_text}: {crisis.shown_description}"))


def trend_figure(values: pd.DataFrame, series: list[str], measure: str, log: bool, totals: tuple[str, ...],
                 first: int, last: int) -> go.Figure:
    """The lines of the chosen series, each named by its short label; the totals drawn thicker, the plain sum
    dotted."""
    fig = go.Figure([line(values, name, measure, short_label(name), total=name in totals,
                          dotted=name == "forcibly_displaced") for name in series])
    fig.update_yaxes(type="log" if log else "linear", rangemode="tozero" if not log else None,
                     ticksuffix="%" if measure == "share" else "")
    year_end_axis(fig, first, last)
    return fig


# --- the Overview page ------------------------------------------------------------------------------

def stacked_components(rows: pd.DataFrame, chosen: list[str]) -> go.Figure:
    """The chosen components stacked by year, with the total on UNHCR's basis dotted over them when all five
    are chosen (a partial stack has no total to compare)."""
    fig = go.Figure()
    for name in [c for c in HEADLINE_ORDER if c in chosen]:
        fig.add_trace(go.Scatter(x=rows["year"], y=rows[name].astype("Float64"), name=short_label(name),
                                 stackgroup="one", line={"width": 0.5, "color": labels.COLOURS[name]},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + short_label(name) + "</extra>"))
    if set(chosen) == set(HEADLINE_COMPONENTS):
        fig.add_trace(go.Scatter(x=rows["year"], y=rows[HEADLINE].astype("Float64"), mode="lines",
                                 name=_("Forcibly displaced (UNHCR's basis)"),
                                 line={"color": labels.COLOURS[HEADLINE], "width": 2, "dash": "dot"},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + _("UNHCR's basis") + "</extra>"))
    return fig


def yearly_change_bars(table: pd.DataFrame, per_year: float) -> go.Figure:
    """The claim check: each year's change (headline.claim_table) as bars, the claimed growth a dotted line."""
    fig = go.Figure(go.Bar(x=table["year"], y=table["change"], marker_color=labels.COLOURS["refugees"],
                           name=_("Change on the previous year"), hovertemplate="%{x}: %{y:+,.0f}<extra></extra>"))
    fig.add_hline(y=per_year, line_dash="dot", line_color="#D25A45",
                  annotation_text=_("+{figure} million a year").format(figure=local_number(per_year / 1e6, 0)),
                  annotation_position="top left")  # not text
    return fig
