"""The Countries page's figures and words (no Streamlit): which measure a view ranks by, the classes of
the map, its title, notes and alternative text, the page's headings, notices and table headers, and the
view's key figure with its sources. Hosting (by country of asylum) and origin count the same people twice:
they are never added.

Words are messages (displacement/text.py): constants hold them marked with `N_`, the functions give them in
the viewer's language. The views and measures are keys in the link (?view=asylum) and shown through `_()`."""

from __future__ import annotations

import pandas as pd

from displacement import formatting as fmt
from displacement import vocabulary
from displacement.figures.countries import map_rows, population_years_used, top_countries, with_population
from displacement.formatting import local_number
from displacement.text import N_, _, ngettext
from displacement.vocabulary import UNHCR_SOURCE_LINE

VIEWS = [N_("asylum"), N_("origin")]
MEASURES = [N_("total"), N_("per 1,000 inhabitants"), N_("share of population")]
TOPS = [5, 10, 15, 20, 30]
MAX_FIGURES = 20  # rows in the key-figures table of a brief
INF = float("inf")
BINS = {
    "total": ([0, 1_000, 10_000, 100_000, 500_000, 1_000_000, INF],
              [N_("under 1,000"), N_("1,000 to 9,999"), N_("10,000 to 99,999"), N_("100,000 to 499,999"),
               N_("500,000 to 999,999"), N_("1 million or more")]),
    "per_1000": ([0, 1, 5, 10, 25, 50, INF],
                 [N_("under 1"), N_("1 to under 5"), N_("5 to under 10"), N_("10 to under 25"), N_("25 to under 50"),
                  N_("50 or more")]),
    "share_host": ([0, 0.1, 0.5, 1, 2.5, 5, INF],
                   [N_("under 0.1%"), N_("0.1% to under 0.5%"), N_("0.5% to under 1%"), N_("1% to under 2.5%"),
                    N_("2.5% to under 5%"), N_("5% or more")]),
    "share_origin": ([0, 0.1, 1, 5, 10, 20, INF],
                     [N_("under 0.1%"), N_("0.1% to under 1%"), N_("1% to under 5%"), N_("5% to under 10%"),
                      N_("10% to under 20%"), N_("20% or more")]),
}
MAP_TITLES = {("asylum", "total"): N_("People hosted, {period}"), ("origin", "total"): N_("People by origin, {period}"),
              ("asylum", "per_1000"): N_("Hosted per 1,000 inhabitants, {period}"),
              ("asylum", "share_pct"): N_("Hosted, % of population, {period}"),
              ("origin", "share_pct"): N_("Share of population abroad, {period}")}
UNHCR = N_("UNHCR's Refugee Population Statistics Database")
WORLD_BANK = N_("the World Bank's Population, total (SP.POP.TOTL)")
SOURCE_UNHCR = UNHCR_SOURCE_LINE
SOURCE_WB = N_("UNHCR Refugee Population Statistics Database; World Bank, Population, total (SP.POP.TOTL) (CC BY 4.0)")
TITLE = N_("Where are displaced people hosted, and where do they come from?")
INTRO = N_("Refugees, asylum-seekers and other people in need of international protection (OIP), as a stock at the "
           "end of the year. Countries are ranked as UNHCR ranks them, by refugees + OIP, with asylum-seekers (whose "
           "claims are not yet decided) apart unless you add them. Counted once by country of asylum and once by "
           "country of origin: two views of the same people, never added together. Palestine refugees under "
           "UNRWA's mandate and internally displaced people are not included here.")
HELP = {"count": N_("UNHCR ranks host and origin countries by refugees + other people in need of international "
                    "protection; asylum-seekers can be added."),
        "view": N_("asylum: where people are hosted. origin: the country they fled."),
        "measure": N_("Total people, or relative to the World Bank's population of each country.")}
# The table of all countries: how each number column is written (its header comes from column_headers).
NUMBER_FORMATS = {"refugees": "localized", "asylum_seekers": "localized", "oip": "localized", "total": "localized",
                  "population": "localized", "population_year": "plain", "share_pct": "%.3f", "per_1000": "%.2f"}


def period_of(rows: pd.DataFrame, year: int) -> str:
    return fmt.period_label(year, rows["period"].iloc[0] if len(rows) else "end-year")


