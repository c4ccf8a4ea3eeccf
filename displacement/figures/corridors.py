"""Corridors: people from one origin in one country of asylum (refugees, asylum-seekers and OIP), the
links of a Sankey from or to one country, and the Flows page's words (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from displacement.figures.countries import country_label
from displacement.formatting import exact, local_number, local_percent, millions, period_label
from displacement.text import N_, _, ngettext
from displacement.vocabulary import CROSS_BORDER

MIN_PEOPLE = 1_000  # the bundled snapshot itemises origin-to-asylum pairs of this many people or more
MAX_FIGURES = 20  # rows in the key-figures table of a brief
# The link's values (keys): a country seen as the origin of its corridors or as their asylum; shown through _().
SIDES = [N_("origin"), N_("asylum")]
TITLE = N_("Where do displaced people go?")
INTRO = N_("Corridors from a country of origin to a country of asylum: refugees, asylum-seekers and other people in "
           "need of international protection (OIP), as a stock at the end of the year.")
SOURCE_NAME = N_("UNHCR's Refugee Population Statistics Database")
NOT_ADDED = N_("Counted by country of origin and by country of asylum, the same people are never added together.")


def bundled_note() -> str:
    """What the bundled corridors hold: on the page, under the Sankey and the world table, and in the brief."""
    return _("Only origin-to-asylum pairs of {min_people} people or more, from 2000, are bundled with this "
             "dashboard; smaller corridors are counted in each country's total but not listed one by one.").format(
        min_people=local_number(MIN_PEOPLE))


def intro() -> str:
    return f"{_(INTRO)} {bundled_note()}"


def notes() -> tuple[str, ...]:
    return bundled_note(), _(NOT_ADDED)


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


# The Sankey's grouped partners: keys in the links (English), shown through partner_name().
OTHER = N_("Other countries")
SMALL = N_("Smaller corridors (under 1,000 people each, not itemised)")


def partner_name(partner: str) -> str:
    """A partner's name as shown: a country's label as it is, a group's in the viewer's language."""
    return _(partner) if partner in (OTHER, SMALL) else partner


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


def codes_by_side(corridors: pd.DataFrame, names: dict[str, str]) -> dict[str, list[str]]:
    """The countries each side's selector offers: every origin, every asylum country, in the order of their labels."""
    return {side: sorted(set(corridors[f"{side}_iso3"].astype(str)), key=lambda c: country_label(c, names))
            for side in SIDES}


