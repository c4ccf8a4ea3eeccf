"""Internal displacement (IDMC's Global Internal Displacement Database, GIDD): world sums, top countries,
a country's figures from both places IDMC's figures reach us, and why they differ (no Streamlit).
Stocks (people displaced at 31 December) and flows (movements during a year) are never added; conflict
and disaster figures are added only into the totals IDMC itself publishes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from displacement.figures.country import NOT_COUNTRIES, as_int, has_data, latest_value, rows_of
from displacement.formatting import according_to, exact, local_number, millions
from displacement.text import N_, _, ngettext

GIDD_STOCKS = ["idps_conflict_stock", "idps_disaster_stock"]
GIDD_FLOWS = ["new_displacements_conflict", "new_displacements_disaster"]
GIDD_COLUMNS = GIDD_STOCKS + GIDD_FLOWS
# First year IDMC publishes each GIDD series (stocks) or has it in this export (flows).
GIDD_FIRST_YEAR = {"idps_conflict_stock": 2009, "idps_disaster_stock": 2019,
                   "new_displacements_conflict": 2008, "new_displacements_disaster": 2008}


def gidd_country(gidd: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One country's GIDD rows: IDP stocks and internal-displacement flows by year (never added)."""
    rows = rows_of(gidd, iso3)[["year", "period", *GIDD_COLUMNS]].copy()
    return as_int(rows, GIDD_COLUMNS)


# IDMC's own totals (its Global Report on Internal Displacement): people displaced by conflict and by
# disasters added up, and internal displacements (movements) by both added up. Only where both parts exist.
IDMC_TOTALS = {"idps_total_stock": GIDD_STOCKS, "new_displacements_total": GIDD_FLOWS}


def gidd_world(gidd: pd.DataFrame) -> pd.DataFrame:
    """World sums by year of each GIDD series, with how many countries report each, and IDMC's two totals as
    IDMC publishes them (IDMC_TOTALS). A year in which no country reports a series is NA, not 0 (disaster
    stock before 2019), and so is a total missing one of its parts."""
    grouped = gidd.groupby("year")
    world = grouped[GIDD_COLUMNS].sum(min_count=1).astype("Int64")
    for total, parts in IDMC_TOTALS.items():
        world[total] = world[parts].sum(axis=1, min_count=len(parts)).astype("Int64")
    counts = grouped[GIDD_COLUMNS].count().add_prefix("countries_")
    table = world.join(counts).reset_index()
    table.insert(1, "period", "end-year")
    return table


def top_countries(gidd: pd.DataFrame, year: int, column: str, n: int = 15) -> pd.DataFrame:
    """The n countries with the highest figure in `column` for `year` (rows without a figure left out)."""
    rows = gidd[(gidd["year"] == year)][["iso3", column]].dropna(subset=[column])
    rows = rows.astype({column: "Int64"}).sort_values([column, "iso3"], ascending=[False, True])
    return rows.head(n).reset_index(drop=True)


