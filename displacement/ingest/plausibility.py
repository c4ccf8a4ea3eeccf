"""The plausibility gate: what a release must pass before it is switched in.

Well-formed but false data is the worst input (duplicated rows, a future year, an absurd count, a
figure that silently vanished). Two kinds of check, with the thresholds and the real data behind
them in docs/decisions.md ("The plausibility gate"):

- refused (`ImplausibleData`): what no real release can hold: a repeated key, a year after the
  period the source can have published by the as-of date, a count or world total above the number
  of people alive, a country's figure above a bound set by its population, a world figure ten times
  the previous release's;
- held for review (`HeldForReview`): changes from the release in force beyond thresholds that real
  releases stay within; `refresh --accept-review` publishes them.

Every message names the source, the field and the rows. Sums are taken in float64 over counts
already capped at WORLD_POPULATION_CEILING, so they cannot overflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

# More people than are alive: the World Bank puts the world at 8.06 billion in 2023 (SP.POP.TOTL,
# WLD). No count of people, and no sum of counts, can be above it.
WORLD_POPULATION_CEILING = 10_000_000_000
# People counted in a country (hosted, internally displaced, arriving) against its World Bank
# population; people counted by origin live abroad, outside that count; movements (one person can
# move twice) are not people. Highest real shares 1951-2025: 0.73 (Palestine refugees in Jordan,
# 1960), 0.53 (refugees from Afghanistan, 1990), 0.67 (conflict displacements in Palestine, 2023).
SHARE_IN_COUNTRY = 1.0
SHARE_ABROAD_OR_MOVEMENTS = 2.0
# Release to release (all measured on 9 real releases, GT2022 to 2025.12.1).
HEADLINE_REVISION = 0.10  # a headline stock's world figure for the same period (real max: 3.2%, IDMC 2016)
OTHER_REVISION_FACTOR = 2.0  # any other world figure doubled or halved ...
OTHER_REVISION_PEOPLE = 100_000  # ... by more than this many people
NEW_PERIOD_FACTOR = 2.0  # a headline stock's new period against the one before (real: 0.58 to 1.70)
COUNTRY_FACTOR = 2.0  # a country's figure doubled or halved ...
COUNTRY_SHARE_OF_WORLD = 0.05  # ... by more than 5% of that year's world figure
SMALL_CHANGE = 10_000  # changes below this many people are never held
REFUSED_FACTOR = 10  # a world figure ten times the previous release's ...
REFUSED_PEOPLE = 1_000_000  # ... and a million people more is refused outright
# The forcibly displaced headline's stocks (and the figures quoted beside them in their own sources).
HEADLINE_STOCKS = {"refugees", "asylum_seekers", "oip", "palestine_refugees", "idps_conflict",
                   "idps_conflict_stock", "population", "forcibly_displaced_m", "refugees_incl_unrwa_oip_m",
                   "refugees_m", "palestine_refugees_m", "oip_m", "idps_conflict_m", "asylum_seekers_m",
                   "stateless_m"}
MOVEMENTS = {"new_displacements_conflict", "new_displacements_disaster"}
# A country's figure is reviewed for stocks only: flows are revised far more in real releases (a
# country's returns from 0 to 1.0 million, its recognitions halved in a correction release) and are
# reviewed at world level.
COUNTRY_STOCKS = {"refugees", "asylum_seekers", "oip", "stateless", "idps_unhcr", "others_of_concern",
                  "host_community", "palestine_refugees", "idps_conflict", "idps_conflict_stock",
                  "idps_disaster_stock", "population"}
REVIEW_HINT = "publish it anyway with `python -m displacement refresh --source {sid} --accept-review`"


class ImplausibleData(ValueError):
    """A release no real source can have sent: refused, whatever the options."""

    def __init__(self, source: str, field: str, problem: str, rows: str = ""):
        self.source, self.field = source, field
        super().__init__(f"{source}: field '{field}' {problem}" + (f" ({rows})" if rows else ""))


class HeldForReview(RuntimeError):
    """Changes from the release in force beyond the review thresholds; not published."""

    def __init__(self, source: str, changes: list[str]):
        self.source, self.changes = source, changes
        shown = "; ".join(changes[:3]) + (f"; and {len(changes) - 3} more" if len(changes) > 3 else "")
        super().__init__(f"held for review: {len(changes)} change{'s' if len(changes) != 1 else ''} beyond "
                         f"the review thresholds: {shown}; {REVIEW_HINT.format(sid=source)}")


@dataclass(frozen=True)
class Figures:
    """A table of counts: its key columns besides year and period, and where its counts are."""
    table: str
    keys: tuple[str, ...] = ()
    share: float | None = None  # of the country's population; None: no population bound


@dataclass(frozen=True)
class Checks:
    """What the gate checks in one source (its registry entry's `checks`)."""
    identity: tuple[str, ...] = ()  # raw fields that identify one row: two rows alike are one row sent twice
    world: Figures | None = None  # the table world figures are summed from (None: no world total to check)
    countries: tuple[Figures, ...] = ()  # tables of country figures, bounded by the country's population
    # A row without a figure still dates the release (its latest year), so it counts for the year check;
    # but a source that lists years it has no value for yet (the World Bank) declares it so.
    empty_rows_dated: bool = True


# UNHCR's own codes: absent from some bulk files, whose ISO3 codes then identify the row.
OPTIONAL_ROW_KEYS = {"coo", "coa"}
MILLIONS_SUFFIX = "_m"


# --- inside one release ------------------------------------------------------------------------

def check_payload(source, raw: pd.DataFrame) -> None:
    """Refuse a payload that holds the same row twice (same identity fields), which the sums would
    count twice. Years are compared as numbers ("2024" and 2024.0 are one year), codes as trimmed text."""
    keys = [k for k in source.checks.identity if k in raw.columns]
    if raw.empty or set(source.checks.identity) - set(keys) - OPTIONAL_ROW_KEYS or not keys:
        return  # a missing identity field is the builder's to name
    identity = pd.DataFrame({k: _comparable(raw[k], numeric=k in ("year", "date")).fillna("") for k in keys})
    if "countryiso3code" in identity:  # World Bank rows without a code are aggregates, dropped later
        identity = identity[identity["countryiso3code"].fillna("") != ""]
    repeated = identity.duplicated(keep="first")
    if not repeated.any():
        return
    second = repeated.idxmax()
    first = identity.index[(identity == identity.loc[second]).all(axis=1)][0]
    shown = ", ".join(f"{k}={identity.loc[second, k]}" for k in keys)
    raise ImplausibleData(source.id, ", ".join(keys), f"is the same in {_rows(repeated.sum())} as in an earlier row: "
                          "a row sent twice would be counted twice",
                          f"e.g. rows {first + 1} and {second + 1}: {shown[:160]}")


def _rows(count) -> str:
    return f"{int(count):,} row{'' if int(count) == 1 else 's'}"


def _comparable(column: pd.Series, numeric: bool) -> pd.Series:
    text = column.astype("string").str.strip()
    if not numeric:
        return text
    numbers = pd.to_numeric(text, errors="coerce")
    return text.where(numbers.isna(), numbers.astype("string"))


def check_tables(source, tables: dict[str, pd.DataFrame], as_of: date) -> None:
    """Refuse years the source cannot have published by `as_of`, and world totals above the number
    of people alive."""
    _check_years(source, tables, as_of)
    if source.checks.world is not None:
        world = world_totals(source, tables)
        for column in _value_columns(world):
            over = world[column] > WORLD_POPULATION_CEILING
            if over.any():
                year = world.index.get_level_values(0)[over.argmax()]
                raise ImplausibleData(source.id, column, f"sums to {world.loc[over, column].iloc[0]:,.0f} people "
                                      f"world-wide in {year}, more than the {WORLD_POPULATION_CEILING:,} alive")


def latest_year(as_of: date, period: str = "mid-year") -> tuple[int, str]:
    """The last year whose figures of this kind can be published by `as_of`, and why: a year-end figure
    needs the year to be over, a mid-year one 30 June."""
    if period == "end-year":
        return as_of.year - 1, "a year-end figure cannot exist before the year is over"
    if as_of >= date(as_of.year, 7, 1):
        return as_of.year, "the earliest figures for a year are at 30 June"
    return as_of.year - 1, f"a figure at 30 June {as_of.year} cannot exist before that date"


def _check_years(source, tables: dict[str, pd.DataFrame], as_of: date) -> None:
    """No row for a year its period cannot have reached by `as_of`."""
    table = tables.get("tidy", tables.get("headlines"))
    if table is None or "year" not in table or table.empty:
        return
    if "value" in table and not source.checks.empty_rows_dated:
        table = table[table["value"].notna()]
    periods = table["period"].astype(str) if "period" in table else pd.Series("mid-year", index=table.index)
    limits = {period: latest_year(as_of, period) for period in periods.unique()}
    limit = periods.map(lambda period: limits[period][0])
    late = table["year"].astype("int64") > limit
    if late.any():
        first = table[late].iloc[0]
        reason = limits[periods[late].iloc[0]][1]
        where = ", ".join(f"{k}={first[k]}" for k in ("origin_iso3", "asylum_iso3", "population_type", "period")
                          if k in first and pd.notna(first[k]))
        raise ImplausibleData(source.id, "year", f"is {int(first['year'])}, after {int(limit[late].iloc[0])}, the "
                              f"latest year it can have published by {as_of.isoformat()} ({reason})",
                              f"{_rows(late.sum())}, e.g. {where}")


# --- figures ---------------------------------------------------------------------------------------

def _value_columns(table: pd.DataFrame) -> list[str]:
    skip = {"year", "period", "iso3", "unit", "app_type", "pop_type", "period_label", "sources", "notes"}
    return [c for c in table.columns if c not in skip and pd.api.types.is_numeric_dtype(table[c])]


def world_totals(source, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """World figures per year (and key), in people, as float64: indexed by (year, *keys), with the
    period beside them. Summed over countries where the source has no world table."""
    spec = source.checks.world
    table = tables[spec.table]
    keys = ["year", *spec.keys]
    values = table[_value_columns(table)].astype("float64")
    millions = [c for c in values.columns if c.endswith(MILLIONS_SUFFIX)]
    values[millions] = values[millions] * 1_000_000  # published figures are in millions
    frame = pd.concat([table[keys], values], axis=1)
    frame["year_period"] = (table["period"] if "period" in table else pd.Series("", index=table.index)).astype("string")
    grouped = frame.groupby(keys, dropna=False)
    sums = grouped[list(values.columns)].sum(min_count=1)
    sums.insert(0, "period", grouped["year_period"].first())
    return sums


def check_population_shares(source, tables: dict[str, pd.DataFrame],
                            population: pd.DataFrame | None) -> None:
    """Refuse a country's figure above its bound: its World Bank population (nearest year) for
    people counted in it, twice that for people counted by origin or for movements."""
    if population is None or population.empty:
        return
    people = population[["iso3", "year", "population"]].astype({"year": "int64", "population": "float64"})
    people = people.dropna().rename(columns={"year": "population_year"}).sort_values("population_year")
    for spec in source.checks.countries:
        if spec.share is None or spec.table not in tables:
            continue
        table = tables[spec.table]
        merged = pd.merge_asof(table.astype({"year": "int64"}).sort_values("year").astype({"iso3": "string"}),
                               people.astype({"iso3": "string"}), left_on="year", right_on="population_year",
                               by="iso3", direction="nearest")
        for column in _value_columns(table):
            share = SHARE_ABROAD_OR_MOVEMENTS if column in MOVEMENTS else spec.share
            over = merged[column].astype("float64") > share * merged["population"]
            if over.any():
                row = merged[over].iloc[0]
                bound = "its population" if share == 1 else f"{share:g} times its population"
                raise ImplausibleData(source.id, column, f"is above {bound} in {_rows(over.sum())}",
                                      f"e.g. {spec.table} {row['iso3']} {int(row['year'])}: {int(row[column]):,} "
                                      f"against {int(row['population']):,} people ({int(row['population_year'])})")


# --- against the release in force --------------------------------------------------------------------

def compare(source, tables: dict[str, pd.DataFrame], previous: dict[str, pd.DataFrame]) -> list[str]:
    """Changes from the previous release's tables beyond the review thresholds, one line each.
    Raises ImplausibleData for a world figure REFUSED_FACTOR times the previous one."""
    changes = []
    spec = source.checks.world
    if spec and spec.table in tables and spec.table in previous:
        changes += _world_changes(source.id, world_totals(source, tables), world_totals(source, previous))
    for spec in source.checks.countries:
        if spec.table in tables and spec.table in previous:
            changes += _country_changes(spec, tables[spec.table], previous[spec.table],
                                        world_floor=source.checks.world is not None)
    return changes


def _outside(now: pd.Series, was: pd.Series, factor: float) -> pd.Series:
    """At least `factor` times, or at most 1/factor of, the previous figure (from 0: any rise)."""
    return (now != was) & ((now >= factor * was) | (now * factor <= was))


def _world_changes(source_id: str, new: pd.DataFrame, old: pd.DataFrame) -> list[str]:
    joined = old.merge(new, how="outer", left_index=True, right_index=True, suffixes=("_old", "_new"))
    joined = joined.join(_latest_before(old, joined.index), how="left")
    years = pd.Series(joined.index.get_level_values(0), index=joined.index)
    same_period = (joined["period_old"] == joined["period_new"]).fillna(False).astype(bool)
    changes = []
    for column in [c for c in old.columns if c in new.columns and c != "period"]:
        was, now, latest = joined[f"{column}_old"], joined[f"{column}_new"], joined[f"{column}_latest"]
        base = was.where(was.notna(), latest)  # a new year is compared with the latest year before it
        _refuse_tenfold(source_id, column, now, base)
        step = (now - base).abs()
        both = base.notna() & now.notna() & (step > SMALL_CHANGE)
        if column in HEADLINE_STOCKS:
            held = both & ((same_period & (step > HEADLINE_REVISION * base))
                           | (~same_period & _outside(now, base, NEW_PERIOD_FACTOR)))
        else:
            held = both & same_period & _outside(now, base, OTHER_REVISION_FACTOR) & (step > OTHER_REVISION_PEOPLE)
        vanished = (was > SMALL_CHANGE) & now.isna() & (years >= new.index.get_level_values(0).min())
        changes += [_line("world", column, index, base[index], now[index]) for index in joined.index[held | vanished]]
    return changes


def _latest_before(old: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """For each (year, keys) of `index` after the old release's last year, the old release's figures
    for its last year with the same keys (NaN elsewhere): what a new year is compared with."""
    flat = old.drop(columns="period").reset_index().sort_values("year")
    keys = list(old.index.names[1:])
    wanted = index.to_frame(index=False)
    if keys:
        last = wanted.merge(flat.groupby(keys, dropna=False).tail(1).drop(columns="year"), how="left", on=keys)
    else:
        last = wanted.merge(flat.tail(1).drop(columns="year"), how="cross")
    last = last.drop(columns=list(wanted.columns)).set_axis(index)
    last.loc[~(wanted["year"] > flat["year"].max()).to_numpy()] = np.nan
    return last.add_suffix("_latest")


def _refuse_tenfold(source_id: str, column: str, now: pd.Series, base: pd.Series) -> None:
    tenfold = (now > REFUSED_FACTOR * base) & (now - base > REFUSED_PEOPLE)
    if tenfold.any():
        index = tenfold.idxmax()
        raise ImplausibleData(source_id, column, f"is more than {REFUSED_FACTOR} times the release in force's "
                              "world figure", _line("world", column, index, base[index], now[index]))


def _country_changes(spec: Figures, new: pd.DataFrame, old: pd.DataFrame, world_floor: bool) -> list[str]:
    """A country's stock doubled or halved, or gone, by more than COUNTRY_SHARE_OF_WORLD of the
    world figure (by more than SMALL_CHANGE where the source has no world figure), in a year whose
    period (mid-year, end-year) is the same in both releases."""
    keys = ["year", "iso3", *spec.keys]
    columns = [c for c in _value_columns(old) if c in new.columns and c in COUNTRY_STOCKS]
    if not columns:
        return []
    joined = old.merge(new, on=keys, how="outer", suffixes=("_old", "_new"))
    same_period = joined["year"].map(_periods(old)) == joined["year"].map(_periods(new))
    world = old.groupby(["year", *spec.keys], dropna=False)[columns].sum(min_count=1).astype("float64")
    world = joined[["year", *spec.keys]].merge(world.reset_index(), how="left", on=["year", *spec.keys])
    changes = []
    for column in columns:
        was, now = joined[f"{column}_old"].astype("float64"), joined[f"{column}_new"].astype("float64")
        floor = (SMALL_CHANGE if not world_floor
                 else np.maximum(COUNTRY_SHARE_OF_WORLD * world[column].fillna(0).to_numpy(), SMALL_CHANGE))
        big = (now.fillna(0) - was.fillna(0)).abs() > floor
        gone = was.notna() & now.isna() & (joined["year"] >= new["year"].min())
        held = same_period & big & ((was.notna() & now.notna() & _outside(now, was, COUNTRY_FACTOR)) | gone)
        for i in joined.index[held]:
            where = " ".join(str(joined.at[i, k]) for k in ["iso3", *spec.keys])
            changes.append(_line(f"{where} ({spec.table})", column, joined.at[i, "year"], was[i], now[i]))
    return changes


def _periods(table: pd.DataFrame) -> dict:
    """year -> its period (all years alike where the table has none)."""
    if "period" not in table:
        return dict.fromkeys(table["year"].unique(), "")
    return table.drop_duplicates("year").set_index("year")["period"].astype(str).to_dict()


def _line(where: str, column: str, index, was: float, now: float) -> str:
    year = index if not isinstance(index, tuple) else " ".join(str(k) for k in index)

    def shown(value: float) -> str:
        return "missing" if pd.isna(value) else f"{value:,.0f}"
    return f"{where} {column} {year}: {shown(was)} -> {shown(now)}"
