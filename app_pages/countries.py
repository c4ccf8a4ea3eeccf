"""Countries: for one year, where refugees, asylum-seekers and other people in need of international
protection are hosted and where they come from; a world map (total or relative to population) and a
searchable table. By-asylum and by-origin count the same people twice: they are never added."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state, world_map
from components import data as loaders
from components.downloads import download_buttons
from displacement import vocabulary
from displacement.figures import countries as cs
from displacement.formatting import markdown_text

VIEWS = ["asylum", "origin"]
VIEW_WORDS = {"asylum": "hosted, by country of asylum", "origin": "by country of origin"}
MEASURES = ["total", "per 1,000 inhabitants", "share of population"]
TOPS = [5, 10, 15, 20, 30]
PARTS = cs.CROSS_BORDER
COUNTS = vocabulary.COUNTS
BLUES = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]
NO_FIGURE = "#e6e6e6"
NO_FIGURE_LABEL = "no figure"
INF = float("inf")
BINS = {
    "total": ([0, 1_000, 10_000, 100_000, 500_000, 1_000_000, INF],
              ["under 1,000", "1,000 to 9,999", "10,000 to 99,999", "100,000 to 499,999",
               "500,000 to 999,999", "1 million or more"]),
    "per_1000": ([0, 1, 5, 10, 25, 50, INF],
                 ["under 1", "1 to under 5", "5 to under 10", "10 to under 25", "25 to under 50", "50 or more"]),
    "share_host": ([0, 0.1, 0.5, 1, 2.5, 5, INF],
                   ["under 0.1%", "0.1% to under 0.5%", "0.5% to under 1%", "1% to under 2.5%", "2.5% to under 5%",
                    "5% or more"]),
    "share_origin": ([0, 0.1, 1, 5, 10, 20, INF],
                     ["under 0.1%", "0.1% to under 1%", "1% to under 5%", "5% to under 10%", "10% to under 20%",
                      "20% or more"]),
}
SOURCE_UNHCR = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
SOURCE_WB = "UNHCR Refugee Population Statistics Database; World Bank, Population, total (SP.POP.TOTL) (CC BY 4.0)"
TITLE = "Where are displaced people hosted, and where do they come from?"
MAX_FIGURES = 20  # rows in the key-figures table of the brief

available = loaders.datasets()
_years = loaders.table(available, "population", "by_asylum")["year"]
FIRST, LAST = int(_years.min()), int(_years.max())

params = [url_state.year("year", FIRST, LAST), url_state.choice("view", VIEWS), url_state.choice("measure", MEASURES),
          url_state.choice("top", TOPS), url_state.choice("count", COUNTS),
          url_state.Param("q", lambda v: len(v) <= 60, "a search text of up to 60 characters")]
data = page.start(TITLE, params,
                  intro="Refugees, asylum-seekers and other people in need of international protection (OIP), as a "
                        "stock at the end of the year. Countries are ranked as UNHCR ranks them, by refugees + OIP, "
                        "with asylum-seekers (whose claims are not yet decided) apart unless you add them. Counted "
                        "once by country of asylum and once by country of origin: two views of the same people, "
                        "never added together. Palestine refugees under UNRWA's mandate and internally displaced "
                        "people are not included here.")

names = loaders.country_names(data)
population = loaders.table(data, "worldbank-population", "population")
tables = {"asylum": loaders.table(data, "population", "by_asylum"),
          "origin": loaders.table(data, "population", "by_origin")}
as_of = loaders.data_as_of(data, ["population"])
as_of_wb = loaders.data_as_of(data, ["population", "worldbank-population"])


def controls() -> tuple[int, str, str, int, str]:
    year = st.slider("Year (end of year)", FIRST, LAST, LAST, key="year", bind="query-params")
    count = url_state.coded_select(st.segmented_control, "Count", list(COUNTS), param="count",
                                   default=vocabulary.DEFAULT_COUNT, format_func=vocabulary.COUNT_LABELS.get,
                                   required=True,
                                   help="UNHCR ranks host and origin countries by refugees + other people in need "
                                        "of international protection; asylum-seekers can be added.")
    left, middle, right = st.columns([2, 4, 2])
    with left:
        view = st.segmented_control("Count by country of", VIEWS, default="asylum", required=True, key="view",
                                    bind="query-params",
                                    help="asylum: where people are hosted. origin: the country they fled.") or "asylum"
    with middle:
        measure = st.selectbox("Map and table show", MEASURES, key="measure", bind="query-params",
                               help="Total people, or relative to the World Bank's population of each country.")
    with right:
        top = st.select_slider("Countries in the top lists", TOPS, value=10, key="top", bind="query-params")
    return year, view, measure, top, count


def period_of(rows: pd.DataFrame, year: int) -> str:
    return cs.period_label(year, rows["period"].iloc[0]) if len(rows) else f"end-{year}"


def short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def bar_chart(rows: pd.DataFrame, view: str, top: int, year: int, count: str) -> go.Figure | None:
    heading = "Hosting countries" if view == "asylum" else "Countries of origin"
    if rows.empty:
        st.info(f"{heading}: no figures for {year} in the data. Missing is not zero.")
        return None
    shown = cs.top_countries(rows[rows["total"].notna()], top).iloc[::-1]
    fig = go.Figure()
    for part in COUNTS[count]:
        values = shown[part].astype("float64")
        if values.isna().all():
            continue
        fig.add_trace(go.Bar(y=[cs.escape_markup(short(cs.country_label(c, names, compact=True))) for c in shown["iso3"]],
                             x=values,
                             orientation="h",
                             name=labels.SHORT[part], marker_color=labels.COLOURS[part],
                             customdata=shown["country"].map(cs.escape_markup),
                             hovertemplate="%{customdata}: %{x:,.0f}<extra>" + labels.SHORT[part] + "</extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="~s")
    period = period_of(rows, year)
    ranks = f"Top {len(shown)}" if len(shown) > 1 else "The only"
    title = (f"{ranks} hosting countries, {period}" if view == "asylum"
             else f"{ranks} countries of origin, {period}")
    charts.frame(fig, title=title, unit=f"People: {vocabulary.COUNT_SHORT[count]} (stock)",
                 source=SOURCE_UNHCR, as_of=as_of, height=max(360, 150 + 28 * len(shown)))
    first = shown.iloc[::-1].head(3)
    ranked = "; ".join(f"{r['country']} {labels.millions(r['total'])}" for _, r in first.iterrows())
    whom = (f"hosted in the top {len(shown)} hosting countries" if view == "asylum"
            else f"from the top {len(shown)} countries of origin")
    charts.show(fig, key=f"countries-top-{view}", alt=(
        f"Horizontal stacked bar chart of {vocabulary.COUNT_WORDS[count]} {whom}, {period}. Largest: {ranked}."))
    unknown = rows.loc[rows["iso3"] == "UNK", "total"]
    if len(unknown) and rows["total"].sum() and unknown.iloc[0] / rows["total"].sum() > 0.5:
        side = "of asylum" if view == "asylum" else "of origin"
        st.caption(f"In {year} most of these people have no recorded country {side} "
                   "in UNHCR's data (code UNK, “Unknown”).")
    return fig


def measure_column(view: str, measure: str, year: int) -> str:
    """Which column the map and table rank by; explains when a choice does not apply."""
    if measure == "total":
        return "total"
    if year < 1960:
        st.info("World Bank population figures start in 1960, so there is no ratio to population for "
                f"{year}. The map shows the total number of people.")
        return "total"
    if view == "origin":
        if measure == "per 1,000 inhabitants":
            st.info("Per 1,000 inhabitants is a measure of hosting: people hosted relative to the host country's "
                    "population. For countries of origin the map shows the share of the origin population "
                    "displaced abroad instead.")
        return "share_pct"
    return "per_1000" if measure == "per 1,000 inhabitants" else "share_pct"


def measure_words(view: str, column: str, count: str) -> tuple[str, str]:
    """(unit for the chart, name of the figure)."""
    who = cs.sentence_case(vocabulary.COUNT_SHORT[count])
    if column == "total":
        return f"{who} {VIEW_WORDS[view]} (people, stock)", "people"
    if view == "origin":
        return (f"{who} from the country as a % of its population (the people living there now)",
                "share of origin population displaced abroad")
    if column == "per_1000":
        return f"{who} hosted per 1,000 inhabitants of the host country", "per 1,000 inhabitants"
    return f"{who} hosted as a % of the host country's population", "share of population"


def population_note(rows: pd.DataFrame, year: int) -> str:
    used = cs.population_years_used(rows, year)
    if not used:
        return f"population: World Bank {year}"
    if not (rows["population_year"] == year).any():
        return (f"population: World Bank {', '.join(map(str, used))}, the latest available "
                f"(no figure for {year} yet)")
    return (f"population: World Bank {year}; where a country has no {year} figure, its latest earlier year "
            f"({', '.join(map(str, used))})")


def country_map(rows: pd.DataFrame, view: str, column: str, year: int, count: str) -> go.Figure | None:
    period = period_of(rows, year)
    unit, what = measure_words(view, column, count)
    mapped = cs.map_rows(rows, column)
    if mapped.empty:
        st.info(f"No country has a figure to map for {period}. Missing is not zero.")
        return None
    bins_key = {"total": "total", "per_1000": "per_1000"}.get(column) or ("share_origin" if view == "origin"
                                                                           else "share_host")
    bins, names_ = BINS[bins_key]
    mapped["class"] = cs.classify(mapped[column], bins, names_)
    fig = world_map.figure(*map_fills(rows, mapped, column, period, names_), unfilled=NO_FIGURE)
    if column != "total":
        unit += f"; {population_note(rows, year)}"
    title = {("asylum", "total"): f"People hosted, {period}", ("origin", "total"): f"People by origin, {period}",
             ("asylum", "per_1000"): f"Hosted per 1,000 inhabitants, {period}",
             ("asylum", "share_pct"): f"Hosted, % of population, {period}",
             ("origin", "share_pct"): f"Share of population abroad, {period}"}[(view, column)]
    charts.frame(fig, title=title, unit=unit, source=SOURCE_UNHCR if column == "total" else SOURCE_WB,
                 as_of=as_of if column == "total" else as_of_wb, height=520)
    fig.update_layout(legend={"title": {"text": what}})
    best = mapped.sort_values(column, ascending=False).head(3)
    ranked = "; ".join(f"{r['country']} {_value(r[column], column)}" for _, r in best.iterrows())
    too_small = mapped[~mapped["iso3"].isin(world_map.country_codes())]
    charts.show(fig, key="countries-map", alt=(
        f"World map, {period}: {what} for {len(mapped) - len(too_small)} countries in six shades of blue; grey "
        f"means no figure. Highest: {ranked}."))
    notes = ["Grey: no figure in the data (missing, not zero)."]
    if len(too_small):
        largest = too_small.sort_values(column, ascending=False).head(3)
        notes.append(f"Too small for the map's outlines (1:110m), so in the table only: {len(too_small)} countries, "
                     "the largest " + ", ".join(f"{r['country']} {_value(r[column], column)}"
                                                for _, r in largest.iterrows()) + ".")
    left_out = rows[~rows["is_country"].astype(bool) & (rows["total"] > 0)]
    if len(left_out):
        notes.append("Not on the map (not countries; kept in the table): "
                     + ", ".join(f"{r['iso3']} {labels.millions(r['total'])}" for _, r in left_out.iterrows()) + ".")
    if column != "total":
        missing = rows[rows["is_country"].astype(bool) & rows["population"].isna()]
        if len(missing):
            notes.append("No World Bank population figure, so no ratio: " + ", ".join(missing["country"]) + ".")
        if view == "origin":
            notes.append("The share is relative to the population living in the country now, which mostly "
                         "excludes those who left, so it reads higher than a share of the pre-crisis population.")
    st.caption(markdown_text(" ".join(notes)))
    return fig


def map_fills(rows: pd.DataFrame, mapped: pd.DataFrame, column: str, period: str,
              classes: list[str]) -> tuple[dict[str, world_map.Fill], list[tuple[str, str]]]:
    """Each country on the map in its class's colour; the rest grey, hovered with why there is no figure."""
    colours = dict(zip(classes, BLUES))
    fills = {iso3: world_map.Fill(NO_FIGURE, NO_FIGURE_LABEL, f"<b>{cs.escape_markup(names.get(iso3, iso3))}</b>"
                                  f"<br>No figure for {period} (missing, not zero)")
             for iso3 in world_map.country_codes()}
    no_ratio = rows[rows["is_country"].astype(bool) & rows["total"].notna() & rows[column].isna()]
    fills.update({r["iso3"]: world_map.Fill(NO_FIGURE, NO_FIGURE_LABEL, f"<b>{cs.escape_markup(r['country'])}</b>"
                                            f"<br>{int(r['total']):,} people; no World Bank population, so no ratio")
                  for _, r in no_ratio.iterrows()})
    fills.update({r["iso3"]: world_map.Fill(colours[r["class"]], r["class"], _hover(r, column))
                  for _, r in mapped.iterrows()})
    legend = [(label, colours[label]) for label in classes if (mapped["class"] == label).any()]
    return fills, legend + [(NO_FIGURE_LABEL, NO_FIGURE)]


