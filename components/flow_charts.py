"""The Flows page's Sankey (no Streamlit calls): one country's largest corridors, coloured by population
type, each partner labelled with its figure, with a legend a Sankey lacks. Text from the data is made
inert for Plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import labels
from displacement.figures.corridors import OTHER, SMALL, partner_name
from displacement.formatting import chart_text, exact, short_millions
from displacement.text import _, ngettext
from displacement.vocabulary import CROSS_BORDER, short_label

LABEL_WIDTH = 16  # characters of a partner's name before it is cut (the whole name is on hover)
GUTTER = "rgba(0,0,0,0)"  # the invisible columns after the partners, where their labels are written
GUTTER_COLUMNS = 2
COUNTRY, GREY = "#18375F", "#7f7f7f"


def sankey_figure(links: pd.DataFrame, side: str) -> go.Figure:
    """The country as one bar on the left, its partners on the right, each labelled '<name>  <people>'.
    Plotly writes the labels of its last column over the bands that reach it and every other column's to
    the right of its bars; two invisible columns after the partners give their labels free space (the four
    columns are evenly spaced, so the labels have the right two-thirds of the chart: on a 280 px phone,
    room for a cut name and a figure).
    The country's own figure is in the unit line (a label on its bar would sit over its bands)."""
    partner_of = links["target" if side == "origin" else "source"]
    country = (links["source"] if side == "origin" else links["target"]).iloc[0]
    totals = links.groupby(partner_of, sort=False)["value"].sum()
    counts = dict(zip(partner_of, links["partner_count"]))
    partners = list(totals.index)
    names = {p: _group_name(p, counts[p]) for p in partners}
    described = [_people_in(chart_text(names[p]), totals[p]) for p in partners]
    shown = [_group_label(p, counts[p]) for p in partners]
    labelled = [chart_text(f"{name}  {_figure(totals[p])}") for name, p in zip(shown, partners)]
    colours = [GREY if p in (OTHER, SMALL) else COUNTRY for p in partners]
    n = len(partners)
    at = {p: 1 + i for i, p in enumerate(partners)}
    drawn = [_link_text(row, side, country) for row in links.itertuples()]
    fig = go.Figure(go.Sankey(
        arrangement="snap", textfont={"size": 11},
        node={"label": [""] + labelled + [""] * GUTTER_COLUMNS * n,
              "pad": 14, "thickness": 16, "line": {"width": 0},
              "color": [COUNTRY] + colours + [GUTTER] * GUTTER_COLUMNS * n,
              "customdata": [_people_in(chart_text(country), totals.sum())] + described * (1 + GUTTER_COLUMNS),
              "hovertemplate": "%{customdata}<extra></extra>"},
        link={"source": [0] * len(links) + [at[p] + column * n for column in range(GUTTER_COLUMNS) for p in partners],
              "target": [at[p] for p in partner_of] + [at[p] + column * n for column in range(1, 1 + GUTTER_COLUMNS)
                                                       for p in partners],
              "value": [*links["value"], *list(totals) * GUTTER_COLUMNS],
              "color": [_rgba(labels.COLOURS[p], 0.65) for p in links["part"]] + [GUTTER] * GUTTER_COLUMNS * n,
              "customdata": drawn + described * GUTTER_COLUMNS, "hovertemplate": "%{customdata}<extra></extra>"}))
    for part in CROSS_BORDER:  # a legend for the link colours
        if (links["part"] == part).any():
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=short_label(part),
                                     marker={"size": 10, "symbol": "square", "color": labels.COLOURS[part]}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def drawn_links(fig: go.Figure) -> list[float]:
    """The people in each band drawn (the invisible column's links left out)."""
    link = fig.data[0].link
    return [value for value, colour in zip(link.value, link.color) if colour != GUTTER]


def node_count(links: pd.DataFrame) -> int:
    return len(set(links["source"]) | set(links["target"]))


def _figure(people: float) -> str:
    return short_millions(people, 2) if people >= 1_000_000 else exact(people)


def _link_text(row, side: str, country: str) -> str:
    """Hover text of one band, naming origin and asylum the right way round whatever the side."""
    origin, asylum = (chart_text(partner_name(name)) for name in
                      ((country, row.target) if side == "origin" else (row.source, country)))
    return f"{origin} → {asylum}<br>{short_label(row.part)}: {exact(row.value)}"


def _people_in(place: str, people: float) -> str:
    return _("{place}: {people} people").format(place=place, people=exact(people))


def _group_name(partner: str, corridors: int) -> str:
    """A partner's whole name, for hover: a country's label, or a group's name with its corridors."""
    if partner == OTHER:
        return ngettext("Other countries ({count} corridor)", "Other countries ({count} corridors)",
                        corridors).format(count=corridors)
    return partner_name(partner)


def _group_label(partner: str, corridors: int) -> str:
    """A partner's label beside its bar: short enough for the chart's right half."""
    if partner == OTHER:
        return ngettext("{count} other country", "{count} other countries", corridors).format(count=corridors)
    return _("Smaller corridors") if partner == SMALL else _cut(partner)


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"


def _rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"
