"""Importing the package changes no environment variable (a notebook's BLAS threads are its own); the
server sets one BLAS thread per request before NumPy loads, and an explicit setting wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
SHOW = f"import os, json; print(json.dumps({{k: os.environ.get(k) for k in {BLAS!r}}}))"


def env_after(code: str, **extra: str) -> dict[str, str | None]:
    env = {k: v for k, v in os.environ.items() if k not in BLAS} | {"PYTHONPATH": str(ROOT)} | extra
    out = subprocess.run([sys.executable, "-c", f"{code}\n{SHOW}"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_package_sets_nothing() -> None:
    assert env_after("import backprop_lens, numpy") == dict.fromkeys(BLAS)


def test_the_server_sets_one_blas_thread_and_an_explicit_setting_wins() -> None:
    assert env_after("import app.main") == dict.fromkeys(BLAS, "1")
    assert env_after("import app.main", OPENBLAS_NUM_THREADS="3")["OPENBLAS_NUM_THREADS"] == "3"