def _value(value, column: str) -> str:
    if column == "total":
        return labels.millions(value)
    if column == "per_1000":
        return f"{value:,.1f} per 1,000"
    return f"{value:.2f}%"


def _hover(row: pd.Series, column: str) -> str:
    text = f"<b>{cs.escape_markup(row['country'])}</b><br>{int(row['total']):,} people"
    if column != "total":
        text += (f"<br>{_value(row[column], column)} (population {int(row['population']):,}, "
                 f"World Bank {int(row['population_year'])})")
    return text


def table(rows: pd.DataFrame, view: str, column: str, year: int, count: str) -> pd.DataFrame:
    period = period_of(rows, year)
    st.subheader(f"All countries and areas, {period}")
    query = st.text_input("Search by country name or ISO3 code", key="q", bind="query-params",
                          placeholder="e.g. Sudan or SDN", max_chars=60)
    shown = cs.filter_rows(rows, query)
    if rows.empty:
        st.info(f"No figures for {period} in the data.")
        return shown
    if shown.empty:
        st.info(f"No country or area matches “{url_state.safe_text(query)}”.")
        return shown
    columns = ["country", "iso3", *COUNTS[count], *[p for p in PARTS if p not in COUNTS[count]], "total"]
    config = {"country": st.column_config.TextColumn("Country or area", pinned=True),
              "iso3": st.column_config.TextColumn("ISO3", width="small"),
              "refugees": st.column_config.NumberColumn("Refugees", format="localized"),
              "asylum_seekers": st.column_config.NumberColumn("Asylum-seekers", format="localized"),
              "oip": st.column_config.NumberColumn("OIP", format="localized",
                                                   help=labels.GLOSSARY["oip"]),
              "total": st.column_config.NumberColumn(f"Total ({vocabulary.COUNT_SHORT[count]})", format="localized")}
    if column != "total":
        columns += ["population", "population_year"]
        config["population"] = st.column_config.NumberColumn("Population (World Bank)", format="localized")
        config["population_year"] = st.column_config.NumberColumn("Population year", format="plain")
        if view == "asylum":
            columns += ["per_1000", "share_pct"]
            config["per_1000"] = st.column_config.NumberColumn("Per 1,000 inhabitants", format="%.2f")
            config["share_pct"] = st.column_config.NumberColumn("% of population", format="%.3f")
        else:
            columns += ["share_pct"]
            config["share_pct"] = st.column_config.NumberColumn("% of origin population displaced abroad",
                                                                format="%.3f")
    st.dataframe(shown[columns].sort_values(column, ascending=False, na_position="last"), hide_index=True,
                 column_config=config, width="stretch", height=420, placeholder="–")
    st.caption(f"{len(shown)} of {len(rows)} countries and areas. Click a column heading to sort. “–” marks a "
               "missing figure (not collected or not applicable), never zero. Rows marked “not a country” are "
               "UNHCR codes for unknown origin, stateless people and similar; they are kept here, not on the map.")
    return shown[["year", "period", *columns]]


