"""The world's headline components, their totals and stateless people over time (no Streamlit): people,
shares of the sum, changes on the year, and UNHCR's published figures beside them, never merged; and the
Trends page's words (its notes, sentences, alt texts, table headings and brief), through the text layer.

Missing is never zero: a world total of exactly 0 is a figure UNHCR did not collect that year.
"""

from __future__ import annotations

import pandas as pd

from displacement.figures.headline import DEFINITION, SOURCE_WORDS, change_sentence, change_since, range_notes
from displacement.formatting import (
    according_to,
    in_millions,
    local_number,
    millions,
    missing_text,
    period_date,
    period_label,
    sentence_case,
    stored_period_label,
)
from displacement.storage.datasets import HEADLINE_COMPONENTS
from displacement.text import N_, _
from displacement.vocabulary import LABELS, UNHCR_SOURCE_LINE, label, short_label

TREND_SERIES = [*HEADLINE_COMPONENTS, "forcibly_displaced_unhcr_basis", "forcibly_displaced", "stateless"]
TOTAL = "forcibly_displaced_unhcr_basis"  # the headline: the figure to quote
TOTALS = (TOTAL, "forcibly_displaced")  # the headline and the plain sum
DEFAULT_SERIES = [name for name in TREND_SERIES if name not in ("stateless", "forcibly_displaced")]
SOURCES = ["population", "unrwa", "idmc"]
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
        for __, row in chosen[chosen[column].notna()].iterrows():
            rows.append({"series": name, "year": int(row["year"]), "period": row["period"],
                         "period_label": row["period_label"], "date": period_date(row["year"], row["period"]),
                         "value_m": float(row[column]), "value": float(row[column]) * 1_000_000,
                         "notes": row.get("notes"), "sources": row.get("sources")})
    columns = ["series", "year", "period", "period_label", "date", "value_m", "value", "notes", "sources"]
    return pd.DataFrame(rows, columns=columns)


# --- the words of the Trends view --------------------------------------------------------------------

TITLE = N_("How has forced displacement changed over time?")
INTRO = N_("Stocks at the end of each year. The forcibly displaced total is UNHCR's: its five components with the "
           "Palestine refugees also displaced inside Gaza counted once; stateless people are reported beside it, "
           "never inside it.")
SOURCE_LINE = N_("UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)")
STATELESS_SOURCE_LINE = UNHCR_SOURCE_LINE
STATELESS_SOURCE_WORDS = N_("UNHCR's Refugee Population Statistics Database")  # cited for stateless people alone
# The link's values, compared as written (English); a reader sees them through _().
MEASURES = [N_("people"), N_("share"), N_("change")]
SCALES = [N_("linear"), N_("log")]
HELP = {
    "types": N_("Stateless people are drawn in a separate chart: they are reported beside the headline, not inside "
                "it."),
    "measure": N_("people: the number of people at the end of each year (a stock). share: each component as a % of "
                  "the sum of the five components (from 1990, when IDMC's estimate starts). change: the change on the "
                  "previous year-end, in people."),
    "scale": N_("A log scale shows growth rates: equal steps are equal % changes."),
    "published": N_("UNHCR's headline figures as first published (Global Trends, Mid-Year Trends), drawn as separate "
                    "markers: they are not part of the series."),
}
YEARS_NOTICE = N_("Link parameter “years” needs two years (a start and an end): showing the default range.")
LOG_CHANGE_NOTICE = N_("A log scale cannot show decreases, so the change on the year is drawn on a linear scale.")
CRISES_CAPTION = N_("Curated context written by the dashboard team, not part of the data. Points on the chart are "
                    "stocks at 31 December, so a crisis shows up in the figure for the year it began at the earliest.")
TABLE_CAPTION = N_("“–” marks a missing figure (not collected or not applicable), never zero. The download keeps "
                   "these columns under their data names.")
DOWNLOAD_TITLE = N_("Forcibly displaced people by type and year (Trends page)")

