"""The read-only data API (issue 16, part 5): the handlers tested directly, then the real server
(`streamlit run app.py`) fetched with requests, its answers compared with the command line's."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
import requests
from conftest import REPO

from displacement.outputs import api
from displacement.storage import releases
from displacement.storage.datasets import open_datasets
from harness.browser import streamlit_server


def get(path: str, **query) -> api.Answer:
    return api.answer(path, {key: value if isinstance(value, list) else [value] for key, value in query.items()})


def body(answer: api.Answer) -> dict:
    return json.loads(answer.body)


def cli(*args) -> dict:
    result = subprocess.run([sys.executable, "-m", "displacement", *args, "--json"], cwd=REPO, capture_output=True,
                            text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def current_release() -> str:
    return releases.release_id(releases.release_set(open_datasets()))


def test_summary_is_the_command_lines_with_the_release():
    answer = get("/api/v1/summary", year="2024", country="sdn")
    assert answer.status == 200 and answer.headers[api.RELEASE_HEADER] == current_release()
    found = body(answer)
    assert found.pop("release") == current_release()
    assert found == cli("summary", "--year", "2024", "--country", "SDN")


def test_world_summary_and_sources_agree_with_the_command_line():
    world = body(get("/api/v1/summary", year="2024"))
    assert world["forcibly_displaced_unhcr_basis"] == 124_673_873 - 1_422_400
    assert {k: v for k, v in world.items() if k != "release"} == cli("summary", "--year", "2024")
    sources = body(get("/api/v1/sources"))
    assert sources["release"] == current_release()
    assert [{k: v for k, v in s.items() if k != "age_days"} for s in sources["sources"]] == \
        [{k: v for k, v in s.items() if k != "age_days"} for s in cli("sources")]


def test_series_as_csv_reads_in_pandas_and_matches_the_json():
    csv = get("/api/v1/series/refugees.csv")
    assert csv.status == 200 and csv.media_type.startswith("text/csv") and api.RELEASE_HEADER in csv.headers
    table = pd.read_csv(io.BytesIO(csv.body))
    as_json = body(get("/api/v1/series/refugees.json"))
    assert list(table.columns) == ["year", "refugees"]
    assert table.set_index("year")["refugees"].to_dict() == {v["year"]: v["value"] for v in as_json["values"]}
    assert as_json["release"] == current_release() and as_json["sources"][0]["licence"] == "CC BY 4.0"
    assert table.set_index("year").loc[2024, "refugees"] == 30_958_200


def test_a_countrys_series():
    found = body(get("/api/v1/series/forcibly_displaced.json", country="UKR", side="asylum"))
    assert found["country"] == "UKR" and found["side"] == "asylum" and len(found["values"]) > 10


@pytest.mark.parametrize(("path", "query", "parameter"), [
    ("/api/v1/summary", {}, "year"),
    ("/api/v1/summary", {"year": "20x4"}, "year"),
    ("/api/v1/summary", {"year": "1800"}, "year"),
    ("/api/v1/summary", {"year": ["2024", "2023"]}, "year"),
    ("/api/v1/summary", {"year": "2024", "country": "<script>alert(1)</script>"}, "country"),
    ("/api/v1/summary", {"year": "2024", "country": "ZZZ"}, "country"),
    ("/api/v1/summary", {"year": "2024", "colour": "red"}, "colour"),
    ("/api/v1/series/refugees.xml", {}, "format"),
    ("/api/v1/series/refugees.csv", {"country": "SDN", "side": "<b>x</b>"}, "side"),
])
def test_bad_parameters_get_a_400_in_json_naming_the_parameter(path, query, parameter):
    answer = get(path, **query)
    assert answer.status == 400 and answer.media_type == "application/json"
    error = body(answer)["error"]
    assert error["parameter"] == parameter and error["message"]
    assert "<" not in answer.body.decode() and api.RELEASE_HEADER in answer.headers


def test_unknown_addresses_and_series_are_404_without_echoing_markup():
    assert get("/api/v1/nothing").status == 404
    answer = get("/api/v1/series/<img src=x>.json")
    assert answer.status == 404 and "<" not in answer.body.decode()


def test_an_earlier_release_is_answered_while_the_store_holds_it(store_root):
    from test_releases import doubled_unrwa
    old = releases.record(open_datasets())
    before = body(get("/api/v1/summary", year="2025"))["palestine_refugees"]
    doubled_unrwa(store_root)
    now = body(get("/api/v1/summary", year="2025"))
    assert now["release"] != old and now["palestine_refugees"] == 2 * before  # the new release is served at once
    then = get("/api/v1/summary", year="2025", release=old)
    assert then.headers[api.RELEASE_HEADER] == old == body(then)["release"]
    assert body(then)["palestine_refugees"] == before
    assert get("/api/v1/summary", year="2025", release="0123456789").status == 404
    assert body(get("/api/v1/sources", release="<x>"))["error"]["parameter"] == "release"


def settings(**values):
    return lambda name, default=None: values.get(name, default)


def test_a_protected_dashboard_gives_data_only_with_its_token():
    assert api.refusal(settings(), {}) is None  # public by default
    closed = api.refusal(settings(access_mode="password"), {})
    assert closed.status == 403 and body(closed)["error"]["parameter"] == "access"
    protected = settings(access_mode="oidc", api_token="s3cret-token")
    assert api.refusal(protected, {}).status == 401
    assert api.refusal(protected, {"authorization": "Bearer wrong"}).status == 401
    assert api.refusal(protected, {"authorization": "Bearer s3cret-token"}) is None
    assert api.refusal(settings(access_mode="nonsense", api_token="t"), {}).status == 401  # fails closed


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


def test_the_real_server_answers_as_the_command_line_does(server):
    response = requests.get(f"{server}/api/v1/summary", params={"year": 2024, "country": "SDN"}, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    found = response.json()
    assert response.headers[api.RELEASE_HEADER] == found.pop("release") == current_release()
    assert found == cli("summary", "--year", "2024", "--country", "SDN")
    world = requests.get(f"{server}/api/v1/summary?year=2024", timeout=60).json()
    assert world["forcibly_displaced_unhcr_basis"] == cli("summary", "--year", "2024")["forcibly_displaced_unhcr_basis"]
    table = pd.read_csv(io.BytesIO(requests.get(f"{server}/api/v1/series/refugees.csv", timeout=60).content))
    assert table.set_index("year").loc[2024, "refugees"] == 30_958_200
    bad = requests.get(f"{server}/api/v1/summary?year=<b>2024</b>", timeout=60)
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "year" and "<b>" not in bad.text
    assert requests.get(f"{server}/_stcore/health", timeout=10).status_code == 200  # the dashboard still serves


def test_the_real_server_keeps_a_protected_dashboards_data_behind_its_token():
    env = {"DISPLACEMENT_ACCESS_MODE": "password", "DISPLACEMENT_ACCESS_PASSWORD": "pw",
           "DISPLACEMENT_API_TOKEN": "tok-123"}
    with streamlit_server(env) as url:
        refused = requests.get(f"{url}/api/v1/summary?year=2024", timeout=60)
        assert refused.status_code == 401 and "refugees" not in refused.text
        allowed = requests.get(f"{url}/api/v1/summary?year=2024", headers={"Authorization": "Bearer tok-123"},
                               timeout=60)
        assert allowed.status_code == 200 and allowed.json()["refugees"] == 30_958_200


def test_under_a_base_path_the_api_is_under_it_too(tmp_path):
    """Behind nginx at /displacement/ (docs/deploy/nginx.conf) the server runs with server.baseUrlPath."""
    import os

    from harness.browser import free_port, wait_healthy
    port = free_port()
    log_path = tmp_path / "server.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
               str(port), "--server.address", "127.0.0.1", "--server.baseUrlPath", "displacement"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
        process.log_path = log_path
        try:
            url = f"http://127.0.0.1:{port}/displacement"
            wait_healthy(url, process)
            response = requests.get(f"{url}/api/v1/summary?year=2024", timeout=60)
            assert response.status_code == 200 and response.json()["refugees"] == 30_958_200
            overview = requests.get(f"{url}/overview?lang=fr", timeout=60, allow_redirects=False)
            assert overview.status_code == 308 and overview.headers["location"] == "/displacement/?lang=fr"
        finally:
            process.terminate()
            process.wait(timeout=10)
