"""The Projections page in words (no Streamlit): labels of the series, how far off the method has been,
the cards, the chart's alternative text, the model card, the sentence to quote and the brief's table.
A projected value is always named "projection" and never given as an official figure.

Every sentence goes through the text layer (displacement/text.py): constants hold messages marked `N_` and are
translated where they are shown; the functions return text in the viewer's language."""

from __future__ import annotations

import pandas as pd

from displacement.formatting import (
    according_to,
    exact,
    local_number,
    local_percent,
    markdown_text,
    millions,
    short_millions,
)
from displacement.projections import DEFAULT_MODEL, MAX_HORIZON, MODELS, Projection, versus_naive
from displacement.projections.scenarios import ScenarioSettings
from displacement.projections.series import SERIES, WORLD_SERIES
from displacement.text import N_, _, ngettext
from displacement.vocabulary import UNHCR_SOURCE_LINE, label, short_label

TITLE = N_("Where is displacement heading?")
INTRO = N_("Projections extend past figures a few years ahead, with ranges calibrated on how well the same method "
           "did before. They are not official figures: every projected value is labelled “projection”, drawn dashed "
           "over a shaded range, and never added to an official figure.")
# Sections as tabs whose choice lives in the link (?section=Track+record): the English names are the keys.
PROJECTION = N_("Projection")
TRACK_RECORD = N_("Track record")
MODEL_CARD = N_("Model card")
CLAIM_CHECK = N_("Claim check")
SECTIONS = [PROJECTION, TRACK_RECORD, MODEL_CARD, CLAIM_CHECK]
GLOBAL_SERIES = SERIES
COUNTRY_SERIES = ["forcibly_displaced", "refugees", "asylum_seekers", "oip"]
HORIZONS = list(range(1, MAX_HORIZON + 1))
DEFAULT_HORIZON = 5
MODEL_CHOICES = ["auto", *MODELS]
WORLD = ""  # the country selector's "whole world" option: no iso3 in the URL
PERSPECTIVES = {"origin": N_("People from the country (origin)"), "asylum": N_("People in the country (asylum)")}
PERSPECTIVE_OPTIONS = {"origin": N_("from it"), "asylum": N_("in it")}
WINDOWS = {"all": N_("All years"), "20": N_("Last 20 years"), "15": N_("Last 15 years"), "10": N_("Last 10 years")}
GLOBAL_SOURCE_IDS = ["population", "unrwa", "idmc"]
GLOBAL_SOURCE = N_("UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)")
COUNTRY_SOURCE = UNHCR_SOURCE_LINE
COUNTRY_SOURCE_WITH_POPULATION = N_("UNHCR Refugee Population Statistics Database (CC BY 4.0); population: World "
                                    "Bank (CC BY 4.0)")
WHERE_HELP = N_("A country's series counts refugees, asylum-seekers and other people in need of international "
                "protection from it or in it (UNHCR). Its internally displaced people are not included.")
PERSPECTIVE_HELP = N_("{origin} or {asylum}. The two count the same people twice: never add them.")
HORIZON_HELP = N_("Beyond 5 years nothing has been checked against a track record.")
WINDOW_HELP = N_("All the years the fit rule allows (the default) or only the most recent of them. Whichever you "
                 "pick, the track record is remade with the same choice at every past year.")
VINTAGES_HELP = N_("What the same method projected with the data up to one, two and three years before the last "
                   "official figure (recomputed on today's revised data). How far they moved from year to year is how "
                   "far today's may move.")
KIND_HELP = N_("official: published data. projection: this model's output. scenario: your assumptions.")
TRACK_RECORD_CAPTION = N_(
    "Each year {span}, the method was run with only the figures known that year (which years to fit, the forecast, "
    "its ranges) and its forecasts were compared with what happened, in today's figures. “Off by”: the average "
    "distance from the actual figure. “Range held”: how often the actual figure fell inside the range. The exact "
    "measures are in the model card.")
