"""Data releases as a whole: which release of each source a view was made with, a short id for
links, and a log so that an old link can be resolved while the store still holds those releases."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from displacement import config, store
from displacement.datasets import HEADLINE_COMPONENTS, Datasets, headline_totals

LOG = "release_sets.jsonl"


def release_set(data: Datasets) -> dict[str, str]:
    """source id -> the path of the release it reads (store or snapshot)."""
    return {sid: str(rel.path) for sid, rel in sorted(data.releases.items())}


def release_id(releases: dict[str, str]) -> str:
    """A short, stable id for a set of releases: what a link records."""
    names = "|".join(f"{sid}={Path(path).parent.parent.name}/{Path(path).name}" for sid, path in sorted(releases.items()))
    return hashlib.sha256(names.encode()).hexdigest()[:10]


def record(data: Datasets, root: Path | None = None) -> str:
    """Append the current set to the store's log (once per new id) and return its id."""
    releases = release_set(data)
    rid = release_id(releases)
    log = (root or config.store_dir()) / LOG
    if rid not in _logged(log):
        log.parent.mkdir(parents=True, exist_ok=True)
        entry = {"id": rid, "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "releases": releases}
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
    return rid


def _logged(log: Path) -> dict[str, dict]:
    if not log.is_file():
        return {}
    entries = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            entries[entry["id"]] = entry
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line from a crashed writer is skipped, not fatal
    return entries


def resolve(rid: str, root: Path | None = None) -> Datasets | None:
    """The Datasets of an earlier release set, or None when it is unknown or no longer held."""
    entry = _logged((root or config.store_dir()) / LOG).get(rid)
    if entry is None:
        return None
    releases = {}
    for sid, path in entry["releases"].items():
        folder = Path(path)
        if not (folder / store.MANIFEST).is_file():
            return None
        releases[sid] = store.read_release(folder, sid)
    return Datasets(releases, {sid: "store" for sid in releases})


def changed_sources(old: Datasets, new: Datasets) -> pd.DataFrame:
    """Which sources moved to another release, with each side's release label and latest period."""
    rows = []
    for sid in sorted(set(old.releases) | set(new.releases)):
        before, after = old.releases.get(sid), new.releases.get(sid)
        if before is not None and after is not None and before.path == after.path:
            continue
        rows.append({"source": sid,
                     "link's release": _label(before), "current release": _label(after)})
    return pd.DataFrame(rows, columns=["source", "link's release", "current release"])


def _label(release) -> str:
    if release is None:
        return "absent"
    manifest = release.manifest
    return f"{manifest.get('release') or release.name} (latest {manifest.get('latest_period')})"


def changed_headline(old: Datasets, new: Datasets, tolerance: int = 0) -> pd.DataFrame:
    """Years whose headline figures differ between two release sets (revisions and new years)."""
    columns = ["forcibly_displaced", *HEADLINE_COMPONENTS]
    before = headline_totals(old).set_index("year")[columns]
    after = headline_totals(new).set_index("year")[columns]
    joined = before.merge(after, left_index=True, right_index=True, how="outer", suffixes=("_link", "_now"))
    rows = []
    for year, row in joined.iterrows():
        for column in columns:
            was, now = row[f"{column}_link"], row[f"{column}_now"]
            if pd.isna(was) and pd.isna(now):
                continue
            if pd.isna(was) or pd.isna(now) or abs(int(now) - int(was)) > tolerance:
                rows.append({"year": int(year), "figure": column,
                             "in the link's release": None if pd.isna(was) else int(was),
                             "now": None if pd.isna(now) else int(now)})
    return pd.DataFrame(rows, columns=["year", "figure", "in the link's release", "now"])