def _percent(number: str) -> str:
    return _("{percent}%").format(percent=number)


# ---------------------------------------------------------------- the controls' choice

def measure_column(view: str, measure: str, year: int) -> tuple[str, str | None]:
    """The column the map and table rank by, and why, when the choice does not apply as asked."""
    if measure == "total":
        return "total", None
    if year < 1960:
        return "total", _("World Bank population figures start in 1960, so there is no ratio to population for "
                          "{year}. The map shows the total number of people.").format(year=year)
    if view == "origin":
        return "share_pct", (_("Per 1,000 inhabitants is a measure of hosting: people hosted relative to the host "
                               "country's population. For countries of origin the map shows the share of the origin "
                               "population displaced abroad instead.") if measure == "per 1,000 inhabitants" else None)
    return ("per_1000" if measure == "per 1,000 inhabitants" else "share_pct"), None


def chosen_rows(rows: pd.DataFrame, population: pd.DataFrame, column: str,
                year: int) -> tuple[pd.DataFrame, str | None]:
    """The chosen view's rows, with each country's population when a ratio is asked for, and the notice to
    give when some ratios divide by an earlier year's population."""
    if column == "total" or rows.empty:
        return rows, None
    rows = with_population(rows, population, year)
    return rows, population_notice(rows, year)


def source_ids(column: str) -> list[str]:
    return ["population"] + (["worldbank-population"] if column != "total" else [])


def source_line(column: str) -> str:
    return _(SOURCE_UNHCR) if column == "total" else _(SOURCE_WB)


# ---------------------------------------------------------------- the top lists

def no_bars_message(view: str, year: int) -> str:
    message = (_("Hosting countries: no figures for {year} in the data. Missing is not zero.") if view == "asylum"
               else _("Countries of origin: no figures for {year} in the data. Missing is not zero."))
    return message.format(year=year)


def bar_title(view: str, shown: int, period: str) -> str:
    if shown <= 1:
        title = (_("The only hosting countries, {period}") if view == "asylum"
                 else _("The only countries of origin, {period}"))
    elif view == "asylum":
        title = ngettext("Top {n} hosting country, {period}", "Top {n} hosting countries, {period}", shown)
    else:
        title = ngettext("Top {n} country of origin, {period}", "Top {n} countries of origin, {period}", shown)
    return title.format(n=shown, period=period)


def bar_unit(count: str) -> str:
    return _("People: {count} (stock)").format(count=vocabulary.count_short(count))


def bar_alt(shown: pd.DataFrame, view: str, count: str, period: str) -> str:
    largest = "; ".join(f"{r['country']} {fmt.millions(r['total'])}" for __, r in shown.head(3).iterrows())
    n = len(shown)
    # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
    alt = (ngettext("Horizontal stacked bar chart of {who} hosted in the top {n} hosting countries, {period}. "
                    "Largest: {largest}.",
                    "Horizontal stacked bar chart of {who} hosted in the top {n} hosting countries, {period}. "
                    "Largest: {largest}.", n) if view == "asylum" else
           ngettext("Horizontal stacked bar chart of {who} from the top {n} countries of origin, {period}. "
                    "Largest: {largest}.",
                    "Horizontal stacked bar chart of {who} from the top {n} countries of origin, {period}. "
                    "Largest: {largest}.", n))
    return alt.format(who=vocabulary.count_words(count), n=n, period=period, largest=largest)


def unknown_note(rows: pd.DataFrame, view: str, year: int) -> str | None:
    """Said when most people of a year have no recorded country (code UNK): the bars would mislead."""
    unknown, total = rows.loc[rows["iso3"] == "UNK", "total"], rows["total"].sum()
    if len(unknown) and total and unknown.iloc[0] / total > 0.5:
        note = (_("In {year} most of these people have no recorded country of asylum in UNHCR's data (code UNK, "
                  "“Unknown”).") if view == "asylum" else
                _("In {year} most of these people have no recorded country of origin in UNHCR's data (code UNK, "
                  "“Unknown”)."))
        return note.format(year=year)
    return None


# ---------------------------------------------------------------- the map

def map_heading(view: str) -> str:
    return _("Map: hosted, by country of asylum") if view == "asylum" else _("Map: by country of origin")


