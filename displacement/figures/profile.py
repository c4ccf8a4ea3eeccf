"""The Country profile's figures and words (no Streamlit): what its cards count, the sentence to quote,
its key figures, the change since a year, and each chart's alternative text. "Fled from" and "hosted in"
count the same people from two sides: never added."""

from __future__ import annotations

import pandas as pd

from displacement.figures import relatable
from displacement.figures.country import protection_trend, rows_of
from displacement.figures.headline import change_sentence, change_since
from displacement.formatting import according_to, exact, millions
from displacement.vocabulary import COUNTS, DEFAULT_COUNT


def country_changes(by_origin: pd.DataFrame, by_asylum: pd.DataFrame, idmc_by_country: pd.DataFrame, iso3: str,
                    name: str, since: int, until: int) -> list[str]:
    """'From end-2020 to end-2025, ... rose by ...' for people from the country and people in it (refugees +
    OIP, UNHCR's basis) and its conflict IDPs (IDMC via UNHCR); a measure without figures at both ends is
    left out."""
    who = "refugees and other people in need of international protection"
    series = [(protection_trend(by_origin, iso3), f"{who} from {name}"),
              (protection_trend(by_asylum, iso3), f"{who} hosted in {name}"),
              (rows_of(idmc_by_country, iso3), f"people internally displaced by conflict in {name} (IDMC via UNHCR)")]
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


# Where each key figure comes from (the source's registry id) and how the brief's table names it.
SOURCE_WORDS = {"population": "UNHCR", "idmc": "IDMC via UNHCR", "idmc-gidd": "IDMC database",
                "worldbank-population": "UNHCR; World Bank", "unrwa": "UNRWA via UNHCR", "solutions": "UNHCR"}
BRIEF_PARTNERS = 5  # hosts (and origins) itemised in the profile and its brief


def top_partners(corridors: pd.DataFrame, iso3: str, year: int, side: str, names: dict[str, str],
                 n: int = BRIEF_PARTNERS) -> pd.DataFrame:
    """Where people from the country are hosted (side "origin") or where people it hosts come from (side
    "asylum"): the n largest partners by refugees + OIP (UNHCR's basis) in that year, with their figures.
    Corridors without a figure for either part are left out, never counted as zero."""
    other = "asylum" if side == "origin" else "origin"
    rows = corridors[(corridors["year"] == year) & (corridors[f"{side}_iso3"] == iso3)]
    people = rows[COUNTS[DEFAULT_COUNT]].astype("Float64").sum(axis=1, min_count=1)
    found = pd.DataFrame({"iso3": rows[f"{other}_iso3"].astype(str), "people": people}).dropna(subset=["people"])
    found = found[found["people"] > 0].sort_values(["people", "iso3"], ascending=[False, True]).head(n)
    found.insert(1, "country", [names.get(code, code) for code in found["iso3"]])
    return found.astype({"people": "Int64"}).reset_index(drop=True)


def asylum_seekers_apart(corridors: pd.DataFrame, iso3: str, year: int, side: str, partners: pd.DataFrame,
                         names: dict[str, str]) -> str | None:
    """UNHCR's basis leaves asylum-seekers out, so a partner holding mostly asylum-seekers (Sudanese in Egypt)
    is missing from the list: name each one whose asylum-seekers alone outnumber the smallest figure listed."""
    if partners.empty:
        return None
    other = "asylum" if side == "origin" else "origin"
    rows = corridors[(corridors["year"] == year) & (corridors[f"{side}_iso3"] == iso3)
                     & ~corridors[f"{other}_iso3"].isin(partners["iso3"])]
    larger = rows[rows["asylum_seekers"].astype("Float64") > partners["people"].min()]
    larger = larger.sort_values("asylum_seekers", ascending=False)
    if larger.empty:
        return None
    listed = "; ".join(f"{names.get(str(code), code)}: {exact(count)}"
                       for code, count in zip(larger[f"{other}_iso3"], larger["asylum_seekers"]))
    return f"Not listed because asylum-seekers are counted apart (UNHCR's basis), asylum-seekers: {listed}."


def partner_lines(partners: pd.DataFrame) -> list[str]:
    """'Chad: 1,234,567' for each partner, largest first."""
    return [f"{row.country}: {exact(row.people)}" for row in partners.itertuples()]


