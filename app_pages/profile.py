"""Country profile: people who fled a country and people it hosts (never summed), its IDPs, returns,
resettlement and naturalisation, asylum applications and decisions, the burden per inhabitant and
UNHCR's footnotes. A link with ?iso3=UKR (or ukr) opens a country."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import country as stats
from displacement.figures.summary import SummaryError, country_summary
from displacement.formatting import markdown_text

UNHCR_SOURCE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
GIDD_SOURCE = "IDMC GIDD (CC BY-NC 4.0)"  # short: one line, phones included
TITLE = "Country profile"
# Every source a figure on this page comes from (footnotes are added when the country has any).
PAGE_SOURCES = ["population", "unrwa", "idmc", "idmc-gidd", "solutions", "asylum-applications", "asylum-decisions",
                "worldbank-population", "countries"]
DECISION_COLOURS = {"recognized": labels.COLOURS["refugees"], "complementary": "#589BE5",
                    "rejected": "#666666", "closed": "#BFBFBF"}
DECISION_LABELS = {"recognized": "Recognised as refugees", "complementary": "Complementary protection",
                   "rejected": "Rejected", "closed": "Otherwise closed"}

# The sections, as tabs whose choice lives in the link (?section=Decisions). Only the open one is built
# and drawn, so changing the country redraws at most two charts (re-render target, docs/benchmarks.md).
SECTIONS = ["Refugees", "IDPs", "Solutions", "Applications", "Decisions", "Burden", "Footnotes"]

_opened = loaders.datasets()
_UNHCR_NAMES = loaders.country_names(_opened)
NAMES = stats.names_with_extras(_UNHCR_NAMES, _UNHCR_NAMES)
CODES = sorted(NAMES, key=lambda c: NAMES[c])
_first, _last = page.year_bounds(_opened)
params = [url_state.country("iso3", NAMES), url_state.choice("section", SECTIONS),
          url_state.year("change_since", _first, _last - 1)]
data = page.start(TITLE, params,
                  intro="One country from every side: people who fled it, people it hosts, its internally "
                        "displaced, returns, resettlement, asylum, and UNHCR's notes. Share the view with the link.")


def _hydrate() -> None:
    """Let displacement.figures.summary read the cached tables instead of the parquet files again."""
    for source_id, name in [("population", "totals"), ("population", "by_origin"), ("population", "by_asylum"),
                            ("population", "countries"), ("countries", "countries"), ("unrwa", "totals"),
                            ("unrwa", "by_asylum"), ("idmc", "totals"), ("idmc", "by_country"),
                            ("idmc-gidd", "by_country"), ("worldbank-population", "population"),
                            ("published-headlines", "headlines")]:
        data.tables[f"{source_id}/{name}"] = loaders.table(data, source_id, name)


def pick_country(default: str) -> str:
    """The selector shows names; the link keeps the ISO3 code (?iso3=UKR, and ?iso3=ukr works)."""
    return url_state.coded_select(st.selectbox, "Country or territory", CODES, param="iso3", default=default,
                                  format_func=lambda c: f"{NAMES[c]} ({c})", normalise=lambda v: v.strip().upper(),
                                  help="Type a name to search. The link in the address bar opens this country.")


def _exact(value) -> str | None:
    return None if value is None or pd.isna(value) else f"{int(value):,}"


def _per_1000(value) -> str:
    """Two decimals, as the Countries table and the command line give it: one number everywhere."""
    return "no data" if value is None or pd.isna(value) else f"{value:,.2f}"


def _no_data(what: str) -> None:
    st.info(f"No data: {what}", icon=":material/block:")


def _first_year(frame: pd.DataFrame, columns: list[str]) -> int | None:
    rows = frame[frame[columns].notna().any(axis=1)] if not frame.empty else frame
    return None if rows.empty else int(rows["year"].min())


def _since(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    first = _first_year(frame, columns)
    return frame if first is None else frame[frame["year"] >= first]


# --- the page -----------------------------------------------------------------------------------

_hydrate()
by_origin = loaders.table(data, "population", "by_origin")
by_asylum = loaders.table(data, "population", "by_asylum")
iso3 = pick_country(stats.default_country(by_origin, NAMES))
name = NAMES[iso3]
said = markdown_text(name)  # the name inside Markdown: text, never markup
totals = loaders.totals(data)
year = int(totals["year"].max())
FIRST = int(totals["year"].min())


def headline_cards() -> dict | None:
    """The cards, the relatable scale and UNRWA's figure; returns the country's summary (None when the
    country list and the data disagree)."""
    st.header(said)
    try:
        summary = country_summary(data, year, iso3)
    except SummaryError as error:  # the country list and the data disagree: say so, never show zeros
        st.warning(str(error))
        return None
    label = summary["period"]
    fled, hosted = summary["by_origin"], summary["by_asylum"]
    idps = summary["idps"][0]  # IDMC via UNHCR: the headline's figure, to the latest year
    st.markdown(f"**At {label}** (stocks)")
    cols = st.columns(4)
    cols[0].metric("Fled from the country (refugees + OIP)", labels.millions(fled["refugees_and_oip"]), border=True,
                   help=f"Refugees and other people in need of international protection whose country of origin is "
                        f"{said}, wherever they are (stock; UNHCR's basis for rankings). Exact: "
                        f"{_exact(fled['refugees_and_oip']) or 'no data'}. Asylum-seekers apart: "
                        f"{_exact(fled['asylum_seekers']) or 'no data'}.")
    cols[1].metric("Hosted in the country (refugees + OIP)", labels.millions(hosted["refugees_and_oip"]), border=True,
                   help=f"Refugees and other people in need of international protection living in {said}, whatever "
                        f"their origin (stock). Exact: {_exact(hosted['refugees_and_oip']) or 'no data'}. "
                        f"Asylum-seekers apart: {_exact(hosted['asylum_seekers']) or 'no data'}.")
    cols[2].metric(f"Internally displaced (conflict), {label}", labels.millions(idps["value"]), border=True,
                   help="IDMC's estimate as served by UNHCR's idmc endpoint, the figure in UNHCR's headline "
                        f"(stock at end-{idps['year']}). Exact: {_exact(idps['value']) or 'no data'}.")
    cols[3].metric("Hosted per 1,000 residents", _per_1000(summary["hosted_per_1000"]), border=True,
                   help="Refugees and OIP hosted (second card) per 1,000 residents. Population: World Bank "
                        f"{summary['population_year'] or 'no data'}.")
    st.caption(markdown_text(" ".join(stats.card_notes(summary, name))))
    for line in stats.scale_lines(summary, name, label, loaders.table(data, "worldbank-population", "population"),
                                  loaders.country_names(data)):
        st.markdown(markdown_text(line))
    change_since_block()
    unrwa = stats.palestine_refugees_in(loaders.table(data, "unrwa", "by_asylum"), iso3)
    when, value = stats.latest_value(unrwa, "palestine_refugees")
    if when is not None:
        st.info(f"{said} also hosts {labels.millions(value)} Palestine refugees registered with UNRWA (end-{when}; "
                f"exact {_exact(value)}). They are under UNRWA's mandate, so they are not in the UNHCR figures on "
                "this page (cards, charts or the per-capita figure); the world headline on the Overview page "
                "counts them.", icon=":material/info:")
    return {**summary, "unrwa": (when, value)}


def change_since_block() -> None:
    choices = list(range(year - 1, FIRST - 1, -1))
    if not choices:
        return  # a single year of data: no change to give
    picker, _ = st.columns([1, 4])
    since = picker.selectbox("Change since", choices, index=choices.index(max(FIRST, year - 5)), key="change_since",
                             bind="query-params", help="The change from the end of that year to the latest period.")
    lines = stats.country_changes(by_origin, by_asylum, loaders.table(data, "idmc", "by_country"), iso3, name, since,
                                  year)
    st.markdown("\n".join(f"- {markdown_text(line)}" for line in lines) if lines
                else f"No figures for {said} at end-{since}.")


def protection_block() -> list[go.Figure]:
    """People who fled the country and people it hosts; returns the figures drawn, larger side first."""
    st.subheader(f"Who fled {said}, and whom {said} hosts")
    figures = {}
    left, right = st.columns(2)
    for column, table, side, key in [(left, by_origin, "from", "fled"), (right, by_asylum, "in", "hosted")]:
        trend = _since(stats.protection_trend(table, iso3), stats.PROTECTION_TYPES)
        with column:
            title = f"People who fled {name}" if side == "from" else f"People hosted in {name}"
            if not stats.has_data(trend, stats.PROTECTION_TYPES):
                _no_data(f"UNHCR reports no refugees, asylum-seekers or OIP {'from' if side == 'from' else 'in'} "
                         f"{said}.")
                continue
            fig = go.Figure()
            for kind in stats.PROTECTION_TYPES:
                if trend[kind].notna().any():
                    fig.add_trace(go.Scatter(x=trend["year"], y=trend[kind].astype("Float64"),
                                             name=labels.SHORT[kind], stackgroup="one",
                                             line={"width": 0.5, "color": labels.COLOURS[kind]},
                                             hovertemplate="%{x}: %{y:,.0f}<extra>" + labels.SHORT[kind] + "</extra>"))
            charts.frame(fig, title=title,
                         unit="People, stock at end of year" + (" (by origin)" if side == "from" else " (by host country)"),
                         source=UNHCR_SOURCE, as_of=loaders.data_as_of(data, ["population"]), height=400)
            last = trend.dropna(subset=["total"]).iloc[-1]
            peak = trend.loc[trend["total"].astype("Float64").idxmax()]
            charts.show(fig, key=f"profile-{key}", alt=(
                f"Stacked area chart of refugees, asylum-seekers and other people in need of international protection "
                f"{'from' if side == 'from' else 'hosted in'} {name}, {int(trend['year'].min())} to {int(last['year'])}: "
                f"{labels.millions(last['total'])} in {int(last['year'])}; the highest was "
                f"{labels.millions(peak['total'])} in {int(peak['year'])}."))
            download_buttons(trend, None, data, ["population"], f"{title}, by type and year", f"profile-{key}-{iso3}")
            figures[key] = fig
    return _larger_side_first(figures)


IDP_LINES = [  # column, colour, dash, markers only, words
    ("conflict_via_unhcr", labels.COLOURS["idps_conflict"], "solid", False, "Conflict and violence (IDMC via UNHCR)"),
    ("idps_conflict_stock", "#1b7a52", "dot", True, "Conflict and violence (IDMC database)"),
    ("idps_disaster_stock", labels.COLOURS["idps_disaster"], "dash", False, "Disasters (IDMC database)"),
]


def idp_block() -> list[go.Figure]:
    st.subheader(f"Internally displaced in {said}")
    both = stats.idp_sources(loaders.table(data, "idmc", "by_country"), loaders.table(data, "idmc-gidd", "by_country"),
                             iso3)
    columns = [c for c, *_ in IDP_LINES]
    if not stats.has_data(both, columns):
        _no_data(f"IDMC reports no IDP stock figures for {said}, through UNHCR or in its own database.")
        return []
    shown = _since(both[["year", *columns]], columns)
    fig = go.Figure()
    for column, colour, dash, markers, text in IDP_LINES:
        if shown[column].notna().any():
            fig.add_trace(go.Scatter(x=shown["year"], y=shown[column].astype("Float64"), name=text,
                                     mode="markers" if markers else "lines+markers",
                                     line={"color": colour, "width": 3, "dash": dash},
                                     marker={"size": 9 if markers else 6, "symbol": "circle-open" if markers else "circle"},
                                     hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    charts.frame(fig, title=f"People internally displaced in {name}",
                 unit="People, stock at 31 December (conflict and disasters shown apart)",
                 source="IDMC via UNHCR (CC BY 4.0); IDMC GIDD (CC BY-NC 4.0)",
                 as_of=loaders.data_as_of(data, ["idmc", "idmc-gidd"]), height=400)
    parts = []
    for column, *_, text in IDP_LINES:
        when, value = stats.latest_value(shown, column)
        parts.append(f"{text}: {labels.millions(value)} at end-{when}" if when else f"{text}: no data")
    charts.show(fig, key="profile-idps", alt=f"Line chart of IDPs in {name}: " + "; ".join(parts) + ".")
    st.caption(markdown_text(stats.idp_sources_note(shown, name, data.manifest("idmc")["release"],
                                                    data.manifest("idmc-gidd")["release"]))
               + " IDMC publishes conflict stocks from 2009 and disaster stocks from 2019; a gap means no figure, "
                 "not zero.")
    download_buttons(shown, None, data, ["idmc", "idmc-gidd"], f"IDPs in {name} (IDMC via UNHCR and IDMC GIDD)",
                     f"profile-idps-{iso3}")
    return [fig]


def _bars(frame: pd.DataFrame, series: list[tuple[str, str, str, str]], *, title: str, unit: str, source: str,
          source_ids: list[str], key: str, what: str) -> go.Figure:
    fig = go.Figure()
    for column, text, colour, pattern in series:
        if frame[column].notna().any():
            fig.add_trace(go.Bar(x=frame["year"], y=frame[column].astype("Float64"), name=text,
                                 marker={"color": colour, "pattern": {"shape": pattern, "fillmode": "overlay",
                                                                   "fgcolor": "white", "solidity": 0.35}},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + text + "</extra>"))
    fig.update_layout(barmode="group", showlegend=True)  # a lone series still says what its bars are
    charts.frame(fig, title=title, unit=unit, source=source, as_of=loaders.data_as_of(data, source_ids), height=400)
    parts = []
    for column, text, _, _ in series:
        when, value = stats.latest_value(frame, column)
        parts.append(f"{text}: {labels.millions(value)} in {when}" if when else f"{text}: no data")
    charts.show(fig, key=key, alt=f"Bar chart of {what}. Latest figures: " + "; ".join(parts) + ".")
    return fig


def solutions_block() -> list[go.Figure]:
    st.subheader("Returns, resettlement and naturalisation")
    left, right = st.columns(2)
    figures = []
    returns = _since(stats.returns_trend(loaders.table(data, "solutions", "by_origin"), iso3),
                     ["returned_refugees", "returned_idps"])
    with left:
        if not stats.has_data(returns, ["returned_refugees", "returned_idps"]):
            _no_data(f"UNHCR's solutions data report no returns to {said}.")
        else:
            figures.append(_bars(
                returns, [("returned_refugees", "Refugees who returned", labels.COLOURS["returned_refugees"], ""),
                          ("returned_idps", "IDPs who returned home", labels.COLOURS["returned_idps"], "/")],
                title=f"Returns to {name}", unit="People returning during each year (flows)",
                source=UNHCR_SOURCE, source_ids=["solutions"], key="profile-returns",
                what=f"refugees and IDPs returning to {name} each year"))
            download_buttons(returns, None, data, ["solutions"], f"Returns to {name}", f"profile-returns-{iso3}")
    hosted = _since(stats.solutions_in_country(loaders.table(data, "solutions", "by_asylum"), iso3),
                    ["resettlement", "naturalisation"])
    with right:
        if not stats.has_data(hosted, ["resettlement", "naturalisation"]):
            _no_data(f"UNHCR's solutions data report no resettlement to, or naturalisation of refugees in, {said}.")
        else:
            figures.append(_bars(
                hosted, [("resettlement", "Resettled to " + name, labels.COLOURS["refugees"], ""),
                         ("naturalisation", "Naturalised in " + name, "#589BE5", "x")],
                title=f"Resettlement and naturalisation in {name}",
                unit="Refugees during each year (flows)", source=UNHCR_SOURCE, source_ids=["solutions"],
                key="profile-resettlement", what=f"refugees resettled to and naturalised in {name}"))
            download_buttons(hosted, None, data, ["solutions"], f"Resettlement and naturalisation in {name}",
                             f"profile-resettlement-{iso3}")
    st.caption("Flows: people during each year, not people at a date. Returns count refugees whose country of origin "
               "this is; resettlement and naturalisation count refugees arriving in or naturalised by this country. "
               "A missing bar means not reported, not zero.")
    return figures


def applications_block() -> list[go.Figure]:
    st.subheader("Asylum applications")
    left, right = st.columns(2)
    figures = []
    for column, table_name, side, key in [(left, "by_asylum", "in", "in"), (right, "by_origin", "by", "by")]:
        table = loaders.table(data, "asylum-applications", table_name)
        new = stats.applications(table, iso3, "N")
        with column:
            title = (f"New asylum applications lodged in {name}" if side == "in"
                     else f"New asylum applications by nationals of {name}")
            if not stats.has_data(new, stats.UNITS):
                _no_data(f"UNHCR reports no new (first-time) asylum applications "
                         f"{'lodged in' if side == 'in' else 'by nationals of'} {said}.")
            else:
                figures.append(_bars(
                    new, [("persons", "Persons", labels.COLOURS["asylum_seekers"], ""),
                          ("cases", "Cases (households; not added to persons)", "#666666", ".")],
                    title=title, unit="Applications lodged during each year (flows)",
                    source=UNHCR_SOURCE, source_ids=["asylum-applications"], key=f"profile-applications-{key}",
                    what=title[0].lower() + title[1:]))
                download_buttons(new, None, data, ["asylum-applications"], title, f"profile-applications-{key}-{iso3}")
            if side == "in":
                others = stats.application_types(table, iso3, year)
                others = others[others["app_type"] != "N"]
                if not others.empty:
                    st.caption(f"Also reported for {year} and not shown: " + "; ".join(
                        f"{int(r.applied):,} {r.type} ({r.unit})" for r in others.itertuples() if pd.notna(r.applied)) + ".")
    st.caption("Application type N (new, first-time applications) only. Applications counted in cases (one per "
               "household or file) are never added to those counted in persons.")
    return figures


def decisions_block() -> list[go.Figure]:
    st.subheader(f"Asylum decisions in {said}")
    table = stats.decisions(loaders.table(data, "asylum-decisions", "by_asylum"), iso3)
    if table.empty or not stats.has_data(table, stats.DECISION_COLUMNS):
        _no_data(f"UNHCR reports no asylum decisions taken in {said}.")
        st.caption(stats.RECOGNITION_RATE_DEFINITION)
        return []
    unit = "persons" if (table["unit"] == "persons").any() else "cases"
    shown = table[table["unit"] == unit]
    left, right = st.columns(2)
    figures = []
    with left:
        fig = go.Figure()
        for column in ["recognized", "complementary", "rejected", "closed"]:
            fig.add_trace(go.Bar(x=shown["year"], y=shown[column].astype("Float64"), name=DECISION_LABELS[column],
                                 marker_color=DECISION_COLOURS[column],
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + DECISION_LABELS[column] + "</extra>"))
        fig.update_layout(barmode="stack")
        charts.frame(fig, title=f"Asylum decisions in {name}", unit=f"Decisions during each year, in {unit} (flows)",
                     source=UNHCR_SOURCE, as_of=loaders.data_as_of(data, ["asylum-decisions"]), height=400)
        last = shown.iloc[-1]
        charts.show(fig, key="profile-decisions", alt=(
            f"Stacked bar chart of asylum decisions in {name} ({unit}). In {int(last['year'])}: "
            f"{_exact(last['recognized']) or 'no data'} recognised, {_exact(last['complementary']) or 'no data'} "
            f"complementary protection, {_exact(last['rejected']) or 'no data'} rejected, "
            f"{_exact(last['closed']) or 'no data'} otherwise closed."))
        figures.append(fig)
    with right:
        rates = shown.dropna(subset=["recognition_rate"])
        if rates.empty:
            _no_data("no year has a substantive decision, so there is no recognition rate.")
        else:
            fig = go.Figure(go.Scatter(x=rates["year"], y=rates["recognition_rate"].astype("Float64") * 100,
                                       mode="lines+markers", name="Total recognition rate",
                                       line={"color": labels.COLOURS["refugees"], "width": 3},
                                       hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
            fig.update_yaxes(range=[0, 100], ticksuffix="%")
            charts.frame(fig, title=f"Total recognition rate in {name}",
                         unit=f"(recognised + complementary) / (recognised + complementary + rejected), {unit}",
                         source=UNHCR_SOURCE, as_of=loaders.data_as_of(data, ["asylum-decisions"]), height=400)
            last = rates.iloc[-1]
            charts.show(fig, key="profile-recognition", alt=(
                f"Line chart of the total recognition rate in {name}: {last['recognition_rate'] * 100:.1f}% in "
                f"{int(last['year'])}, from {rates['recognition_rate'].min() * 100:.1f}% to "
                f"{rates['recognition_rate'].max() * 100:.1f}% over {int(rates['year'].min())}-{int(rates['year'].max())}."))
            figures.append(fig)
    st.caption(stats.RECOGNITION_RATE_DEFINITION + " All decision levels and procedures are combined, as in "
               "UNHCR's database.")
    if (table["unit"] != unit).any():
        st.caption(f"{said} also reported decisions counted in cases in some years; they are in the download, "
                   "not in the charts (cases are never added to persons).")
    download_buttons(table, None, data, ["asylum-decisions"], f"Asylum decisions in {name}", f"profile-decisions-{iso3}")
    return figures


def burden_block() -> list[go.Figure]:
    st.subheader("People hosted per 1,000 inhabitants")
    burden = stats.hosted_per_1000(by_asylum, loaders.table(data, "worldbank-population", "population"), iso3)
    burden = burden.dropna(subset=["per_1000"])
    if burden.empty:
        _no_data(f"no hosted population or no World Bank population figure for {said}.")
        return []
    fig = go.Figure(go.Scatter(x=burden["year"], y=burden["per_1000"].astype("Float64"), mode="lines",
                               name="Hosted per 1,000 inhabitants", line={"color": labels.COLOURS["refugees"], "width": 3},
                               customdata=burden[["population_year"]],
                               hovertemplate="%{x}: %{y:,.2f} per 1,000 (population of %{customdata[0]})<extra></extra>"))
    charts.frame(fig, title=f"Refugees and OIP hosted per 1,000 inhabitants of {name}",
                 unit="People hosted at end of year per 1,000 residents",
                 source="UNHCR (CC BY 4.0); World Bank SP.POP.TOTL (CC BY 4.0)",
                 as_of=loaders.data_as_of(data, ["population", "worldbank-population"]), height=380)
    fig.update_yaxes(rangemode="tozero")
    last = burden.iloc[-1]
    charts.show(fig, key="profile-burden", alt=(
        f"Line chart: {name} hosted {_per_1000(last['per_1000'])} people per 1,000 inhabitants in {int(last['year'])}, "
        f"using the {int(last['population_year'])} population."))
    lagged = burden[burden["population_year"] != burden["year"]]
    if not lagged.empty:
        years = [str(int(y)) for y in lagged["year"]]
        st.caption(f"The World Bank population ends in {int(burden['population_year'].max())}: "
                   + ", ".join(years) + (" uses" if len(years) == 1 else " use")
                   + " the latest earlier population year.")
    download_buttons(burden, None, data, ["population", "worldbank-population"],
                     f"People hosted per 1,000 inhabitants of {name}", f"profile-burden-{iso3}")
    return [fig]


def country_notes() -> pd.DataFrame:
    return stats.country_footnotes(loaders.table(data, "footnotes", "footnotes"), iso3)


def footnotes_block() -> list[go.Figure]:
    """UNHCR's notes on the country, as plain text; no figure."""
    st.subheader("UNHCR's footnotes")
    notes = country_notes()
    if notes.empty:
        st.caption(f"UNHCR's footnotes table has no note for {said} as a country of origin or asylum.")
    for note in notes.itertuples():
        st.text(f"{note.year_text} ({note.population_type}, {name} as country of {note.role}): {note.footnote}")
    return []


