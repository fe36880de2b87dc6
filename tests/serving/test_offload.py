"""A small computation runs in the event loop; a large one in a worker thread; both answer alike."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient

from app.serving.offload import INLINE_WORK, run_sized

T = TypeVar("T")


def test_small_work_stays_in_the_event_loop_and_large_work_goes_to_a_thread() -> None:
    async def where(work: int) -> tuple[int, int]:
        return threading.get_ident(), await run_sized(work, threading.get_ident)

    loop_thread, small = in_a_fresh_loop(where(INLINE_WORK))
    assert small == loop_thread
    loop_thread, large = in_a_fresh_loop(where(INLINE_WORK + 1))
    assert large != loop_thread


def in_a_fresh_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    # A thread of its own: another test's browser may keep an event loop running in this one.
    out: list[T] = []
    runner = threading.Thread(target=lambda: out.append(asyncio.run(coroutine)))
    runner.start()
    runner.join()
    return out[0]


def test_a_step_over_the_inline_size_answers_like_a_small_one(client: TestClient) -> None:
    # 16-16-16 on 200 samples is 102 400 multiply-adds: the worker thread computes it.
    model = {"sizes": [16, 16, 16], "activations": ["tanh", "sigmoid"], "loss": "mse", "init": {"scheme": "xavier", "seed": 3}}
    inputs = [[((i * 7 + j) % 11) / 11 for j in range(16)] for i in range(200)]
    targets = [[((i + j) % 2) * 1.0 for j in range(16)] for i in range(200)]
    big = client.post("/api/step", json={"model": model, "inputs": inputs, "targets": targets, "samples": [0]}).json()
    small = client.post("/api/step", json={"model": model, "inputs": inputs[:1], "targets": targets[:1]}).json()
    assert 16 * 16 * 2 * 200 > INLINE_WORK >= 16 * 16 * 2
    assert big["layers"][0]["z"][0] == pytest.approx(small["layers"][0]["z"][0], rel=1e-12)  # BLAS may sum in another order