def no_view_message(view: str, year: int) -> str:
    message = (_("No figures hosted, by country of asylum for {year} in the data. Missing is not zero.")
               if view == "asylum" else
               _("No figures by country of origin for {year} in the data. Missing is not zero."))
    return message.format(year=year)


def no_map_message(period: str) -> str:
    return _("No country has a figure to map for {period}. Missing is not zero.").format(period=period)


def map_title(view: str, column: str, period: str) -> str:
    return _(MAP_TITLES[view, column]).format(period=period)


def measure_words(view: str, column: str, count: str) -> tuple[str, str]:
    """(unit for the chart, name of the figure)."""
    who = fmt.sentence_case(vocabulary.count_short(count))
    if column == "total":
        unit = (_("{who} hosted, by country of asylum (people, stock)") if view == "asylum"
                else _("{who} by country of origin (people, stock)"))
        return unit.format(who=who), _("people")
    if view == "origin":
        return (_("{who} from the country as a % of its population (the people living there now)").format(who=who),
                _("share of origin population displaced abroad"))
    if column == "per_1000":
        return _("{who} hosted per 1,000 inhabitants of the host country").format(who=who), _("per 1,000 inhabitants")
    return _("{who} hosted as a % of the host country's population").format(who=who), _("share of population")


def map_unit(unit: str, rows: pd.DataFrame, column: str, year: int) -> str:
    """The map's unit line: a ratio also names the World Bank year(s) it divides by."""
    if column == "total":
        return unit
    return _("{unit}; {population}").format(unit=unit, population=population_note(rows, year))


def classes(view: str, column: str) -> tuple[list[float], list[str]]:
    bins, names = BINS[{"total": "total", "per_1000": "per_1000"}.get(column)
                       or ("share_origin" if view == "origin" else "share_host")]
    return bins, [_(name) for name in names]


def population_note(rows: pd.DataFrame, year: int) -> str:
    used = population_years_used(rows, year)
    if not used:
        return _("population: World Bank {year}").format(year=year)
    years = ", ".join(map(str, used))
    if not (rows["population_year"] == year).any():
        return _("population: World Bank {years}, the latest available (no figure for {year} yet)").format(
            years=years, year=year)
    return _("population: World Bank {year}; where a country has no {year} figure, its latest earlier year "
             "({years})").format(year=year, years=years)


def population_notice(rows: pd.DataFrame, year: int) -> str | None:
    """Said above the map when some (or all) ratios divide by an earlier year's population."""
    earlier = ", ".join(map(str, population_years_used(rows, year)))
    if earlier and not (rows["population_year"] == year).any():
        return _("The World Bank has no population figures for {year} yet: the ratios use {earlier} populations, "
                 "the latest available.").format(year=year, earlier=earlier)
    if earlier:
        return _("Some countries have no World Bank population figure for {year}: their ratios use the latest "
                 "earlier year ({earlier}); the table shows the year used for each country.").format(
            year=year, earlier=earlier)
    return None


def value_text(value, column: str) -> str:
    if column == "total":
        return fmt.millions(value)
    if column == "per_1000":
        return _("{value} per 1,000").format(value=local_number(value, 1))
    return _percent(local_number(value, 2, grouping=False))


def map_alt(mapped: pd.DataFrame, column: str, what: str, period: str, drawn: int) -> str:
    best = mapped.sort_values(column, ascending=False).head(3)
    highest = "; ".join(f"{r['country']} {value_text(r[column], column)}" for __, r in best.iterrows())
    # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
    return ngettext("World map, {period}: {what} for {n} countries in six shades of blue; grey means no figure. "
                    "Highest: {highest}.",
                    "World map, {period}: {what} for {n} countries in six shades of blue; grey means no figure. "
                    "Highest: {highest}.", drawn).format(period=period, what=what, n=drawn, highest=highest)


