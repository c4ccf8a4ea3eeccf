"""Internal displacement (IDMC GIDD): people displaced inside their country (stocks) and internal
displacements during each year (flows), for conflict and for disasters, world-wide and by country.
Stocks and flows are never added; conflict and disaster figures are shown side by side, not summed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.figures import country as stats
from displacement.formatting import markdown_text

SOURCE = "IDMC GIDD (CC BY-NC 4.0)"  # short: the frame draws it on one line, phones included
SOURCE_IDS = ["idmc-gidd"]
TITLE = "Internal displacement"
# measure slug -> what the figure counts, in a sentence
SENTENCES = {
    "conflict-stock": "people were internally displaced by conflict and violence",
    "disaster-stock": "people were internally displaced by disasters",
    "conflict-flow": "internal displacements (movements) by conflict and violence were recorded",
    "disaster-flow": "internal displacements (movements) by disasters were recorded",
}
# measure slug (the URL value) -> GIDD column, words, colour, whether a stock
MEASURES = {
    "conflict-stock": ("idps_conflict_stock", "People displaced by conflict (stock)",
                       labels.COLOURS["idps_conflict"], True),
    "disaster-stock": ("idps_disaster_stock", "People displaced by disasters (stock)",
                       labels.COLOURS["idps_disaster"], True),
    "conflict-flow": ("new_displacements_conflict", "Displacements by conflict (flow)",
                      labels.COLOURS["idps_conflict"], False),
    "disaster-flow": ("new_displacements_disaster", "Displacements by disasters (flow)",
                      labels.COLOURS["idps_disaster"], False),
}
STOCK_LINES = [("idps_conflict_stock", "Conflict and violence", labels.COLOURS["idps_conflict"], "solid"),
               ("idps_disaster_stock", "Disasters", labels.COLOURS["idps_disaster"], "dash"),
               ("idps_total_stock", "Total, conflict + disasters (as IDMC publishes it)", "#333333", "dot"),
               ("conflict_via_unhcr", "Conflict and violence, IDMC via UNHCR (to the latest year)",
                labels.COLOURS["idps_conflict"], "markers")]
FLOW_BARS = [("new_displacements_conflict", "Conflict and violence", labels.COLOURS["idps_conflict"], ""),
             ("new_displacements_disaster", "Disasters", labels.COLOURS["idps_disaster"], "/")]
FLOW_TOTAL = "Total, conflict + disasters (as IDMC publishes it)"
# Hatching drawn in white over the bar's colour, so hatched bars stay as visible as plain ones.
PATTERN = {"fillmode": "overlay", "fgcolor": "white", "solidity": 0.35}

_opened = loaders.datasets()
GIDD = loaders.table(_opened, "idmc-gidd", "by_country")
NAMES = stats.names_with_extras(loaders.country_names(_opened), sorted(set(GIDD["iso3"].dropna())))
CODES = sorted(NAMES, key=lambda c: NAMES[c])
YEARS = sorted({int(y) for y in GIDD["year"]}, reverse=True)
params = [url_state.country("iso3", NAMES), url_state.year("year", YEARS[-1], YEARS[0]),
          url_state.choice("measure", MEASURES)]
data = page.start(TITLE, params,
                  intro="People displaced inside their own country, by conflict and violence and by disasters, "
                        "as estimated by the Internal Displacement Monitoring Centre (IDMC).")
gidd = loaders.table(data, "idmc-gidd", "by_country")
world = stats.gidd_world(gidd).merge(
    loaders.table(data, "idmc", "totals")[["year", "idps_conflict"]].rename(columns={"idps_conflict": "conflict_via_unhcr"}),
    on="year", how="outer").sort_values("year").reset_index(drop=True)
as_of = loaders.data_as_of(data, SOURCE_IDS)
latest_year = int(world.loc[world["idps_conflict_stock"].notna(), "year"].max())
as_of_both = loaders.data_as_of(data, ["idmc-gidd", "idmc"])


def caveats() -> None:
    st.info(
        "**Read these figures with IDMC's caveats**\n"
        "- **Stocks and flows are different measures.** *People displaced* (a stock) counts people living in "
        "displacement on 31 December. *Internal displacements* (a flow) count movements during the year: one "
        "person can be displaced several times, so flows are never added to stocks.\n"
        "- **Coverage:** conflict stocks from 2009; disaster stocks only from 2019; flows from 2008. A gap is a "
        "missing figure, not zero.\n"
        "- **Conflict and disaster figures are shown apart**, and added up only into the totals IDMC itself "
        "publishes (people displaced by conflict and disasters; internal displacements by both).\n"
        "- **Two places, two releases:** IDMC's conflict figure also reaches the forcibly displaced headline "
        "through UNHCR, from a later IDMC release that runs a year further; it is drawn beside IDMC's own.\n"
        "- **Licence:** IDMC's data are CC BY-NC 4.0 (non-commercial use only), unlike UNHCR's CC BY 4.0.",
        icon=":material/info:")


WORLD_CARDS = [  # (heading, unit, [(label, column), ...]): stocks and flows in separate groups
    ("People displaced (stock at 31 December {year})", "people",
     [("Total (IDMC)", "idps_total_stock"), ("By conflict and violence", "idps_conflict_stock"),
      ("By disasters", "idps_disaster_stock")]),
    ("Internal displacements (movements during {year}, a flow)", "movements",
     [("Total (IDMC)", "new_displacements_total"), ("By conflict and violence", "new_displacements_conflict"),
      ("By disasters", "new_displacements_disaster")]),
]


def world_cards() -> None:
    row = world[world["year"] == latest_year].iloc[0]
    st.subheader(f"World, {latest_year}")
    for column, (heading, unit, cards) in zip(st.columns(2), WORLD_CARDS):
        with column:
            st.markdown(f"**{heading.format(year=latest_year)}**")
            for card, (label, name) in zip(st.columns(len(cards)), cards):
                card.metric(label, labels.millions(row[name]), border=True,
                            help=f"Exact: {labels.exact(row[name])} {unit}" + (
                                f", {labels.exact(row[f'countries_{name}'])} countries." if f"countries_{name}" in row
                                else ": conflict + disasters, the total IDMC publishes in its Global Report on "
                                     "Internal Displacement."))
    st.caption(f"Sums of IDMC's country figures for {latest_year} (IDMC Global Internal Displacement Database, "
               "CC BY-NC 4.0); the totals add conflict and disasters as IDMC's own report does. Stocks count "
               "people, flows count movements: the two are never added.")


def _stock_chart(frame: pd.DataFrame, *, title: str, key: str, where: str) -> go.Figure:
    fig = go.Figure()
    for column, text, colour, dash in STOCK_LINES:
        if column in frame and frame[column].notna().any():
            markers = dash == "markers"
            fig.add_trace(go.Scatter(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                     mode="markers" if markers else "lines+markers",
                                     line={"color": colour, "width": 3, "dash": None if markers else dash},
                                     marker={"size": 9 if markers else 5, "symbol": "circle-open" if markers else "circle"},
                                     hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    charts.frame(fig, title=title, unit="People, stock at 31 December (conflict and disasters apart, and IDMC's total)",
                 source=SOURCE + "; IDMC via UNHCR (CC BY 4.0)", as_of=as_of_both, height=400)
    charts.show(fig, key=key, alt=f"Line chart of people internally displaced {where}: "
                + _latest_words(frame, STOCK_LINES, "at end-") + ".")
    return fig


def _flow_chart(frame: pd.DataFrame, *, title: str, key: str, where: str) -> go.Figure:
    fig = go.Figure()
    for column, text, colour, pattern in FLOW_BARS:
        if frame[column].notna().any():
            fig.add_trace(go.Bar(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                 marker={"color": colour, "pattern": {"shape": pattern, **PATTERN}},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    if "new_displacements_total" in frame and frame["new_displacements_total"].notna().any():
        fig.add_trace(go.Scatter(x=frame["year"], y=frame["new_displacements_total"].astype("Float64"),
                                 name=FLOW_TOTAL, mode="lines+markers", line={"color": "#333333", "dash": "dot"},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + FLOW_TOTAL + "</extra>"))
    fig.update_layout(barmode="group")
    charts.frame(fig, title=title, unit="Movements during each year (flows; one person can move more than once)",
                 source=SOURCE, as_of=as_of, height=400)
    charts.show(fig, key=key, alt=f"Bar chart of internal displacements {where}: "
                + _latest_words(frame, FLOW_BARS, "in ") + ".")
    return fig


def _latest_words(frame: pd.DataFrame, series, when_prefix: str) -> str:
    parts = []
    for column, text, _, _ in series:
        when, value = stats.latest_value(frame, column)
        parts.append(f"{text.lower()}: {labels.millions(value)} {when_prefix}{when}" if when else f"{text.lower()}: no data")
    return "; ".join(parts)


def world_trend() -> dict[str, go.Figure]:
    st.subheader("The world trend")
    left, right = st.columns(2)
    with left:
        stock = _stock_chart(world, title="People internally displaced worldwide", key="internal-world-stock",
                             where="worldwide")
    with right:
        flow = _flow_chart(world, title="Internal displacements worldwide", key="internal-world-flow", where="worldwide")
    st.caption("World figures are sums of the countries IDMC reports on in each year; the number of countries "
               "varies (see the download).")
    download_buttons(world, gidd, data, SOURCE_IDS, "Internal displacement worldwide by year (IDMC GIDD)", "internal-world")
    return {"stock": stock, "flow": flow}


def headline_note() -> None:
    compare = stats.headline_idps_vs_gidd(loaders.table(data, "idmc", "totals"), gidd)
    st.subheader("This figure and the headline's IDP figure")
    st.markdown(stats.headline_idps_note(loaders.table(data, "idmc", "totals"), compare, data.manifest("idmc")["release"],
                                         data.manifest("idmc-gidd")["release"]))
    shown = compare.tail(6).rename(columns={
        "year": "Year", "headline_idps_conflict": "Headline (IDMC via UNHCR)",
        "gidd_conflict_stock": "IDMC database, sum of countries", "difference": "Difference"}).drop(columns=["period"])
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="localized") for c in shown.columns if c != "Year"}
                 | {"Year": st.column_config.NumberColumn(format="%d")})
    download_buttons(compare, None, data, ["idmc", "idmc-gidd"],
                     "Conflict IDPs: UNHCR headline series and IDMC GIDD", "internal-headline-vs-gidd")


def country_block() -> tuple[str, dict[str, go.Figure]]:
    """The chosen country's charts; returns its code and the figures drawn ("stock", "flow")."""
    st.subheader("By country")
    default = stats.gidd_default_country(gidd)
    iso3 = url_state.coded_select(st.selectbox, "Country or territory", CODES, param="iso3", default=default,
                                  format_func=lambda c: f"{NAMES[c]} ({c})", normalise=lambda v: v.strip().upper(),
                                  help="Type a name to search. The link in the address bar opens this country.")
    name = NAMES[iso3]
    rows = stats.idp_sources(loaders.table(data, "idmc", "by_country"), gidd, iso3)
    figures = {}
    left, right = st.columns(2)
    with left:
        stock_columns = [*stats.GIDD_STOCKS, "conflict_via_unhcr"]
        if stats.has_data(rows, stock_columns):
            stocks = rows[rows["year"] >= rows.loc[rows[stock_columns].notna().any(axis=1), "year"].min()]
            figures["stock"] = _stock_chart(stocks, title=f"People internally displaced in {name}",
                                            key="internal-country-stock", where=f"in {name}")
        else:
            st.info(markdown_text(f"No data: IDMC reports no IDP stock figures (people displaced) for {name}."),
                    icon=":material/block:")
    with right:
        if stats.has_data(rows, stats.GIDD_FLOWS):
            figures["flow"] = _flow_chart(rows, title=f"Internal displacements in {name}", key="internal-country-flow",
                                          where=f"in {name}")
        else:
            st.info(markdown_text(f"No data: IDMC reports no internal displacements (flows) for {name}."),
                    icon=":material/block:")
    if iso3 in loaders.country_names(data):
        st.page_link("app_pages/profile.py", label=markdown_text(f"Open the country profile of {name}"), icon=":material/flag:",
                     query_params={"iso3": iso3})
    download_buttons(rows, None, data, SOURCE_IDS, f"Internal displacement in {name} (IDMC GIDD)", f"internal-{iso3}")
    return iso3, figures


