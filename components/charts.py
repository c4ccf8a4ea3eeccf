"""Chart frames: every figure carries its title, unit, source line and 'data as of' inside it, so a
PNG, SVG or screenshot keeps its attribution."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

FONT = "Source Sans Pro, Arial, sans-serif"
# The Plotly toolbar: PNG from the camera button at print size; SVG via the second config below.
TOOLBAR = {"displaylogo": False, "responsive": True,
           "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "displacement-chart"},
           "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def frame(fig: go.Figure, *, title: str, unit: str, source: str, as_of: str, height: int = 440) -> go.Figure:
    """Title and unit at the top, source and 'data as of' at the bottom, all inside the figure."""
    fig.update_layout(
        title={"text": f"<b>{_escape(title)}</b><br><span style='font-size:12px'>{_escape(unit)}</span>",
               "x": 0, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        font={"family": FONT, "size": 13, "color": "#1a1a1a"},
        margin={"l": 10, "r": 10, "t": 78, "b": 92},
        height=height, paper_bgcolor="white", plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.16, "x": 0, "yanchor": "top", "font": {"size": 11}},
        hoverlabel={"namelength": -1},
    )
    fig.add_annotation(text=f"Source: {_escape(source)}<br>Data as of {_escape(as_of)}",
                       xref="paper", yref="paper", x=0, y=-0.30, xanchor="left", yanchor="top",
                       showarrow=False, align="left", font={"size": 10, "color": "#444444"})
    fig.update_xaxes(showgrid=False, linecolor="#999999")
    fig.update_yaxes(gridcolor="#e6e6e6", zerolinecolor="#999999")
    return fig


def _escape(text: str) -> str:
    """Plotly renders a small HTML subset in text: never let data-driven text become markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show(fig: go.Figure, *, key: str, alt: str) -> None:
    """Draw with the toolbar (PNG and SVG export) and a text alternative for screen readers."""
    st.plotly_chart(fig, key=key, config={**TOOLBAR, "toImageButtonOptions": {
        **TOOLBAR["toImageButtonOptions"], "filename": key}}, width="stretch")
    st.caption(alt)


def svg_config(key: str) -> dict:
    return {**TOOLBAR, "toImageButtonOptions": {"format": "svg", "filename": key}}
