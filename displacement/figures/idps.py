"""Internal displacement (IDMC's Global Internal Displacement Database, GIDD): world sums, top countries,
a country's figures from both places IDMC's figures reach us, and why they differ (no Streamlit).
Stocks (people displaced at 31 December) and flows (movements during a year) are never added; conflict
and disaster figures are added only into the totals IDMC itself publishes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from displacement.figures.country import NOT_COUNTRIES, as_int, latest_value, rows_of
from displacement.formatting import according_to, exact, millions, sentence_case

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
    gidd_last, _ = latest_value(frame, "idps_conflict_stock")
    if unhcr_last is None and gidd_last is None:
        return f"IDMC reports no conflict IDPs for {name}."
    parts = []
    if unhcr_last is not None and (gidd_last is None or unhcr_last > gidd_last):
        parts.append(f"The end-{unhcr_last} figure for {name} ({unhcr_value:,}) comes from IDMC via UNHCR only: the "
                     f"IDMC database release here ({gidd_release}) ends "
                     + (f"at end-{gidd_last}." if gidd_last else "with no conflict figure for it."))
    both = frame.dropna(subset=["conflict_via_unhcr", "idps_conflict_stock"])
    differ = both[both["conflict_via_unhcr"] != both["idps_conflict_stock"]]
    if both.empty:
        pass
    elif differ.empty:
        parts.append(f"Where both sources have a year ({int(both['year'].min())}-{int(both['year'].max())}), their "
                     "conflict figures are the same.")
    else:
        listed = "; ".join(f"end-{int(r.year)}: {int(r.conflict_via_unhcr):,} via UNHCR, "
                           f"{int(r.idps_conflict_stock):,} in the IDMC database" for r in differ.itertuples())
        parts.append(f"They differ in {listed}. UNHCR's figures come from a later IDMC release ({unhcr_release}), "
                     "which revised them.")
    return " ".join(parts)


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
    text = ("UNHCR's *forcibly displaced* headline (Overview page) takes its conflict-IDP figure from IDMC **through "
            f"UNHCR's `idmc` endpoint**, which holds a later IDMC release ({unhcr_release}) than the IDMC database "
            f"export on this page ({gidd_release}). So the headline series reaches end-{int(last['year'])} "
            f"({millions(last['idps_conflict'])})")
    differ = compare[compare["difference"] != 0]
    if differ.empty:
        return text + ", and where both hold a year their figures are the same."
    years = ", ".join(f"end-{int(y)}" for y in differ["year"])
    return text + f", and where both hold a year ({years}) the later release's revisions show as the differences below."


# --- the Internal displacement page's words ---------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    column: str  # the GIDD column
    words: str  # its name on a chart
    sentence: str  # what it counts, in a sentence
    is_stock: bool

    def when(self, year: int) -> str:
        return f"at 31 December {year}" if self.is_stock else f"during {year}"

    def unit(self, year: int) -> str:
        if self.is_stock:
            return f"People, stock at 31 December {year}"
        return f"Movements during {year} (a flow, not people)"


MEASURES = {  # the link's value -> the measure
    "conflict-stock": Measure("idps_conflict_stock", "People displaced by conflict (stock)",
                              "people were internally displaced by conflict and violence", True),
    "disaster-stock": Measure("idps_disaster_stock", "People displaced by disasters (stock)",
                              "people were internally displaced by disasters", True),
    "conflict-flow": Measure("new_displacements_conflict", "Displacements by conflict (flow)",
                             "internal displacements (movements) by conflict and violence were recorded", False),
    "disaster-flow": Measure("new_displacements_disaster", "Displacements by disasters (flow)",
                             "internal displacements (movements) by disasters were recorded", False),
}
WORLD_CARDS = [  # (heading, unit, [(label, column), ...]): stocks and flows in separate groups
    ("People displaced (stock at 31 December {year})", "people",
     [("Total (IDMC)", "idps_total_stock"), ("By conflict and violence", "idps_conflict_stock"),
      ("By disasters", "idps_disaster_stock")]),
    ("Internal displacements (movements during {year}, a flow)", "movements",
     [("Total (IDMC)", "new_displacements_total"), ("By conflict and violence", "new_displacements_conflict"),
      ("By disasters", "new_displacements_disaster")]),
]
GIDD_NAME = "IDMC's Global Internal Displacement Database"


def world_with_headline(gidd: pd.DataFrame, idmc_totals: pd.DataFrame) -> pd.DataFrame:
    """World sums of the GIDD by year beside the headline's conflict figure (IDMC via UNHCR), which runs a
    year further: two releases, drawn apart."""
    via_unhcr = idmc_totals[["year", "idps_conflict"]].rename(columns={"idps_conflict": "conflict_via_unhcr"})
    return gidd_world(gidd).merge(via_unhcr, on="year", how="outer").sort_values("year").reset_index(drop=True)


def latest_year(world: pd.DataFrame) -> int:
    return int(world.loc[world["idps_conflict_stock"].notna(), "year"].max())


def card_help(row: pd.Series, column: str, unit: str) -> str:
    if f"countries_{column}" in row:
        return f"Exact: {exact(row[column])} {unit}, {exact(row[f'countries_{column}'])} countries."
    return (f"Exact: {exact(row[column])} {unit}: conflict + disasters, the total IDMC publishes in its Global Report "
            "on Internal Displacement.")


def top_alt(top: pd.DataFrame, measure: Measure, year: int) -> str:
    first, column = top.iloc[0], measure.column
    return (f"Horizontal bar chart of the {len(top)} countries with the most {measure.words.lower()} in {year}: "
            f"{first['name']} leads with {millions(first[column])}, followed by "
            + ", ".join(f"{r['name']} ({millions(r[column])})" for _, r in top.iloc[1:4].iterrows()) + ".")


def no_top_note(measure: Measure, year: int) -> str:
    first = GIDD_FIRST_YEAR[measure.column]
    return (f"No data: IDMC has no {measure.words.lower()} figures for {year}"
            + (f" (this series starts in {first})." if year < first else "."))


def has_world_figure(world: pd.DataFrame, year: int, measure: Measure) -> bool:
    row = world[world["year"] == year]
    return bool(len(row)) and pd.notna(row[measure.column].iloc[0])


def headline_sentence(gidd: pd.DataFrame, world: pd.DataFrame, name: str, iso3: str, year: int, measure: Measure,
                      manifest: dict) -> str:
    """The view's key figure: the chosen country's figure for the chosen year and measure, beside the
    world sum for the same (or, where IDMC has no such figures that year, the latest world stock)."""
    cited = according_to([(GIDD_NAME, manifest)])
    kind = "a stock" if measure.is_stock else "a flow: one person can be displaced more than once"
    if not has_world_figure(world, year, measure):
        latest = world[world["year"] == latest_year(world)].iloc[0]
        return (f"IDMC has no figures for {measure.words.lower()} in {year}; at 31 December {latest_year(world)}, "
                f"{millions(latest['idps_conflict_stock'])} people were internally displaced by conflict and "
                f"violence in the {int(latest['countries_idps_conflict_stock'])} countries IDMC reports on (a stock), "
                f"{cited}.")
    row = world[world["year"] == year].iloc[0]
    countries, world_value = int(row[f"countries_{measure.column}"]), row[measure.column]
    value = gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), measure.column].sum(min_count=1)
    if pd.isna(value):
        return (f"IDMC reports no such figure for {name} {measure.when(year)}; worldwide, {millions(world_value)} "
                f"{measure.sentence} in the {countries} countries it reports on ({kind}), {cited}.")
    return (f"{sentence_case(measure.when(year))}, {millions(value)} {measure.sentence} in {name} ({kind}), "
            f"of {millions(world_value)} in the {countries} countries IDMC reports on, {cited}.")


def key_figures(gidd: pd.DataFrame, world: pd.DataFrame, names: dict[str, str], iso3: str, year: int,
                measure: Measure, top: pd.DataFrame) -> pd.DataFrame:
    """The top countries of the chart, the chosen country if it is not among them, and the world sum;
    where IDMC has no such figures that year, the world figures of the latest year (the cards)."""
    column = measure.column
    if not has_world_figure(world, year, measure):
        latest = world[world["year"] == latest_year(world)].iloc[0]
        return pd.DataFrame([(m.words, exact(latest[m.column])) for m in MEASURES.values()],
                            columns=["Worldwide (sum of IDMC's country figures)", str(latest_year(world))])
    rows = [(r["name"], exact(r[column])) for _, r in top.iterrows()]
    if iso3 not in set(top["iso3"]):
        rows.append((names[iso3], exact(gidd.loc[(gidd["iso3"] == iso3) & (gidd["year"] == year), column]
                                        .sum(min_count=1))))
    row = world[world["year"] == year].iloc[0]
    rows.append((f"World (sum of {int(row[f'countries_{column}'])} countries)", exact(row[column])))
    return pd.DataFrame(rows, columns=["Country or territory", f"{measure.words}, {year}"])
