"""Compare: up to eight countries or regions on one measure over time, in people or per 1,000 residents,
as reported or indexed to a start year (= 100). No Streamlit.

Rules kept here: cross-border measures are on UNHCR's basis for rankings (refugees + OIP; the same rows,
period choice and 'not collected' rule as displacement.figures.countries.ranking, so a country's figure
here equals its rank's); IDPs are IDMC's own figures (GIDD), conflict and disasters apart; a year without
a figure is a gap (NA), never 0; a region is the sum of its countries (displacement.figures.regions);
per-1,000 figures divide by the World Bank population of the same year or the latest earlier one
(countries.population_for, as the Countries page and the profile do).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from displacement.figures import countries as cs
from displacement.figures import regions as rg
from displacement.figures.country import names_with_extras
from displacement.formatting import according_to, exact, local_number, period_label
from displacement.text import N_, _, ngettext
from displacement.vocabulary import COUNTS, CROSS_BORDER, DEFAULT_COUNT, UNHCR_SOURCE_LINE

MAX_PICKS = 8
UNHCR_SOURCE = N_("UNHCR Refugee Population Statistics Database")
IDMC_SOURCE = N_("IDMC Global Internal Displacement Database")


@dataclass(frozen=True)
class Measure:
    """A measure's words are messages (displacement/text.py), given in the viewer's language where shown."""
    name: str
    label: str  # for the control
    headline: str  # the share bar's sentence: {people}, {place}, {when}, {cited}
    table: tuple[str, str]  # (source id, table)
    column: str | None = None  # a GIDD column; None: refugees + OIP from a by_origin/by_asylum table
    source_line: str = UNHCR_SOURCE_LINE
    source: str = UNHCR_SOURCE  # cited by name in the headline


MEASURES = {
    "origin": Measure("origin", N_("Refugees + OIP, by country of origin"),
                      N_("There were {people} refugees and other people in need of international protection (OIP) "
                         "from {place} at {when} (a stock), {cited}."),
                      ("population", "by_origin")),
    "asylum": Measure("asylum", N_("Refugees + OIP, by country of asylum"),
                      N_("There were {people} refugees and other people in need of international protection (OIP) "
                         "hosted in {place} at {when} (a stock), {cited}."),
                      ("population", "by_asylum")),
    "idps-conflict": Measure("idps-conflict", N_("IDPs, conflict and violence (IDMC)"),
                             N_("There were {people} people internally displaced by conflict and violence in {place} "
                                "at {when} (a stock), {cited}."), ("idmc-gidd", "by_country"),
                             "idps_conflict_stock", N_("IDMC Global Internal Displacement Database (CC BY-NC 4.0)"),
                             IDMC_SOURCE),
    "idps-disaster": Measure("idps-disaster", N_("IDPs, disasters (IDMC)"),
                             N_("There were {people} people internally displaced by disasters in {place} at {when} "
                                "(a stock), {cited}."), ("idmc-gidd", "by_country"),
                             "idps_disaster_stock", N_("IDMC Global Internal Displacement Database (CC BY-NC 4.0)"),
                             IDMC_SOURCE),
}
UNITS = {"people": N_("People"), "per-1000": N_("Per 1,000 residents")}  # the link's value -> its name
SCALES = {"absolute": N_("As reported"), "index": N_("Indexed (start year = 100)")}
WORLD_BANK_SOURCE = N_("World Bank, Population, total (SP.POP.TOTL) (CC BY 4.0)")
WORLD_BANK_REGIONS = N_("regions: World Bank country classification (CC BY 4.0)")
TITLE = N_("Compare countries and regions over time")
INTRO = N_("Up to eight countries or regions on one chart. Refugees + other people in need of international "
           "protection (OIP), as UNHCR ranks countries, by country of origin or of asylum; people internally "
           "displaced by conflict or by disasters (IDMC). Stocks at the end of each year; a gap is a year without a "
           "figure, never zero.")
HELP = {"measure": N_("Refugees + OIP is UNHCR's basis for ranking countries (asylum-seekers apart). IDPs are "
                      "IDMC's own figures, conflict and disasters apart."),
        "scale": N_("Indexed: each line divided by its own figure in the start year, times 100."),
        "pick": N_("Regions: UNHCR's regions and the World Bank's, each the sum of its countries."),
        "suggest": N_("No table of neighbouring countries is stored, so the countries of the same UNHCR region with "
                      "the highest figure in the latest year are suggested.")}
# The chart's title: (per 1,000 residents?, indexed?) -> the message.
CHART_TITLES = {(False, False): N_("{measure}, {first}–{last}"),
                (True, False): N_("{measure}, per 1,000 residents, {first}–{last}"),
                (False, True): N_("{measure}, {first}–{last} (index, {first} = 100)"),
                (True, True): N_("{measure}, per 1,000 residents, {first}–{last} (index, {first} = 100)")}


def measure_label(measure: str) -> str:
    return _(MEASURES[measure].label)


def source_line(measure: str, unit: str, codes: list[str]) -> str:
    """The chart's source line: the measure's source, the World Bank's population for per 1,000, and its regions
    when a World Bank region is drawn."""
    parts = [_(MEASURES[measure].source_line)] + ([_(WORLD_BANK_SOURCE)] if unit == "per-1000" else [])
    if any(code.startswith("wb-") for code in codes):
        parts.append(_(WORLD_BANK_REGIONS))
    return "; ".join(parts)


def cited_sources(measure: str, manifest: dict) -> list[tuple[str, dict]]:
    """The measure's source by name with its release manifest, for formatting.according_to."""
    return [(_(MEASURES[measure].source), manifest)]


