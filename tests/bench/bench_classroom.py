"""Benchmark (not collected by pytest): prints figures, asserts nothing.

  python tests/bench/bench_classroom.py [seconds]

A classroom's steady load on `backprop-lens --workers 2`: 100 students, each sending a request,
waiting 0.5-1.5 s (uniform) and sending the next: 50 % Mazur steps, 40 % iris steps (the presets
as the page posts them), 10 % 100-step iris trainings with the default records (a history point at
every step; snapshots only when asked, and the page never asks). The students ask as a browser does (Accept-Encoding: gzip, br, zstd).
The first 3 seconds warm up and are not counted.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time

import httpx
import numpy as np
import orjson
from serve import serve

STUDENTS = 100
WARM_UP = 3.0
MIX = (("mazur step", 0.5), ("iris step", 0.4), ("iris training", 0.1))
HEADERS = {"content-type": "application/json", "accept-encoding": "gzip, deflate, br, zstd"}


async def student(client: httpx.AsyncClient, bodies: dict[str, tuple[str, bytes]], rng: random.Random,
                  until: float, start: float, log: list[tuple[str, float, int]]) -> None:
    await asyncio.sleep(rng.uniform(0, 1.5))  # students do not start in step
    while time.perf_counter() < until:
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        path, body = bodies[kind]
        t = time.perf_counter()
        try:
            status = (await client.post(path, content=body, headers=HEADERS)).status_code
        except httpx.HTTPError as exc:
            print(f"  {kind}: {type(exc).__name__} {exc}", file=sys.stderr)
            status = 0
        if t - start >= WARM_UP:
            log.append((kind, (time.perf_counter() - t) * 1000, status))
        await asyncio.sleep(rng.uniform(0.5, 1.5))


async def run(base: str, seconds: float) -> list[tuple[str, float, int]]:
    limits = httpx.Limits(max_connections=STUDENTS, max_keepalive_connections=STUDENTS)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        mazur = (await client.get("/api/presets/mazur")).content
        iris = (await client.get("/api/presets/iris")).content
        training = orjson.dumps({**orjson.loads(iris), "steps": 100})
        bodies = {"mazur step": ("/api/step", mazur), "iris step": ("/api/step", iris),
                  "iris training": ("/api/train", training)}
        log: list[tuple[str, float, int]] = []
        start = time.perf_counter()
        await asyncio.gather(*(student(client, bodies, random.Random(i), start + WARM_UP + seconds, start, log)
                               for i in range(STUDENTS)))
        return log


def line(name: str, times: list[float], errors: int) -> str:
    p = np.percentile(times, [50, 95, 99]) if times else [float("nan")] * 3
    return (f"  {name:15} {len(times):6} requests  p50 {p[0]:6.1f}  p95 {p[1]:6.1f}  p99 {p[2]:6.1f}  "
            f"max {max(times, default=float('nan')):6.1f} ms  errors {errors}")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) before the run")
    with serve(workers=2) as server:
        log = asyncio.run(run(server.base, seconds))
    print(f"classroom mix: {STUDENTS} students, a request each 0.5-1.5 s, 2 workers, {seconds:.0f} s counted")
    print(line("all", [ms for _, ms, _ in log], sum(s != 200 for _, _, s in log)) + "  (goal p99 ≤ 100 ms, 0 errors)")
    for kind, _ in MIX:
        print(line(kind, [ms for k, ms, _ in log if k == kind], sum(s != 200 for k, _, s in log if k == kind)))
    print(f"  throughput      {len(log) / seconds:6.1f} requests/s")
    failed = sorted({s for _, _, s in log if s != 200})
    if failed:
        print(f"  statuses of the errors: {failed} (0: no answer)")
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) after the run")


if __name__ == "__main__":
    main()