def headline_sentence(summary: dict | None) -> str | None:
    """The sentence to quote for the country: people from it and people in it (two stocks, never added), its
    conflict IDPs, each with its period and sources; None when the data hold none of them."""
    if summary is None:
        return None
    return stats.country_sentence(summary, name, [
        ("UNHCR's Refugee Population Statistics Database", data.manifest("population")),
        ("IDMC's estimate via UNHCR", data.manifest("idmc"))])


def key_figures(summary: dict | None) -> pd.DataFrame:
    """The cards of the page as a table, with asylum-seekers apart and UNRWA's figure where there is one."""
    if summary is None:
        return pd.DataFrame(columns=["Figure", "People"])
    return stats.country_key_figures(summary, name)


def _larger_side_first(protection: dict[str, go.Figure]) -> list[go.Figure]:
    """The people-who-fled and people-hosted charts, the side with more people first."""
    fled = summary["by_origin"]["refugees_and_oip"] or 0 if summary else 0
    hosted = summary["by_asylum"]["refugees_and_oip"] or 0 if summary else 0
    order = ["fled", "hosted"] if fled >= hosted else ["hosted", "fled"]
    return [protection[k] for k in order if k in protection]


BLOCKS = dict(zip(SECTIONS, [protection_block, idp_block, solutions_block, applications_block, decisions_block,
                             burden_block, footnotes_block]))

summary = headline_cards()
drawn = page.sections(SECTIONS, lambda section: BLOCKS[section]())
share.share_bar(data, title=f"{TITLE}: {name}",
                source_ids=PAGE_SOURCES + (["footnotes"] if not country_notes().empty else []),
                headline=headline_sentence(summary), figures=key_figures(summary),
                fig=drawn[0] if drawn else None,  # the brief carries the open section's main chart
                notes=("“Fled from” and “hosted in” count different people from two sides and are never added "
                       "together. Palestine refugees under UNRWA's mandate are not in UNHCR's figures.",
                       "Missing figures are shown as “no data”, never as zero."))
