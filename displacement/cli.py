"""Command line: python -m displacement {refresh,sources,summary,build-snapshot,project} ..."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from displacement import config
from displacement.datasets import open_datasets
from displacement.sources import SOURCES_BY_ID


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return args.handler(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m displacement",
        description="Forced-displacement statistics: refresh the data, list sources, print figures.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_refresh(commands)
    _add_sources(commands)
    _add_summary(commands)
    _add_rank(commands)
    _add_build_snapshot(commands)
    _add_project(commands)
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
    command.add_argument("--store", type=Path, metavar="DIR", help=f"store folder (default ${config.STORE_DIR_ENV} or data/store)")
    command.add_argument("--allow-shrink", action="store_true",
                         help="store a release even if it has far fewer rows (or an older latest year) than "
                              "the one it replaces or the bundled snapshot; by default that is refused as partial data")
    command.set_defaults(handler=run_refresh)


def run_refresh(args) -> int:
    from tqdm import tqdm

    from displacement.refresh import refresh
    with tqdm(total=100, unit="%", desc="refresh", file=sys.stderr,
              bar_format="{l_bar}{bar}| {n:.0f}% {postfix}") as bar:
        def progress(fraction: float, message: str) -> None:
            bar.n = round(fraction * 100, 1)
            bar.set_postfix_str(message[:60])
        outcomes = refresh(args.sources, root=args.store, from_dirs=args.from_dirs, as_of=args.as_of,
                           progress=progress, allow_shrink=args.allow_shrink)
    for outcome in outcomes:
        print(outcome.line())
    return 0 if all(o.ok for o in outcomes) else 1


def _add_sources(commands) -> None:
    command = commands.add_parser("sources", help="list sources with licence, release and freshness",
                                  description="Each source with its licence, release, retrieval time and "
                                              "freshness, and whether it is read from the store or the bundled snapshot.")
    command.add_argument("--json", action="store_true", help="print JSON instead of a table")
    command.set_defaults(handler=run_sources)


def run_sources(args) -> int:
    from displacement.freshness import source_status
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
    command.add_argument("--country", metavar="ISO3", help="an ISO3 country code, e.g. UKR")
    command.add_argument("--json", action="store_true", help="print JSON (the default output is also JSON, indented)")
    command.set_defaults(handler=run_summary)


def run_summary(args) -> int:
    from displacement.summary import SummaryError, country_summary, world_summary
    data = open_datasets()
    try:
        result = (country_summary(data, args.year, args.country) if args.country
                  else world_summary(data, args.year))
    except SummaryError as error:
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
    from displacement.summary import SummaryError, ranking
    try:
        result = ranking(open_datasets(), args.year, args.side, args.top, args.with_asylum_seekers)
    except SummaryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def _add_build_snapshot(commands) -> None:
    command = commands.add_parser("build-snapshot", help="rebuild data/snapshot from the real bulk files",
                                  description="Rebuild the bundled snapshot from shared/data (see its SOURCES.md files).")
    command.add_argument("--shared-data", type=Path, default=config.REPO_ROOT.parent / "shared" / "data",
                         metavar="DIR", help="the folder holding the bulk files (default ../shared/data)")
    command.set_defaults(handler=run_build_snapshot)


def run_build_snapshot(args) -> int:
    from displacement.snapshot import SnapshotError, build_snapshot
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
    from displacement.series import load_series
    data = open_datasets()
    return run(args, lambda name, iso3, perspective: load_series(data, name, iso3, perspective))
