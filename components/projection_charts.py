"""Plotly figures for the Projections page (unframed: the page passes them through charts.frame).

Official figures are a solid line; projections are dashed with shaded 80% and 95% ranges; scenarios are
dotted in their own colour; a vertical line marks the last official figure. Every projected point says
"projection" on hover, every scenario point "scenario".
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from displacement.text import _, ngettext

SCENARIO_COLOUR = "#E07B00"  # orange: apart from every population-type colour
CLAIM_COLOUR = "#D25A45"
NAIVE_COLOUR = "#8C8C8C"
VINTAGE_COLOUR = "#595959"
MODEL_COLOURS = {"combined": "#18375F", "naive": NAIVE_COLOUR, "drift": "#0072BC", "shrunk_drift": "#A097E3",
                 "holt_damped": "#32C189", "theta": "#6CD8FD"}


def _rgba(hex_colour: str, alpha: float) -> str:
    hex_colour = hex_colour.lstrip("#")
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def fan_chart(history: pd.Series, projection: pd.DataFrame, *, colour: str, name: str,
              scenario: pd.DataFrame | None = None, scenario_name: str = "Scenario",
              first_year: int | None = None, vintages: dict[int, pd.DataFrame] | None = None) -> go.Figure:
    """History (solid), the projection (dashed) with its 80% and 95% ranges (shaded), an optional scenario
    (dotted), earlier projections (thin, grey: ``{origin: year, point}``, each drawn from the official figure
    of its origin) and a vertical line at the last official figure. ``projection`` has year, point, lo80..hi95."""
    last_year, last_value = int(history.index[-1]), float(history.iloc[-1])
    shown = history[history.index >= first_year] if first_year else history
    fig = go.Figure()
    # The ranges start at the last official figure so the fan opens from it.
    years = [last_year, *projection["year"].astype(int)]
    for level, alpha in (("95", 0.13), ("80", 0.28)):
        lo = [last_value, *projection[f"lo{level}"]]
        hi = [last_value, *projection[f"hi{level}"]]
        if projection[f"lo{level}"].isna().all():
            continue
        fig.add_trace(go.Scatter(x=years + years[::-1], y=hi + lo[::-1], fill="toself", mode="none",
                                 fillcolor=_rgba(colour, alpha), hoverinfo="skip",
                                 name=_("Projection: {level}% range").format(level=level), legendgroup=f"range{level}"))
    fig.add_trace(go.Scatter(
        x=shown.index, y=shown.to_numpy(dtype="float64"), mode="lines", name=name,
        line={"color": colour, "width": 3},
        hovertemplate=_("%{x}: %{y:,.0f} (official)") + "<extra></extra>"))
    custom = projection[["lo80", "hi80", "lo95", "hi95"]].to_numpy(dtype="float64")
    fig.add_trace(go.Scatter(
        x=years, y=[last_value, *projection["point"]], mode="lines+markers", name=_("Projection (not official)"),
        line={"color": colour, "width": 2.5, "dash": "dash"}, marker={"size": [0] + [6] * len(projection)},
        customdata=[[last_value] * 4, *custom.tolist()],
        hovertemplate=_("%{x} projection: %{y:,.0f}<br>80% range %{customdata[0]:,.0f} to %{customdata[1]:,.0f}"
                        "<br>95% range %{customdata[2]:,.0f} to %{customdata[3]:,.0f}") + "<extra></extra>"))
    for origin, path in sorted((vintages or {}).items(), reverse=True):
        _add_vintage(fig, history, origin, path, last_year - origin)
    if scenario is not None and not scenario.empty:
        fig.add_trace(go.Scatter(
            x=[last_year, *scenario["year"].astype(int)], y=[last_value, *scenario["value"]], mode="lines+markers",
            name=scenario_name, line={"color": SCENARIO_COLOUR, "width": 2.5, "dash": "dot"},
            marker={"size": [0] + [6] * len(scenario), "symbol": "diamond"},
            hovertemplate=_("%{x} scenario: %{y:,.0f}") + "<extra></extra>"))
    fig.add_vline(x=last_year, line={"color": "#444444", "width": 1, "dash": "dot"})
    fig.add_annotation(x=last_year, y=1, yref="paper", text=_("Last official figure ({year})").format(year=last_year),
                       showarrow=False, xanchor="right", yanchor="bottom", font={"size": 11, "color": "#444444"},
                       xshift=-4)
    fig.update_yaxes(rangemode="tozero", tickformat="~s", title=None)
    fig.update_xaxes(dtick=5 if len(shown) + len(projection) > 20 else 1)
    fig.update_layout(hovermode="closest")
    return fig


def _add_vintage(fig: go.Figure, history: pd.Series, origin: int, path: pd.DataFrame, age: int) -> None:
    """One earlier projection: thinner and lighter the older it is."""
    start = float(history.loc[origin])
    fig.add_trace(go.Scatter(
        x=[origin, *path["year"].astype(int)], y=[start, *path["point"]], mode="lines",
        name=_("Projected with data to {year} (not official)").format(year=origin), legendgroup="vintages",
        line={"color": VINTAGE_COLOUR, "width": 1.6, "dash": "dot"}, opacity=max(0.35, 0.85 - 0.2 * (age - 1)),
        hovertemplate=_("%{{x}}: %{{y:,.0f}} (projected with data to {year})").format(year=origin)
        + "<extra></extra>"))


def track_record_chart(summary: pd.DataFrame, chosen: str, labels: dict[str, str]) -> go.Figure:
    """Average error (%) by years ahead for each model; the shown model thick, holding flat grey and dashed.
    The scale stops at three times the worst of the shown model and holding flat, so one wild model cannot
    flatten the others; a model that leaves the scale says so in the legend (exact values on hover)."""
    fig = go.Figure()
    reference = summary[summary["model"].isin([chosen, "naive"])]["mape"].max()
    top = 3 * reference if pd.notna(reference) and reference > 0 else summary["mape"].max()
    for model, rows in summary.groupby("model", sort=False):
        rows = rows.sort_values("horizon")
        bold = model == chosen
        off = rows["mape"].max() > top
        method = labels.get(model, model)
        fig.add_trace(go.Scatter(
            x=rows["horizon"], y=rows["mape"], mode="lines+markers",
            name=_("{method} ↑ off scale").format(method=method) if off else method,
            line={"color": MODEL_COLOURS.get(model, "#666666"), "width": 4 if bold else 1.5,
                  "dash": "dash" if model == "naive" else "solid"},
            marker={"size": 10 if bold else 6},
            customdata=rows[["coverage80", "coverage95", "n"]].to_numpy(dtype="float64"),
            hovertemplate=_("{method}, %{{x}} year(s) ahead: off by %{{y:.1f}}% on average<br>80% range held the "
                            "actual figure %{{customdata[0]:.0%}} of the time, 95% range %{{customdata[1]:.0%}} "
                            "(%{{customdata[2]}} forecasts)").format(method=method) + "<extra></extra>"))
    horizons = sorted(summary["horizon"].unique())
    fig.update_xaxes(tickvals=horizons,
                     ticktext=[ngettext("{n} yr ahead", "{n} yr ahead", h).format(n=h) for h in horizons],
                     range=[min(horizons) - 0.3, max(horizons) + 0.3])
    fig.update_yaxes(range=[0, 1.08 * min(top, summary["mape"].max())], ticksuffix="%")
    return fig


def claim_chart(table: pd.DataFrame, since: int) -> go.Figure:
    """What '+10 million a year' from the claim's date implied (dotted), next to the data on UNHCR's basis
    (solid), from `since` (displacement.figures.headline.claim_table's columns)."""
    shown = table[table["year"] >= since - 5]
    claimed = table.dropna(subset=["claimed"])
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=shown["year"], y=shown["value"].astype("float64"), mode="lines+markers",
                             name=_("Forcibly displaced (official, UNHCR's basis)"),
                             line={"color": "#333333", "width": 3},
                             hovertemplate=_("%{x}: %{y:,.0f} (official)") + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=claimed["year"], y=claimed["claimed"].astype("float64"), mode="lines+markers",
                             name=_("What +10 million a year from May 2023 would have given (a claim, not data)"),
                             line={"color": CLAIM_COLOUR, "width": 2.5, "dash": "dot"}, marker={"symbol": "x",
                                                                                                "size": 9},
                             hovertemplate=_("%{x}: %{y:,.0f} if the claim had held") + "<extra></extra>"))
    fig.update_yaxes(tickformat="~s", rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return fig
