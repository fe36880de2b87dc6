"""Benchmark (not collected by pytest): prints figures, asserts nothing. How many students one server holds.

  python tests/bench/bench_classroom.py                      # 100, 200, 400, 800 students, 20 s each, both set-ups
  python tests/bench/bench_classroom.py --seconds 30 --students 100 400 --setup server

For each number of students, a classroom's steady load on `backprop-lens --workers 2` (set-up
"server") and on two replicas of one worker each behind Debian's nginx under /lens, with
docs/deploy/backprop-lens.nginx as shipped (set-up "nginx"; the same two cores); then the largest
number held at p99 ≤ 100 ms with 0 errors. Each student sends a request,
waiting 0.5-1.5 s (uniform) and sending the next: 50 % Mazur steps, 40 % iris steps (the presets
as the page posts them), 10 % 100-step iris trainings with the default records (a history point at
every step; snapshots only when asked, and the page never asks). The students ask as a browser
does (Accept-Encoding: gzip, br, zstd), each over its own keep-alive connection, spoken with
asyncio streams so that the generator costs the shared cores little.
The first 3 seconds warm up and are not counted. The load generator runs on the same cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import orjson
from serve import deployment, serve

STUDENTS = (100, 200, 400, 800)
GOAL_MS = 100.0
WARM_UP = 3.0
MIX = (("mazur step", 0.5), ("iris step", 0.4), ("iris training", 0.1))
ACCEPT = "gzip, deflate, br, zstd"  # as a browser asks


class Connection:
    """One student's keep-alive HTTP/1.1 connection, spoken directly over asyncio streams: httpx's
    client spends milliseconds of CPU per request, which on the same two cores is the workers' time."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> int:
        """POST `body` and read the whole answer; its status."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\ncontent-type: application/json\r\n"
                f"accept-encoding: {ACCEPT}\r\ncontent-length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        assert self.reader is not None
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        if "content-length" in fields:
            await self.reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readuntil(b"\r\n")
        if fields.get("connection") == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def student(address: tuple[str, int], bodies: dict[str, tuple[str, bytes]], rng: random.Random,
                  until: float, start: float, log: list[tuple[str, float, int]]) -> None:
    await asyncio.sleep(rng.uniform(0, 1.5))  # students do not start in step
    connection = Connection(*address)
    while time.perf_counter() < until:
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        path, body = bodies[kind]
        t = time.perf_counter()
        try:
            status = await asyncio.wait_for(connection.post(path, body), timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            print(f"  {kind}: {type(exc).__name__} {exc}", file=sys.stderr)
            connection.close()
            status = 0
        if t - start >= WARM_UP:
            log.append((kind, (time.perf_counter() - t) * 1000, status))
        await asyncio.sleep(rng.uniform(0.5, 1.5))
    connection.close()


async def run(base: str, seconds: float, students: int, pids: list[int]) -> tuple[list[tuple[str, float, int]], float, float]:
    """Every counted request (kind, ms, status), and the CPU seconds this load generator and the server
    (the processes `pids` and their children) used in the counted seconds."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        mazur = (await client.get("/api/presets/mazur")).content
        iris = (await client.get("/api/presets/iris")).content
    training = orjson.dumps({**orjson.loads(iris), "steps": 100})
    url = httpx.URL(base)
    root = url.path.rstrip("/")  # /lens behind the proxy
    bodies = {"mazur step": (f"{root}/api/step", mazur), "iris step": (f"{root}/api/step", iris),
              "iris training": (f"{root}/api/train", training)}
    log: list[tuple[str, float, int]] = []
    counted: dict[str, float] = {}

    def counting() -> None:
        counted.update(generator=time.process_time(), server=cpu_seconds(pids))

    start = time.perf_counter()
    asyncio.get_running_loop().call_later(WARM_UP, counting)
    await asyncio.gather(*(student((url.host, url.port or 80), bodies, random.Random(i), start + WARM_UP + seconds, start, log)
                           for i in range(students)))
    return log, time.process_time() - counted["generator"], cpu_seconds(pids) - counted["server"]


def line(name: str, times: list[float], errors: int) -> str:
    p = np.percentile(times, [50, 95, 99]) if times else [float("nan")] * 3
    return (f"  {name:15} {len(times):6} requests  p50 {p[0]:6.1f}  p95 {p[1]:6.1f}  p99 {p[2]:6.1f}  "
            f"max {max(times, default=float('nan')):6.1f} ms  errors {errors}")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) of the processes `pids` and all their children so far (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid and child not in tree]
    total = 0
    for pid in tree:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measure(base: str, setup: str, students: int, seconds: float, pids: list[int]) -> bool:
    """One run at `students`; prints its lines and says whether it held (p99 ≤ GOAL_MS, 0 errors)."""
    log, generator_cpu, served = asyncio.run(run(base, seconds, students, pids))
    times = [ms for _, ms, _ in log]
    errors = sum(s != 200 for _, _, s in log)
    held = bool(times) and errors == 0 and float(np.percentile(times, 99)) <= GOAL_MS
    print(f"{setup}: {students} students, a request each 0.5-1.5 s, {seconds:.0f} s counted: {'held' if held else 'NOT held'}")
    print(line("all", times, errors))
    for kind, _ in MIX:
        print(line(kind, [ms for k, ms, _ in log if k == kind], sum(s != 200 for k, _, s in log if k == kind)))
    print(f"  throughput      {len(log) / seconds:6.1f} requests/s;  load generator "
          f"{generator_cpu * 1000 / max(1, len(log)):.2f} ms of CPU per request (the same cores as the workers)")
    # per answered request, the refusals' (small) cost included; requests in flight at the edges blur it a little
    per_request = served * 1000 / max(1, sum(s == 200 for _, _, s in log))
    print(f"  server CPU      {per_request:6.2f} ms per answered request: {os.cpu_count()} cores held for the server alone would answer at most "
          f"{(os.cpu_count() or 1) * 1000 / per_request:.0f} requests/s, about as many students (one request a second each)")
    failed = sorted({s for _, _, s in log if s != 200})
    if failed:
        print(f"  statuses of the errors: {failed} (0: no answer)")
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description="Students held at p99 ≤ 100 ms with 0 errors.")
    parser.add_argument("--students", type=int, nargs="+", default=list(STUDENTS))
    parser.add_argument("--seconds", type=float, default=20.0, help="counted seconds per run (after 3 s of warm-up)")
    parser.add_argument("--setup", choices=("server", "nginx", "both"), default="both")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} (1 min) before the runs")
    summary = []
    for setup in ("server", "nginx") if args.setup == "both" else (args.setup,):
        with serve(workers=2) if setup == "server" else deployment(workers=1) as running:
            pids = [running.pid] if setup == "server" else [r.pid for r in running.replicas]
            held = [n for n in args.students if measure(running.base, setup, n, args.seconds, pids)]
        name = "backprop-lens --workers 2" if setup == "server" else "nginx + 2 replicas × 1 worker"
        summary.append(f"  {name:32} held {max(held, default=0)} students of {args.students} (p99 ≤ {GOAL_MS:.0f} ms, 0 errors)")
    print("students held:")
    print("\n".join(summary))
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) after the runs")


if __name__ == "__main__":
    main()
