"""Corridors: people from one origin in one country of asylum (refugees, asylum-seekers and OIP), and the
links of a Sankey from or to one country (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from displacement.figures.countries import country_label
from displacement.formatting import exact, millions
from displacement.vocabulary import CROSS_BORDER

MIN_PEOPLE = 1_000  # the bundled snapshot itemises origin-to-asylum pairs of this many people or more
WHO = "refugees, asylum-seekers and other people in need of international protection"
BUNDLED = (f"Only origin-to-asylum pairs of {MIN_PEOPLE:,} people or more, from 2000, are bundled with this "
           "dashboard; smaller corridors are counted in each country's total but not listed one by one.")
MAX_FIGURES = 20  # rows in the key-figures table of a brief


def corridor_rows(corridors: pd.DataFrame, year: int, names: dict[str, str], side: str | None = None,
                  iso3: str | None = None) -> pd.DataFrame:
    """Bundled corridors for a year (optionally from one origin or to one asylum country), with
    labels and a total; sorted by total."""
    rows = corridors[corridors["year"] == year]
    out = rows[["year", "period", "origin_iso3", "asylum_iso3", *CROSS_BORDER]].copy()
    for column in CROSS_BORDER:
        out[column] = out[column].astype("Int64")
        if out[column].sum() == 0:  # 0 in every corridor of a year = not collected, not nobody
            out[column] = pd.array([pd.NA] * len(out), dtype="Int64")
    if side is not None:
        out = out[out[f"{side}_iso3"] == iso3]
    out["total"] = out[CROSS_BORDER].sum(axis=1, min_count=1).astype("Int64")
    out["origin_iso3"] = out["origin_iso3"].astype(str)
    out["asylum_iso3"] = out["asylum_iso3"].astype(str)
    out.insert(3, "origin", [country_label(c, names) for c in out["origin_iso3"]])
    out.insert(5, "asylum", [country_label(c, names) for c in out["asylum_iso3"]])
    return out.sort_values(["total", "origin", "asylum"], ascending=[False, True, True]).reset_index(drop=True)


OTHER = "Other countries"
SMALL = "Smaller corridors (under 1,000 people each, not itemised)"


def sankey_links(rows: pd.DataFrame, side: str, top: int,
                 country_total: dict[str, float] | None = None) -> pd.DataFrame:
    """Links for a Sankey from one country (side='origin') or to one (side='asylum'): the top N
    partner countries, the rest grouped as 'Other countries', and, when the country's total is
    given, the people in corridors too small to be bundled. One link per partner and population
    type: columns source, target, partner_count, part, value (people, > 0)."""
    if rows.empty:
        return pd.DataFrame(columns=["source", "target", "partner_count", "part", "value"])
    own = "origin" if side == "origin" else "asylum"
    partner = "asylum" if side == "origin" else "origin"
    country = rows[own].iloc[0]
    ranked = rows.sort_values(["total", partner], ascending=[False, True]).reset_index(drop=True)
    ranked["group"] = ranked[partner].where(ranked.index < top, OTHER)
    counts = ranked.groupby("group", sort=False).size()
    grouped = ranked.groupby("group", sort=False)[CROSS_BORDER].sum(min_count=1)
    links = []
    for group, parts in grouped.iterrows():
        for part in CROSS_BORDER:
            value = parts[part]
            if pd.notna(value) and value > 0:
                links.append({"partner": group, "partner_count": int(counts[group]), "part": part,
                              "value": float(value)})
    if country_total:
        in_corridors = rows[CROSS_BORDER].sum(min_count=1)
        for part in CROSS_BORDER:
            total, bundled = country_total.get(part), in_corridors.get(part)
            if total is None or pd.isna(total):
                continue
            rest = float(total) - (0.0 if pd.isna(bundled) else float(bundled))
            if rest > 0:
                links.append({"partner": SMALL, "partner_count": 0, "part": part, "value": rest})
    out = pd.DataFrame(links)
    if out.empty:
        return pd.DataFrame(columns=["source", "target", "partner_count", "part", "value"])
    if side == "origin":
        out["source"], out["target"] = country, out["partner"]
    else:
        out["source"], out["target"] = out["partner"], country
    return out[["source", "target", "partner_count", "part", "value"]]


def country_parts(table: pd.DataFrame, year: int, iso3: str) -> dict[str, float] | None:
    """A country's refugees, asylum-seekers and OIP for a year from by_origin or by_asylum (missing
    parts left out, never zero); None when the country has no row."""
    rows = table[(table["year"] == year) & (table["iso3"] == iso3)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return {part: float(row[part]) for part in CROSS_BORDER if pd.notna(row[part])}


def partner_of(side: str) -> str:
    return "asylum" if side == "origin" else "origin"


def country_total(parts: dict[str, float] | None, rows: pd.DataFrame) -> float | None:
    """The country's whole total when its row exists (itemised or not), else the sum of its corridors."""
    if parts:
        return sum(parts.values())
    return float(rows["total"].sum()) if len(rows) else None