def idp_sources(idmc_by_country: pd.DataFrame, gidd: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """A country's IDP figures by year from both places IDMC's figures reach us: IDMC's own database (the
    GIDD columns: stocks and flows, conflict and disasters; its release can end a year earlier) and
    `conflict_via_unhcr` (UNHCR's idmc endpoint, the headline's figure, to the latest UNHCR year)."""
    unhcr = rows_of(idmc_by_country, iso3)[["year", "idps_conflict"]].rename(
        columns={"idps_conflict": "conflict_via_unhcr"})
    both = gidd_country(gidd, iso3).drop(columns="period").merge(unhcr, on="year", how="outer")
    return as_int(both.sort_values("year").reset_index(drop=True), [*GIDD_COLUMNS, "conflict_via_unhcr"])


def idp_sources_note(frame: pd.DataFrame, name: str, unhcr_release: str, gidd_release: str) -> str:
    """Why a country's two conflict-IDP series can show different figures: each source's last year, and
    the years where they disagree, with the cause (two IDMC releases, revised in between)."""
    unhcr_last, unhcr_value = latest_value(frame, "conflict_via_unhcr")
    gidd_last = latest_value(frame, "idps_conflict_stock")[0]
    if unhcr_last is None and gidd_last is None:
        return _("IDMC reports no conflict IDPs for {name}.").format(name=name)
    sentences = []
    if unhcr_last is not None and (gidd_last is None or unhcr_last > gidd_last):
        sentences.append(_only_via_unhcr(name, unhcr_last, unhcr_value, gidd_release, gidd_last))
    both = frame.dropna(subset=["conflict_via_unhcr", "idps_conflict_stock"])
    differ = both[both["conflict_via_unhcr"] != both["idps_conflict_stock"]]
    if both.empty:
        pass
    elif differ.empty:
        sentences.append(_("Where both sources have a year ({first}-{last}), their conflict figures are the same.")
                         .format(first=int(both["year"].min()), last=int(both["year"].max())))
    else:
        listed = "; ".join(_("end-{year}: {via_unhcr} via UNHCR, {in_database} in the IDMC database").format(
            year=int(r.year), via_unhcr=local_number(int(r.conflict_via_unhcr)),
            in_database=local_number(int(r.idps_conflict_stock)))
            for r in differ.itertuples())
        sentences.append(_("They differ in {years}. UNHCR's figures come from a later IDMC release ({release}), "
                           "which revised them.").format(years=listed, release=unhcr_release))
    return " ".join(sentences)


def _only_via_unhcr(name: str, year: int, value, gidd_release: str, gidd_last: int | None) -> str:
    """The sentence for a latest year only UNHCR's copy of IDMC's figures holds."""
    if gidd_last:
        return _("The end-{year} figure for {name} ({value}) comes from IDMC via UNHCR only: the IDMC database "
                 "release here ({release}) ends at end-{last}.").format(
            year=year, name=name, value=local_number(value), release=gidd_release, last=gidd_last)
    return _("The end-{year} figure for {name} ({value}) comes from IDMC via UNHCR only: the IDMC database "
             "release here ({release}) ends with no conflict figure for it.").format(
        year=year, name=name, value=local_number(value), release=gidd_release)


def headline_idps_vs_gidd(idmc_totals: pd.DataFrame, gidd: pd.DataFrame) -> pd.DataFrame:
    """The conflict-IDP figure in the forcibly displaced headline (UNHCR's idmc endpoint) beside the
    sum of IDMC's GIDD conflict stock, for the years both cover. They differ where one source holds
    a later revision than the other."""
    world = gidd_world(gidd)[["year", "idps_conflict_stock"]].rename(
        columns={"idps_conflict_stock": "gidd_conflict_stock"})
    headline = idmc_totals[["year", "period", "idps_conflict"]].rename(
        columns={"idps_conflict": "headline_idps_conflict"})
    both = headline.merge(world, on="year", how="inner").dropna(subset=["headline_idps_conflict",
                                                                        "gidd_conflict_stock"])
    both["difference"] = (both["headline_idps_conflict"].astype("Int64")
                          - both["gidd_conflict_stock"].astype("Int64"))
    return both.sort_values("year").reset_index(drop=True)


def gidd_default_country(gidd: pd.DataFrame) -> str:
    """The country with the most people displaced by conflict in the latest year of the GIDD."""
    latest = gidd.loc[gidd["idps_conflict_stock"].notna(), "year"].max()
    top = top_countries(gidd[~gidd["iso3"].isin(NOT_COUNTRIES).fillna(False).astype(bool)], latest,
                        "idps_conflict_stock", 1)
    return str(top.iloc[0]["iso3"])


def headline_idps_note(idmc_totals: pd.DataFrame, compare: pd.DataFrame, unhcr_release: str, gidd_release: str) -> str:
    """Why the headline's conflict-IDP figure and IDMC's database differ: two IDMC releases, one later."""
    last = idmc_totals.dropna(subset=["idps_conflict"]).sort_values("year").iloc[-1]
    why = _("UNHCR's *forcibly displaced* headline (Overview page) takes its conflict-IDP figure from IDMC **through "
            "UNHCR's `idmc` endpoint**, which holds a later IDMC release ({unhcr_release}) than the IDMC database "
            "export on this page ({gidd_release}).").format(unhcr_release=unhcr_release, gidd_release=gidd_release)
    reach = {"year": int(last["year"]), "value": millions(last["idps_conflict"])}
    differ = compare[compare["difference"] != 0]
    if differ.empty:
        then = _("So the headline series reaches end-{year} ({value}), and where both hold a year their figures are "
                 "the same.").format(**reach)
    else:
        years = ", ".join(_("end-{year}").format(year=int(y)) for y in differ["year"])
        then = _("So the headline series reaches end-{year} ({value}), and where both hold a year ({years}) the later "
                 "release's revisions show as the differences below.").format(**reach, years=years)
    return f"{why} {then}"


# --- the Internal displacement page's words ---------------------------------------------------------

SOURCE_IDS = ["idmc-gidd"]
TITLE = N_("Internal displacement")
INTRO = N_("People displaced inside their own country, by conflict and violence and by disasters, as estimated by "
           "the Internal Displacement Monitoring Centre (IDMC).")
CAVEATS = N_(
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
    "- **Licence:** IDMC's data are CC BY-NC 4.0 (non-commercial use only), unlike UNHCR's CC BY 4.0.")
NOTES = (N_("IDMC's data are CC BY-NC 4.0: non-commercial use only."),
         N_("Stocks (people displaced at 31 December) and flows (movements during a year) are never added; conflict "
            "and disaster figures are shown apart and added only into IDMC's own totals."))
WORLD_TREND_NOTE = N_("World figures are sums of the countries IDMC reports on in each year; the number of countries "
                      "varies (see the download).")
SOURCE = N_("IDMC GIDD (CC BY-NC 4.0)")  # short: a chart's frame draws it on one line, phones included
# The stock charts also draw the headline's conflict figure, which comes from IDMC through UNHCR.
CHART_SOURCES = {"stock": (N_("IDMC GIDD (CC BY-NC 4.0); IDMC via UNHCR (CC BY 4.0)"), ["idmc-gidd", "idmc"]),
                 "flow": (SOURCE, SOURCE_IDS)}
GIDD_NAME = N_("IDMC's Global Internal Displacement Database")


@dataclass(frozen=True)
class Measure:
    column: str  # the GIDD column
    words: str  # its name on a chart (a message: shown through _())
    is_stock: bool

    def name(self) -> str:
        return _(self.words)

    def in_sentence(self) -> str:
        """Its name inside a sentence ('people displaced by conflict (stock)')."""
        return self.name().lower()

    def unit(self, year: int) -> str:
        if self.is_stock:
            return _("People, stock at 31 December {year}").format(year=year)
        return _("Movements during {year} (a flow, not people)").format(year=year)


MEASURES = {  # the link's value -> the measure
    "conflict-stock": Measure("idps_conflict_stock", N_("People displaced by conflict (stock)"), True),
    "disaster-stock": Measure("idps_disaster_stock", N_("People displaced by disasters (stock)"), True),
    "conflict-flow": Measure("new_displacements_conflict", N_("Displacements by conflict (flow)"), False),
    "disaster-flow": Measure("new_displacements_disaster", N_("Displacements by disasters (flow)"), False),
}
WORLD_CARDS = [  # (heading, [(label, column), ...]): stocks and flows in separate groups
    (N_("People displaced (stock at 31 December {year})"),
     [(N_("Total (IDMC)"), "idps_total_stock"), (N_("By conflict and violence"), "idps_conflict_stock"),
      (N_("By disasters"), "idps_disaster_stock")]),
    (N_("Internal displacements (movements during {year}, a flow)"),
     [(N_("Total (IDMC)"), "new_displacements_total"), (N_("By conflict and violence"), "new_displacements_conflict"),
      (N_("By disasters"), "new_displacements_disaster")]),
]


def notes() -> tuple[str, ...]:
    return tuple(_(note) for note in NOTES)


def world_with_headline(gidd: pd.DataFrame, idmc_totals: pd.DataFrame) -> pd.DataFrame:
    """World sums of the GIDD by year beside the headline's conflict figure (IDMC via UNHCR), which runs a
    year further: two releases, drawn apart."""
    via_unhcr = idmc_totals[["year", "idps_conflict"]].rename(columns={"idps_conflict": "conflict_via_unhcr"})
    return gidd_world(gidd).merge(via_unhcr, on="year", how="outer").sort_values("year").reset_index(drop=True)


def latest_year(world: pd.DataFrame) -> int:
    return int(world.loc[world["idps_conflict_stock"].notna(), "year"].max())


def world_cards(world: pd.DataFrame, year: int) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The world's cards for a year, stocks and flows apart: a heading, then (label, figure, help) per card."""
    row = world[world["year"] == year].iloc[0]
    return [(_(heading).format(year=year), [(_(label), millions(row[column]), card_help(row, column))
                                            for label, column in cards]) for heading, cards in WORLD_CARDS]


def card_help(row: pd.Series, column: str) -> str:
    """A card's exact figure, in people (a stock) or movements (a flow), with the countries it sums."""
    value, stock = exact(row[column]), column.endswith("_stock")
    if f"countries_{column}" in row:
        countries = int(row[f"countries_{column}"])
        if stock:
            sentence = ngettext("Exact: {value} people, {countries} country.",
                                "Exact: {value} people, {countries} countries.", countries)
        else:
            sentence = ngettext("Exact: {value} movements, {countries} country.",
                                "Exact: {value} movements, {countries} countries.", countries)
        return sentence.format(value=value, countries=exact(countries))
    if stock:
        return _("Exact: {value} people: conflict + disasters, the total IDMC publishes in its Global Report "
                 "on Internal Displacement.").format(value=value)
    return _("Exact: {value} movements: conflict + disasters, the total IDMC publishes in its Global Report "
             "on Internal Displacement.").format(value=value)


def world_caption(year: int) -> str:
    return _("Sums of IDMC's country figures for {year} (IDMC Global Internal Displacement Database, CC BY-NC 4.0); "
             "the totals add conflict and disasters as IDMC's own report does. Stocks count people, flows count "
             "movements: the two are never added.").format(year=year)


def chart_title(kind: str, name: str | None = None) -> str:
    """A stock ('stock') or flow ('flow') chart's title, worldwide (no name) or for one country."""
    if kind == "stock":
        if name is None:
            return _("People internally displaced worldwide")
        return _("People internally displaced in {name}").format(name=name)
    if name is None:
        return _("Internal displacements worldwide")
    return _("Internal displacements in {name}").format(name=name)


def chart_source(kind: str) -> tuple[str, list[str]]:
    """A stock or flow chart's source line and the sources whose dates it gives."""
    source, source_ids = CHART_SOURCES[kind]
    return _(source), source_ids


def chart_alt(frame: pd.DataFrame, kind: str, series: list[tuple[str, str]], name: str | None = None) -> str:
    """A stock or flow chart in words, for screen readers and the brief: each series' latest figure."""
    figures = "; ".join(_latest_figure(frame, column, words.lower(), kind) for column, words in series)
    if kind == "stock":
        sentence = (_("Line chart of people internally displaced worldwide: {figures}.") if name is None
                    else _("Line chart of people internally displaced in {name}: {figures}."))
    else:
        sentence = (_("Bar chart of internal displacements worldwide: {figures}.") if name is None
                    else _("Bar chart of internal displacements in {name}: {figures}."))
    return sentence.format(figures=figures, name=name)


def _latest_figure(frame: pd.DataFrame, column: str, series: str, kind: str) -> str:
    year, value = latest_value(frame, column)
    if year is None:
        return _("{series}: no data").format(series=series)
    if kind == "stock":
        return _("{series}: {value} at end-{year}").format(series=series, value=millions(value), year=year)
    return _("{series}: {value} in {year}").format(series=series, value=millions(value), year=year)


def headline_table(compare: pd.DataFrame, years: int = 6) -> pd.DataFrame:
    """The last years of headline_idps_vs_gidd() as the page shows them: headers in words, the year first."""
    return compare.tail(years).rename(columns={
        "year": _("Year"), "headline_idps_conflict": _("Headline (IDMC via UNHCR)"),
        "gidd_conflict_stock": _("IDMC database, sum of countries"), "difference": _("Difference")}).drop(
        columns=["period"])


def country_frames(rows: pd.DataFrame) -> dict[str, pd.DataFrame | None]:
    """A country's rows (idp_sources) to chart: stocks from their first year, and flows; None for a kind
    IDMC reports nothing of."""
    stock_columns = [*GIDD_STOCKS, "conflict_via_unhcr"]
    stocks = None
    if has_data(rows, stock_columns):
        stocks = rows[rows["year"] >= rows.loc[rows[stock_columns].notna().any(axis=1), "year"].min()]
    return {"stock": stocks, "flow": rows if has_data(rows, GIDD_FLOWS) else None}


def no_data_note(kind: str, name: str) -> str:
    if kind == "stock":
        return _("No data: IDMC reports no IDP stock figures (people displaced) for {name}.").format(name=name)
    return _("No data: IDMC reports no internal displacements (flows) for {name}.").format(name=name)


def top_title(measure: Measure, count: int, year: int) -> str:
    return ngettext("{measure}: top {count} country, {year}", "{measure}: top {count} countries, {year}",
                    count).format(measure=measure.name(), count=count, year=year)


def top_download_title(measure: Measure, year: int) -> str:
    return _("{measure}, {year}, by country (IDMC GIDD)").format(measure=measure.name(), year=year)


def top_alt(top: pd.DataFrame, measure: Measure, year: int) -> str:
    first, column = top.iloc[0], measure.column
    others = ", ".join(f"{name} ({millions(value)})"
                       for name, value in zip(top["name"].iloc[1:4], top[column].iloc[1:4]))
    return ngettext("Horizontal bar chart of the {count} country with the most {measure} in {year}: {first} leads "
                    "with {value}, followed by {others}.",
                    "Horizontal bar chart of the {count} countries with the most {measure} in {year}: {first} leads "
                    "with {value}, followed by {others}.", len(top)).format(
        count=len(top), measure=measure.in_sentence(), year=year, first=first["name"], value=millions(first[column]),
        others=others)


def no_top_note(measure: Measure, year: int) -> str:
    first = GIDD_FIRST_YEAR[measure.column]
    if year < first:
        return _("No data: IDMC has no {measure} figures for {year} (this series starts in {first}).").format(
            measure=measure.in_sentence(), year=year, first=first)
    return _("No data: IDMC has no {measure} figures for {year}.").format(measure=measure.in_sentence(), year=year)


def has_world_figure(world: pd.DataFrame, year: int, measure: Measure) -> bool:
    row = world[world["year"] == year]
    return bool(len(row)) and pd.notna(row[measure.column].iloc[0])


def brief_chart(world: pd.DataFrame, year: int, measure: Measure, top_chart, country_charts: dict,
                world_charts: dict):
    """The chart a brief carries: the top countries', else the country's, else the world's, of the measure's
    kind ('stock' or 'flow'); the world's stocks where IDMC has no figures of the measure that year."""
    if not has_world_figure(world, year, measure):
        return world_charts["stock"]
    kind = "stock" if measure.is_stock else "flow"
    return next(chart for chart in (top_chart, country_charts.get(kind), world_charts[kind]) if chart is not None)


def headline_sentence(gidd: pd.DataFrame, world: pd.DataFrame, name: str, iso3: str, year: int, measure: Measure,
                      manifest: dict) -> str:
    """The view's key figure: the chosen country's figure for the chosen year and measure, beside the
    world sum for the same (or, where IDMC has no such figures that year, the latest world stock)."""
    cited = according_to([(_(GIDD_NAME), manifest)])
    if not has_world_figure(world, year, measure):
        latest = world[world["year"] == latest_year(world)].iloc[0]
        countries = int(latest["countries_idps_conflict_stock"])
        return ngettext(
            "IDMC has no figures for {measure} in {year}; at 31 December {latest}, {value} people were internally "
            "displaced by conflict and violence in the {countries} country IDMC reports on (a stock), {cited}.",
            "IDMC has no figures for {measure} in {year}; at 31 December {latest}, {value} people were internally "
            "displaced by conflict and violence in the {countries} countries IDMC reports on (a stock), {cited}.",
            countries).format(measure=measure.in_sentence(), year=year, latest=latest_year(world),
                              value=millions(latest["idps_conflict_stock"]), countries=countries, cited=cited)
    row = world[world["year"] == year].iloc[0]
    countries = int(row[f"countries_{measure.column}"])
    value = gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), measure.column].sum(min_count=1)
    sentence = (_world_only_sentence(measure.column, countries) if pd.isna(value)
                else _country_sentence(measure.column, countries))
    return sentence.format(year=year, name=name, value=millions(value), world=millions(row[measure.column]),
                           countries=countries, cited=cited)


