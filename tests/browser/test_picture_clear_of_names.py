"""Deep-sigmoid's 41 neuron pictures stand clear of the neurons' names and the output's target label, at
1280×800 and on a 360×740 phone (960×540 draws none) (at 1280×800 every picture lay over the name of its neuron)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# Each pair of a picture and a name or target label whose boxes on screen overlap.
OVERLAPS = """() => { const svg = document.querySelector('#network svg');
  const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const labels = [...svg.querySelectorAll('text.bl-name, text.bl-target')].map((t) => [t.textContent, t.getBoundingClientRect()]);
  const pictures = [...svg.querySelectorAll('.bl-picture')].map((p) => [p.dataset.picture, p.querySelector('rect').getBoundingClientRect()]);
  const overlaps = pictures.flatMap(([p, b]) => labels.filter(([, a]) => meet(a, b)).map(([t]) => `${p} over ${t}`));
  return { pictures: pictures.length, overlaps }; }"""


@pytest.mark.parametrize("size", [(1280, 800), (960, 540), (360, 740)])
def test_deep_sigmoids_pictures_cover_no_name(page: Page, server: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}/?preset=deep-sigmoid&step=3")
    expect(page.locator('#network [data-id="n-6-0"]')).to_be_visible(timeout=30_000)
    page.wait_for_load_state("networkidle")  # the pictures' answer, where the neurons are large enough for pictures
    found = page.evaluate(OVERLAPS)
    if size != (960, 540):  # 960×540 draws deep-sigmoid's neurons too small for pictures
        assert found["pictures"] == 41
    assert found["overlaps"] == [], found
    shot(page, f"deep-sigmoid-pictures-{size[0]}")