def map_notes(rows: pd.DataFrame, too_small: pd.DataFrame, view: str, column: str) -> str:
    """Under the map: what grey means, and every figure the map cannot show."""
    notes = [_("Grey: no figure in the data (missing, not zero).")]
    if len(too_small):
        largest = too_small.sort_values(column, ascending=False).head(3)
        listed = ", ".join(f"{r['country']} {value_text(r[column], column)}" for __, r in largest.iterrows())
        # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
        notes.append(ngettext("Too small for the map's outlines (1:110m), so in the table only: {n} countries, the "
                              "largest {listed}.",
                              "Too small for the map's outlines (1:110m), so in the table only: {n} countries, the "
                              "largest {listed}.", len(too_small)).format(n=len(too_small), listed=listed))
    left_out = rows[~rows["is_country"].astype(bool) & (rows["total"] > 0)]
    if len(left_out):
        listed = ", ".join(f"{r['iso3']} {fmt.millions(r['total'])}" for __, r in left_out.iterrows())
        notes.append(_("Not on the map (not countries; kept in the table): {listed}.").format(listed=listed))
    if column != "total":
        missing = rows[rows["is_country"].astype(bool) & rows["population"].isna()]
        if len(missing):
            notes.append(_("No World Bank population figure, so no ratio: {countries}.").format(
                countries=", ".join(missing["country"])))
        if view == "origin":
            notes.append(_("The share is relative to the population living in the country now, which mostly "
                           "excludes those who left, so it reads higher than a share of the pre-crisis population."))
    return " ".join(notes)


# ---------------------------------------------------------------- the table of all countries

def table_heading(period: str) -> str:
    return _("All countries and areas, {period}").format(period=period)


def no_rows_message(empty: bool, period: str, query: str) -> str:
    """When the table has nothing to show: no figures for the year, or nothing matching the (already safe) search."""
    if empty:
        return _("No figures for {period} in the data.").format(period=period)
    return _("No country or area matches “{query}”.").format(query=query)


def table_columns(view: str, column: str, count: str) -> list[str]:
    """The table's columns: the count's parts first, then the other cross-border parts, the total, and with a
    ratio the population it divides by."""
    counted = vocabulary.COUNTS[count]
    columns = ["country", "iso3", *counted, *[p for p in vocabulary.CROSS_BORDER if p not in counted], "total"]
    if column != "total":
        columns += ["population", "population_year", *(["per_1000"] if view == "asylum" else []), "share_pct"]
    return columns


def column_headers(view: str, column: str, count: str) -> dict[str, str]:
    headers = {"country": _("Country or area"), "iso3": _("ISO3"), "refugees": _("Refugees"),
               "asylum_seekers": _("Asylum-seekers"), "oip": _("OIP"),
               "total": _("Total ({count})").format(count=vocabulary.count_short(count))}
    if column != "total":
        headers |= {"population": _("Population (World Bank)"), "population_year": _("Population year"),
                    "share_pct": _("% of population") if view == "asylum"
                    else _("% of origin population displaced abroad")}
        if view == "asylum":
            headers["per_1000"] = _("Per 1,000 inhabitants")
    return headers


def table_caption(shown: int, total: int) -> str:
    # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
    return ngettext("{shown} of {total} countries and areas. Click a column heading to sort. “–” marks a missing "
                    "figure (not collected or not applicable), never zero. Rows marked “not a country” are UNHCR "
                    "codes for unknown origin, stateless people and similar; they are kept here, not on the map.",
                    "{shown} of {total} countries and areas. Click a column heading to sort. “–” marks a missing "
                    "figure (not collected or not applicable), never zero. Rows marked “not a country” are UNHCR "
                    "codes for unknown origin, stateless people and similar; they are kept here, not on the map.",
                    total).format(shown=shown, total=total)


def regions_heading(period: str) -> str:
    return _("Totals by region, {period}").format(period=period)


def download_title(view: str, count: str, period: str) -> str:
    who = fmt.sentence_case(vocabulary.count_short(count))
    title = (_("{who} hosted, by country of asylum, {period}") if view == "asylum"
             else _("{who} by country of origin, {period}"))
    return title.format(who=who, period=period)


# ---------------------------------------------------------------- the share bar and the brief

