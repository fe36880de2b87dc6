"""Runs the front end's pure-module tests (tests/js/*.test.mjs) with `node --test`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_pure_front_end_modules_pass_node_test() -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the front-end tests (node --test)"
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert files
    run = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
