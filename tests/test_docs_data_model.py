"""docs/data-model.md lists every stored table with exactly the columns it has: a test fails when the doc
names a column a table lacks, misses one it has, or misses a table."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from displacement.storage.datasets import headline_totals, open_datasets

DOC = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8").split("## Per-source tables", 1)[1]
ROW = re.compile(r"^\| ([a-z-]+) \| ([a-z_]+) \| ([a-z0-9_, ]+) \|$", re.MULTILINE)


def documented() -> dict[tuple[str, str], set[str]]:
    return {(source, table): {c.strip() for c in columns.split(",")} for source, table, columns in ROW.findall(DOC)
            if table != "table"}


def stored() -> dict[tuple[str, str], set[str]]:
    data = open_datasets()
    return {(source_id, name): set(release.table(name).columns)
            for source_id, release in data.releases.items() for name in release.table_names()}


@pytest.mark.parametrize("key", sorted(stored()), ids=lambda key: "/".join(key))
def test_every_stored_table_is_documented_with_its_columns(key):
    assert key in documented(), f"docs/data-model.md has no row for {key}"
    assert documented()[key] == stored()[key]


def test_no_documented_table_is_missing_from_the_store():
    tables = {k for k in documented() if k[1] != "headline_totals"}
    assert tables <= set(stored())


def test_the_headline_table_is_documented_with_its_columns():
    [columns] = [c for (_, table), c in documented().items() if table == "headline_totals"]
    assert columns == set(headline_totals(open_datasets()).columns)