def with_compact_labels(rows: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """corridor_rows() with the short labels a chart has room for ('Stateless (XXA, not a country)')."""
    return rows.assign(**{side: [country_label(c, names, compact=True) for c in rows[f"{side}_iso3"]]
                          for side in SIDES})


def largest(corridors: pd.DataFrame, side: str, year: int) -> str:
    """The largest origin (or host) in a year, counting every itemised corridor: a stable default for a release."""
    rows = corridors[corridors["year"] == year]
    return str(rows.groupby(f"{side}_iso3")[CROSS_BORDER].sum(min_count=1).sum(axis=1, min_count=1).idxmax())


def period_of(rows: pd.DataFrame, year: int) -> str:
    """'end-2024' (or 'mid-2024'), from the rows' period; end-year when there are no rows."""
    return period_label(year, rows["period"].iloc[0] if len(rows) else "end-year")


def none_itemised_note(side: str, label: str, year: int, parts: dict[str, float] | None) -> str:
    """Why no Sankey is drawn: no corridor of 1,000+ people, with the country's total when there is one."""
    values = {"min_people": local_number(MIN_PEOPLE), "country": label, "year": year}
    if side == "origin":
        none = _("No corridor of {min_people} people or more from {country} in {year} is in the bundled data.")
    else:
        none = _("No corridor of {min_people} people or more to {country} in {year} is in the bundled data.")
    sentences = [none.format(**values)]
    if parts and sum(parts.values()) > 0:
        if side == "origin":
            whole = _("UNHCR's data hold {people} people from {country} at end-{year} in total, all in corridors "
                      "under {min_people} people.")
        else:
            whole = _("UNHCR's data hold {people} people in {country} at end-{year} in total, all in corridors "
                      "under {min_people} people.")
        sentences.append(whole.format(people=millions(sum(parts.values())), **values))
    sentences.append(_("Missing is not zero: see the Countries page for totals."))
    return " ".join(sentences)


def sankey_title(side: str, label: str, period: str) -> str:
    if side == "origin":
        return _("Where people from {country} are, {period}").format(country=label, period=period)
    return _("Where the people hosted in {country} come from, {period}").format(country=label, period=period)


def sankey_unit(side: str, label: str, total: float | None) -> str:
    """The Sankey's unit line, with the country's whole figure (its own bar carries no label)."""
    if side == "origin":
        unit = _("People from {country}, by country of asylum: refugees + asylum-seekers + OIP (stock); {total} in all")
    else:
        unit = _("People hosted in {country}, by country of origin: refugees + asylum-seekers + OIP (stock); {total} "
                 "in all")
    return unit.format(country=label, total=exact(total))


def sankey_source() -> str:
    return _("UNHCR Refugee Population Statistics Database (CC BY 4.0); corridors of {min_people}+ people "
             "itemised").format(min_people=local_number(MIN_PEOPLE))


def sankey_alt(rows: pd.DataFrame, side: str, label: str, period: str, total: float, top: int) -> str:
    """The chart in words, for screen readers and the brief."""
    largest_three = "; ".join(f"{partner} {millions(people)}"
                              for partner, people in zip(rows[partner_of(side)].head(3), rows["total"].head(3)))
    if side == "origin":
        whole = _("Sankey diagram, {period}, people from {country}: {total} refugees, asylum-seekers and OIP.")
    else:
        whole = _("Sankey diagram, {period}, people hosted in {country}: {total} refugees, asylum-seekers and OIP.")
    drawn = ngettext("{count} corridor of {min_people}+ people; the top {drawn} is drawn one by one.",
                     "{count} corridors of {min_people}+ people; the top {drawn} are drawn one by one.", len(rows))
    return " ".join([whole.format(period=period, country=label, total=millions(total)),
                     _("Largest corridors: {corridors}.").format(corridors=largest_three),
                     drawn.format(count=len(rows), min_people=local_number(MIN_PEOPLE), drawn=min(top, len(rows)))])


def sankey_notes(links: pd.DataFrame, side: str, label: str, total: float) -> str:
    notes = [bundled_note()]
    small = links.loc[links["source" if side == "asylum" else "target"] == SMALL, "value"].sum()
    if small > 0:
        notes.append(_("“{group}”: {people} people, the difference between {country}'s total ({total}) and its "
                       "itemised corridors.").format(group=_(SMALL), people=millions(small), country=label,
                                                     total=millions(total)))
    return " ".join(notes)


def table_title(side: str, count: int, label: str, year: int) -> str:
    """The heading of a country's table of itemised corridors."""
    if side == "origin":
        title = ngettext("All {count} itemised corridor from {country}, {year}",
                         "All {count} itemised corridors from {country}, {year}", count)
    else:
        title = ngettext("All {count} itemised corridor to {country}, {year}",
                         "All {count} itemised corridors to {country}, {year}", count)
    return title.format(count=count, country=label, year=year)


def download_title(side: str, country: str, year: int) -> str:
    if side == "origin":
        title = _("Corridors from {country}, {year} (pairs of {min_people}+ people)")
    else:
        title = _("Corridors to {country}, {year} (pairs of {min_people}+ people)")
    return title.format(country=country, year=year, min_people=local_number(MIN_PEOPLE))


def table_headers() -> dict[str, str]:
    """The corridor tables' column headers, by column. The two code columns' headers differ by a space:
    a table's headers must be unique."""
    return {"origin": _("Country of origin"), "origin_iso3": _("ISO3"), "asylum": _("Country of asylum"),
            "asylum_iso3": _("ISO3") + " ", "refugees": _("Refugees"), "asylum_seekers": _("Asylum-seekers"),
            "oip": _("OIP"), "total": _("Total")}


def headline_sentence(rows: pd.DataFrame, parts: dict[str, float] | None, side: str, label: str, period: str,
                      cited: str) -> str | None:
    """The view's key figure: the country's total from (or in) it, the period, its largest corridor and
    the source; None when the data hold nobody from (or in) the country that year."""
    total = country_total(parts, rows)
    if not total:
        return None
    values = {"period": period, "total": millions(total), "country": label, "min_people": local_number(MIN_PEOPLE),
              "cited": cited}
    if rows.empty:
        if side == "origin":
            return _("At {period}, {total} refugees, asylum-seekers and other people in need of international "
                     "protection from {country} were abroad (a stock), none of them in a corridor of {min_people} "
                     "people or more, {cited}.").format(**values)
        return _("At {period}, {total} refugees, asylum-seekers and other people in need of international protection "
                 "were hosted in {country} (a stock), none of them in a corridor of {min_people} people or more, "
                 "{cited}.").format(**values)
    first = rows.iloc[0]
    values["largest"] = millions(first["total"])
    if side == "origin":
        return _("At {period}, {total} refugees, asylum-seekers and other people in need of international protection "
                 "from {country} were hosted abroad (a stock), the most in {partner} ({largest}), {cited}.").format(
            partner=first["asylum"], **values)
    return _("At {period}, {country} hosted {total} refugees, asylum-seekers and other people in need of international "
             "protection (a stock), the most from {partner} ({largest}), {cited}.").format(
        partner=first["origin"], **values)


def key_figures(rows: pd.DataFrame, parts: dict[str, float] | None, side: str, top: int) -> pd.DataFrame:
    """The country's largest itemised corridors (as many as the chart draws one by one, at most 20)."""
    total = sum(parts.values()) if parts else None
    shown = rows.head(min(top, MAX_FIGURES))
    return pd.DataFrame({
        _("Country of asylum") if side == "origin" else _("Country of origin"): list(shown[partner_of(side)]),
        _("People (refugees + asylum-seekers + OIP)"): shown["total"].map(exact),
        _("Share of the country's total"): [local_percent(v / total,
                                                          1) if total else _("no data") for v in shown["total"]]})


def world_caption(shown: pd.DataFrame, listed: int, year: int) -> str:
    first = shown.iloc[0]
    largest_of = ngettext("{shown} largest of {listed} itemised corridor in {year}; the largest is {origin} → "
                          "{asylum} ({total}).",
                          "{shown} largest of {listed} itemised corridors in {year}; the largest is {origin} → "
                          "{asylum} ({total}).", listed)
    return " ".join([largest_of.format(shown=len(shown), listed=local_number(listed), year=year, origin=first["origin"],
                                       asylum=first["asylum"], total=millions(first["total"])),
                     _("Click a column heading to sort."), _("“–” marks a missing figure, never zero."),
                     bundled_note()])
