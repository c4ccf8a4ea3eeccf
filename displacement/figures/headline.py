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
- the Overview page's words: its cards, notes, sentences and alt texts.
No Streamlit here: pages lay these out. Every sentence goes through the text layer (displacement/text.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from displacement.figures import relatable
from displacement.formatting import (
    according_to,
    exact,
    in_millions,
    local_number,
    millions,
    period_label,
    short_millions,
    stored_period_label,
)
from displacement.text import N_, _
from displacement.vocabulary import HEADLINE_ORDER, definition, label, short_label

HEADLINE = "forcibly_displaced_unhcr_basis"  # the figure to quote
PLAIN_SUM = "forcibly_displaced"  # the five components added up: counts the Gaza overlap twice from end-2023
# Published components (millions, as published) against the components in the data.
PUBLISHED_PARTS = {"refugees": "refugees_m", "palestine_refugees": "palestine_refugees_m",
                   "asylum_seekers": "asylum_seekers_m", "oip": "oip_m", "idps_conflict": "idps_conflict_m"}
PART_WORDS = {"refugees": N_("refugees under UNHCR's mandate"), "palestine_refugees": N_("Palestine refugees"),
              "asylum_seekers": N_("asylum-seekers"), "oip": N_("other people in need of international protection"),
              "idps_conflict": N_("conflict IDPs")}
ROUNDING = 0.05  # published figures are rounded to 0.1 million: a smaller gap is rounding
DEFINITION = N_("refugees, Palestine refugees under UNRWA's mandate, asylum-seekers, other people in need of "
                "international protection and people internally displaced by conflict, with Palestine refugees "
                "also displaced inside Gaza counted once")
# Where a figure compared with a published one comes from, said inside the reason for the gap.
IN_THE_DATA_NOW, IN_THE_RELEASE = N_("in the data now"), N_("in the release")
# The sources of the headline, named in the sentence to cite (here and on the Trends page).
SOURCE_WORDS = N_("UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via UNHCR")


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the viewer's language (the message formatting.according_to uses)."""
    if len(items) == 1:
        return items[0]
    return _("{names} and {last}").format(names=", ".join(items[:-1]), last=items[-1])


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
    gap = ours / 1e6 - published_m
    if abs(gap) <= ROUNDING + 1e-9:
        return None
    figures = {"part": _(PART_WORDS[part]), "published": local_number(published_m, 1, grouping=False),
               "ours": millions(ours),
               "where": _(where), "gap": local_number(gap, 1, grouping=False, sign=True)}
    if part == "idps_conflict" and is_carried:
        return _("{part}: UNHCR published its own mid-year estimate ({published} million), while the data carry "
                 "IDMC's end-{year} figure forward ({ours}), {gap} million").format(year=year - 1, **figures)
    if first is not None and pd.notna(first[part]):
        at_release = first[part] / 1e6
        if abs(at_release - published_m) <= ROUNDING + 1e-9:
            return _("{part} revised since publication ({published} million published and in UNHCR's {release}, "
                     "{ours} {where}), {gap} million").format(release=first["release"], **figures)
        return _("{part}: {published} million published, {at_release} million in UNHCR's {release}, {ours} {where}, "
                 "{gap} million").format(at_release=local_number(at_release, 1, grouping=False),
                                         release=first["release"], **figures)
    return _("{part}: {published} million published, {ours} {where}, {gap} million").format(**figures)


def reasons(row: pd.Series, published: pd.Series, first: pd.Series | None = None,
            where: str = IN_THE_DATA_NOW) -> list[str]:
    """Each cause of the gap between a figure on UNHCR's basis (`row`: components and the basis total)
    and UNHCR's published headline (`published`: millions), largest parts named, the rest accounted for.
    `first`: the same period in the earliest release held, which tells a revision from a difference of
    method. `where`: IN_THE_DATA_NOW or IN_THE_RELEASE (translated here)."""
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
        unstated = [_(PART_WORDS[p]) for p, c in PUBLISHED_PARTS.items()
                    if pd.isna(published.get(c)) and pd.notna(row[p])]
        found.append(_("{residual} million in parts the published figures do not break down (not stated separately "
                       "in the published figures: {parts})").format(residual=local_number(residual, 1,
                                                                                          grouping=False, sign=True),
                                                                     parts=", ".join(unstated)) if unstated
                     else _("{residual} million in parts the published figures do not break down").format(
                         residual=local_number(residual, 1, grouping=False, sign=True)))
    return found or [_("within rounding: the published figure is rounded to 0.1 million")]


def comparison_sentence(row: pd.Series, published: pd.Series, first: pd.Series | None = None) -> str:
    """'End-2024: UNHCR published 123.2 million; on the same basis the data give 123.3 million (+0.1
    million): conflict IDPs revised since publication (...).'"""
    label = period_label(row["year"], row["period"])
    gap = float(row[HEADLINE]) / 1e6 - float(published["forcibly_displaced_m"])
    return _("{period}: UNHCR published {published} million; on the same basis the data give {ours} ({gap} million): "
             "{reasons}.").format(period=label[0].upper() + label[1:],
                                  published=local_number(published['forcibly_displaced_m'], 1,
                                                         grouping=False), ours=millions(row[HEADLINE]),
                                  gap=local_number(gap, 1, grouping=False,
                                                   sign=True), reasons="; ".join(reasons(row, published, first)))


def overlap_sentence(row: pd.Series) -> str | None:
    """Why the plain sum is higher than the headline, or None where they are the same."""
    overlap = row.get("gaza_overlap")
    if overlap is None or pd.isna(overlap) or overlap == 0:
        return None
    label = period_label(row["year"], row["period"])
    return _("The plain sum of the five components ({plain_sum} at {period}) counts twice the {overlap} Palestine "
             "refugees who are also displaced inside Gaza (about 70% of IDMC's Gaza IDP figure): they are in UNRWA's "
             "figure and in IDMC's. UNHCR counts them once from end-2023, and so does the headline here.").format(
        plain_sum=millions(row[PLAIN_SUM]), period=label, overlap=local_number(int(overlap)))


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
        notes.append(_("UNHCR's published figure for {period} is not in this dataset, so the first figure is computed "
                       "from its five components on UNHCR's basis; the published figure beside it covers another "
                       "date.").format(period=label))
        row = _latest_with_published(totals, headlines)
        if row is not None:
            pub = published_for(headlines, int(row["year"]), row["period"])
            notes.append(comparison_sentence(row, pub, first_release(releases, int(row["year"]), row["period"])))
    overlap = overlap_sentence(latest)
    return notes + ([overlap] if overlap else [])


def _latest_with_published(totals: pd.DataFrame, headlines: pd.DataFrame) -> pd.Series | None:
    """The latest period with both a computed total and a published figure (a join, not a loop over years)."""
    published = headlines.loc[headlines["forcibly_displaced_m"].notna(), ["year", "period"]].drop_duplicates()
    both = totals[totals[HEADLINE].notna()].merge(published, on=["year", "period"])  # keeps totals' order
    return both.iloc[-1] if len(both) else None


def trend_alt_text(rows: pd.DataFrame, latest: pd.Series) -> str:
    """The overview's trend chart in words: the total from the first year drawn to the latest, the
    largest component, and the gaps that are missing data."""
    known = rows.dropna(subset=[HEADLINE])
    if known.empty:
        return _("Stacked area chart of the five components: no year in this range has a total.")
    first = known.iloc[0]
    parts = {name: latest[name] for name in PUBLISHED_PARTS if pd.notna(latest[name])}
    largest = max(parts, key=parts.get)
    text = _("Stacked area chart of the five components, with the total on UNHCR's basis as a dotted line. The total "
             "went from {first} in {first_year} to {last} in {last_year}; the largest part is {part} ({part_figure})."
             ).format(first=millions(first[HEADLINE]), first_year=int(first["year"]), last=millions(latest[HEADLINE]),
                      last_year=int(latest["year"]), part=_(PART_WORDS[largest]), part_figure=millions(latest[largest]))
    missing = sorted({part for cell in rows["components_missing"] for part in str(cell).split(";") if part})
    if missing:
        text += " " + _("Years without {parts} are missing data, not zero.").format(
            parts=", ".join(_(PART_WORDS[m]) for m in missing))
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
        return _("no IDP figure in this release")
    why = _why(first, as_released, published, None, IN_THE_RELEASE)
    return why if first["is_first"] else _("the earliest release held came a year after publication: {why}").format(
        why=why)


def reproduction(totals: pd.DataFrame, headlines: pd.DataFrame, releases: pd.DataFrame) -> pd.DataFrame:
    """Every published headline beside the same figure computed from the components on UNHCR's basis:
    from the earliest release held that had that period (exact) and from today's data, each with the
    causes of its difference from the published figure; UNHCR's note and the release's own note."""
    overlaps = totals.set_index("year")["gaza_overlap"]
    rows = []
    listed = headlines[headlines["forcibly_displaced_m"].notna()].sort_values(["year", "period"])
    for __, published in listed.iterrows():
        year, period = int(published["year"]), published["period"]
        first = first_release(releases, year, period)
        as_released = release_basis(first, overlaps) if first is not None else None
        now = row_for(totals, year)
        if now is not None and (now["period"] != period or pd.isna(now[HEADLINE])):
            now = None
        rows.append({
            "period": stored_period_label(published["period_label"]),
            "published_m": float(published["forcibly_displaced_m"]),
            "release": first["release"] if first is not None else _("none held"),
            "release_is_first": bool(first["is_first"]) if first is not None else False,
            "unhcr_basis_as_released": as_released,
            "why_as_released": _why_as_released(first, as_released, published),
            "unhcr_basis_now": float(now[HEADLINE]) if now is not None else None,
            "difference_now_m": (float(now[HEADLINE]) / 1e6 - float(published["forcibly_displaced_m"])
                                 if now is not None else None),
            "why_now": (_why(now, float(now[HEADLINE]), published, first, IN_THE_DATA_NOW) if now is not None
                        else _("today's data hold another period of this year")),
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
        raise ValueError(_("no figures up to {year}").format(year=until))
    start, end = row_for(rows, since), rows.iloc[-1]
    if start is None or since >= int(end["year"]):
        first, last = int(rows["year"].min()), int(end["year"])
        raise ValueError(_("no change since {since}: the data cover {first} to {last}").format(since=since, first=first,
                                                                                               last=last))
    change = float(end[column]) - float(start[column])
    return {"since": period_label(start["year"], start["period"]), "until": period_label(end["year"], end["period"]),
            "start": float(start[column]), "end": float(end[column]), "change": change,
            "change_pct": change / float(start[column]) * 100,
            "comparable": start["components_missing"] == end["components_missing"]}


WORLDWIDE = N_("people forcibly displaced worldwide (UNHCR's basis)")  # what change_sentence counts by default


def change_sentence(change: dict, noun: str | None = None) -> str:
    """The change from change_since in one sentence; `noun` (in the viewer's language) names what is counted."""
    figures = {"since": change["since"], "until": change["until"], "noun": noun or _(WORLDWIDE),
               "change": millions(abs(change["change"])), "percent": local_number(change['change_pct'], 1,
                                                                                  grouping=False, sign=True),
               "start": millions(change["start"]), "end": millions(change["end"])}
    if change["change"] > 0:
        text = _("From {since} to {until}, the number of {noun} rose by {change} ({percent}%), from {start} to {end}.")
    elif change["change"] < 0:
        text = _("From {since} to {until}, the number of {noun} fell by {change} ({percent}%), from {start} to {end}.")
    else:
        text = _("From {since} to {until}, the number of {noun} did not change by {change} ({percent}%), from {start} "
                 "to {end}.")
    text = text.format(**figures)
    if not change["comparable"]:
        text += " " + _("The two years do not hold the same components, so part of the change is a change of "
                        "coverage.")
    return text


def range_notes(totals: pd.DataFrame, headlines: pd.DataFrame, releases: pd.DataFrame, first: int,
                last: int) -> list[str]:
    """For a chart of years first..last with UNHCR's published figures on it: the latest year-end in the range
    compared with its published figure, and why the plain sum is higher where the range reaches end-2023."""
    rows = totals[(totals["year"] >= first) & (totals["year"] <= last)]
    both = [(row, published_for(headlines, int(row["year"]), row["period"])) for __, row in rows.iterrows()]
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


# The claim's words are messages: shown with _(SEED_CLAIM.text), _(SEED_CLAIM.source).
SEED_CLAIM = Claim(text=N_("some 110 million, growing by 10 million each year"),
                   source=N_("at the end of May 2023 (with Global Trends 2022, June 2023)"),
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
    rate = in_millions(claim.per_year / 1e6, 0)
    if grew.empty:
        text = _("Since {first}, the number forcibly displaced (UNHCR's basis) grew by {rate} or more in a year in no "
                 "year.")
    elif len(grew) == 1:
        text = _("Since {first}, the number forcibly displaced (UNHCR's basis) grew by {rate} or more in a year only "
                 "in {years}.")
    else:
        text = _("Since {first}, the number forcibly displaced (UNHCR's basis) grew by {rate} or more in a year in "
                 "{years}.")
    text = text.format(first=int(table["year"].min()), rate=rate, years=_years(grew) if len(grew) else "")
    after = table[table["claimed"].notna()]
    changes = [_("{period} {change} million").format(period=period_label(r["year"], r["period"]),
                                                     change=local_number(r['change'] / 1e6, 1, grouping=False,
                                                                         sign=True))
               for __, r in after.iterrows() if pd.notna(r["change"])]
    if changes:
        text += " " + _("Since the claim: {changes}.").format(changes="; ".join(changes))
    if len(after):
        text += " " + _claim_against_the_data(after.iloc[-1], claim, rate)
    return text


def _claim_against_the_data(last: pd.Series, claim: Claim, rate: str) -> str:
    """Where the claimed growth would have taken the figure by the latest period, beside the data."""
    figures = {"level": local_number(claim.value / 1e6, 0), "rate": rate, "claimed": millions(last["claimed"]),
               "period": period_label(last["year"], last["period"]), "value": millions(last["value"]),
               "gap": millions(abs(last["difference"]))}
    if last["difference"] < 0:
        return _("From {level} million at the end of May 2023, +{rate} a year would give {claimed} at {period}; the "
                 "data give {value} ({gap} less).").format(**figures)
    return _("From {level} million at the end of May 2023, +{rate} a year would give {claimed} at {period}; the data "
             "give {value} ({gap} more).").format(**figures)


def claim_rows(table: pd.DataFrame, since: int) -> pd.DataFrame:
    """claim_table from `since`, written for reading (millions, signed changes; blank where there is none)."""
    table = table[table["year"] >= since]

    def signed(value) -> str:
        return "" if pd.isna(value) else in_millions(value / 1e6, 1,
                                                                                        grouping=False, sign=True)

    return pd.DataFrame({
        _("Year"): table["year"].astype(int), _("Period"): table["period"],
        _("The data (UNHCR's basis)"): table["value"].map(millions),
        _("Change on the year before"): table["change"].map(signed),
        _("+10 million a year from May 2023 would give"): table["claimed"].map(
            lambda v: "" if pd.isna(v) else millions(v)),
        _("Data minus claim"): table["difference"].map(signed)})


def _years(rows: pd.DataFrame) -> str:
    return _listed([_("{year} ({change} million)").format(year=int(r["year"]),
                                                          change=local_number(r['change'] / 1e6, 1, grouping=False,
                                                                              sign=True))
                    for __, r in rows.iterrows()])


# --- the citation sentence and the key figures ----------------------------------------------------

def citation_sentence(row: pd.Series, cited: str) -> str:
    """The sentence to quote: the figure on UNHCR's basis, its period and definition, and its sources
    (`cited`: 'according to ...', country_stats.according_to)."""
    return _("{figure} people were forcibly displaced worldwide at {period} ({definition}), {cited}.").format(
        figure=millions(row[HEADLINE]), period=period_label(row["year"], row["period"]), definition=_(DEFINITION),
        cited=cited)


def key_figures(row: pd.Series, labels: dict[str, str] | None = None, order: list[str] = HEADLINE_ORDER
                ) -> pd.DataFrame:
    """The components, their plain sum, the overlap and the headline for one period, exact, missing as
    'no data' (never 0); each named by `labels` (by default the vocabulary's, in the viewer's language)."""
    names = [*order, PLAIN_SUM, "gaza_overlap", HEADLINE]
    named = [labels[n] if labels is not None else label(n) for n in names]
    return pd.DataFrame({period_label(row["year"], row["period"]): named, _("people"): [exact(row[n]) for n in names]})


# --- the Overview page's words ------------------------------------------------------------------------

TITLE = N_("How many people are forcibly displaced?")
SOURCE_LINE = N_("UNHCR Refugee Population Statistics Database; IDMC via UNHCR (CC BY 4.0)")
DOWNLOAD_TITLE = N_("Forcibly displaced people by type and year")
TREND_TITLE = N_("People forcibly displaced worldwide, by population type")
TREND_UNIT = N_("People (stock at the end of each year; the latest year may be mid-year). Dotted: the total on "
                "UNHCR's basis, the Gaza overlap counted once")
CLAIM_TITLE = N_("Yearly change in the number of forcibly displaced people")
CLAIM_UNIT = N_("People, change on the previous year (UNHCR's basis)")
CHANGE_SINCE_HELP = N_("The change in the number forcibly displaced (UNHCR's basis) from the end of that year to the "
                       "latest period.")
START_HELP = N_("IDMC's estimate of conflict IDPs starts in 1990; before it the sum is incomplete.")


@dataclass(frozen=True)
class Card:
    """A metric card's words and figures, in the viewer's language: label, figure, change (or None), help."""
    label: str
    value: str
    delta: str | None
    help: str


def _defined(name: str, value) -> str:
    return _("{definition} Exact figure: {figure}.").format(definition=definition(name), figure=exact(value))


def headline_cards(totals: pd.DataFrame, headlines: pd.DataFrame) -> list[Card]:
    """The latest figure on UNHCR's basis, UNHCR's published headline (for the same period, or the latest it
    has, labelled with its own date) and the plain sum of the five components."""
    latest = totals.iloc[-1]
    period = period_label(latest["year"], latest["period"])
    published = published_for(headlines, int(latest["year"]), latest["period"])
    shown = published if published is not None else latest_published(headlines)
    return [Card(_("Forcibly displaced, {period}").format(period=period), millions(latest[HEADLINE]), None,
                 _defined(HEADLINE, latest[HEADLINE])),
            Card(_("Published by UNHCR, {period}").format(period=stored_period_label(shown["period_label"])),
                 in_millions(shown['forcibly_displaced_m'], 1,
                                                                grouping=False), None,
                 _("UNHCR's headline as first published (Global Trends, Mid-Year Trends); never revised.")),
            Card(_("Sum of the five components, {period}").format(period=period), millions(latest[PLAIN_SUM]), None,
                 _defined(PLAIN_SUM, latest[PLAIN_SUM]))]


def change_cards(totals: pd.DataFrame) -> list[Card | None]:
    """The total's change on the year before (None when the two years do not hold the same components), then
    each component with its own change."""
    latest, change = totals.iloc[-1], yearly_change(totals).iloc[-1]
    year = int(latest["year"])
    cards = [Card(_("Change on {year}").format(year=year - 1),
                  _("{value} M").format(value=local_number(change['change'] / 1e6, 1, grouping=False,
                                                           sign=True)), f"{change['change_pct']:+.1f}%",
                  _("Forcibly displaced on UNHCR's basis, change on the year before."))
             if pd.notna(change["change"]) else None]
    previous = totals[totals["year"] == year - 1]
    for name in HEADLINE_ORDER:
        before = None if previous.empty else previous[name].iloc[0]
        delta = (None if before is None or pd.isna(before)
                 else _("{value} M").format(value=local_number((latest[name] - before) / 1e6, 2, grouping=False,
                                                               sign=True)))
        cards.append(Card(short_label(name), short_millions(latest[name]), delta, _defined(name, latest[name])))
    return cards


def change_since_choices(first: int, last: int) -> tuple[list[int], int]:
    """The years a change can be counted from, latest first, and the default's place: five years back."""
    choices = list(range(last - 1, first - 1, -1))
    return choices, choices.index(max(first, last - 5)) if choices else 0


def scale_sentence(totals: pd.DataFrame, population: pd.DataFrame, names: dict[str, str]) -> str:
    """The latest total beside a country's population, and the latest year's change as people a day; empty
    when neither comparison holds."""
    latest, change = totals.iloc[-1], yearly_change(totals).iloc[-1]["change"]
    year = int(latest["year"])
    comparison = relatable.as_many_as(latest[HEADLINE], population, names, year)
    daily = relatable.per_day(change, 365)
    sentences = []
    if comparison:
        sentences.append(_("{figure} people is {comparison}.").format(figure=millions(latest[HEADLINE]),
                                                                      comparison=comparison))
    if daily:
        moved = _("In {year} the total fell by {daily}.") if change < 0 else _("In {year} the total rose by {daily}.")
        sentences.append(moved.format(year=year, daily=daily))
    return " ".join(sentences)


def claim_heading(claim: Claim = SEED_CLAIM) -> str:
    return _("“{claim}”?").format(claim=_(claim.text).capitalize())


def claim_paragraph(table: pd.DataFrame, claim: Claim = SEED_CLAIM) -> str:
    """What was claimed, when, and the check (claim_verdict)."""
    return _("UNHCR estimated **{claim}** {when}. {verdict}").format(claim=_(claim.text), when=_(claim.source),
                                                                     verdict=claim_verdict(table, claim))


def claim_alt_text(table: pd.DataFrame) -> str:
    return _("Bar chart of the yearly change since {year}. {verdict}").format(year=int(table["year"].min()),
                                                                              verdict=claim_verdict(table))


def cited_headline(totals: pd.DataFrame, manifest: dict) -> str:
    """The sentence to cite for the latest period, its sources from the population release's manifest."""
    return citation_sentence(totals.iloc[-1], according_to([(_(SOURCE_WORDS), manifest)]))


def brief_notes(totals: pd.DataFrame) -> tuple[str, ...]:
    """The notes a brief of the headline carries: why the plain sum is higher, and the claim checked."""
    return tuple(note for note in (overlap_sentence(totals.iloc[-1]), claim_verdict(claim_table(totals))) if note)