def source_ids(measure: str, unit: str) -> list[str]:
    return [MEASURES[measure].table[0]] + (["worldbank-population"] if unit == "per-1000" else [])


# ---------------------------------------------------------------- per-country figures

def country_values(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Every code's figure for every year: year, period, iso3, value (NA where not collected)."""
    spec = MEASURES[measure]
    if spec.column is not None:
        rows = table[["year", "period", "iso3", spec.column]].rename(columns={spec.column: "value"})
        rows = rows.assign(value=rows["value"].astype("Float64"))
        return rows.dropna(subset=["value"]).reset_index(drop=True)
    return cross_border_values(table)


def cross_border_values(table: pd.DataFrame, count: str = DEFAULT_COUNT) -> pd.DataFrame:
    """countries.cross_border's figures for all years at once: the latest period of a year (end-year where
    a year has two), a part reported as 0 everywhere in a year read as not collected, the parts of the
    count summed with min_count=1; rows with no figure left out."""
    rows = table[["year", "period", "iso3", *CROSS_BORDER]].copy()
    periods = rows.groupby("year")["period"].agg(lambda p: "end-year" if (p == "end-year").any() else p.iloc[0])
    rows = rows[rows["period"] == rows["year"].map(periods)]
    for column in CROSS_BORDER:
        values = rows[column].astype("Float64")
        collected = values.groupby(rows["year"]).transform("sum") != 0
        rows[column] = values.where(collected)
    value = rows[COUNTS[count]].sum(axis=1, min_count=1)
    out = rows[["year", "period", "iso3"]].assign(value=value, iso3=rows["iso3"].astype(str))
    return out.dropna(subset=["value"]).reset_index(drop=True)


# ---------------------------------------------------------------- picks

@dataclass(frozen=True)
class Pick:
    code: str  # ISO3, or a region's link code (regions.region_code)
    label: str
    members: tuple[str, ...]  # the country itself, or the region's countries


def make_pick(code: str, names: dict[str, str], memberships: dict[str, dict[str, str]]) -> Pick:
    regions = rg.region_choices(memberships)
    if code in regions:
        scheme, region = regions[code]
        return Pick(code, rg.region_label(scheme, region), tuple(rg.members_of(memberships[scheme], region)))
    return Pick(code, cs.country_label(code, names, compact=True), (code,))


def pick_options(memberships: dict[str, dict[str, str]], names: dict[str, str],
                 extra_codes: set[str]) -> dict[str, str]:
    """Every pick the page offers, code -> label: regions (UNHCR's, the World Bank's), then countries and areas
    (those named in the data and `extra_codes`, such as codes only IDMC's figures have) by label."""
    regions = {code: rg.region_label(*where) for code, where in rg.region_choices(memberships).items()}
    named = names_with_extras(names, sorted(set(names) | extra_codes))
    countries = {code: make_pick(code, named, {}).label for code in named}
    return regions | dict(sorted(countries.items(), key=lambda item: item[1]))


def unique_labels(picks: list[Pick]) -> list[Pick]:
    """Two picks never share a line name (two countries given the same name in the data stay apart)."""
    seen, out = set(), []
    for pick in picks:
        label = pick.label if pick.label not in seen else f"{pick.label} [{pick.code}]"
        seen.add(label)
        out.append(Pick(pick.code, label, pick.members))
    return out


def suggested(values: pd.DataFrame, membership: dict[str, str], anchor: str,
              n: int = 5) -> tuple[str | None, list[str]]:
    """The anchor's UNHCR region and its n other countries with the highest figure in the latest year with
    figures (no table of neighbours is stored, so the region stands in for them); (None, []) without a region."""
    region = membership.get(anchor)
    if region is None or values.empty:
        return None, []
    rows = values[values["iso3"].isin(rg.members_of(membership, region)) & (values["iso3"] != anchor)]
    if rows.empty:
        return region, []
    latest = rows[rows["year"] == rows["year"].max()].sort_values(["value", "iso3"], ascending=[False, True])
    return region, latest["iso3"].head(n).tolist()


def default_picks(values: pd.DataFrame, n: int = 5) -> list[str]:
    """The n countries with the highest figure in the latest year (codes that are not countries left out)."""
    latest = values[(values["year"] == values["year"].max()) & values["iso3"].map(cs.is_country)]
    return latest.sort_values(["value", "iso3"], ascending=[False, True])["iso3"].head(n).tolist()


# ---------------------------------------------------------------- the series

def populations(population: pd.DataFrame, years: range) -> pd.DataFrame:
    """The World Bank population each country is divided by, for each year: that year's or the latest earlier
    one (countries.population_for): year, iso3, population, population_year."""
    frames = [cs.population_for(population, year).assign(year=year) for year in years]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["year", "iso3", "population"])


