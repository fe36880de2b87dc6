"""Benchmark (not collected by pytest): prints figures, asserts nothing. How many students one server holds.

  python tests/bench/bench_classroom.py                      # the full table: 100, 200, 400, 800 students, both set-ups, both requests
  python tests/bench/bench_classroom.py --seconds 30 --students 100 400 --setup server --requests distinct

For each number of students, a classroom's steady load on `backprop-lens --workers 2` (set-up
"server") and on two replicas of one worker each behind Debian's nginx under /lens, with
docs/deploy/backprop-lens.nginx as shipped (set-up "nginx"; the same two cores); then the largest
number held at p99 ≤ 100 ms with 0 errors (any answer but 200, 429 and 503 included, is an error).
Each student sends a request, waiting 0.5-1.5 s (uniform) and sending the next: 50 % Mazur steps,
40 % iris steps (the presets as the page posts them), 10 % 100-step iris trainings with the default
records (a history point at every step; snapshots only when asked, and the page never asks).

Two kinds of requests (--requests): "same", every student posts the presets as they are (a class that
steps Mazur together: the server's cache of answers serves most of them); "distinct", every request
differs (Mazur's learning rate, iris's initial seed, by a request number), which defeats the cache:
the figure of the computation itself. Before the students, each kind of request is sent one at a time
(--rounds of each), and the server's CPU per request is printed for the same and for distinct requests.

Each student is its own address (127.x.y.z: Linux answers all of 127/8 on the loopback), as a lecture
hall's laptops are: the server's per-client share of the heavy slots counts each apart; through nginx
the replicas read the address from the X-Forwarded-For header that nginx appends (the replicas trust
nginx's address, --forwarded-allow-ips). The students ask as a browser does (Accept-Encoding: gzip,
br, zstd), each over its own keep-alive connection, spoken with asyncio streams so that the generator
costs the shared cores little: its own CPU per request is printed beside the server's. The first 3
seconds warm up and are not counted. The load average is printed with each figure: on a machine that
others share, compare the lines of one run with each other rather than with another run's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from contextlib import AbstractContextManager
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
MARK = b"987654321"  # where a distinct request puts its number


class Connection:
    """One student's keep-alive HTTP/1.1 connection from its own address, spoken directly over asyncio
    streams: httpx's client spends milliseconds of CPU per request, which on the same two cores is the workers' time."""

    def __init__(self, host: str, port: int, address: str) -> None:
        self.host, self.port, self.address = host, port, address
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> int:
        """POST `body` and read the whole answer; its status."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.address, 0))
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


def student_address(i: int) -> str:
    """The i-th student's loopback address, never 127.0.0.1 (the proxy's own)."""
    return f"127.{1 + i // 62500}.{i // 250 % 250}.{2 + i % 250}"


class Requests:
    """The three requests of the mix, the same for every student or each one distinct."""

    def __init__(self, root: str, mazur: dict, iris: dict, distinct: bool) -> None:
        self.distinct, self.count = distinct, 0
        if distinct:  # a learning rate of 0.5000000000<n> and an initial seed <n>, cut around MARK
            mazur = {**mazur, "learning_rate": float(MARK.decode())}
            iris = {**iris, "model": {**iris["model"], "init": {**iris["model"].get("init", {}), "seed": int(MARK)}}}
        training = {**iris, "steps": 100}
        self.bodies = {"mazur step": (f"{root}/api/step", orjson.dumps(mazur).replace(MARK + b".0", b"0.5000000000" + MARK)),
                       "iris step": (f"{root}/api/step", orjson.dumps(iris)), "iris training": (f"{root}/api/train", orjson.dumps(training))}
        for _, body in self.bodies.values():
            assert not distinct or body.count(MARK) == 1

    def next(self, kind: str) -> tuple[str, bytes]:
        path, body = self.bodies[kind]
        if not self.distinct:
            return path, body
        self.count += 1
        return path, body.replace(MARK, str(self.count).encode())


