"""The Countries page's figures and words (no Streamlit): which measure a view ranks by, the classes of
the map, its title, notes and alternative text, and the view's key figure with its sources. Hosting
(by country of asylum) and origin count the same people twice: they are never added."""

from __future__ import annotations

import pandas as pd

from displacement import formatting as fmt
from displacement import vocabulary
from displacement.figures.countries import map_rows, population_years_used, top_countries

VIEWS = ["asylum", "origin"]
VIEW_WORDS = {"asylum": "hosted, by country of asylum", "origin": "by country of origin"}
MEASURES = ["total", "per 1,000 inhabitants", "share of population"]
MAX_FIGURES = 20  # rows in the key-figures table of a brief
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
MAP_TITLES = {("asylum", "total"): "People hosted", ("origin", "total"): "People by origin",
              ("asylum", "per_1000"): "Hosted per 1,000 inhabitants",
              ("asylum", "share_pct"): "Hosted, % of population",
              ("origin", "share_pct"): "Share of population abroad"}
UNHCR = "UNHCR's Refugee Population Statistics Database"
WORLD_BANK = "the World Bank's Population, total (SP.POP.TOTL)"


def period_of(rows: pd.DataFrame, year: int) -> str:
    return fmt.period_label(year, rows["period"].iloc[0]) if len(rows) else f"end-{year}"


def measure_column(view: str, measure: str, year: int) -> tuple[str, str | None]:
    """The column the map and table rank by, and why, when the choice does not apply as asked."""
    if measure == "total":
        return "total", None
    if year < 1960:
        return "total", ("World Bank population figures start in 1960, so there is no ratio to population for "
                         f"{year}. The map shows the total number of people.")
    if view == "origin":
        return "share_pct", ("Per 1,000 inhabitants is a measure of hosting: people hosted relative to the host "
                             "country's population. For countries of origin the map shows the share of the origin "
                             "population displaced abroad instead." if measure == "per 1,000 inhabitants" else None)
    return ("per_1000" if measure == "per 1,000 inhabitants" else "share_pct"), None


def measure_words(view: str, column: str, count: str) -> tuple[str, str]:
    """(unit for the chart, name of the figure)."""
    who = fmt.sentence_case(vocabulary.COUNT_SHORT[count])
    if column == "total":
        return f"{who} {VIEW_WORDS[view]} (people, stock)", "people"
    if view == "origin":
        return (f"{who} from the country as a % of its population (the people living there now)",
                "share of origin population displaced abroad")
    if column == "per_1000":
        return f"{who} hosted per 1,000 inhabitants of the host country", "per 1,000 inhabitants"
    return f"{who} hosted as a % of the host country's population", "share of population"


def classes(view: str, column: str) -> tuple[list[float], list[str]]:
    return BINS[{"total": "total", "per_1000": "per_1000"}.get(column)
                or ("share_origin" if view == "origin" else "share_host")]


def population_note(rows: pd.DataFrame, year: int) -> str:
    used = population_years_used(rows, year)
    if not used:
        return f"population: World Bank {year}"
    if not (rows["population_year"] == year).any():
        return (f"population: World Bank {', '.join(map(str, used))}, the latest available "
                f"(no figure for {year} yet)")
    return (f"population: World Bank {year}; where a country has no {year} figure, its latest earlier year "
            f"({', '.join(map(str, used))})")


def population_notice(rows: pd.DataFrame, year: int) -> str | None:
    """Said above the map when some (or all) ratios divide by an earlier year's population."""
    earlier = ", ".join(map(str, population_years_used(rows, year)))
    if earlier and not (rows["population_year"] == year).any():
        return (f"The World Bank has no population figures for {year} yet: the ratios use {earlier} populations, "
                "the latest available.")
    if earlier:
        return (f"Some countries have no World Bank population figure for {year}: their ratios use the latest "
                f"earlier year ({earlier}); the table shows the year used for each country.")
    return None


def value_text(value, column: str) -> str:
    if column == "total":
        return fmt.millions(value)
    if column == "per_1000":
        return f"{value:,.1f} per 1,000"
    return f"{value:.2f}%"


def map_alt(mapped: pd.DataFrame, column: str, what: str, period: str, drawn: int) -> str:
    best = mapped.sort_values(column, ascending=False).head(3)
    ranked_ = "; ".join(f"{r['country']} {value_text(r[column], column)}" for _, r in best.iterrows())
    return (f"World map, {period}: {what} for {drawn} countries in six shades of blue; grey means no figure. "
            f"Highest: {ranked_}.")


def map_notes(rows: pd.DataFrame, too_small: pd.DataFrame, view: str, column: str) -> str:
    """Under the map: what grey means, and every figure the map cannot show."""
    notes = ["Grey: no figure in the data (missing, not zero)."]
    if len(too_small):
        largest = too_small.sort_values(column, ascending=False).head(3)
        notes.append(f"Too small for the map's outlines (1:110m), so in the table only: {len(too_small)} countries, "
                     "the largest " + ", ".join(f"{r['country']} {value_text(r[column], column)}"
                                                for _, r in largest.iterrows()) + ".")
    left_out = rows[~rows["is_country"].astype(bool) & (rows["total"] > 0)]
    if len(left_out):
        notes.append("Not on the map (not countries; kept in the table): "
                     + ", ".join(f"{r['iso3']} {fmt.millions(r['total'])}" for _, r in left_out.iterrows()) + ".")
    if column != "total":
        missing = rows[rows["is_country"].astype(bool) & rows["population"].isna()]
        if len(missing):
            notes.append("No World Bank population figure, so no ratio: " + ", ".join(missing["country"]) + ".")
        if view == "origin":
            notes.append("The share is relative to the population living in the country now, which mostly "
                         "excludes those who left, so it reads higher than a share of the pre-crisis population.")
    return " ".join(notes)


