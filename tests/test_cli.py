"""The command line: output and exit codes, run as a user would (a subprocess)."""

import json
import subprocess
import sys

import pytest

from conftest import REPO
from displacement.cli import build_parser

SUMMARY_KEYS = ["year", "period", "forcibly_displaced", "forcibly_displaced_published", "refugees",
                "palestine_refugees", "asylum_seekers", "other_in_need_of_international_protection",
                "idps_conflict", "stateless", "sources"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "displacement", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_summary_json_has_the_documented_keys():
    result = run("summary", "--year", "2024", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert all(key in summary for key in SUMMARY_KEYS)
    assert summary["period"] == "end-2024" and summary["refugees"] == 30_958_200


def test_summary_for_a_country():
    summary = json.loads(run("summary", "--year", "2024", "--country", "ukr", "--json").stdout)
    assert summary["country"] == "UKR"
    assert {"hosted", "originated", "idps_conflict", "population", "hosted_per_1000"} <= set(summary)


def test_unknown_country_exits_non_zero_with_a_message():
    result = run("summary", "--year", "2024", "--country", "ZZZ")
    assert result.returncode == 2 and "unknown country code 'ZZZ'" in result.stderr


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
    assert result.stdout.strip() == "unrwa: FAILED: unrwa: field 'total' is missing from the payload in row year='2024', coo_iso='PSE', coa_iso='JOR'"


@pytest.mark.parametrize("command", ["refresh", "sources", "summary", "build-snapshot", "project"])
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