def pick_series(values: pd.DataFrame, pops: pd.DataFrame | None, pick: Pick, years: range) -> pd.DataFrame:
    """One pick's figures for each year of `years` (a row for every year: NA where there is none): year,
    people (the sum of its countries' figures), countries (how many have one) and, with `pops` (populations()),
    population (of all its countries with a World Bank figure) and per_1000."""
    rows = values[values["iso3"].isin(pick.members) & values["year"].isin(years)]
    grouped = rows.groupby("year")["value"]
    out = pd.DataFrame({"year": list(years)}).set_index("year")
    out["people"] = grouped.sum(min_count=1).astype("Float64")
    out["countries"] = grouped.count().reindex(out.index).fillna(0).astype("int64")
    if pops is not None:
        members = pops[pops["iso3"].isin(pick.members)]
        out["population"] = members.groupby("year")["population"].sum(min_count=1).astype("Float64")
        out["per_1000"] = (out["people"] / out["population"] * 1000).round(2)  # as the profile rounds
    return out.reset_index()


def indexed(series: pd.Series, years: pd.Series, start: int) -> pd.Series:
    """The series as an index, start year = 100; all NA when the start year has no figure (or 0)."""
    base = series[years == start]
    base = base.iloc[0] if len(base) else pd.NA
    if pd.isna(base) or base == 0:
        return pd.Series(pd.NA, index=series.index, dtype="Float64")
    return (series / base * 100).round(2)


def compare_values(values: pd.DataFrame, population: pd.DataFrame | None, picks: list[Pick], first: int, last: int,
                   unit: str, scale: str) -> pd.DataFrame:
    """The figures drawn, long: year, code, label, people, countries, [population, per_1000], shown (the value
    on the chart: people or per 1,000, indexed to `first` = 100 when asked)."""
    years = range(first, last + 1)
    pops = populations(population, years) if unit == "per-1000" and population is not None else None
    frames = []
    for pick in picks:
        series = pick_series(values, pops, pick, years)
        shown = series["per_1000" if unit == "per-1000" else "people"]
        series["shown"] = indexed(shown, series["year"], first) if scale == "index" else shown
        frames.append(series.assign(code=pick.code, label=pick.label))
    if not frames:
        return pd.DataFrame(columns=["year", "period", "code", "label", "people", "countries", "shown"])
    out = pd.concat(frames, ignore_index=True)
    periods = values.groupby("year")["period"].first()
    out["period"] = out["year"].map(periods).fillna("end-year").astype(str)
    leading = ["year", "period", "code", "label"]
    return out[leading + [c for c in out.columns if c not in leading]]


# ---------------------------------------------------------------- words

def chart_title(measure: str, unit: str, scale: str, first: int, last: int) -> str:
    title = CHART_TITLES[unit == "per-1000", scale == "index"]
    return _(title).format(measure=measure_label(measure), first=first, last=last)


