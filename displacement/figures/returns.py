"""Refugee and IDP returns after past turning points, set beside the refugee stock they came from (no Streamlit).

For each curated turning point (displacement/turning_points.py), years 1..5 are the first counted year and the
four after it; the denominator is the refugee stock by origin (UNHCR, end of year) at the end of the year
before. Returns are UNHCR's solutions figures by origin (`returned_refugees`, `returned_idps`): flows during
each year. A year without a figure stays missing (NaN, "no figure"), never zero; a year after the latest data
is "not yet", not missing. Shares above 100% happen (returns of people counted after the base date, or
counted twice across years) and are shown as they are.
"""

from __future__ import annotations

import pandas as pd

from displacement.formatting import exact, millions
from displacement.text import N_, _, ngettext
from displacement.turning_points import TurningPoint

YEARS = 5
# A year's status, kept in the paths as written (compared as keys); shown to readers through _().
NO_FIGURE = N_("no figure")
NOT_YET = N_("not yet")
SOURCE = N_("UNHCR Refugee Population Statistics Database: returned refugees and returned IDPs by country of "
            "origin (solutions), refugees by country of origin (population), end of year")
DEFINITION = N_("Returns are people who went back during the year (a flow); the stock is refugees from the "
                "country at 31 December. Share = returns / refugee stock at the end of the year before the first "
                "counted year.")


def _by_year(table: pd.DataFrame, origins: tuple[str, ...], column: str) -> pd.Series:
    """One column summed over the origins by year; a year none of them reports stays missing."""
    rows = table[table["iso3"].isin(origins) & (table["period"] == "end-year")]
    return rows.groupby("year")[column].sum(min_count=1).astype("Float64")


def latest_year(solutions_by_origin: pd.DataFrame) -> int:
    return int(solutions_by_origin["year"].max())


def episode_path(point: TurningPoint, solutions_by_origin: pd.DataFrame, population_by_origin: pd.DataFrame,
                 last_year: int) -> pd.DataFrame:
    """Years 1..5 after one turning point: returns (people and share of the base stock), the stock itself and
    its change since the base, and which part of the stock's fall the recorded returns explain."""
    years = list(range(point.first_year, point.first_year + YEARS))
    refugees = _by_year(solutions_by_origin, point.origins, "returned_refugees").reindex(years)
    idps = _by_year(solutions_by_origin, point.origins, "returned_idps").reindex(years)
    stocks = _by_year(population_by_origin, point.origins, "refugees")
    base = stocks.get(point.base_year, pd.NA)
    path = pd.DataFrame({"year": years, "years_since": range(1, YEARS + 1)})
    path["returned_refugees"] = refugees.to_numpy(dtype="float64", na_value=float("nan"))
    path["returned_idps"] = idps.to_numpy(dtype="float64", na_value=float("nan"))
    path["base_stock"] = float("nan") if pd.isna(base) else float(base)
    path["stock"] = stocks.reindex(years).to_numpy(dtype="float64", na_value=float("nan"))
    path["return_share"] = path["returned_refugees"] / path["base_stock"]
    # A cumulative figure after a year without one is unknown: it stays missing from that year on.
    path["cumulative_returns"] = path["returned_refugees"].cumsum(skipna=False)
    path["cumulative_share"] = path["cumulative_returns"] / path["base_stock"]
    path["stock_change"] = path["stock"] - path["base_stock"]
    path["stock_change_share"] = path["stock_change"] / path["base_stock"]
    fall = -path["stock_change"]
    path["returns_explain"] = (path["cumulative_returns"] / fall).where(fall > 0)
    path["status"] = [_status(year, value, last_year) for year, value in zip(years, path["returned_refugees"])]
    return path


def _status(year: int, value, last_year: int) -> str:
    if year > last_year:
        return NOT_YET
    return NO_FIGURE if pd.isna(value) else "recorded"


def episode_paths(points: tuple[TurningPoint, ...], solutions_by_origin: pd.DataFrame,
                  population_by_origin: pd.DataFrame) -> pd.DataFrame:
    """All episodes' paths in one long table (one row per episode and year since the event)."""
    last = latest_year(solutions_by_origin)
    frames = []
    for point in points:
        path = episode_path(point, solutions_by_origin, population_by_origin, last)
        path.insert(0, "episode", point.id)
        path.insert(1, "label", point.label)
        frames.append(path)
    return pd.concat(frames, ignore_index=True)