def _country_sentence(column: str, countries: int) -> str:
    """The key figure of a country with a figure, beside the world's: one whole message per measure."""
    if column == "idps_conflict_stock":
        return ngettext("At 31 December {year}, {value} people were internally displaced by conflict and violence in "
                        "{name} (a stock), of {world} in the {countries} country IDMC reports on, {cited}.",
                        "At 31 December {year}, {value} people were internally displaced by conflict and violence in "
                        "{name} (a stock), of {world} in the {countries} countries IDMC reports on, {cited}.",
                        countries)
    if column == "idps_disaster_stock":
        return ngettext("At 31 December {year}, {value} people were internally displaced by disasters in {name} "
                        "(a stock), of {world} in the {countries} country IDMC reports on, {cited}.",
                        "At 31 December {year}, {value} people were internally displaced by disasters in {name} "
                        "(a stock), of {world} in the {countries} countries IDMC reports on, {cited}.", countries)
    if column == "new_displacements_conflict":
        return ngettext("During {year}, {value} internal displacements (movements) by conflict and violence were "
                        "recorded in {name} (a flow: one person can be displaced more than once), of {world} in the "
                        "{countries} country IDMC reports on, {cited}.",
                        "During {year}, {value} internal displacements (movements) by conflict and violence were "
                        "recorded in {name} (a flow: one person can be displaced more than once), of {world} in the "
                        "{countries} countries IDMC reports on, {cited}.", countries)
    return ngettext("During {year}, {value} internal displacements (movements) by disasters were recorded in {name} "
                    "(a flow: one person can be displaced more than once), of {world} in the {countries} country "
                    "IDMC reports on, {cited}.",
                    "During {year}, {value} internal displacements (movements) by disasters were recorded in {name} "
                    "(a flow: one person can be displaced more than once), of {world} in the {countries} countries "
                    "IDMC reports on, {cited}.", countries)


