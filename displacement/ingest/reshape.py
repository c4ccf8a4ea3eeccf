"""Tidy tables -> the compact tables the dashboard reads. Each function does one reshaping.

Sums use min_count=1: a cell with no reported figure stays missing, it never becomes zero.
"""

from __future__ import annotations

import pandas as pd

POPULATION_COLUMNS = ["refugees", "asylum_seekers", "oip", "stateless", "idps_unhcr",
                      "returned_refugees", "returned_idps", "others_of_concern", "host_community"]
CORRIDOR_COLUMNS = ["refugees", "asylum_seekers", "oip"]
SOLUTION_COLUMNS = ["returned_refugees", "resettlement", "naturalisation", "returned_idps"]
DECISION_COLUMNS = {"decisions_recognized": "recognized", "decisions_complementary": "complementary",
                    "decisions_rejected": "rejected", "decisions_closed": "closed",
                    "decisions_total": "total"}
GIDD_COLUMNS = ["idps_conflict_stock", "idps_disaster_stock",
                "new_displacements_conflict", "new_displacements_disaster"]


def wide(tidy: pd.DataFrame, keys: list[str], columns: list[str], rename: dict | None = None) -> pd.DataFrame:
    """Sum values over everything but `keys`, one column per population type."""
    grouped = (tidy.groupby([*keys, "population_type"], dropna=False, observed=True)["value"]
               .sum(min_count=1).unstack("population_type"))
    table = grouped.reindex(columns=columns).reset_index()
    table.columns.name = None
    table[columns] = table[columns].astype("Int64")
    return table.sort_values(keys).reset_index(drop=True).rename(columns=rename or {})


def by_country(tidy: pd.DataFrame, side: str, columns: list[str], extra_keys=(), rename=None) -> pd.DataFrame:
    """One row per year and country on one side (origin or asylum); rows without a code are dropped."""
    key = f"{side}_iso3"
    rows = tidy[tidy[key].notna()]
    return wide(rows, ["year", "period", key, *extra_keys], columns, {key: "iso3", **(rename or {})})


def totals(tidy: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return wide(tidy, ["year", "period"], columns)


def corridors(tidy: pd.DataFrame, since: int, min_people: int) -> pd.DataFrame:
    """Origin -> asylum pairs of refugees, asylum-seekers and OIP; small or old pairs left out."""
    rows = tidy[(tidy["year"] >= since) & tidy["population_type"].isin(CORRIDOR_COLUMNS)
                & tidy["origin_iso3"].notna() & tidy["asylum_iso3"].notna()]
    pairs = wide(rows, ["year", "period", "origin_iso3", "asylum_iso3"], CORRIDOR_COLUMNS)
    size = pairs[CORRIDOR_COLUMNS].sum(axis=1, min_count=1)
    return pairs[size >= min_people].reset_index(drop=True)


def detail_split(tidy: pd.DataFrame, parts: list[str]) -> pd.DataFrame:
    """Split the 'a;b;c' detail field into named columns."""
    split = tidy["detail"].str.split(";", expand=True)
    split.columns = parts[: split.shape[1]]
    return pd.concat([tidy.drop(columns="detail"), split.astype("string")], axis=1)


def applications_by_country(tidy: pd.DataFrame, side: str) -> pd.DataFrame:
    """Applications per year, country, unit (persons/cases, never added) and application type."""
    rows = detail_split(tidy, ["procedure_type", "app_type", "dec_level"])
    key = f"{side}_iso3"
    rows = rows[rows[key].notna()]
    table = (rows.groupby(["year", "period", key, "unit", "app_type"], observed=True)["value"]
             .sum(min_count=1).rename("applied").reset_index().rename(columns={key: "iso3"}))
    table["applied"] = table["applied"].astype("Int64")
    return table


def decisions_by_country(tidy: pd.DataFrame, side: str) -> pd.DataFrame:
    return by_country(tidy, side, list(DECISION_COLUMNS), extra_keys=("unit",), rename=DECISION_COLUMNS)


def demographics_by_asylum(tidy: pd.DataFrame) -> pd.DataFrame:
    """Sex and age bands as columns, per year, asylum country and UNHCR population-type code."""
    rows = detail_split(tidy, ["pop_type", "band"])
    rows = rows[rows["asylum_iso3"].notna()]
    grouped = (rows.groupby(["year", "period", "asylum_iso3", "pop_type", "band"], observed=True)["value"]
               .sum(min_count=1).unstack("band"))
    table = grouped.reset_index().rename(columns={"asylum_iso3": "iso3"})
    table.columns.name = None
    return table


def population_denominators(tidy: pd.DataFrame) -> pd.DataFrame:
    table = tidy[["year", "asylum_iso3", "value"]].rename(columns={"asylum_iso3": "iso3", "value": "population"})
    return table.dropna(subset=["population"]).sort_values(["iso3", "year"]).reset_index(drop=True)


def country_names(raw: pd.DataFrame) -> pd.DataFrame:
    """ISO3 -> UNHCR's short name, as the population rows carry them (trailing spaces trimmed)."""
    pairs = pd.concat([
        raw[["coo_iso", "coo_name"]].set_axis(["iso3", "name"], axis=1),
        raw[["coa_iso", "coa_name"]].set_axis(["iso3", "name"], axis=1),
    ]).astype("string")
    pairs = pairs.apply(lambda column: column.str.strip())
    pairs = pairs[pairs["iso3"].str.fullmatch(r"[A-Z0-9]{3}", na=False) & (pairs["name"] != "-")]
    return pairs.drop_duplicates("iso3", keep="last").sort_values("iso3").reset_index(drop=True)
