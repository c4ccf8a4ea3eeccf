"""Figures for one country (the country profile) and for internal displacement (IDMC GIDD).

Plain pandas, no Streamlit. The rules the pages rely on:
- missing stays missing: sums use min_count=1, and a country or year without rows gives NA or an
  empty frame, never 0;
- by-origin (people FROM a country) and by-asylum (people HOSTED in it) are never added together;
- stocks (people displaced at a date) and flows (movements, returns, decisions during a year) are
  never added together;
- rows counted in persons and rows counted in cases are never added together.
"""

from __future__ import annotations

import pandas as pd

from displacement.figures import relatable
from displacement.formatting import exact, millions
from displacement.vocabulary import COUNTS, DEFAULT_COUNT
from displacement.vocabulary import CROSS_BORDER as PROTECTION_TYPES

GIDD_STOCKS = ["idps_conflict_stock", "idps_disaster_stock"]
GIDD_FLOWS = ["new_displacements_conflict", "new_displacements_disaster"]
GIDD_COLUMNS = GIDD_STOCKS + GIDD_FLOWS
# First year IDMC publishes each GIDD series (stocks) or has it in this export (flows).
GIDD_FIRST_YEAR = {"idps_conflict_stock": 2009, "idps_disaster_stock": 2019,
                   "new_displacements_conflict": 2008, "new_displacements_disaster": 2008}
DECISION_COLUMNS = ["recognized", "complementary", "rejected", "closed", "total"]
UNITS = ["persons", "cases"]

# Codes in IDMC's GIDD that UNHCR's country list does not name (names as in IDMC's own export).
EXTRA_NAMES = {
    "AB9": "Abyei Area", "ASM": "American Samoa", "GRL": "Greenland", "GUM": "Guam", "IMN": "Isle of Man",
    "JEY": "Jersey", "MAF": "St. Martin (French part)", "MNP": "Northern Mariana Islands", "MYT": "Mayotte",
    "REU": "Réunion", "TWN": "Taiwan, China", "VIR": "Virgin Islands", "XKX": "Kosovo",
}
# Codes that are not countries: never a default, never in a "top countries" list without a label.
NOT_COUNTRIES = {"UNK", "XXA", "TIB", "AB9"}

# UNHCR asylum application types (the API's app_type codes).
APPLICATION_TYPES = {
    "N": "new", "R": "repeat or reopened", "A": "appeal", "J": "judicial review",
    "NA": "new and appeal (not distinguished)", "NR": "new and repeat (not distinguished)",
    "RA": "repeat and appeal (not distinguished)", "FA": "first instance and appeal (not distinguished)",
    "SP": "subsequent", "V": "various or unknown",
}

RECOGNITION_RATE_DEFINITION = (
    "Total recognition rate (UNHCR's definition): decisions granting refugee status or a complementary form "
    "of protection, divided by all substantive decisions, i.e. (recognised + complementary protection) / "
    "(recognised + complementary protection + rejected). Cases closed for other reasons (withdrawn, abandoned, "
    "no decision on the merits) are left out of both parts.")


def _country(table: pd.DataFrame, iso3: str, column: str = "iso3") -> pd.DataFrame:
    rows = table[(table[column] == iso3).fillna(False).astype(bool)]
    return rows.sort_values("year").reset_index(drop=True) if "year" in rows else rows.reset_index(drop=True)


def _as_int(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].astype("Int64")
    return frame