CLAIM_TITLE = N_("“Growing by 10 million each year” next to what happened")
CLAIM_UNIT = N_("People forcibly displaced (stock at the end of each year; UNHCR's basis)")
HELD_FLAT = N_("projection (held flat)")  # the kind of a projected row headlined as the last figure held flat
# The kinds of rows (labelled_rows' "label"): kept in English as keys, shown through _().
KINDS = (N_("official"), N_("projection"), N_("scenario"), HELD_FLAT)
YEARS_AHEAD = {1: N_("one year ahead"), 2: N_("two years ahead"), 3: N_("three years ahead"),
               4: N_("four years ahead"), 5: N_("five years ahead")}
MAX_FIGURES = 20  # rows in the key-figures table of a brief
RANGE_COLUMNS = ["value", "lo80", "hi80", "lo95", "hi95"]


def and_list(items: list[str]) -> str:
    """'a, b and c' ('a' alone; '' for none)."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


# --- the controls ------------------------------------------------------------------------------------------


def horizon_expected() -> str:
    return _("a number of years from 1 to {last}").format(last=MAX_HORIZON)


def where_option(code: str, names: dict[str, str]) -> str:
    """The country selector's option: the world (no code) or a country with its code."""
    return _("The world (global totals)") if code == WORLD else f"{names[code]} ({code})"


def perspective_help() -> str:
    return _(PERSPECTIVE_HELP).format(origin=_(PERSPECTIVES["origin"]), asylum=_(PERSPECTIVES["asylum"]))


def world_only_notice(shown_value: str) -> str:
    """A link asked a country for a series only the world has (`shown_value` already made inert)."""
    return _("Link parameter “series” = “{value}” is only available for the world: showing this country's refugees, "
             "asylum-seekers and other people in need of international protection.").format(value=shown_value)


def model_option(model: str) -> str:
    """The model selector's option ("auto": the default, or held flat where it did no better)."""
    if model == "auto":
        return _("{method}, or held flat where it did no better (default)").format(
            method=_(MODELS[DEFAULT_MODEL].label))
    return _(MODELS[model].label)


def model_labels() -> dict[str, str]:
    return {name: _(spec.label) for name, spec in MODELS.items()}


def series_label(name: str, iso3: str | None, perspective: str, names: dict[str, str]) -> str:
    if not iso3:
        return label(WORLD_SERIES if name == "forcibly_displaced" else name)
    country = names.get(iso3, iso3)
    if name == "forcibly_displaced":
        if perspective == "origin":
            return _("Refugees, asylum-seekers and other people in need of international protection from "
                     "{country}").format(country=country)
        return _("Refugees, asylum-seekers and other people in need of international protection in "
                 "{country}").format(country=country)
    if perspective == "origin":
        return _("{series} from {country}").format(series=label(name), country=country)
    return _("{series} in {country}").format(series=label(name), country=country)


def series_option(name: str, country: bool) -> str:
    if country and name == "forcibly_displaced":
        return _("Refugees + asylum-seekers + other in need of int. protection")
    return label(WORLD_SERIES if name == "forcibly_displaced" else name)


def sources_of(iso3: str | None, ceiling: bool) -> tuple[list[str], str]:
    """The sources a series reads (a country's ceiling adds the World Bank's population) and their line."""
    if not iso3:
        return list(GLOBAL_SOURCE_IDS), _(GLOBAL_SOURCE)
    if ceiling:
        return ["population", "worldbank-population"], _(COUNTRY_SOURCE_WITH_POPULATION)
    return ["population"], _(COUNTRY_SOURCE)


def no_projection_notice(series: str, why_not: str) -> str:
    """Markdown: no projection for the series, and why (both made inert)."""
    return _("**No projection for {series}.** {why}. The official figures and any scenario are still shown.").format(
        series=markdown_text(series), why=markdown_text(why_not[:1].upper() + why_not[1:]))


def no_figures(series: str, in_the_data: bool) -> str:
    """Markdown: the series has no figures (none in the data, or none left to show)."""
    if in_the_data:
        return markdown_text(_("No figures to show for {series}.").format(series=series))
    return markdown_text(_("No figures for {series} in the data.").format(series=series))


def no_record_notice(series: str) -> str:
    return markdown_text(_("No projection for {series}, so no track record or model card.").format(series=series))


