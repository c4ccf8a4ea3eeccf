"""The Countries page's figures (no Streamlit calls): the stacked bars of the top countries and the
fills of the world map. Text from the data is made inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels, world_map
from displacement.figures.countries import country_label
from displacement.figures.hosting import value_text
from displacement.formatting import chart_text, local_number
from displacement.text import N_, _
from displacement.vocabulary import COUNTS, short_label

BLUES = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]
NO_FIGURE = "#e6e6e6"
NO_FIGURE_LABEL = N_("no figure")  # the legend entry and group of grey countries
LABEL_WIDTH = 26  # characters of a bar's label before it is cut (the whole name is on hover)


def bar_figure(shown: pd.DataFrame, count: str, names: dict[str, str]) -> go.Figure:
    """Stacked horizontal bars, largest at the top, one trace per population type counted."""
    bottom_up = shown.iloc[::-1]
    fig = go.Figure()
    for part in COUNTS[count]:
        values = bottom_up[part].astype("float64")
        if values.isna().all():
            continue
        name = short_label(part)
        fig.add_trace(go.Bar(y=[chart_text(_cut(country_label(c, names, compact=True))) for c in bottom_up["iso3"]],
                             x=values, orientation="h", name=name, marker_color=labels.COLOURS[part],
                             customdata=bottom_up["country"].map(chart_text),
                             hovertemplate="%{customdata}: %{x:,.0f}<extra>" + name + "</extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="~s")
    return fig


def map_figure(rows: pd.DataFrame, mapped: pd.DataFrame, column: str, period: str, classes: list[str],
               names: dict[str, str]) -> go.Figure:
    """Each country on the map in its class's colour; the rest grey, hovered with why there is no figure."""
    colours, no_figure = dict(zip(classes, BLUES)), _(NO_FIGURE_LABEL)
    missing = _("No figure for {period} (missing, not zero)").format(period=period)
    fills = {iso3: world_map.Fill(NO_FIGURE, no_figure, f"<b>{chart_text(names.get(iso3, iso3))}</b><br>{missing}")
             for iso3 in world_map.country_codes()}
    no_ratio = rows[rows["is_country"].astype(bool) & rows["total"].notna() & rows[column].isna()]
    fills.update({r["iso3"]: world_map.Fill(NO_FIGURE, no_figure, f"<b>{chart_text(r['country'])}</b><br>"
                                            + _("{people} people; no World Bank population, so no ratio").format(
                                                people=local_number(int(r['total']))))
                  for __, r in no_ratio.iterrows()})
    fills.update({r["iso3"]: world_map.Fill(colours[r["class"]], r["class"], _hover(r, column))
                  for __, r in mapped.iterrows()})
    legend = [(label, colours[label]) for label in classes if (mapped["class"] == label).any()]
    return world_map.figure(fills, [*legend, (no_figure, NO_FIGURE)], unfilled=NO_FIGURE)


def _hover(row: pd.Series, column: str) -> str:
    people = _("{people} people").format(people=local_number(int(row["total"])))
    text = f"<b>{chart_text(row['country'])}</b><br>" + people
    if column != "total":
        text += "<br>" + _("{value} (population {population}, World Bank {year})").format(
            value=value_text(row[column], column), population=local_number(int(row['population'])),
            year=int(row["population_year"]))
    return text


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