def top_block() -> tuple[int, str, pd.DataFrame, go.Figure | None]:
    """The countries with the most for the chosen year and measure; returns the year, the measure, the
    top countries and the chart (None when IDMC has no figures for that year)."""
    st.subheader("Countries with the most")
    left, right = st.columns([1, 2])
    with left:
        chosen_year = st.selectbox("Year", YEARS, index=0, key="year", bind="query-params")
    with right:
        slug = url_state.coded_select(st.radio, "Measure", list(MEASURES), param="measure", default="conflict-stock",
                                      format_func=lambda m: MEASURES[m][1], horizontal=True)
    column, words, colour, is_stock = MEASURES[slug]
    top = stats.top_countries(gidd, chosen_year, column, 15)
    if top.empty:
        first = stats.GIDD_FIRST_YEAR[column]
        st.info(f"No data: IDMC has no {words.lower()} figures for {chosen_year}"
                + (f" (this series starts in {first})." if chosen_year < first else "."), icon=":material/block:")
        return chosen_year, slug, top, None
    top = top.assign(name=top["iso3"].map(NAMES))
    fig = go.Figure(go.Bar(x=top[column].astype("Float64"), y=top["name"].map(cs.escape_markup), orientation="h",
                           marker_color=colour,
                           hovertemplate="%{y}: %{x:,.0f}<extra></extra>"))
    # Room for the names at the left, with the frame's source line moved under them, so a phone-width
    # screenshot keeps the whole attribution (names have a fixed pixel width whatever the screen).
    label_px = 7 * int(top["name"].str.len().max()) + 8
    fig.update_yaxes(autorange="reversed", automargin=False)
    unit = (f"People, stock at 31 December {chosen_year}" if is_stock
            else f"Movements during {chosen_year} (a flow, not people)")
    charts.frame(fig, title=f"{words}: top {len(top)} countries, {chosen_year}", unit=unit, source=SOURCE,
                 as_of=as_of, height=max(380, 150 + 26 * len(top)))
    fig.update_layout(margin={"l": label_px + 10})
    for note in fig.layout.annotations:
        if str(note.text).startswith("Source:"):
            note.xshift = -label_px
    first = top.iloc[0]
    charts.show(fig, key="internal-top", alt=(
        f"Horizontal bar chart of the {len(top)} countries with the most {words.lower()} in {chosen_year}: "
        f"{first['name']} leads with {labels.millions(first[column])}, followed by "
        + ", ".join(f"{r['name']} ({labels.millions(r[column])})" for _, r in top.iloc[1:4].iterrows()) + "."))
    download_buttons(top[["iso3", "name", column]], gidd[gidd["year"] == chosen_year], data, SOURCE_IDS,
                     f"{words}, {chosen_year}, by country (IDMC GIDD)", f"internal-top-{slug}-{chosen_year}")
    return chosen_year, slug, top, fig


