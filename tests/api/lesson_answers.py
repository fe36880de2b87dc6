"""What a lesson card's checks quote: the API's answers for a card's state (POST /api/scenario, then
/api/step, /api/paths, /api/nudge or /api/train), and the value at a check's place in them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.schemas.lessons import Card, Check

BATCH_KEYS = ("model", "inputs", "targets")


class CardAnswers:
    """The answers for one card's state, each asked once."""

    def __init__(self, client: TestClient, card: Card) -> None:
        self.client, self.card = client, card
        got = self._post("/api/scenario", {"state": card.state.query()})
        self.request, self.problems = got["request"], got["problems"]
        self.step = self._post("/api/step", self.request)
        self._cache: dict[str, Any] = {}
        self._others: dict[str, CardAnswers] = {}

    def _post(self, url: str, body: dict[str, Any]) -> Any:
        r = self.client.post(url, json=body)
        assert r.status_code == 200, f"{url} answered {r.status_code}: {r.text[:600]}"
        return r.json()

    def answer(self, check: Check) -> Any:
        if check.state is not None:
            query = check.state.query()
            if query not in self._others:
                self._others[query] = CardAnswers(self.client, Card(text="-", state=check.state))
            return self._others[query].answer(check.model_copy(update={"state": None}))
        if check.source == "step":
            return self.step
        batch = {k: self.request[k] for k in BATCH_KEYS}
        if check.source == "paths":
            body = {**batch, "sample": self.card.state.sample, **(check.target or {})}
        elif check.source == "nudge":
            body = {**batch, "sample": self.card.state.sample, "delta": self.card.state.nudge, **(check.target or {})}
        else:
            body = {**batch, "learning_rate": self.request["learning_rate"], "update_biases": self.request.get("update_biases", True),
                    "optimizer": self.request.get("optimizer", "sgd"), "steps": check.steps, "record_every": 1}
        key = repr((check.source, sorted((k, v) for k, v in body.items() if k not in BATCH_KEYS)))
        if key not in self._cache:
            self._cache[key] = self._post(f"/api/{check.source}", body)
        return self._cache[key]

    def value(self, check: Check) -> Any:
        """The number at `check.at` in the check's answer (list indices may be negative)."""
        node = self.answer(check)
        for part in check.at.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node
