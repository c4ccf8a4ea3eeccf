"""Shared test helpers: where the repo, the fixtures and the real bulk data are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# Tests see full error details; the deployed config hides them from viewers.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED_DATA = REPO.parent / "shared" / "data"
R_PACKAGE = SHARED_DATA / "unhcr_refugees_r_package"


def fixture_json(source_id: str, name: str):
    return json.loads((FIXTURES / source_id / name).read_text(encoding="utf-8"))


def fixture_items(source_id: str) -> list[dict]:
    """All items of a source's paged fixture, in page order."""
    pages = sorted((FIXTURES / source_id).glob("page*_of_*.json"))
    items = []
    for page in pages:
        items.extend(json.loads(page.read_text(encoding="utf-8"))["items"])
    return items


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (skipped where Debian's chromium is missing)."""
    from harness.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shared_data() -> Path:
    if not R_PACKAGE.is_dir():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    return SHARED_DATA


@pytest.fixture
def store_root(tmp_path, monkeypatch) -> Path:
    """An empty store for the test; the app and the CLI read it through DISPLACEMENT_STORE (which
    must name a folder that exists)."""
    root = tmp_path / "store"
    root.mkdir()
    monkeypatch.setenv("DISPLACEMENT_STORE", str(root))
    return root


@pytest.fixture(autouse=True)
def _no_developer_store(tmp_path_factory, monkeypatch):
    """No test reads a developer's data/store: each starts with an empty store (the snapshot serves)."""
    monkeypatch.setenv("DISPLACEMENT_STORE", str(tmp_path_factory.mktemp("empty-store")))
    monkeypatch.delenv("DISPLACEMENT_IDMC_CLIENT_ID", raising=False)
    monkeypatch.delenv("DISPLACEMENT_READ_ONLY", raising=False)


@pytest.fixture
def shared(monkeypatch) -> list[dict]:
    """What the page passes to share.share_bar (the call still runs): one dict of keyword arguments a call."""
    calls = []
    from components import share
    original = share.share_bar

    def record(data, **kwargs):
        calls.append(kwargs)
        return original(data, **kwargs)

    monkeypatch.setattr(share, "share_bar", record)
    return calls