def _when(year: int, is_stock: bool) -> str:
    return f"at 31 December {year}" if is_stock else f"during {year}"


def headline_sentence(iso3: str, year: int, slug: str) -> str:
    """The view's key figure: the chosen country's figure for the chosen year and measure, beside the
    world sum for the same (or, where IDMC has no such figures that year, the latest world stock)."""
    column, _, _, is_stock = MEASURES[slug]
    cited = cs.according_to([("IDMC's Global Internal Displacement Database", data.manifest("idmc-gidd"))])
    kind = "a stock" if is_stock else "a flow: one person can be displaced more than once"
    world_row = world[world["year"] == year]
    world_value = world_row[column].iloc[0] if len(world_row) else None
    if world_value is None or pd.isna(world_value):
        row = world[world["year"] == latest_year].iloc[0]
        return (f"IDMC has no figures for {MEASURES[slug][1].lower()} in {year}; at 31 December {latest_year}, "
                f"{labels.millions(row['idps_conflict_stock'])} people were internally displaced by conflict and "
                f"violence in the {int(row['countries_idps_conflict_stock'])} countries IDMC reports on (a stock), "
                f"{cited}.")
    countries = int(world_row[f"countries_{column}"].iloc[0])
    worldwide = f"{labels.millions(world_value)} in the {countries} countries IDMC reports on"
    value = gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), column].sum(min_count=1)
    if pd.isna(value):
        return (f"IDMC reports no such figure for {NAMES[iso3]} {_when(year, is_stock)}; worldwide, "
                f"{labels.millions(world_value)} {SENTENCES[slug]} in the {countries} countries it reports on "
                f"({kind}), {cited}.")
    when = _when(year, is_stock)
    return (f"{when[0].upper() + when[1:]}, {labels.millions(value)} {SENTENCES[slug]} in {NAMES[iso3]} ({kind}), "
            f"of {worldwide}, {cited}.")