def _world_only_sentence(column: str, countries: int) -> str:
    """The key figure where the country has none that year: the world's, one whole message per measure."""
    if column == "idps_conflict_stock":
        return ngettext("IDMC reports no such figure for {name} at 31 December {year}; worldwide, {world} people were "
                        "internally displaced by conflict and violence in the {countries} country it reports on "
                        "(a stock), {cited}.",
                        "IDMC reports no such figure for {name} at 31 December {year}; worldwide, {world} people were "
                        "internally displaced by conflict and violence in the {countries} countries it reports on "
                        "(a stock), {cited}.", countries)
    if column == "idps_disaster_stock":
        return ngettext("IDMC reports no such figure for {name} at 31 December {year}; worldwide, {world} people were "
                        "internally displaced by disasters in the {countries} country it reports on (a stock), "
                        "{cited}.",
                        "IDMC reports no such figure for {name} at 31 December {year}; worldwide, {world} people were "
                        "internally displaced by disasters in the {countries} countries it reports on (a stock), "
                        "{cited}.", countries)
    if column == "new_displacements_conflict":
        return ngettext("IDMC reports no such figure for {name} during {year}; worldwide, {world} internal "
                        "displacements (movements) by conflict and violence were recorded in the {countries} country "
                        "it reports on (a flow: one person can be displaced more than once), {cited}.",
                        "IDMC reports no such figure for {name} during {year}; worldwide, {world} internal "
                        "displacements (movements) by conflict and violence were recorded in the {countries} "
                        "countries it reports on (a flow: one person can be displaced more than once), {cited}.",
                        countries)
    return ngettext("IDMC reports no such figure for {name} during {year}; worldwide, {world} internal displacements "
                    "(movements) by disasters were recorded in the {countries} country it reports on (a flow: one "
                    "person can be displaced more than once), {cited}.",
                    "IDMC reports no such figure for {name} during {year}; worldwide, {world} internal displacements "
                    "(movements) by disasters were recorded in the {countries} countries it reports on (a flow: one "
                    "person can be displaced more than once), {cited}.", countries)