def cited_source(iso3: str | None) -> str:
    """The source named in the sentence to quote."""
    if iso3:
        return _("UNHCR's Refugee Population Statistics Database")
    return _("UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via UNHCR")


# --- figures in words ---------------------------------------------------------------------------------------


def range_text(row: pd.Series, level: str = "80") -> str:
    lo, hi = row[f"lo{level}"], row[f"hi{level}"]
    if pd.isna(lo) or pd.isna(hi):
        return _("no range (too short a record)")
    return _("{low} to {high}").format(low=millions(lo), high=millions(hi))


def _card_millions(value: float) -> str:
    return short_millions(value) if abs(value) >= 1_000_000 else millions(value)


def card_range(row: pd.Series) -> str:
    """The 80% range for a narrow card: '30.1 M–35.2 M'."""
    if pd.isna(row["lo80"]) or pd.isna(row["hi80"]):
        return _("no range (too short a record)")
    return f"{_card_millions(row['lo80'])}–{_card_millions(row['hi80'])}"


def scenario_words(settings: ScenarioSettings) -> str:
    parts = []
    if settings.change:
        parts.append(_("{change} million a year").format(change=local_number(settings.change / 1e6, 1, sign=True))
                     if settings.unit == "abs" else _("{change}% a year").format(
                         change=local_number(settings.change, 1, grouping=False, sign=True)))
    if settings.shock_size:
        size = local_number(settings.shock_size / 1e6, 1)
        parts.append(_("a new crisis displaces {size} million in {year}, shrinking {decay}% a year").format(
            size=size, year=settings.shock_year, decay=f"{settings.shock_decay_pct:g}")
            if settings.shock_decay_pct else
            _("a new crisis displaces {size} million in {year}").format(size=size, year=settings.shock_year))
    if settings.return_pct:
        parts.append(_("{rate}% return each year").format(rate=f"{settings.return_pct:g}"))
    return "; ".join(parts)


def digits(row: pd.Series) -> int:
    """0, or 1 where the method's and holding flat's errors round to the same whole percent but differ."""
    mine, flat = row.get("mape"), row.get("naive_mape")
    return int(pd.notna(mine) and pd.notna(flat) and round(mine) == round(flat) and mine != flat)


def percent(value: float, places: int = 0) -> str:
    return "" if pd.isna(value) else f"{value:.{places}f}%"


def share(value: float) -> str:
    return "" if pd.isna(value) else local_percent(value, 0)


def years_list(years) -> str:
    return and_list([str(year) for year in sorted(years)])


def off_by(record: pd.DataFrame, column: str = "mape", horizons=(1, 3, 5)) -> str:
    """'6% one year ahead, 14% three years ahead and 20% five years ahead' from a versus-naive table (a
    decimal where the method and holding flat would otherwise read the same)."""
    return and_list([_("{percent} {years_ahead}").format(percent=percent(record.loc[h, column], digits(record.loc[h])),
                                                         years_ahead=_(YEARS_AHEAD[h]))
                     for h in horizons if h in record.index and pd.notna(record.loc[h, column])])


def record_span(p: Projection) -> str:
    origins = p.record.origins
    return f"{min(origins)}-{max(origins)}" if origins else _("no past year")


def compared(p: Projection) -> str:
    """The method whose record is set beside holding flat: the one shown, or, where the page fell back to
    holding flat, the default method it fell back from."""
    return DEFAULT_MODEL if p.model == "naive" and p.chosen_by == "default" else p.model


