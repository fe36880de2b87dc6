"""Load test (not collected by pytest): a class of students on one server. Prints figures, asserts nothing.

  python tests/bench/load.py                     # 100 students, 30 s, 2 workers
  python tests/bench/load.py --students 200 --seconds 60 --workers 4

Starts `backprop-lens --workers N --port <free>` as a subprocess, then each simulated student, on
their own keep-alive connection over loopback:
  opens the page (GET / and every /static file it links or imports, once),
  GET /api/presets, GET /api/presets/mazur, POST /api/step (mazur),
  GET /api/presets/iris, POST /api/step (iris), POST /api/train (iris, 100 steps, record_every 10),
  then keeps pressing → : POST /api/step with the weights the previous step returned, with a think
  time between presses (uniform in --think MIN MAX seconds).
Reports requests/s, p50/p90/p99 per endpoint and overall (time on the wire: connect or send to the
last byte, not the wait for one of a student's own 6 connections), the time to open the whole page,
and errors (non-2xx or exceptions), against the goal: 0 errors and p99 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
GOAL_P99_MS = 100.0
ASSET = re.compile(r"""(?:href|src)\s*=\s*["'](/static/[^"']+)["']""")
IMPORT = re.compile(r"""(?:^|[;\s])(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]""",
                    re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(given: str | None) -> list[str]:
    if given:
        return shlex.split(given)
    exe = shutil.which("backprop-lens")
    return [exe] if exe else [sys.executable, "-m", "app.cli"]


def start_server(port: int, workers: int, command: list[str]) -> subprocess.Popen:
    server = subprocess.Popen([*command, "--workers", str(workers), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    raise SystemExit("the server did not answer /healthz within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    # Our own process group (start_new_session): the uvicorn supervisor and its workers.
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


async def page_assets(base: str) -> list[str]:
    """Every /static file the page links, and every ES module those modules import, in turn."""
    async with httpx.AsyncClient(base_url=base) as client:
        html = (await client.get("/")).text
        found: list[str] = []
        queue = list(dict.fromkeys(ASSET.findall(html)))
        while queue:
            path = queue.pop(0)
            if path in found:
                continue
            found.append(path)
            if path.endswith(".js"):
                source = (await client.get(path)).text
                for spec in [a or b for a, b in IMPORT.findall(source)]:
                    if spec.startswith((".", "/")):
                        queue.append(str(httpx.URL(base + path).join(spec).path))
        return found


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.page_open: list[float] = []  # GET / until its last static file, as the student waits
        self.opened_at: list[float] = []  # when each student had opened the page, presets, steps and train
        self.presses: list[tuple[float, float]] = []  # (sent at, ms) of every press of →

    async def call(self, client: httpx.AsyncClient, label: str, method: str, path: str,
                   body: bytes | None = None) -> httpx.Response | None:
        headers = {"content-type": "application/json"} if body is not None else None
        marks: dict[str, float] = {}

        async def trace(event: str, info: dict) -> None:
            # On the wire: from connecting (or sending the request) to the last byte of the body; the
            # time a request waits for one of the student's own connections is not the server's.
            if event in ("connection.connect_tcp.started", "http11.send_request_headers.started"):
                marks.setdefault("start", time.perf_counter())
            elif event == "http11.receive_response_body.complete":
                marks["end"] = time.perf_counter()

        start = time.perf_counter()
        try:
            r = await client.request(method, path, content=body, headers=headers, extensions={"trace": trace})
        except Exception as exc:  # timeouts, refused or reset connections
            self.times[label].append((time.perf_counter() - start) * 1000)
            kind = f"{label}: {type(exc).__name__}"
            self.errors[kind] += 1
            self.examples.setdefault(kind, str(exc)[:200])
            return None
        end = marks.get("end", time.perf_counter())
        self.times[label].append((end - marks.get("start", start)) * 1000)
        if not 200 <= r.status_code < 300:
            kind = f"{label}: HTTP {r.status_code} {path}"
            self.errors[kind] += 1
            self.examples.setdefault(kind, r.text[:200])
            return None
        return r


def dumps(value: Any) -> bytes:
    import orjson

    return orjson.dumps(value)


def next_step(body: dict, trace: dict) -> dict:
    """The request for the next press of →: the same batch, the weights the last step returned."""
    model = {**body["model"], "weights": trace["updated"]["weights"], "biases": trace["updated"]["biases"]}
    return {**body, "model": model}


async def student(base: str, assets: list[str], rec: Recorder, deadline: float, start_at: float,
                  think: tuple[float, float], rng: random.Random) -> int:
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    limits = httpx.Limits(max_connections=6, max_keepalive_connections=6)  # as a browser per host
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        opened = time.perf_counter()
        await rec.call(client, "GET /", "GET", "/")
        await asyncio.gather(*(rec.call(client, "GET /static/*", "GET", a) for a in assets))
        rec.page_open.append((time.perf_counter() - opened) * 1000)
        await rec.call(client, "GET /api/presets", "GET", "/api/presets")
        bodies: dict[str, dict] = {}
        for name in ("mazur", "iris"):
            r = await rec.call(client, "GET /api/presets/{name}", "GET", f"/api/presets/{name}")
            if r is None:
                return 0
            bodies[name] = r.json()
            r = await rec.call(client, "POST /api/step", "POST", "/api/step", dumps(bodies[name]))
        train = {**bodies["iris"], "steps": 100, "record_every": 10}
        await rec.call(client, "POST /api/train", "POST", "/api/train", dumps(train))
        rec.opened_at.append(time.monotonic())
        body = bodies[rng.choice(["mazur", "iris"])]
        steps = 0
        while time.monotonic() + think[0] < deadline:
            await asyncio.sleep(rng.uniform(*think))
            sent = time.monotonic()
            r = await rec.call(client, "POST /api/step (pressing →)", "POST", "/api/step", dumps(body))
            rec.presses.append((sent, rec.times["POST /api/step (pressing →)"][-1]))
            steps += 1
            if r is not None:
                body = next_step(body, r.json())
        return steps


ORDER = ["GET /", "GET /static/*", "GET /api/presets", "GET /api/presets/{name}", "POST /api/step", "POST /api/train",
         "POST /api/step (pressing →)"]


def table(rec: Recorder, elapsed: float) -> list[str]:
    def row(label: str, values: list[float], errors: int) -> str:
        v = np.array(values)
        p50, p90, p99 = (np.percentile(v, q) for q in (50, 90, 99))
        return (f"{label:<30}{len(v):>8}{len(v) / elapsed:>9.1f}{p50:>9.1f}{p90:>9.1f}{p99:>9.1f}"
                f"{v.max():>9.1f}{errors:>8}")

    lines = [f"{'endpoint':<30}{'requests':>8}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
             f"{'errors':>8}"]
    for label in sorted(rec.times, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        errors = sum(n for kind, n in rec.errors.items() if kind.startswith(label + ":"))
        lines.append(row(label, rec.times[label], errors))
    everything = [t for values in rec.times.values() for t in values]
    lines.append(row("all", everything, sum(rec.errors.values())))
    return lines


async def run(args: argparse.Namespace) -> None:
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    command = server_command(args.server_command)
    server = start_server(port, args.workers, command)
    try:
        assets = await page_assets(base)
        rec = Recorder()
        rng = random.Random(args.seed)
        begin = time.monotonic()
        deadline = begin + args.seconds
        tasks = [student(base, assets, rec, deadline, begin + args.ramp * i / max(1, args.students),
                         (args.think[0], args.think[1]), random.Random(rng.random()))
                 for i in range(args.students)]
        cpu_before = time.process_time(), server_cpu(server.pid)
        presses = await asyncio.gather(*tasks)
        elapsed = time.monotonic() - begin
        cpu_client, cpu_server = time.process_time() - cpu_before[0], server_cpu(server.pid) - cpu_before[1]
    finally:
        stop_server(server)

    everything = [t for values in rec.times.values() for t in values]
    p99 = float(np.percentile(everything, 99))
    errors = sum(rec.errors.values())
    cores = os.cpu_count()
    print(f"Backprop Lens load test: {args.students} students for {args.seconds:g} s "
          f"(ramp-up {args.ramp:g} s, think time {args.think[0]:g}-{args.think[1]:g} s between steps)")
    print(f"server: {' '.join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command))} "
          f"--workers {args.workers} on 127.0.0.1:{port} (uvicorn, "
          f"{'httptools' if _has('httptools') else 'h11'} parser, {'uvloop' if _has('uvloop') else 'asyncio'} loop)")
    print(f"machine: {cores} cores, shared by the server's workers AND this load generator (httpx, one process),"
          f" so the figures are a floor for a machine that only serves")
    print(f"page: / and {len(assets)} static files per student: {', '.join(assets)}")
    print(f"steps pressed after the opening sequence: {sum(presses)} ({sum(presses) / max(1, args.students):.0f} "
          f"per student)")
    print(f"elapsed {elapsed:.1f} s, {len(everything)} requests, {len(everything) / elapsed:.1f} requests/s")
    print(f"CPU used: server {cpu_server:.1f} s ({cpu_server / elapsed:.0%} of one core), load generator "
          f"{cpu_client:.1f} s ({cpu_client / elapsed:.0%} of one core), of {cores} cores")
    print()
    print("\n".join(table(rec, elapsed)))
    po = np.percentile(rec.page_open, [50, 90, 99])
    print(f"opening the page (/ and its {len(assets)} files on ≤ 6 connections, as a browser): "
          f"p50 {po[0]:.0f} ms, p90 {po[1]:.0f} ms, p99 {po[2]:.0f} ms")
    if rec.opened_at:
        settled = max(rec.opened_at)
        steady = [ms for sent, ms in rec.presses if sent >= settled]
        print(f"the whole class was in after {settled - begin:.1f} s (page, presets, first steps, train)")
        if steady:
            q = np.percentile(steady, [50, 90, 99])
            print(f"pressing → from then on: {len(steady)} steps, {len(steady) / max(1e-9, deadline - settled):.1f}/s,"
                  f" p50 {q[0]:.1f} ms, p90 {q[1]:.1f} ms, p99 {q[2]:.1f} ms, max {max(steady):.1f} ms")
    print()
    for kind, n in rec.errors.most_common():
        print(f"error ×{n}: {kind}  e.g. {rec.examples[kind]!r}")
    verdict = "met" if errors == 0 and p99 <= GOAL_P99_MS else "NOT met"
    print(f"goal: 0 errors, p99 ≤ {GOAL_P99_MS:g} ms — measured: {errors} errors, p99 {p99:.1f} ms overall → {verdict}")


def server_cpu(group: int) -> float:
    """CPU seconds (user + system) used so far by the processes of the server's group (Linux /proc)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=100, help="concurrent students (default 100)")
    parser.add_argument("--seconds", type=float, default=30, help="duration (default 30)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which students arrive (default 5)")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds between two presses of → (default 0.5 2.0)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the think times")
    parser.add_argument("--server-command", default=None,
                        help="start this instead of backprop-lens (it gets --workers N --port P appended)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
