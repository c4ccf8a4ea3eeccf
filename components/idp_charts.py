"""The Internal displacement page's figures (no Streamlit calls): stocks as lines, flows as bars (never on
one axis), and the countries with the most. Text from the data is made inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from components.charts import is_footer
from displacement.formatting import chart_text
from displacement.text import N_, _

CONFLICT, DISASTER = labels.COLOURS["idps_conflict"], labels.COLOURS["idps_disaster"]
TOTAL_COLOUR = "#333333"
# (column, legend name: a message shown through _(), colour, dash or pattern)
STOCK_LINES = [("idps_conflict_stock", N_("Conflict and violence"), CONFLICT, "solid"),
               ("idps_disaster_stock", N_("Disasters"), DISASTER, "dash"),
               ("idps_total_stock", N_("Total, as IDMC publishes it"), TOTAL_COLOUR, "dot"),
               ("conflict_via_unhcr", N_("Conflict, IDMC via UNHCR"), CONFLICT, "markers")]
FLOW_BARS = [("new_displacements_conflict", N_("Conflict and violence"), CONFLICT, ""),
             ("new_displacements_disaster", N_("Disasters"), DISASTER, "/")]
FLOW_TOTAL = N_("Total, as IDMC publishes it")
# The legend names stay short enough for a phone; what they stand for is said in the unit line.
UNITS = {
    "stock": N_("People, stock at 31 December: conflict and disasters apart, their total (conflict + disasters) as "
                "IDMC publishes it, and the conflict figure UNHCR takes from IDMC (to the latest year)"),
    "flow": N_("Movements during each year (flows; one person can move more than once); the total adds conflict "
               "and disasters as IDMC publishes it")}
# Hatching drawn in white over the bar's colour, so hatched bars stay as visible as plain ones.
PATTERN = {"fillmode": "overlay", "fgcolor": "white", "solidity": 0.35}
COLOUR_OF = {"idps_conflict_stock": CONFLICT, "new_displacements_conflict": CONFLICT,
             "idps_disaster_stock": DISASTER, "new_displacements_disaster": DISASTER}


def series(kind: str) -> list[tuple[str, str]]:
    """(column, legend name) of the stock ('stock') or flow ('flow') chart's series, in the viewer's language."""
    return [(column, _(name)) for column, name, *unused in (STOCK_LINES if kind == "stock" else FLOW_BARS)]


def unit(kind: str) -> str:
    return _(UNITS[kind])


def figure(kind: str, frame: pd.DataFrame) -> go.Figure:
    return stock_figure(frame) if kind == "stock" else flow_figure(frame)


def stock_figure(frame: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, name, colour, dash in STOCK_LINES:
        if column in frame and frame[column].notna().any():
            markers, text = dash == "markers", _(name)
            fig.add_trace(go.Scatter(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                     mode="markers" if markers else "lines+markers",
                                     line={"color": colour, "width": 3, "dash": None if markers else dash},
                                     marker={"size": 9 if markers else 5,
                                             "symbol": "circle-open" if markers else "circle"},
                                     hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    return fig


def flow_figure(frame: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column, name, colour, pattern in FLOW_BARS:
        if frame[column].notna().any():
            text = _(name)
            fig.add_trace(go.Bar(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                 marker={"color": colour, "pattern": {"shape": pattern, **PATTERN}},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    if "new_displacements_total" in frame and frame["new_displacements_total"].notna().any():
        total = _(FLOW_TOTAL)
        fig.add_trace(go.Scatter(x=frame["year"], y=frame["new_displacements_total"].astype("Float64"),
                                 name=total, mode="lines+markers", line={"color": TOTAL_COLOUR, "dash": "dot"},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + total + "</extra>"))
    fig.update_layout(barmode="group")
    return fig


def top_figure(top: pd.DataFrame, column: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=top[column].astype("Float64"), y=top["name"].map(chart_text), orientation="h",
                           marker_color=COLOUR_OF[column], hovertemplate="%{y}: %{x:,.0f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", automargin=False)
    return fig


def names_at_left(fig: go.Figure, names: pd.Series) -> None:
    """Room for the names at the left, with the frame's source line moved under them, so a phone-width
    screenshot keeps the whole attribution (names have a fixed pixel width whatever the screen)."""
    label_px = 7 * int(names.str.len().max()) + 8
    fig.update_layout(margin={"l": label_px + 10})
    for note in fig.layout.annotations:
        if is_footer(note):
            note.xshift = -label_px
