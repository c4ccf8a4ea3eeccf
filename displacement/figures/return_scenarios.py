"""'If returns followed the pattern of <episode>': return scenarios for a country today (no Streamlit).

A scenario takes one past episode's path of refugee returns as shares of its base stock
(displacement/figures/returns.py) and applies those shares, year by year, to the country's refugee stock at
the end of the year before the start year. It is arithmetic on history, not a forecast and not data: it is
labelled a scenario everywhere and kept apart from UNHCR's figures. Only returns move the projected stock
(never below zero); a year the analogue has no figure for has no projected figure either, and the stock after
it is unknown.
"""

from __future__ import annotations

import pandas as pd

from displacement.figures import returns
from displacement.formatting import exact
from displacement.text import N_, _
from displacement.turning_points import TurningPoint

DEFAULT_COUNTRY = "UKR"
# Offered as fast/typical/slow: complete five-year paths from a stock large enough to say something about
# millions of refugees (Cambodia's and Guatemala's small recognised stocks are shown, but not offered).
ANALOGUE_MIN_BASE = 100_000
PACES = (N_("fast"), N_("typical"), N_("slow"))  # keys; shown through _() (return_words.pace_label)
# The scenario rows' kind and the command line's words, in English as written; the page shows them through _().
LABEL = N_("Scenario, not data")
CANNOT_KNOW = (
    N_("An analogue cannot know whether, when or how the fighting stops, or whether the peace holds."),
    N_("It cannot know the conditions at home (housing, safety, services, work) or in the host countries "
       "(legal status, work, schooling, support to stay or to go)."),
    N_("It cannot know new flight: the projected stock moves only by returns; births, new refugees, "
       "naturalisation, resettlement and recounts are left out."),
    N_("The analogues are episodes after which people went home: history without such a turning point is "
       "not in them, so even the slow path assumes one."),
)


def default_country(countries: dict[str, str]) -> str:
    """The country the scenarios open on: DEFAULT_COUNTRY when it has a refugee stock, else the first code."""
    return DEFAULT_COUNTRY if DEFAULT_COUNTRY in countries else sorted(countries)[0]


def recorded_stock(population_by_origin: pd.DataFrame, iso3: str, start_year: int, years: int = 15) -> pd.DataFrame:
    """The country's recorded refugee stock from `years` before the start year on, drawn beside the scenarios."""
    rows = population_by_origin
    return rows[(rows["iso3"] == iso3) & (rows["year"] >= start_year - years)]


def start_years(last_year: int, horizon: int = 5) -> list[int]:
    """The start years offered: after the latest data, so a scenario never overlaps an official figure."""
    return list(range(last_year + 1, last_year + 1 + horizon))


def base_stock(population_by_origin: pd.DataFrame, iso3: str, start_year: int) -> tuple[int, float]:
    """The country's refugee stock the shares apply to: end of the year before the start year, or the latest
    end-of-year figure before it when that year is not in the data yet. Returns (year, stock)."""
    rows = population_by_origin[(population_by_origin["iso3"] == iso3)
                                & (population_by_origin["year"] < start_year)
                                & (population_by_origin["period"] == "end-year")].dropna(subset=["refugees"])
    if rows.empty:
        return start_year - 1, float("nan")
    latest = rows.sort_values("year").iloc[-1]
    return int(latest["year"]), float(latest["refugees"])


def analogue_choices(summary: pd.DataFrame) -> pd.DataFrame:
    """The episodes offered as analogues: complete five-year paths from a base stock of ANALOGUE_MIN_BASE or
    more, fastest first (by cumulative five-year share)."""
    offered = summary[summary["complete"] & (summary["base_stock"] >= ANALOGUE_MIN_BASE)]
    return offered.sort_values("five_year_share", ascending=False).reset_index(drop=True)


