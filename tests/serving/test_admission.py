"""Admission under a flood: light requests (the catalogue, presets, a small step) never queue and
never get 503; one client's heavy requests are capped at its share (429 with Retry-After) while
another client's heavy request computes; an error nobody answered is a plain 500 with the security
headers. Waits are on the limiter's own counts, never on time."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.serving.admission import ComputeLimiter
from tests.run_async import run_async


def heavy_gradcheck() -> dict:
    sizes = [16] * 8  # 1904 parameters, each probed twice on the batch: far over the light price
    return {"model": {"sizes": sizes, "activations": ["tanh"] * 7, "loss": "mse"},
            "inputs": [[0.1] * 16] * 16, "targets": [[0.0] * 16] * 16}


def client_at(app: FastAPI, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 1234)), base_url="http://test", timeout=120)


async def until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.005)


def test_light_requests_are_answered_while_every_heavy_slot_is_taken_and_the_queue_is_full() -> None:
    # was: the catalogue and a small step entered the heavy queue, and got 503 when it was full
    app = create_app(Settings(compute_slots=1, compute_queue=0))

    async def run() -> tuple[list[int], int, bool]:
        async with client_at(app, "10.0.0.1") as student, client_at(app, "10.0.0.2") as attacker:
            mazur = (await student.get("/api/presets/mazur")).json()
            heavy = asyncio.create_task(attacker.post("/api/gradcheck", json=heavy_gradcheck()))
            await until(lambda: app.state.compute.active == 1)
            light = [await student.get("/api/catalog"), await student.get("/api/presets"), await student.post("/api/step", json=mazur),
                     await student.get("/healthz")]
            refused = (await student.post("/api/gradcheck", json=heavy_gradcheck())).status_code  # the full queue
            running = not heavy.done()
            assert (await heavy).status_code == 200
            return [r.status_code for r in light], refused, running

    light, refused, running = run_async(run())
    assert light == [200, 200, 200, 200]
    assert refused == 503 and running, "the light requests were answered while the heavy one computed"


def test_one_clients_heavy_requests_are_capped_at_its_share_and_another_client_computes() -> None:
    # was: one client's requests took every slot and every place in the queue
    app = create_app(Settings(compute_slots=2, compute_queue=4, compute_per_client=1))

    async def run() -> tuple[list[httpx.Response], int]:
        async with client_at(app, "10.0.0.1") as greedy, client_at(app, "10.0.0.2") as other:
            mine = [asyncio.create_task(greedy.post("/api/gradcheck", json=heavy_gradcheck())) for _ in range(3)]
            await until(lambda: app.state.compute.active == 1 and sum(t.done() for t in mine) == 2)
            theirs = await other.post("/api/gradcheck", json=heavy_gradcheck())
            return list(await asyncio.gather(*mine)), theirs.status_code

    mine, theirs = run_async(run())
    assert sorted(r.status_code for r in mine) == [200, 429, 429] and theirs == 200
    refused = next(r for r in mine if r.status_code == 429)
    assert refused.headers["retry-after"] == "1" and refused.json()["detail"][0]["type"] == "too_many"
    assert "your share" in refused.json()["detail"][0]["msg"]
    assert app.state.compute.active == 0 and not app.state.compute._clients  # every share came back


def test_an_unanswered_error_is_a_plain_500_with_the_security_headers(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(Settings())

    async def broken() -> None:
        raise ZeroDivisionError("a bug")

    app.add_api_route("/api/broken", broken)

    async def run() -> httpx.Response:
        async with client_at(app, "10.0.0.1") as http:
            return await http.get("/api/broken")

    with caplog.at_level(logging.ERROR, logger="backprop_lens"):
        r = run_async(run())
    assert r.status_code == 500 and r.json()["detail"][0]["type"] == "internal"
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
    assert [rec.name for rec in caplog.records] == ["backprop_lens"]


def test_by_default_a_client_may_fill_the_slots_and_half_the_queue() -> None:
    """A class behind one address opening the page at once is not refused while the other half of the queue
    stays free for everyone else."""
    assert ComputeLimiter(running=4, queued=8).per_client == 8
    assert ComputeLimiter(running=1, queued=0).per_client == 2
