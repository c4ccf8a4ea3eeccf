"""Two app processes on different ports over one store, with a refresh running while both serve:
both keep serving, and both show the new release afterwards. Then two processes as two machines would run
them: started in different folders, each reaching the store by its own path (a mount point)."""

import csv
import subprocess
import sys

from conftest import R_PACKAGE, REPO

from harness.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    require_chromium,
    streamlit_process,
    streamlit_server,
    wait_rendered,
)


def synthetic_unrwa(folder) -> None:
    """The real UNRWA table with the 2025 figures doubled: a synthetic new release the test can see."""
    rows = list(csv.DictReader((R_PACKAGE / "unrwa.csv").open(encoding="utf-8")))
    for row in rows:
        if row["year"] == "2025" and row["total"]:
            row["total"] = str(int(row["total"]) * 2)
    with (folder / "unrwa.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def refresh_command(bulk) -> list[str]:
    """Publish the synthetic UNRWA release from `bulk` into $DISPLACEMENT_STORE."""
    return [sys.executable, "-m", "displacement", "refresh", "--source", "unrwa", "--from-dir", str(bulk),
            "--as-of", "2026-06-25", "--accept-review"]


def palestine_card(page) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text="Palestine refugees")
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_two_processes_serve_one_store_through_a_refresh(tmp_path, shared_data):
    require_chromium()
    from playwright.sync_api import sync_playwright
    store, bulk = tmp_path / "store", tmp_path / "bulk"
    bulk.mkdir()
    store.mkdir()  # DISPLACEMENT_STORE must name a folder that exists
    synthetic_unrwa(bulk)
    env = {"DISPLACEMENT_STORE": str(store)}
    with streamlit_server(env) as first, streamlit_server(env) as second, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = [browser.new_page() for _ in range(2)]
        for page, url in zip(pages, [first, second]):
            page.goto(url + "/")
            wait_rendered(page)
        before = [palestine_card(page) for page in pages]
        refresh = subprocess.Popen(refresh_command(bulk), cwd=REPO, env={**__import__("os").environ, **env},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        during = []
        while refresh.poll() is None:  # both processes keep answering while the refresh runs
            for page in pages:
                page.reload()
                wait_rendered(page)
                during.append(page.locator('[data-testid="stException"]').count())
        assert refresh.returncode == 0, refresh.stderr
        after = []
        for page in pages:
            page.reload()
            wait_rendered(page)
            after.append(palestine_card(page))
        browser.close()
    assert before == ["6.0 M", "6.0 M"]
    assert after == ["11.9 M", "11.9 M"]
    assert sum(during) == 0


def refresh_unrwa(bulk, store) -> None:
    subprocess.run(refresh_command(bulk), cwd=REPO, check=True, capture_output=True, timeout=600,
                   env={**__import__("os").environ, "DISPLACEMENT_STORE": str(store)})


def summary(url: str, **query) -> tuple[str, dict]:
    import requests
    response = requests.get(f"{url}/api/v1/summary", params={"year": 2025, **query}, timeout=120)
    assert response.status_code == 200, response.text
    found = response.json()
    return found.pop("release"), found


def test_two_machines_paths_to_one_store_give_one_release_and_resolve_each_others_links(tmp_path, shared_data):
    store, bulk, machine_b = tmp_path / "store", tmp_path / "bulk", tmp_path / "machine-b"
    for folder in (store, bulk, machine_b):
        folder.mkdir()
    (machine_b / "mnt").symlink_to(store)  # the same share, mounted elsewhere
    synthetic_unrwa(bulk)
    with streamlit_process({"DISPLACEMENT_STORE": str(store)}) as (a, _), \
            streamlit_process({"DISPLACEMENT_STORE": str(machine_b / "mnt")}, cwd=machine_b) as (b, _):
        old_release, old = summary(a)
        assert summary(b) == (old_release, old)
        refresh_unrwa(bulk, store)  # the one refresh job, writing through machine A's path
        new_release, new = summary(b)
        assert summary(a) == (new_release, new) and new_release != old_release
        assert new["palestine_refugees"] == 2 * old["palestine_refugees"]
        linked_release, linked = summary(b, release=old_release)  # a link made before, opened on B
        assert linked_release == old_release and linked == old