def bar_title(view: str, shown: int, period: str) -> str:
    ranks = f"Top {shown}" if shown > 1 else "The only"
    return f"{ranks} hosting countries, {period}" if view == "asylum" else f"{ranks} countries of origin, {period}"


def bar_alt(shown: pd.DataFrame, view: str, count: str, period: str) -> str:
    largest = "; ".join(f"{r['country']} {fmt.millions(r['total'])}" for _, r in shown.head(3).iterrows())
    whom = (f"hosted in the top {len(shown)} hosting countries" if view == "asylum"
            else f"from the top {len(shown)} countries of origin")
    return f"Horizontal stacked bar chart of {vocabulary.COUNT_WORDS[count]} {whom}, {period}. Largest: {largest}."


def unknown_note(rows: pd.DataFrame, view: str, year: int) -> str | None:
    """Said when most people of a year have no recorded country (code UNK): the bars would mislead."""
    unknown, total = rows.loc[rows["iso3"] == "UNK", "total"], rows["total"].sum()
    if len(unknown) and total and unknown.iloc[0] / total > 0.5:
        side = "of asylum" if view == "asylum" else "of origin"
        return f"In {year} most of these people have no recorded country {side} in UNHCR's data (code UNK, “Unknown”)."
    return None


def ranked(rows: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """The countries the view ranks first: by people (non-country codes such as UNK included, as in the
    bar charts) or by a ratio to population (countries with a population figure only, as on the map)."""
    if column == "total":
        return top_countries(rows[rows["total"].notna()], n)
    shown = map_rows(rows, column).sort_values([column, "country"], ascending=[False, True])
    return shown.head(n).reset_index(drop=True)


def _ratio(value, column: str) -> str:
    return f"{value:,.1f} per 1,000 inhabitants" if column == "per_1000" else f"{value:.2f}% of its population"


def headline_sentence(rows: pd.DataFrame, view: str, column: str, year: int, count: str,
                      manifests: dict[str, dict]) -> str | None:
    """The view's key figure in one sentence: the first country for the chosen count or ratio, with the
    total it is part of (or the population it is divided by), the period, and the sources."""
    best = ranked(rows[rows["is_country"].astype(bool)], column, 1)  # a country, not a code such as UNK
    total = rows["total"].sum(min_count=1)
    if pd.isna(total) or (best.empty and column != "total"):
        return None
    period, who = period_of(rows, year), vocabulary.COUNT_WORDS[count]
    unhcr = (UNHCR, manifests["population"])
    if column == "total":
        return _total_sentence(best, view, total, period, who, fmt.according_to([unhcr]))
    first = best.iloc[0]
    cited = fmt.according_to([unhcr, (WORLD_BANK, manifests["worldbank-population"])])
    denominator = (f"{int(first['total']):,} people against a population of {int(first['population']):,} in "
                   f"{int(first['population_year'])}")
    if view == "asylum":
        return (f"At {period}, {first['country']} hosted the most {who} relative to its population: "
                f"{_ratio(first[column], column)} ({denominator}), {cited}.")
    return (f"At {period}, the country with the largest share of its population displaced abroad as {who} was "
            f"{first['country']}: {_ratio(first[column], 'share_pct')} ({denominator}; the population counts "
            f"the people living there now), {cited}.")


def _total_sentence(best: pd.DataFrame, view: str, total: float, period: str, who: str, cited: str) -> str:
    side = "country of asylum" if view == "asylum" else "country of origin"
    if best.empty:
        return (f"At {period}, {fmt.millions(total)} {who} were counted by {side} worldwide (stocks at the "
                f"end of the year), none of them with a recorded {side}, {cited}.")
    first = best.iloc[0]
    where = (f"{first['country']} hosted the most {who}" if view == "asylum"
             else f"the most {who} came from {first['country']}")
    return (f"At {period}, {where}: {fmt.millions(first['total'])} of the {fmt.millions(total)} counted by "
            f"{side} worldwide (stocks at the end of the year), {cited}.")


def key_figures(rows: pd.DataFrame, view: str, column: str, top: int, count: str) -> pd.DataFrame:
    """The top countries of the view (as many as the top lists show, at most 20)."""
    shown = ranked(rows, column, min(top, MAX_FIGURES))
    who = "Country or area" + (" of asylum" if view == "asylum" else " of origin")
    table = {who: list(shown["country"]), f"People ({vocabulary.COUNT_SHORT[count]})": shown["total"].map(fmt.exact)}
    if column != "total":
        ratio = "Per 1,000 inhabitants" if column == "per_1000" else "% of population"
        table[ratio] = [f"{v:,.1f}" if column == "per_1000" else f"{v:.2f}%" for v in shown[column]]
        table["Population (World Bank, year)"] = [f"{int(p):,} ({int(y)})" for p, y
                                                  in zip(shown["population"], shown["population_year"])]
    return pd.DataFrame(table)


def page_notes(count: str, column: str) -> tuple[str, ...]:
    notes = [f"Countries counted by {vocabulary.COUNT_WORDS[count]}"
             + (" (UNHCR's basis for rankings; asylum-seekers apart)." if count == vocabulary.DEFAULT_COUNT else ".")
             + " Counted once by country of asylum and once by country of origin: two views of the same people, "
               "never added together. Palestine refugees under UNRWA's mandate and internally displaced people are "
               "not included."]
    if column != "total":
        notes.append("Ratios use the World Bank population of each country; where the year's figure is missing, the "
                     "latest earlier year (named in the table).")
    return tuple(notes)


def source_ids(column: str) -> list[str]:
    return ["population"] + (["worldbank-population"] if column != "total" else [])