def country_key_figures(summary: dict, name: str, hosts: pd.DataFrame | None = None,
                        origins: pd.DataFrame | None = None, returns: tuple | None = None) -> pd.DataFrame:
    """The country profile's cards, its main hosts and origins and its latest returns as a table: each
    figure with its count and the source it comes from (so a brief lists only the sources it uses)."""
    period, fled, hosted = summary["period"], summary["by_origin"], summary["by_asylum"]
    idps = summary["idps"]
    rows = [(f"Fled from {name} (refugees + OIP), {period}", exact(fled["refugees_and_oip"]), "population"),
            (f"Asylum-seekers from {name}, {period}", exact(fled["asylum_seekers"]), "population"),
            (f"Hosted in {name} (refugees + OIP), {period}", exact(hosted["refugees_and_oip"]), "population"),
            (f"Asylum-seekers in {name}, {period}", exact(hosted["asylum_seekers"]), "population"),
            (f"Internally displaced by conflict (IDMC via UNHCR), end-{idps[0]['year']}", exact(idps[0]["value"]),
             "idmc")]
    for found in idps[1:]:
        if found["year"] is not None:
            rows.append((f"Internally displaced by {found['measure'].split(' (')[0]} (IDMC database), "
                         f"end-{found['year']}", exact(found["value"]), "idmc-gidd"))
    for partners, words in ((hosts, f"from {name} hosted in"), (origins, f"in {name} from")):
        for row in ([] if partners is None else partners.itertuples()):
            rows.append((f"Refugees + OIP {words} {row.country}, {period}", exact(row.people), "population"))
    if returns is not None and returns[0] is not None:
        rows.append((f"Refugees who returned to {name} during {returns[0]}", exact(returns[1]), "solutions"))
    rows.extend(_per_1000_and_unrwa_rows(summary))
    return pd.DataFrame([(f, v, SOURCE_WORDS[s]) for f, v, s in rows], columns=["Figure", "Value", "Source"]).assign(
        source_id=[s for _, _, s in rows])


def _per_1000_and_unrwa_rows(summary: dict) -> list[tuple[str, str, str]]:
    rows = []
    per_1000 = summary["hosted_per_1000"]
    population_year = summary["population_year"] or "no data"
    rows.append((f"Refugees + OIP hosted per 1,000 residents (World Bank population {population_year})",
                 "no data" if per_1000 is None else f"{per_1000:,.2f}", "worldbank-population"))
    when, value = summary.get("unrwa", (None, None))
    if when is not None:
        rows.append((f"Palestine refugees registered with UNRWA, end-{when}", exact(value), "unrwa"))
    return rows