async def student(i: int, address: tuple[str, int], requests: Requests, until: float, start: float,
                  log: list[tuple[str, float, int]]) -> None:
    rng = random.Random(i)
    await asyncio.sleep(rng.uniform(0, 1.5))  # students do not start in step
    connection = Connection(*address, student_address(i))
    while time.perf_counter() < until:
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        path, body = requests.next(kind)
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


async def run(base: str, seconds: float, students: int, distinct: bool, pids: list[int],
              proxy: list[int]) -> tuple[list[tuple[str, float, int]], float, float, float]:
    """Every counted request (kind, ms, status), and the CPU seconds this load generator, the server
    (the processes `pids` and their children) and the proxy used in the counted seconds."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        mazur = (await client.get("/api/presets/mazur")).json()
        iris = (await client.get("/api/presets/iris")).json()
    url = httpx.URL(base)
    requests = Requests(url.path.rstrip("/"), mazur, iris, distinct)  # the path: /lens behind the proxy
    log: list[tuple[str, float, int]] = []
    counted: dict[str, float] = {}

    def counting() -> None:
        counted.update(generator=time.process_time(), server=cpu_seconds(pids), proxy=cpu_seconds(proxy))

    start = time.perf_counter()
    asyncio.get_running_loop().call_later(WARM_UP, counting)
    await asyncio.gather(*(student(i, (url.host, url.port or 80), requests, start + WARM_UP + seconds, start, log)
                           for i in range(students)))
    return (log, time.process_time() - counted["generator"], cpu_seconds(pids) - counted["server"],
            cpu_seconds(proxy) - counted["proxy"])


async def one_at_a_time(base: str, pids: list[int], rounds: int) -> None:
    """The server's CPU per request of each kind, sent one after another from one connection (a
    figure that a busy machine changes less than latency), with the same and with distinct requests."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        mazur = (await client.get("/api/presets/mazur")).json()
        iris = (await client.get("/api/presets/iris")).json()
    url = httpx.URL(base)
    connection = Connection(url.host, url.port or 80, student_address(0))
    cells = []
    for name, _ in MIX:  # a worker's first answers of a kind cost more (first calls, first allocations)
        for _ in range(20):
            await connection.post(*Requests(url.path.rstrip("/"), mazur, iris, True).next(name))
    for name, _ in MIX:
        figures = []
        for distinct in (False, True):
            requests = Requests(url.path.rstrip("/"), mazur, iris, distinct)
            count = rounds // 10 if name == "iris training" else rounds
            await connection.post(*requests.next(name))  # a first answer (the one a cache keeps)
            before = thread_cpu(pids)
            statuses = [await connection.post(*requests.next(name)) for _ in range(count)]
            assert statuses.count(200) == count, sorted(set(statuses))
            figures.append(cpu_between(before, thread_cpu(pids)) * 1000 / count)
        cells.append(f"{name} {figures[0]:.2f} / {figures[1]:.2f}")
    connection.close()
    print(f"  server CPU per request one at a time, the same / distinct requests, ms: {';  '.join(cells)}"
          f"  (load average {os.getloadavg()[0]:.1f})")


def line(name: str, times: list[float], statuses: list[int]) -> str:
    p = np.percentile(times, [50, 95, 99]) if times else [float("nan")] * 3
    errors = sum(s != 200 for s in statuses)
    return (f"  {name:15} {len(times):6} requests  p50 {p[0]:6.1f}  p95 {p[1]:6.1f}  p99 {p[2]:6.1f}  "
            f"max {max(times, default=float('nan')):6.1f} ms  errors {errors} (429: {statuses.count(429)}, 503: {statuses.count(503)})")


