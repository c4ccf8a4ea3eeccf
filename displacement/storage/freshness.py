"""How old each source's data is, and whether a newer release is likely out."""

from __future__ import annotations

from datetime import UTC, datetime

from displacement.sources import SOURCES
from displacement.storage.datasets import Datasets
from displacement.storage.manifest import Manifest


def source_status(data: Datasets, now: datetime | None = None) -> list[dict]:
    now = now or datetime.now(UTC)
    rows = []
    for source in SOURCES:
        release = data.releases.get(source.id)
        manifest = data.manifest(source.id) if release else Manifest()
        retrieved = manifest.retrieved_at
        age = (now - datetime.fromisoformat(retrieved)).days if retrieved else None
        rows.append({
            "id": source.id, "publisher": source.publisher, "licence": source.licence,
            "release": manifest.release or "not reported by the source",
            "latest_period": manifest.latest_period,
            "retrieved_at": retrieved, "age_days": age, "from": data.origin.get(source.id, "missing"),
            "freshness": _verdict(age, source.stale_after_days, release is not None),
        })
    return rows


def _verdict(age: int | None, stale_after: int, present: bool) -> str:
    if not present:
        return "missing"
    if age is None:
        return "unknown"
    return f"stale ({age} days; a newer release is likely out)" if age > stale_after else f"fresh ({age} days)"
