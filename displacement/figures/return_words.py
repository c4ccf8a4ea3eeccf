"""The Returns page's words: intro, caveats, table columns, sentences, key figures and alt texts (no Streamlit).
Country names come from the data and are returned as plain text: the page escapes them for Markdown."""

from __future__ import annotations

import pandas as pd

from displacement.figures import return_scenarios as rs
from displacement.figures import returns
from displacement.formatting import according_to, exact, millions

TITLE = "Return after conflict"
INTRO = ("What UNHCR's data say about refugees going home after past peace agreements, ceasefires and changes of "
         "government, and what that history would mean for a country today if returns followed the same pattern.")
CAVEATS = (
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
NOTES = ("Scenarios apply past episodes' yearly returns, as shares of their own refugee stock, to the chosen "
         "country's refugee stock: they are not forecasts or official figures.",
         "Returns are UNHCR's recorded returned refugees by origin (a flow); a missing year is a gap, never zero.")
EPISODE_COLUMNS = {"label": "Episode", "date": "Date", "kind": "Kind", "base_stock": "Refugee stock (base)",
                   "base_year": "Base: end of", "returns_recorded": "Refugee returns, years 1-5",
                   "years_recorded": "Years with a figure", "share_recorded": "Share of base stock",
                   "idp_returns_recorded": "IDP returns, years 1-5",
                   "stock_change_share_last": "Stock change by last year", "returns_explain_last":
                   "Part of the stock's fall returns explain", "url": "Source"}


def episode_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The episodes as the page's table shows them: people as numbers, shares as percentages (missing stays
    missing), the source as a link."""
    table = summary[list(EPISODE_COLUMNS)].copy()
    for column in ("share_recorded", "stock_change_share_last", "returns_explain_last"):
        table[column] = table[column] * 100
    return table.rename(columns=EPISODE_COLUMNS)


def history_alt(summary: pd.DataFrame) -> str:
    """Text alternative for the history chart: the fastest and slowest complete episodes and the range."""
    complete = summary[summary["complete"]].sort_values("five_year_share")
    if complete.empty:
        return "Line chart of cumulative refugee returns after past turning points: no episode has five years."
    slow, fast = complete.iloc[0], complete.iloc[-1]
    return (f"Line chart of cumulative refugee returns as a share of the refugee stock, by year since the event, "
            f"for {len(summary)} episodes. Over five years, {fast['label']} reached "
            f"{returns.share_text(fast['five_year_share'])} and {slow['label']} "
            f"{returns.share_text(slow['five_year_share'])}; {len(complete)} episodes have all five years.")


def pace_label(episode: str, labels: dict[str, str], paces: dict[str, str]) -> str:
    """'Liberia 2003 (typical)' for the offered paces, the plain label otherwise."""
    pace = paces.get(episode)
    return f"{labels[episode]} ({pace})" if pace else labels[episode]


def scenario_heading(name: str, start_year: int) -> str:
    return f"Scenario, not data: {name}'s refugees if returns from {start_year} followed past patterns"


def scenario_alt(result: dict, name: str, labels: dict[str, str]) -> str:
    ends = rs.end_stocks(result)
    parts = [f"{labels.get(a, a)}: {millions(v) if not pd.isna(v) else 'unknown (a year has no figure)'}"
             for a, v in ends.items()]
    return (f"Line chart, scenario not data: {name}'s refugee stock of {exact(result['base_stock'])} at "
            f"end-{result['base_year']}, projected from {result['start_year']} by past episodes' return patterns. "
            f"Projected stock after five years: {'; '.join(parts) or 'no analogue chosen'}.")


def scenario_table(result: dict, labels: dict[str, str]) -> pd.DataFrame:
    """Years down, each analogue's projected returns and stock across (missing stays missing)."""
    table = result["table"]
    if table.empty:
        return pd.DataFrame()
    wide = table.pivot(index="year", columns="analogue", values=["projected_returns", "projected_stock"])
    wide.columns = [f"{labels.get(a, a)}: {'returns' if what == 'projected_returns' else 'stock'} (scenario)"
                    for what, a in wide.columns]
    return wide.reset_index().rename(columns={"year": "Year"})


def headline_sentence(result: dict, name: str, labels: dict[str, str], manifests: list[tuple[str, dict]]) -> str:
    """The brief's headline: the base figure with its source, then what the scenarios give (plain text)."""
    ends = rs.end_stocks(result)
    shown = [f"{millions(v)} like {labels.get(a, a)}" for a, v in ends.items() if not pd.isna(v)]
    tail = (f"; if returns followed past patterns (scenario, not data), {result['start_year'] + 4} would end with "
            + ", ".join(shown)) if shown else ""
    return (f"{name} had {exact(result['base_stock'])} refugees at end-{result['base_year']}, "
            f"{according_to(manifests)}{tail}.")


def key_figures(result: dict, summary: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """For the brief: the base stock, then each analogue's five-year share and the projected stock (text)."""
    rows = [{"Figure": f"Refugee stock, end-{result['base_year']} (UNHCR)", "Value": exact(result["base_stock"])}]
    shares = summary.set_index("episode")["share_recorded"]
    for analogue, stock in rs.end_stocks(result).items():
        rows.append({"Figure": f"{labels.get(analogue, analogue)}: returns in years 1-5 (history)",
                     "Value": returns.share_text(shares.get(analogue))})
        rows.append({"Figure": f"Projected stock after 5 years like {labels.get(analogue, analogue)} (scenario)",
                     "Value": returns.NO_FIGURE if pd.isna(stock) else exact(stock)})
    return pd.DataFrame(rows[:20])


def no_stock_note(name: str, start_year: int) -> str:
    return (f"UNHCR's data hold no refugee stock for {name} before {start_year}: there is nothing to apply the "
            "past patterns to.")


def episode_notes(summary: pd.DataFrame) -> list[str]:
    """One plain line per episode: its date, what happened, its source and, where there is one, its note."""
    lines = []
    for row in summary.to_dict("records"):
        line = f"{row['label']} ({row['date']}): {row['citation']}, {row['url']}."
        lines.append(line + (f" Note: {row['note']}" if row["note"] else ""))
    return lines