# Each series in a sentence: what it counts (the citation sentence names its definition).
WORDS = {
    "refugees": (N_("refugees under UNHCR's mandate worldwide"), N_("including people in refugee-like situations")),
    "palestine_refugees": (N_("Palestine refugees under UNRWA's mandate"), N_("registered with UNRWA")),
    "asylum_seekers": (N_("asylum-seekers worldwide"),
                       N_("people whose claim for international protection was not yet decided")),
    "oip": (N_("other people in need of international protection worldwide"),
            N_("outside their country but not reported as refugees or asylum-seekers")),
    "idps_conflict": (N_("people internally displaced by conflict and violence worldwide"), N_("IDMC's estimate")),
    "forcibly_displaced_unhcr_basis": (N_("people forcibly displaced worldwide"), DEFINITION),
    "forcibly_displaced": (N_("people counted in the sum of the five components worldwide"),
                           N_("the plain sum, which counts twice the Palestine refugees also displaced inside Gaza")),
    "stateless": (N_("stateless people reported to UNHCR"), N_("a partial count, reported beside the headline")),
}
CHART_TITLES = {"people": N_("Forcibly displaced people, by type"),
                "share": N_("Share of the forcibly displaced total"),
                "change": N_("Change on the previous year, by type")}
CHART_UNITS = {"people": N_("People worldwide (stock at the end of each year)"),
               "share": N_("% of the sum of the five components"),
               "change": N_("People, change on the previous year-end")}
CHART_KINDS = {"people": N_("Line chart of people"), "share": N_("Line chart of shares of the total"),
               "change": N_("Line chart of the change on the previous year")}
KEY_UNITS = {"people": N_("people"), "share": N_("% of the forcibly displaced total"),
             "change": N_("change on the year-end before")}
TABLE_UNITS = {"people": N_("people"), "pct_of_sum": N_("% of the sum"), "change_on_year": N_("change on the year")}
MEASURE_SUFFIX = {"people": "people", "share": "pct_of_sum", "change": "change_on_year"}


def chart_title(measure: str) -> str:
    return _(CHART_TITLES[measure])


def value_text(value, measure: str) -> str:
    if measure == "share":
        return f"{value:.1f}%"
    if measure == "change":
        if abs(value) >= 1e6:
            return in_millions(value / 1e6, 2, grouping=False, sign=True)
        return local_number(value, 0, sign=True)
    return millions(value)


def cell_text(value, measure: str) -> str:
    """A figure for the key-figures table: exact, signed for a change, missing as 'no data'."""
    if value is None or pd.isna(value):
        return missing_text()
    if measure == "share":
        return f"{value:.1f}%"
    return local_number(value, 0, sign=True) if measure == "change" else local_number(int(value))


def _on_log_scale(unit: str, log: bool) -> str:
    return f"{unit} · {_('log scale')}" if log else unit


def chart_unit(measure: str, log: bool, latest: pd.Series) -> str:
    unit = _on_log_scale(_(CHART_UNITS[measure]), log)
    if latest["period"] == "mid-year":
        unit += "; " + _("{period} is a mid-year figure").format(period=period_label(latest["year"], latest["period"]))
    return unit


def stateless_unit(log: bool) -> str:
    return _on_log_scale(_("People (stock at the end of each year; a partial count)"), log)


def alt_text(values: pd.DataFrame, series: list[str], measure: str, first: int, last: int,
             published: pd.DataFrame | None = None) -> str:
    """The chart in words: each series' first and last figure in the range, and the latest published one."""
    parts = []
    for name in series:
        known = values[values[name].notna()]
        if known.empty:
            parts.append(_("{series}: no figures in this range").format(series=short_label(name)))
            continue
        start, end = known.iloc[0], known.iloc[-1]
        parts.append(_("{series} {first_figure} in {first_year}, {last_figure} in {last_year}").format(
            series=short_label(name), first_figure=value_text(start[name], measure), first_year=int(start["year"]),
            last_figure=value_text(end[name], measure), last_year=int(end["year"])))
    text = _("{kind}, {first}–{last}. {series}.").format(kind=_(CHART_KINDS[measure]), first=first, last=last,
                                                         series="; ".join(parts))
    if published is not None and not published.empty:
        row = published.sort_values("date").iloc[-1]
        text += " " + _("Diamonds mark figures published by UNHCR, the latest {figure} million for {period}.").format(
            figure=local_number(row['value_m'], 1, grouping=False), period=stored_period_label(row["period_label"]))
    return text


def stateless_alt_text(known: pd.DataFrame) -> str:
    """The stateless chart in words: the first and last figure drawn (`known`: the years with a figure)."""
    start, end = known.iloc[0], known.iloc[-1]
    return _("Line chart. Stateless people reported to UNHCR: {first_figure} in {first_year}, {last_figure} in "
             "{last_year}. Not part of the forcibly displaced total; UNHCR estimates the real number is higher."
             ).format(first_figure=millions(start["stateless"]), first_year=int(start["year"]),
                      last_figure=millions(end["stateless"]), last_year=int(end["year"]))


