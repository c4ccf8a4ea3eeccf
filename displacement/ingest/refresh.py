"""Refresh sources into the store: fetch live (or read bulk files), validate, reshape, check, write.

Each source succeeds or fails on its own: any error in one source, of any type, is that source's
failure with a one-line message (the IDMC key redacted), and the others still refresh. A source
that fails, returns less than the release it would replace, fails the plausibility gate or is held
for review (displacement.ingest.plausibility) leaves its stored files byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from displacement import config
from displacement.ingest import http, pipeline, plausibility
from displacement.ingest.bulk import BulkFileError, read_bulk
from displacement.ingest.schema import ValidationError
from displacement.sources import SOURCES, Source, get_source
from displacement.storage import store

Progress = Callable[[float, str], None]  # (fraction done 0..1, message)
# A new release with fewer rows than this share of the one it replaces is taken as partial.
MIN_SHARE_OF_PREVIOUS_ROWS = 0.9


@dataclass(frozen=True)
class Outcome:
    source_id: str
    ok: bool
    message: str
    release: str | None = None
    held: bool = False  # not published: changes beyond the review thresholds (refresh --accept-review)

    def line(self) -> str:
        state = "ok" if self.ok else "HELD FOR REVIEW" if self.held else "FAILED"
        return f"{self.source_id}: {state}: {self.message}"


class Outcomes(list):
    """One Outcome per source, in order, and notes on the store as a whole: what was cleaned up after an
    interrupted refresh, and whether the release log could be written. `failed_notes` count as failures."""

    def __init__(self, outcomes=(), notes: list[str] | None = None, failed_notes: list[str] | None = None):
        super().__init__(outcomes)
        self.notes, self.failed_notes = notes or [], failed_notes or []


class PartialDataError(RuntimeError):
    pass


def default_source_ids(client_id: str | None, from_dirs: list[Path] | None) -> list[str]:
    """Live: the API sources (GIDD only with a key). From files: every source."""
    if from_dirs:
        return [s.id for s in SOURCES]
    return [s.id for s in SOURCES if s.live and (client_id or not s.needs_key)]


@dataclass(frozen=True)
class _Run:
    """What every source of one refresh shares."""
    root: Path
    from_dirs: list[Path] | None
    as_of: date
    client_id: str | None
    session: object
    keep_tidy: bool
    release_labels: dict[str, str]
    retrieved_at: datetime
    baseline: Path | None  # compare a first release with this root's (the bundled snapshot)
    allow_shrink: bool
    accept_review: bool = False
    stage: list[str] = field(default_factory=lambda: ["starting"])  # for messages on unexpected errors


def refresh(source_ids: list[str] | None = None, *, root: Path | None = None,
            from_dirs: list[Path] | None = None, as_of: date | None = None,
            client_id: str | None = None, progress: Progress | None = None,
            keep_tidy: bool = True, release_labels: dict[str, str] | None = None,
            check_against_snapshot: bool = True, allow_shrink: bool = False,
            accept_review: bool = False) -> Outcomes:
    client_id = config.idmc_client_id(client_id)
    retrieved_at = datetime.now(UTC)
    run = _Run(root=root or config.store_dir(), from_dirs=from_dirs, as_of=as_of or retrieved_at.date(),
               client_id=client_id, session=None if from_dirs else http.make_session(),
               keep_tidy=keep_tidy, release_labels=release_labels or {}, retrieved_at=retrieved_at,
               baseline=config.SNAPSHOT_DIR if check_against_snapshot and not allow_shrink else None,
               allow_shrink=allow_shrink, accept_review=accept_review)
    ids = source_ids or default_source_ids(client_id, from_dirs)
    try:
        with store.writer_lock(run.root):
            return _refresh_all(ids, run, progress)
    except store.StoreError as error:
        return Outcomes([Outcome(source_id, False, str(error)) for source_id in ids])


def _refresh_all(ids: list[str], run: _Run, progress: Progress | None) -> Outcomes:
    notes = [f"cleaned up {line}" for line in store.clean_up(run.root)]
    outcomes = []
    for index, source_id in enumerate(ids):
        report = _scaled(progress, index, len(ids), source_id)
        report(0.0, "starting")
        outcomes.append(_refresh_one(source_id, run, report))
        report(1.0, outcomes[-1].message)
    failed_notes = []
    if any(o.ok for o in outcomes) and run.root.resolve() != config.SNAPSHOT_DIR.resolve():
        try:
            _record_release_set(run.root)
        except Exception as error:
            failed_notes.append(f"release log: FAILED: {type(error).__name__} appending to release_sets.jsonl; the "
                                "new data are published, but links made with them cannot be resolved later")
    return Outcomes(outcomes, notes, failed_notes)

def _record_release_set(root: Path) -> None:
    """Log the release set now in force, so links made with it can be resolved later."""
    from displacement.storage.datasets import open_datasets
    from displacement.storage.releases import record
    record(open_datasets(store_root=root), root)


# Errors whose message is ours (it names the source, field, row or page) and can be shown as it is.
EXPECTED_ERRORS = (http.FetchError, ValidationError, BulkFileError, PartialDataError, store.StoreError,
                   plausibility.ImplausibleData, KeyError, ValueError, OSError)


def _refresh_one(source_id: str, run: _Run, report) -> Outcome:
    try:
        tables, manifest, about = _build(source_id, run, report)
        run.stage[0] = "writing the release"
        release = store.write_release(run.root, source_id, tables, manifest, run.retrieved_at)
    except plausibility.HeldForReview as held:
        return Outcome(source_id, False, http.redact(str(held), run.client_id), held=True)
    except EXPECTED_ERRORS as error:
        return Outcome(source_id, False, http.redact(_one_line(error), run.client_id))
    except Exception as error:
        return Outcome(source_id, False, f"unexpected {type(error).__name__} while {run.stage[0]} (a payload "
                                         "this code does not handle); nothing stored")
    ignored = about.get("ignored_columns")
    note = f"; ignored extra columns: {', '.join(ignored)}" if ignored else ""
    return Outcome(source_id, True, f"{manifest['rows']:,} rows, latest {manifest['latest_period']}{note}",
                   release.name)


def _build(source_id: str, run: _Run, report) -> tuple[dict, dict, dict]:
    """The source's tables and manifest, through every check: nothing here writes."""
    source = get_source(source_id)
    run.stage[0] = "reading the bulk file" if run.from_dirs else "fetching"
    raw, about = (read_bulk(source, run.from_dirs) if run.from_dirs
                  else _fetch_live(source, run.session, run.client_id, report))
    run.stage[0] = "building the tables"
    tables = pipeline.build(source, raw, run.as_of)
    manifest = _manifest(source, tables, about, run.as_of, run.retrieved_at, run.release_labels.get(source_id))
    run.stage[0] = "checking the release"
    previous = store.current_release(run.root, source_id) or _baseline_release(run.baseline, run.root, source_id)
    if not run.allow_shrink:
        _check_complete(source_id, manifest, previous)
    plausibility.check_population_shares(source, tables, _population(run.root))
    if previous is not None:
        _review(source, tables, previous, run.accept_review)
    if not run.keep_tidy:
        tables.pop("tidy", None)
    return tables, manifest, about