def choice_text(p: Projection) -> tuple[str, str]:
    """('warning' or 'info', what is shown and how far off it has been, in plain words)."""
    record = versus_naive(p.record, compared(p))
    span = record_span(p)
    if record["n"].fillna(0).eq(0).all():
        return "warning", _("**{method}.** {reason} There are no past forecasts to check it against yet.").format(
            method=p.model_label, reason=p.reason)
    if p.model == "naive" and p.chosen_by == "default":
        return "warning", _(
            "**The last figure is held flat ({value}, {year}).** The default method ({default}) did no better for "
            "this series: forecasts it made each year {span}, with only the data known then, were off by {off} on "
            "average; holding the last figure flat was off by {flat_off}. The shaded range shows how far the series "
            "has moved from a flat forecast before.").format(
            value=millions(p.last_value), year=p.fit_end, default=_(MODELS[DEFAULT_MODEL].label).lower(), span=span,
            off=off_by(record), flat_off=off_by(record, "naive_mape"))
    chosen = _("the dashboard's default") if p.chosen_by == "default" else _("chosen by you")
    sentences = [_("**{method}**, {chosen}. Forecasts it made for this series each year {span}, with only the data "
                   "known then, were off by {off} on average; holding the last figure flat was off by "
                   "{flat_off}.").format(method=p.model_label, chosen=chosen, span=span, off=off_by(record),
                                         flat_off=off_by(record, "naive_mape"))]
    ahead = min(len(p.frame), 5)
    if not p.headline_ok(ahead):
        sentences.append(_("At {years_ahead} it did no better than holding the figure flat, so the headline figure "
                           "for {year} holds the last one flat.").format(years_ahead=_(YEARS_AHEAD[ahead]),
                                                                         year=int(p.frame["year"].iloc[-1])))
    return "info", " ".join(sentences)


def _headline_card(p: Projection) -> tuple[str, str, str]:
    end, held = p.headline()
    year = int(end["year"])
    if not held:
        return (_("Projection for {year} (not official)").format(year=year), millions(end["point"]),
                _("{people} people: a projection by {method}, not an official figure.").format(
                    people=local_number(end['point'], 0), method=p.model_label))
    ahead = min(len(p.frame), 5)
    record = p.versus_naive.loc[ahead]
    return (_("Held flat for {year} (not official)").format(year=year), millions(end["point"]), _(
        "At {years_ahead}, forecasts by {method} for this series were off by {off}% on average, holding the figure "
        "flat by {flat_off}%: the headline holds the last figure flat. {method}'s projection is still drawn on the "
        "chart.").format(years_ahead=_(YEARS_AHEAD[ahead]), method=p.model_label, off=local_number(record['mape'],
                                                                                                   0, grouping=False),
                         flat_off=local_number(record['naive_mape'], 0, grouping=False)))


def cards(p: Projection | None, history: pd.Series) -> list[tuple[str, str, str]]:
    """(label, figure, help) of the cards: the last official figure, then the headlined projection and its range."""
    last_year = int(history.index[-1])
    shown = [(_("Last official figure ({year})").format(year=last_year), millions(history.iloc[-1]),
              _("{people} people (official, a stock at the end of {year}).").format(
                  people=local_number(history.iloc[-1], 0), year=last_year))]
    if p is None:
        return shown
    end = p.headline()[0]
    return [*shown, _headline_card(p), (_("Its 80% range (projection)"), card_range(end),
                                        _("95% range: {range}.").format(range=range_text(end, "95")))]


# --- the charts' words -------------------------------------------------------------------------------------


def official_name(name: str, iso3: str | None) -> str:
    """The legend's name of the official figures."""
    return _("Official figures") if iso3 else _("{series} (official)").format(series=short_label(name))


def fan_title(series: str) -> str:
    return _("{series}: official figures and projection").format(series=series)


def fan_source(source: str) -> str:
    return _("{source}. Projection: this dashboard's model, not an official figure").format(source=source)


def fan_unit(vintages: bool, settings: ScenarioSettings | None) -> str:
    """What the lines mean: official, projection, and the earlier projections and scenario when drawn."""
    sentences = [_("People (a stock at the end of each year). Solid: official. Dashed with shaded 80% and 95% "
                   "ranges: projection.")]
    if vintages:
        sentences.append(_("Thin grey dots: earlier projections."))
    if settings is not None:
        sentences.append(_("Dotted: scenario ({assumptions}).").format(assumptions=scenario_words(settings)))
    return " ".join(sentences)


def vintages_label(last_year: int) -> str:
    return _("Show earlier projections (made with data to {first}, {second} and {third})").format(
        first=last_year - 3, second=last_year - 2, third=last_year - 1)


