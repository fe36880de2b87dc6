"""The JS tests' fixtures are answers of the live API; this script asks for each one and writes it.

  python tests/js/make_fixtures.py                                # the app of this checkout, in-process
  python tests/js/make_fixtures.py --url http://127.0.0.1:8000    # a running server

tests/js/test_fixtures.py asks again and fails when a file is no longer today's answer (numbers
compared to 10 significant digits, so the last bit of a sum may differ), so a change of the
contract shows up as a fixture to regenerate instead of JS tests that pass on an old shape.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[2]
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


class Client(Protocol):  # httpx.Client and Starlette's TestClient both fit
    def get(self, url: str) -> Any: ...
    def post(self, url: str, json: Any) -> Any: ...


def _step(preset: str, **extra: Any) -> Callable[[Client], Any]:
    def ask(client: Client) -> Any:
        body = _ok(client.get(f"/api/presets/{preset}"))
        return _ok(client.post("/api/step", json={**body, **extra}))
    return ask


def _step_model(preset: str, **model: Any) -> Callable[[Client], Any]:
    """The preset's step with some of its model's fields replaced."""
    def ask(client: Client) -> Any:
        body = _ok(client.get(f"/api/presets/{preset}"))
        return _ok(client.post("/api/step", json={**body, "model": {**body["model"], **model}}))
    return ask


def _paths(preset: str, **where: Any) -> Callable[[Client], Any]:
    def ask(client: Client) -> Any:
        body = _ok(client.get(f"/api/presets/{preset}"))
        return _ok(client.post("/api/paths", json={**body, **where}))
    return ask


def _catalogue(client: Client) -> Any:
    return _ok(client.get("/api/catalog"))


def _ok(response: Any) -> Any:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request.url}: {response.status_code} {response.text[:500]}")
    return response.json()


# file name (without .json) → the request that answers it
FIXTURES: dict[str, Callable[[Client], Any]] = {
    "step-mazur": _step("mazur"),
    "step-mazur-simultaneous": _step("mazur", hidden_uses_updated_weights=False),
    "step-mazur-mistake": _step("mazur", hidden_uses_updated_weights=True),
    "step-mazur-momentum": _step("mazur", optimizer="momentum"),
    "step-mazur-adam": _step("mazur", optimizer="adam"),
    "step-chain": _step("chain"),
    "step-xor": _step("xor"),
    "step-iris": _step("iris", samples=[0, 50, 100]),
    # a leaky ReLU hidden layer whose first neuron's z is negative
    "step-mazur-leaky": _step_model("mazur", activations=["leaky_relu", "sigmoid"], biases=[[-0.35, 0.35], [0.6, 0.6]]),
    # activations the page knows from their notation records alone
    "step-mazur-gelu-softplus": _step_model("mazur", activations=["gelu", "softplus"]),
    "paths-mazur-w1": _paths("mazur", kind="weight", layer=1, j=0, k=0),
    "paths-mazur-a1": _paths("mazur", kind="activation", layer=1, j=0),
    # the page state's rules under the default settings (the page applies them from the catalogue)
    "rules": lambda client: _ok(client.get("/api/catalog"))["rules"],
    "catalog": _catalogue,
}


def dumps(answer: Any) -> str:
    return json.dumps(answer, ensure_ascii=False)


def in_process_client() -> Client:
    sys.path.insert(0, str(ROOT))
    from fastapi.testclient import TestClient

    from app.main import create_app

    return TestClient(create_app())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server to ask (default: the app of this checkout, in-process)")
    args = parser.parse_args(argv)
    if args.url:
        import httpx

        client: Client = httpx.Client(base_url=args.url, timeout=30)
    else:
        client = in_process_client()
    for name, ask in FIXTURES.items():
        (FIXTURES_DIR / f"{name}.json").write_text(dumps(ask(client)), encoding="utf-8")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()
