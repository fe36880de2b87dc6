"""The Graph view prints softmax's off-diagonal local derivatives ∂aᵢ/∂zⱼ = −aᵢaⱼ on their edges, as it
prints the diagonal aⱼ(1 − aⱼ): Mazur's numbers with a softmax output, checked against NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

URL = "/?preset=mazur&sizes=2,2,2&activations=sigmoid,softmax&loss=cross_entropy&targets=1,0&view=graph&step=14"


def softmax_outputs() -> np.ndarray:
    """Mazur's worked example (x = (0.05, 0.1), its weights and biases) with a softmax output."""
    x = np.array([0.05, 0.1])
    a1 = 1 / (1 + np.exp(-(np.array([[0.15, 0.2], [0.25, 0.3]]) @ x + 0.35)))
    z2 = np.array([[0.4, 0.45], [0.5, 0.55]]) @ a1 + 0.6
    return np.exp(z2) / np.exp(z2).sum()


def test_the_off_diagonal_edges_of_softmax_carry_their_values(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server + URL)
    a = softmax_outputs()
    cross = f"{-a[0] * a[1]:.4f}".replace("-", "−")
    for edge in ("z2.1>a2.0", "z2.0>a2.1"):
        expect(page.locator(f'#graph .bl-g-number[data-for="{edge}"]')).to_have_text(cross)
    expect(page.locator('#graph .bl-g-number[data-for="z2.0>a2.0"]')).to_have_text(f"{a[0] * (1 - a[0]):.4f}")
    shot(page, "graph-softmax-jacobian")
