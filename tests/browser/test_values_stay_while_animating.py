"""While a step animates, every number the drawing shows stays readable: sampled on every frame while the
step's motion plays (not only once it settles), no value, weight or cost text fades below full opacity
(the old motion faded them from nothing: a neuron's value hid until its pulses arrived, the weights of a
∂W or update step for 350 ms)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# Press → and, on every animation frame while the step's motion runs, the least opacity of each number shown.
PRESS_AND_WATCH = """() => new Promise((resolve) => {
  const least = {}; let playing = 0, frames = 0;
  const look = () => {
    const svg = document.querySelector('#network svg');
    const running = svg ? svg.getAnimations({ subtree: true }).filter((a) => a.playState === 'running') : [];
    if (running.length) playing++;
    frames++;
    for (const t of svg?.querySelectorAll('.bl-val, .bl-wlabel, .bl-loss-main') ?? []) {
      if (!/\\d/.test(t.textContent)) continue; // '·': not computed yet
      let o = 1;
      for (let e = t; e && e !== svg; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
      const key = (t.closest('[data-id]')?.dataset.id ?? '') + ' ' + t.textContent;
      least[key] = Math.min(least[key] ?? 1, o);
    }
    if (frames > 3 && running.length === 0 && playing > 0) return resolve({ least, playing, frames });
    if (frames > 2000) return resolve({ least, playing, frames });
    requestAnimationFrame(look);
  };
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  requestAnimationFrame(look);
})"""


@pytest.mark.parametrize("step", [1, 4, 6, 8, 12])  # → z², ∂C/∂a², ∂W², ∂a¹, the update of layer 2
def test_numbers_shown_stay_readable_while_the_step_plays(shared_page: Page, server: str, step: int) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&step={step}&speed=0.5")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    expect(page.locator(".step-counter")).to_contain_text(f"{step + 1} / ")
    page.locator("#stage").focus()
    seen = page.evaluate(PRESS_AND_WATCH)
    expect(page.locator(".step-counter")).to_contain_text(f"{step + 2} / ")
    assert seen["playing"] >= 2, f"the step's motion was not sampled while it played: {seen}"
    faded = {k: round(v, 3) for k, v in seen["least"].items() if v < 0.99}
    assert faded == {}, f"numbers faded while step {step + 1} played: {faded}"
