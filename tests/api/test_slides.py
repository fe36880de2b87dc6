"""POST /api/export/slides and backprop_lens.slides(): a 16:9 PowerPoint deck, a title slide then one
slide per step, with the network in native shapes named alike on every slide, the numbers of each step
(and "·" for those it has not reached), the formula and sentence at 18 pt or more, speaker notes and
PowerPoint's Morph transition. Expected numbers come from NumPy here, not from the program."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.shapes.connector import Connector
from pptx.util import Emu

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
NS = {"mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "p159": "http://schemas.microsoft.com/office/powerpoint/2015/09/main"}
sigmoid = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731


def deck(client: TestClient, body: dict, preset: str | None = "mazur"):
    r = client.post("/api/export/slides", json=body, params={"preset": preset} if preset else None)
    assert r.status_code == 200, r.text
    return r, Presentation(io.BytesIO(r.content))


def shapes(slide) -> dict:
    return {s.name: s for s in slide.shapes}


def g4(x: float) -> str:
    """Four significant digits, true minus: how the page writes a number (checked here for 1e-3 ≤ |x| < 1e5)."""
    return f"{x:#.4g}".replace("-", "−")


def mazur_numbers() -> dict:
    """Mazur's forward and backward pass in NumPy, from his published weights."""
    W1, b1 = np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([0.35, 0.35])
    W2, b2 = np.array([[0.40, 0.45], [0.50, 0.55]]), np.array([0.60, 0.60])
    x, y = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    d2 = (a2 - y) * a2 * (1 - a2)
    ga1 = W2.T @ d2
    d1 = ga1 * a1 * (1 - a1)
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "ga2": a2 - y, "d2": d2, "ga1": ga1, "d1": d1, "gW2": np.outer(d2, a1),
            "C": 0.5 * np.sum((a2 - y) ** 2)}


@pytest.fixture(scope="module")
def mazur_deck(client: TestClient, mazur: dict):
    return deck(client, mazur)


def test_the_answer_is_a_pptx_attachment_named_for_the_preset(mazur_deck) -> None:
    r, _ = mazur_deck
    assert r.headers["content-type"] == PPTX
    assert r.headers["content-disposition"] == 'attachment; filename="backprop_lens_mazur.pptx"'


def test_a_16_9_title_slide_credits_mazur_then_one_slide_per_step(client: TestClient, mazur: dict, mazur_deck) -> None:
    _, prs = mazur_deck
    assert prs.slide_width * 9 == prs.slide_height * 16
    steps = client.post("/api/step", json=mazur).json()["steps"]
    assert len(steps) == 15 and len(prs.slides) == 16
    title = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Mazur" in title and "2–2–2" in title
    for i, (slide, step) in enumerate(zip(list(prs.slides)[1:], steps, strict=True)):
        got = shapes(slide)
        assert got["!!label"].text_frame.text.startswith(f"{i + 1} / 15")
        assert got["!!title"].text_frame.text == step["title"]
        # the plain-words explanation of the step is in the speaker notes
        assert slide.notes_slide.notes_text_frame.text.startswith(step["description"])


def test_every_step_slide_has_the_same_named_native_shapes(mazur_deck) -> None:
    _, prs = mazur_deck
    names = [sorted(shapes(s)) for s in list(prs.slides)[1:]]
    assert all(n == names[0] for n in names)
    got = shapes(prs.slides[1])
    neurons = [f"!!n-{layer}-{j}" for layer in range(3) for j in range(2)]
    links = [f"!!c-{layer}-{j}-{k}" for layer in (1, 2) for j in range(2) for k in range(2)]
    assert all(got[n].auto_shape_type == MSO_SHAPE.OVAL for n in neurons)  # an ellipse per neuron
    assert all(isinstance(got[c], Connector) for c in links)  # a line per connection