def none_itemised_note(side: str, label: str, year: int, parts: dict[str, float] | None) -> str:
    """Why no Sankey is drawn: no corridor of 1,000+ people, with the country's total when there is one."""
    whole = (f" UNHCR's data hold {millions(sum(parts.values()))} people {'from' if side == 'origin' else 'in'} "
             f"{label} at end-{year} in total, all in corridors under {MIN_PEOPLE:,} people."
             if parts and sum(parts.values()) > 0 else "")
    return (f"No corridor of {MIN_PEOPLE:,} people or more {'from' if side == 'origin' else 'to'} {label} in "
            f"{year} is in the bundled data.{whole} Missing is not zero: see the Countries page for totals.")


def sankey_title(side: str, label: str, period: str) -> str:
    return (f"Where people from {label} are, {period}" if side == "origin"
            else f"Where the people hosted in {label} come from, {period}")


def sankey_unit(side: str, label: str, total: float | None) -> str:
    """The Sankey's unit line, with the country's whole figure (its own bar carries no label)."""
    whom = f"from {label}, by country of asylum" if side == "origin" else f"hosted in {label}, by country of origin"
    return f"People {whom}: refugees + asylum-seekers + OIP (stock); {exact(total)} in all"


def sankey_alt(rows: pd.DataFrame, side: str, label: str, period: str, total: float, top: int) -> str:
    """The chart in words, for screen readers and the brief."""
    largest = "; ".join(f"{r[partner_of(side)]} {millions(r['total'])}" for _, r in rows.head(3).iterrows())
    return (f"Sankey diagram, {period}, people {'from' if side == 'origin' else 'hosted in'} {label}: "
            f"{millions(total)} refugees, asylum-seekers and OIP. Largest corridors: {largest}. "
            f"{len(rows)} corridors of {MIN_PEOPLE:,}+ people; the top {min(top, len(rows))} are drawn one by one.")


def sankey_notes(links: pd.DataFrame, side: str, label: str, total: float) -> str:
    notes = [BUNDLED]
    small = links.loc[links["source" if side == "asylum" else "target"] == SMALL, "value"].sum()
    if small > 0:
        notes.append(f"“{SMALL}”: {millions(small)} people, the difference between {label}'s total "
                     f"({millions(total)}) and its itemised corridors.")
    return " ".join(notes)


def headline_sentence(rows: pd.DataFrame, parts: dict[str, float] | None, side: str, label: str, period: str,
                      cited: str) -> str | None:
    """The view's key figure: the country's total from (or in) it, the period, its largest corridor and
    the source; None when the data hold nobody from (or in) the country that year."""
    total = country_total(parts, rows)
    if not total:
        return None
    if rows.empty:
        return (f"At {period}, {millions(total)} {WHO} "
                + (f"from {label} were abroad" if side == "origin" else f"were hosted in {label}")
                + f" (a stock), none of them in a corridor of {MIN_PEOPLE:,} people or more, {cited}.")
    first = rows.iloc[0]
    if side == "origin":
        return (f"At {period}, {millions(total)} {WHO} from {label} were hosted abroad (a stock), the most "
                f"in {first['asylum']} ({millions(first['total'])}), {cited}.")
    return (f"At {period}, {label} hosted {millions(total)} {WHO} (a stock), the most from "
            f"{first['origin']} ({millions(first['total'])}), {cited}.")


def key_figures(rows: pd.DataFrame, parts: dict[str, float] | None, side: str, top: int) -> pd.DataFrame:
    """The country's largest itemised corridors (as many as the chart draws one by one, at most 20)."""
    total = sum(parts.values()) if parts else None
    shown = rows.head(min(top, MAX_FIGURES))
    return pd.DataFrame({
        "Country of asylum" if side == "origin" else "Country of origin": list(shown[partner_of(side)]),
        "People (refugees + asylum-seekers + OIP)": shown["total"].map(exact),
        "Share of the country's total": [f"{v / total:.1%}" if total else "no data" for v in shown["total"]]})


def world_caption(shown: pd.DataFrame, listed: int, year: int) -> str:
    first = shown.iloc[0]
    return (f"{len(shown)} largest of {listed:,} itemised corridors in {year}; the largest is "
            f"{first['origin']} → {first['asylum']} ({millions(first['total'])}). Click a column heading to sort. "
            "“–” marks a missing figure, never zero. " + BUNDLED)
