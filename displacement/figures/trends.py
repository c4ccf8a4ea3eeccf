"""The world's headline components, their totals and stateless people over time (no Streamlit): people,
shares of the sum, changes on the year, and UNHCR's published figures beside them, never merged.

Missing is never zero: a world total of exactly 0 is a figure UNHCR did not collect that year.
"""

from __future__ import annotations

import pandas as pd

from displacement.figures.headline import DEFINITION
from displacement.formatting import according_to, millions, period_date, period_label, sentence_case
from displacement.storage.datasets import HEADLINE_COMPONENTS

TREND_SERIES = [*HEADLINE_COMPONENTS, "forcibly_displaced_unhcr_basis", "forcibly_displaced", "stateless"]
TOTALS = ("forcibly_displaced_unhcr_basis", "forcibly_displaced")  # the headline and the plain sum
# Published headline columns (millions, as published) for each series.
PUBLISHED_COLUMNS = {
    "forcibly_displaced_unhcr_basis": "forcibly_displaced_m",  # UNHCR publishes its headline on its basis
    "refugees": "refugees_m",
    "palestine_refugees": "palestine_refugees_m",
    "asylum_seekers": "asylum_seekers_m",
    "oip": "oip_m",
    "idps_conflict": "idps_conflict_m",
    "stateless": "stateless_m",
}
# Years before this have no conflict-IDP estimate, so a share of the total would be a share of an
# incomplete total.
FIRST_COMPLETE_SHARE_YEAR = 1990


def trend_values(totals: pd.DataFrame, series: list[str], first: int, last: int, measure: str) -> pd.DataFrame:
    """One row per year in [first, last]: year, period, date and one column per series.

    measure: "people" (stocks as published in the data), "share" (% of the forcibly displaced
    total; only the five components, only from 1990 when every component but OIP exists), or
    "change" (change on the previous year-end; missing unless both year-ends have the figure).
    """
    table = blank_uncollected(totals.sort_values("year").reset_index(drop=True), series)
    out = table[["year", "period"]].copy()
    for name in series:
        values = table[name].astype("Float64")
        if measure == "share":
            if name not in HEADLINE_COMPONENTS:
                continue
            total = table["forcibly_displaced"].astype("Float64")
            share = values / total * 100
            share[table["year"] < FIRST_COMPLETE_SHARE_YEAR] = pd.NA
            out[name] = share
        elif measure == "change":
            out[name] = _change(table, name)
        else:
            out[name] = values
    out["date"] = [period_date(y, p) for y, p in zip(out["year"], out["period"])]
    return out[(out["year"] >= first) & (out["year"] <= last)].reset_index(drop=True)


def uncollected_years(totals: pd.DataFrame, series: list[str]) -> dict[str, tuple[int, int]]:
    """Series whose world total is exactly 0 in some years: UNHCR's database holds 0 where a figure
    was not collected (asylum-seekers before 1993, stateless people before 2004). Returns
    {series: (first year, last year)} of those years."""
    out = {}
    for name in series:
        if name not in totals or name in TOTALS:
            continue
        zero = totals.loc[totals[name].astype("Float64").fillna(-1) == 0, "year"]
        if len(zero):
            out[name] = (int(zero.min()), int(zero.max()))
    return out