def ranked(rows: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """The countries the view ranks first: by people (non-country codes such as UNK included, as in the
    bar charts) or by a ratio to population (countries with a population figure only, as on the map)."""
    if column == "total":
        return cs.top_countries(rows[rows["total"].notna()], n)
    shown = cs.map_rows(rows, column).sort_values([column, "country"], ascending=[False, True])
    return shown.head(n).reset_index(drop=True)


def _ratio(value, column: str) -> str:
    return f"{value:,.1f} per 1,000 inhabitants" if column == "per_1000" else f"{value:.2f}% of its population"


def headline_sentence(rows: pd.DataFrame, view: str, column: str, year: int, count: str) -> str | None:
    """The view's key figure in one sentence: the first country for the chosen count or ratio, with the
    total it is part of (or the population it is divided by), the period, and the sources."""
    best = ranked(rows[rows["is_country"].astype(bool)], column, 1)  # a country, not a code such as UNK
    total = rows["total"].sum(min_count=1)
    if pd.isna(total) or (best.empty and column != "total"):
        return None
    period = period_of(rows, year)
    who = vocabulary.COUNT_WORDS[count]
    unhcr = ("UNHCR's Refugee Population Statistics Database", data.manifest("population"))
    if column == "total":
        side = "country of asylum" if view == "asylum" else "country of origin"
        if best.empty:
            return (f"At {period}, {labels.millions(total)} {who} were counted by {side} worldwide (stocks at the "
                    f"end of the year), none of them with a recorded {side}, {cs.according_to([unhcr])}.")
        first = best.iloc[0]
        where = (f"{first['country']} hosted the most {who}" if view == "asylum"
                 else f"the most {who} came from {first['country']}")
        return (f"At {period}, {where}: {labels.millions(first['total'])} of the {labels.millions(total)} counted by "
                f"{side} worldwide (stocks at the end of the year), {cs.according_to([unhcr])}.")
    first = best.iloc[0]
    cited = cs.according_to([unhcr, ("the World Bank's Population, total (SP.POP.TOTL)",
                                     data.manifest("worldbank-population"))])
    denominator = (f"{int(first['total']):,} people against a population of {int(first['population']):,} in "
                   f"{int(first['population_year'])}")
    if view == "asylum":
        return (f"At {period}, {first['country']} hosted the most {who} relative to its population: "
                f"{_ratio(first[column], column)} ({denominator}), {cited}.")
    return (f"At {period}, the country with the largest share of its population displaced abroad as {who} was "
            f"{first['country']}: {_ratio(first[column], 'share_pct')} ({denominator}; the population counts "
            f"the people living there now), {cited}.")


def key_figures(rows: pd.DataFrame, view: str, column: str, top: int, count: str) -> pd.DataFrame:
    """The top countries of the view (as many as the top lists show, at most 20)."""
    shown = ranked(rows, column, min(top, MAX_FIGURES))
    who = "Country or area" + (" of asylum" if view == "asylum" else " of origin")
    table = {who: list(shown["country"]), f"People ({vocabulary.COUNT_SHORT[count]})": shown["total"].map(cs.people)}
    if column != "total":
        ratio = "Per 1,000 inhabitants" if column == "per_1000" else "% of population"
        table[ratio] = [f"{v:,.1f}" if column == "per_1000" else f"{v:.2f}%" for v in shown[column]]
        table["Population (World Bank, year)"] = [f"{int(p):,} ({int(y)})" for p, y
                                                  in zip(shown["population"], shown["population_year"])]
    return pd.DataFrame(table)


year, view, measure, top, count = controls()
rows = {v: cs.cross_border(tables[v], year, names, count) for v in VIEWS}

left, right = st.columns(2)
with left:
    bars = {"asylum": bar_chart(rows["asylum"], "asylum", top, year, count)}
with right:
    bars["origin"] = bar_chart(rows["origin"], "origin", top, year, count)

column = measure_column(view, measure, year)
chosen = rows[view]
if column != "total" and not chosen.empty:
    chosen = cs.with_population(chosen, population, year)
    earlier = ", ".join(map(str, cs.population_years_used(chosen, year)))
    if earlier and not (chosen["population_year"] == year).any():
        st.info(f"The World Bank has no population figures for {year} yet: the ratios use {earlier} populations, "
                "the latest available.")
    elif earlier:
        st.info(f"Some countries have no World Bank population figure for {year}: their ratios use the latest "
                f"earlier year ({earlier}); the table shows the year used for each country.")
st.subheader(f"Map: {VIEW_WORDS[view]}")
map_figure = None
if chosen.empty:
    st.info(f"No figures {VIEW_WORDS[view]} for {year} in the data. Missing is not zero.")
else:
    map_figure = country_map(chosen, view, column, year, count)
shown = table(chosen, view, column, year, count)
download_buttons(shown, tables[view], data,
                 ["population", "worldbank-population"] if column != "total" else ["population"],
                 f"{cs.sentence_case(vocabulary.COUNT_SHORT[count])} {VIEW_WORDS[view]}, {period_of(chosen, year)}",
                 f"countries-{view}-{year}")

notes = [f"Countries counted by {vocabulary.COUNT_WORDS[count]}"
         + (" (UNHCR's basis for rankings; asylum-seekers apart)." if count == vocabulary.DEFAULT_COUNT else ".")
         + " Counted once by country of asylum and once by country of origin: two views of the same people, never "
           "added together. Palestine refugees under UNRWA's mandate and internally displaced people are not included."]
if column != "total":
    notes.append("Ratios use the World Bank population of each country; where the year's figure is missing, the "
                 "latest earlier year (named in the table).")
share.share_bar(data, title=TITLE, source_ids=["population"] + (["worldbank-population"] if column != "total" else []),
                headline=headline_sentence(chosen, view, column, year, count),
                figures=key_figures(chosen, view, column, top, count),
                fig=map_figure if map_figure is not None else bars[view], notes=tuple(notes))
