"""The code's house rules, checked: ruff is clean, no function runs past a screen, and the commands the
README gives are the ones CI and pyproject.toml use."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import REPO

MAX_FUNCTION_LINES = 50
PYTHON_FOLDERS = ("app_pages", "components", "displacement", "harness", "benchmarks", "tests")


def _python_files():
    yield REPO / "app.py"
    for folder in PYTHON_FOLDERS:
        yield from sorted((REPO / folder).rglob("*.py"))


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (REPO / "README.md").read_text(encoding="utf-8"))


def test_ruff_finds_nothing():
    if shutil.which("ruff") is None and subprocess.run([sys.executable, "-m", "ruff", "--version"],
                                                       capture_output=True).returncode != 0:
        pytest.skip("ruff is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_no_function_is_longer_than_a_screen():
    long = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long


def test_ci_runs_the_readme_test_command_as_written():
    test_command = next(c for c in _readme_commands() if "pytest" in c)
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_the_readme_test_command_installs_the_test_requirements_which_include_the_runtime_ones():
    test_command = next(c for c in _readme_commands() if "pytest" in c)
    assert "-r requirements-dev.txt" in test_command
    dev = (REPO / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in dev
    assert any(line.startswith(("pytest==", "ruff==")) for line in dev)


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "-r ")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line), f"{name}: {line!r} is not pinned"


def test_pyproject_reads_its_dependencies_from_requirements_txt():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "dependencies" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["dependencies"]["file"] == ["requirements.txt"]


BENCHMARK_SCRIPTS = sorted(path.name for path in (REPO / "benchmarks").glob("*.py") if "argparse" in path.read_text())


@pytest.mark.parametrize("script", BENCHMARK_SCRIPTS)
def test_every_benchmark_starts(script):
    """Each benchmark imports what it uses and reads its options (one had imported benchmarks/concurrency.py,
    found first on its path, instead of harness/concurrency.py, and stopped before measuring anything)."""
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("usage:")
