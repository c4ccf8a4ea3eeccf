"""Data releases as a whole: which release of each source a view was made with, a short id for
links, and a log so that an old link can be resolved while the store still holds those releases.

The log names each release relative to the folder holding it ("store:unrwa/r2026..." or
"snapshot:unrwa/r2026..."), so a store copied or moved elsewhere resolves its own releases, never
the original folder's. Entries written with absolute paths (before) are read by their last two parts.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from displacement import config
from displacement.storage import store
from displacement.storage.datasets import HEADLINE_COMPONENTS, Datasets, headline_totals

LOG = "release_sets.jsonl"


def release_set(data: Datasets) -> dict[str, str]:
    """source id -> the path of the release it reads (store or snapshot)."""
    return {sid: str(rel.path) for sid, rel in sorted(data.releases.items())}


def release_id(releases: dict[str, str]) -> str:
    """A short, stable id for a set of releases: what a link records. It names each release by its place
    (the store or the bundled snapshot) and its folder, never by the path the store is reached by: two
    machines mounting one store at different paths give the same id ("store" is what the store folder is
    called by default, so ids made before this rule stay the same there)."""
    names = "|".join(f"{sid}={_place(Path(path))}/{Path(path).name}" for sid, path in sorted(releases.items()))
    return hashlib.sha256(names.encode()).hexdigest()[:10]


def _place(path: Path) -> str:
    return "snapshot" if path.resolve().parent.parent == config.SNAPSHOT_DIR.resolve() else "store"


def record(data: Datasets, root: Path | None = None) -> str:
    """Append the current set to the store's log (once per new id) and return its id."""
    releases = release_set(data)
    rid = release_id(releases)
    root = root or config.store_dir()
    log = root / LOG
    if rid not in _logged(log):
        log.parent.mkdir(parents=True, exist_ok=True)
        entry = {"id": rid, "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
                 "releases": {sid: _relative(Path(path), root) for sid, path in releases.items()}}
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
    root = root or config.store_dir()
    entry = _logged(root / LOG).get(rid)
    if entry is None:
        return None
    releases, origins = {}, {}
    for sid, name in entry["releases"].items():
        folder = _located(name, root)
        if folder is None or not (folder / store.MANIFEST).is_file():
            return None
        releases[sid] = store.read_release(folder, sid)
        origins[sid] = _place(folder)  # where it is read from, as open_datasets says it
    return Datasets(releases, origins)


def _relative(path: Path, root: Path) -> str:
    """'store:<source>/<release>' or 'snapshot:<source>/<release>': where a logged release is."""
    for label, folder in (("store", root), ("snapshot", config.SNAPSHOT_DIR)):
        if path.resolve().parent.parent == folder.resolve():
            return f"{label}:{path.parent.name}/{path.name}"
    return f"store:{path.parent.name}/{path.name}"  # a release read from elsewhere: look for it here


def _located(name: str, root: Path) -> Path | None:
    """The folder a logged name points to, inside this store or the snapshot, never outside them."""
    label, colon, relative = name.partition(":")
    if not colon or label not in ("store", "snapshot"):  # an absolute path, from an older log
        label, relative = ("snapshot" if Path(name).parent.parent == config.SNAPSHOT_DIR else "store"), name
    parts = Path(relative).parts[-2:]
    if len(parts) != 2 or any(part in ("", ".", "..", "/") for part in parts):
        return None
    return (config.SNAPSHOT_DIR if label == "snapshot" else root) / parts[0] / parts[1]


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
