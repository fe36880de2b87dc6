"""Benchmark (not collected by pytest): prints figures, asserts nothing.

  python tests/bench/bench_step.py

/api/step on iris 4-16-3, full batch (150 samples), against the transport floor: a bare Starlette
app (tests/bench/floor_app.py) answering the same bytes, both served by uvicorn in their own
process, one worker each, asked in turn by the same HTTP client in one run. Once with the answer
sent as it is (Accept-Encoding: identity), then twice as a browser asks for it (zstd): against a
floor sending bytes compressed beforehand, and against one compressing them per request with the
app's own middleware and level, as any server must for an answer computed per request.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import orjson
from serve import Server, serve

SIZES = [4, 16, 3]
ROUNDS = 400


def iris_request() -> bytes:
    with httpx.Client() as client, serve() as server:
        data = client.get(server.base + "/api/datasets/iris", params={"standardize": "true"}).json()
    return orjson.dumps({
        "model": {"sizes": SIZES, "activations": ["relu", "softmax"], "loss": "cross_entropy", "init": {"scheme": "he", "seed": 0}},
        "inputs": data["inputs"], "targets": data["targets"], "learning_rate": 0.1,
    })


def side_by_side(step: Server, floor: Server, body: bytes, accept: str) -> tuple[list[float], list[float], float, float]:
    """Wall times of each request, alternating, and each server's CPU milliseconds per request."""
    headers = {"content-type": "application/json", "accept-encoding": accept}
    step_ms: list[float] = []
    floor_ms: list[float] = []
    with httpx.Client(headers=headers) as client:
        for _ in range(30):
            client.post(step.base + "/api/step", content=body)
            client.post(floor.base + "/api/step", content=body)
        cpu = [step.cpu_seconds(), floor.cpu_seconds()]
        for _ in range(ROUNDS):  # alternate, so both see the same machine load
            for server, out in ((step, step_ms), (floor, floor_ms)):
                t = time.perf_counter()
                r = client.post(server.base + "/api/step", content=body)
                out.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
        step_cpu = (step.cpu_seconds() - cpu[0]) * 1000 / ROUNDS
        floor_cpu = (floor.cpu_seconds() - cpu[1]) * 1000 / ROUNDS
    return step_ms, floor_ms, step_cpu, floor_cpu


def raw_answer(url: str, body: bytes, accept: str) -> tuple[bytes, str | None]:
    with httpx.Client() as client, client.stream("POST", url, content=body,
                                                   headers={"content-type": "application/json", "accept-encoding": accept}) as r:
        return b"".join(r.iter_raw()), r.headers.get("content-encoding")


CASES = (  # (the client's Accept-Encoding, how the floor sends the answer)
    ("identity", "as it is"),
    ("zstd", "compressed beforehand"),
    ("zstd", "compressed per request, by the same middleware and level"),
)


def main() -> None:
    body = iris_request()
    with serve(env={"BACKPROP_LENS_ANSWER_CACHE_BYTES": "0"}) as server:  # every request computes: no cache of answers
        for accept, floor_kind in CASES:
            per_request = floor_kind.startswith("compressed per request")
            answer, encoding = raw_answer(server.base + "/api/step", body, "identity" if per_request else accept)
            file = Path(tempfile.mkstemp(suffix=".json")[1])
            file.write_bytes(answer)
            env = {"FLOOR_BODY": str(file), "FLOOR_ENCODING": encoding or "", "FLOOR_COMPRESS": "1" if per_request else ""}
            with serve(app="floor_app:app", env=env) as floor:
                step_ms, floor_ms, step_cpu, floor_cpu = side_by_side(server, floor, body, accept)
            file.unlink()
            ratio = statistics.median(step_ms) / statistics.median(floor_ms)
            print(f"/api/step iris {'-'.join(map(str, SIZES))} full batch, Accept-Encoding: {accept}; the bare app's answer {floor_kind}")
            print(f"  /api/step p50 / p99       {statistics.median(step_ms):8.2f} / {np.percentile(step_ms, 99):.2f} ms"
                  f"   server CPU {step_cpu:.2f} ms per request")
            print(f"  bare app, same bytes      {statistics.median(floor_ms):8.2f} / {np.percentile(floor_ms, 99):.2f} ms"
                  f"   server CPU {floor_cpu:.2f} ms per request")
            print(f"  ratio of the p50s         {ratio:8.2f}x  (goal ≤ 2x); of the server CPU {step_cpu / floor_cpu:.2f}x")
    print(f"load average {os.getloadavg()[0]:.1f} (1 min) at the end")


if __name__ == "__main__":
    main()