def unit_text(measure: str, unit: str, scale: str, first: int) -> str:
    if scale == "index" and unit == "people":
        return _("Index: the figure in {first} = 100 (people; stock at the end of each year). Gaps: no figure "
                 "that year").format(first=first)
    if scale == "index":
        return _("Index: the figure in {first} = 100 (per 1,000 residents; stock at the end of each year). Gaps: "
                 "no figure that year").format(first=first)
    if unit == "per-1000":
        return _("Per 1,000 residents (World Bank population; stock at the end of each year). Gaps: no figure that "
                 "year")
    return _("People (stock at the end of each year). Gaps: no figure that year")


def value_words(value, unit: str, scale: str) -> str:
    if pd.isna(value):
        return _("no figure")
    if scale == "index":
        return _("{value} (index)").format(value=local_number(value, 1))
    if unit == "per-1000":
        return _("{value} per 1,000 residents").format(value=local_number(value, 2))
    return _("{people} people").format(people=exact(value))


def _line_words(label: str, rows: pd.DataFrame, unit: str, scale: str, first: int, last: int) -> str:
    """One line of the chart for screen readers: its first and latest figure in the range, and its gaps."""
    known = rows[rows["shown"].notna()]
    if known.empty:
        return _("{line}: no figure between {first} and {last}").format(line=label, first=first, last=last)
    start, end = known.iloc[0], known.iloc[-1]
    figures = {"line": label, "first": value_words(start["shown"], unit, scale), "first_year": int(start["year"]),
               "latest": value_words(end["shown"], unit, scale), "latest_year": int(end["year"])}
    gaps = len(rows) - len(known)
    if not gaps:
        return _("{line}: {first} in {first_year}, {latest} in {latest_year}").format(**figures)
    # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
    return ngettext("{line}: {first} in {first_year}, {latest} in {latest_year} ({gaps} years without a figure)",
                    "{line}: {first} in {first_year}, {latest} in {latest_year} ({gaps} years without a figure)",
                    gaps).format(gaps=gaps, **figures)


def alt_text(shown: pd.DataFrame, measure: str, unit: str, scale: str, first: int, last: int) -> str:
    """A sentence for screen readers: each line's first and latest figure in the range, and its gaps."""
    lines = [_line_words(label, rows, unit, scale, first, last) for label, rows in shown.groupby("label", sort=False)]
    return _("Line chart: {title}. {lines}.").format(title=chart_title(measure, unit, scale, first, last),
                                                     lines="; ".join(lines))


def notes(shown: pd.DataFrame, measure: str, unit: str, scale: str, first: int, pops_used: list[int]) -> list[str]:
    """What a reader needs beside the chart: gaps, the start year's missing figures, population years, regions."""
    out = [_("A gap in a line is a year without a figure (not collected or not reported), never zero.")]
    if scale == "index":
        missing = [label for label, rows in shown.groupby("label", sort=False) if rows["shown"].isna().all()]
        if missing:
            out.append(_("No index for {lines}: no figure in {first}, the start year. Choose a later start "
                         "year.").format(lines=", ".join(missing), first=first))
    if unit == "per-1000" and pops_used:
        out.append(_("Per 1,000 residents: the figure divided by the World Bank's population of the same year, or of "
                     "the latest earlier year where that year has none (here {years}); a region divides by the "
                     "population of all its countries with a World Bank figure.").format(
            years=", ".join(map(str, pops_used))))
    elif unit == "per-1000":
        out.append(_("Per 1,000 residents: the figure divided by the World Bank's population of the same year, or of "
                     "the latest earlier year where that year has none; a region divides by the population of all "
                     "its countries with a World Bank figure."))
    if any(not is_country_code(code) for code in shown["code"]):
        out.append(_("A region's figure is the sum of the figures of its countries that have one that year; "
                     "codes that are not countries (unknown origin, stateless) are in no region."))
    if MEASURES[measure].column is not None:
        out.append(_("IDMC's figures are CC BY-NC 4.0: non-commercial use only. Conflict and disaster figures are "
                     "shown apart, never added here."))
    else:
        out.append(_("Counted as UNHCR ranks countries: refugees + other people in need of international protection "
                     "(OIP), asylum-seekers apart. By-origin and by-asylum figures count the same people twice: "
                     "never add them."))
    return out