def test_the_dCdw11_step_shows_mazurs_0_5933_and_0_08217(mazur_deck) -> None:
    _, prs = mazur_deck
    n = mazur_numbers()
    assert (g4(n["a1"][0]), g4(n["gW2"][0, 0])) == ("0.5933", "0.08217")
    slide = prs.slides[1 + 7]  # step 8: ∂C/∂W of layer 2
    got = shapes(slide)
    formula = got["!!formula"].text_frame.text
    assert "∂C/∂w₁₁⁽²⁾" in formula and "0.5933" in formula and formula.endswith("0.08217")
    assert "0.08217" in got["!!sentence"].text_frame.text
    # the connections carry ∂C/∂w at this step, as on the page
    assert got["!!c-2-0-0 label"].text_frame.text == f"∂C/∂w = {g4(n['gW2'][0, 0])}"
    assert got["!!c-2-1-1 label"].text_frame.text == f"∂C/∂w = {g4(n['gW2'][1, 1])}"


def test_each_slide_shows_the_values_known_at_its_step_and_no_later_one(mazur_deck) -> None:
    _, prs = mazur_deck
    n = mazur_numbers()
    # what each layer's neurons show after each step (the latest of z → a → ∂C/∂a → δ), "·" before the first
    shown = {0: (["·"], ["z1"]), 1: (["·"], ["a1"]), 2: (["z2"], ["a1"]), 3: (["a2"], ["a1"]), 4: (["a2"], ["a1"]),
             5: (["ga2"], ["a1"]), 6: (["d2"], ["a1"]), 9: (["d2"], ["ga1"]), 10: (["d2"], ["d1"]), 14: (["d2"], ["d1"])}
    for step, ((out,), (hidden,)) in shown.items():
        got = shapes(prs.slides[1 + step])
        for j in range(2):
            h = got[f"!!n-1-{j}"].text_frame.text.split("\n")[-1]
            o = got[f"!!n-2-{j}"].text_frame.text.split("\n")[-1]
            assert h == g4(n[hidden][j]), (step, j)
            assert o == ("·" if out == "·" else g4(n[out][j])), (step, j)
            assert got[f"!!n-0-{j}"].text_frame.text.split("\n")[-1] == g4([0.05, 0.10][j])
    # the cost is not known before the loss step, then it is C
    assert shapes(prs.slides[1 + 3])["!!cost"].text_frame.text == "C ·"
    assert shapes(prs.slides[1 + 4])["!!cost"].text_frame.text == f"C = {g4(n['C'])}"
    # a neuron not computed yet has no colour of a value: the background's white
    pending = shapes(prs.slides[1])["!!n-2-0"]
    assert str(pending.fill.fore_color.rgb) == "FFFFFF"


def test_colours_widths_and_dashes_follow_the_pages_scale(client: TestClient, mazur: dict) -> None:
    body = copy.deepcopy(mazur)
    body["model"]["weights"][0][0][1] = -0.2  # one negative weight
    _, prs = deck(client, body)
    got = shapes(prs.slides[1 + 3])  # a of layer 2: every activation known, all positive
    # the largest |a| of any layer reaches the diverging scale's darkest orange (ColorBrewer PuOr #b35806), as on the page
    W1 = np.array([[0.15, -0.2], [0.25, 0.30]])
    a1 = sigmoid(W1 @ np.array([0.05, 0.10]) + 0.35)
    a2 = sigmoid(np.array([[0.40, 0.45], [0.50, 0.55]]) @ a1 + 0.60)
    assert a2.max() > a1.max()
    assert str(got[f"!!n-2-{int(np.argmax(a2))}"].fill.fore_color.rgb) == "B35806"
    assert str(got[f"!!n-2-{int(np.argmin(a2))}"].fill.fore_color.rgb) != "B35806"
    neg, pos = got["!!c-1-0-1"], got["!!c-1-0-0"]
    assert neg.line.dash_style == MSO_LINE_DASH_STYLE.DASH and pos.line.dash_style is None
    assert (str(neg.line.color.rgb), str(pos.line.color.rgb)) == ("2166AC", "E66101")  # the theme's --neg and --pos
    # width grows with |w|: |0.55| (the largest) is the widest, |0.15| thinner than |−0.2|
    widths = {name: got[name].line.width for name in ("!!c-1-0-0", "!!c-1-0-1", "!!c-2-1-1")}
    assert widths["!!c-1-0-0"] < widths["!!c-1-0-1"] < widths["!!c-2-1-1"]


