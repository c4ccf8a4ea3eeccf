"""The Compare page's chart: one line per country or region, gaps where a year has no figure (never drawn
as zero). Names come from the data: made inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from displacement.formatting import chart_text

# Eight colours told apart with colour-blindness (Okabe and Ito), with a dash pattern each as a second cue.
LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933"]
DASHES = ["solid", "dash", "dot", "dashdot", "solid", "dash", "dot", "dashdot"]


def compare_figure(shown: pd.DataFrame, unit: str, scale: str) -> go.Figure:
    """`shown`: year, label, shown (compare.compare_values). connectgaps is off: a missing year breaks the line."""
    fig = go.Figure()
    number = ",.1f" if scale == "index" else ",.2f" if unit == "per-1000" else ",.0f"
    for i, (label, rows) in enumerate(shown.groupby("label", sort=False)):
        name = chart_text(label)
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["shown"].astype("Float64"), name=name, mode="lines+markers", connectgaps=False,
            line={"color": LINE_COLOURS[i % 8], "width": 2.5, "dash": DASHES[i % 8]}, marker={"size": 5},
            hovertemplate="%{x}: %{y:" + number + "}<extra>" + name + "</extra>"))
    if scale == "index":
        fig.add_hline(y=100, line={"color": "#999999", "width": 1, "dash": "dot"})
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(tickformat="," if scale != "index" and unit == "people" else None, rangemode="tozero")
    return fig