def region_notes(values: pd.DataFrame, picks: list[Pick], memberships: dict[str, dict[str, str]], last: int,
                 names: dict[str, str]) -> list[str]:
    """For each scheme of the regions drawn, the codes with a figure that are in none of its regions (in the
    range's last year with figures), named."""
    regions = rg.region_choices(memberships)
    schemes = dict.fromkeys(regions[p.code][0] for p in picks if not is_country_code(p.code))
    if not schemes:
        return []
    year = min(last, int(values["year"].max()))
    found = [rg.without_region_note(values, memberships[scheme], scheme, year, lambda code: names.get(code, code))
             for scheme in schemes]
    return [note for note in found if note]


def population_years_used(population: pd.DataFrame, shown: pd.DataFrame, picks: list[Pick]) -> list[int]:
    """The World Bank years used for a later year's figure (the population lags the displacement figures)."""
    last_population = int(population["year"].max()) if len(population) else None
    years = shown.loc[shown["per_1000"].notna(), "year"] if "per_1000" in shown else pd.Series(dtype="int64")
    later = sorted({int(y) for y in years if last_population is not None and y > last_population})
    return [last_population] if later else []


def headline_sentence(shown: pd.DataFrame, measure: str, manifests: list[tuple[str, dict]]) -> str | None:
    """One citable sentence on the first pick's latest figure in people."""
    known = shown[shown["people"].notna()]
    if known.empty:
        return None
    first_label = shown["label"].iloc[0]
    rows = known[known["label"] == first_label]
    row = rows.iloc[-1] if len(rows) else known.iloc[-1]
    return _(MEASURES[measure].headline).format(people=exact(row["people"]), place=row["label"],
                                                when=period_label(row["year"], row["period"]),
                                                cited=according_to(manifests))


def key_figures(shown: pd.DataFrame, unit: str, scale: str) -> pd.DataFrame:
    """First and latest figure of each line in the range (words), for the brief."""
    rows = []
    for label, part in shown.groupby("label", sort=False):
        known = part[part["shown"].notna()]
        first = value_words(known["shown"].iloc[0], unit, scale) if len(known) else _("no figure")
        latest = value_words(known["shown"].iloc[-1], unit, scale) if len(known) else _("no figure")
        years = f"{int(known['year'].iloc[0])}–{int(known['year'].iloc[-1])}" if len(known) else "–"
        rows.append([label, years, first, latest])
    return pd.DataFrame(rows, columns=[_("Country or region"), _("Years with a figure"), _("First"), _("Latest")])


# ---------------------------------------------------------------- the page's notices, labels and captions

def years_notice() -> str:
    return _("Link parameter “years” needs two years (a start and an end): showing the default range.")


def too_many_picks_notice(picked: int) -> str:
    return ngettext("Link parameter “pick” names {n} country or region: only the first {kept} are shown.",
                    "Link parameter “pick” names {n} countries or regions: only the first {kept} are shown.",
                    picked).format(n=picked, kept=MAX_PICKS)


def picker_label() -> str:
    return _("Countries or regions (up to {n})").format(n=MAX_PICKS)


def suggestion_label(name: str, others: int, region: str) -> str:
    # English keeps one form for every count, as it always has; ngettext lets other languages agree with it.
    return ngettext("Suggest: {name} and the top {n} other countries of its UNHCR region ({region})",
                    "Suggest: {name} and the top {n} other countries of its UNHCR region ({region})",
                    others).format(name=name, n=others, region=region)


def no_figures_message(first: int, last: int) -> str:
    return _("No figures for the chosen countries or regions between {first} and {last}. Missing is not zero: "
             "try other years or another measure.").format(first=first, last=last)


def table_caption() -> str:
    return _("“–” marks a year without a figure, never zero. The download gives, for each year, people, how many "
             "countries have a figure and, per 1,000 residents, the population divided by.")


def download_title(measure: str) -> str:
    return _("{measure}: countries and regions compared (Compare page)").format(measure=measure_label(measure))


def download_table(shown: pd.DataFrame, measure: str, unit: str, scale: str) -> pd.DataFrame:
    """The figures as the download gives them: one row per pick and year; an index is named for what it indexes."""
    out = shown.assign(measure=measure)
    if scale == "index":
        base = "per_1000" if unit == "per-1000" else "people"
        return out.rename(columns={"shown": f"index_{base}_{shown['year'].min()}_100"})
    return out.drop(columns=["shown"])


def is_country_code(code: str) -> bool:
    """Picks are ISO3 codes (three capitals) or region codes (regions.region_code: lower case, with a dash)."""
    return len(code) == 3 and code.isupper()
