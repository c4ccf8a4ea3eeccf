"""The ``project`` subcommand: ``python -m displacement project --series forcibly_displaced --horizon 5``.

The main CLI registers it with :func:`add_project_parser` and calls :func:`run_project` with its own
``load_series(series, country, perspective) -> pd.Series`` (so this module reads no files itself).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

import pandas as pd

from . import (
    DEFAULT_MODEL,
    MAX_HORIZON,
    MODEL_ALIASES,
    MODELS,
    PROJECTION_LABEL,
    Projection,
    SeriesTooShortError,
    fit_span,
    project,
    track_record,
)
from .models import MIN_YEARS, prepare_series

SERIES_NAMES = ("forcibly_displaced", "refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict")
LoadSeries = Callable[[str, "str | None", str], pd.Series]


def add_project_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``project`` on an argparse subparsers object and return its parser."""
    parser = subparsers.add_parser(
        "project",
        help="project a series with calibrated intervals, or print the model track record",
        description="Projections are labelled as such and are never official figures.",
    )
    parser.add_argument("--series", default="forcibly_displaced", help=f"one of: {', '.join(SERIES_NAMES)}")
    parser.add_argument("--country", metavar="COUNTRY", help="a country (ISO3 or UNHCR code, or name), not the world")
    parser.add_argument("--perspective", choices=("origin", "asylum"), default="origin")
    parser.add_argument("--horizon", type=int, default=5, help=f"years ahead, 1-{MAX_HORIZON} (default 5)")
    parser.add_argument("--model", default="auto",
                        help=f"auto (the default, {DEFAULT_MODEL}, or held flat where it did no better) "
                             f"or {', '.join(MODELS)}")
    parser.add_argument("--window", type=int, default=None, help="fit on the last N years only")
    parser.add_argument("--backtest", action="store_true",
                        help="print the track record (every decision made with the data known at each origin)")
    parser.add_argument(
        "--check-claim", action="store_true",
        help="check 'some 110 million, growing by 10 million each year' (UNHCR, May 2023) against the data"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def run_project(args: argparse.Namespace, load_series: LoadSeries, out: TextIO | None = None,
                err: TextIO | None = None, load_totals: Callable[[], pd.DataFrame] | None = None) -> int:
    """Run the subcommand; 0 on success, 2 with a one-line message on stderr on bad input. `load_totals`
    gives the headline table the claim check reads (--check-claim)."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        _check_args(args)
        if args.check_claim:
            _print_claim(load_totals(), args, out)
            return 0
        series = _load(args, load_series)
        if args.backtest:
            _print_backtest(series, args, out)
        else:
            _print_projection(project(series, args.horizon, args.model, args.window, args.series,
                                      record=_record(series, args), **_options(series, args)), args, out)
    except (KeyError, LookupError, ValueError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {' '.join(str(message).split())}", file=err)
        return 2
    return 0


def _scope(args) -> str:
    return "country" if args.country else "global"


def _options(series: pd.Series, args) -> dict:
    """Scope (country or global), any physical ceiling and caveats the loader attached to ``series.attrs``."""
    attrs = getattr(series, "attrs", {}) or {}
    return {"scope": _scope(args), "ceiling": attrs.get("ceiling"), "ceiling_note": attrs.get("ceiling_note", ""),
            "notes": list(attrs.get("notes", []))}


def _record(series: pd.Series, args):
    """The one track record behind both the projection and ``--backtest``."""
    return track_record(series, _scope(args), args.window)


def _check_args(args) -> None:
    if args.series not in SERIES_NAMES:
        raise ValueError(f"unknown series {args.series!r}; choose one of {', '.join(SERIES_NAMES)}")
    if args.model not in MODEL_ALIASES and args.model not in MODELS:
        raise ValueError(f"unknown model {args.model!r}; choose auto or one of {', '.join(MODELS)}")
    if args.country is not None and not (len(args.country) == 3 and args.country.isalpha()):
        raise ValueError(f"--country must be an ISO3 code such as SYR (got {args.country!r})")
    if args.check_claim and (args.country or args.series != "forcibly_displaced"):
        raise ValueError("--check-claim is about the global forcibly displaced total: drop --series/--country")


def _load(args, load_series: LoadSeries) -> pd.Series:
    country = args.country.upper() if args.country else None
    series = load_series(args.series, country, args.perspective)
    what = _describe(args)
    if series is None or pd.to_numeric(pd.Series(series), errors="coerce").dropna().empty:
        raise LookupError(f"no data for {what}")
    try:
        prepare_series(series, min_years=MIN_YEARS)
        fit_span(series, _scope(args), args.window)
    except SeriesTooShortError as exc:
        raise SeriesTooShortError(f"{what}: {exc}") from None
    return series


def _describe(args) -> str:
    if args.country:
        return f"{args.series} for {args.country.upper()} (by {args.perspective})"
    return f"{args.series} (global)"


def _print_projection(p: Projection, args, out: TextIO) -> None:
    if args.json:
        payload = {"country": args.country and args.country.upper(), "perspective": args.perspective}
        print(json.dumps({**p.to_dict(), **payload}, indent=2), file=out)
        return
    print(f"{PROJECTION_LABEL.upper()} (not an official figure): {_describe(args)}", file=out)
    print(f"Model: {p.model_label} [{p.model}], {'chosen by the user' if p.chosen_by == 'user' else 'the default'}. "
          f"{p.reason}", file=out)
    print(f"Fit on {p.fit_start}-{p.fit_end}; last observed {p.fit_end}: {p.last_value:,.0f}", file=out)
    if p.scope == "country":
        print(p.fit_rule, file=out)
    if p.ceiling is not None:
        print(f"Ceiling: {p.ceiling:,.0f} ({p.ceiling_note}).", file=out)
    table = p.frame.drop(columns="label").set_index("year")
    print(table.to_string(float_format=lambda v: f"{v:,.0f}"), file=out)
    print(p.interval_method, file=out)
    for limit in p.limits:
        print(f"- {limit}", file=out)


def _print_backtest(series: pd.Series, args, out: TextIO) -> None:
    p = project(series, args.horizon, args.model, args.window, args.series, record=_record(series, args),
                **_options(series, args))
    record = p.record
    summary = record.summary[record.summary["horizon"].isin(record.horizons)]
    if args.json:
        payload = {"series": args.series, "country": args.country and args.country.upper(),
                   "perspective": args.perspective, "window": args.window, "fit_rule": p.fit_rule,
                   "fit_years": [p.fit_start, p.fit_end], "model": p.model, "chosen_by": p.chosen_by,
                   "beats_naive": p.beats_naive, "reason": p.reason, "origins": list(record.origins),
                   "abstained": list(record.abstained),
                   "versus_naive": json.loads(p.versus_naive.reset_index().to_json(orient="records")),
                   "summary": json.loads(summary.to_json(orient="records"))}
        print(json.dumps(payload, indent=2), file=out)
        return
    span = f"{min(record.origins)}-{max(record.origins)}" if record.origins else "none"
    print(f"Track record: {_describe(args)}; forecasts made at each origin {span} with only the data known "
          f"then (fit years, model, ranges); fit years today {p.fit_start}-{p.fit_end}", file=out)
    if args.country:
        print(p.fit_rule, file=out)
    if record.abstained:
        print(f"No forecast (too few fitted years) at origins {', '.join(map(str, record.abstained))}.", file=out)
    print(summary.to_string(index=False, float_format=lambda v: f"{v:.2f}"), file=out)
    print(f"Shown: {p.model_label} [{p.model}]. {p.reason}", file=out)
    print("mape and mdape: mean and median absolute error in %; mase against the in-sample one-year naive "
          "error; rel_mase: mase / naive's; coverage measured out of sample.", file=out)


def _print_claim(totals: pd.DataFrame, args, out: TextIO) -> None:
    """The one claim check (displacement.figures.headline), as the overview and the Projections page give it."""
    from displacement.figures.headline import SEED_CLAIM, claim_table, claim_verdict
    table = claim_table(totals)
    if args.json:
        payload = {"claim": SEED_CLAIM.text, "made": SEED_CLAIM.as_of.isoformat(), "level_then": SEED_CLAIM.value,
                   "per_year": SEED_CLAIM.per_year, "basis": "forcibly displaced, UNHCR's basis",
                   "verdict": claim_verdict(table), "rows": json.loads(table.to_json(orient="records"))}
        print(json.dumps(payload, indent=2), file=out)
        return
    print(f"Claim: {SEED_CLAIM.text} ({SEED_CLAIM.source}); the data on UNHCR's basis", file=out)
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.0f}"), file=out)
    print(claim_verdict(table), file=out)