def _population(root: Path):
    """The World Bank population in force (store or snapshot), or None when there is none."""
    from displacement.storage.datasets import open_datasets
    try:
        return open_datasets(store_root=root).table("worldbank-population", "population")
    except (store.StoreError, OSError, KeyError, ValueError):
        return None


def _review(source: Source, tables: dict, previous: store.Release, accept_review: bool) -> None:
    """Compare with the release in force; changes beyond the thresholds are held unless accepted.
    A world figure ten times the previous one is refused even then (ImplausibleData)."""
    try:
        old = {name: previous.table(name) for name in previous.table_names() if name in tables and name != "tidy"}
    except (store.StoreError, OSError, ValueError):
        if accept_review:
            return
        unreadable = f"the release in force ({previous.name}) cannot be read to compare with"
        raise plausibility.HeldForReview(source.id, [unreadable]) from None
    changes = plausibility.compare(source, tables, old)
    if changes and not accept_review:
        raise plausibility.HeldForReview(source.id, changes)


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    reason = text[0] if text else type(error).__name__
    return reason if isinstance(error, (ValueError, RuntimeError)) else f"{type(error).__name__}: {reason}"


def _scaled(progress: Progress | None, index: int, count: int, source_id: str):
    def report(fraction: float, message: str) -> None:
        if progress:
            progress((index + max(0.0, min(fraction, 1.0))) / count, f"{source_id}: {message}")
    return report


def _fetch_live(source: Source, session, client_id, report) -> tuple[pd.DataFrame, dict]:
    if not source.live:
        raise ValueError(f"{source.id} has no API; update it with --from-dir")

    def on_page(done: int, total: int | None, message: str) -> None:
        report(done / total if total else 0.5, message)
    return source.fetch(source, session, client_id, on_page)


def _manifest(source: Source, tables, about: dict, as_of: date, retrieved_at: datetime,
              release_label: str | None) -> dict:
    main = tables.get("tidy", next(iter(tables.values())))
    latest_year, latest_period = _latest(main)
    return {
        "title": source.title, "publisher": source.publisher, "licence": source.licence,
        "licence_url": source.licence_url, "citation": source.cite(as_of.isoformat()),
        # From files, the data are as old as the files' as-of date, not the build.
        "retrieved_at": (as_of.isoformat() + "T00:00:00+00:00" if about.get("file")
                         else retrieved_at.isoformat(timespec="seconds")),
        "written_at": retrieved_at.isoformat(timespec="seconds"), "as_of": as_of.isoformat(),
        "release": release_label or about.get("release"), "reported_release": about.get("release"),
        "url": about.get("url"), "file": about.get("file"), "rows": len(main),
        "first_year": int(main["year"].min()) if "year" in main and len(main) else None,
        "latest_year": latest_year, "latest_period": latest_period,
    }


def _latest(table: pd.DataFrame) -> tuple[int | None, str | None]:
    if "year" not in table or table.empty:
        return None, None
    year = int(table["year"].max())
    period = table.loc[table["year"] == year, "period"].iloc[0] if "period" in table else "end-year"
    return year, f"{period.split('-')[0]}-{year}"


def _baseline_release(baseline: Path | None, root: Path, source_id: str) -> store.Release | None:
    """A first refresh into an empty store is checked against the bundled snapshot."""
    if baseline is None or root.resolve() == baseline.resolve():
        return None
    return store.current_release(baseline, source_id)


def _check_complete(source_id: str, manifest: dict, previous: store.Release | None) -> None:
    if previous is None:
        return
    old = previous.manifest
    if manifest["rows"] < MIN_SHARE_OF_PREVIOUS_ROWS * old.get("rows", 0):
        raise PartialDataError(f"partial data: {manifest['rows']:,} rows against {old['rows']:,} in "
                               f"the stored release {previous.name} ({previous.path.parent.parent.name}); "
                               "kept the stored release (--allow-shrink accepts it)")
    if old.get("latest_year") and (manifest["latest_year"] or 0) < old["latest_year"]:
        raise PartialDataError(f"partial data: latest year {manifest['latest_year']} is older than "
                               f"{old['latest_year']} in the stored release; kept the stored release "
                               "(--allow-shrink accepts it; if that year is wrong, `python -m displacement "
                               f"releases --source {source_id}` lists earlier releases to go back to)")
