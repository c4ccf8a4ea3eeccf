"""Small computations the pages and the command line share (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from displacement.datasets import HEADLINE_COMPONENTS


def yearly_change(totals: pd.DataFrame, column: str = "forcibly_displaced", since: int | None = None) -> pd.DataFrame:
    """Year, value, change on the previous year (absolute and %); only between consecutive years
    with the same components present, so a definitional jump is not reported as growth."""
    table = totals[["year", "period", column, "components_missing"]].copy()
    table["change"] = table[column].astype("Float64").diff()
    table["change_pct"] = table["change"] / table[column].astype("Float64").shift() * 100
    comparable = (table["components_missing"] == table["components_missing"].shift()) & (table["year"].diff() == 1)
    table.loc[~comparable, ["change", "change_pct"]] = pd.NA
    table["comparable"] = comparable
    if since is not None:
        table = table[table["year"] >= since]
    return table.reset_index(drop=True)


def latest_row(totals: pd.DataFrame) -> pd.Series:
    return totals.sort_values("year").iloc[-1]


def published_for(headlines: pd.DataFrame, year: int, period: str) -> pd.Series | None:
    rows = headlines[(headlines["year"] == year) & (headlines["period"] == period)]
    return rows.iloc[0] if len(rows) else None


def latest_published(headlines: pd.DataFrame) -> pd.Series:
    """The most recent published headline (end-year beats mid-year in the same year)."""
    ordered = headlines.assign(order=headlines["year"] * 2 + (headlines["period"] == "end-year").astype("int64"))
    return ordered.sort_values("order").iloc[-1]


def why_they_differ(year: int, computed: float, published_m: float) -> str:
    """The known reasons a computed sum and UNHCR's published headline differ."""
    gap = computed - published_m * 1_000_000
    reasons = []
    if year >= 2023:
        reasons.append("from end-2023 UNHCR counts Palestine refugees who are also displaced inside Gaza "
                       "once; the API has no field for that overlap, so the sum of the parts counts them twice")
    reasons.append("UNHCR and IDMC revise back years at every release, while a published figure stays as "
                   "it was first published")
    reasons.append("the published figure is rounded to 0.1 million")
    direction = "higher" if gap > 0 else "lower"
    return (f"The sum of the components is {abs(gap) / 1_000_000:,.1f} million {direction} than the published "
            f"figure: " + "; ".join(reasons) + ".")


def published_vs_computed(totals: pd.DataFrame, headlines: pd.DataFrame, first: int | None = None,
                          last: int | None = None) -> str | None:
    """The latest year-end (within first..last) with both a published headline and a computed sum,
    set side by side with the reasons they differ; None when there is no such year."""
    ends = headlines[(headlines["period"] == "end-year") & headlines["forcibly_displaced_m"].notna()
                     & headlines["year"].between(first or 0, last or 9999)]
    both = ends[ends["year"].isin(totals["year"])].sort_values("year")
    if both.empty:
        return None
    row = both.iloc[-1]
    year = int(row["year"])
    computed = totals.loc[totals["year"] == year, "forcibly_displaced"].iloc[0]
    return (f"End-{year}: UNHCR published {row['forcibly_displaced_m']:.1f} million; the five components in "
            f"today's data sum to {computed / 1e6:,.1f} million. "
            + why_they_differ(year, computed, row["forcibly_displaced_m"]))


def claim_check(totals: pd.DataFrame, base_year: int, base_value: float, per_year: float) -> pd.DataFrame:
    """What a claim like '110 million, growing by 10 million a year' predicted for each later year,
    next to the figure the data give."""
    later = totals[totals["year"] > base_year][["year", "period", "forcibly_displaced"]].copy()
    later["claimed"] = base_value + per_year * (later["year"] - base_year)
    later["difference"] = later["forcibly_displaced"].astype("Float64") - later["claimed"]
    return later.reset_index(drop=True)


def component_shares(row: pd.Series) -> pd.DataFrame:
    values = pd.Series({c: row[c] for c in HEADLINE_COMPONENTS}, dtype="Float64")
    return pd.DataFrame({"component": values.index, "value": values.values,
                         "share_pct": (values / values.sum() * 100).values})
