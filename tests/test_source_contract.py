"""Adding a source means its module (fetcher, tidy step, builder), a registry entry that declares it whole,
a fixture folder and a README row: this test fails until all exist, and fails when code outside the
registry branches on a source's id or API."""

import re

import pytest
from conftest import FIXTURES, REPO

from displacement.sources import SOURCES

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_has_a_builder_and_a_bulk_reader(source):
    assert callable(source.build) and callable(source.read_bulk) and source.bulk_file


@pytest.mark.parametrize("source", [s for s in SOURCES if s.live], ids=lambda s: s.id)
def test_live_source_has_a_fetcher_an_api_and_an_endpoint(source):
    assert callable(source.fetch) and source.api != "none" and source.endpoint


def test_no_code_outside_the_registry_branches_on_a_source_id_or_an_api():
    branch = re.compile(r"""(?<!for )(source_id|source\.id|\.api)\s*(==|!=|in)\s*[\[\("']""")
    offenders = [f"{path.relative_to(REPO)}:{number}"
                 for folder in ("displacement", "components", "app_pages") for path in (REPO / folder).rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if branch.search(line)]
    assert offenders == []


@pytest.mark.parametrize("source", [s for s in SOURCES if s.live], ids=lambda s: s.id)
def test_live_source_has_fixtures(source):
    assert any((FIXTURES / source.id).glob("*.json"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_is_in_the_readme_table(source):
    assert f"| `{source.id}` |" in README


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_source_declares_licence_and_citation(source):
    assert source.licence and source.licence_url.startswith("https://") and "{accessed}" in source.citation
