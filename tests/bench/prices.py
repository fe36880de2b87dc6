"""Price against cost, measured: what a route's answer really costs (CPU time of the process, and
the numbers and bytes it sends) next to what app/serving/budget.py charged for it.

Time is CPU time, in a process whose BLAS runs one thread (OPENBLAS_NUM_THREADS=1: a BLAS thread
that spins while it waits for a core adds CPU time that is no work), less the test client's own
round trip (/healthz), scaled to the reference machine by a calibration pass taken in the same run:
a batched forward and backward pass whose CPU time there was REFERENCE_CALIBRATION_S. The budget's
unit is a nanosecond of one core of the reference machine, so the ratio of the two is the cost in
units of the price. CPU time, not wall time: a loaded machine makes a request wait, not work more.

    OPENBLAS_NUM_THREADS=1 python tests/bench/prices.py          # every route at its largest shapes
    OPENBLAS_NUM_THREADS=1 python tests/bench/prices.py --json   # the same, one JSON list (the test reads it)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from fastapi.testclient import TestClient

from app.engine.network import Model, backward, forward, init_parameters
from app.main import create_app
from app.serving.budget import Cost

CALIBRATION_SIZES = [64] * 9
CALIBRATION_SAMPLES = 1000
# The calibration pass's CPU time on the reference machine (2 cores, OpenBLAS on one thread), least of 10.
REFERENCE_CALIBRATION_S = 0.026


def min_cpu(fn: Callable[[], Any], repeats: int) -> float:
    """The least CPU time (all threads of the process) of `repeats` calls: the run least disturbed."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def calibration_seconds(repeats: int = 5) -> float:
    """The calibration pass's least CPU time on this machine, now."""
    sizes = CALIBRATION_SIZES
    weights, biases = init_parameters(sizes, "xavier", 0)
    model = Model(sizes, ["tanh"] * (len(sizes) - 1), "mse", weights, biases)
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-1, 1, (CALIBRATION_SAMPLES, sizes[0])), rng.uniform(-1, 1, (CALIBRATION_SAMPLES, sizes[-1]))
    return min_cpu(lambda: backward(model, forward(model, x, y), y), repeats)


def numbers_in(value: Any) -> int:
    """Numbers (and nulls standing for them) anywhere in a decoded JSON answer."""
    if isinstance(value, dict):
        return sum(numbers_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(numbers_in(v) for v in value)
    return int(value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)))


@dataclass
class Measured:
    status: int
    time_ratio: float  # measured CPU time in budget units / the work charged
    numbers: int  # numbers in the answer (0 for a file that is not JSON)
    answer_bytes: int

    def values_ratio(self, cost: Cost) -> float:
        return self.numbers / max(cost.values, 1)


def measure(client: TestClient, route: str, body: dict, cost: Cost, speed: float, base: float, repeats: int = 2) -> Measured:
    """One route's cost against its price: `speed` turns this machine's seconds into the reference
    machine's, `base` is the test client's own round trip (CPU seconds)."""
    content = orjson.dumps(body)
    answers = []

    def send() -> None:
        answers.append(client.post(route, content=content, headers={"content-type": "application/json"}))

    seconds = max(min_cpu(send, repeats) - base, 0.0)
    r = answers[-1]
    json_answer = r.headers.get("content-type", "").startswith("application/json")
    numbers = numbers_in(orjson.loads(r.content)) if json_answer and r.status_code == 200 else 0
    return Measured(r.status_code, seconds * speed * 1e9 / cost.work, numbers, len(r.content))


def main() -> None:
    from bench_limits import S, cases  # noqa: PLC0415 (a sibling script, on sys.path when run as one)

    client = TestClient(create_app(S))
    speed = REFERENCE_CALIBRATION_S / calibration_seconds()
    base = min_cpu(lambda: client.get("/healthz"), 20)
    rows = []
    for route, name, body, cost in cases():
        m = measure(client, route, body, cost, speed, base)
        rows.append({"route": route, "case": name, "status": m.status, "time_ratio": m.time_ratio, "numbers": m.numbers,
                     "values": cost.values, "values_ratio": m.values_ratio(cost), "answer_bytes": m.answer_bytes, "work": cost.work})
    if "--json" in sys.argv:
        print(orjson.dumps(rows).decode())
        return
    print(f"machine speed against the reference: {speed:.2f}; the client's round trip {base * 1e3:.1f} ms CPU")
    print(f"{'route':<24} {'case':<58} {'status':>6} {'time/price':>10} {'numbers/priced':>14} {'answer':>9}")
    for r in rows:
        print(f"{r['route']:<24} {r['case']:<58} {r['status']:>6} {r['time_ratio']:>10.2f} {r['values_ratio']:>14.2f} "
              f"{r['answer_bytes'] / 1e6:>7.2f}MB")


if __name__ == "__main__":
    main()
