"""The Returns page's words: intro, caveats, headings, table columns, sentences, key figures and alt texts (no
Streamlit). Country names come from the data and are returned as plain text: the page escapes them for Markdown.

The constants are messages (marked with `N_`), translated where they are shown with `_()`; the functions give
their words in the viewer's language (displacement/text.py)."""

from __future__ import annotations

import pandas as pd

from displacement.figures import return_scenarios as rs
from displacement.figures import returns
from displacement.formatting import according_to, exact, millions
from displacement.text import N_, _, ngettext
from displacement.vocabulary import UNHCR_SOURCE_LINE

TITLE = N_("Return after conflict")
INTRO = N_("What UNHCR's data say about refugees going home after past peace agreements, ceasefires and changes "
           "of government, and what that history would mean for a country today if returns followed the same "
           "pattern.")
CAVEATS = N_(
    "**How to read this page**\n"
    "- **History is data; scenarios are not.** The first part shows UNHCR's recorded returns after past turning "
    "points. The second applies those patterns to a country today: arithmetic on history, labelled "
    "*Scenario, not data*, never an official figure or a forecast.\n"
    "- **Years since the event:** year 1 is the event's own year if it fell before 1 July, else the next year; "
    "shares are of the refugee stock at the end of the year before year 1.\n"
    "- **Returns are a flow, the stock a count at 31 December.** Shares above 100% happen (people who fled "
    "after the count, or counted where no stock was reported); the stock also moves by new flight, births, "
    "naturalisation and recounts.\n"
    "- **A gap is a missing figure, not zero;** years after the latest data are *not yet*.\n"
    "- **The turning points are context** chosen by the dashboard team, each with its source (see the table).")
NOTES = (N_("Scenarios apply past episodes' yearly returns, as shares of their own refugee stock, to the chosen "
            "country's refugee stock: they are not forecasts or official figures."),
         N_("Returns are UNHCR's recorded returned refugees by origin (a flow); a missing year is a gap, never "
            "zero."))
SOURCE = UNHCR_SOURCE_LINE
SOURCE_IDS = ["solutions", "population"]
POPULATION_SOURCE = N_("UNHCR's population statistics")  # the base figure's source, named in the headline
HISTORY_TITLE = N_("Refugee returns after peace agreements, ceasefires and changes of government")
HISTORY_UNIT = N_("Cumulative returned refugees, % of the refugee stock at the end of the year before year 1, by "
                  "years since the event (1 = first counted year)")
EPISODE_CAPTION = N_("Empty cells are missing figures, never zero. 'Share of base stock' adds the years that have "
                     "a figure; the chart's line stops at the first year without one.")
HISTORY_DOWNLOAD = N_("Refugee and IDP returns after past turning points (UNHCR; turning points curated by the "
                      "dashboard team)")
ANALOGUE_HELP = N_("Fast, typical and slow: the episodes with all five years recorded and the highest, median "
                   "and lowest five-year share.")
SCENARIO_UNIT = N_("People; recorded stock (UNHCR) solid, scenarios dashed")
SCENARIO_CAPTION = N_("Scenario figures, not data: empty cells are years the analogue has no figure for (or has "
                      "not reached yet), so the stock after them is unknown.")
EPISODE_COLUMNS = {"label": N_("Episode"), "date": N_("Date"), "kind": N_("Kind"),
                   "base_stock": N_("Refugee stock (base)"), "base_year": N_("Base: end of"),
                   "returns_recorded": N_("Refugee returns, years 1-5"), "years_recorded": N_("Years with a figure"),
                   "share_recorded": N_("Share of base stock"), "idp_returns_recorded": N_("IDP returns, years 1-5"),
                   "stock_change_share_last": N_("Stock change by last year"),
                   "returns_explain_last": N_("Part of the stock's fall returns explain"), "url": N_("Source")}
