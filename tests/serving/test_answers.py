"""The cache of answers: the same body twice is computed once and answered with the same bytes (and
the same bytes as a server without the cache); another body, an error or a cache turned off computes
anew; the cache holds at most its bytes, the least recently used going first."""

from __future__ import annotations

import orjson
import pytest
from fastapi.testclient import TestClient

import app.api.train as train_route
import app.service.step as step_route
from app.config import Settings
from app.main import create_app
from app.serving.answers import ENTRY_OVERHEAD, AnswerCache

JSON = {"content-type": "application/json"}


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the engine's runs of a step and of a training."""
    calls: list[str] = []
    run_step, train = step_route.run_step, train_route.train
    monkeypatch.setattr(step_route, "run_step", lambda *a, **k: calls.append("step") or run_step(*a, **k))
    monkeypatch.setattr(train_route, "train", lambda *a, **k: calls.append("train") or train(*a, **k))
    return calls


def test_the_same_body_twice_is_computed_once_with_the_same_answer_as_without_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    with TestClient(create_app(Settings())) as cached, TestClient(create_app(Settings(answer_cache_bytes=0))) as plain:
        mazur = cached.get("/api/presets/mazur").content
        training = orjson.dumps({**orjson.loads(cached.get("/api/presets/iris").content), "steps": 20})
        for path, body in (("/api/step", mazur), ("/api/train", training)):
            first, second = (cached.post(path, content=body, headers=JSON) for _ in range(2))
            assert first.status_code == second.status_code == 200
            assert first.content == second.content == plain.post(path, content=body, headers=JSON).content
            assert first.headers == second.headers
        assert calls == ["step", "step", "train", "train"]  # the cached server computed each once, the plain one once
        assert cached.app.state.answers.hits == 2 and len(cached.app.state.answers) == 2


def test_another_body_or_an_error_is_computed_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    with TestClient(create_app(Settings())) as client:
        mazur = orjson.loads(client.get("/api/presets/mazur").content)
        a = client.post("/api/step", content=orjson.dumps(mazur), headers=JSON).json()
        b = client.post("/api/step", content=orjson.dumps({**mazur, "learning_rate": 0.25}), headers=JSON).json()
        assert calls == ["step", "step"]
        # W ← W − η ∂C/∂W: at half the learning rate each weight moves half as far
        w0 = mazur["model"]["weights"][1][0][0]
        moved_a, moved_b = a["updated"]["weights"][1][0][0] - w0, b["updated"]["weights"][1][0][0] - w0
        assert moved_a != 0 and moved_b == pytest.approx(moved_a / 2, rel=1e-12)
        broken = orjson.dumps({**mazur, "learning_rate": -1})
        assert [client.post("/api/step", content=broken, headers=JSON).status_code for _ in range(2)] == [422, 422]
        assert len(client.app.state.answers) == 2  # the two answers, no error


def test_the_cache_holds_at_most_its_bytes_and_lets_the_least_recently_used_go() -> None:
    entry = 1000 + 10 + len("/r") + ENTRY_OVERHEAD  # an answer of 1000 bytes for a body of 10
    cache = AnswerCache(max_bytes=16 * entry + 5)  # an entry of a sixteenth of the bytes is kept; sixteen fit
    for i in range(16):
        cache.put("/r", b"%010d" % i, b"x" * 1000)
    assert len(cache) == 16 and cache.size == 16 * entry
    assert cache.get("/r", b"%010d" % 0) is not None  # 0 is now the most recently used
    cache.put("/r", b"%010d" % 16, b"y" * 1000)
    assert len(cache) == 16 and cache.size <= cache.max_bytes
    assert cache.get("/r", b"%010d" % 1) is None and cache.get("/r", b"%010d" % 0) is not None  # 1 went, 0 stayed
    cache.put("/r", b"big", b"z" * (cache.max_bytes // 16))  # over a sixteenth: never kept
    assert cache.get("/r", b"big") is None and cache.size == 16 * entry
    off = AnswerCache(max_bytes=0)
    off.put("/r", b"a", b"b")
    assert len(off) == 0