def brief_table(figures: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The key figures as the brief prints them, and the sources they use (the per-1,000 figure uses
    UNHCR's count and the World Bank's population)."""
    used = list(dict.fromkeys(figures["source_id"]))
    if "worldbank-population" in used and "population" not in used:
        used.insert(0, "population")
    return figures.drop(columns="source_id"), used


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


# --- the page's cards and charts, in words --------------------------------------------------------

DECISION_LABELS = {"recognized": "Recognised as refugees", "complementary": "Complementary protection",
                   "rejected": "Rejected", "closed": "Otherwise closed"}
IDP_LINES = [("conflict_via_unhcr", "Conflict and violence (IDMC via UNHCR)"),
             ("idps_conflict_stock", "Conflict and violence (IDMC database)"),
             ("idps_disaster_stock", "Disasters (IDMC database)")]


def per_1000_text(value) -> str:
    """Two decimals, as the Countries table and the command line give it: one number everywhere."""
    return "no data" if value is None or pd.isna(value) else f"{value:,.2f}"


def cards(summary: dict, name: str) -> list[tuple[str, str, str]]:
    """(label, figure, help) of the four cards: fled from, hosted in, IDPs, hosted per 1,000 residents."""
    fled, hosted, idps = summary["by_origin"], summary["by_asylum"], summary["idps"][0]
    who = "Refugees and other people in need of international protection"
    return [
        ("Fled from the country (refugees + OIP)", millions(fled["refugees_and_oip"]),
         f"{who} whose country of origin is {name}, wherever they are (stock; UNHCR's basis for rankings). Exact: "
         f"{exact(fled['refugees_and_oip'])}. Asylum-seekers apart: {exact(fled['asylum_seekers'])}."),
        ("Hosted in the country (refugees + OIP)", millions(hosted["refugees_and_oip"]),
         f"{who} living in {name}, whatever their origin (stock). Exact: {exact(hosted['refugees_and_oip'])}. "
         f"Asylum-seekers apart: {exact(hosted['asylum_seekers'])}."),
        (f"Internally displaced (conflict), {summary['period']}", millions(idps["value"]),
         "IDMC's estimate as served by UNHCR's idmc endpoint, the figure in UNHCR's headline "
         f"(stock at end-{idps['year']}). Exact: {exact(idps['value'])}."),
        ("Hosted per 1,000 residents", per_1000_text(summary["hosted_per_1000"]),
         "Refugees and OIP hosted (second card) per 1,000 residents. Population: World Bank "
         f"{summary['population_year'] or 'no data'}."),
    ]


def unrwa_note(name: str, when: int, value) -> str:
    return (f"{name} also hosts {millions(value)} Palestine refugees registered with UNRWA (end-{when}; exact "
            f"{exact(value)}). They are under UNRWA's mandate, so they are not in the UNHCR figures on this page "
            "(cards, charts or the per-capita figure); the world headline on the Overview page counts them.")


def larger_side_first(summary: dict | None) -> list[str]:
    """'fled' and 'hosted' (the two protection charts), the side with more people first."""
    fled = (summary["by_origin"]["refugees_and_oip"] or 0) if summary else 0
    hosted = (summary["by_asylum"]["refugees_and_oip"] or 0) if summary else 0
    return ["fled", "hosted"] if fled >= hosted else ["hosted", "fled"]


def since_first_figure(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows from the first year with a figure in any of the columns (a chart starts where the data do)."""
    rows = frame[frame[columns].notna().any(axis=1)] if not frame.empty else frame
    return frame if rows.empty else frame[frame["year"] >= int(rows["year"].min())]


def area_alt(trend: pd.DataFrame, side: str, name: str) -> str:
    last = trend.dropna(subset=["total"]).iloc[-1]
    peak = trend.loc[trend["total"].astype("Float64").idxmax()]
    return (f"Stacked area chart of refugees, asylum-seekers and other people in need of international protection "
            f"{'from' if side == 'fled' else 'hosted in'} {name}, {int(trend['year'].min())} to {int(last['year'])}: "
            f"{millions(last['total'])} in {int(last['year'])}; the highest was {millions(peak['total'])} in "
            f"{int(peak['year'])}.")


def other_applications_note(others: pd.DataFrame, year: int) -> str | None:
    """The application types other than new ones, reported for the year but not drawn."""
    listed = [f"{int(r.applied):,} {r.type} ({r.unit})" for r in others.itertuples() if pd.notna(r.applied)]
    return f"Also reported for {year} and not shown: " + "; ".join(listed) + "." if listed else None


def decisions_alt(shown: pd.DataFrame, name: str, unit: str) -> str:
    last = shown.iloc[-1]
    return (f"Stacked bar chart of asylum decisions in {name} ({unit}). In {int(last['year'])}: "
            f"{exact(last['recognized'])} recognised, {exact(last['complementary'])} complementary protection, "
            f"{exact(last['rejected'])} rejected, {exact(last['closed'])} otherwise closed.")


def recognition_alt(rates: pd.DataFrame, name: str) -> str:
    last, rate = rates.iloc[-1], rates["recognition_rate"]
    return (f"Line chart of the total recognition rate in {name}: {last['recognition_rate'] * 100:.1f}% in "
            f"{int(last['year'])}, from {rate.min() * 100:.1f}% to {rate.max() * 100:.1f}% over "
            f"{int(rates['year'].min())}-{int(rates['year'].max())}.")


def burden_alt(burden: pd.DataFrame, name: str) -> str:
    last = burden.iloc[-1]
    return (f"Line chart: {name} hosted {per_1000_text(last['per_1000'])} people per 1,000 inhabitants in "
            f"{int(last['year'])}, using the {int(last['population_year'])} population.")


def lagged_population_note(burden: pd.DataFrame) -> str | None:
    lagged = burden[burden["population_year"] != burden["year"]]
    if lagged.empty:
        return None
    years = [str(int(y)) for y in lagged["year"]]
    return (f"The World Bank population ends in {int(burden['population_year'].max())}: " + ", ".join(years)
            + (" uses" if len(years) == 1 else " use") + " the latest earlier population year.")
