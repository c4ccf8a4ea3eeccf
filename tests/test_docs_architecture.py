"""docs/architecture.md names modules and folders: each must exist (the doc is checked, not trusted)."""

import re

import pytest
from conftest import REPO

DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
PATHS = sorted(set(re.findall(r"`((?:displacement|components|app_pages|harness|tests|benchmarks)/[\w/.]*)`", DOC)))


def test_the_doc_names_the_path_of_a_figure_through_every_step():
    for step in ("sources/", "ingest/", "storage/", "figures/", "app_pages/"):
        assert f"displacement/{step}" in DOC or f"`{step}" in DOC


@pytest.mark.parametrize("path", PATHS)
def test_every_module_the_doc_names_exists(path):
    assert (REPO / path).exists(), path
