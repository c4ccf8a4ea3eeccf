"""The Overview page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

import pandas as pd
import pytest
from pages import as_read, brief_ready, figures, run_page, share_box, share_link, texts, title

from displacement.storage.datasets import headline_totals, open_datasets


@pytest.fixture(scope="module")
def totals():
    return headline_totals(open_datasets())



def test_headline_is_on_unhcrs_basis_beside_the_published_figure_and_the_plain_sum(totals):
    at = run_page("overview")
    assert not at.warning
    assert at.title[0].value == "How many people are forcibly displaced?"
    cards = {m.label: m.value for m in at.metric}
    latest = totals.iloc[-1]
    assert cards["Forcibly displaced, end-2025"] == f"{latest['forcibly_displaced_unhcr_basis'] / 1e6:.1f} million"
    assert cards["Sum of the five components, end-2025"] == f"{latest['forcibly_displaced'] / 1e6:.1f} million"
    # No published figure for end-2025 in the snapshot: the latest published one is shown, labelled with its date.
    assert cards["Published by UNHCR, mid-2025"] == "117.3 million"
    text = texts(at)
    assert "covers another date" in text
    assert "End-2024: UNHCR published 123.2 million" in text  # the latest year-end both cover, compared
    assert f"counts twice the {latest['gaza_overlap']:,} Palestine refugees" in text


def test_change_card_gives_the_change_on_the_previous_year_on_unhcrs_basis(totals):
    at = run_page("overview")
    [change] = [m for m in at.metric if m.label == "Change on 2024"]
    rows = totals.set_index("year")["forcibly_displaced_unhcr_basis"]
    assert change.value == f"{(rows[2025] - rows[2024]) / 1e6:+.1f} M"
    assert f"{(rows[2025] / rows[2024] - 1) * 100:+.1f}%" in change.proto.delta


def test_change_since_a_year_is_in_the_link():
    at = run_page("overview", change_since="2015")
    assert "From end-2015 to end-2025, the number of people forcibly displaced" in texts(at)
    assert "change_since=2015" in share_link(at)


def test_change_since_a_year_outside_the_data_is_ignored_with_a_notice():
    at = run_page("overview", change_since="2025")
    assert any("change_since" in w.value for w in at.warning)
    assert "From end-2020 to end-2025" in texts(at)  # the default: five years back


def test_trend_chart_stacks_the_five_types_from_1990_with_the_total_on_unhcrs_basis():
    at = run_page("overview")
    trend = figures(at)[0]
    assert "People forcibly displaced worldwide" in title(trend)
    assert [t.name for t in trend.data] == ["IDPs (conflict)", "Refugees", "Asylum-seekers",
                                            "Other in need of int. protection", "Palestine refugees",
                                            "Forcibly displaced (UNHCR's basis)"]
    assert trend.data[0].x[0] == 1990
    assert at.pills(key="url-types").value == ["refugees", "palestine_refugees", "asylum_seekers", "oip",
                                               "idps_conflict"]


def test_link_restores_start_year_and_types():
    at = run_page("overview", since="1951", types=["refugees", "oip"])
    assert not at.warning
    trend = figures(at)[0]
    assert [t.name for t in trend.data] == ["Refugees", "Other in need of int. protection"]
    assert trend.data[0].x[0] == 1951
    assert at.pills(key="url-types").value == ["refugees", "oip"]


def test_choosing_types_updates_the_link():
    at = run_page("overview")
    at.pills(key="url-types").set_value(["asylum_seekers"]).run()
    link = share_link(at)
    assert "types=asylum_seekers" in link and "types=refugees" not in link
    assert [t.name for t in figures(at)[0].data] == ["Asylum-seekers"]


def test_a_bad_type_is_ignored_with_a_notice():
    at = run_page("overview", types=["refugees", "<b>aliens</b>"])
    notices = [w.value for w in at.warning]
    assert len(notices) == 1 and "types" in notices[0]
    assert at.pills(key="url-types").value == ["refugees"]


def test_seed_claim_is_checked_once_on_unhcrs_basis(totals):
    from displacement.figures import headline
    at = run_page("overview")
    claim = figures(at)[1]
    assert "Yearly change" in title(claim)
    drawn = pd.Series(claim.data[0].y, dtype="float64")
    pd.testing.assert_series_equal(drawn, headline.claim_table(totals)["change"].astype("float64"), check_names=False)
    assert headline.claim_verdict(headline.claim_table(totals)) in texts(at)


def test_citation_sentence_names_figure_period_definition_source_and_date(totals):
    at = run_page("overview")
    figure = f"{totals.iloc[-1]['forcibly_displaced_unhcr_basis'] / 1e6:.1f} million people"
    [sentence] = [c.value for c in share_box(at).code if c.value.startswith(figure)]  # with a copy button
    assert "end-2025" in sentence and "Gaza counted once" in sentence
    assert "UNHCR's Refugee Population Statistics Database" in sentence and "retrieved 2026-06-25" in sentence
    assert "release=" in share_link(at)
    assert f"> {sentence}" in as_read("\n".join(m.value for m in at.markdown))  # and quoted under "Cite this"


def test_every_code_block_of_the_first_page_is_in_a_closed_popover():
    """A code block drawn on the first page makes the browser load its syntax highlighter (1.5 MB) before
    the first chart appears; inside a popover it is drawn only when the popover is opened."""
    at = run_page("overview")
    in_popovers = {id(code) for box in at.get("popover") for code in box.code}
    assert at.code and all(id(code) in in_popovers for code in at.code)


def test_relatable_scale_names_its_denominator():
    text = texts(run_page("overview"))
    assert "about as many people as live in Egypt (116,538,258 residents in 2024, World Bank)" in text


def test_brief_gets_the_headline_key_figures_and_the_trend(shared, totals):
    run_page("overview")
    [call] = shared
    brief_ready(call)
    figures_table = call["figures"].set_index("end-2025")
    latest = totals.iloc[-1]
    assert figures_table.loc["Sum of the five components (counts the Gaza overlap twice)", "people"] == \
        f"{latest['forcibly_displaced']:,}"
    assert figures_table.iloc[-1]["people"] == f"{latest['forcibly_displaced_unhcr_basis']:,}"
    assert "People forcibly displaced worldwide" in title(call["fig"])
    assert "counts twice" in call["notes"][0]


def _mid_year_store(root):
    """The snapshot with its latest year turned into UNHCR's mid-2025 release (MYT2025, as the release history
    holds it): mid-year stocks, and IDMC's end-2024 figures carried forward, as a mid-year release has them."""
    from datetime import UTC, datetime

    from displacement import config
    from displacement.storage import store
    history = open_datasets().table("headline-releases", "releases")
    mid = history[(history["release"].str.startswith("MYT2025")) & (history["period"] == "mid-year")].iloc[0]
    changes = {"population": ["refugees", "asylum_seekers", "oip"], "unrwa": ["palestine_refugees"],
               "idmc": ["idps_conflict"]}
    for source_id, columns in changes.items():
        release = store.current_release(config.SNAPSHOT_DIR, source_id)
        tables = {name: release.table(name) for name in release.table_names()}
        totals = tables["totals"]
        latest = totals["year"] == 2025
        totals.loc[latest, "period"] = "mid-year"
        for column in columns:
            totals.loc[latest, column] = mid[column]
        if source_id == "idmc":  # countries' IDP figures carried forward from end-2024
            by_country = tables["by_country"]
            carried = by_country[by_country["year"] == 2024].assign(year=2025, period="mid-year")
            tables["by_country"] = pd.concat([by_country[by_country["year"] != 2025], carried], ignore_index=True)
        manifest = {k: v for k, v in release.manifest.items() if k not in ("tables", "checksum", "source_id")}
        store.write_release(root, source_id, tables, manifest, datetime.now(UTC))


def test_a_mid_year_release_is_explained_by_unhcrs_own_mid_year_idp_estimate(tmp_path, monkeypatch):
    root = tmp_path / "store"
    _mid_year_store(root)
    monkeypatch.setenv("DISPLACEMENT_STORE", str(root))
    at = run_page("overview")
    cards = {m.label: m.value for m in at.metric}
    assert cards["Published by UNHCR, mid-2025"] == "117.3 million"
    assert "Forcibly displaced, mid-2025" in cards
    [note] = [as_read(c.value) for c in at.caption if as_read(c.value).startswith("Mid-2025: UNHCR published 117.3")]
    assert "UNHCR published its own mid-year estimate (67.8 million)" in note
    assert "IDMC's end-2024 figure forward (73.5 million)" in note
    assert "revised" not in note  # the gap is a difference of method, not a revision
