"""A step's time through nginx against the same replica directly, by the size of the request's body:
docs/deploy/backprop-lens.nginx as shipped (tests/bench/serve.py's `deployment`: two replicas of one
worker under /lens), or another site file given with --site (e.g. an older recipe, to compare).

One keep-alive connection each way, the whole request in one write, TCP_NODELAY on the client's side;
the median of `--rounds` answers after three warm-up ones. The body is Mazur's step padded with spaces
(the same answer whatever its size).

    python tests/bench/bench_proxy.py
    python tests/bench/bench_proxy.py --site /tmp/old.nginx   # e.g. git show <commit>:docs/deploy/backprop-lens.nginx
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import serve  # a sibling script, on sys.path when run as one


def ask(conn: socket.socket, path: str, body: bytes) -> int:
    """POST on a keep-alive connection; the status, after the whole answer (content-length) is read."""
    conn.sendall(f"POST {path} HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body)
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, rest = data.split(b"\r\n\r\n", 1)
    fields = dict(line.lower().split(": ", 1) for line in head.decode("latin-1").split("\r\n")[1:])
    while len(rest) < int(fields["content-length"]):
        rest += conn.recv(65536)
    return int(head.split()[1])


def median_ms(base: str, body: bytes, rounds: int) -> float:
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port)) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(3):
            assert ask(conn, url.path + "/api/step", body) == 200
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            assert ask(conn, url.path + "/api/step", body) == 200
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an nginx site file in place of docs/deploy/backprop-lens.nginx")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    if args.site:
        serve.SITE = args.site
    with serve.deployment() as site:
        with urllib.request.urlopen(site.base + "/api/presets/mazur") as r:
            mazur = r.read()
        print(f"site {serve.SITE}; load average {os.getloadavg()[0]:.1f}")
        for pad in (0, 20_000, 100_000, 1_000_000):
            body = mazur + b" " * pad
            direct, proxied = median_ms(site.replicas[0].base, body, args.rounds), median_ms(site.base, body, args.rounds)
            print(f"step body {len(body):>9} bytes: direct {direct:6.2f} ms, through nginx {proxied:6.2f} ms (medians of {args.rounds})")


if __name__ == "__main__":
    main()
