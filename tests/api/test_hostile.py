"""Hostile requests cost little: each class of attack gets a small, fast 4xx (or a bounded answer),
never a 5xx, and the server keeps answering everything else. Statuses and answer sizes are asserted
here; timings are the benchmark's job (tests/bench/bench_limits.py)."""

from __future__ import annotations

import asyncio
import copy
import re
import tracemalloc

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient

from app.config import CEILING_BATCH, Settings
from app.main import create_app
from tests.run_async import run_async

JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def settings() -> Settings:
    """The shipped defaults: what a department's server runs with (tests/conftest.py builds `client` on them)."""
    return Settings()


def still_serving(client: TestClient) -> None:
    """Nothing else stopped answering: the health check, the page and a real step."""
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/").status_code == 200
    assert client.post("/api/step", json=client.get("/api/presets/mazur").json()).status_code == 200


def locs(r) -> list[list]:
    return [e["loc"] for e in r.json()["detail"]]


# --- amplification: a small body must not buy a large answer ---------------------------------------

def test_a_sample_listed_twice_is_refused_naming_samples(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/step", json={**mazur, "samples": [0, 0]})
    assert r.status_code == 422
    assert locs(r) == [["body", "samples"]] and "twice" in r.text


def test_one_index_repeated_many_times_gets_a_short_422(client: TestClient, mazur: dict) -> None:
    # was: a 10 kB body of one repeated index answered 270 MB
    for path, body in (("/api/step", {**mazur, "samples": [0] * 5000}),
                       ("/api/export/standalone", {"step": {**mazur, "samples": [0] * 5000}})):
        r = client.post(path, json=body)
        assert r.status_code == 422, path
        assert len(r.content) < 1000
    still_serving(client)


def test_every_list_of_every_request_has_a_max_items(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    def arrays(node, where):
        if isinstance(node, dict):
            if node.get("type") == "array":
                yield where, node
            for key, value in node.items():
                yield from arrays(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from arrays(value, f"{where}[{i}]")

    requests = {name: s for name, s in schema["components"]["schemas"].items()
                if name.endswith(("Request", "Spec"))}
    found = list(arrays(requests, "schemas"))
    assert len(found) > 10
    unbounded = [where for where, node in found if "maxItems" not in node]
    assert unbounded == []
    samples = requests["StepRequest"]["properties"]["samples"]
    assert samples["uniqueItems"] is True


def test_a_list_past_its_ceiling_is_refused_before_its_items_are_checked(client: TestClient, mazur: dict) -> None:
    r = client.post("/api/step", json={**mazur, "samples": list(range(CEILING_BATCH + 1))})
    assert r.status_code in (413, 422)
    assert len(r.content) < 1000


def test_many_bad_values_give_a_short_list_of_errors(client: TestClient, mazur: dict) -> None:
    # 400 rows of 1024 bad strings: pydantic would list 409 600 errors; the answer stops at the first
    body = {**mazur, "inputs": [["x"] * 1024] * 400}
    r = client.post("/api/step", json=body)
    assert r.status_code == 422
    assert len(r.json()["detail"]) <= 20 and len(r.content) < 5000


# --- parser blow-up: linear-time reading of the URL --------------------------------------------------

@pytest.mark.parametrize(("query", "key"), [
    pytest.param("lr=" + "1" * 32_000 + "x", "lr", id="32000 digits then a letter"),  # was 35 s of backtracking
    pytest.param("lr=0." + "1" * 63, "lr", id="a number one past 64 characters"),
    pytest.param("inputs=1," + "2" * 60_000 + "x", "inputs", id="60000 digits in a matrix"),
    pytest.param("inputs=" + ";".join(["1,2"] * 13_000), "inputs", id="a value over 50000 characters"),
    pytest.param("edits=W" + "1" * 5000 + ".0.0:1", "edits", id="an edit key of 5000 digits"),
])
def test_a_huge_or_crafted_url_value_gets_a_422_naming_its_key(client: TestClient, query: str, key: str) -> None:
    r = client.get(f"/api/export/standalone?{query}")
    assert r.status_code == 422
    assert locs(r) == [["query", key]]
    assert len(r.content) < 1000
    still_serving(client)


# --- digit limits: Python refuses int() of more than 4300 digits; that is never a 500 ----------------

def test_a_long_integer_in_a_link_is_a_422(client: TestClient) -> None:
    for query, key in (("seed=" + "9" * 5000, "seed"), ("sizes=2," + "3" * 5000 + ",2", "sizes")):
        r = client.get(f"/api/export/standalone?{query}")
        assert r.status_code == 422 and locs(r) == [["query", key]]


def test_a_long_integer_in_a_body_is_a_4xx(client: TestClient, mazur: dict) -> None:
    text = orjson.dumps(mazur).replace(b'"learning_rate":0.5', b'"learning_rate":' + b"7" * 5000)
    r = client.post("/api/step", content=text, headers=JSON)
    assert r.status_code in (400, 422)
    seed = copy.deepcopy(mazur)
    seed["model"]["init"] = {"seed": 0}
    text = orjson.dumps(seed).replace(b'"seed":0', b'"seed":' + b"7" * 5000)
    assert client.post("/api/step", content=text, headers=JSON).status_code in (400, 422)


# --- field names: every 422 names the real field ----------------------------------------------------

def test_boundary_errors_name_model_sizes_and_the_range_that_is_wrong(client: TestClient, mazur: dict) -> None:
    three = {**mazur["model"], "sizes": [3, 2, 2], "weights": None}
    r = client.post("/api/boundary", json={"model": three})
    assert r.status_code == 422 and locs(r) == [["body", "model", "sizes"]]
    r = client.post("/api/boundary", json={"model": mazur["model"], "y_range": [1, -1]})
    assert r.status_code == 422 and locs(r) == [["body", "y_range"]]
    r = client.post("/api/boundary", json={"model": mazur["model"], "x_range": [1, -1]})
    assert r.status_code == 422 and locs(r) == [["body", "x_range"]]


@pytest.mark.parametrize(("query", "key"), [
    ("inputs=1,2,3", "inputs"),           # a shape error of the body is reported at the URL key
    ("sizes=2,2&targets=0.5", "targets"),
    ("loss=cross_entropy", "loss"),
    ("activations=softmax,sigmoid", "activations"),
])
def test_errors_of_a_link_name_the_url_key(client: TestClient, query: str, key: str) -> None:
    r = client.get(f"/api/export/standalone?{query}")
    assert r.status_code == 422, r.text
    assert [loc[:2] for loc in locs(r)] == [["query", key]]


# --- pool exhaustion: compute waits its turn, or is turned away; cheap routes never wait ------------

def heavy_gradcheck() -> dict:
    sizes = [16] * 8  # 1904 parameters, each probed twice on the batch: a few hundred ms of work
    return {"model": {"sizes": sizes, "activations": ["tanh"] * 7, "loss": "mse"},
            "inputs": [[0.1] * 16] * 16, "targets": [[0.0] * 16] * 16}


async def flood(app, computes: int) -> tuple[list[httpx.Response], list[tuple[int, bool]]]:
    """`computes` heavy requests at once; while they run, the cheap routes are asked, and each
    answer is noted with whether some compute was still running when it came."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=120) as http:
        tasks = [asyncio.create_task(http.post("/api/gradcheck", json=heavy_gradcheck())) for _ in range(computes)]
        cheap: list[tuple[int, bool]] = []
        await asyncio.sleep(0)
        for path in ("/healthz", "/", "/embed", "/static/js/state/state.js", "/docs", "/healthz"):
            r = await http.get(path)
            cheap.append((r.status_code, not all(t.done() for t in tasks)))
        return list(await asyncio.gather(*tasks)), cheap


def test_a_flood_of_compute_gets_503_at_once_and_health_answers_meanwhile() -> None:
    app = create_app(Settings(compute_slots=1, compute_queue=1, compute_per_client=8))
    answers, cheap = run_async(flood(app, 8))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200, 200] + [503] * 6  # one computing, one waiting, the rest refused
    busy = next(r for r in answers if r.status_code == 503)
    assert busy.headers["retry-after"] == "1" and busy.json()["detail"][0]["type"] == "busy"
    assert [status for status, _ in cheap] == [200] * 6
    assert all(running for _, running in cheap), "the cheap routes answered while compute was running"
    assert app.state.compute.active == 0 and app.state.compute.waiting == 0  # every slot came back


def test_the_limiter_is_sized_by_the_machine_unless_set(settings: Settings) -> None:
    from app.serving.admission import machine_cores
    app = create_app(settings)
    assert (app.state.compute.running, app.state.compute.queued) == (2 * machine_cores(), 4 * machine_cores())


def test_cheap_routes_are_coroutines_so_they_never_take_a_thread(client: TestClient) -> None:
    from app.pages import embed, index
    health = next(r for r in client.app.routes if getattr(r, "path", "") == "/healthz")
    for endpoint in (health.endpoint, index, embed):  # type: ignore[attr-defined]
        assert asyncio.iscoroutinefunction(endpoint), endpoint


# --- budget edges: the largest request a route allows answers, one step past it is a 422 -------------

SMALL = Settings(max_work=40_000_000, max_answer_values=20_000)


def edge(build, route: str, app: TestClient, high: int) -> int:
    """The largest x in 1..high that `route` accepts (bisection on the answers' status)."""
    low = 1
    while low < high:
        mid = (low + high + 1) // 2
        if app.post(route, json=build(mid)).status_code == 200:
            low = mid
        else:
            high = mid - 1
    return low


def net(sizes: list[int], n: int, **extra) -> dict:
    return {"model": {"sizes": sizes, "activations": ["tanh"] * (len(sizes) - 1), "loss": "mse"},
            "inputs": [[0.1] * sizes[0]] * n, "targets": [[0.0] * sizes[-1]] * n, **extra}


EDGES = [
    pytest.param("/api/step", lambda x: net([32, 32], 300, samples=list(range(x))), 300, "samples", id="step traced"),
    pytest.param("/api/train", lambda x: net([1, 1, 1, 1], 1, steps=x, record_every=10, snapshots=False), 10_000,
                 "steps", id="train overhead"),
    pytest.param("/api/train", lambda x: net([32, 32], 500, steps=x, batch_size=1, record_every=1, snapshots=False),
                 999, "steps", id="train mini-batch records"),
    pytest.param("/api/train", lambda x: net([32, 32, 32], 1, steps=x, record_every=1, snapshots=True), 150, "snapshots",
                 id="train snapshots"),
    pytest.param("/api/gradcheck", lambda x: net([4] * 4, x), 1000, "inputs", id="gradcheck"),
    pytest.param("/api/boundary", lambda x: {"model": net([2, 32, 32], 1)["model"], "resolution": x}, 200,
                 "resolution", id="boundary"),
    pytest.param("/api/export/numpy", lambda x: net([64, 64], x), 1000, "inputs", id="numpy script"),
    pytest.param("/api/export/notebook", lambda x: net([16, 16], 200, samples=list(range(x))), 200, "samples",
                 id="notebook traced"),
]


@pytest.mark.parametrize(("route", "build", "high", "field"), EDGES)
def test_each_route_answers_at_the_edge_of_its_budget_and_refuses_past_it(route, build, high, field) -> None:
    app = TestClient(create_app(SMALL))
    x = edge(build, route, app, high)
    assert 1 < x < high, "the budget, not another limit, sets the edge"
    at = app.post(route, json=build(x))
    assert at.status_code == 200
    assert len(at.content) < 40 * SMALL.max_answer_values + 50_000  # bounded by the limits
    past = app.post(route, json=build(x + 1))
    assert past.status_code == 422
    assert past.json()["detail"][0]["loc"] == ["body", field]
    assert "budget" in past.text or "limit" in past.text


def test_a_body_of_many_tiny_rows_is_refused_before_it_is_parsed(client: TestClient, settings: Settings) -> None:
    # was: a 2 MB body of one-value rows cost 3 s and 255 MB before its sample count was refused
    rows = b"[" + b",".join([b"[0]"] * 300_000) + b"]"
    body = b'{"model":{"sizes":[1,1],"activations":["linear"],"loss":"mse"},"inputs":' + rows + b',"targets":' + rows + b"}"
    assert len(body) < settings.max_body_bytes * 2
    small = create_app(Settings(max_body_bytes=len(body) + 1))
    r = TestClient(small).post("/api/step", content=body, headers=JSON)
    assert r.status_code == 422 and locs(r) == [["body"]] and "lists" in r.text


# --- overflow flags ----------------------------------------------------------------------------------

def test_a_loss_after_the_update_that_overflows_sets_diverged(client: TestClient) -> None:
    body = {"model": {"sizes": [1, 1], "activations": ["linear"], "loss": "sse", "weights": [[[1.0]]],
                      "biases": [[0.0]]}, "inputs": [[1e100]], "targets": [[0.0]], "learning_rate": 100}
    r = client.post("/api/step", json=body).json()
    assert r["loss"] == pytest.approx(1e200) and r["loss_after"] is None  # (1e100)² is finite, (−2e202·1e100)² is not
    assert r["diverged"] is True and r["diverged_at"]["quantity"] == "loss_after"


# --- chunked bodies, HEAD, redirects, the docs' assets ---------------------------------------------

def test_a_chunked_body_over_the_limit_gets_413_and_one_under_it_is_read() -> None:
    app = TestClient(create_app(Settings(max_body_bytes=2000)))

    def chunks(data: bytes):
        for i in range(0, len(data), 100):
            yield data[i:i + 100]

    r = app.post("/api/step", content=chunks(b" " * 5000), headers=JSON)  # no Content-Length: chunked
    assert r.status_code == 413 and r.json()["detail"][0]["type"] == "too_large"
    mazur = app.get("/api/presets/mazur").json()
    assert app.post("/api/step", content=chunks(orjson.dumps(mazur)), headers=JSON).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/", "/embed", "/api/presets", "/api/presets/mazur",
                                  "/api/datasets/moons", "/api/export/standalone?preset=mazur",
                                  "/static/js/state/state.js", "/openapi.json", "/docs"])
def test_head_works_wherever_get_does(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert get.status_code == 200 and head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))


def test_no_redirect_echoes_the_host_header(client: TestClient) -> None:
    for path in ("/api/presets/", "/docs/", "/api/step/"):
        r = client.get(path, headers={"host": "evil.example"}, follow_redirects=False)
        assert r.status_code in (404, 405) and "evil.example" not in r.headers.get("location", "") + r.text


def test_redoc_loads_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/redoc").text
    scripts = [src for src in re.findall(r'src="([^"]+)"', page)]
    assert scripts and all(src.startswith("/") for src in scripts)
    for src in scripts:
        body = client.get(src).text
        assert "cdn.redoc.ly" not in body and "https://cdn." not in body


# --- limits before work: a small body buys nothing large before it is checked ----------------------

WIDE = 300_000  # neurons in the last layer: far past max_units, and its one-hot rows would be 20 × 300 000 numbers


def wide_step(n: int = 20) -> dict:
    return {"model": {"sizes": [2, WIDE], "activations": ["softmax"], "loss": "cross_entropy"},
            "inputs": [[0, 0]] * n, "targets": [0] * n}


WIDE_BODIES = [
    ("/api/step", wide_step()), ("/api/train", {**wide_step(), "steps": 1}), ("/api/gradcheck", wide_step()),
    ("/api/graph", wide_step()), ("/api/paths", {**wide_step(), "kind": "weight", "layer": 1, "j": 0, "k": 0}),
    ("/api/nudge", {**wide_step(), "kind": "weight", "layer": 1, "j": 0, "k": 0}),
    ("/api/export/standalone", {"step": wide_step()}), ("/api/export/numpy", wide_step()),
    ("/api/scenario/restore", {"request": wide_step(), "state": "preset=mazur"}),
]


@pytest.mark.parametrize(("path", "body"), WIDE_BODIES, ids=[p for p, _ in WIDE_BODIES])
def test_a_small_body_with_a_wide_last_layer_is_refused_before_anything_is_built(client: TestClient, path: str, body: dict) -> None:
    # was: class-index targets were made one-hot rows n_L wide before the width limit refused them (1.5 GB, 6 s at 150 bytes)
    raw = orjson.dumps(body)
    assert len(raw) <= 2048
    tracemalloc.start()
    try:
        r = client.post(path, content=raw, headers=JSON)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert r.status_code == 422, r.text
    assert "sizes" in r.json()["detail"][0]["loc"] and "at most" in r.text
    assert peak < 20e6, f"{peak / 1e6:.0f} MB allocated before the refusal"


# --- one parse, one parser: malformed, deep or large is a 4xx with the security headers --------------

def test_deep_nesting_is_a_400_with_the_security_headers(settings: Settings) -> None:
    # was: orjson refused it, the fallback parser raised RecursionError: a 500 without the security headers
    app = TestClient(create_app(settings), raise_server_exceptions=False)
    for raw in (b'{"a":' * 3000 + b"1" + b"}" * 3000, b"[" * 3000 + b"]" * 3000):
        r = app.post("/api/step", content=raw, headers=JSON)
        assert r.status_code in (400, 422), r.status_code
        assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
        assert len(r.content) < 1000


def test_a_chunked_body_beside_a_small_content_length_is_counted_and_refused() -> None:
    # was: the limit trusted Content-Length, so a chunked body of any size was read and parsed
    app = TestClient(create_app(Settings(max_body_bytes=2000)))

    def chunks():
        for _ in range(50):
            yield b" " * 100

    r = app.post("/api/step", content=chunks(), headers={**JSON, "content-length": "10"})
    assert r.status_code == 413 and r.json()["detail"][0]["type"] == "too_large"
    assert r.headers["x-content-type-options"] == "nosniff"