def _has_world_figure(year: int, slug: str) -> bool:
    row = world[world["year"] == year]
    return bool(len(row)) and pd.notna(row[MEASURES[slug][0]].iloc[0])


def key_figures(iso3: str, year: int, slug: str, top: pd.DataFrame) -> pd.DataFrame:
    """The top countries of the chart, the chosen country if it is not among them, and the world sum;
    where IDMC has no such figures that year, the world figures of the latest year (the cards)."""
    column, words, _, _ = MEASURES[slug]
    if not _has_world_figure(year, slug):
        row = world[world["year"] == latest_year].iloc[0]
        return pd.DataFrame([(text, cs.people(row[c])) for c, text, _, _ in MEASURES.values()],
                            columns=["Worldwide (sum of IDMC's country figures)", str(latest_year)])
    rows = [(r["name"], cs.people(r[column])) for _, r in top.iterrows()]
    if iso3 not in set(top["iso3"]):
        value = gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), column].sum(min_count=1)
        rows.append((NAMES[iso3], cs.people(value)))
    world_row = world[world["year"] == year]
    if len(world_row) and pd.notna(world_row[column].iloc[0]):
        rows.append((f"World (sum of {int(world_row[f'countries_{column}'].iloc[0])} countries)",
                     cs.people(world_row[column].iloc[0])))
    return pd.DataFrame(rows, columns=["Country or territory", f"{words}, {year}"])


caveats()
world_cards()
world_figures = world_trend()
headline_note()
iso3, country_figures = country_block()
chosen_year, slug, top, top_figure = top_block()
is_stock = MEASURES[slug][3]
side = "stock" if is_stock else "flow"
candidates = [top_figure, country_figures.get(side), world_figures[side]]
main_figure = (next(fig for fig in candidates if fig is not None) if _has_world_figure(chosen_year, slug)
               else world_figures["stock"])  # the headline then gives the world's latest stock
share.share_bar(data, title=TITLE, source_ids=SOURCE_IDS, headline=headline_sentence(iso3, chosen_year, slug),
                figures=key_figures(iso3, chosen_year, slug, top), fig=main_figure,
                notes=("IDMC's data are CC BY-NC 4.0: non-commercial use only.",
                       "Stocks (people displaced at 31 December) and flows (movements during a year) are never "
                       "added; conflict and disaster figures are shown apart and added only into IDMC's own totals."))
