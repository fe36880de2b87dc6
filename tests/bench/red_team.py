"""The red team of issue #26 section 1, against `backprop-lens --workers 2` from a checkout: each
attack's time, the server's memory (all its processes' resident set, sampled every 50 ms) and what
a student saw meanwhile (a Mazur step and the catalogue, asked again and again: statuses and worst
latency). Prints figures; asserts nothing.

    python tests/bench/red_team.py                 # this checkout
    python tests/bench/red_team.py --root /tmp/old # another checkout (e.g. `git archive` of an older commit)
    BACKPROP_LENS_COMPUTE_PER_CLIENT=1000 python tests/bench/red_team.py --only readers
                                                   # slow readers alone, without the per-client share refusing them
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import free_port, wait_until_serving  # noqa: E402

MAZUR = {"model": {"sizes": [2, 2, 2], "activations": ["sigmoid", "sigmoid"], "loss": "half_sse",
                   "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], "biases": [[0.35, 0.35], [0.6, 0.6]]},
         "inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]], "learning_rate": 0.5}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and its children (the workers), in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1e6


def post(base: str, path: str, body: bytes, timeout: float = 120) -> tuple[int, float]:
    start = time.perf_counter()
    req = urllib.request.Request(base + path, data=body, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        status = err.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def get(base: str, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        status = err.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


class Watch:
    """While an attack runs: the server's peak memory, and a student's requests with their statuses and latencies."""

    def __init__(self, base: str, pid: int) -> None:
        self.base, self.pid, self.stop = base, pid, threading.Event()
        self.peak = 0.0
        self.seen: list[tuple[str, int, float]] = []

    def __enter__(self) -> Watch:
        self.threads = [threading.Thread(target=self._memory), threading.Thread(target=self._student)]
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()

    def _memory(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            time.sleep(0.05)

    def _student(self) -> None:
        body = orjson.dumps(MAZUR)
        while not self.stop.is_set():
            self.seen.append(("step", *post(self.base, "/api/step", body)))
            self.seen.append(("catalog", *get(self.base, "/api/catalog")))
            time.sleep(0.1)

    def report(self) -> str:
        statuses: dict[str, dict[int, int]] = {}
        worst: dict[str, float] = {}
        for kind, status, seconds in self.seen:
            statuses.setdefault(kind, {}).setdefault(status, 0)
            statuses[kind][status] += 1
            worst[kind] = max(worst.get(kind, 0.0), seconds)
        seen = "; ".join(f"{k}: {statuses[k]} worst {worst[k] * 1000:.0f} ms" for k in statuses)
        return f"peak server memory {self.peak:.0f} MB; a student saw {seen}"


def attack(name: str, base: str, pid: int, run: Callable[[], str]) -> None:
    before = tree_rss_mb(pid)
    with Watch(base, pid) as watch:
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
    print(f"{name}: {seconds:.2f} s; {result}; memory before {before:.0f} MB, {watch.report()}; after {tree_rss_mb(pid):.0f} MB", flush=True)


def at_once(n: int, fn: Callable[[], tuple[int, float]]) -> str:
    with ThreadPoolExecutor(n) as pool:
        answers = list(pool.map(lambda _: fn(), range(n)))
    counts: dict[int, int] = {}
    for status, _ in answers:
        counts[status] = counts.get(status, 0) + 1
    return f"{n} at once: statuses {counts}, slowest {max(s for _, s in answers):.2f} s"


def wide_layer(base: str) -> str:
    body = orjson.dumps({"model": {"sizes": [2, 1_000_000], "activations": ["softmax"], "loss": "cross_entropy"},
                         "inputs": [[0, 0]] * 20, "targets": [0] * 20})
    return f"{len(body)} bytes each, " + at_once(4, lambda: post(base, "/api/step", body))


def chunked_past_limit(base: str, port: int, megabytes: int = 30) -> str:
    row = b"[" + b",".join([b"0.5"] * 64) + b"],"
    start = time.perf_counter()
    sent, status = 0, b"?"
    with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
        sock.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 10\r\n"
                     b"transfer-encoding: chunked\r\n\r\n")
        try:
            payload = b'{"model":{"sizes":[64,64],"activations":["tanh"],"loss":"mse"},"inputs":['
            while sent < megabytes * 1_000_000:
                chunk = payload + row * 2000
                payload = b""
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        try:
            status = sock.recv(64).split(b" ")[1]
        except (OSError, IndexError):
            status = b"closed"
    return f"sent {sent / 1e6:.1f} MB of a chunked body beside content-length 10: status {status.decode()} after {time.perf_counter() - start:.2f} s"


def deep_nesting(base: str) -> str:
    body = b'{"a":' * 3000 + b"1" + b"}" * 3000
    req = urllib.request.Request(base + "/api/step", data=body, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, headers = r.status, r.headers
    except urllib.error.HTTPError as err:
        status, headers = err.code, err.headers
    return f"status {status}, security headers {'present' if headers.get('x-content-type-options') else 'MISSING'}"


def paths_flood(base: str) -> str:
    sizes = [16, 16, 16, 16, 16]
    body = orjson.dumps({"model": {"sizes": sizes, "activations": ["tanh"] * 4, "loss": "mse"},
                         "inputs": [[0.1] * 16] * 8, "targets": [[0.0] * 16] * 8,
                         "kind": "weight", "layer": 2, "j": 0, "k": 0, "batch_mean": True})
    return at_once(24, lambda: post(base, "/api/paths", body))


def heavy_flood(base: str) -> str:
    body = orjson.dumps({"model": {"sizes": [16] * 8, "activations": ["tanh"] * 7, "loss": "mse"},
                         "inputs": [[0.1] * 16] * 16, "targets": [[0.0] * 16] * 16})
    return at_once(50, lambda: post(base, "/api/gradcheck", body))


def slow_readers(port: int, pid: int, n: int = 100) -> str:
    body = orjson.dumps({"model": {"sizes": [64] * 4, "activations": ["tanh"] * 3, "loss": "mse"},
                         "inputs": [[(i % 7) / 7] * 64 for i in range(300)], "targets": [[0.0] * 64] * 300, "samples": list(range(300))})
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", port))
        s.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
        socks.append(s)
    held = 0.0
    for _ in range(40 * 4):  # up to 40 s: the memory while the answers sit unread
        held = max(held, tree_rss_mb(pid))
        time.sleep(0.25)
    after_wait, still = tree_rss_mb(pid), server_connections(port)
    for s in socks:
        s.close()
    time.sleep(2)
    closed = tree_rss_mb(pid)
    return (f"{n} clients never reading a 7 MB answer: peak {held:.0f} MB; after 40 s {after_wait:.0f} MB and {still} connections "
            f"still held by the server; 2 s after they closed {closed:.0f} MB")


def server_connections(port: int) -> int:
    """Established TCP connections whose local port is the server's (the server's side of each)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            count += int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01"
    return count