def test_backward_steps_mark_the_errors_direction(mazur_deck) -> None:
    _, prs = mazur_deck
    for step, words in ((0, "forward"), (6, "error flows back"), (11, "error flows back"), (13, "update")):
        arrow = shapes(prs.slides[1 + step])["!!direction"]
        assert words in arrow.text_frame.text
        assert arrow.auto_shape_type == (MSO_SHAPE.LEFT_ARROW if words == "error flows back" else MSO_SHAPE.RIGHT_ARROW)


def test_the_formula_and_the_sentence_are_18_pt_or_more(mazur_deck) -> None:
    _, prs = mazur_deck
    for slide in list(prs.slides)[1:]:
        got = shapes(slide)
        for name in ("!!formula", "!!sentence"):
            runs = [r for p in got[name].text_frame.paragraphs for r in p.runs]
            assert runs and all(r.font.size is not None and r.font.size >= Emu(18 * 12700) for r in runs), name


def test_every_step_slide_morphs_by_object_with_a_fade_fallback(mazur_deck) -> None:
    _, prs = mazur_deck
    assert prs.slides[0].element.find("mc:AlternateContent", NS) is None
    for slide in list(prs.slides)[1:]:
        sld = etree.fromstring(etree.tostring(slide.element))
        alt = sld.find("mc:AlternateContent", NS)
        assert alt is not None
        choice = alt.find("mc:Choice", NS)
        assert choice.get("Requires") == "p159"
        assert choice.find("p:transition/p159:morph", NS).get("option") == "byObject"
        assert alt.find("mc:Fallback/p:transition/p:fade", NS) is not None
        # where the schema puts a transition: right after the colour map override
        assert alt.getprevious().tag == f"{{{NS['p']}}}clrMapOvr"


def test_a_network_past_the_limits_gets_the_steps_4xx(client: TestClient, mazur: dict) -> None:
    body = copy.deepcopy(mazur)
    body["model"] = {"sizes": [2, 17, 2], "activations": ["sigmoid", "sigmoid"], "loss": "half_sse"}
    step = client.post("/api/step", json=body)
    slides = client.post("/api/export/slides", json=body)
    assert 400 <= step.status_code < 500
    assert (slides.status_code, slides.json()) == (step.status_code, step.json())


def test_backprop_lens_slides_writes_the_same_deck(client: TestClient, mazur_deck, tmp_path: Path) -> None:
    import backprop_lens

    path = backprop_lens.slides("mazur", tmp_path / "mazur.pptx")
    ours = Presentation(str(path))
    _, theirs = mazur_deck
    assert len(ours.slides) == len(theirs.slides)
    for a, b in zip(ours.slides, theirs.slides, strict=True):
        assert [(s.name, s.text_frame.text if s.has_text_frame else "") for s in a.shapes] == \
            [(s.name, s.text_frame.text if s.has_text_frame else "") for s in b.shapes]


def test_a_network_too_large_to_draw_on_slides_gets_a_4xx_naming_sizes(client: TestClient, mazur: dict) -> None:
    body = copy.deepcopy(mazur)
    # within the step's limits (16 neurons a layer here), but 8 layers of 16: about 1,600 lines on each of 57 slides
    body["model"] = {"sizes": [2, *[16] * 7, 2], "activations": ["sigmoid"] * 8, "loss": "half_sse"}
    assert client.post("/api/step", json=body).status_code == 200
    r = client.post("/api/export/slides", json=body)
    assert r.status_code == 422
    detail = r.json()["detail"][0]
    assert detail["loc"][-1] == "sizes" and "over the limit of 10000" in detail["msg"] and "handout" in detail["msg"]


def test_neurons_too_small_for_their_value_carry_it_beside_their_name(client: TestClient) -> None:
    body = client.get("/api/presets/iris").json()  # 4-5-3: the slide's circles are too small for a value inside
    trace = client.post("/api/step", json=body).json()
    _, prs = deck(client, body, "iris")
    row = trace["samples"].index(trace["samples"][0])
    a = trace["layers"][0]["a"][row]
    got = shapes(prs.slides[1 + 1])  # a of layer 1
    for j in range(5):
        assert got[f"!!n-1-{j}"].text_frame.text == ""
        assert got[f"!!n-1-{j} name"].text_frame.text.endswith(f"a = {g4(a[j]) if a[j] else '0'}"), j
    assert got["!!n-2-0 name"].text_frame.text == "a₁⁽²⁾"  # not computed yet: its name alone
