"""A store that never loses the last good data.

Layout, per source:  <root>/<source_id>/CURRENT            the name of the release in use
                     <root>/<source_id>/<release>/manifest.json and <table>.parquet
A write builds a whole release in a hidden temporary folder, renames it into place, then
replaces CURRENT with os.replace (atomic on POSIX). A reader reads CURRENT once and then only
that release's files, so it sees all old or all new tables of a source, never a mix. Earlier
releases stay on disk and can be listed, read and switched back to (`use_release`).

One refresh writes a store at a time (`writer_lock`, an flock on the store folder that the kernel
releases when its process dies, even by kill -9). Holding it, a refresh removes what a killed or
failed one left (`clean_up`): hidden staging folders, temporary pointer files, and releases renamed
into place whose CURRENT was never written. A release stepped back from is marked WITHDRAWN, so it
stays on disk and is not taken for such a leftover.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

MANIFEST = "manifest.json"
CURRENT = "CURRENT"
WITHDRAWN = "WITHDRAWN"  # in a release folder: stepped back from by `use_release`, kept on purpose
STAGING_PREFIX = ".tmp-"


class StoreError(RuntimeError):
    """The store has no usable release for a source, or a write was refused."""


@dataclass(frozen=True)
class Release:
    source_id: str
    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.path.name

    def table(self, name: str) -> pd.DataFrame:
        entry = self.manifest["tables"].get(name)
        if entry is None:
            raise StoreError(f"{self.source_id}: release {self.name} has no table '{name}'")
        return pd.read_parquet(self.path / entry["file"])

    def table_names(self) -> list[str]:
        return list(self.manifest["tables"])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_name(retrieved_at: datetime) -> str:
    return retrieved_at.astimezone(UTC).strftime("r%Y%m%dT%H%M%S%fZ")


def write_release(root: Path, source_id: str, tables: dict[str, pd.DataFrame], manifest: dict,
                  retrieved_at: datetime) -> Release:
    """Write all tables of one source as a new release, then switch CURRENT to it."""
    source_dir = root / source_id
    source_dir.mkdir(parents=True, exist_ok=True)
    staging = source_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        entries = {name: _write_table(staging, name, frame) for name, frame in tables.items()}
        full = {**manifest, "source_id": source_id, "tables": entries,
                "checksum": _combined_checksum(entries)}
        _write_text(staging / MANIFEST, json.dumps(full, indent=2, sort_keys=True, default=str))
        final = source_dir / release_name(retrieved_at)
        if final.exists():
            raise StoreError(f"{source_id}: release {final.name} already exists")
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _write_text(source_dir / CURRENT, final.name + "\n")
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)  # never switched in: leave no orphan release behind
        raise
    return Release(source_id, final, full)


def _write_table(folder: Path, name: str, frame: pd.DataFrame) -> dict:
    path = folder / f"{name}.parquet"
    frame.to_parquet(path, index=False, compression="zstd")
    return {"file": path.name, "rows": len(frame), "sha256": sha256_of(path)}


def _combined_checksum(entries: dict) -> str:
    joined = "".join(f"{name}:{entries[name]['sha256']}" for name in sorted(entries))
    return hashlib.sha256(joined.encode()).hexdigest()


def _write_text(path: Path, text: str) -> None:
    """Write beside the target, flush to disk, then atomically replace it."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # a full disk leaves no empty temporary file
        raise


def current_release(root: Path, source_id: str) -> Release | None:
    """The release CURRENT points to, or None if the source was never stored there."""
    pointer = root / source_id / CURRENT
    if not pointer.is_file():
        return None
    return read_release(root / source_id / pointer.read_text(encoding="utf-8").strip(), source_id)


def read_release(path: Path, source_id: str) -> Release:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{source_id}: release {path.name} is unreadable ({error})") from None
    return Release(source_id, path, manifest)


def list_releases(root: Path, source_id: str) -> list[Release]:
    """Every complete release of a source held under root, oldest first."""
    source_dir = root / source_id
    if not source_dir.is_dir():
        return []
    folders = sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [read_release(folder, source_id) for folder in folders if (folder / MANIFEST).is_file()]


def verify(release: Release) -> list[str]:
    """Files whose checksum no longer matches the manifest (empty when the release is intact)."""
    return [entry["file"] for entry in release.manifest["tables"].values()
            if sha256_of(release.path / entry["file"]) != entry["sha256"]]


def is_withdrawn(release: Release) -> bool:
    return (release.path / WITHDRAWN).is_file()


# --- one writer, and what a killed writer left ------------------------------------------------------

@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the store for one refresh; a second one at the same time is refused, not queued."""
    root.mkdir(parents=True, exist_ok=True)
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError("another refresh is writing this store now; nothing was fetched (try again "
                             "when it has finished)") from None
        yield
    finally:
        os.close(handle)  # releases the lock


def clean_up(root: Path) -> list[str]:
    """Remove what an interrupted refresh left in each source folder; one line per thing removed.
    Call it only while holding writer_lock: another refresh's staging folder looks the same."""
    removed = []
    if not root.is_dir():
        return removed
    for source_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted(source_dir.iterdir()):
            if path.name.startswith(STAGING_PREFIX) and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
                removed.append(f"{source_dir.name}/{path.name} (a release being written when its refresh stopped)")
            elif path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file():
                path.unlink()
                removed.append(f"{source_dir.name}/{path.name} (a pointer being written when its refresh stopped)")
        removed += [f"{source_dir.name}/{release.name} (a release never switched in)"
                    for release in _never_switched_in(source_dir)]
    return removed


def _never_switched_in(source_dir: Path) -> list[Path]:
    """Complete releases newer than the one in force (or with none in force), not withdrawn: a refresh
    stopped between renaming its release into place and writing CURRENT. Removed here."""
    pointer = source_dir / CURRENT
    current = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    if current and not (source_dir / current / MANIFEST).is_file():
        return []  # a damaged pointer: leave everything for an operator (`releases`)
    leftovers = [p for p in sorted(source_dir.iterdir())
                 if p.is_dir() and not p.is_symlink() and not p.name.startswith(".") and p.name > current
                 and (p / MANIFEST).is_file() and not (p / WITHDRAWN).is_file()]
    for path in leftovers:
        shutil.rmtree(path)
    return leftovers


# --- stepping back (and forward) -----------------------------------------------------------------------

def use_release(root: Path, source_id: str, name: str) -> Release:
    """Put an earlier (or later) intact release of a source in force. Releases newer than it are
    marked WITHDRAWN and kept; the one chosen loses its mark."""
    releases = {r.name: r for r in list_releases(root, source_id)}
    if name not in releases:
        known = ", ".join(releases) or "none"
        raise StoreError(f"{source_id}: no release {name!r} in this store (releases: {known})")
    chosen = releases[name]
    damaged = verify(chosen)
    if damaged:
        raise StoreError(f"{source_id}: release {name} is damaged ({', '.join(damaged)} no longer match their "
                         "checksums); not switched in")
    for later in (r for r in releases.values() if r.name > name):
        _write_text(later.path / WITHDRAWN, f"stepped back from to {name}\n")
    (chosen.path / WITHDRAWN).unlink(missing_ok=True)
    _write_text(root / source_id / CURRENT, name + "\n")
    return chosen