def blank_uncollected(totals: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """A world total of exactly 0 means 'not collected', never 'nobody': make it missing."""
    table = totals.copy()
    for name in uncollected_years(table, series):
        column = table[name].astype("Float64")
        table[name] = column.mask(column == 0)
    return table


def _change(table: pd.DataFrame, name: str) -> pd.Series:
    """Change on the previous year-end: only between consecutive end-year figures, and for the total
    only where the same components are present in both years (a new component is not growth)."""
    values = table[name].astype("Float64")
    change = values.diff()
    comparable = (table["year"].diff() == 1) & (table["period"] == "end-year") & (table["period"].shift() == "end-year")
    if name in TOTALS:
        comparable &= table["components_missing"] == table["components_missing"].shift()
    change[~comparable.fillna(False).astype(bool)] = pd.NA
    return change


def published_points(headlines: pd.DataFrame, series: list[str], first: int, last: int) -> pd.DataFrame:
    """UNHCR's published headline figures for the chosen series, in people, one row per figure:
    series, year, period, period_label, date, value, value_m (as published), notes, sources."""
    rows = []
    chosen = headlines[(headlines["year"] >= first) & (headlines["year"] <= last)]
    for name in series:
        column = PUBLISHED_COLUMNS.get(name)
        if column is None or column not in chosen:
            continue
        for _, row in chosen[chosen[column].notna()].iterrows():
            rows.append({"series": name, "year": int(row["year"]), "period": row["period"],
                         "period_label": row["period_label"], "date": period_date(row["year"], row["period"]),
                         "value_m": float(row[column]), "value": float(row[column]) * 1_000_000,
                         "notes": row.get("notes"), "sources": row.get("sources")})
    columns = ["series", "year", "period", "period_label", "date", "value_m", "value", "notes", "sources"]
    return pd.DataFrame(rows, columns=columns)


# --- the words of the Trends view --------------------------------------------------------------------

# Each series in a sentence: what it counts (the citation sentence names its definition).
WORDS = {
    "refugees": ("refugees under UNHCR's mandate worldwide", "including people in refugee-like situations"),
    "palestine_refugees": ("Palestine refugees under UNRWA's mandate", "registered with UNRWA"),
    "asylum_seekers": ("asylum-seekers worldwide", "people whose claim for international protection was not yet "
                                                   "decided"),
    "oip": ("other people in need of international protection worldwide",
            "outside their country but not reported as refugees or asylum-seekers"),
    "idps_conflict": ("people internally displaced by conflict and violence worldwide", "IDMC's estimate"),
    "forcibly_displaced_unhcr_basis": ("people forcibly displaced worldwide", DEFINITION),
    "forcibly_displaced": ("people counted in the sum of the five components worldwide",
                           "the plain sum, which counts twice the Palestine refugees also displaced inside Gaza"),
    "stateless": ("stateless people reported to UNHCR", "a partial count, reported beside the headline"),
}
CHART_TITLES = {"people": "Forcibly displaced people, by type", "share": "Share of the forcibly displaced total",
                "change": "Change on the previous year, by type"}
CHART_UNITS = {"people": "People worldwide (stock at the end of each year)",
               "share": "% of the sum of the five components", "change": "People, change on the previous year-end"}
CHART_KINDS = {"people": "Line chart of people", "share": "Line chart of shares of the total",
               "change": "Line chart of the change on the previous year"}
KEY_UNITS = {"people": "people", "share": "% of the forcibly displaced total",
             "change": "change on the year-end before"}
TABLE_UNITS = {"people": "people", "pct_of_sum": "% of the sum", "change_on_year": "change on the year"}
MEASURE_SUFFIX = {"people": "people", "share": "pct_of_sum", "change": "change_on_year"}


def value_text(value, measure: str) -> str:
    if measure == "share":
        return f"{value:.1f}%"
    if measure == "change":
        return f"{value / 1e6:+.2f} million" if abs(value) >= 1e6 else f"{value:+,.0f}"
    return millions(value)


def cell_text(value, measure: str) -> str:
    """A figure for the key-figures table: exact, signed for a change, missing as 'no data'."""
    if value is None or pd.isna(value):
        return "no data"
    if measure == "share":
        return f"{value:.1f}%"
    return f"{value:+,.0f}" if measure == "change" else f"{int(value):,}"


def chart_unit(measure: str, log: bool, latest: pd.Series) -> str:
    unit = CHART_UNITS[measure] + (" · log scale" if log else "")
    if latest["period"] == "mid-year":
        unit += f"; {period_label(latest['year'], latest['period'])} is a mid-year figure"
    return unit


def alt_text(values: pd.DataFrame, series: list[str], measure: str, first: int, last: int, labels: dict[str, str],
             published: pd.DataFrame | None = None) -> str:
    """The chart in words: each series' first and last figure in the range, and the latest published one."""
    parts = []
    for name in series:
        known = values[values[name].notna()]
        if known.empty:
            parts.append(f"{labels[name]}: no figures in this range")
            continue
        start, end = known.iloc[0], known.iloc[-1]
        parts.append(f"{labels[name]} {value_text(start[name], measure)} in {int(start['year'])}, "
                     f"{value_text(end[name], measure)} in {int(end['year'])}")
    text = f"{CHART_KINDS[measure]}, {first}–{last}. " + "; ".join(parts) + "."
    if published is not None and not published.empty:
        row = published.sort_values("date").iloc[-1]
        text += (f" Diamonds mark figures published by UNHCR, the latest {row['value_m']:.1f} million "
                 f"for {row['period_label']}.")
    return text


def uncollected_notes(totals: pd.DataFrame, series: list[str], first: int, last: int,
                      labels: dict[str, str]) -> list[str]:
    """Why a series has no line in some years: UNHCR's database holds 0 where a figure was not collected."""
    notes = []
    for name, (start, end) in uncollected_years(totals, series).items():
        start, end = max(start, first), min(end, last)
        if start <= end:
            years = str(start) if start == end else f"{start}–{end}"
            what = labels[name][0].lower() + labels[name][1:]
            notes.append(f"UNHCR's database holds 0 for {what} worldwide in {years}: the figure was not "
                         "collected then, so those years are left empty rather than drawn as zero.")
    return notes


def citation_sentence(values: pd.DataFrame, name: str, measure: str, manifest: dict) -> str | None:
    """One citation-ready sentence on the view's key series: its latest figure in the range, the period,
    what it counts and the source; None when the range holds no figure."""
    known = values[values[name].notna()]
    if known.empty:
        return None
    start, end = known.iloc[0], known.iloc[-1]
    noun, definition = WORDS[name]
    when, since = period_label(end["year"], end["period"]), period_label(start["year"], start["period"])
    cited = according_to([(("UNHCR's Refugee Population Statistics Database" if name == "stateless" else
                            "UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via UNHCR"),
                           manifest)])
    if measure == "share":
        return (f"{sentence_case(noun)} ({definition}) were {end[name]:.1f}% of the forcibly displaced total at "
                f"{when}, against {start[name]:.1f}% at {since} (the total is the sum of the five components), "
                f"{cited}.")
    if measure == "change":
        moved = "rose" if end[name] >= 0 else "fell"
        return (f"The number of {noun} ({definition}) {moved} by {value_text(abs(end[name]), 'people')} in the year "
                f"to {when} (change in the stock on the previous year-end), {cited}.")
    if start["year"] == end["year"]:
        return f"There were {millions(end[name])} {noun} at {when} ({definition}; a stock), {cited}."
    trend = "up from" if end[name] > start[name] else "down from" if end[name] < start[name] else "as at"
    return (f"There were {millions(end[name])} {noun} at {when} ({definition}; a stock at the end of the "
            f"period), {trend} {millions(start[name])} at {since}, {cited}.")


def key_figures(frames: list[tuple[pd.DataFrame | None, list[str], str]], measure: str,
                labels: dict[str, str]) -> pd.DataFrame:
    """The view's figures at the start and end of its year range, one row per series drawn; `frames` holds
    (values, series, their measure) for the main chart and the stateless chart."""
    rows, columns = [], None
    for frame, names, shown in frames:
        if frame is None or not names:
            continue
        ends = [frame.iloc[0], frame.iloc[-1]] if len(frame) > 1 else [frame.iloc[-1]]
        columns = columns or ["Population type"] + [period_label(r["year"], r["period"]) for r in ends]
        for name in names:
            unit = "" if measure == "people" else f", {KEY_UNITS[shown]}"
            rows.append([labels[name] + unit, *[cell_text(r[name], shown) for r in ends]][:len(columns)])
    frame = pd.DataFrame(rows, columns=columns or ["Population type", "value"])
    return frame.rename(columns={"Population type": "Population type (people)"}) if measure == "people" else frame


def table_of(values: pd.DataFrame | None, stateless: pd.DataFrame | None, measure: str) -> pd.DataFrame | None:
    """The figures shown, one row per year, each column named for its series and measure
    (`refugees_people`, `oip_pct_of_sum`...), as the table and its download give them."""
    frames = []
    if values is not None:
        frames.append(values.drop(columns="date").rename(
            columns={n: f"{n}_{MEASURE_SUFFIX[measure]}" for n in TREND_SERIES if n in values}))
    if stateless is not None:
        frames.append(stateless.drop(columns="date").rename(columns={"stateless": "stateless_people"}))
    if not frames:
        return None
    return frames[0] if len(frames) == 1 else frames[0].merge(frames[1], on=["year", "period"], how="outer")


def share_notes(published: bool, measure: str) -> tuple[str, ...]:
    notes = ["The forcibly displaced total is UNHCR's: the five components with the Palestine refugees also displaced "
             "inside Gaza counted once. Stateless people are reported beside it, never inside it. Missing figures are "
             "left empty, never counted as zero."]
    if published and measure == "people":
        notes.append("Figures published by UNHCR are drawn as separate markers; they differ from today's data where "
                     "back years were revised since (Sources and methods reproduces each one).")
    return tuple(notes)
