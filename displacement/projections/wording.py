"""The Projections page in words (no Streamlit): labels of the series, how far off the method has been,
the cards, the chart's alternative text, the model card, the sentence to quote and the brief's table.
A projected value is always named "projection" and never given as an official figure."""

from __future__ import annotations

import pandas as pd

from displacement.formatting import according_to, exact, millions
from displacement.projections import DEFAULT_MODEL, MODELS, Projection, versus_naive
from displacement.projections.scenarios import ScenarioSettings
from displacement.projections.series import WORLD_SERIES
from displacement.vocabulary import LABELS

YEARS_AHEAD = {1: "one year ahead", 2: "two years ahead", 3: "three years ahead", 4: "four years ahead",
               5: "five years ahead"}
MODEL_OPTION = f"{MODELS[DEFAULT_MODEL].label}, or held flat where it did no better (default)"
MAX_FIGURES = 20  # rows in the key-figures table of a brief
WHO = "Refugees, asylum-seekers and other people in need of international protection"


def series_label(name: str, iso3: str | None, perspective: str, names: dict[str, str]) -> str:
    if not iso3:
        return LABELS[WORLD_SERIES if name == "forcibly_displaced" else name]
    where = f"{'from' if perspective == 'origin' else 'in'} {names.get(iso3, iso3)}"
    return f"{WHO} {where}" if name == "forcibly_displaced" else f"{LABELS[name]} {where}"


def series_option(name: str, country: bool) -> str:
    if country and name == "forcibly_displaced":
        return "Refugees + asylum-seekers + other in need of int. protection"
    return LABELS[WORLD_SERIES if name == "forcibly_displaced" else name]


def range_text(row: pd.Series, level: str = "80") -> str:
    lo, hi = row[f"lo{level}"], row[f"hi{level}"]
    if pd.isna(lo) or pd.isna(hi):
        return "no range (too short a record)"
    return f"{millions(lo)} to {millions(hi)}"


def scenario_words(settings: ScenarioSettings) -> str:
    parts = []
    if settings.change:
        parts.append(f"{settings.change / 1e6:+,.1f} million a year" if settings.unit == "abs"
                     else f"{settings.change:+.1f}% a year")
    if settings.shock_size:
        decay = f", shrinking {settings.shock_decay_pct:g}% a year" if settings.shock_decay_pct else ""
        parts.append(f"a new crisis displaces {settings.shock_size / 1e6:,.1f} million in {settings.shock_year}{decay}")
    if settings.return_pct:
        parts.append(f"{settings.return_pct:g}% return each year")
    return "; ".join(parts)


def digits(row: pd.Series) -> int:
    """0, or 1 where the method's and holding flat's errors round to the same whole percent but differ."""
    mine, flat = row.get("mape"), row.get("naive_mape")
    return int(pd.notna(mine) and pd.notna(flat) and round(mine) == round(flat) and mine != flat)


def percent(value: float, places: int = 0) -> str:
    return "" if pd.isna(value) else f"{value:.{places}f}%"


