"""The lessons: every card of every lesson opens through the API (its state loads, no 4xx), and every
number its text writes equals the API's value at the page's 4 significant digits (a count exactly); the format refuses
a number without a check; the routes list and serve the lessons and name an unknown one."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import Settings
from app.lessons import DATA_DIR, lessons
from app.main import create_app
from app.schemas.lessons import NUMBER_IN_TEXT, Card, Lesson
from tests.api.lesson_answers import CardAnswers

JS = Path(__file__).resolve().parents[2] / "static" / "js"
CARDS = [(lesson.id, n, card) for lesson in lessons().values() for n, card in enumerate(lesson.cards, 1)]


@pytest.fixture(scope="module")
def server() -> TestClient:
    """A server with its usual limits: a lesson must open on an installed server as it comes."""
    return TestClient(create_app(Settings()))


def four_digits(x: float) -> float:
    """x rounded to 4 significant digits, as the page shows it (computed here with Python's own formatting)."""
    return float(f"{x:.4g}")


def as_number(written: str) -> float:
    return float(written.replace("−", "-"))


def test_there_are_at_least_six_lessons_of_three_to_six_cards_each() -> None:
    assert len(lessons()) >= 6
    assert all(3 <= len(x.cards) <= 6 for x in lessons().values())
    assert sorted(p.stem for p in DATA_DIR.glob("*.json")) == sorted(lessons())


@pytest.mark.parametrize(("lesson", "n", "card"), CARDS, ids=[f"{x}-{n}" for x, n, _ in CARDS])
def test_every_number_a_card_writes_is_the_value_it_quotes(server: TestClient, lesson: str, n: int, card: Card) -> None:
    answers = CardAnswers(server, card)  # the state loads: POST /api/scenario and /api/step answer 200
    assert answers.problems == [], answers.problems
    assert card.state.step < len(answers.step["steps"]), f"{lesson} card {n}: step {card.state.step} is past the last"
    written = [m.group(0) for m in NUMBER_IN_TEXT.finditer(f"{card.text}\n{card.task}")]
    assert sorted(written) == sorted(c.value for c in card.checks)
    for check in card.checks:
        value = answers.value(check)
        assert isinstance(value, int | float), f"{lesson} card {n}: {check.at} is not a number"
        if isinstance(value, int):  # a count is written whole
            assert check.value == str(value), f"{lesson} card {n} writes {check.value}; the answer's {check.at} is {value}"
            continue
        assert math.isclose(as_number(check.value), four_digits(value), rel_tol=1e-12, abs_tol=0), \
            f"{lesson} card {n} writes {check.value}; the answer's {check.at} is {value} ({four_digits(value)})"


def test_a_number_in_a_card_without_a_check_is_refused() -> None:
    card = {"text": "The error is 0.1385.", "state": {"preset": "mazur"}}
    with pytest.raises(ValidationError, match="0.1385 in the card's text has no check"):
        Card.model_validate(card)
    with pytest.raises(ValidationError, match="does not write"):
        Card.model_validate({**card, "text": "No number.", "checks": [{"value": "0.1385", "source": "step", "at": "loss"}]})
    Card.model_validate({**card, "checks": [{"value": "0.1385", "source": "step", "at": "layers.1.delta.0.0"}]})


def test_a_lesson_file_with_an_unknown_state_key_is_refused() -> None:
    lesson = json.loads((DATA_DIR / "bias-drops-out.json").read_text(encoding="utf-8"))
    lesson["cards"][0]["state"]["colour"] = "red"
    with pytest.raises(ValidationError, match="colour"):
        Lesson.model_validate(lesson)


def test_the_page_reads_every_card_state_without_an_error() -> None:
    """The page's own URL parser (state.js) takes each card's state as it is: no key dropped."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run the page's own code"
    code = (f"import {{ parseState }} from '{(JS / 'state' / 'state.js').as_uri()}';\n"
            "const qs = JSON.parse(await new Response(process.stdin).text());\n"
            "console.log(JSON.stringify(qs.map((q) => parseState(q).errors)));")
    queries = [card.state.query() for _, _, card in CARDS]
    run = subprocess.run([node, "--input-type=module", "-e", code], input=json.dumps(queries), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout) == [[] for _ in queries]


def test_the_lessons_are_listed_in_order_and_served_one_by_one(client: TestClient) -> None:
    listed = client.get("/api/lessons")
    assert listed.status_code == 200
    assert [x["id"] for x in listed.json()] == list(lessons())
    first = listed.json()[0]
    assert first == {"id": "bias-drops-out", "title": lessons()["bias-drops-out"].title,
                     "summary": lessons()["bias-drops-out"].summary, "cards": len(lessons()["bias-drops-out"].cards)}
    one = client.get("/api/lessons/sum-over-paths").json()
    assert one["id"] == "sum-over-paths" and len(one["cards"]) == len(lessons()["sum-over-paths"].cards)
    assert one["cards"][0]["state"]["preset"] == "mazur"


def test_an_unknown_lesson_is_a_422_naming_it_and_the_lessons(client: TestClient) -> None:
    r = client.get("/api/lessons/nosuch")
    assert r.status_code == 422
    msg = r.json()["detail"][0]["msg"]
    assert "'nosuch'" in msg and "bias-drops-out" in msg
