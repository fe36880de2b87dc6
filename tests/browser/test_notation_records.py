"""GELU and softplus on the page from a link, written from their notation records alone (no JavaScript file
names them): the captions show their symbols and their slopes with numbers, the Graph view draws them with
local derivatives equal to NumPy's, computed here from Mazur's weights."""

from __future__ import annotations

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

LINK = "preset=mazur&activations=gelu,softplus"
K = np.sqrt(2 / np.pi)


def by_numpy() -> dict[str, np.ndarray]:
    """Mazur's network with a GELU (tanh form) hidden layer and a softplus output, in NumPy by hand."""
    x, w1, w2 = np.array([0.05, 0.10]), np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])
    z1 = w1 @ x + 0.35
    t = np.tanh(K * (z1 + 0.044715 * z1**3))
    h = 0.5 * z1 * (1 + t)
    z2 = w2 @ h + 0.60
    return {"z1": z1, "h": h, "h_slope": 0.5 * (1 + t) + 0.5 * z1 * (1 - t * t) * K * (1 + 3 * 0.044715 * z1**2),
            "z2": z2, "o": np.log1p(np.exp(z2)), "o_slope": 1 / (1 + np.exp(-z2))}


def g4(x: float) -> str:
    return f"{x:#.4g}"  # 4 significant digits, as the page writes them


def step_index(server: str, quantity: str, layer: int) -> int:
    body = httpx.get(f"{server}/api/presets/mazur").json()
    body["model"]["activations"] = ["gelu", "softplus"]
    steps = httpx.post(f"{server}/api/step", json=body).json()["steps"]
    return next(i for i, s in enumerate(steps) if s["quantity"] == quantity and s["layer"] == layer)


def open_step(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible(timeout=30_000)


def test_the_captions_name_them_and_write_their_slopes_with_numbers(page: Page, server: str, watch: Watch) -> None:
    m = by_numpy()
    open_step(page, server, f"{LINK}&step={step_index(server, 'a', 1)}")
    caption = page.locator("#caption")
    expect(caption).to_contain_text("through GELU (the tanh form)")
    expect(caption.locator("math")).to_contain_text("gelu")
    expect(caption.locator("math")).to_contain_text(g4(m["h"][0]))
    open_step(page, server, f"{LINK}&step={step_index(server, 'delta', 1)}")
    local = page.locator("#caption [data-local]")
    expect(local).to_contain_text("gelu′(z₁⁽¹⁾) = ½(1 + tanh u) + ½ z (1 − tanh² u)")
    expect(local).to_contain_text(f"at z = {g4(m['z1'][0])}: ½(1 + tanh u) + ½·{g4(m['z1'][0])}·(1 − tanh² u)")
    expect(local).to_contain_text(f" = {g4(m['h_slope'][0])}")
    shot(page, "notation-gelu-delta")
    open_step(page, server, f"{LINK}&step={step_index(server, 'delta', 2)}")
    expect(local).to_have_text(f"softplus′(z₁⁽²⁾) = σ(z) = 1/(1 + e^(−z)) = 1/(1 + e^({g4(-m['z2'][0]).replace('-', '−')})) "
                               f"= {g4(m['o_slope'][0])}")
    open_step(page, server, f"{LINK}&step={step_index(server, 'a', 2)}")
    expect(caption.locator("math")).to_contain_text("softplus")
    expect(caption.locator("math")).to_contain_text("log")
    expect(caption).to_contain_text(f"through softplus, giving {g4(m['o'][0])}")
    assert watch.errors == []


def test_the_graph_view_draws_them_with_numpys_local_derivatives(page: Page, server: str, watch: Watch) -> None:
    m = by_numpy()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?view=graph&{LINK}")
    expect(page.locator('#graph [data-id="z2.0"]')).to_be_visible(timeout=30_000)
    page.locator("#stage").focus()
    page.keyboard.press("End")
    for j in range(2):
        hidden = page.locator(f'#graph .bl-g-number[data-for="z1.{j}>a1.{j}"]')
        output = page.locator(f'#graph .bl-g-number[data-for="z2.{j}>a2.{j}"]')
        expect(hidden).to_have_text(g4(m["h_slope"][j]))
        expect(output).to_have_text(g4(m["o_slope"][j]))
        expect(page.locator(f'#graph .bl-g-local:not(.bl-g-number)[data-for="z1.{j}>a1.{j}"]')).to_have_text("gelu′")
        expect(page.locator(f'#graph .bl-g-local:not(.bl-g-number)[data-for="z2.{j}>a2.{j}"]')).to_have_text("softplus′")
    expect(page.locator('#graph [data-id="a1.0"] .bl-g-name')).to_have_text("gelu a₁⁽¹⁾")
    shot(page, "notation-gelu-softplus-graph")
    assert watch.errors == []