def chart_alt(history: pd.Series, p: Projection | None, vintages: dict[int, pd.DataFrame] | None,
              scenario: pd.DataFrame | None, settings: ScenarioSettings | None) -> str:
    sentences = [_("Line chart. Official figures up to {year} ({value}) as a solid line.").format(
        year=int(history.index[-1]), value=millions(history.iloc[-1]))]
    if p is not None:
        end = p.frame.iloc[-1]
        sentences.append(_("Dashed projection ({method}) to {year}: {value} (80% range {range80}; 95% range "
                           "{range95}).").format(method=p.model_label, year=int(end["year"]),
                                                 value=millions(end["point"]), range80=range_text(end),
                                                 range95=range_text(end, "95")))
    for origin, path in sorted((vintages or {}).items()):
        sentences.append(_("Projected with data to {origin}: {value} in {year}.").format(
            origin=origin, value=millions(path["point"].iloc[-1]), year=int(path["year"].iloc[-1])))
    if scenario is not None:
        sentences.append(_("Dotted scenario ({assumptions}): {value} in {year}.").format(
            assumptions=scenario_words(settings), value=millions(scenario["value"].iloc[-1]),
            year=int(scenario["year"].iloc[-1])))
    return " ".join(sentences)


def claim_sentence(claim_text: str, claim_source: str) -> str:
    """The claim checked, with when it was made (Markdown is the caller's: the words are plain)."""
    return _("UNHCR estimated {claim} {when}. This is a check of that claim against the data, not a "
             "projection.").format(claim=claim_text, when=claim_source)


def claim_alt(verdict: str) -> str:
    return _("Line chart of the data and of what the claim implied. {verdict}").format(verdict=verdict)


# --- the year-by-year rows and the downloads ------------------------------------------------------------


