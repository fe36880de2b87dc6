"""The `backprop-lens` command serves the app, with one worker or several, and a long request
never blocks the others."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, list[str]]]:
    """Run `backprop-lens` with `args` on a free port; yield its base URL and, after exit, its output."""
    port = _free_port()
    output: list[str] = []
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "--port", str(port), *args], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, output
    finally:
        server.terminate()
        output.append(server.communicate(timeout=15)[0])


def test_several_workers_serve_the_same_stateless_answers() -> None:
    with serving("--workers", "2") as (base, output), httpx.Client(base_url=base, timeout=10) as client:
        mazur = client.get("/api/presets/mazur").json()
        answers = {client.post("/api/step", json=mazur).json()["loss"] for _ in range(6)}
    assert answers == {0.2983711087600027}
    assert f"{base}/" in output[0]  # the command prints the URL it serves


def test_healthz_answers_while_a_long_training_runs() -> None:
    long_train = {"model": {"sizes": [1] * 9, "activations": ["tanh"] * 8, "loss": "mse"}, "inputs": [[0.5]],
                  "targets": [[0.1]], "steps": 2000, "record_every": 20, "snapshots": False}  # within the budget
    trained = threading.Event()
    with serving() as (base, _):
        status: list[int] = []

        def train() -> None:
            status.append(httpx.post(base + "/api/train", json=long_train, timeout=60).status_code)
            trained.set()

        worker = threading.Thread(target=train)
        worker.start()
        time.sleep(0.1)  # let the training request reach the server
        assert httpx.get(base + "/healthz", timeout=10).json() == {"status": "ok"}
        answered_during_training = not trained.is_set()
        worker.join()
    assert status == [200]
    assert answered_during_training, "the health check waited for the training to finish"


def test_open_without_a_browser_says_so_and_prints_the_url(capsys) -> None:  # type: ignore[no-untyped-def]
    import webbrowser

    from app.cli import open_in_browser

    def refuses(url: str) -> bool:
        return False

    def missing(url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    for opener in (refuses, missing):
        assert open_in_browser("http://127.0.0.1:8000/", opener) is False
        said = capsys.readouterr().out
        assert "Could not open a browser" in said and "http://127.0.0.1:8000/" in said
    assert open_in_browser("http://127.0.0.1:8000/", lambda url: True) is True
    assert capsys.readouterr().out == ""