SHARE_COLUMNS = ("share_recorded", "stock_change_share_last", "returns_explain_last")
# How the page's table shows each number (Streamlit's column formats): people localized, shares as percentages.
EPISODE_FORMATS = {"base_year": "%d", "base_stock": "localized", "returns_recorded": "localized",
                   "idp_returns_recorded": "localized", **{column: "%.1f%%" for column in SHARE_COLUMNS}}
YEAR = N_("Year")


def origin_countries(population_by_origin: pd.DataFrame, names: dict[str, str]) -> dict[str, str]:
    """Countries of origin with a refugee stock in the latest year: ISO3 -> name."""
    latest = population_by_origin[population_by_origin["year"] == population_by_origin["year"].max()]
    codes = set(latest.loc[latest["refugees"].fillna(0) > 0, "iso3"].astype(str))
    return {code: names[code] for code in codes if code in names}


def start_expected(last_year: int) -> str:
    """What a link's ?start= may hold, for the notice when it holds something else."""
    return _("a start year from {first} to {last}").format(first=last_year + 1, last=last_year + 5)


def episode_header(column: str) -> str:
    return _(EPISODE_COLUMNS[column])


def episode_formats() -> dict[str, str]:
    """The episode table's shown header -> the number format its column takes."""
    return {episode_header(column): number_format for column, number_format in EPISODE_FORMATS.items()}


def episode_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The episodes as the page's table shows them: people as numbers, shares as percentages (missing stays
    missing), the kind of event in words, the source as a link."""
    table = summary[list(EPISODE_COLUMNS)].copy()
    for column in SHARE_COLUMNS:
        table[column] = table[column] * 100
    table["kind"] = [_(kind) for kind in table["kind"]]
    return table.rename(columns={column: episode_header(column) for column in EPISODE_COLUMNS})


def history_alt(summary: pd.DataFrame) -> str:
    """Text alternative for the history chart: the fastest and slowest complete episodes and the range."""
    complete = summary[summary["complete"]].sort_values("five_year_share")
    if complete.empty:
        return _("Line chart of cumulative refugee returns after past turning points: no episode has five years.")
    slow, fast = complete.iloc[0], complete.iloc[-1]
    chart = ngettext("Line chart of cumulative refugee returns as a share of the refugee stock, by year since the "
                     "event, for {count} episode.",
                     "Line chart of cumulative refugee returns as a share of the refugee stock, by year since the "
                     "event, for {count} episodes.", len(summary)).format(count=len(summary))
    reach = ngettext("Over five years, {fast} reached {fast_share} and {slow} {slow_share}; {count} episode has "
                     "all five years.",
                     "Over five years, {fast} reached {fast_share} and {slow} {slow_share}; {count} episodes have "
                     "all five years.", len(complete)).format(
        fast=fast["label"], fast_share=returns.share_text(fast["five_year_share"]), slow=slow["label"],
        slow_share=returns.share_text(slow["five_year_share"]), count=len(complete))
    return f"{chart} {reach}"


def pace_label(episode: str, labels: dict[str, str], paces: dict[str, str]) -> str:
    """'Liberia 2003 (typical)' for the offered paces, the plain label otherwise."""
    pace = paces.get(episode)
    return _("{episode} ({pace})").format(episode=labels[episode], pace=_(pace)) if pace else labels[episode]


def scenario_heading(name: str, start_year: int) -> str:
    return _("Scenario, not data: {name}'s refugees if returns from {year} followed past patterns").format(
        name=name, year=start_year)


def scenario_source() -> str:
    return _("{source}; scenarios: this dashboard").format(source=_(SOURCE))


def scenario_alt(result: dict, name: str, labels: dict[str, str]) -> str:
    ends = [_("{episode}: {stock}").format(episode=labels.get(analogue, analogue),
                                          stock=_("unknown (a year has no figure)") if pd.isna(stock)
                                          else millions(stock))
            for analogue, stock in rs.end_stocks(result).items()]
    return _("Line chart, scenario not data: {name}'s refugee stock of {stock} at end-{base_year}, projected from "
             "{start_year} by past episodes' return patterns. Projected stock after five years: {ends}.").format(
        name=name, stock=exact(result["base_stock"]), base_year=result["base_year"],
        start_year=result["start_year"], ends="; ".join(ends) or _("no analogue chosen"))


def scenario_table(result: dict, labels: dict[str, str]) -> pd.DataFrame:
    """Years down, each analogue's projected returns and stock across (missing stays missing)."""
    table = result["table"]
    if table.empty:
        return pd.DataFrame()
    wide = table.pivot(index="year", columns="analogue", values=["projected_returns", "projected_stock"])
    headers = {"projected_returns": _("{episode}: returns (scenario)"),
               "projected_stock": _("{episode}: stock (scenario)")}
    wide.columns = [headers[what].format(episode=labels.get(analogue, analogue)) for what, analogue in wide.columns]
    return wide.reset_index().rename(columns={"year": _(YEAR)})