def uncollected_notes(totals: pd.DataFrame, series: list[str], first: int, last: int) -> list[str]:
    """Why a series has no line in some years: UNHCR's database holds 0 where a figure was not collected."""
    notes = []
    for name, (start, end) in uncollected_years(totals, series).items():
        start, end = max(start, first), min(end, last)
        if start <= end:
            years = str(start) if start == end else f"{start}–{end}"
            named = label(name)
            notes.append(_("UNHCR's database holds 0 for {series} worldwide in {years}: the figure was not collected "
                           "then, so those years are left empty rather than drawn as zero.").format(
                series=named[0].lower() + named[1:], years=years))
    return notes


def drawable(chosen: list[str], first: int, measure: str) -> tuple[list[str], list[str], str | None]:
    """The series the main chart draws, the notes on why a chosen one is left out, and the message to show
    instead of the chart when nothing is chosen."""
    series, notes = [n for n in chosen if n != "stateless"], []
    if measure == "share":
        if any(n in TOTALS for n in series):
            notes.append(_("The share view shows the five components as a % of their sum, so the totals are not "
                           "drawn."))
        if first < FIRST_COMPLETE_SHARE_YEAR:
            notes.append(_("Shares start in {year}: before it there is no estimate of conflict IDPs, so the total is "
                           "incomplete. Earlier years are left empty, not zero.").format(
                year=FIRST_COMPLETE_SHARE_YEAR))
        series = [n for n in series if n not in TOTALS]
    nothing = not series and "stateless" not in chosen
    return series, notes, _("Choose at least one population type to draw the chart.") if nothing else None


def chart_plan(totals: pd.DataFrame, chosen: list[str], first: int, last: int, measure: str,
               scale: str) -> tuple[list[str], pd.DataFrame | None, bool, list[str], list[str]]:
    """What the main chart draws: its series, their values (None: no chart), whether on a log scale, the
    captions on what is left out and the notices shown instead of the chart or about its scale."""
    series, captions, nothing = drawable(chosen, first, measure)
    values = trend_values(totals, series, first, last, measure) if series else None
    if values is None or values[series].isna().all().all():
        empty = _("No figures for the chosen population types between {first} and {last}. Missing figures are not "
                  "zero: try a wider year range.").format(first=first, last=last) if series else nothing
        return series, None, False, captions, [empty] if empty else []
    notices = [_(LOG_CHANGE_NOTICE)] if scale == "log" and measure == "change" else []
    return series, values, scale == "log" and measure != "change", captions, notices


def chart_notes(totals: pd.DataFrame, series: list[str], first: int, last: int, measure: str, published: bool,
                published_total: bool, published_data) -> list[str]:
    """The notes under the main chart: years not collected, published figures left out of a share or a change,
    and (`published_total`: the published total is drawn) the latest published total compared with the data.
    `published_data()`: the published headlines and the release history, read only when needed."""
    notes = uncollected_notes(totals, series, first, last)
    if published and measure != "people":
        notes.append(_("UNHCR's published figures are shown with the number of people only."))
    if published_total:
        notes += range_notes(totals, *published_data(), first, last)
    return notes


def change_text(totals: pd.DataFrame, chosen: list[str], first: int, last: int) -> str | None:
    """The change over the chosen years, in people and %, for the total (or the first series chosen); None
    when the range has no figure at its start (the chart says what is missing)."""
    name = TOTAL if TOTAL in chosen else next(iter(chosen), None)
    try:
        change = change_since(totals, first, name, until=last) if name else None
    except ValueError:
        return None
    return change_sentence(change, _(WORDS[name][0])) if change else None


def table_headings(columns: list[str]) -> dict[str, tuple[str, str, str]]:
    """For each figure column of the table (`refugees_people`...): its heading, its help (the full label) and
    its number format; the download keeps the data names."""
    headings = {}
    for column in columns:
        for suffix, words in TABLE_UNITS.items():
            name = column.removesuffix(f"_{suffix}")
            if name != column and name in LABELS:
                headings[column] = (f"{short_label(name)} ({_(words)})", label(name),
                                    "%.1f%%" if suffix == "pct_of_sum" else "localized")
    return headings


def _cited(name: str, manifest: dict) -> str:
    return according_to([(_(STATELESS_SOURCE_WORDS if name == "stateless" else SOURCE_WORDS), manifest)])


