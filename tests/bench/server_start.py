"""How long a checkout's server takes to start, with its bundle cache empty and full (app/bundle_cache.py): the wall
time from the command to /healthz answering, and the CPU the server used by then (its bundles built, or read).

    python tests/bench/server_start.py      # three starts of each, one worker; empties the checkout's .bundle-cache
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.assets import CHECKOUT_CACHE  # noqa: E402
from tests.bench.serve import serve  # noqa: E402


def start(empty: bool) -> tuple[float, float]:
    if empty:
        shutil.rmtree(CHECKOUT_CACHE, ignore_errors=True)
    began = time.monotonic()
    with serve() as server:
        wall, cpu = time.monotonic() - began, server.cpu_seconds()
        if empty:  # let the worker write what it built, so the next start finds it
            deadline = time.monotonic() + 120
            while not any(CHECKOUT_CACHE.glob("*/manifest.json")) and time.monotonic() < deadline:
                time.sleep(0.1)
    return wall, cpu


def main() -> None:
    for label, empty in (("empty cache (builds)", True), ("full cache (reads)", False)):
        runs = [start(empty) for _ in range(3)]
        print(f"{label:<22} to /healthz: median {statistics.median(w for w, _ in runs):.2f} s wall, "
              f"{statistics.median(c for _, c in runs):.2f} s of the server's CPU")


if __name__ == "__main__":
    main()
