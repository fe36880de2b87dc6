"""The code passes the project's ruff and mypy configurations (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing_to_fix() -> None:
    places = ["app", "backprop_lens", "tests", "scripts"]
    run = subprocess.run([sys.executable, "-m", "ruff", "check", *places], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


@pytest.mark.slow  # a cold mypy run is a minute of one core; .mypy_cache makes the next one quick
def test_mypy_finds_no_type_errors_in_the_app_and_the_python_module() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "app", "backprop_lens"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