def scenario_formats(columns: list[str]) -> dict[str, str]:
    """The scenario table's header -> number format: the year as a plain number, people localized."""
    return {column: "%d" if column == _(YEAR) else "localized" for column in columns}


def headline_sentence(result: dict, name: str, labels: dict[str, str], manifests: list[tuple[str, dict]]) -> str:
    """The brief's headline: the base figure with its source, then what the scenarios give (plain text)."""
    ends = [_("{stock} like {episode}").format(stock=millions(stock), episode=labels.get(analogue, analogue))
            for analogue, stock in rs.end_stocks(result).items() if not pd.isna(stock)]
    values = {"name": name, "stock": exact(result["base_stock"]), "base_year": result["base_year"],
              "according_to": according_to(manifests), "end_year": result["start_year"] + 4, "ends": ", ".join(ends)}
    if not ends:
        return _("{name} had {stock} refugees at end-{base_year}, {according_to}.").format(**values)
    return _("{name} had {stock} refugees at end-{base_year}, {according_to}; if returns followed past patterns "
             "(scenario, not data), {end_year} would end with {ends}.").format(**values)


def key_figures(result: dict, summary: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """For the brief: the base stock, then each analogue's five-year share and the projected stock (text)."""
    rows = [(_("Refugee stock, end-{year} (UNHCR)").format(year=result["base_year"]), exact(result["base_stock"]))]
    shares = summary.set_index("episode")["share_recorded"]
    for analogue, stock in rs.end_stocks(result).items():
        episode = labels.get(analogue, analogue)
        rows.append((_("{episode}: returns in years 1-5 (history)").format(episode=episode),
                     returns.share_text(shares.get(analogue))))
        rows.append((_("Projected stock after 5 years like {episode} (scenario)").format(episode=episode),
                     _(returns.NO_FIGURE) if pd.isna(stock) else exact(stock)))
    return pd.DataFrame(rows[:20], columns=[_("Figure"), _("Value")])


def no_stock_note(name: str, start_year: int) -> str:
    return _("UNHCR's data hold no refugee stock for {name} before {year}: there is nothing to apply the past "
             "patterns to.").format(name=name, year=start_year)


def cannot_know() -> str:
    """The notice under the scenarios: what no analogue can know (Markdown)."""
    return "\n".join([_("**What an analogue cannot know**"), *(f"- {_(line)}" for line in rs.CANNOT_KNOW)])


def projection_link(name: str) -> str:
    return _("See the statistical projection for {name}").format(name=name)


def scenario_download(name: str, start_year: int) -> str:
    return _("Return scenarios for {name} from {year} (scenario, not data)").format(name=name, year=start_year)


def episode_notes(summary: pd.DataFrame) -> list[str]:
    """One plain line per episode: its date, what happened, its source and, where there is one, its note."""
    lines = []
    for row in summary.to_dict("records"):
        line = _("{episode} ({date}): {citation}, {url}.").format(episode=row["label"], date=row["date"],
                                                                 citation=row["citation"], url=row["url"])
        lines.append(" ".join([line, _("Note: {note}").format(note=row["note"])]) if row["note"] else line)
    return lines