def share(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"


def years_list(years) -> str:
    years = sorted(years)
    return ", ".join(map(str, years[:-1])) + (" and " if len(years) > 1 else "") + str(years[-1])


def off_by(record: pd.DataFrame, column: str = "mape", horizons=(1, 3, 5)) -> str:
    """'6% one year ahead, 14% three years ahead and 20% five years ahead' from a versus-naive table (a
    decimal where the method and holding flat would otherwise read the same)."""
    parts = [f"{percent(record.loc[h, column], digits(record.loc[h]))} {YEARS_AHEAD[h]}" for h in horizons
             if h in record.index and pd.notna(record.loc[h, column])]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + (parts[-1] if parts else "")


def record_span(p: Projection) -> str:
    origins = p.record.origins
    return f"{min(origins)}-{max(origins)}" if origins else "no past year"


def compared(p: Projection) -> str:
    """The method whose record is set beside holding flat: the one shown, or, where the page fell back to
    holding flat, the default method it fell back from."""
    return DEFAULT_MODEL if p.model == "naive" and p.chosen_by == "default" else p.model


def choice_text(p: Projection) -> tuple[str, str]:
    """('warning' or 'info', what is shown and how far off it has been, in plain words)."""
    record = versus_naive(p.record, compared(p))
    span = record_span(p)
    if record["n"].fillna(0).eq(0).all():
        return "warning", f"**{p.model_label}.** {p.reason} There are no past forecasts to check it against yet."
    if p.model == "naive" and p.chosen_by == "default":
        return "warning", (
            f"**The last figure is held flat ({millions(p.last_value)}, {p.fit_end}).** The default method "
            f"({MODELS[DEFAULT_MODEL].label.lower()}) did no better for this series: forecasts it made each year "
            f"{span}, with only the data known then, were off by {off_by(record)} on average; holding the last "
            f"figure flat was off by {off_by(record, 'naive_mape')}. The shaded range shows how far the series has "
            "moved from a flat forecast before.")
    chosen = "the dashboard's default" if p.chosen_by == "default" else "chosen by you"
    ahead = min(len(p.frame), 5)
    held = "" if p.headline_ok(ahead) else (
        f" At {YEARS_AHEAD[ahead]} it did no better than holding the figure flat, so the headline figure for "
        f"{int(p.frame['year'].iloc[-1])} holds the last one flat.")
    return "info", (f"**{p.model_label}**, {chosen}. Forecasts it made for this series each year {span}, with only "
                    f"the data known then, were off by {off_by(record)} on average; holding the last figure flat was "
                    f"off by {off_by(record, 'naive_mape')}.{held}")


def cards(p: Projection | None, history: pd.Series) -> list[tuple[str, str, str]]:
    """(label, figure, help) of the cards: the last official figure, then the headlined projection and its range."""
    last_year = int(history.index[-1])
    shown = [(f"Last official figure ({last_year})", millions(history.iloc[-1]),
              f"{history.iloc[-1]:,.0f} people (official, a stock at the end of {last_year}).")]
    if p is None:
        return shown
    end, held = p.headline()
    year = int(end["year"])
    if held:
        record = p.versus_naive.loc[min(len(p.frame), 5)]
        shown.append((f"Held flat for {year} (not official)", millions(end["point"]), (
            f"At {YEARS_AHEAD[min(len(p.frame), 5)]}, forecasts by {p.model_label} for this series were off by "
            f"{record['mape']:.0f}% on average, holding the figure flat by {record['naive_mape']:.0f}%: the "
            f"headline holds the last figure flat. {p.model_label}'s projection is still drawn on the chart.")))
    else:
        shown.append((f"Projection for {year} (not official)", millions(end["point"]),
                      f"{end['point']:,.0f} people: a projection by {p.model_label}, not an official figure."))
    shown.append(("Its 80% range (projection)", range_text(end).replace(" million", " M").replace(" to ", "–"),
                  f"95% range: {range_text(end, '95')}."))
    return shown


def chart_alt(history: pd.Series, p: Projection | None, vintages: dict[int, pd.DataFrame] | None,
              scenario: pd.DataFrame | None, settings: ScenarioSettings | None) -> str:
    alt = f"Line chart. Official figures up to {int(history.index[-1])} ({millions(history.iloc[-1])}) as a solid line."
    if p is not None:
        end = p.frame.iloc[-1]
        alt += (f" Dashed projection ({p.model_label}) to {int(end['year'])}: {millions(end['point'])} "
                f"(80% range {range_text(end)}; 95% range {range_text(end, '95')}).")
    for origin, path in sorted((vintages or {}).items()):
        alt += f" Projected with data to {origin}: {millions(path['point'].iloc[-1])} in {int(path['year'].iloc[-1])}."
    if scenario is not None:
        alt += (f" Dotted scenario ({scenario_words(settings)}): {millions(scenario['value'].iloc[-1])} in "
                f"{int(scenario['year'].iloc[-1])}.")
    return alt


def track_record_table(p: Projection) -> pd.DataFrame:
    """The compared method next to holding flat, by years ahead, in plain words."""
    model = compared(p)
    versus = versus_naive(p.record, model)
    places = versus.apply(digits, axis=1)
    own = p.record.of(model).reindex(versus.index)
    return pd.DataFrame({
        "Years ahead": versus.index,
        "Off by, on average": [percent(v, d) for v, d in zip(versus["mape"], places)],
        "Held flat: off by": [percent(v, d) for v, d in zip(versus["naive_mape"], places)],
        "Half its forecasts within": versus["mdape"].map(percent),
        "80% range held the figure": own["coverage80"].map(share),
        "95% range held the figure": own["coverage95"].map(share),
        "Past forecasts": versus["n"].fillna(0).astype(int)})


def track_record_alt(p: Projection) -> str:
    model = compared(p)
    versus = versus_naive(p.record, model)
    return (f"Line chart of how far off each method's forecasts were, by years ahead. {MODELS[model].label}: "
            f"off by {off_by(versus, horizons=versus.index)}; holding the last figure flat: "
            f"{off_by(versus, 'naive_mape', versus.index)}.")


def skipped_note(p: Projection) -> str | None:
    record = p.record
    skipped = [o for o in record.abstained if record.origins and min(record.origins) <= o <= max(record.origins)]
    if not skipped:
        return None
    return (f"No forecast was made in {years_list(skipped)}: too few years at the series' level then to fit one "
            "(as the page shows none today for such a series).")


def exact_measures(record, models: list[str]) -> pd.DataFrame:
    """The track record's exact measures for the model card (what the command line's --backtest prints)."""
    rows = record.summary[record.summary["model"].isin(models) & record.summary["horizon"].isin(record.horizons)]
    rows = rows.assign(order=rows["model"].map({m: i for i, m in enumerate(models)})).sort_values(["order", "horizon"])
    return pd.DataFrame({
        "Model": rows["model"].map(lambda m: MODELS[m].label), "Years ahead": rows["horizon"], "n": rows["n"],
        "MAPE %": rows["mape"].round(1), "Median APE %": rows["mdape"].round(1), "MASE": rows["mase"].round(2),
        "MASE / naive": rows["rel_mase"].round(3), "80% coverage": rows["coverage80"].round(2),
        "95% coverage": rows["coverage95"].round(2), "Ranges checked": rows["n_coverage"]})


def model_card(p: Projection, label: str, source: str) -> list[str]:
    """The model card's paragraphs (Markdown; `label` already made inert by the caller); the exact measures
    go between the track record and the ranges."""
    chosen = "chosen by you" if p.chosen_by == "user" else "the default"
    window = "every year its fit rule allows" if not p.window else f"only the last {p.window} of them"
    if p.scope != "country":
        ceiling = []
    elif p.ceiling is not None:
        ceiling = [f"**Ceiling.** No projected value or range goes above {millions(p.ceiling)}: {p.ceiling_note}."]
    else:
        ceiling = ["**Ceiling.** None: a host country can receive more people, so figures by asylum have no physical "
                   "upper bound here."]
    return [
        f"**What this is.** A projection of *{label}*: a statistical extension of past figures, labelled "
        "“projection” wherever it appears. It is not an official figure and is never added to one.",
        f"**Method.** {p.model_label}, {chosen}. {MODELS[p.model].method} {p.reason}",
        f"**How the default was chosen.** Once, for every series alike: {MODELS[DEFAULT_MODEL].label.lower()} was "
        "picked by a rule declared beforehand, from it and combinations of the other methods, on the record of the "
        "largest countries of origin and of asylum and the world total, and checked on the next-largest countries. "
        "It is never re-chosen per series. On the page it gives way to holding the last figure flat only where its "
        "own record for the series is no better at any of 1, 3 and 5 years ahead, and a year is headlined only where "
        "its record at that distance beats holding flat.",
        f"**Data.** {source}: yearly figures {p.first_observed}-{p.fit_end}; today's fit uses "
        f"{p.fit_start}-{p.fit_end} ({window}). The last official figure is {millions(p.last_value)} ({p.fit_end}).",
        f"**Fit years.** {p.fit_rule}",
        *ceiling,
        f"**Track record.** Every year {record_span(p)}, the whole procedure (fit years, forecast, ranges) was run "
        "with only the data known then; the measures below compare its forecasts with today's figures. MAPE: mean "
        "absolute % error; median APE: its median; MASE: mean absolute error over the mean one-year change of the "
        "fitted years; MASE / naive below 1: closer than holding the figure flat; coverage: the share of actual "
        "figures inside the range, measured out of sample.",
    ]


def model_card_end(p: Projection) -> list[str]:
    return ["**Ranges.** " + p.interval_method.replace("|log(actual/forecast)|", "the forecasts' relative errors"),
            "**Known limits.**\n" + "\n".join(f"- {limit}" for limit in p.limits)]


def headline_sentence(history: pd.Series, p: Projection | None, label: str, cited: tuple[str, dict],
                      why_not: str) -> str:
    """The last official figure with its source, then the projection, named as such (never an official
    figure), with its 80% range and method."""
    official = (f"{label} stood at {millions(history.iloc[-1])} at the end of {int(history.index[-1])} (official "
                f"figure, a stock), {according_to([cited])}")
    if p is None:
        return f"{official}; no projection could be made ({why_not.rstrip('.')})."
    end, held = p.headline()
    if held:
        return (f"{official}; this dashboard's projection, not an official figure, holds it flat at "
                f"{millions(end['point'])} to the end of {int(end['year'])} (80% range {range_text(end)}): at that "
                f"distance, {p.model_label}'s past forecasts for this series were no closer than holding the figure "
                "flat.")
    return (f"{official}; this dashboard's projection ({p.model_label}, fitted on {p.fit_start}-{p.fit_end}), "
            f"not an official figure, puts it at {millions(end['point'])} at the end of {int(end['year'])} "
            f"(80% range {range_text(end)}).")


def headlined(table: pd.DataFrame, p: Projection | None) -> pd.DataFrame:
    """The labelled rows with each projected year as it may be headlined: held flat (naive's value and range,
    kind "projection (held flat)") where the shown method's record at that distance is worse."""
    if p is None:
        return table
    out = table.copy()
    for h in range(1, len(p.frame) + 1):
        row, held = p.headline(h)
        if held:
            at = (out["label"] == "projection") & (out["year"] == int(row["year"]))
            out.loc[at, ["value", "lo80", "hi80"]] = [round(row["point"]), round(row["lo80"]), round(row["hi80"])]
            out.loc[at, "label"] = "projection (held flat)"
    return out


def key_figures(table: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """The last official figure, then each projected year with its 80% range (as headlined), then the
    scenario (its last year only when the table would exceed 20 rows)."""
    rows = table[table["year"] >= last_year]
    rows = rows[(rows["label"] != "official") | (rows["year"] == last_year)]
    scenario = rows[rows["label"] == "scenario"]
    if len(rows) > MAX_FIGURES and len(scenario):
        rows = pd.concat([rows[rows["label"] != "scenario"], scenario.tail(1)])
    rows = rows.head(MAX_FIGURES)
    ranges = [f"{exact(lo)} to {exact(hi)}" if pd.notna(lo) and pd.notna(hi) else "" for lo, hi
              in zip(rows["lo80"], rows["hi80"])]
    return pd.DataFrame({"Year (end of)": rows["year"].astype(int).astype(str), "Kind": rows["label"],
                         "People": rows["value"].map(exact), "80% range (projection)": ranges})


def brief_notes(p: Projection | None, settings: ScenarioSettings | None) -> tuple[str, ...]:
    notes = ["Projection, not an official figure: a statistical extension of past figures by this dashboard, never "
             "added to an official figure."]
    if p is not None:
        chosen = "the default" if p.chosen_by == "default" else "chosen by the user"
        notes.append(f"Method: {p.model_label} ({chosen}); its track record and its 80% and 95% ranges come from "
                     f"forecasts it made each year {record_span(p)} with only the data known then.")
    if settings is not None:
        notes.append(f"Scenario rows follow the user's assumptions ({scenario_words(settings)}), not the data: not a "
                     "forecast and not an official figure.")
    return tuple(notes)
