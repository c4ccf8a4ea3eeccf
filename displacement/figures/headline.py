"""The forcibly displaced headline as every page, brief and command-line answer quotes it.

The figure to quote is UNHCR's basis (`forcibly_displaced_unhcr_basis`): the five components with the
Palestine refugees who are also displaced inside Gaza counted once from end-2023, as UNHCR counts them
(datasets.gaza_overlap). The plain sum stays beside it as a secondary figure with its reason. Here:
- why a figure on UNHCR's basis differs from UNHCR's published one, component by component, naming the
  real cause (a revision since publication, UNHCR's own mid-year IDP estimate, a part the published
  figure left out, rounding);
- the table that reproduces every published headline from the components;
- the change since a year, and the one check of the claim "some 110 million, growing by 10 million
  each year" that every page, brief and `project --check-claim` give.
No Streamlit here: pages lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from displacement.formatting import millions

HEADLINE = "forcibly_displaced_unhcr_basis"  # the figure to quote
PLAIN_SUM = "forcibly_displaced"  # the five components added up: counts the Gaza overlap twice from end-2023
# Published components (millions, as published) against the components in the data.
PUBLISHED_PARTS = {"refugees": "refugees_m", "palestine_refugees": "palestine_refugees_m",
                   "asylum_seekers": "asylum_seekers_m", "oip": "oip_m", "idps_conflict": "idps_conflict_m"}
PART_WORDS = {"refugees": "refugees under UNHCR's mandate", "palestine_refugees": "Palestine refugees",
              "asylum_seekers": "asylum-seekers", "oip": "other people in need of international protection",
              "idps_conflict": "conflict IDPs"}
ROUNDING = 0.05  # published figures are rounded to 0.1 million: a smaller gap is rounding
DEFINITION = ("refugees, Palestine refugees under UNRWA's mandate, asylum-seekers, other people in need of "
              "international protection and people internally displaced by conflict, with Palestine refugees "
              "also displaced inside Gaza counted once")


def period_label(year: int, period: str) -> str:
    return f"{str(period).split('-')[0]}-{int(year)}"


def row_for(totals: pd.DataFrame, year: int) -> pd.Series | None:
    rows = totals[totals["year"] == year]
    return rows.iloc[0] if len(rows) else None


def published_for(headlines: pd.DataFrame, year: int, period: str) -> pd.Series | None:
    rows = headlines[(headlines["year"] == year) & (headlines["period"] == period)
                     & headlines["forcibly_displaced_m"].notna()]
    return rows.iloc[0] if len(rows) else None


def latest_published(headlines: pd.DataFrame, period: str | None = None) -> pd.Series:
    """The most recent published headline (of one kind of period if given; end-year beats mid-year)."""
    rows = headlines[headlines["forcibly_displaced_m"].notna()]
    if period:
        rows = rows[rows["period"] == period]
    order = rows["year"] * 2 + (rows["period"] == "end-year").astype("int64")
    return rows.loc[order.sort_values().index[-1]]


def first_release(releases: pd.DataFrame, year: int, period: str) -> pd.Series | None:
    """The earliest release held (release history) that had this period's figures, with `is_first`: True
    when the period was that release's latest (it came out with that period's report), False when the
    release is a later one that still held the period (its first release is older than the history)."""
    rows = releases[(releases["year"] == year) & (releases["period"] == period)]
    if rows.empty:
        return None
    first = rows.sort_values("released_on").iloc[0].copy()
    first["is_first"] = year == int(releases.loc[releases["release"] == first["release"], "year"].max())
    return first


# --- why a figure on UNHCR's basis differs from the published one ---------------------------------

def carried_forward(row: pd.Series) -> bool:
    """IDMC publishes year-end figures only: the IDP figure of a mid-year row is the previous year-end's,
    carried forward (the idmc source's caveat)."""
    return row["period"] == "mid-year"


def _part_reason(part: str, ours: float, published_m: float, first: pd.Series | None, is_carried: bool,
                 year: int, where: str) -> str | None:
    words = PART_WORDS[part]
    gap = ours / 1e6 - published_m
    if abs(gap) <= ROUNDING + 1e-9:
        return None
    if part == "idps_conflict" and is_carried:
        return (f"{words}: UNHCR published its own mid-year estimate ({published_m:.1f} million), while the data "
                f"carry IDMC's end-{year - 1} figure forward ({millions(ours)}), {gap:+.1f} million")
    if first is not None and pd.notna(first[part]):
        at_release = first[part] / 1e6
        if abs(at_release - published_m) <= ROUNDING + 1e-9:
            return (f"{words} revised since publication ({published_m:.1f} million published and in UNHCR's "
                    f"{first['release']}, {millions(ours)} {where}), {gap:+.1f} million")
        return (f"{words}: {published_m:.1f} million published, {at_release:.1f} million in UNHCR's "
                f"{first['release']}, {millions(ours)} {where}, {gap:+.1f} million")
    return f"{words}: {published_m:.1f} million published, {millions(ours)} {where}, {gap:+.1f} million"


def reasons(row: pd.Series, published: pd.Series, first: pd.Series | None = None,
            where: str = "in the data now") -> list[str]:
    """Each cause of the gap between a figure on UNHCR's basis (`row`: components and the basis total)
    and UNHCR's published headline (`published`: millions), largest parts named, the rest accounted for.
    `first`: the same period in the earliest release held, which tells a revision from a difference of
    method."""
    found, explained = [], 0.0
    for part, column in PUBLISHED_PARTS.items():
        value, stated = row[part], published.get(column)
        if pd.isna(value) or pd.isna(stated):
            continue
        reason = _part_reason(part, float(value), float(stated), first, carried_forward(row), int(row["year"]), where)
        if reason:
            found.append(reason)
            explained += float(value) / 1e6 - float(stated)
    residual = float(row[HEADLINE]) / 1e6 - float(published["forcibly_displaced_m"]) - explained
    if abs(residual) > 2 * ROUNDING:
        unstated = [PART_WORDS[p] for p, c in PUBLISHED_PARTS.items() if pd.isna(published.get(c)) and pd.notna(row[p])]
        which = f" (not stated separately in the published figures: {', '.join(unstated)})" if unstated else ""
        found.append(f"{residual:+.1f} million in parts the published figures do not break down{which}")
    return found or ["within rounding: the published figure is rounded to 0.1 million"]


def comparison_sentence(row: pd.Series, published: pd.Series, first: pd.Series | None = None) -> str:
    """'End-2024: UNHCR published 123.2 million; on the same basis the data give 123.3 million (+0.1
    million): conflict IDPs revised since publication (...).'"""
    label = period_label(row["year"], row["period"])
    gap = float(row[HEADLINE]) / 1e6 - float(published["forcibly_displaced_m"])
    return (f"{label[0].upper() + label[1:]}: UNHCR published {published['forcibly_displaced_m']:.1f} million; on "
            f"the same basis the data give {millions(row[HEADLINE])} ({gap:+.1f} million): "
            + "; ".join(reasons(row, published, first)) + ".")


def overlap_sentence(row: pd.Series) -> str | None:
    """Why the plain sum is higher than the headline, or None where they are the same."""
    overlap = row.get("gaza_overlap")
    if overlap is None or pd.isna(overlap) or overlap == 0:
        return None
    label = period_label(row["year"], row["period"])
    return (f"The plain sum of the five components ({millions(row[PLAIN_SUM])} at {label}) counts twice the "
            f"{int(overlap):,} Palestine refugees who are also displaced inside Gaza (about 70% of IDMC's Gaza IDP "
            "figure): they are in UNRWA's figure and in IDMC's. UNHCR counts them once from end-2023, and so "
            "does the headline here.")


def headline_notes(totals: pd.DataFrame, headlines: pd.DataFrame, releases: pd.DataFrame) -> list[str]:
    """The notes under the headline cards: how the latest figure compares with UNHCR's published one (or,
    when UNHCR has published none for that period, with the latest year-end it has), and why the plain
    sum is higher."""
    latest = totals.iloc[-1]
    label = period_label(latest["year"], latest["period"])
    published = published_for(headlines, int(latest["year"]), latest["period"])
    notes = []
    if published is not None:
        notes.append(comparison_sentence(latest, published, first_release(releases, int(latest["year"]),
                                                                          latest["period"])))
    else:
        notes.append(f"UNHCR's published figure for {label} is not in this dataset, so the first figure is computed "
                     "from its five components on UNHCR's basis; the published figure beside it covers another date.")
        both = [(row, published_for(headlines, int(row["year"]), row["period"])) for _, row in totals.iterrows()]
        both = [(row, pub) for row, pub in both if pub is not None and pd.notna(row[HEADLINE])]
        if both:
            row, pub = both[-1]
            notes.append(comparison_sentence(row, pub, first_release(releases, int(row["year"]), row["period"])))
    overlap = overlap_sentence(latest)
    return notes + ([overlap] if overlap else [])


def trend_alt_text(rows: pd.DataFrame, latest: pd.Series) -> str:
    """The overview's trend chart in words: the total from the first year drawn to the latest, the
    largest component, and the gaps that are missing data."""
    known = rows.dropna(subset=[HEADLINE])
    if known.empty:
        return "Stacked area chart of the five components: no year in this range has a total."
    first = known.iloc[0]
    parts = {name: latest[name] for name in PUBLISHED_PARTS if pd.notna(latest[name])}
    largest = max(parts, key=parts.get)
    text = (f"Stacked area chart of the five components, with the total on UNHCR's basis as a dotted line. The "
            f"total went from {millions(first[HEADLINE])} in {int(first['year'])} to {millions(latest[HEADLINE])} in "
            f"{int(latest['year'])}; the largest part is {PART_WORDS[largest]} ({millions(latest[largest])}).")
    missing = sorted({part for cell in rows["components_missing"] for part in str(cell).split(";") if part})
    if missing:
        text += (" Years without " + ", ".join(PART_WORDS[m] for m in missing)
                 + " are missing data, not zero.")
    return text


# --- the published headlines reproduced ------------------------------------------------------------

REPRODUCTION_COLUMNS = ["period", "published_m", "release", "release_is_first", "unhcr_basis_as_released",
                        "why_as_released",
                        "unhcr_basis_now", "difference_now_m", "why_now", "published_note", "release_note"]


def release_basis(first: pd.Series, overlaps: pd.Series) -> float | None:
    """The first release's figure on UNHCR's basis: its sum minus the Gaza overlap of the year whose IDP
    figure it holds (the previous year-end's, for a mid-year release that carries IDMC forward)."""
    if pd.isna(first["idps_conflict"]):
        return None
    year = int(first["year"])
    idp_year = year - 1 if carried_forward(first) else year
    overlap = overlaps.get(idp_year, 0) if year >= 2023 else 0
    return None if pd.isna(overlap) else float(first[PLAIN_SUM]) - float(overlap)


def _why(row: pd.Series | None, value: float | None, published: pd.Series, first: pd.Series | None,
         where: str) -> str:
    if row is None or value is None:
        return ""
    return "; ".join(reasons(pd.Series({**row.to_dict(), HEADLINE: value}), published, first, where))


def _why_as_released(first: pd.Series | None, as_released: float | None, published: pd.Series) -> str:
    if first is None:
        return ""
    if as_released is None:
        return "no IDP figure in this release"
    why = _why(first, as_released, published, None, "in the release")
    return why if first["is_first"] else f"the earliest release held came a year after publication: {why}"


def reproduction(totals: pd.DataFrame, headlines: pd.DataFrame, releases: pd.DataFrame) -> pd.DataFrame:
    """Every published headline beside the same figure computed from the components on UNHCR's basis:
    from the earliest release held that had that period (exact) and from today's data, each with the
    causes of its difference from the published figure; UNHCR's note and the release's own note."""
    overlaps = totals.set_index("year")["gaza_overlap"]
    rows = []
    for _, published in headlines[headlines["forcibly_displaced_m"].notna()].sort_values(["year", "period"]).iterrows():
        year, period = int(published["year"]), published["period"]
        first = first_release(releases, year, period)
        as_released = release_basis(first, overlaps) if first is not None else None
        now = row_for(totals, year)
        if now is not None and (now["period"] != period or pd.isna(now[HEADLINE])):
            now = None
        rows.append({
            "period": published["period_label"], "published_m": float(published["forcibly_displaced_m"]),
            "release": first["release"] if first is not None else "none held",
            "release_is_first": bool(first["is_first"]) if first is not None else False,
            "unhcr_basis_as_released": as_released,
            "why_as_released": _why_as_released(first, as_released, published),
            "unhcr_basis_now": float(now[HEADLINE]) if now is not None else None,
            "difference_now_m": (float(now[HEADLINE]) / 1e6 - float(published["forcibly_displaced_m"])
                                 if now is not None else None),
            "why_now": (_why(now, float(now[HEADLINE]), published, first, "in the data now") if now is not None
                        else "today's data hold another period of this year"),
            "published_note": published.get("notes"), "release_note": first["note"] if first is not None else None})
    table = pd.DataFrame(rows, columns=REPRODUCTION_COLUMNS)
    for column in ("unhcr_basis_as_released", "unhcr_basis_now"):
        table[column] = table[column].round().astype("Int64")
    return table


# --- change over a span ---------------------------------------------------------------------------

def change_since(totals: pd.DataFrame, since: int, column: str = HEADLINE, until: int | None = None) -> dict:
    """From `since` to `until` (the latest year by default): both figures, the change in people and %, and
    whether the two years hold the same components (a component that enters is not growth). ValueError
    outside the data."""
    rows = totals.dropna(subset=[column])
    rows = rows[rows[column] != 0].sort_values("year")  # a world total of 0 is 'not collected' (country_stats)
    if until is not None:
        rows = rows[rows["year"] <= until]
    if rows.empty:
        raise ValueError(f"no figures up to {until}")
    start, end = row_for(rows, since), rows.iloc[-1]
    if start is None or since >= int(end["year"]):
        first, last = int(rows["year"].min()), int(end["year"])
        raise ValueError(f"no change since {since}: the data cover {first} to {last}")
    change = float(end[column]) - float(start[column])
    return {"since": period_label(start["year"], start["period"]), "until": period_label(end["year"], end["period"]),
            "start": float(start[column]), "end": float(end[column]), "change": change,
            "change_pct": change / float(start[column]) * 100,
            "comparable": start["components_missing"] == end["components_missing"]}


def change_sentence(change: dict, noun: str = "people forcibly displaced worldwide (UNHCR's basis)") -> str:
    verb = "rose" if change["change"] > 0 else "fell" if change["change"] < 0 else "did not change"
    text = (f"From {change['since']} to {change['until']}, the number of {noun} {verb} by "
            f"{millions(abs(change['change']))} ({change['change_pct']:+.1f}%), from {millions(change['start'])} to "
            f"{millions(change['end'])}.")
    if not change["comparable"]:
        text += " The two years do not hold the same components, so part of the change is a change of coverage."
    return text


def range_notes(totals: pd.DataFrame, headlines: pd.DataFrame, releases: pd.DataFrame, first: int,
                last: int) -> list[str]:
    """For a chart of years first..last with UNHCR's published figures on it: the latest year-end in the range
    compared with its published figure, and why the plain sum is higher where the range reaches end-2023."""
    rows = totals[(totals["year"] >= first) & (totals["year"] <= last)]
    both = [(row, published_for(headlines, int(row["year"]), row["period"])) for _, row in rows.iterrows()]
    both = [(row, pub) for row, pub in both if pub is not None and pd.notna(row[HEADLINE])]
    notes = []
    if both:
        row, pub = both[-1]
        notes.append(comparison_sentence(row, pub, first_release(releases, int(row["year"]), row["period"])))
    overlap = overlap_sentence(rows.iloc[-1]) if len(rows) else None
    return notes + ([overlap] if overlap else [])


def yearly_change(totals: pd.DataFrame, column: str = HEADLINE, since: int | None = None) -> pd.DataFrame:
    """Year, value, change on the previous year (absolute and %); only between consecutive years with the
    same components present, so a definitional jump is not reported as growth."""
    table = totals[["year", "period", column, "components_missing"]].copy()
    values = table[column].astype("Float64")
    table["change"] = values.diff()
    table["change_pct"] = table["change"] / values.shift() * 100
    comparable = (table["components_missing"] == table["components_missing"].shift()) & (table["year"].diff() == 1)
    table.loc[~comparable, ["change", "change_pct"]] = pd.NA
    table["comparable"] = comparable
    if since is not None:
        table = table[table["year"] >= since]
    return table.reset_index(drop=True)


# --- the claim "some 110 million, growing by 10 million each year" ----------------------------------

@dataclass(frozen=True)
class Claim:
    text: str
    source: str
    value: float  # people at `as_of`
    as_of: date
    per_year: float

    def claimed_at(self, year: int, period: str) -> float | None:
        """The claim's level at the date a stock refers to (31 December or 30 June), None before it."""
        when = date(year, 6, 30) if period == "mid-year" else date(year, 12, 31)
        years = (when - self.as_of).days / 365.25
        return None if years < 0 else self.value + self.per_year * years


SEED_CLAIM = Claim(text="some 110 million, growing by 10 million each year",
                   source="at the end of May 2023 (with Global Trends 2022, June 2023)",
                   value=110_000_000, as_of=date(2023, 5, 31), per_year=10_000_000)
CLAIM_SINCE = 2013  # a decade of yearly changes before the claim was made


def claim_table(totals: pd.DataFrame, claim: Claim = SEED_CLAIM, since: int = CLAIM_SINCE) -> pd.DataFrame:
    """One row per year from `since`: the figure on UNHCR's basis, its change on the year before, whether
    it grew by the claimed amount or more, and, from the claim's date on, the level the claim implies and
    the data minus it. The one claim check: the overview, Projections, the brief and the CLI give this."""
    table = yearly_change(totals, HEADLINE, since).rename(columns={HEADLINE: "value"})
    table["grew_by_claimed_rate"] = (table["change"] >= claim.per_year).astype("boolean").where(table["change"].notna())
    table["claimed"] = pd.array([claim.claimed_at(y, p) for y, p in zip(table["year"], table["period"])],
                                dtype="Float64")
    table["difference"] = table["value"].astype("Float64") - table["claimed"]
    return table[["year", "period", "value", "change", "grew_by_claimed_rate", "claimed", "difference"]]


def claim_verdict(table: pd.DataFrame, claim: Claim = SEED_CLAIM) -> str:
    """The check in words, from claim_table."""
    grew = table[table["grew_by_claimed_rate"].fillna(False).astype(bool)]
    first = int(table["year"].min())
    held = (f"in {_years(grew)}" if len(grew) else "in no year")
    after = table[table["claimed"].notna()]
    changes = "; ".join(f"{period_label(r['year'], r['period'])} {r['change'] / 1e6:+.1f} million"
                        for _, r in after.iterrows() if pd.notna(r["change"]))
    rate = f"{claim.per_year / 1e6:,.0f} million"
    text = (f"Since {first}, the number forcibly displaced (UNHCR's basis) grew by {rate} or more in a year "
            + (f"only {held}" if len(grew) == 1 else held))
    text += f". Since the claim: {changes}." if changes else "."
    if len(after):
        last = after.iloc[-1]
        gap = last["difference"]
        text += (f" From {claim.value / 1e6:,.0f} million at the end of May 2023, +{rate} a year would "
                 f"give {millions(last['claimed'])} at {period_label(last['year'], last['period'])}; the data give "
                 f"{millions(last['value'])} ({millions(abs(gap))} {'less' if gap < 0 else 'more'}).")
    return text


def claim_rows(table: pd.DataFrame, since: int) -> pd.DataFrame:
    """claim_table from `since`, written for reading (millions, signed changes; blank where there is none)."""
    table = table[table["year"] >= since]

    def signed(value) -> str:
        return "" if pd.isna(value) else f"{value / 1e6:+.1f} million"

    return pd.DataFrame({
        "Year": table["year"].astype(int), "Period": table["period"],
        "The data (UNHCR's basis)": table["value"].map(millions),
        "Change on the year before": table["change"].map(signed),
        "+10 million a year from May 2023 would give": table["claimed"].map(
            lambda v: "" if pd.isna(v) else millions(v)),
        "Data minus claim": table["difference"].map(signed)})


def _years(rows: pd.DataFrame) -> str:
    years = [f"{int(r['year'])} ({r['change'] / 1e6:+.1f} million)" for _, r in rows.iterrows()]
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]


# --- the citation sentence and the key figures ----------------------------------------------------

def citation_sentence(row: pd.Series, cited: str) -> str:
    """The sentence to quote: the figure on UNHCR's basis, its period and definition, and its sources
    (`cited`: 'according to ...', country_stats.according_to)."""
    return (f"{millions(row[HEADLINE])} people were forcibly displaced worldwide at "
            f"{period_label(row['year'], row['period'])} ({DEFINITION}), {cited}.")


def key_figures(row: pd.Series, labels: dict[str, str], order: list[str]) -> pd.DataFrame:
    """The components, their plain sum, the overlap and the headline for one period, exact, missing as
    'no data' (never 0)."""
    names = [*order, PLAIN_SUM, "gaza_overlap", HEADLINE]
    cells = ["no data" if pd.isna(row[n]) else f"{int(row[n]):,}" for n in names]
    return pd.DataFrame({period_label(row["year"], row["period"]): [labels[n] for n in names], "people": cells})

