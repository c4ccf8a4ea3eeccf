"""The container files keep to what docs/deployment.md ("Containers") says of them: Dockerfile and
docs/deploy/compose.yaml, read as the tools read them. (Building the image needs a Docker daemon and Docker
Hub, which the test machines lack; docs/decisions.md, "Containers", records the last build and run.)"""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from conftest import REPO

from displacement.cli import build_parser, run_refresh

DOCKERFILE = REPO / "Dockerfile"
COMPOSE = REPO / "docs" / "deploy" / "compose.yaml"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def last(keyword: str) -> str:
    return [arguments for word, arguments in instructions() if word == keyword][-1]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_the_image_runs_as_an_unprivileged_user():
    assert last("USER") not in {"root", "0"}
    assert instructions()[-1][0] in {"CMD", "ENTRYPOINT"} and "USER" in [word for word, _ in instructions()]


def test_the_image_checks_its_health_on_streamlits_health_address():
    assert "/_stcore/health" in last("HEALTHCHECK") and ":8501/" in last("HEALTHCHECK")


def test_the_image_installs_the_pinned_requirements_and_chromium_for_the_brief():
    runs = " ".join(arguments for word, arguments in instructions() if word == "RUN")
    assert "pip install -r /srv/displacement/requirements.txt" in runs
    assert re.search(r"apt-get install .*\bchromium\b", runs) and "BROWSER_PATH=/usr/bin/chromium" in last("ENV")


def test_the_image_starts_the_readme_command_on_its_exposed_port():
    command = " ".join(yaml.safe_load(last("CMD")))
    assert command.startswith("streamlit run app.py") and "--server.port 8501" in command
    assert last("EXPOSE") == "8501"


def test_the_image_leaves_local_stores_and_secrets_out():
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {"data/store", ".streamlit/secrets.toml", ".git"} <= set(ignored)


def test_exactly_one_service_writes_the_store_and_it_runs_the_refresh(compose):
    writers = [name for name, service in compose["services"].items()
               if any(v.startswith("store:") and not v.endswith(":ro") for v in service.get("volumes", []))]
    assert writers == ["refresh"]
    command = " ".join(compose["services"]["refresh"]["command"])
    refresh = shlex.split(re.search(r"python -m displacement (refresh[^;]*)", command).group(1))
    assert build_parser().parse_args(refresh).handler is run_refresh  # a command the CLI accepts


def test_every_app_service_is_read_only_and_behind_the_balancer(compose):
    apps = [name for name, service in compose["services"].items() if "APP1" not in service.get("environment", {})
            and name != "refresh"]
    balancer = compose["services"]["balancer"]
    assert sorted(balancer["environment"][f"APP{i}"].split(":")[0] for i in (1, 2, 3)) == sorted(apps)
    assert all(compose["services"][name]["environment"]["DISPLACEMENT_READ_ONLY"] == "1" for name in apps)


def test_the_balancer_runs_the_haproxy_cfg_that_test_haproxy_runs(compose):
    balancer = compose["services"]["balancer"]
    mounted = {volume.split(":")[0]: volume.split(":")[1] for volume in balancer["volumes"]}
    config = next(source for source in mounted if source.endswith(".cfg"))
    assert (COMPOSE.parent / config).resolve() == (REPO / "docs" / "deploy" / "haproxy.cfg").resolve()
    assert mounted[config] in balancer["command"]
    assert balancer["environment"]["LISTEN"].endswith(balancer["ports"][0].split(":")[-1])


def test_the_compose_file_builds_the_dockerfile(compose):
    builds = {service.get("build") for service in compose["services"].values()} - {None}
    assert {(COMPOSE.parent / build).resolve() for build in builds} == {REPO.resolve()}
