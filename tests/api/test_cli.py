"""The `backprop-lens` command serves the app, with one worker or several."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_several_workers_serve_the_same_stateless_answers() -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "--port", str(port), "--workers", "2"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for _ in range(100):
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            mazur = client.get("/api/presets/mazur").json()
            answers = {client.post("/api/step", json=mazur).json()["loss"] for _ in range(6)}
        assert answers == {0.2983711087600027}
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in out