def citation_sentence(values: pd.DataFrame, name: str, measure: str, manifest: dict) -> str | None:
    """One citation-ready sentence on the view's key series: its latest figure in the range, the period,
    what it counts and the source; None when the range holds no figure."""
    known = values[values[name].notna()]
    if known.empty:
        return None
    start, end = known.iloc[0], known.iloc[-1]
    noun, definition = (_(words) for words in WORDS[name])
    parts = {"noun": noun, "definition": definition, "when": period_label(end["year"], end["period"]),
             "since": period_label(start["year"], start["period"]), "cited": _cited(name, manifest)}
    if measure == "share":
        return _("{noun} ({definition}) were {last}% of the forcibly displaced total at {when}, against {first}% at "
                 "{since} (the total is the sum of the five components), {cited}.").format(
            last=local_number(end[name], 1, grouping=False), first=local_number(start[name], 1, grouping=False),
            **{**parts, "noun": sentence_case(noun)})
    if measure == "change":
        moved = (_("The number of {noun} ({definition}) rose by {change} in the year to {when} (change in the stock on "
                   "the previous year-end), {cited}.") if end[name] >= 0 else
                 _("The number of {noun} ({definition}) fell by {change} in the year to {when} (change in the stock on "
                   "the previous year-end), {cited}."))
        return moved.format(change=value_text(abs(end[name]), "people"), **parts)
    if start["year"] == end["year"]:
        return _("There were {figure} {noun} at {when} ({definition}; a stock), {cited}.").format(
            figure=millions(end[name]), **parts)
    return _stock_sentence(start[name], end[name], parts)


def _stock_sentence(start: float, end: float, parts: dict) -> str:
    """The stock at the end of the range, with where it came from."""
    if end > start:
        text = _("There were {figure} {noun} at {when} ({definition}; a stock at the end of the period), up from "
                 "{first} at {since}, {cited}.")
    elif end < start:
        text = _("There were {figure} {noun} at {when} ({definition}; a stock at the end of the period), down from "
                 "{first} at {since}, {cited}.")
    else:
        text = _("There were {figure} {noun} at {when} ({definition}; a stock at the end of the period), as at "
                 "{first} at {since}, {cited}.")
    return text.format(figure=millions(end), first=millions(start), **parts)


def key_figures(frames: list[tuple[pd.DataFrame | None, list[str], str]], measure: str) -> pd.DataFrame:
    """The view's figures at the start and end of its year range, one row per series drawn; `frames` holds
    (values, series, their measure) for the main chart and the stateless chart."""
    heading = _("Population type (people)") if measure == "people" else _("Population type")
    rows, columns = [], None
    for frame, names, shown in frames:
        if frame is None or not names:
            continue
        ends = [frame.iloc[0], frame.iloc[-1]] if len(frame) > 1 else [frame.iloc[-1]]
        columns = columns or [heading] + [period_label(r["year"], r["period"]) for r in ends]
        for name in names:
            unit = "" if measure == "people" else f", {_(KEY_UNITS[shown])}"
            rows.append([label(name) + unit, *[cell_text(r[name], shown) for r in ends]][:len(columns)])
    return pd.DataFrame(rows, columns=columns or [heading, _("value")])


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


def brief(values: pd.DataFrame | None, stateless: pd.DataFrame | None, measure: str,
          manifest: dict) -> tuple[str | None, pd.DataFrame]:
    """The sentence to cite (on the total if drawn, else the first series drawn, else stateless people) and
    the key figures of the view, for its share bar."""
    drawn = [n for n in TREND_SERIES if values is not None and n in values]
    key = TOTAL if TOTAL in drawn else drawn[0] if drawn else "stateless" if stateless is not None else None
    if key is None:
        headline = None
    elif key == "stateless":
        headline = citation_sentence(stateless, key, "people", manifest)
    else:
        headline = citation_sentence(values, key, measure, manifest)
    figures = key_figures([(values, [n for n in drawn if n != "stateless"], measure),
                           (stateless, ["stateless"] if stateless is not None else [], "people")], measure)
    return headline, figures


def share_sources(published: bool, measure: str) -> list[str]:
    """The sources a brief of the view names: the published headlines only when they are drawn."""
    return SOURCES + (["published-headlines"] if published and measure == "people" else [])


def share_notes(published: bool, measure: str) -> tuple[str, ...]:
    notes = [_("The forcibly displaced total is UNHCR's: the five components with the Palestine refugees also "
               "displaced inside Gaza counted once. Stateless people are reported beside it, never inside it. Missing "
               "figures are left empty, never counted as zero.")]
    if published and measure == "people":
        notes.append(_("Figures published by UNHCR are drawn as separate markers; they differ from today's data where "
                       "back years were revised since (Sources and methods reproduces each one)."))
    return tuple(notes)
