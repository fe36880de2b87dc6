"""Benchmark (not collected by pytest): prints figures, asserts nothing.

  python tests/bench/bench_api.py

- /api/step on iris 4-16-3 full batch: p50 in-process (TestClient) and over loopback HTTP
  (a real uvicorn server), and the response size;
- the transport floor: a bare endpoint returning the same bytes, over the same HTTP client;
- 1000 /api/train steps (iris 4-16-3 full batch, SGD), and the same loop in the engine alone;
- when PyTorch is installed, the same 1000-step loop in PyTorch float64.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time

import httpx
import numpy as np
import orjson
import uvicorn
from fastapi import Response
from fastapi.testclient import TestClient

from app.config import Settings
from app.engine.datasets import make_dataset
from app.engine.network import Model, init_parameters
from app.engine.training import train
from app.main import create_app

SIZES = [4, 16, 3]
STEPS = 1000
LR = 0.1


def iris_request() -> dict:
    data = make_dataset("iris", standardize=True)
    return {
        "model": {"sizes": SIZES, "activations": ["relu", "softmax"], "loss": "cross_entropy",
                  "init": {"scheme": "he", "seed": 0}},
        "inputs": data.inputs.tolist(), "targets": data.targets.tolist(), "learning_rate": LR,
    }


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    req = iris_request()
    body = orjson.dumps(req)
    app = create_app(Settings(answer_cache_bytes=0))  # every repeat computes: the cache of answers would answer the same body at once
    client = TestClient(app)
    step_bytes = client.post("/api/step", content=body, headers={"content-type": "application/json"}).content

    @app.post("/bench/floor", include_in_schema=False)
    def floor() -> Response:  # the same bytes, no work: what transport and framework cost
        return Response(step_bytes, media_type="application/json")

    for _ in range(20):
        client.post("/api/step", content=body, headers={"content-type": "application/json"})
    inproc = timed(lambda: client.post("/api/step", content=body, headers={"content-type": "application/json"}), 200)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    while not server.started:
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
        headers = {"content-type": "application/json"}
        for _ in range(20):
            http.post("/api/step", content=body, headers=headers)
            http.post("/bench/floor", content=body, headers=headers)
        over_http = timed(lambda: http.post("/api/step", content=body, headers=headers), 300)
        floor_http = timed(lambda: http.post("/bench/floor", content=body, headers=headers), 300)
        train_body = orjson.dumps({**req, "steps": STEPS, "record_every": 100})
        train_http = timed(lambda: http.post("/api/train", content=train_body, headers=headers), 5)
    server.should_exit = True
    serving.join()  # a server thread still polling would take the GIL from the loops timed below

    data = make_dataset("iris", standardize=True)
    w, b = init_parameters(SIZES, "he", 0)
    model = Model(SIZES, ["relu", "softmax"], "cross_entropy", w, b)

    def engine_loop() -> None:
        train(model, data.inputs, data.targets, learning_rate=LR, steps=STEPS, record_every=100)

    print(f"/api/step iris {'-'.join(map(str, SIZES))} full batch (150 samples, first sample traced)")
    print(f"  response size             {len(step_bytes):>8} bytes")
    print(f"  in-process p50 / p99      {p(inproc, 50):8.2f} / {p(inproc, 99):.2f} ms")
    print(f"  loopback HTTP p50 / p99   {p(over_http, 50):8.2f} / {p(over_http, 99):.2f} ms")
    print(f"  transport floor p50       {p(floor_http, 50):8.2f} ms  (same bytes, no work)")
    print(f"  ratio to the floor        {p(over_http, 50) / p(floor_http, 50):8.2f}x  (goal ≤ 2x)")
    print(f"{STEPS} training steps, iris {'-'.join(map(str, SIZES))}, full batch, SGD")
    print(f"  /api/train over HTTP      {statistics.median(train_http):8.1f} ms (median of 5)")
    try:
        import torch
    except ImportError:
        print(f"  engine loop alone         {statistics.median(timed(engine_loop, 5)):8.1f} ms")
        print("  PyTorch                   not installed (pip install torch==2.13.0 to compare)")
        return
    torch.set_num_threads(1)
    x = torch.tensor(data.inputs, dtype=torch.float64)
    y = torch.tensor(data.targets.argmax(axis=1))

    def torch_loop() -> None:
        w1 = torch.tensor(w[0], requires_grad=True)
        b1 = torch.tensor(b[0], requires_grad=True)
        w2 = torch.tensor(w[1], requires_grad=True)
        b2 = torch.tensor(b[1], requires_grad=True)
        opt = torch.optim.SGD([w1, b1, w2, b2], lr=LR)
        for _ in range(STEPS):
            opt.zero_grad()
            logits = torch.relu(x @ w1.T + b1) @ w2.T + b2
            loss = torch.nn.functional.cross_entropy(logits, y)
            loss.backward()
            opt.step()

    engine: list[float] = []
    torch_ms: list[float] = []
    for _ in range(7):  # in turn, so both loops see the same machine load
        engine += timed(engine_loop, 1)
        torch_ms += timed(torch_loop, 1)
    print(f"  engine loop alone         {statistics.median(engine):8.1f} ms (median of 7)")
    print(f"  PyTorch {torch.__version__} float64 loop {statistics.median(torch_ms):8.1f} ms (1 thread, median of 7)")
    print(f"  engine / PyTorch          {statistics.median(engine) / statistics.median(torch_ms):8.2f}  (goal ≤ 0.25)")
    print(f"  /api/train / PyTorch      {statistics.median(train_http) / statistics.median(torch_ms):8.2f}  (with HTTP, records and JSON)")


if __name__ == "__main__":
    main()
