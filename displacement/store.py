"""A store that never loses the last good data.

Layout, per source:  <root>/<source_id>/CURRENT            the name of the release in use
                     <root>/<source_id>/<release>/manifest.json and <table>.parquet
A write builds a whole release in a hidden temporary folder, renames it into place, then
replaces CURRENT with os.replace (atomic on POSIX). A reader reads CURRENT once and then only
that release's files, so it sees all old or all new tables of a source, never a mix. Earlier
releases stay on disk and can be listed and read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

MANIFEST = "manifest.json"
CURRENT = "CURRENT"


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
    return retrieved_at.astimezone(timezone.utc).strftime("r%Y%m%dT%H%M%S%fZ")


def write_release(root: Path, source_id: str, tables: dict[str, pd.DataFrame], manifest: dict,
                  retrieved_at: datetime) -> Release:
    """Write all tables of one source as a new release, then switch CURRENT to it."""
    source_dir = root / source_id
    source_dir.mkdir(parents=True, exist_ok=True)
    staging = source_dir / f".tmp-{uuid.uuid4().hex}"
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
    _write_text(source_dir / CURRENT, final.name + "\n")
    return Release(source_id, final, full)


def _write_table(folder: Path, name: str, frame: pd.DataFrame) -> dict:
    path = folder / f"{name}.parquet"
    frame.to_parquet(path, index=False, compression="zstd")
    return {"file": path.name, "rows": int(len(frame)), "sha256": sha256_of(path)}


def _combined_checksum(entries: dict) -> str:
    joined = "".join(f"{name}:{entries[name]['sha256']}" for name in sorted(entries))
    return hashlib.sha256(joined.encode()).hexdigest()


def _write_text(path: Path, text: str) -> None:
    """Write beside the target, flush to disk, then atomically replace it."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


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
