"""The Flows page's Sankey (no Streamlit calls): one country's largest corridors, coloured by population
type, with a legend a Sankey lacks. Text from the data is made inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from displacement.figures.corridors import OTHER, SMALL
from displacement.formatting import chart_text
from displacement.vocabulary import CROSS_BORDER

LABEL_WIDTH = 34  # characters of a node label before it is cut (the whole name is on hover)


def sankey_figure(links: pd.DataFrame, side: str) -> go.Figure:
    nodes = list(dict.fromkeys([*links["source"], *links["target"]]))
    index = {n: i for i, n in enumerate(nodes)}
    partners = dict(zip(links["target" if side == "origin" else "source"], links["partner_count"]))
    names = [f"{OTHER} ({partners.get(n, 0)} corridors)" if n == OTHER else n for n in nodes]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": [chart_text(_cut(n)) for n in names], "pad": 12, "thickness": 16,
              "color": ["#7f7f7f" if n in (OTHER, SMALL) else "#18375F" for n in nodes],
              "customdata": [chart_text(n) for n in names],
              "hovertemplate": "%{customdata}: %{value:,.0f} people<extra></extra>"},
        link={"source": [index[s] for s in links["source"]], "target": [index[t] for t in links["target"]],
              "value": links["value"], "color": [_rgba(labels.COLOURS[p], 0.65) for p in links["part"]],
              "customdata": [labels.SHORT[p] for p in links["part"]],
              "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}: %{value:,.0f}<extra></extra>"}))
    for part in CROSS_BORDER:  # a legend for the link colours
        if (links["part"] == part).any():
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels.SHORT[part],
                                     marker={"size": 10, "symbol": "square", "color": labels.COLOURS[part]}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def node_count(links: pd.DataFrame) -> int:
    return len(set(links["source"]) | set(links["target"]))


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"


def _rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"
