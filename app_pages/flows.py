"""Flows: where people from one country of origin are hosted, or where the people one country hosts
come from (a Sankey of the largest corridors), and the largest corridors worldwide."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.formatting import markdown_text

DIRECTIONS = ["origin", "asylum"]
TOPS = [5, 10, 15, 20]
WORLD_ROWS = [10, 25, 50, 100]
PARTS = cs.CROSS_BORDER
MIN_PEOPLE = 1_000
SOURCE_LINE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
TITLE = "Where do displaced people go?"
WHO = "refugees, asylum-seekers and other people in need of international protection"
MAX_FIGURES = 20  # rows in the key-figures table of the brief
BUNDLED = (f"Only origin-to-asylum pairs of {MIN_PEOPLE:,} people or more, from 2000, are bundled with this "
           "dashboard; smaller corridors are counted in each country's total but not listed one by one.")

available = loaders.datasets()
corridors = loaders.table(available, "population", "corridors")
names = loaders.country_names(available)
FIRST, LAST = int(corridors["year"].min()), int(corridors["year"].max())
CODES = {side: sorted(set(corridors[f"{side}_iso3"].astype(str)), key=lambda c: cs.country_label(c, names))
         for side in DIRECTIONS}


def _country_param(side: str) -> url_state.Param:
    allowed = set(CODES[side])
    return url_state.Param(side, lambda v: cs.country_code(v, names, allowed) is not None,
                           "a country name as listed, or an ISO3 code such as SYR")


def _default(side: str) -> str:
    """The largest origin (or host) in the latest year: a stable default for a given release."""
    latest = corridors[corridors["year"] == LAST]
    sizes = latest.groupby(f"{side}_iso3")[PARTS].sum(min_count=1).sum(axis=1, min_count=1)
    return str(sizes.idxmax())


params = [url_state.choice("direction", DIRECTIONS), _country_param("origin"), _country_param("asylum"),
          url_state.year("year", FIRST, LAST), url_state.choice("top", TOPS), url_state.choice("rows", WORLD_ROWS)]
data = page.start(TITLE, params,
                  intro="Corridors from a country of origin to a country of asylum: refugees, asylum-seekers and other "
                        "people in need of international protection (OIP), as a stock at the end of the year. "
                        + BUNDLED)
as_of = loaders.data_as_of(data, ["population"])
totals_by = {"origin": loaders.table(data, "population", "by_origin"),
             "asylum": loaders.table(data, "population", "by_asylum")}


def controls() -> tuple[str, str, int, int]:
    direction = st.segmented_control("Start from a country of", DIRECTIONS, default="origin", required=True,
                                     key="direction", bind="query-params",
                                     help="origin: where its people are hosted. asylum: where the people it "
                                          "hosts come from.") or "origin"
    default = _default(direction)
    left, right = st.columns([3, 2])
    with left:
        country = url_state.coded_select(
            st.selectbox, "Country of origin" if direction == "origin" else "Country of asylum", CODES[direction],
            param=direction, default=default, format_func=lambda c: cs.country_label(c, names),
            normalise=lambda v: cs.country_code(v, names, set(CODES[direction])) or v)
    with right:
        top = st.select_slider("Corridors shown", TOPS, value=10, key="top", bind="query-params",
                               help="The rest are grouped as “Other countries”.")
    year = st.slider("Year (end of year)", FIRST, LAST, LAST, key="year", bind="query-params")
    return direction, country or default, year, top


def sankey(direction: str, country: str, year: int, top: int) -> tuple[pd.DataFrame, go.Figure | None]:
    """The Sankey of one country's largest corridors; returns its corridor rows and the figure (None
    when no corridor is itemised)."""
    label = cs.country_label(country, names)
    rows = cs.corridor_rows(corridors, year, names, direction, country)
    parts = cs.country_parts(totals_by[direction], year, country)
    if rows.empty:
        whole = (f" UNHCR's data hold {labels.millions(sum(parts.values()))} people "
                 f"{'from' if direction == 'origin' else 'in'} {label} at end-{year} in total, all in corridors "
                 "under 1,000 people." if parts and sum(parts.values()) > 0 else "")
        st.info(markdown_text(f"No corridor of {MIN_PEOPLE:,} people or more {'from' if direction == 'origin' else 'to'} "
                              f"{label} in {year} is in the bundled data.{whole} Missing is not zero: see the "
                              "Countries page for totals."))
        return rows, None
    compact = rows.assign(origin=[cs.country_label(c, names, compact=True) for c in rows["origin_iso3"]],
                          asylum=[cs.country_label(c, names, compact=True) for c in rows["asylum_iso3"]])
    links = cs.sankey_links(compact, direction, top, parts)
    nodes = list(dict.fromkeys([*links["source"], *links["target"]]))
    index = {n: i for i, n in enumerate(nodes)}
    colours = {part: _rgba(labels.COLOURS[part], 0.65) for part in PARTS}
    count = {n: c for n, c in zip(links["target" if direction == "origin" else "source"], links["partner_count"])}
    node_labels = [_node_label(n, count.get(n, 0)) for n in nodes]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": [cs.escape_markup(short(n)) for n in node_labels], "pad": 12, "thickness": 16,
              "color": ["#7f7f7f" if n in (cs.OTHER, cs.SMALL) else "#18375F" for n in nodes],
              "customdata": [cs.escape_markup(n) for n in node_labels],
              "hovertemplate": "%{customdata}: %{value:,.0f} people<extra></extra>"},
        link={"source": [index[s] for s in links["source"]], "target": [index[t] for t in links["target"]],
              "value": links["value"], "color": [colours[p] for p in links["part"]],
              "customdata": [labels.SHORT[p] for p in links["part"]],
              "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}: %{value:,.0f}<extra></extra>"}))
    # Legend for the link colours (a Sankey has none of its own).
    for part in PARTS:
        if (links["part"] == part).any():
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels.SHORT[part],
                                     marker={"size": 10, "symbol": "square", "color": labels.COLOURS[part]}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    period = cs.period_label(year, rows["period"].iloc[0])
    title = (f"Where people from {label} are, {period}" if direction == "origin"
             else f"Where the people hosted in {label} come from, {period}")
    charts.frame(fig, title=title, unit="People: refugees + asylum-seekers + OIP (stock), by corridor",
                 source=SOURCE_LINE + f"; corridors of {MIN_PEOPLE:,}+ people itemised", as_of=as_of,
                 height=max(440, 120 + 34 * min(top + 2, len(nodes))))
    total = sum(parts.values()) if parts else rows["total"].sum()
    largest = "; ".join(f"{r['asylum' if direction == 'origin' else 'origin']} {labels.millions(r['total'])}"
                        for _, r in rows.head(3).iterrows())
    charts.show(fig, key="flows-sankey", alt=(
        f"Sankey diagram, {period}, people {'from' if direction == 'origin' else 'hosted in'} {label}: "
        f"{labels.millions(total)} refugees, asylum-seekers and OIP. Largest corridors: {largest}. "
        f"{len(rows)} corridors of {MIN_PEOPLE:,}+ people; the top {min(top, len(rows))} are drawn one by one."))
    notes = [BUNDLED]
    small = links.loc[links["source" if direction == "asylum" else "target"] == cs.SMALL, "value"].sum()
    if small > 0:
        notes.append(f"“{cs.SMALL}”: {labels.millions(small)} people, the difference between {label}'s total "
                     f"({labels.millions(total)}) and its itemised corridors.")
    st.caption(markdown_text(" ".join(notes)))
    return rows, fig


def _node_label(name: str, partners: int) -> str:
    if name == cs.OTHER:
        return f"{cs.OTHER} ({partners} corridors)"
    return name


def short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def country_table(rows: pd.DataFrame, direction: str, country: str, year: int) -> None:
    if rows.empty:
        return
    partner = "asylum" if direction == "origin" else "origin"
    with st.expander(f"All {len(rows)} itemised corridors {'from' if direction == 'origin' else 'to'} "
                     f"{cs.country_label(country, names)}, {year}"):
        st.dataframe(rows[[partner, f"{partner}_iso3", *PARTS, "total"]], hide_index=True, width="stretch",
                     column_config=_config(), placeholder="–")
    download_buttons(rows, corridors, data, ["population"],
                     f"Corridors {'from' if direction == 'origin' else 'to'} {country}, {year} "
                     f"(pairs of {MIN_PEOPLE:,}+ people)", f"corridors-{direction}-{country}-{year}")


def _config() -> dict:
    return {"origin": st.column_config.TextColumn("Country of origin"),
            "origin_iso3": st.column_config.TextColumn("ISO3", width="small"),
            "asylum": st.column_config.TextColumn("Country of asylum"),
            "asylum_iso3": st.column_config.TextColumn("ISO3 ", width="small"),
            "refugees": st.column_config.NumberColumn("Refugees", format="localized"),
            "asylum_seekers": st.column_config.NumberColumn("Asylum-seekers", format="localized"),
            "oip": st.column_config.NumberColumn("OIP", format="localized"),
            "total": st.column_config.NumberColumn("Total", format="localized")}


def world_table(year: int) -> None:
    rows = cs.corridor_rows(corridors, year, names)
    period = cs.period_label(year, rows["period"].iloc[0]) if len(rows) else str(year)
    st.subheader(f"The largest corridors worldwide, {period}")
    count = st.segmented_control("Corridors listed", WORLD_ROWS, default=25, required=True, key="rows",
                                 bind="query-params") or 25
    if rows.empty:
        st.info(f"No corridors for {year} in the bundled data.")
        return
    shown = rows.head(count)
    st.dataframe(shown[["origin", "origin_iso3", "asylum", "asylum_iso3", *PARTS, "total"]], hide_index=True,
                 width="stretch", column_config=_config(), height=min(38 + 35 * len(shown), 560), placeholder="–")
    first = shown.iloc[0]
    st.caption(markdown_text(f"{len(shown)} largest of {len(rows):,} itemised corridors in {year}; the largest is "
                             f"{first['origin']} → {first['asylum']} ({labels.millions(first['total'])}). Click a "
                             "column heading to sort. “–” marks a missing figure, never zero. " + BUNDLED))
    download_buttons(shown, corridors, data, ["population"], f"Largest corridors worldwide, {year}",
                     f"corridors-world-{year}")


def headline_sentence(rows: pd.DataFrame, direction: str, country: str, year: int) -> str | None:
    """The view's key figure: the country's total from (or in) it, the period, its largest corridor and
    the source; None when the data hold nobody from (or in) the country that year."""
    label = cs.country_label(country, names)
    parts = cs.country_parts(totals_by[direction], year, country)
    total = sum(parts.values()) if parts else None
    period = cs.period_label(year, rows["period"].iloc[0]) if len(rows) else f"end-{year}"
    cited = cs.according_to([("UNHCR's Refugee Population Statistics Database", data.manifest("population"))])
    if not total and rows.empty:
        return None
    if total is None:
        total = rows["total"].sum()
    if rows.empty:
        return (f"At {period}, {labels.millions(total)} {WHO} "
                + (f"from {label} were abroad" if direction == "origin" else f"were hosted in {label}")
                + f" (a stock), none of them in a corridor of {MIN_PEOPLE:,} people or more, {cited}.")
    first = rows.iloc[0]
    if direction == "origin":
        return (f"At {period}, {labels.millions(total)} {WHO} from {label} were hosted abroad (a stock), the most "
                f"in {first['asylum']} ({labels.millions(first['total'])}), {cited}.")
    return (f"At {period}, {label} hosted {labels.millions(total)} {WHO} (a stock), the most from "
            f"{first['origin']} ({labels.millions(first['total'])}), {cited}.")


def key_figures(rows: pd.DataFrame, direction: str, country: str, year: int, top: int) -> pd.DataFrame:
    """The country's largest itemised corridors (as many as the chart draws one by one, at most 20)."""
    partner = "asylum" if direction == "origin" else "origin"
    parts = cs.country_parts(totals_by[direction], year, country)
    total = sum(parts.values()) if parts else None
    shown = rows.head(min(top, MAX_FIGURES))
    return pd.DataFrame({
        "Country of asylum" if direction == "origin" else "Country of origin": list(shown[partner]),
        "People (refugees + asylum-seekers + OIP)": shown["total"].map(cs.people),
        "Share of the country's total": [
            f"{v / total:.1%}" if total else "no data" for v in shown["total"]]})


def drop_unused_bad_value(direction: str) -> None:
    """The other direction's country is in the link but drives no widget, so nothing would drop a bad
    value of it: remove it (page.start has named it), so the view's link never repeats it."""
    other = "asylum" if direction == "origin" else "origin"
    values = st.query_params.get_all(other)
    if any(cs.country_code(v, names, set(CODES[other])) is None for v in values):
        del st.query_params[other]


direction, country, year, top = controls()
drop_unused_bad_value(direction)
rows, sankey_figure = sankey(direction, country, year, top)
country_table(rows, direction, country, year)
world_table(year)
share.share_bar(data, title=TITLE, source_ids=["population"],
                headline=headline_sentence(rows, direction, country, year),
                figures=key_figures(rows, direction, country, year, top), fig=sankey_figure,
                notes=(BUNDLED, "Counted by country of origin and by country of asylum, the same people are never "
                                "added together."))