def slow_senders(port: int, n: int = 50) -> str:
    socks = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\n" if i % 2 else b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{")
        socks.append(s)
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:  # a byte a second from each, until the server closes them or 40 s pass
        for s in socks:
            try:
                s.sendall(b"x")
            except OSError:
                pass
        time.sleep(1)
    open_ = 0
    for s in socks:
        s.setblocking(False)
        try:
            open_ += s.recv(1) != b""
        except BlockingIOError:
            open_ += 1
        except OSError:
            pass
        s.close()
    return f"{n} clients sending a byte a second (headers or a body): {open_} still held after 40 s"


def disconnects(port: int, log: Path, n: int = 20) -> str:
    before = log.stat().st_size
    for _ in range(n):
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"POST /api/step HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"mo")
            time.sleep(0.05)
    time.sleep(1)
    text = log.read_bytes()[before:].decode(errors="replace")
    return f"{n} clients leaving mid-body: {len(text)} bytes of log, {text.count('Traceback')} tracebacks, {len(text.splitlines())} lines"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]), help="the checkout to serve")
    parser.add_argument("--only", default="", help="comma-separated attack names")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="red-team-", suffix=".log")[1])
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-c", "import sys; from app.cli import main; main(sys.argv[1:])",
                                 "--port", str(port), "--workers", "2"], cwd=args.root,
                                env={**os.environ, "PYTHONPATH": args.root}, stdout=out, stderr=out)
    try:
        wait_until_serving(base, proc, timeout=180)  # a loaded machine starts two workers slowly
        time.sleep(2)
        attacks: dict[str, Callable[[], str]] = {
            "wide": lambda: wide_layer(base), "chunked": lambda: chunked_past_limit(base, port),
            "deep": lambda: deep_nesting(base), "paths": lambda: paths_flood(base), "flood": lambda: heavy_flood(base),
            "readers": lambda: slow_readers(port, proc.pid), "senders": lambda: slow_senders(port),
            "disconnects": lambda: disconnects(port, log),
        }
        chosen = [a for a in args.only.split(",") if a] or list(attacks)
        print(f"serving {args.root} with 2 workers; idle memory {tree_rss_mb(proc.pid):.0f} MB", flush=True)
        for name in chosen:
            attack(name, base, proc.pid, attacks[name])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