def process_tree(pids: list[int]) -> set[int]:
    """The processes `pids` and all their children (Linux /proc)."""
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
    return tree


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, in clock ticks of 10 ms) of the processes `pids` and all their children so far."""
    total = 0
    for pid in process_tree(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def thread_cpu(pids: list[int]) -> dict[str, int]:
    """Nanoseconds on a CPU so far of each live thread of the processes `pids` and their children, by
    thread (/proc/<pid>/task/<tid>/schedstat): exact where a tick of 10 ms is too coarse for short spans."""
    times = {}
    for pid in process_tree(pids):
        for task in Path(f"/proc/{pid}/task").glob("*/schedstat"):
            try:
                times[task.parent.name] = int(task.read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
    return times


def cpu_between(before: dict[str, int], after: dict[str, int]) -> float:
    """Seconds on a CPU between two thread_cpu counts (a thread that ended between them is missed, not subtracted)."""
    return sum(ns - before.get(tid, 0) for tid, ns in after.items()) / 1e9


def measure(base: str, setup: str, students: int, seconds: float, distinct: bool, pids: list[int], proxy: list[int]) -> bool:
    """One run at `students`; prints its lines and says whether it held (p99 ≤ GOAL_MS, 0 errors)."""
    load = os.getloadavg()[0]
    log, generator_cpu, served, proxied = asyncio.run(run(base, seconds, students, distinct, pids, proxy))
    times = [ms for _, ms, _ in log]
    statuses = [s for _, _, s in log]
    held = bool(times) and statuses.count(200) == len(statuses) and float(np.percentile(times, 99)) <= GOAL_MS
    kind = "every request distinct" if distinct else "the same requests"
    print(f"{setup}, {kind}: {students} students, a request each 0.5-1.5 s, {seconds:.0f} s counted: {'held' if held else 'NOT held'}"
          f"  (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)")
    print(line("all", times, statuses))
    for name, _ in MIX:
        print(line(name, [ms for k, ms, _ in log if k == name], [s for k, _, s in log if k == name]))
    answered = max(1, statuses.count(200))
    print(f"  throughput      {len(log) / seconds:6.1f} requests/s;  CPU per answered request: server {served * 1000 / answered:.2f} ms"
          + (f", nginx {proxied * 1000 / answered:.2f} ms" if proxy else "")
          + f", this load generator {generator_cpu * 1000 / max(1, len(log)):.2f} ms (the same {os.cpu_count()} cores)")
    failed = sorted(set(statuses) - {200})
    if failed:
        print(f"  statuses of the errors: {failed} (0: no answer)")
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description="Students held at p99 ≤ 100 ms with 0 errors.")
    parser.add_argument("--students", type=int, nargs="+", default=list(STUDENTS))
    parser.add_argument("--seconds", type=float, default=10.0, help="counted seconds per run (after 3 s of warm-up); "
                        "the full table takes about 16 × (this + 4) s")
    parser.add_argument("--setup", choices=("server", "nginx", "both"), default="both")
    parser.add_argument("--requests", choices=("same", "distinct", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=300, help="requests of each kind sent one at a time for the CPU figure")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} (1 min) before the runs")
    summary = []
    kinds = [False, True] if args.requests == "both" else [args.requests == "distinct"]
    for setup in ("server", "nginx") if args.setup == "both" else (args.setup,):
        running: AbstractContextManager = serve(workers=2) if setup == "server" else deployment(workers=1)
        with running as site:
            pids = [site.pid] if setup == "server" else [r.pid for r in site.replicas]
            proxy = [] if setup == "server" else [site.proxy_pid]
            print(f"{setup}:")
            asyncio.run(one_at_a_time(site.base, pids, args.rounds))
            for distinct in kinds:
                held = [n for n in args.students if measure(site.base, setup, n, args.seconds, distinct, pids, proxy)]
                name = ("backprop-lens --workers 2" if setup == "server" else "nginx + 2 replicas × 1 worker") + ","
                kind = "every request distinct" if distinct else "the same requests"
                summary.append(f"  {name:31} {kind:23} held {max(held, default=0)} students of {args.students} "
                               f"(p99 ≤ {GOAL_MS:.0f} ms, 0 errors)")
    print("students held:")
    print("\n".join(summary))
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) after the runs")


if __name__ == "__main__":
    main()