def key_figures(gidd: pd.DataFrame, world: pd.DataFrame, names: dict[str, str], iso3: str, year: int,
                measure: Measure, top: pd.DataFrame) -> pd.DataFrame:
    """The top countries of the chart, the chosen country if it is not among them, and the world sum;
    where IDMC has no such figures that year, the world figures of the latest year (the cards)."""
    column = measure.column
    if not has_world_figure(world, year, measure):
        latest = world[world["year"] == latest_year(world)].iloc[0]
        return pd.DataFrame([(m.name(), exact(latest[m.column])) for m in MEASURES.values()],
                            columns=[_("Worldwide (sum of IDMC's country figures)"), str(latest_year(world))])
    rows = [(name, exact(value)) for name, value in zip(top["name"], top[column])]
    if iso3 not in set(top["iso3"]):
        rows.append((names[iso3], exact(gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), column]
                                        .sum(min_count=1))))
    row = world[world["year"] == year].iloc[0]
    countries = int(row[f"countries_{column}"])
    rows.append((ngettext("World (sum of {count} country)", "World (sum of {count} countries)", countries)
                 .format(count=countries), exact(row[column])))
    return pd.DataFrame(rows, columns=[_("Country or territory"),
                                       _("{measure}, {year}").format(measure=measure.name(), year=year)])
