"""Command line: python -m displacement {refresh,releases,sources,summary,rank,build-snapshot,project,returns} ..."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from displacement import config
from displacement.figures.country_lookup import lookup_for
from displacement.sources import SOURCES_BY_ID
from displacement.storage.datasets import headline_totals, open_datasets


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except config.StoreFolderMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m displacement",
        description="Forced-displacement statistics: refresh the data, list sources, print figures.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_refresh(commands)
    _add_releases(commands)
    _add_sources(commands)
    _add_summary(commands)
    _add_rank(commands)
    _add_build_snapshot(commands)
    _add_project(commands)
    _add_returns(commands)
    return parser


def _add_refresh(commands) -> None:
    command = commands.add_parser("refresh", help="fetch the sources into the store",
                                  description="Fetch each source live (or read bulk files), validate, "
                                              "reshape and store it. A source that fails keeps its "
                                              "previous data; the others still refresh.")
    command.add_argument("--source", action="append", dest="sources", metavar="ID",
                         choices=sorted(SOURCES_BY_ID), help="a source id (repeatable; default: all)")
    command.add_argument("--from-dir", action="append", dest="from_dirs", type=Path, metavar="DIR",
                         help="read bulk files in the API's field names from DIR instead of the network (repeatable)")
    command.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                         help="the date the data were retrieved (sets mid-year vs end-year; default today)")
    command.add_argument("--store", type=Path, metavar="DIR",
                         help=f"store folder (default ${config.STORE_DIR_ENV} or data/store)")
    command.add_argument("--allow-shrink", action="store_true",
                         help="store a release even if it has far fewer rows (or an older latest year) than "
                              "the one it replaces or the bundled snapshot; by default that is refused as partial data")
    command.add_argument("--accept-review", action="store_true",
                         help="publish changes from the release in force that are beyond the review thresholds "
                              "(a refresh holds them back by default; see docs/decisions.md). Implausible data "
                              "(a repeated row, a future year, a count above a population) are refused even so")
    command.set_defaults(handler=run_refresh)


def run_refresh(args) -> int:
    from tqdm import tqdm

    from displacement.ingest.refresh import refresh
    with tqdm(total=100, unit="%", desc="refresh", file=sys.stderr,
              bar_format="{l_bar}{bar}| {n:.0f}% {postfix}") as bar:
        def progress(fraction: float, message: str) -> None:
            bar.n = round(fraction * 100, 1)
            bar.set_postfix_str(message[:60])
        outcomes = refresh(args.sources, root=args.store, from_dirs=args.from_dirs, as_of=args.as_of,
                           progress=progress, allow_shrink=args.allow_shrink, accept_review=args.accept_review)
    for note in outcomes.notes:
        print(note)
    for outcome in outcomes:
        print(outcome.line())
    for note in outcomes.failed_notes:
        print(note)
    return 0 if all(o.ok for o in outcomes) and not outcomes.failed_notes else 1


def _add_releases(commands) -> None:
    command = commands.add_parser("releases", help="list a source's releases, or go back to an earlier one",
                                  description="List the releases each source holds in the store (the one in force "
                                              "marked *, those stepped back from marked 'withdrawn'), or put an "
                                              "earlier one back in force: a release with a wrong latest year "
                                              "otherwise makes every later correct refresh look partial.")
    command.add_argument("--source", metavar="ID", choices=sorted(SOURCES_BY_ID), help="one source (default: all)")
    command.add_argument("--use", metavar="RELEASE", help="put this release of --source in force (checksums verified)")
    command.add_argument("--store", type=Path, metavar="DIR",
                         help=f"store folder (default ${config.STORE_DIR_ENV} or data/store)")
    command.set_defaults(handler=run_releases)


def run_releases(args) -> int:
    from displacement.storage import store
    try:
        root = args.store or config.store_dir()
        if args.use:
            if not args.source:
                print("error: --use needs --source", file=sys.stderr)
                return 2
            with store.writer_lock(root):
                chosen = store.use_release(root, args.source, args.use)
            print(f"{args.source}: now in force: {chosen.name} (latest {chosen.manifest.get('latest_period')})")
            return 0
        for source_id in [args.source] if args.source else sorted(SOURCES_BY_ID):
            _print_releases(root, source_id)
    except (store.StoreError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _print_releases(root: Path, source_id: str) -> None:
    from displacement.storage import store
    current = store.current_release(root, source_id)
    for release in store.list_releases(root, source_id):
        manifest = release.manifest
        mark = "*" if current and release.name == current.name else "withdrawn" if store.is_withdrawn(release) else ""
        print(f"{source_id:<22} {release.name:<28} {mark:<9} {manifest.get('latest_period') or '-':<9} "
              f"{manifest.get('rows', 0):>10,} rows  {_printable(manifest.get('release') or '')}")


def _printable(text: str) -> str:
    """Text from a source, without the control characters a terminal would obey."""
    return "".join(c if c.isprintable() else "?" for c in str(text))[:120]


def _add_sources(commands) -> None:
    command = commands.add_parser("sources", help="list sources with licence, release and freshness",
                                  description="Each source with its licence, release, retrieval time and "
                                              "freshness, and whether it is read from the store or the bundled "
                                              "snapshot.")
    command.add_argument("--json", action="store_true", help="print JSON instead of a table")
    command.set_defaults(handler=run_sources)


def run_sources(args) -> int:
    from displacement.storage.freshness import source_status
    rows = source_status(open_datasets())
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        print(f"{row['id']:<22} {row['licence']:<12} {row['from']:<9} {row['latest_period'] or '-':<9} "
              f"{row['freshness']:<12}  {row['release']}")
    return 0


def _add_summary(commands) -> None:
    command = commands.add_parser("summary", help="the figures for one year (world or a country)",
                                  description="Print the headline figures for a year, or a country's figures.")
    command.add_argument("--year", type=int, required=True, metavar="YYYY")
    command.add_argument("--country", metavar="COUNTRY",
                         help="an ISO3 or UNHCR code or a country's name, e.g. UKR, SUD or Sudan")
    command.add_argument("--json", action="store_true", help="print JSON (the default output is also JSON, indented)")
    command.set_defaults(handler=run_summary)


def run_summary(args) -> int:
    from displacement.figures.summary import SummaryError, country_summary, world_summary
    data = open_datasets()
    try:
        result = (country_summary(data, args.year, lookup_for(data).code_or_error(args.country)) if args.country
                  else world_summary(data, args.year))
    except (SummaryError, LookupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def _add_rank(commands) -> None:
    command = commands.add_parser("rank", help="countries ranked by people hosted or by origin",
                                  description="Countries in order for a year, as UNHCR ranks them: refugees + other "
                                              "people in need of international protection (OIP), by country of "
                                              "asylum or of origin; asylum-seekers only on request. Codes that are "
                                              "not countries (UNK, XXA...) are left out.")
    command.add_argument("--year", type=int, required=True, metavar="YYYY")
    command.add_argument("--side", choices=["asylum", "origin"], required=True,
                         help="asylum: people hosted in each country; origin: people from each country")
    command.add_argument("--top", type=int, default=10, metavar="N", help="how many countries (default 10)")
    command.add_argument("--with-asylum-seekers", action="store_true",
                         help="add asylum-seekers to refugees + OIP (not UNHCR's basis for rankings)")
    command.add_argument("--json", action="store_true", help="print JSON (the default output is also JSON, indented)")
    command.set_defaults(handler=run_rank)


def run_rank(args) -> int:
    from displacement.figures.summary import SummaryError, ranking
    try:
        result = ranking(open_datasets(), args.year, args.side, args.top, args.with_asylum_seekers)
    except SummaryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def _add_build_snapshot(commands) -> None:
    command = commands.add_parser("build-snapshot", help="rebuild data/snapshot from the real bulk files",
                                  description="Rebuild the bundled snapshot from shared/data "
                                              "(see its SOURCES.md files).")
    command.add_argument("--shared-data", type=Path, default=config.REPO_ROOT.parent / "shared" / "data",
                         metavar="DIR", help="the folder holding the bulk files (default ../shared/data)")
    command.set_defaults(handler=run_build_snapshot)


def run_build_snapshot(args) -> int:
    from displacement.ingest.snapshot import SnapshotError, build_snapshot
    try:
        outcomes = build_snapshot(args.shared_data)
    except SnapshotError as error:
        print(f"error: snapshot not replaced: {error}", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(outcome.line())
    return 0


def _add_project(commands) -> None:
    from displacement.projections.cli import add_project_parser
    add_project_parser(commands).set_defaults(handler=run_project)


def run_project(args) -> int:
    from displacement.projections.cli import run_project as run
    from displacement.projections.series import load_series
    data = open_datasets()
    if args.country:
        try:
            args.country = lookup_for(data).code_or_error(args.country)
        except LookupError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    return run(args, lambda name, iso3, perspective: load_series(data, name, iso3, perspective),
               load_totals=lambda: headline_totals(data))


def _add_returns(commands) -> None:
    command = commands.add_parser(
        "returns", help="refugee returns after past turning points, or return scenarios for a country",
        description="Without --country: each curated turning point (data/context/turning_points.toml) with UNHCR's "
                    "refugee and IDP returns in years 1..5 and their share of the refugee stock (missing years are "
                    "null, never 0). With --country: 'if returns followed the pattern of <episode>' scenarios "
                    "(not data) by analogue, as the Returns page shows them. See docs/returns.md.")
    command.add_argument("--country", metavar="ISO3", help="a country of origin for scenarios, e.g. UKR")
    command.add_argument("--start", type=int, metavar="YYYY",
                         help="the scenarios' first year (default: the year after the latest data)")
    command.add_argument("--analogue", action="append", dest="analogues", metavar="ID",
                         help="an episode id (repeatable; default: the fast, typical and slow analogues)")
    command.add_argument("--json", action="store_true", help="print JSON (the default output is also JSON, indented)")
    command.set_defaults(handler=run_returns)


def run_returns(args) -> int:
    from displacement.figures import return_scenarios as rs
    from displacement.figures import returns
    from displacement.turning_points import TurningPointError, load_turning_points
    data = open_datasets()
    try:
        points = load_turning_points()
    except TurningPointError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    solutions, population = data.table("solutions", "by_origin"), data.table("population", "by_origin")
    paths, summary = returns.history(points, solutions, population)
    if not args.country:
        result = returns.history_records(paths, summary, returns.latest_year(solutions))
    else:
        last = returns.latest_year(solutions)
        start = args.start or last + 1
        iso3 = args.country.strip().upper()
        unknown = [a for a in args.analogues or [] if a not in {p.id for p in points}]
        problem = (f"start year {start} is not after the latest data ({last}): scenarios never overlap official "
                   "figures" if start <= last else f"unknown episode id(s): {', '.join(unknown)}" if unknown
                   else f"no refugee stock for {iso3} in UNHCR's data" if iso3 not in set(population["iso3"]) else "")
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        chosen = args.analogues or rs.default_analogues(summary)
        result = rs.scenario_records(rs.scenarios(iso3, start, chosen, points, paths, population))
        result["paces"] = rs.paces(summary)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2, default=_plain))
    return 0


def _plain(value):
    """numpy scalars as plain numbers for JSON."""
    return value.item() if hasattr(value, "item") else str(value)
