"""Each local derivative is written out in the inspector and the step's caption with its numbers — σ′ as a(1 − a), ReLU by
the case of z, ∂z/∂w = a — once the step has computed it, and never while quiz mode hides numbers."""

from __future__ import annotations

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import at_last_step, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def test_mazurs_w5_writes_out_sigma_prime_and_dz_dw(page: Page, server: str) -> None:
    at_last_step(page, server, "preset=mazur&sel=c2.0.0")
    # Mazur: out_o1 = 0.75136507, ∂out/∂net = 0.186815602, out_h1 = 0.593269992.
    expect(page.locator('#inspector [data-derivation="slope"]')).to_have_text("σ′(z₁⁽²⁾) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868")
    expect(page.locator('#inspector [data-derivation="input"]')).to_have_text("∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = 0.5933")


def test_a_relu_slope_says_why_by_the_sign_of_z(page: Page, server: str) -> None:
    at_last_step(page, server, "preset=iris&sel=n1.2")
    expect(page.locator('#inspector [data-derivation="slope"]')).to_contain_text(" because z = ")


def test_derivations_wait_for_their_step_and_hide_in_quiz_mode(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&sel=c2.0.0")
    expect(page.locator('#inspector [data-row="slope"]')).to_be_visible(timeout=30_000)
    expect(page.locator("#inspector [data-derivation]")).to_have_count(0)
    at_last_step(page, server, "preset=mazur&sel=c2.0.0&numbers=hide")
    expect(page.locator("#inspector [data-row='slope'] [data-hidden]")).to_be_visible()
    expect(page.locator("#inspector [data-derivation]")).to_have_count(0)


def test_the_paths_tab_counts_what_backprop_saves_on_deep_sigmoid(page: Page, server: str) -> None:
    at_last_step(page, server, "preset=deep-sigmoid&sel=c1.0.0&tab=paths")
    work = page.locator("#inspector [data-work]")
    expect(work).to_contain_text("4,096 paths lead to the cost", timeout=30_000)
    expect(work).to_contain_text("45,056 multiplications")
    expect(work).to_contain_text("305 multiplications on δ of all the neurons of layer 1 together, then δ · a")


def test_a_softmax_output_shows_its_delta_as_the_sum_over_every_output(page: Page, server: str) -> None:
    at_last_step(page, server, "preset=iris&sel=n2.1")
    section = page.locator("#inspector [data-softmax-delta]")
    expect(section.locator("[data-softmax-term]")).to_have_count(3)
    expect(section).to_contain_text("✓ the same number as the sum")
    total = float(section.locator("[data-sum]").get_attribute("data-value"))
    delta = float(section.locator("[data-delta]").get_attribute("data-value"))
    assert total == pytest.approx(delta, abs=1e-12)


# -- the caption writes the step's local derivative out -------------------------------------------------

def mazur_by_hand() -> dict[str, float]:
    """Mazur's forward pass from his weights, in NumPy: h1's and o1's activations and slopes."""
    x, w1, b1 = np.array([0.05, 0.10]), np.array([[0.15, 0.20], [0.25, 0.30]]), 0.35
    h = 1 / (1 + np.exp(-(w1 @ x + b1)))
    o1 = 1 / (1 + np.exp(-(np.array([0.40, 0.45]) @ h + 0.60)))
    return {"h1": h[0], "h1_slope": h[0] * (1 - h[0]), "o1": o1, "o1_slope": o1 * (1 - o1)}


def g4(x: float) -> str:
    return f"{x:#.4g}"  # 4 significant digits, trailing zeros kept, as the page writes them


def step_index(server: str, preset: str, quantity: str, layer: int, extra: dict | None = None) -> int:
    body = {**httpx.get(f"{server}/api/presets/{preset}").json(), **(extra or {})}
    steps = httpx.post(f"{server}/api/step", json=body).json()["steps"]
    return next(i for i, s in enumerate(steps) if s["quantity"] == quantity and s["layer"] == layer)


def open_step(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)


def test_the_delta_captions_write_sigma_prime_out_with_mazurs_numbers(page: Page, server: str) -> None:
    m = mazur_by_hand()
    assert g4(m["h1_slope"]) == "0.2413" and g4(m["o1_slope"]) == "0.1868"  # his 0.241300709 and 0.186815602
    open_step(page, server, f"preset=mazur&step={step_index(server, 'mazur', 'delta', 2)}")
    local = page.locator("#caption [data-local]")
    expect(local).to_have_text(f"σ′(z₁⁽²⁾) = a(1 − a) = {g4(m['o1'])} · (1 − {g4(m['o1'])}) = {g4(m['o1_slope'])}")
    open_step(page, server, f"preset=mazur&step={step_index(server, 'mazur', 'delta', 1)}")
    expect(local).to_have_text(f"σ′(z₁⁽¹⁾) = a(1 − a) = {g4(m['h1'])} · (1 − {g4(m['h1'])}) = {g4(m['h1_slope'])}")
    page.locator("#caption").get_by_role("button", name="Next neuron of layer 1 (↓)").click()
    expect(local).to_contain_text("σ′(z₂⁽¹⁾) = a(1 − a) = 0.5969")  # h2: σ(0.3925) = 0.596884378


def test_the_weight_gradient_caption_says_dz_dw_is_a_and_quiz_mode_hides_it(page: Page, server: str) -> None:
    m = mazur_by_hand()
    step = step_index(server, "mazur", "grad_weights", 2)
    open_step(page, server, f"preset=mazur&step={step}")
    expect(page.locator("#caption [data-local]")).to_have_text(
        f"∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = {g4(m['h1'])}: ∂ holds all but w fixed, so b does not change with w (∂b/∂w = 0) and drops out")
    open_step(page, server, f"preset=mazur&step={step}&numbers=hide")
    expect(page.locator("#caption .caption-reveal")).to_be_visible()
    expect(page.locator("#caption [data-local]")).to_be_hidden()


def test_a_relu_delta_caption_says_why_by_the_sign_of_z(page: Page, server: str) -> None:
    body = httpx.get(f"{server}/api/presets/iris").json()
    z = httpx.post(f"{server}/api/step", json=body).json()["layers"][0]["z"][0][0]
    open_step(page, server, f"preset=iris&step={step_index(server, 'iris', 'delta', 1)}")
    case = "1.000 because z = " if z > 0 else "0 because z = "
    expect(page.locator("#caption [data-local]")).to_contain_text(f"relu′(z₁⁽¹⁾) = {case}")
    expect(page.locator("#caption [data-local]")).to_contain_text("> 0" if z > 0 else "≤ 0")


def test_a_tanh_delta_caption_writes_one_minus_a_squared(page: Page, server: str) -> None:
    # Mazur's network with a tanh hidden layer: z(h1) = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775.
    a = np.tanh(0.3775)
    extra = {"model": {**httpx.get(f"{server}/api/presets/mazur").json()["model"], "activations": ["tanh", "sigmoid"]}}
    open_step(page, server, f"preset=mazur&activations=tanh,sigmoid&step={step_index(server, 'mazur', 'delta', 1, extra)}")
    expect(page.locator("#caption [data-local]")).to_have_text(f"tanh′(z₁⁽¹⁾) = 1 − a² = 1 − {g4(a)}² = {g4(1 - a * a)}")


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
def test_the_embeds_caption_holds_the_local_derivative_whole_at_960x540(page: Page, server: str, theme: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur&step={step_index(server, 'mazur', 'grad_weights', 2)}&theme={theme}")
    expect(page.locator("#caption [data-local]")).to_contain_text("∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾")
    fit = page.evaluate("""() => { const c = document.querySelector('#caption');
      const l = c.querySelector('[data-local]'), t = c.querySelector('.caption-text');
      const bottom = (e) => e.getBoundingClientRect().bottom;
      return {inside: bottom(t) <= bottom(c) + 0.5 && c.scrollHeight <= c.clientHeight + 1, whole: l.scrollWidth <= l.clientWidth,
              px: Math.min(...[l, t].map((e) => parseFloat(getComputedStyle(e).fontSize)))}; }""")
    assert fit["inside"] and fit["whole"], fit
    assert fit["px"] >= (16 if theme == "projector" else 12), fit
    shot(page, f"embed-local-{theme}")


# -- the Table view's headers and cells -----------------------------------------------------------------

TABLE = """(name) => { const t = [...document.querySelectorAll('#table table')].find((t) => t.caption.textContent === name);
  return [...t.rows].map((r) => [...r.cells].map((c) => ({text: c.innerText.replace(/\\s+/g, ' ').trim(), title: c.title,
    full: c.querySelector('[data-full]')?.dataset.full ?? null, note: c.querySelector('.table-derivation')?.textContent ?? null}))); }"""


def open_view(page: Page, server: str, query: str, ready: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator(ready).first).to_be_visible(timeout=30_000)  # the view drew the page's first step


def table(page: Page, name: str) -> tuple[list[str], dict[str, dict[str, dict]]]:
    rows = page.evaluate(TABLE, name)
    head = [c["text"] for c in rows[0]]
    return head, {r[0]["text"]: dict(zip(head, r)) for r in rows[1:]}


def test_the_tables_sigma_prime_column_writes_out_a_times_one_minus_a_with_mazurs_numbers(page: Page, server: str) -> None:
    m = mazur_by_hand()
    open_view(page, server, "preset=mazur&view=table&step=14", "#table .table-derivation")
    head, neurons = table(page, "Layer 1 (sigmoid) neurons")
    slope = "σ′(z) = a(1 − a)"
    assert slope in head and "∂C/∂b (batch), ∂z/∂b = 1" in head
    h1 = neurons["a₁⁽¹⁾"][slope]
    assert h1["note"] == f"= {g4(m['h1'])} · (1 − {g4(m['h1'])})" and h1["text"].startswith(g4(m["h1_slope"]))
    assert h1["title"] == f"σ′(z₁⁽¹⁾) = a(1 − a) = {g4(m['h1'])} · (1 − {g4(m['h1'])}) = {g4(m['h1_slope'])}"
    for row in neurons.values():  # a(1 − a) from the page's own a is the page's σ′, to the last digit
        a = float(row["a"]["full"])
        assert float(row[slope]["full"]) == pytest.approx(a * (1 - a), rel=1e-12)
    head, weights = table(page, "Layer 2 weights W⁽²⁾ (from layer 1 to layer 2)")
    assert "∂z/∂w = a⁽¹⁾ (this sample)" in head
    assert float(weights["w₁₁⁽²⁾"]["∂z/∂w = a⁽¹⁾ (this sample)"]["full"]) == pytest.approx(m["h1"], rel=1e-12)


def test_the_tables_relu_slopes_say_why_by_the_sign_of_z_and_quiz_mode_keeps_them_hidden(page: Page, server: str) -> None:
    open_view(page, server, "preset=iris&view=table&step=12", "#table .table-derivation")
    head, neurons = table(page, "Layer 1 (relu) neurons")
    slope = "relu′(z) = 1 if z > 0, else 0"
    assert slope in head
    for row in neurons.values():
        z = float(row["z"]["full"].replace("−", "-"))
        assert row[slope]["note"].startswith("because z = ") and row[slope]["note"].endswith("> 0" if z > 0 else "≤ 0")
        assert float(row[slope]["full"]) == (1.0 if z > 0 else 0.0)
    open_view(page, server, "preset=iris&view=table&step=12&numbers=hide", "#table .reveal-one")
    expect(page.locator("#table .table-derivation")).to_have_count(0)


# -- the Matrices view ----------------------------------------------------------------------------------

def test_the_matrices_write_sigma_prime_of_z_element_wise_and_dz_dw_is_a(page: Page, server: str) -> None:
    m = mazur_by_hand()
    open_view(page, server, "preset=mazur&view=matrix&step=14&mlayer=2", '#matrix [data-local="slope"]')
    slope = page.locator('#matrix [data-local="slope"]')
    expect(slope).to_contain_text("δ⁽²⁾ = ∂C/∂A⁽²⁾ ⊙ σ′(Z⁽²⁾), element by element, with the local derivative σ′(Z⁽²⁾) = A ⊙ (1 − A)")
    expect(slope).to_contain_text(f"σ′(z₁⁽²⁾) = a(1 − a) = {g4(m['o1'])} · (1 − {g4(m['o1'])}) = {g4(m['o1_slope'])}")
    weights = page.locator('#matrix [data-local="weights"]')
    expect(weights).to_contain_text("the local derivative ∂Z/∂W = A")
    expect(weights).to_contain_text(f"∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾ = {g4(m['h1'])}")
    expect(page.locator("#matrix")).to_contain_text("Then δ⁽¹⁾ = ∂C/∂a⁽¹⁾ ⊙ σ′(Z⁽¹⁾), where σ′(Z⁽¹⁾) = A ⊙ (1 − A)")
    open_view(page, server, "preset=mazur&view=matrix&step=3&mlayer=2", '#matrix [data-local="slope"]')  # before δ: no numbers yet
    expect(page.locator('#matrix [data-local="slope"]')).to_contain_text("neuron 1: not computed yet")
    open_view(page, server, "preset=mazur&view=matrix&step=14&mlayer=2&numbers=hide", '#matrix [data-local="slope"]')
    expect(page.locator('#matrix [data-local="slope"]')).to_contain_text("hidden (quiz mode)")
    expect(page.locator('#matrix [data-local="weights"]')).to_contain_text("hidden (quiz mode)")


def test_the_matrices_write_relus_slope_by_case_and_a_softmax_outputs_delta_directly(page: Page, server: str) -> None:
    open_view(page, server, "preset=iris&view=matrix&step=12&mlayer=1", '#matrix [data-local="slope"]')
    slope = page.locator('#matrix [data-local="slope"]')
    expect(slope).to_contain_text("relu′(Z⁽¹⁾) = 1 where Z > 0, else 0")
    expect(slope).to_contain_text(" because z = ")
    open_view(page, server, "preset=iris&view=matrix&step=12&mlayer=2", '#matrix [data-local="slope"]')
    expect(page.locator('#matrix [data-local="slope"]')).to_have_text("δ⁽²⁾ = A⁽²⁾ − Y directly: the slope cancels against the loss.")
