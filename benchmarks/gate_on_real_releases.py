"""What the plausibility gate would have done with UNHCR's real releases, one after the other.

    python benchmarks/gate_on_real_releases.py --releases DIR

DIR holds one folder per release of UNHCR's `refugees` R package (github.com/PopulationStatistics/refugees,
the commits below), each with <dataset>.parquet converted from that commit's data/<dataset>.rda, e.g.

    git -C refugees show 12b0e39:data/population.rda > DIR/12b0e39/population.rda
    python -c "import pyreadr, sys; next(iter(pyreadr.read_r(sys.argv[1]).values())).to_parquet(sys.argv[2])" \\
        DIR/12b0e39/population.rda DIR/12b0e39/population.parquet

(pyreadr is needed for that conversion only; it is not a dependency of the project). Each release is
built through displacement.ingest.pipeline as of its publication date, checked alone (refusals) and against
the release before it (held for review). Prints, per transition and source, what would be held.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from itertools import pairwise
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from displacement.ingest import pipeline, plausibility
from displacement.sources import get_source

RELEASES = [("12b0e39", "2023-06-14", "GT2022"), ("b6cc487", "2023-10-25", "MYT2023"), ("e756013", "2024-06-17",
                                                                                        "GT2023"),
            ("213f177", "2024-10-18", "MYT2024"), ("5b1f3a1", "2025-06-12", "GT2024"), ("68f1399", "2025-11-10",
                                                                                        "MYT2025"),
            ("8f9b50c", "2026-03-30", "2025.6.1"), ("fbc3be0", "2026-06-12", "GT2025"), ("8239ce0", "2026-06-25",
                                                                                         "2025.12.1")]
DATASETS = {"population": "population", "unrwa": "unrwa", "idmc": "idmc", "solutions": "solutions",
            "asylum-applications": "asylum_applications", "asylum-decisions": "asylum_decisions"}


def as_exported(frame: pd.DataFrame) -> pd.DataFrame:
    """Every value as text, as in the package's CSV exports: missing -> '', whole floats as integers."""
    def text(value) -> str:
        if pd.isna(value):
            return ""
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return frame.apply(lambda column: column.map(text))


def build(folder: Path, published: str) -> dict[str, dict]:
    releases = {}
    for source_id, dataset in DATASETS.items():
        raw = as_exported(pd.read_parquet(folder / f"{dataset}.parquet"))
        plausibility.check_payload(get_source(source_id), raw)
        releases[source_id] = pipeline.build(get_source(source_id), raw, date.fromisoformat(published))
    return releases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=Path, required=True)
    args = parser.parse_args()
    built = {label: build(args.releases / commit, published) for commit, published, label in RELEASES}
    held_transitions = 0
    for (_, _, before), (_, _, after) in pairwise(RELEASES):
        lines = []
        for source_id in DATASETS:
            try:
                changes = plausibility.compare(get_source(source_id), built[after][source_id], built[before][source_id])
            except plausibility.ImplausibleData as error:
                changes = [f"REFUSED: {error}"]
            if changes:
                lines.append(f"  {source_id}: {len(changes)} held: " + "; ".join(changes[:4]))
        held_transitions += bool(lines)
        print("\n".join([f"{before} -> {after}: " + ("held" if lines else "published"), *lines]))
    print(f"{held_transitions} of {len(RELEASES) - 1} transitions would be held for review")


if __name__ == "__main__":
    main()
