"""Benchmark (not collected by pytest): the worst request each route allows, timed. Asserts nothing.

  python tests/bench/bench_limits.py            # the shipped limits
  python tests/bench/bench_limits.py --quick    # one repeat each

For every route and every shape that stresses a different price of app/serving/budget.py (tiny networks
for per-step overhead, wide ones for products, mini-batches with full-batch records, snapshots,
long traces), the free size (steps, samples, resolution…) is raised to the largest value the
limits still accept; the request is sent in-process and timed from the request to the last byte.
It prints the wall time and the CPU time of the process (medians of the repeats; on a machine that
other work shares, the CPU time is the steadier figure), the answer's size, and the cost the budget
charged.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import orjson
from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.schemas import BoundaryRequest, GradcheckRequest, PathsRequest, StepRequest, TrainRequest
from app.schemas.export import StandaloneRequest
from app.serving import limits
from app.serving.budget import (
    Cost,
    boundary_cost,
    gradcheck_cost,
    notebook_cost,
    numpy_script_cost,
    paths_batch_cost,
    paths_cost,
    standalone_cost,
    step_cost,
    train_cost,
)

S = Settings(answer_cache_bytes=0)  # every repeat computes: the cache of answers would answer the same body at once


def model(sizes: list[int], act: str = "sigmoid") -> dict[str, Any]:
    return {"sizes": sizes, "activations": [act] * (len(sizes) - 1), "loss": "mse", "init": {"scheme": "xavier", "seed": 1}}


def data(sizes: list[int], n: int) -> dict[str, Any]:
    return {"inputs": [[0.1 * ((i + k) % 7) for k in range(sizes[0])] for i in range(n)],
            "targets": [[0.5] * sizes[-1] for _ in range(n)]}


def allowed(build: Callable[[int], dict], check: Callable[[dict], None], high: int) -> int:
    """The largest x in 1..high whose request passes `check` (the limits are monotone in x)."""
    low = 0
    while low < high:
        mid = (low + high + 1) // 2
        try:
            check(build(mid))
            low = mid
        except RequestValidationError:
            high = mid - 1
    return low


def step_req(sizes: list[int], n: int, traced: int) -> dict:
    return {"model": model(sizes), **data(sizes, n), "learning_rate": 0.1, "samples": list(range(traced))}


def train_req(sizes: list[int], n: int, steps: int, every: int, batch: int | None, snaps: bool) -> dict:
    return {"model": model(sizes), **data(sizes, n), "learning_rate": 0.01, "steps": steps, "record_every": every,
            "batch_size": batch, "snapshots": snaps}


def cases() -> list[tuple[str, str, dict, Cost]]:
    out: list[tuple[str, str, dict, Cost]] = []
    wide, tiny, deep1 = [64] * 9, [1, 1], [1] * 9
    mb = S.max_batch

    def step_check(body: dict) -> None:
        limits.check_step(StepRequest.model_validate(body), S)

    for name, sizes in (("64×8 layers", wide), ("1-1", tiny), ("64-64", [64, 64])):
        n = allowed(lambda x, sizes=sizes: step_req(sizes, x, 1), step_check, mb)
        t = allowed(lambda x, sizes=sizes, n=n: step_req(sizes, n, x), step_check, n)
        out.append(("/api/step", f"{name}, {n} samples, {t} traced", step_req(sizes, n, t), step_cost(sizes, n, t)))
    n = allowed(lambda x: {**step_req(wide, x, 1), "optimizer": "adam"}, step_check, mb)
    out.append(("/api/step", f"64×8 layers, adam, {n} samples", {**step_req(wide, n, 1), "optimizer": "adam"},
                step_cost(wide, n, 1, "adam")))

    def train_check(body: dict) -> None:
        limits.check_train(TrainRequest.model_validate(body), S)

    for name, sizes, n, every, batch, snaps in (
        ("1-1, 1 sample, record every 10", tiny, 1, 10, None, False),
        ("1×8 layers, 1 sample, record every 10", deep1, 1, 10, None, False),
        ("64×8 layers, full batch", wide, mb, 1000, None, False),
        ("64-64, mini-batch 1, record every step", [64, 64], mb, 1, 1, False),
        ("64×8 layers, mini-batch 8, record every 10", wide, mb, 10, 8, False),
        ("64×8 layers, 1 sample, snapshots", wide, 1, 1, None, True),
    ):
        top = S.max_train_steps
        steps = allowed(lambda x, sizes=sizes, n=n, every=every, batch=batch, snaps=snaps:
                        train_req(sizes, n, x, every, batch, snaps), train_check, top)
        body = train_req(sizes, n, steps, every, batch, snaps)
        records = steps // every + 2
        cost = train_cost(sizes, n, min(batch or n, n), steps, records, snaps)
        out.append(("/api/train", f"{name}: {steps} steps", body, cost))

    def grad_check(body: dict) -> None:
        limits.check_gradcheck(GradcheckRequest.model_validate(body), S)

    for name, sizes in (("16×7 layers", [16] * 8), ("1-1", tiny)):
        n = allowed(lambda x, sizes=sizes: {"model": model(sizes), **data(sizes, x)}, grad_check, mb)
        out.append(("/api/gradcheck", f"{name}, {n} samples", {"model": model(sizes), **data(sizes, n)},
                    gradcheck_cost(sizes, n)))

    sizes = [64, 64, 64, 64]
    body = {"model": model(sizes), **data(sizes, 1), "kind": "weight", "layer": 1, "j": 0, "k": 0}
    limits.check_paths(PathsRequest.model_validate(body), S)
    out.append(("/api/paths", "64×3 layers, from layer 1 (4096 paths)", body, paths_cost(sizes, 4096)))

    def paths_check(body: dict) -> None:
        limits.check_paths(PathsRequest.model_validate(body), S)

    def paths_batch(x: int) -> dict:
        return {"model": model(sizes), **data(sizes, x), "kind": "weight", "layer": 1, "j": 0, "k": 0, "batch_mean": True}

    n = allowed(paths_batch, paths_check, mb)
    out.append(("/api/paths", f"64×3 layers, from layer 1, batch_mean over {n} samples", paths_batch(n),
                paths_batch_cost(sizes, 4096, n)))

    def boundary_check(body: dict) -> None:
        limits.check_boundary(BoundaryRequest.model_validate(body), S)

    for name, sizes in (("2-64×7-64", [2] + [64] * 7 + [64]), ("2-2-1", [2, 2, 1])):
        res = allowed(lambda x, sizes=sizes: {"model": model(sizes), "resolution": max(x, 2)}, boundary_check, 200)
        out.append(("/api/boundary", f"{name}, resolution {res}", {"model": model(sizes), "resolution": res},
                    boundary_cost(sizes, res)))

    def script_check(body: dict) -> None:
        limits.check_numpy_script(StepRequest.model_validate(body), S)

    n = allowed(lambda x: step_req(wide, x, 1), script_check, mb)
    out.append(("/api/export/numpy", f"64×8 layers, {n} samples", step_req(wide, n, 1), numpy_script_cost(wide, n)))

    def notebook_check(body: dict) -> None:
        limits.check_notebook(StepRequest.model_validate(body), S)

    n = allowed(lambda x: step_req(wide, x, 1), notebook_check, mb)
    t = allowed(lambda x: step_req(wide, n, x), notebook_check, n)
    out.append(("/api/export/notebook", f"64×8 layers, {n} samples, {t} traced", step_req(wide, n, t),
                notebook_cost(wide, n, t)))

    def standalone_check(body: dict) -> None:
        limits.check_standalone(StandaloneRequest.model_validate(body).step, S)

    n = allowed(lambda x: {"step": step_req(wide, x, 1)}, standalone_check, mb)
    t = allowed(lambda x: {"step": step_req(wide, n, x)}, standalone_check, n)
    body = {"step": step_req(wide, n, t)}
    out.append(("/api/export/standalone", f"64×8 layers, {n} samples, {t} traced", body,
                standalone_cost(wide, n, t)))
    return out


def main() -> None:
    repeats = 1 if "--quick" in sys.argv else 3
    client = TestClient(create_app(S))
    print(f"limits: max_work {S.max_work:,}, max_answer_values {S.max_answer_values:,}, max_batch {S.max_batch}, "
          f"max_units {S.max_units}, max_layers {S.max_layers}")
    print(f"{'route':<24} {'case':<52} {'time':>8} {'CPU':>8} {'answer':>10} {'work':>13} {'values':>9}")
    worst: dict[str, float] = {}
    for route, name, body, cost in cases():
        content = orjson.dumps(body)
        times, cpu, size, status = [], [], 0, 0
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            r = client.post(route, content=content, headers={"content-type": "application/json"})
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            size, status = len(r.content), r.status_code
        ms, cpu_ms = statistics.median(times) * 1000, statistics.median(cpu) * 1000
        worst[route] = max(worst.get(route, 0.0), ms)
        flag = "" if status == 200 else f"  status {status}: {r.text[:120]}"
        print(f"{route:<24} {name:<52} {ms:7.0f}ms {cpu_ms:7.0f}ms {size / 1e6:8.2f}MB {cost.work:13,} "
              f"{cost.values:9,}{flag}")
    print("worst per route: " + ", ".join(f"{k} {v:.0f} ms" for k, v in worst.items()))


if __name__ == "__main__":
    main()