def recent_rows(table: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """The labelled rows from two years before the last official figure, figures in full, kinds in words."""
    recent = table[(table["year"] >= last_year - 2)]
    return recent.assign(label=recent["label"].map(_), **{
        c: recent[c].map(lambda v: "" if pd.isna(v) else local_number(v, 0))
        for c in RANGE_COLUMNS}).drop(columns="series")


def row_headers() -> dict[str, str]:
    """The headers of the year-by-year rows' columns (the year's and the kind's are set apart by the page)."""
    return {"year": _("Year"), "label": _("Kind"), "value": _("People"), "lo80": _("80% low"), "hi80": _("80% high"),
            "lo95": _("95% low"), "hi95": _("95% high"), "method": _("How")}


def download_title(series: str, with_scenario: bool) -> str:
    if with_scenario:
        return _("{series}: official figures (label 'official') and projection (label 'projection'; not an "
                 "official figure) and scenario (label 'scenario')").format(series=series)
    return _("{series}: official figures (label 'official') and projection (label 'projection'; not an official "
             "figure)").format(series=series)


# --- the track record ------------------------------------------------------------------------------------


def track_record_table(p: Projection) -> pd.DataFrame:
    """The compared method next to holding flat, by years ahead, in plain words."""
    model = compared(p)
    versus = versus_naive(p.record, model)
    places = versus.apply(digits, axis=1)
    own = p.record.of(model).reindex(versus.index)
    return pd.DataFrame({
        _("Years ahead"): versus.index,
        _("Off by, on average"): [percent(v, d) for v, d in zip(versus["mape"], places)],
        _("Held flat: off by"): [percent(v, d) for v, d in zip(versus["naive_mape"], places)],
        _("Half its forecasts within"): versus["mdape"].map(percent),
        _("80% range held the figure"): own["coverage80"].map(share),
        _("95% range held the figure"): own["coverage95"].map(share),
        _("Past forecasts"): versus["n"].fillna(0).astype(int)})


def track_record_lead(p: Projection) -> str:
    """The line above the track record's table (Markdown)."""
    return _("**{method}** next to holding the last figure flat:").format(method=_(MODELS[compared(p)].label))


def track_record_words(p: Projection, series: str, source: str) -> dict[str, str]:
    """The track record's caption, its chart's title, unit and source line, and its download's title."""
    return {"caption": _(TRACK_RECORD_CAPTION).format(span=record_span(p)),
            "title": _("How far off each method was, by years ahead: {series}").format(series=series),
            "unit": _("Average % distance from the actual figure, forecasts made {span} (lower is better)").format(
                span=record_span(p)),
            "source": _("{source}. Track record by this dashboard").format(source=source),
            "download": _("Track record of projection methods: {series}").format(series=series)}


def track_record_alt(p: Projection) -> str:
    model = compared(p)
    versus = versus_naive(p.record, model)
    return _("Line chart of how far off each method's forecasts were, by years ahead. {method}: off by {off}; "
             "holding the last figure flat: {flat_off}.").format(
        method=_(MODELS[model].label), off=off_by(versus, horizons=versus.index),
        flat_off=off_by(versus, "naive_mape", versus.index))


def skipped_note(p: Projection) -> str | None:
    record = p.record
    skipped = [o for o in record.abstained if record.origins and min(record.origins) <= o <= max(record.origins)]
    if not skipped:
        return None
    return _("No forecast was made in {years}: too few years at the series' level then to fit one (as the page "
             "shows none today for such a series).").format(years=years_list(skipped))


# --- the model card ---------------------------------------------------------------------------------------


def card_models(p: Projection) -> list[str]:
    """The methods whose exact measures the model card shows first: the one shown, the default, holding flat."""
    return list(dict.fromkeys([p.model, DEFAULT_MODEL, "naive"]))


def exact_measures(record, models: list[str]) -> pd.DataFrame:
    """The track record's exact measures for the model card (what the command line's --backtest prints)."""
    rows = record.summary[record.summary["model"].isin(models) & record.summary["horizon"].isin(record.horizons)]
    rows = rows.assign(order=rows["model"].map({m: i for i, m in enumerate(models)})).sort_values(["order", "horizon"])
    return pd.DataFrame({
        _("Model"): rows["model"].map(lambda m: _(MODELS[m].label)), _("Years ahead"): rows["horizon"],
        _("n"): rows["n"], _("MAPE %"): rows["mape"].round(1), _("Median APE %"): rows["mdape"].round(1),
        _("MASE"): rows["mase"].round(2), _("MASE / naive"): rows["rel_mase"].round(3),
        _("80% coverage"): rows["coverage80"].round(2), _("95% coverage"): rows["coverage95"].round(2),
        _("Ranges checked"): rows["n_coverage"]})


def _ceiling(p: Projection) -> list[str]:
    if p.scope != "country":
        return []
    if p.ceiling is not None:
        return [_("**Ceiling.** No projected value or range goes above {ceiling}: {why}.").format(
            ceiling=millions(p.ceiling), why=p.ceiling_note)]
    return [_("**Ceiling.** None: a host country can receive more people, so figures by asylum have no physical "
              "upper bound here.")]


def _data_paragraph(p: Projection, source: str) -> str:
    window = (ngettext("only the last {years} of them", "only the last {years} of them", p.window).format(
        years=p.window) if p.window else _("every year its fit rule allows"))
    return _("**Data.** {source}: yearly figures {first}-{last}; today's fit uses {fit_start}-{last} ({window}). The "
             "last official figure is {value} ({last}).").format(
        source=source, first=p.first_observed, last=p.fit_end, fit_start=p.fit_start, window=window,
        value=millions(p.last_value))


def model_card(p: Projection, label: str, source: str) -> list[str]:
    """The model card's paragraphs (Markdown; `label` already made inert by the caller); the exact measures
    go between the track record and the ranges."""
    chosen = _("chosen by you") if p.chosen_by == "user" else _("the default")
    return [
        _("**What this is.** A projection of *{series}*: a statistical extension of past figures, labelled "
          "“projection” wherever it appears. It is not an official figure and is never added to one.").format(
            series=label),
        _("**Method.** {method}, {chosen}. {description} {reason}").format(
            method=p.model_label, chosen=chosen, description=_(MODELS[p.model].method), reason=p.reason),
        _("**How the default was chosen.** Once, for every series alike: {default} was picked by a rule declared "
          "beforehand, from it and combinations of the other methods, on the record of the largest countries of "
          "origin and of asylum and the world total, and checked on the next-largest countries. It is never "
          "re-chosen per series. On the page it gives way to holding the last figure flat only where its own record "
          "for the series is no better at any of 1, 3 and 5 years ahead, and a year is headlined only where its "
          "record at that distance beats holding flat.").format(default=_(MODELS[DEFAULT_MODEL].label).lower()),
        _data_paragraph(p, source),
        _("**Fit years.** {rule}").format(rule=p.fit_rule),
        *_ceiling(p),
        _("**Track record.** Every year {span}, the whole procedure (fit years, forecast, ranges) was run with only "
          "the data known then; the measures below compare its forecasts with today's figures. MAPE: mean absolute % "
          "error; median APE: its median; MASE: mean absolute error over the mean one-year change of the fitted "
          "years; MASE / naive below 1: closer than holding the figure flat; coverage: the share of actual figures "
          "inside the range, measured out of sample.").format(span=record_span(p)),
    ]


def model_card_end(p: Projection) -> list[str]:
    ranges = p.interval_method.replace("|log(actual/forecast)|", _("the forecasts' relative errors"))
    return [_("**Ranges.** {method}").format(method=ranges),
            "\n".join([_("**Known limits.**"), *(f"- {limit}" for limit in p.limits)])]


# --- the share bar and the brief ---------------------------------------------------------------------------


def headline_sentence(history: pd.Series, p: Projection | None, label: str, cited: tuple[str, dict],
                      why_not: str) -> str:
    """The last official figure with its source, then the projection, named as such (never an official
    figure), with its 80% range and method."""
    official = _("{series} stood at {value} at the end of {year} (official figure, a stock), {according_to}").format(
        series=label, value=millions(history.iloc[-1]), year=int(history.index[-1]),
        according_to=according_to([cited]))
    if p is None:
        return _("{official}; no projection could be made ({why}).").format(official=official,
                                                                            why=why_not.rstrip("."))
    end, held = p.headline()
    if held:
        return _("{official}; this dashboard's projection, not an official figure, holds it flat at {value} to the "
                 "end of {year} (80% range {range}): at that distance, {method}'s past forecasts for this series "
                 "were no closer than holding the figure flat.").format(
            official=official, value=millions(end["point"]), year=int(end["year"]), range=range_text(end),
            method=p.model_label)
    return _("{official}; this dashboard's projection ({method}, fitted on {first}-{last}), not an official figure, "
             "puts it at {value} at the end of {year} (80% range {range}).").format(
        official=official, method=p.model_label, first=p.fit_start, last=p.fit_end, value=millions(end["point"]),
        year=int(end["year"]), range=range_text(end))


def brief_parts(history: pd.Series, p: Projection | None, table: pd.DataFrame, label: str, cited: tuple[str, dict],
                why_not: str, settings: ScenarioSettings | None) -> dict:
    """The share bar's sentence to quote, key figures and notes (`settings`: the scenario drawn, if any)."""
    return {"headline": headline_sentence(history, p, label, cited, why_not),
            "figures": key_figures(headlined(table, p), int(history.index[-1])), "notes": brief_notes(p, settings)}


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
            out.loc[at, "label"] = HELD_FLAT
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
    ranges = [_("{low} to {high}").format(low=exact(lo), high=exact(hi)) if pd.notna(lo) and pd.notna(hi) else ""
              for lo, hi in zip(rows["lo80"], rows["hi80"])]
    return pd.DataFrame({_("Year (end of)"): rows["year"].astype(int).astype(str), _("Kind"): rows["label"].map(_),
                         _("People"): rows["value"].map(exact), _("80% range (projection)"): ranges})


def brief_notes(p: Projection | None, settings: ScenarioSettings | None) -> tuple[str, ...]:
    notes = [_("Projection, not an official figure: a statistical extension of past figures by this dashboard, "
               "never added to an official figure.")]
    if p is not None:
        chosen = _("the default") if p.chosen_by == "default" else _("chosen by the user")
        notes.append(_("Method: {method} ({chosen}); its track record and its 80% and 95% ranges come from forecasts "
                       "it made each year {span} with only the data known then.").format(
            method=p.model_label, chosen=chosen, span=record_span(p)))
    if settings is not None:
        notes.append(_("Scenario rows follow the user's assumptions ({assumptions}), not the data: not a forecast "
                       "and not an official figure.").format(assumptions=scenario_words(settings)))
    return tuple(notes)