def paces(summary: pd.DataFrame) -> dict[str, str]:
    """Fast (highest five-year share), typical (the median episode; the upper middle one if even) and slow
    (lowest): pace -> episode id."""
    offered = analogue_choices(summary)
    if offered.empty:
        return {}
    return {"fast": offered["episode"].iloc[0], "typical": offered["episode"].iloc[len(offered) // 2],
            "slow": offered["episode"].iloc[-1]}


def project(shares: list[float], stock: float, start_year: int) -> pd.DataFrame:
    """Apply yearly return shares (of the base stock) to `stock`, rounded to people: returns never exceed what
    is left, the stock never goes below zero, and a missing share leaves that year's returns unknown and every
    later stock unknown (a later year's returns are still its share of the base, capped at the base)."""
    rows, left = [], stock
    for k, share in enumerate(shares, start=1):
        year = start_year + k - 1
        if pd.isna(share) or pd.isna(stock):
            left = float("nan")
            rows.append((year, k, share, float("nan"), float("nan")))
            continue
        wanted = round(max(float(share), 0.0) * stock)
        moved = min(wanted, stock) if pd.isna(left) else min(wanted, left)
        left = left - moved
        rows.append((year, k, share, float(moved), left))
    return pd.DataFrame(rows, columns=["year", "years_since", "share_applied", "projected_returns",
                                       "projected_stock"])


def scenario(point: TurningPoint, path: pd.DataFrame, stock: float, start_year: int) -> pd.DataFrame:
    """One analogue's scenario: its return shares (years 1..5) applied to the country's stock."""
    table = project(list(path["return_share"]), stock, start_year)
    table.insert(0, "analogue", point.id)
    table.insert(1, "analogue_label", point.label)
    table["cumulative_projected_returns"] = table["projected_returns"].cumsum(skipna=False)
    table["kind"] = LABEL
    return table


def scenarios(iso3: str, start_year: int, analogue_ids: list[str], points: tuple[TurningPoint, ...],
              paths: pd.DataFrame, population_by_origin: pd.DataFrame) -> dict:
    """The country's base and one scenario per analogue, side by side (a long table, tagged with its pace)."""
    base_year, stock = base_stock(population_by_origin, iso3, start_year)
    by_id = {p.id: p for p in points}
    frames = [scenario(by_id[a], paths[paths["episode"] == a], stock, start_year)
              for a in analogue_ids if a in by_id]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return {"iso3": iso3, "start_year": start_year, "base_year": base_year, "base_stock": stock,
            "table": table}


def has_projection(result: dict) -> bool:
    """Whether there is anything to draw: a base stock and at least one analogue."""
    return not pd.isna(result["base_stock"]) and not result["table"].empty


def default_analogues(summary: pd.DataFrame) -> list[str]:
    chosen = paces(summary)
    return list(dict.fromkeys(chosen[p] for p in PACES if p in chosen))


def pace_of(summary: pd.DataFrame) -> dict[str, str]:
    """Episode id -> 'fast'/'typical'/'slow' for the offered extremes and median."""
    return {episode: pace for pace, episode in paces(summary).items()}


def scenario_sentence(result: dict, name: str, labels: dict[str, str]) -> str:
    """Plain text (escape for Markdown at the caller): what the scenario starts from."""
    return _("Scenario, not data: {name}'s {stock} refugees at end-{base_year} (UNHCR), with each analogue's "
             "yearly returns as a share of its own stock applied from {start_year}: {analogues}.").format(
        name=name, stock=exact(result["base_stock"]), base_year=result["base_year"],
        start_year=result["start_year"], analogues=", ".join(labels.values()) or _("no analogue chosen"))


def end_stocks(result: dict) -> dict[str, float]:
    """Analogue id -> projected stock after year 5 (NaN when a year is unknown)."""
    table = result["table"]
    if table.empty:
        return {}
    last = table[table["years_since"] == returns.YEARS]
    return dict(zip(last["analogue"], last["projected_stock"]))


def scenario_records(result: dict) -> dict:
    """JSON-ready (NaN as None) for the command line."""
    table = result["table"]
    rows = [] if table.empty else [{k: (None if not isinstance(v, str) and pd.isna(v) else v)
                                    for k, v in row.items()} for row in table.to_dict("records")]
    stock = result["base_stock"]
    return {"kind": LABEL, "iso3": result["iso3"], "start_year": result["start_year"],
            "base_year": result["base_year"], "base_stock": None if pd.isna(stock) else stock,
            "cannot_know": list(CANNOT_KNOW), "rows": rows}
