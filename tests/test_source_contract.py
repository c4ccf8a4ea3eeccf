"""Adding a source means a registry entry, a builder, a fixture folder and a README row: this test
fails until all exist."""

import pytest
from conftest import FIXTURES, REPO

from displacement.pipeline import BUILDERS
from displacement.sources import SOURCES

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_has_a_builder(source):
    assert source.id in BUILDERS


@pytest.mark.parametrize("source", [s for s in SOURCES if s.live], ids=lambda s: s.id)
def test_live_source_has_fixtures(source):
    assert any((FIXTURES / source.id).glob("*.json"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_is_in_the_readme_table(source):
    assert f"| `{source.id}` |" in README


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_declares_licence_and_citation(source):
    assert source.licence and source.licence_url.startswith("https://") and "{accessed}" in source.citation