def ranked(rows: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """The countries the view ranks first: by people (non-country codes such as UNK included, as in the
    bar charts) or by a ratio to population (countries with a population figure only, as on the map)."""
    if column == "total":
        return top_countries(rows[rows["total"].notna()], n)
    shown = map_rows(rows, column).sort_values([column, "country"], ascending=[False, True])
    return shown.head(n).reset_index(drop=True)


def _ratio(value, column: str) -> str:
    if column == "per_1000":
        return _("{value} per 1,000 inhabitants").format(value=local_number(value, 1))
    return _("{percent}% of its population").format(percent=local_number(value, 2, grouping=False))


def headline_sentence(rows: pd.DataFrame, view: str, column: str, year: int, count: str,
                      manifests: dict[str, dict]) -> str | None:
    """The view's key figure in one sentence: the first country for the chosen count or ratio, with the
    total it is part of (or the population it is divided by), the period, and the sources."""
    best = ranked(rows[rows["is_country"].astype(bool)], column, 1)  # a country, not a code such as UNK
    total = rows["total"].sum(min_count=1)
    if pd.isna(total) or (best.empty and column != "total"):
        return None
    period, who = period_of(rows, year), vocabulary.count_words(count)
    unhcr = (_(UNHCR), manifests["population"])
    if column == "total":
        return _total_sentence(best, view, total, period, who, fmt.according_to([unhcr]))
    first = best.iloc[0]
    cited = fmt.according_to([unhcr, (_(WORLD_BANK), manifests["worldbank-population"])])
    figures = {"period": period, "country": first["country"], "who": who, "cited": cited,
               "people": local_number(int(first['total'])), "population": local_number(int(first['population'])),
               "year": int(first["population_year"])}
    if view == "asylum":
        return _("At {period}, {country} hosted the most {who} relative to its population: {ratio} ({people} people "
                 "against a population of {population} in {year}), {cited}.").format(
            ratio=_ratio(first[column], column), **figures)
    return _("At {period}, the country with the largest share of its population displaced abroad as {who} was "
             "{country}: {ratio} ({people} people against a population of {population} in {year}; the population "
             "counts the people living there now), {cited}.").format(ratio=_ratio(first[column], "share_pct"),
                                                                     **figures)


def _total_sentence(best: pd.DataFrame, view: str, total: float, period: str, who: str, cited: str) -> str:
    figures = {"period": period, "who": who, "total": fmt.millions(total), "cited": cited}
    if best.empty:
        sentence = (_("At {period}, {total} {who} were counted by country of asylum worldwide (stocks at the end of "
                      "the year), none of them with a recorded country of asylum, {cited}.") if view == "asylum" else
                    _("At {period}, {total} {who} were counted by country of origin worldwide (stocks at the end of "
                      "the year), none of them with a recorded country of origin, {cited}."))
        return sentence.format(**figures)
    first = best.iloc[0]
    sentence = (_("At {period}, {country} hosted the most {who}: {first} of the {total} counted by country of asylum "
                  "worldwide (stocks at the end of the year), {cited}.") if view == "asylum" else
                _("At {period}, the most {who} came from {country}: {first} of the {total} counted by country of "
                  "origin worldwide (stocks at the end of the year), {cited}."))
    return sentence.format(country=first["country"], first=fmt.millions(first["total"]), **figures)


def key_figures(rows: pd.DataFrame, view: str, column: str, top: int, count: str) -> pd.DataFrame:
    """The top countries of the view (as many as the top lists show, at most 20)."""
    shown = ranked(rows, column, min(top, MAX_FIGURES))
    who = _("Country or area of asylum") if view == "asylum" else _("Country or area of origin")
    people = _("People ({count})").format(count=vocabulary.count_short(count))
    table = {who: list(shown["country"]), people: shown["total"].map(fmt.exact)}
    if column != "total":
        ratio = _("Per 1,000 inhabitants") if column == "per_1000" else _("% of population")
        table[ratio] = [local_number(v, 1) if column == "per_1000" else _percent(local_number(v, 2, grouping=False))
                        for v in shown[column]]
        population = _("Population (World Bank, year)")
        table[population] = [f"{int(p):,} ({int(y)})" for p, y in zip(shown["population"], shown["population_year"])]
    return pd.DataFrame(table)


def page_notes(count: str, column: str) -> tuple[str, ...]:
    counted = (_("Countries counted by {who} (UNHCR's basis for rankings; asylum-seekers apart).")
               if count == vocabulary.DEFAULT_COUNT else _("Countries counted by {who}."))
    notes = [" ".join([counted.format(who=vocabulary.count_words(count)),
                       _("Counted once by country of asylum and once by country of origin: two views of the same "
                         "people, never added together. Palestine refugees under UNRWA's mandate and internally "
                         "displaced people are not included.")])]
    if column != "total":
        notes.append(_("Ratios use the World Bank population of each country; where the year's figure is missing, "
                       "the latest earlier year (named in the table)."))
    return tuple(notes)
