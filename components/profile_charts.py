"""The Country profile's figures (no Streamlit calls): stacked areas of people who fled and people hosted,
IDP lines from both sources, bars of flows, decisions and the recognition rate, people hosted per 1,000
inhabitants. Stocks and flows are never on one chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from components.idp_charts import PATTERN
from displacement.figures.profile import DECISION_LABELS, idp_series
from displacement.text import _
from displacement.vocabulary import CROSS_BORDER, short_label

DECISION_COLOURS = {"recognized": labels.COLOURS["refugees"], "complementary": "#589BE5",
                    "rejected": "#666666", "closed": "#BFBFBF"}
# The bars of flows, by the column they draw: (colour, hatching), so the bars read apart in grey too.
BAR_STYLE = {"returned_refugees": (labels.COLOURS["returned_refugees"], ""),
             "returned_idps": (labels.COLOURS["returned_idps"], "/"),
             "resettlement": (labels.COLOURS["refugees"], ""), "naturalisation": ("#589BE5", "x"),
             "persons": (labels.COLOURS["asylum_seekers"], ""), "cases": ("#666666", ".")}
IDP_STYLE = {"conflict_via_unhcr": (labels.COLOURS["idps_conflict"], "solid", False),  # colour, dash, markers only
             "idps_conflict_stock": ("#1b7a52", "dot", True),
             "idps_disaster_stock": (labels.COLOURS["idps_disaster"], "dash", False)}


def _hover(text: str, value: str = "%{y:,.0f}") -> str:
    return "%{x}: " + value + "<extra>" + text + "</extra>"


def area_figure(trend: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for kind in CROSS_BORDER:
        if trend[kind].notna().any():
            fig.add_trace(go.Scatter(x=trend["year"], y=trend[kind].astype("Float64"), name=short_label(kind),
                                     stackgroup="one", line={"width": 0.5, "color": labels.COLOURS[kind]},
                                     hovertemplate=_hover(short_label(kind))))
    return fig


def idp_figure(shown: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, text in idp_series():
        colour, dash, markers = IDP_STYLE[column]
        if shown[column].notna().any():
            fig.add_trace(go.Scatter(x=shown["year"], y=shown[column].astype("Float64"), name=text,
                                     mode="markers" if markers else "lines+markers",
                                     line={"color": colour, "width": 3, "dash": dash},
                                     marker={"size": 9 if markers else 6,
                                             "symbol": "circle-open" if markers else "circle"},
                                     hovertemplate=_hover(text)))
    return fig


def bars_figure(frame: pd.DataFrame, series: list[tuple[str, str]]) -> go.Figure:
    """Grouped bars, one per (column, words) with a figure, in the column's colour and hatching (BAR_STYLE)."""
    fig = go.Figure()
    for column, text in series:
        colour, pattern = BAR_STYLE[column]
        if frame[column].notna().any():
            fig.add_trace(go.Bar(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                 marker={"color": colour, "pattern": {"shape": pattern, **PATTERN}},
                                 hovertemplate=_hover(text)))
    fig.update_layout(barmode="group", showlegend=True)  # a lone series still says what its bars are
    return fig


def decisions_figure(shown: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, message in DECISION_LABELS.items():
        fig.add_trace(go.Bar(x=shown["year"], y=shown[column].astype("Float64"), name=_(message),
                             marker_color=DECISION_COLOURS[column], hovertemplate=_hover(_(message))))
    fig.update_layout(barmode="stack")
    return fig


def recognition_figure(rates: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Scatter(x=rates["year"], y=rates["recognition_rate"].astype("Float64") * 100,
                               mode="lines+markers", name=_("Total recognition rate"),
                               line={"color": labels.COLOURS["refugees"], "width": 3},
                               hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    return fig


def burden_figure(burden: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Scatter(x=burden["year"], y=burden["per_1000"].astype("Float64"), mode="lines",
                               name=_("Hosted per 1,000 inhabitants"),
                               line={"color": labels.COLOURS["refugees"], "width": 3},
                               customdata=burden[["population_year"]],
                               # Plotly's placeholders (%{...}) stay as they are in every language.
                               hovertemplate=_("%{x}: %{y:,.2f} per 1,000 (population of %{customdata[0]})")
                               + "<extra></extra>"))
    fig.update_yaxes(rangemode="tozero")
    return fig
