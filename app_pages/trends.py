"""Trends: the headline components, their sum and stateless people over time, with UNHCR's published
figures beside them (never merged) and the crises that moved the series."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import annotations, charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.figures import headline as hl
from displacement.formatting import markdown_text

SOURCES = ["population", "unrwa", "idmc"]
SERIES = cs.TREND_SERIES
LABEL = {name: labels.SHORT[name] for name in SERIES}
DEFAULT_SERIES = [name for name in SERIES if name not in ("stateless", "forcibly_displaced")]
TOTAL = hl.HEADLINE
MEASURES = ["people", "share", "change"]
MEASURE_HELP = ("people: the number of people at the end of each year (a stock). share: each component as a % "
                "of the sum of the five components (from 1990, when IDMC's estimate starts). change: the change on "
                "the previous year-end, in people.")
SCALES = ["linear", "log"]
BOOLEAN = {"true", "false"}
SOURCE_LINE = "UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)"
TITLE = "How has forced displacement changed over time?"
# Each series in a sentence: what it counts (the headline of the share bar names its definition).
WORDS = {
    "refugees": ("refugees under UNHCR's mandate worldwide", "including people in refugee-like situations"),
    "palestine_refugees": ("Palestine refugees under UNRWA's mandate", "registered with UNRWA"),
    "asylum_seekers": ("asylum-seekers worldwide", "people whose claim for international protection was not yet "
                                                   "decided"),
    "oip": ("other people in need of international protection worldwide",
            "outside their country but not reported as refugees or asylum-seekers"),
    "idps_conflict": ("people internally displaced by conflict and violence worldwide", "IDMC's estimate"),
    "forcibly_displaced_unhcr_basis": ("people forcibly displaced worldwide", hl.DEFINITION),
    "forcibly_displaced": ("people counted in the sum of the five components worldwide",
                           "the plain sum, which counts twice the Palestine refugees also displaced inside Gaza"),
    "stateless": ("stateless people reported to UNHCR", "a partial count, reported beside the headline"),
}

available = loaders.datasets()
FIRST, LAST = page.year_bounds(available)
DEFAULT_YEARS = (max(FIRST, 1990), LAST)


def _boolean(name: str) -> url_state.Param:
    return url_state.Param(name, lambda v: v.lower() in BOOLEAN, "true or false")


params = [url_state.choice("types", SERIES, multiple=True),
          url_state.Param("years", url_state.year("years", FIRST, LAST).accepts,
                          f"two years from {FIRST} to {LAST}", multiple=True),
          url_state.choice("measure", MEASURES),
          url_state.choice("scale", SCALES),
          _boolean("published"), _boolean("events")]
data = page.start(TITLE, params,
                  intro="Stocks at the end of each year. The forcibly displaced total is UNHCR's: its five components "
                        "with the Palestine refugees also displaced inside Gaza counted once; stateless people are "
                        "reported beside it, never inside it.")
if len(st.query_params.get_all("years")) == 1:
    url_state.show_notices(["Link parameter “years” needs two years (a start and an end): showing the default range."])

totals = loaders.totals(data)
headlines = loaders.table(data, "published-headlines", "headlines")
as_of = loaders.data_as_of(data, SOURCES)


def controls() -> tuple[list[str], int, int, str, str, bool, bool]:
    chosen = url_state.coded_multiselect("Population types", SERIES, param="types", default=DEFAULT_SERIES,
                                         format_func=LABEL.get,
                                         help="Stateless people are drawn in a separate chart: they are reported "
                                              "beside the headline, not inside it.")
    first, last = st.slider("Years", FIRST, LAST, DEFAULT_YEARS, key="years", bind="query-params")
    first, last = min(first, last), max(first, last)
    left, middle, right = st.columns([3, 2, 3])
    with left:
        measure = st.segmented_control("Show", MEASURES, default="people", required=True, key="measure",
                                       bind="query-params", help=MEASURE_HELP) or "people"
    with middle:
        scale = st.segmented_control("Scale", SCALES, default="linear", required=True, key="scale",
                                     bind="query-params",
                                     help="A log scale shows growth rates: equal steps are equal % changes."
                                     ) or "linear"
    with right:
        published = st.checkbox("Figures published by UNHCR", value=True, key="published", bind="query-params",
                                help="UNHCR's headline figures as first published (Global Trends, Mid-Year Trends), "
                                     "drawn as separate markers: they are not part of the series.")
        events = st.checkbox("Crisis annotations", value=True, key="events", bind="query-params")
    return chosen, first, last, measure, scale, published, events


def main_chart(chosen: list[str], first: int, last: int, measure: str, scale: str, published: bool,
               events: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    """The chart of the chosen series and measure; returns its values and the figure (None, None when
    there is nothing to draw)."""
    series = [n for n in chosen if n != "stateless"]
    if measure == "share":
        dropped = [n for n in series if n in cs.TOTALS]
        series = [n for n in series if n not in cs.TOTALS]
        if dropped:
            st.caption("The share view shows the five components as a % of their sum, so the totals are not drawn.")
        if first < cs.FIRST_COMPLETE_SHARE_YEAR:
            st.caption(f"Shares start in {cs.FIRST_COMPLETE_SHARE_YEAR}: before it there is no estimate of conflict "
                       "IDPs, so the total is incomplete. Earlier years are left empty, not zero.")
    if not series:
        if "stateless" not in chosen:
            st.info("Choose at least one population type to draw the chart.")
        return None, None
    values = cs.trend_values(totals, series, first, last, measure)
    if values[series].isna().all().all():
        st.info(f"No figures for the chosen population types between {first} and {last}. "
                "Missing figures are not zero: try a wider year range.")
        return None, None
    log = scale == "log"
    if log and measure == "change":
        st.info("A log scale cannot show decreases, so the change on the year is drawn on a linear scale.")
        log = False
    fig = go.Figure()
    for name in series:
        fig.add_trace(_line(values, name, measure))
    if published and measure == "people":
        _published_markers(fig, series, first, last)
    if events:
        _crisis_marks(fig, first, last)
    fig.update_yaxes(type="log" if log else "linear", rangemode="tozero" if not log else None,
                     ticksuffix="%" if measure == "share" else "")
    _year_end_axis(fig, first, last)
    unit = {"people": "People worldwide (stock at the end of each year)",
            "share": "% of the sum of the five components",
            "change": "People, change on the previous year-end"}[measure] + (" · log scale" if log else "")
    latest = values.iloc[-1]
    if latest["period"] == "mid-year":
        unit += f"; {cs.period_label(latest['year'], latest['period'])} is a mid-year figure"
    title = {"people": "Forcibly displaced people, by type",
             "share": "Share of the forcibly displaced total",
             "change": "Change on the previous year, by type"}[measure]
    charts.frame(fig, title=title, unit=unit, source=SOURCE_LINE, as_of=as_of, height=520)
    charts.show(fig, key="trends-main", alt=_alt_text(values, series, measure, first, last, published))
    _uncollected_note(series, first, last)
    if published and measure != "people":
        st.caption("UNHCR's published figures are shown with the number of people only.")
    if published and measure == "people" and TOTAL in series:
        _gap_note(first, last)
    return values, fig


def _uncollected_note(series: list[str], first: int, last: int) -> None:
    for name, (start, end) in cs.uncollected_years(totals, series).items():
        start, end = max(start, first), min(end, last)
        if start <= end:
            years = str(start) if start == end else f"{start}–{end}"
            what = labels.LABELS[name][0].lower() + labels.LABELS[name][1:]
            st.caption(f"UNHCR's database holds 0 for {what} worldwide in {years}: the figure was not "
                       "collected then, so those years are left empty rather than drawn as zero.")


def _year_end_axis(fig: go.Figure, first: int, last: int) -> None:
    """Ticks at 31 December, where each yearly figure sits, so a point is read against its own year
    (a plain date axis would put the end-2024 point next to the '2025' tick)."""
    span = last - first
    step = 1 if span <= 12 else 5 if span <= 40 else 10
    years = [y for y in range(first, last + 1) if y % step == 0 or step == 1]
    fig.update_xaxes(type="date", tickmode="array", tickvals=[cs.period_date(y, "end-year") for y in years],
                     ticktext=[str(y) for y in years])


def _line(values: pd.DataFrame, name: str, measure: str) -> go.Scatter:
    number = "%{y:.1f}%" if measure == "share" else ("%{y:+,.0f}" if measure == "change" else "%{y:,.0f}")
    periods = [cs.period_label(y, p) for y, p in zip(values["year"], values["period"])]
    return go.Scatter(x=values["date"], y=values[name].astype("float64"), name=LABEL[name], mode="lines+markers",
                      line={"color": labels.COLOURS[name], "width": 3 if name in cs.TOTALS else 2,
                            "dash": "dot" if name == "forcibly_displaced" else "solid"},
                      marker={"size": 4}, customdata=periods, connectgaps=False,
                      hovertemplate="%{customdata}: " + number + "<extra>" + cs.escape_markup(LABEL[name]) + "</extra>")


def _published_markers(fig: go.Figure, series: list[str], first: int, last: int) -> None:
    points = cs.published_points(headlines, series, first, last)
    for index, (name, rows) in enumerate(points.groupby("series", sort=False)):
        notes = [cs.escape_markup(n) if isinstance(n, str) else "" for n in rows["notes"]]
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["value"], mode="markers", name="Published by UNHCR (as first published)",
            legendgroup="published", showlegend=index == 0,
            marker={"symbol": "diamond", "size": 11, "color": labels.COLOURS[name],
                    "line": {"color": "#1a1a1a", "width": 1.5}},
            customdata=list(zip(rows["period_label"], rows["value_m"], notes)),
            hovertemplate=("%{customdata[0]}: %{customdata[1]:.1f} million, published by UNHCR<br>"
                           "%{customdata[2]}<extra>" + cs.escape_markup(LABEL[name]) + " (published)</extra>")))


def _crisis_marks(fig: go.Figure, first: int, last: int) -> None:
    for index, crisis in enumerate(annotations.within(first, last)):
        x = pd.Timestamp(crisis.date)
        fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper",
                      line={"color": "#666666", "width": 1, "dash": "dot"})
        fig.add_annotation(x=x, xref="x", y=1 - 0.07 * (index % 3), yref="paper", yanchor="top",
                           xanchor="right", text=cs.escape_markup(crisis.label), showarrow=False,
                           font={"size": 10, "color": "#444444"}, bgcolor="rgba(255,255,255,0.8)",
                           hovertext=cs.escape_markup(f"{crisis.date_text}: {crisis.description}"))


def _alt_text(values: pd.DataFrame, series: list[str], measure: str, first: int, last: int, published: bool) -> str:
    parts = []
    for name in series:
        known = values[values[name].notna()]
        if known.empty:
            parts.append(f"{LABEL[name]}: no figures in this range")
            continue
        start, end = known.iloc[0], known.iloc[-1]
        parts.append(f"{LABEL[name]} {_fmt(start[name], measure)} in {int(start['year'])}, "
                     f"{_fmt(end[name], measure)} in {int(end['year'])}")
    kind = {"people": "Line chart of people", "share": "Line chart of shares of the total",
            "change": "Line chart of the change on the previous year"}[measure]
    text = f"{kind}, {first}–{last}. " + "; ".join(parts) + "."
    if published and measure == "people":
        latest = cs.published_points(headlines, [TOTAL], first, last)
        if not latest.empty:
            row = latest.sort_values("date").iloc[-1]
            text += (f" Diamonds mark figures published by UNHCR, the latest {row['value_m']:.1f} million "
                     f"for {row['period_label']}.")
    return text


def _fmt(value, measure: str) -> str:
    if measure == "share":
        return f"{value:.1f}%"
    if measure == "change":
        return f"{value / 1e6:+.2f} million" if abs(value) >= 1e6 else f"{value:+,.0f}"
    return labels.millions(value)


def _gap_note(first: int, last: int) -> None:
    for note in hl.range_notes(totals, headlines, loaders.table(data, "headline-releases", "releases"), first, last):
        st.caption(markdown_text(note))


def change_note(chosen: list[str], first: int, last: int) -> None:
    """The change over the chosen years, in people and %, for the total (or the first series chosen)."""
    name = TOTAL if TOTAL in chosen else next(iter(chosen), None)
    if name is None:
        return
    try:
        change = hl.change_since(totals, first, name, until=last)
    except ValueError:
        return  # no figure at the start of the range: the chart says what is missing
    st.markdown(markdown_text(hl.change_sentence(change, WORDS[name][0])))


def stateless_chart(first: int, last: int, scale: str, published: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    st.subheader("Stateless people (reported beside the headline)")
    values = cs.trend_values(totals, ["stateless"], first, last, "people")
    known = values[values["stateless"].notna()]
    if known.empty:
        st.info(f"No figures for stateless people between {first} and {last}.")
        return None, None
    fig = go.Figure(_line(values, "stateless", "people"))
    if published:
        _published_markers(fig, ["stateless"], first, last)
    fig.update_yaxes(type="log" if scale == "log" else "linear", rangemode="tozero" if scale != "log" else None)
    _year_end_axis(fig, first, last)
    charts.frame(fig, title="Stateless people reported to UNHCR",
                 unit="People (stock at the end of each year; a partial count)"
                      + (" · log scale" if scale == "log" else ""),
                 source="UNHCR Refugee Population Statistics Database (CC BY 4.0)",
                 as_of=loaders.data_as_of(data, ["population"]),
                 height=380)
    start, end = known.iloc[0], known.iloc[-1]
    _uncollected_note(["stateless"], first, last)
    charts.show(fig, key="trends-stateless", alt=(
        f"Line chart. Stateless people reported to UNHCR: {labels.millions(start['stateless'])} in "
        f"{int(start['year'])}, "
        f"{labels.millions(end['stateless'])} in {int(end['year'])}. Not part of the forcibly displaced total; "
        "UNHCR estimates the real number is higher."))
    return values, fig


def crisis_list(first: int, last: int) -> None:
    crises = annotations.within(first, last)
    if not crises:
        return
    with st.expander("Crises marked on the chart"):
        for crisis in crises:
            st.markdown(f"**{crisis.label}**, {crisis.date_text}: {crisis.description}")
        st.caption("Curated context written by the dashboard team, not part of the data. Points on the chart are "
                   "stocks at 31 December, so a crisis shows up in the figure for the year it began at the earliest.")


def data_table(values: pd.DataFrame | None, stateless: pd.DataFrame | None, measure: str) -> None:
    suffix = {"people": "people", "share": "pct_of_sum", "change": "change_on_year"}[measure]
    frames = []
    if values is not None:
        frames.append(values.drop(columns="date").rename(
            columns={n: f"{n}_{suffix}" for n in SERIES if n in values}))
    if stateless is not None:
        frames.append(stateless.drop(columns="date").rename(columns={"stateless": "stateless_people"}))
    if not frames:
        return
    shown = frames[0]
    if len(frames) == 2:
        shown = shown.merge(frames[1], on=["year", "period"], how="outer")
    with st.expander("The figures in a table"):
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=_table_columns(shown))
        st.caption("“–” marks a missing figure (not collected or not applicable), never zero. The download keeps "
                   "these columns under their data names.")
    download_buttons(shown, totals, data, SOURCES, "Forcibly displaced people by type and year (Trends page)", "trends")


TABLE_UNITS = {"people": "people", "pct_of_sum": "% of the sum", "change_on_year": "change on the year"}


def _table_columns(shown: pd.DataFrame) -> dict:
    """Readable headings and thousands separators for the table (the download keeps the data names)."""
    config = {"year": st.column_config.NumberColumn("Year", format="%d"),
              "period": st.column_config.TextColumn("Period")}
    for column in shown.columns:
        for suffix, words in TABLE_UNITS.items():
            name = column.removesuffix(f"_{suffix}")
            if name != column and name in labels.LABELS:
                config[column] = st.column_config.NumberColumn(
                    f"{labels.SHORT.get(name, labels.LABELS[name])} ({words})", help=labels.LABELS[name],
                    format="%.1f%%" if suffix == "pct_of_sum" else "localized")
    return config


def _known(values: pd.DataFrame, name: str) -> pd.DataFrame:
    return values[values[name].notna()]


def headline_sentence(values: pd.DataFrame, name: str, measure: str) -> str | None:
    """One citation-ready sentence on the view's key series (the total when it is drawn, else the first
    series chosen): its latest figure in the range, the period, what it counts and the source."""
    known = _known(values, name)
    if known.empty:
        return None
    start, end = known.iloc[0], known.iloc[-1]
    noun, definition = WORDS[name]
    when, since = cs.period_label(end["year"], end["period"]), cs.period_label(start["year"], start["period"])
    cited = cs.according_to([(("UNHCR's Refugee Population Statistics Database" if name == "stateless" else
                               "UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via UNHCR"),
                              data.manifest("population"))])
    if measure == "share":
        return (f"{noun[0].upper() + noun[1:]} ({definition}) were {end[name]:.1f}% of the forcibly displaced total "
                f"at {when}, against {start[name]:.1f}% at {since} (the total is the sum of the five components), "
                f"{cited}.")
    if measure == "change":
        moved = "rose" if end[name] >= 0 else "fell"
        return (f"The number of {noun} ({definition}) {moved} by {_fmt(abs(end[name]), 'people')} in the year to "
                f"{when} (change in the stock on the previous year-end), {cited}.")
    if start["year"] == end["year"]:
        return f"There were {labels.millions(end[name])} {noun} at {when} ({definition}; a stock), {cited}."
    trend = "up from" if end[name] > start[name] else "down from" if end[name] < start[name] else "as at"
    return (f"There were {labels.millions(end[name])} {noun} at {when} ({definition}; a stock at the end of the "
            f"period), {trend} {labels.millions(start[name])} at {since}, {cited}.")


def key_figures(values: pd.DataFrame | None, stateless: pd.DataFrame | None, measure: str) -> pd.DataFrame:
    """The figures of the view at the start and end of the year range, one row per series drawn."""
    frames = [(values, [n for n in SERIES if values is not None and n in values and n != "stateless"]),
              (stateless, ["stateless"] if stateless is not None else [])]
    rows, columns = [], None
    for frame, names in frames:
        if frame is None or not names:
            continue
        ends = [frame.iloc[0], frame.iloc[-1]] if len(frame) > 1 else [frame.iloc[-1]]
        columns = columns or ["Population type"] + [cs.period_label(r["year"], r["period"]) for r in ends]
        shown = measure if frame is values else "people"
        for name in names:
            cells = [_cell(r[name], shown) for r in ends]
            unit = "" if measure == "people" else f", {UNITS[shown]}"
            rows.append([labels.LABELS[name] + unit, *cells][:len(columns)])
    frame = pd.DataFrame(rows, columns=columns or ["Population type", "value"])
    return frame.rename(columns={"Population type": "Population type (people)"}) if measure == "people" else frame


UNITS = {"people": "people", "share": "% of the forcibly displaced total", "change": "change on the year-end before"}


def _cell(value, measure: str) -> str:
    if value is None or pd.isna(value):
        return "no data"
    if measure == "share":
        return f"{value:.1f}%"
    return f"{value:+,.0f}" if measure == "change" else f"{int(value):,}"


chosen, first, last, measure, scale, published, events = controls()
values, main_figure = main_chart(chosen, first, last, measure, scale, published, events)
change_note(chosen, first, last)
if events:
    crisis_list(first, last)
stateless, stateless_figure = stateless_chart(first, last, scale, published) if "stateless" in chosen else (None, None)
data_table(values, stateless, measure)

drawn = [n for n in SERIES if values is not None and n in values]
key = (TOTAL if TOTAL in drawn else drawn[0] if drawn else "stateless" if stateless is not None else None)
headline = (headline_sentence(values if key != "stateless" else stateless, key,
                              measure if key != "stateless" else "people") if key else None)
notes = ["The forcibly displaced total is UNHCR's: the five components with the Palestine refugees also displaced "
         "inside Gaza counted once. Stateless people are reported beside it, never inside it. Missing figures are "
         "left empty, never counted as zero."]
if published and measure == "people":
    notes.append("Figures published by UNHCR are drawn as separate markers; they differ from today's data where back "
                 "years were revised since (Sources and methods reproduces each one).")
share.share_bar(data, title=TITLE,
                source_ids=SOURCES + (["published-headlines"] if published and measure == "people" else []),
                headline=headline, figures=key_figures(values, stateless, measure),
                fig=main_figure if main_figure is not None else stateless_figure, notes=tuple(notes))