def episode_summary(points: tuple[TurningPoint, ...], paths: pd.DataFrame) -> pd.DataFrame:
    """One row per episode: its event, base stock, the returns recorded over years 1..5 (in full only when
    every year has a figure), the share of the base stock they are, and the stock's own change."""
    rows = []
    for point in points:
        path = paths[paths["episode"] == point.id]
        recorded = path["returned_refugees"].notna()
        past = path["status"] != NOT_YET
        complete = bool(recorded.all())
        last = path[past].iloc[-1] if past.any() else path.iloc[0]
        rows.append({
            "episode": point.id, "label": point.label, "date": point.date.isoformat(), "kind": point.kind,
            "origins": " ".join(point.origins), "first_year": point.first_year, "base_year": point.base_year,
            "base_stock": path["base_stock"].iloc[0],
            "years_recorded": int(recorded.sum()), "years_in_data": int(past.sum()), "complete": complete,
            "returns_recorded": path["returned_refugees"].sum(min_count=1),
            "share_recorded": path["returned_refugees"].sum(min_count=1) / path["base_stock"].iloc[0],
            "five_year_share": path["cumulative_share"].iloc[-1] if complete else float("nan"),
            "idp_returns_recorded": path["returned_idps"].sum(min_count=1),
            "stock_last": last["stock"], "stock_change_share_last": last["stock_change_share"],
            "returns_explain_last": last["returns_explain"],
            "citation": point.citation, "url": point.url, "note": point.note,
        })
    return pd.DataFrame(rows)


def share_text(value) -> str:
    """0.226 -> '22.6%'; missing stays visibly missing."""
    return _(NO_FIGURE) if pd.isna(value) else f"{float(value) * 100:,.1f}%"


def people_text(value) -> str:
    return _(NO_FIGURE) if pd.isna(value) else millions(value)


def episode_sentence(row: dict) -> str:
    """One plain sentence on an episode's returns (plain text: the caller escapes it for Markdown)."""
    head = ngettext("{episode}: {returns} refugee returns recorded in {first}-{last} ({recorded} of {years} year "
                    "with a figure), {share} of the {stock} refugees counted at end-{base_year}",
                    "{episode}: {returns} refugee returns recorded in {first}-{last} ({recorded} of {years} years "
                    "with a figure), {share} of the {stock} refugees counted at end-{base_year}", YEARS).format(
        episode=row["label"], returns=people_text(row["returns_recorded"]), first=row["first_year"],
        last=row["first_year"] + YEARS - 1, recorded=row["years_recorded"], years=YEARS,
        share=share_text(row["share_recorded"]), stock=exact(row["base_stock"]), base_year=row["base_year"])
    not_yet = YEARS - row["years_in_data"]
    if not_yet > 0:  # a second clause of its own, after a semicolon
        head += "; " + ngettext("{count} of the years has not happened yet in the data",
                                "{count} of the years have not happened yet in the data", not_yet).format(count=not_yet)
    return head + "."


def _records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: NaN as None (a missing figure is null, never 0)."""
    return [{k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def history_records(paths: pd.DataFrame, summary: pd.DataFrame, last_year: int) -> dict:
    """What `python -m displacement returns --json` prints: each episode's summary with its years 1..5."""
    episodes = []
    for row in _records(summary):
        years = paths[paths["episode"] == row["episode"]].drop(columns=["episode", "label"])
        episodes.append({**row, "years": _records(years)})
    # For the command line, which stays in English: the messages as written.
    return {"source": SOURCE, "definition": DEFINITION, "latest_year": last_year, "episodes": episodes}


def history(points: tuple[TurningPoint, ...], solutions_by_origin: pd.DataFrame,
            population_by_origin: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(paths, summary): what the page and the command line both show, computed once the same way."""
    paths = episode_paths(points, solutions_by_origin, population_by_origin)
    return paths, episode_summary(points, paths)
