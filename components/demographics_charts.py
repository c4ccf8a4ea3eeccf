"""The Age and sex page's chart: the shares for a country beside the world, as horizontal bars. Names come
from the data: made inert for Plotly."""

from __future__ import annotations

import plotly.graph_objects as go

from displacement.figures.demographics import SHARES, SHORT
from displacement.formatting import chart_text, local_number
from displacement.text import _

PLACE_COLOURS = ["#0072BC", "#8C8C8C"]  # the country in UNHCR blue, the world in grey


def shares_figure(found: list[tuple[str, dict]]) -> go.Figure:
    """`found`: (place name, demographics.breakdown(...)) pairs; a share without a breakdown is left out, not 0."""
    fig = go.Figure()
    labels = [_(SHORT[key]) for key in SHARES]
    for (name, figures), colour in zip(found, PLACE_COLOURS):
        coverage = figures["coverage_pct"]
        label = chart_text(name) if coverage is None else _("{place} (breakdown covers {coverage}%)").format(
            place=chart_text(name), coverage=local_number(coverage, 1, grouping=False))
        fig.add_trace(go.Bar(
            y=labels, x=[figures[key] for key in SHARES], name=label, orientation="h", marker={"color": colour},
            text=[f"{figures[key]:.1f}%" if figures[key] is not None else "" for key in SHARES], textposition="outside",
            hovertemplate="%{y}: %{x:.1f}%<extra>" + label + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return fig
