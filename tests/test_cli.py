"""The command line: output and exit codes, run as a user would (a subprocess)."""

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

from displacement.cli import build_parser

SUMMARY_KEYS = ["year", "period", "forcibly_displaced_unhcr_basis", "forcibly_displaced_sum_of_components",
                "gaza_overlap", "forcibly_displaced_published", "refugees",
                "palestine_refugees", "asylum_seekers", "other_in_need_of_international_protection",
                "idps_conflict", "stateless", "sources"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "displacement", *args], check=False, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_summary_json_has_the_documented_keys():
    result = run("summary", "--year", "2024", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert all(key in summary for key in SUMMARY_KEYS)
    assert summary["period"] == "end-2024" and summary["refugees"] == 30_958_200
    assert summary["forcibly_displaced_unhcr_basis"] == 124_673_873 - 1_422_400  # 70% of IDMC's 2,032,000 for Gaza
    assert summary["forcibly_displaced_published"] == 123_200_000


def test_summary_for_a_country_gives_each_part_each_side_and_each_idp_source_with_its_year():
    summary = json.loads(run("summary", "--year", "2025", "--country", "sdn", "--json").stdout)
    assert summary["country"] == "SDN" and summary["name"] == "Sudan"
    for side in ("by_asylum", "by_origin"):
        parts = summary[side]
        assert {"refugees", "asylum_seekers", "oip", "refugees_and_oip", "with_asylum_seekers"} == set(parts)
        assert parts["refugees_and_oip"] == parts["refugees"] + (parts["oip"] or 0)
    sources = {(i["source"], i["measure"]): i for i in summary["idps"]}
    assert sources[("idmc", "conflict and violence (stock)")]["year"] == 2025
    assert sources[("idmc-gidd", "conflict and violence (stock)")]["year"] == 2024  # the GIDD release ends there
    assert {"population", "population_year", "hosted_per_1000", "hosted_per_1000_with_asylum_seekers"} <= set(summary)


def test_rank_gives_unhcrs_top_five_origins_of_end_2024():
    result = json.loads(run("rank", "--year", "2024", "--side", "origin", "--top", "5", "--json").stdout)
    assert [c["iso3"] for c in result["countries"]] == ["VEN", "SYR", "AFG", "UKR", "SSD"]
    assert [c["rank"] for c in result["countries"]] == [1, 2, 3, 4, 5]
    assert result["countries"][0]["name"] == "Venezuela (Bolivarian Republic of)"


def test_rank_with_asylum_seekers_is_asked_for_and_said():
    result = json.loads(run("rank", "--year", "2024", "--side", "asylum", "--top", "1", "--with-asylum-seekers",
                            "--json").stdout)
    assert result["countries"][0]["iso3"] == "USA" and "asylum-seekers" in result["count"]


def test_rank_for_a_year_outside_the_data_exits_non_zero():
    result = run("rank", "--year", "1800", "--side", "asylum")
    assert result.returncode == 2 and "the data cover 1951 to 2025" in result.stderr


def test_unknown_country_exits_non_zero_with_a_message():
    result = run("summary", "--year", "2024", "--country", "ZZZ")
    assert result.returncode == 2 and "no country or territory called 'ZZZ'" in result.stderr


def test_year_outside_the_data_exits_non_zero():
    result = run("summary", "--year", "1900", "--json")
    assert result.returncode == 2 and "the data cover 1951 to" in result.stderr


def test_sources_lists_every_source_with_licence():
    rows = json.loads(run("sources", "--json").stdout)
    assert {row["id"] for row in rows} >= {"population", "worldbank-population", "idmc-gidd"}
    assert all(row["licence"] for row in rows)


def test_refresh_failure_exits_non_zero_with_one_line_per_source(tmp_path):
    (tmp_path / "bulk").mkdir()
    (tmp_path / "bulk" / "unrwa.csv").write_text("year,coo_iso,coa_iso\n2024,PSE,JOR\n")
    result = run("refresh", "--source", "unrwa", "--from-dir", str(tmp_path / "bulk"), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert result.stdout.strip() == ("unrwa: FAILED: unrwa: field 'total' is missing from the payload in row "
                                     "year='2024', coo_iso='PSE', coa_iso='JOR'")


@pytest.mark.parametrize("command", ["refresh", "releases", "sources", "summary", "rank", "build-snapshot",
                                     "project", "returns"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([command, "--help"])
    assert exit_.value.code == 0 and "usage:" in capsys.readouterr().out


def test_refresh_from_dir_fills_the_store(tmp_path):
    (tmp_path / "bulk").mkdir()
    (tmp_path / "bulk" / "unrwa.csv").write_text("year,coo_iso,coa_iso,total\n2024,PSE,JOR,2400000\n")
    result = run("refresh", "--source", "unrwa", "--from-dir", str(tmp_path / "bulk"), "--store",
                 str(tmp_path / "s"), "--allow-shrink")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "unrwa: ok: 1 rows, latest end-2024"
    assert (tmp_path / "s" / "unrwa" / "CURRENT").is_file()


def test_a_store_folder_that_does_not_exist_is_an_error_not_the_snapshot(tmp_path):
    result = subprocess.run([sys.executable, "-m", "displacement", "summary", "--year", "2024"], check=False, cwd=REPO,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "DISPLACEMENT_STORE": str(tmp_path / "missing")})
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.strip() == (f"error: DISPLACEMENT_STORE names a folder that does not exist "
                                     f"({tmp_path}/missing): "
                                     "create it, or unset DISPLACEMENT_STORE to use data/store")


def unrwa_bulk(folder, factor: int = 1):
    folder.mkdir(exist_ok=True)
    (folder / "unrwa.csv").write_text("year,coo_iso,coa_iso,total\n"
                                      f"2024,PSE,JOR,{2_400_000 * factor}\n2024,PSE,LBN,{490_000 * factor}\n")
    return folder


def test_a_change_beyond_the_review_thresholds_is_held_then_accepted(tmp_path):
    store = str(tmp_path / "s")
    assert run("refresh", "--source", "unrwa", "--from-dir", str(unrwa_bulk(tmp_path / "a")), "--store", store,
               "--allow-shrink").returncode == 0
    held = run("refresh", "--source", "unrwa", "--from-dir", str(unrwa_bulk(tmp_path / "b", 2)), "--store", store)
    assert held.returncode == 1
    assert held.stdout.startswith("unrwa: HELD FOR REVIEW: held for review: 3 changes beyond the review thresholds: "
                                  "world palestine_refugees 2024: 2,890,000 -> 5,780,000; ")
    accepted = run("refresh", "--source", "unrwa", "--from-dir", str(tmp_path / "b"), "--store", store,
                   "--accept-review")
    assert accepted.returncode == 0 and accepted.stdout.strip() == "unrwa: ok: 2 rows, latest end-2024"


def test_releases_lists_a_source_and_steps_back(tmp_path):
    store = str(tmp_path / "s")
    run("refresh", "--source", "unrwa", "--from-dir", str(unrwa_bulk(tmp_path / "a")), "--store", store,
        "--allow-shrink")
    run("refresh", "--source", "unrwa", "--from-dir", str(unrwa_bulk(tmp_path / "b", 2)), "--store", store,
        "--accept-review")
    listed = run("releases", "--source", "unrwa", "--store", store).stdout.splitlines()
    assert len(listed) == 2 and listed[1].split()[2] == "*"
    first = listed[0].split()[1]
    stepped = run("releases", "--source", "unrwa", "--use", first, "--store", store)
    assert stepped.returncode == 0 and stepped.stdout.strip() == f"unrwa: now in force: {first} (latest end-2024)"
    assert run("releases", "--source", "unrwa", "--store", store).stdout.splitlines()[1].split()[2] == "withdrawn"


def test_releases_refuses_an_unknown_release(tmp_path):
    run("refresh", "--source", "unrwa", "--from-dir", str(unrwa_bulk(tmp_path / "a")), "--store", str(tmp_path / "s"),
        "--allow-shrink")
    result = run("releases", "--source", "unrwa", "--use", "r1", "--store", str(tmp_path / "s"))
    assert result.returncode == 1 and result.stderr.startswith("error: unrwa: no release 'r1' in this store")


def test_the_idmc_key_never_reaches_the_cli_output(tmp_path):
    """A validation error quotes the offending row; here a count holds the key (a hostile server)."""
    from harness import fake_apis as fa
    key = "cli-secret-client-id-77"
    with fa.FakeAPIs() as apis:
        apis.inject(fa.transform(lambda p: {**p, "results": [{**row, "conflict_total_displacement_rounded": key}
                                                             for row in p["results"]]}), api="idmc")
        env = {**os.environ, **apis.env(), "DISPLACEMENT_IDMC_CLIENT_ID": key}
        result = subprocess.run([sys.executable, "-m", "displacement", "refresh", "--source", "idmc-gidd", "--store",
                                 str(tmp_path / "s")], check=False, cwd=REPO, capture_output=True, text=True,
                                timeout=120, env=env)
    assert result.returncode == 1
    assert result.stdout.startswith("idmc-gidd: FAILED: idmc-gidd: field 'conflict_total_displacement_rounded' is "
                                    "not a count: '***' in row iso3='AFG'")
    assert key not in result.stdout + result.stderr
