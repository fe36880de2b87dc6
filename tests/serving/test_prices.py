"""Every route's price against its measured cost at its largest allowed shapes (tests/bench/prices.py
on the cases of tests/bench/bench_limits.py): CPU time in the budget's units, the numbers in the
answer and its bytes, each at most twice what app/serving/budget.py predicts. The measurement runs in a
child process whose BLAS uses one thread, and is scaled by a calibration of the same run, so a
loaded machine does not fail it."""

from __future__ import annotations

import os
import subprocess
import sys

import orjson
import pytest

from app.serving.budget import BYTES_PER_VALUE
from tests.bench.serve import ROOT

pytestmark = pytest.mark.slow  # it measures every route at its largest shapes
SLACK = 2.0
FILE_BYTES = 512_000  # a standalone file's page code, besides the step it embeds


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests' / 'bench'}"}
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "prices.py"), "--json"], cwd=ROOT, env=env,
                         capture_output=True, check=True, timeout=1200)
    measured = orjson.loads(out.stdout.splitlines()[-1])
    # every route, each at its largest allowed shapes, answered
    assert {r["route"] for r in measured} >= {"/api/step", "/api/train", "/api/gradcheck", "/api/paths", "/api/boundary",
                                              "/api/export/numpy", "/api/export/notebook", "/api/export/standalone"}
    assert all(r["status"] == 200 for r in measured), [r for r in measured if r["status"] != 200]
    return measured


def test_no_route_takes_more_than_twice_the_time_its_price_predicts(rows: list[dict]) -> None:
    # was: /api/paths listed 4096 paths at about 15 × its price, and with batch_mean about 10 ×
    over = [f"{r['route']} {r['case']}: {r['time_ratio']:.2f} × its price" for r in rows if r["time_ratio"] > SLACK]
    assert not over, over


def test_no_answer_holds_more_than_twice_the_numbers_or_bytes_priced(rows: list[dict]) -> None:
    # was: an Adam step's answer was priced without its optimizer state and moments
    over = [f"{r['route']} {r['case']}: {r['numbers']} numbers, priced {r['values']}" for r in rows if r["numbers"] > SLACK * r["values"]]
    over += [f"{r['route']} {r['case']}: {r['answer_bytes']} bytes, priced {r['values']} values" for r in rows
             if r["answer_bytes"] > SLACK * BYTES_PER_VALUE * r["values"] + FILE_BYTES]
    assert not over, over