def has_data(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Whether any of these columns holds a figure (NA everywhere, or no rows, is 'no data')."""
    return not frame.empty and bool(frame[columns].notna().to_numpy().any())


def latest_value(frame: pd.DataFrame, column: str) -> tuple[int | None, object]:
    """(year, value) of the latest year with a figure in `column`, or (None, None)."""
    rows = frame[frame[column].notna()] if column in frame else frame.iloc[0:0]
    if rows.empty:
        return None, None
    last = rows.sort_values("year").iloc[-1]
    return int(last["year"]), last[column]


# --- people FROM a country / HOSTED in it ---------------------------------------------------------

def protection_trend(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees, asylum-seekers and OIP by year from population by_origin (people FROM the country)
    or by_asylum (people HOSTED in it), with their sum (`total`, NA when all three are missing).
    Call once per table: the two views count the same people from two sides and are never summed."""
    rows = _country(table, iso3)[["year", "period", *PROTECTION_TYPES]].copy()
    rows = _as_int(rows, PROTECTION_TYPES)
    rows["total"] = rows[PROTECTION_TYPES].sum(axis=1, min_count=1).astype("Int64")
    return rows


def palestine_refugees_in(unrwa_by_asylum: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Palestine refugees registered with UNRWA in the country (Gaza and the West Bank, Jordan, Lebanon,
    Syria), by year. They are under UNRWA's mandate, so not in the UNHCR refugee figures."""
    rows = _country(unrwa_by_asylum, iso3)[["year", "period", "palestine_refugees"]].copy()
    return _as_int(rows, ["palestine_refugees"])


def hosted_per_1000(by_asylum: pd.DataFrame, population: pd.DataFrame, iso3: str,
                    count: str = DEFAULT_COUNT) -> pd.DataFrame:
    """People hosted per 1,000 inhabitants, by year: refugees + OIP (UNHCR's basis) unless `count` adds
    asylum-seekers. The World Bank series ends earlier than UNHCR's, so each year uses the latest
    population year up to it (`population_year` says which); years before the first population figure
    are dropped."""
    trend = protection_trend(by_asylum, iso3)
    trend["hosted"] = trend[COUNTS[count]].sum(axis=1, min_count=1).astype("Int64")
    hosted = trend[["year", "period", "hosted"]].dropna(subset=["hosted"])
    people = _country(population, iso3)[["year", "population"]].dropna()
    people = people.rename(columns={"year": "population_year"}).astype({"population_year": "int64"})
    if hosted.empty or people.empty:
        return pd.DataFrame(columns=["year", "period", "hosted", "population", "population_year", "per_1000"])
    hosted = hosted.sort_values("year")
    merged = pd.merge_asof(hosted.astype({"year": "int64"}), people.sort_values("population_year"),
                           left_on="year", right_on="population_year", direction="backward")
    merged = merged.dropna(subset=["population_year"]).copy()
    merged["population_year"] = merged["population_year"].astype("int64")
    merged["population"] = merged["population"].astype("Int64")
    merged["per_1000"] = merged["hosted"].astype("Float64") / merged["population"].astype("Float64") * 1000
    return merged[["year", "period", "hosted", "population", "population_year", "per_1000"]].reset_index(drop=True)


# --- internal displacement (IDMC GIDD) ----------------------------------------------------------

def gidd_country(gidd: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One country's GIDD rows: IDP stocks and internal-displacement flows by year (never added)."""
    rows = _country(gidd, iso3)[["year", "period", *GIDD_COLUMNS]].copy()
    return _as_int(rows, GIDD_COLUMNS)


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
    unhcr = _country(idmc_by_country, iso3)[["year", "idps_conflict"]].rename(
        columns={"idps_conflict": "conflict_via_unhcr"})
    both = gidd_country(gidd, iso3).drop(columns="period").merge(unhcr, on="year", how="outer")
    return _as_int(both.sort_values("year").reset_index(drop=True), [*GIDD_COLUMNS, "conflict_via_unhcr"])


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
        listed = "; ".join(f"end-{int(r.year)}: {int(r.conflict_via_unhcr):,} via UNHCR, {int(r.idps_conflict_stock):,} in "
                           "the IDMC database" for r in differ.itertuples())
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


def country_changes(by_origin: pd.DataFrame, by_asylum: pd.DataFrame, idmc_by_country: pd.DataFrame, iso3: str,
                    name: str, since: int, until: int) -> list[str]:
    """'From end-2020 to end-2025, ... rose by ...' for people from the country and people in it (refugees +
    OIP, UNHCR's basis) and its conflict IDPs (IDMC via UNHCR); a measure without figures at both ends is
    left out."""
    from displacement.figures.headline import change_sentence, change_since
    who = "refugees and other people in need of international protection"
    series = [(protection_trend(by_origin, iso3), f"{who} from {name}"),
              (protection_trend(by_asylum, iso3), f"{who} hosted in {name}"),
              (_country(idmc_by_country, iso3), f"people internally displaced by conflict in {name} (IDMC via UNHCR)")]
    lines = []
    for frame, noun in series:
        if frame.empty:
            continue
        column = "idps_conflict" if "idps_conflict" in frame else "refugees_and_oip"
        if column == "refugees_and_oip":
            frame = frame.assign(refugees_and_oip=frame[COUNTS[DEFAULT_COUNT]].sum(axis=1, min_count=1))
        try:
            change = change_since(frame.assign(components_missing=""), since, column, until=until)
        except ValueError:
            continue
        lines.append(change_sentence(change, noun))
    return lines


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


# --- solutions ----------------------------------------------------------------------------------

def returns_trend(solutions_by_origin: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees who returned to the country and IDPs who returned home in it, during each year (flows).
    UNHCR's solutions table (identical to population by_origin where both report; NA = not reported)."""
    rows = _country(solutions_by_origin, iso3)[["year", "period", "returned_refugees", "returned_idps"]].copy()
    return _as_int(rows, ["returned_refugees", "returned_idps"])


def solutions_in_country(solutions_by_asylum: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees resettled to the country and refugees naturalised by it, during each year (flows)."""
    rows = _country(solutions_by_asylum, iso3)[["year", "period", "resettlement", "naturalisation"]].copy()
    return _as_int(rows, ["resettlement", "naturalisation"])


# --- asylum -------------------------------------------------------------------------------------

def applications(table: pd.DataFrame, iso3: str, app_type: str = "N") -> pd.DataFrame:
    """Asylum applications of one type (N = new) by year, persons and cases in separate columns
    (never added). From by_asylum: lodged in the country; from by_origin: lodged by its nationals."""
    rows = _country(table, iso3)
    rows = rows[(rows["app_type"] == app_type).fillna(False).astype(bool)]
    if rows.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "persons": pd.Series(dtype="Int64"),
                             "cases": pd.Series(dtype="Int64")})
    wide = (rows.assign(unit=rows["unit"].astype(str))
            .pivot_table(index="year", columns="unit", values="applied", aggfunc=lambda s: s.sum(min_count=1))
            .reindex(columns=UNITS))
    wide.columns.name = None
    return _as_int(wide.reset_index(), UNITS)


def application_types(table: pd.DataFrame, iso3: str, year: int) -> pd.DataFrame:
    """Every application type and unit reported for the country in one year (for the 'other types' note)."""
    rows = _country(table, iso3)
    rows = rows[rows["year"] == year][["app_type", "unit", "applied"]].copy()
    rows["type"] = rows["app_type"].astype(str).map(lambda t: APPLICATION_TYPES.get(t, t))
    return rows.reset_index(drop=True)


def recognition_rate(recognized, complementary, rejected) -> float | None:
    """(recognised + complementary) / (recognised + complementary + rejected), as a share 0..1.
    None when any part is missing or there is no substantive decision."""
    parts = [recognized, complementary, rejected]
    if any(p is None or pd.isna(p) for p in parts):
        return None
    positive = float(recognized) + float(complementary)
    substantive = positive + float(rejected)
    return None if substantive <= 0 else positive / substantive


def decisions(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Asylum decisions by year and unit (persons and cases kept in separate rows), with the total
    recognition rate per row (see RECOGNITION_RATE_DEFINITION)."""
    rows = _country(table, iso3)[["year", "period", "unit", *DECISION_COLUMNS]].copy()
    rows["unit"] = rows["unit"].astype(str)
    rows = _as_int(rows, DECISION_COLUMNS)
    rows["recognition_rate"] = pd.array(
        [recognition_rate(r, c, j) for r, c, j in zip(rows["recognized"], rows["complementary"], rows["rejected"])],
        dtype="Float64")
    return rows.sort_values(["year", "unit"]).reset_index(drop=True)


# --- notes and choices ---------------------------------------------------------------------------

def country_footnotes(footnotes: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """UNHCR's footnotes that concern the country as origin or as asylum country."""
    origin = (footnotes["origin_iso3"] == iso3).fillna(False).astype(bool)
    asylum = (footnotes["asylum_iso3"] == iso3).fillna(False).astype(bool)
    rows = footnotes[origin | asylum].copy()
    rows["role"] = ["origin and asylum" if o and a else "origin" if o else "asylum"
                    for o, a in zip(origin[origin | asylum], asylum[origin | asylum])]
    columns = ["year_text", "role", "origin_iso3", "asylum_iso3", "population_type", "footnote"]
    return rows[columns].sort_values(["year_text", "footnote"]).reset_index(drop=True)


def default_country(by_origin: pd.DataFrame, codes) -> str:
    """The country most people had fled from in the latest year (a neutral, data-driven default)."""
    latest = by_origin["year"].max()
    table = by_origin[(by_origin["year"] == latest)].copy()
    table = table[table["iso3"].isin(set(codes) - NOT_COUNTRIES).fillna(False).astype(bool)]
    table["total"] = table[PROTECTION_TYPES].sum(axis=1, min_count=1).astype("Float64")
    return str(table.sort_values("total", ascending=False).iloc[0]["iso3"])


def gidd_default_country(gidd: pd.DataFrame) -> str:
    """The country with the most people displaced by conflict in the latest year of the GIDD."""
    latest = gidd.loc[gidd["idps_conflict_stock"].notna(), "year"].max()
    top = top_countries(gidd[~gidd["iso3"].isin(NOT_COUNTRIES).fillna(False).astype(bool)], latest,
                        "idps_conflict_stock", 1)
    return str(top.iloc[0]["iso3"])


def names_with_extras(names: dict[str, str], codes) -> dict[str, str]:
    """A name for every code: UNHCR's country list, then IDMC's names, then the code itself."""
    return {code: names.get(code) or EXTRA_NAMES.get(code) or code for code in codes}


def card_notes(summary: dict, name: str) -> list[str]:
    """What the country profile's cards count, with the asylum-seekers they leave out and the population year."""
    notes = [f"Stocks at {summary['period']}, UNHCR Refugee Population Statistics Database (CC BY 4.0); the IDP figure "
             "is IDMC's via UNHCR. “Fled from” and “hosted in” count refugees and other people in need of "
             "international protection, as UNHCR ranks countries, from two sides: never added together. "
             f"Asylum-seekers (claims not yet decided) are apart: {exact(summary['by_origin']['asylum_seekers'])} "
             f"from {name}, {exact(summary['by_asylum']['asylum_seekers'])} in {name}."]
    population_year = summary["population_year"]
    if summary["hosted_per_1000"] is not None and population_year and population_year != summary["year"]:
        notes.append(f"Per-capita figure: the World Bank population stops at {population_year}, so {summary['period']} "
                     f"is divided by the {population_year} population ({exact(summary['population'])}).")
    return notes


def country_sentence(summary: dict, name: str, cited: list[tuple[str, dict]]) -> str | None:
    """The sentence to quote: people from the country and people in it (refugees + OIP; two stocks, never
    added), its conflict IDPs (IDMC via UNHCR), the period and the sources; None when none is known."""
    from displacement.figures.countries import according_to
    fled, hosted = summary["by_origin"]["refugees_and_oip"], summary["by_asylum"]["refugees_and_oip"]
    idps = summary["idps"][0]["value"]
    who = "refugees and other people in need of international protection"
    parts = []
    if fled is not None:
        parts.append(f"{millions(fled)} {who} from {name} were abroad")
    if hosted is not None:
        parts.append(f"{millions(hosted)}" + ("" if fled is not None else f" {who}") + f" were hosted in {name}")
    if idps is not None:
        parts.append(f"{millions(idps)} people were internally displaced by conflict and violence inside {name}")
    if not parts:
        return None
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    kind = ("stocks; people from and people in the country are counted from two sides and never added"
            if fled is not None and hosted is not None else "a stock" if len(parts) == 1 else "stocks")
    sources = cited if idps is not None else cited[:1]
    if len({m.get("release") for _, m in sources}) == 1:  # one release: name it once
        sources = [(" and ".join(n for n, _ in sources), sources[0][1])]
    return f"At {summary['period']}, {joined} ({kind}), {according_to(sources)}."


def country_key_figures(summary: dict, name: str) -> pd.DataFrame:
    """The country profile's cards as a table: each figure with its count, source and period."""
    period, fled, hosted = summary["period"], summary["by_origin"], summary["by_asylum"]
    idps = summary["idps"]
    rows = [(f"Fled from {name} (refugees + OIP), {period}", exact(fled["refugees_and_oip"])),
            (f"Asylum-seekers from {name}, {period}", exact(fled["asylum_seekers"])),
            (f"Hosted in {name} (refugees + OIP), {period}", exact(hosted["refugees_and_oip"])),
            (f"Asylum-seekers in {name}, {period}", exact(hosted["asylum_seekers"])),
            (f"Internally displaced by conflict (IDMC via UNHCR), end-{idps[0]['year']}", exact(idps[0]["value"]))]
    for found in idps[1:]:
        if found["year"] is not None:
            rows.append((f"Internally displaced by {found['measure'].split(' (')[0]} (IDMC database), "
                         f"end-{found['year']}", exact(found["value"])))
    per_1000 = summary["hosted_per_1000"]
    rows.append((f"Refugees + OIP hosted per 1,000 residents (World Bank population {summary['population_year'] or 'no data'})",
                 "no data" if per_1000 is None else f"{per_1000:,.2f}"))
    when, value = summary.get("unrwa", (None, None))
    if when is not None:
        rows.append((f"Palestine refugees registered with UNRWA, end-{when}", exact(value)))
    return pd.DataFrame(rows, columns=["Figure", "Value"])


def scale_lines(summary: dict, name: str, period: str, population: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """The country's figures made relatable, each with its denominator: refugees and OIP hosted as '1 in N
    residents of <country>' (World Bank population, its year named), and those from it as 'about as many
    people as live in <another country>'. Only where the figures exist and are above zero."""
    lines = []
    hosted = summary["by_asylum"]["refugees_and_oip"]
    residents, year_used = summary.get("population"), summary.get("population_year")
    share = relatable.one_in(hosted, residents, name, year_used) if year_used else None
    if share:
        lines.append(f"At {period}, the refugees and other people in need of international protection hosted in "
                     f"{name} were the equivalent of {share}.")
    originated = summary["by_origin"]["refugees_and_oip"]
    if originated is not None:
        like = relatable.as_many_as(originated, population, names, int(summary["year"]), exclude=summary.get("country"))
        if like:
            lines.append(f"At {period}, the {int(originated):,} refugees and other people in need of international "
                         f"protection from {name} were {like}.")
    return lines
