"""On a batch, the Paths tab says its sum is one sample's gradient and offers the batch mean (the
mean over samples of the per-sample sums, equal to the batch gradient); a data edit while a
training run has taken steps asks before it ends the run."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser import reuse

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)


def open_paths(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}&tab=paths")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    page.locator("#stage").focus()
    page.keyboard.press("End")
    expect(page.locator("#inspector [data-sum]")).to_be_visible()


def test_on_a_batch_the_paths_are_one_samples_gradient_and_the_batch_mean_is_offered(page: Page, server: str) -> None:
    query = "preset=iris&sel=c1.2.3"
    open_paths(page, server, query)
    inspector = page.locator("#inspector")
    expect(inspector.locator("[data-paths-intro]")).to_contain_text("One sample's gradient")
    expect(inspector.locator("[data-paths-intro]")).to_contain_text("mean of these sums over the 150 samples")
    expect(inspector.locator("[data-sum]")).to_contain_text("∂Cₓ/∂")
    inspector.locator('[data-action="batch-mean"]').click()
    mean = inspector.locator("[data-batch-sum] [data-full]").first
    expect(mean).to_be_visible()
    with httpx.Client(base_url=server) as api:
        body = api.post("/api/scenario", json={"state": query}).json()["request"]
        want = api.post("/api/step", json=body).json()["layers"][0]["grad_weights"][2][3]
    got = float((mean.get_attribute("data-full") or "nan").replace("−", "-"))
    assert got == pytest.approx(want, rel=1e-12)
    expect(inspector.locator("[data-batch-sum]")).to_contain_text("the batch's gradient that the update uses")


def test_with_one_sample_the_paths_sum_is_the_gradient_and_no_mean_is_offered(page: Page, server: str) -> None:
    open_paths(page, server, "preset=mazur&sel=c1.0.0")
    inspector = page.locator("#inspector")
    expect(inspector.locator("[data-path]")).to_have_count(2)
    expect(inspector.locator("[data-sum]")).to_contain_text("∂C/∂")
    expect(inspector.locator("[data-sum]")).not_to_contain_text("∂Cₓ")
    assert inspector.locator('[data-action="batch-mean"]').count() == 0


# The plane's ground where it is laid out now: its box unchanged over two animation frames (the plane is
# drawn for its box's size, and redrawn once the page around it settles), read just before each click.
SETTLED_GROUND = """() => new Promise((done) => {
  const box = () => JSON.stringify(document.querySelector('#data .plane-ground')?.getBoundingClientRect());
  const first = box();
  requestAnimationFrame(() => requestAnimationFrame(() => done(first !== 'undefined' && box() === first)));
})"""


def click_ground(page: Page, dx: float, dy: float) -> None:
    """Click the plane's ground at (dx, dy) from its top left corner, once its layout has settled."""
    page.wait_for_function(SETTLED_GROUND)
    ground = page.locator("#data .plane-ground").bounding_box()
    assert ground
    page.mouse.click(ground["x"] + dx, ground["y"] + dy)


def test_a_data_edit_during_a_training_run_asks_first(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&view=data")
    expect(page.locator("#data .plane-point")).to_have_count(4)
    asked: list[str] = []
    accept = [True]

    def handle(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept[0] else dialog.dismiss()

    page.on("dialog", handle)
    click_ground(page, 12, 12)  # no run yet: no question
    expect(page.locator("#data .plane-point")).to_have_count(5)
    assert asked == []
    page.locator("#show-train").click()
    page.locator('[data-train="+10"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "10")
    page.locator("#show-data").click()
    expect(page.locator("#data .plane-point")).to_have_count(5)
    before = parse_qs(urlparse(page.url).query)["inputs"]
    accept[0] = False
    click_ground(page, 30, 12)
    expect(page.locator("#data .plane-point")).to_have_count(5)
    assert len(asked) == 1 and re.search(r"ends the training run \(10 steps", asked[0]), asked
    assert parse_qs(urlparse(page.url).query)["inputs"] == before
    page.locator("#show-train").click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "10")  # the run is kept
    page.locator("#show-data").click()
    accept[0] = True
    click_ground(page, 30, 12)
    expect(page.locator("#data .plane-point")).to_have_count(6)
    assert len(asked) == 2


def test_apply_asks_the_server_again_for_the_refused_change(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()
    setup = page.locator("#setup")
    setup.locator('[data-field="loss"]').select_option("cross_entropy")  # refused: needs a softmax output
    expect(setup.locator(".setup-draft")).to_be_visible()
    with page.expect_request(lambda r: urlparse(r.url).path == "/api/scenario/step") as asked:
        setup.locator('[data-action="apply"]').click()
    assert "loss=cross_entropy" in (asked.value.post_data or "")
    expect(setup.locator('[data-error-for="loss"]')).to_contain_text("softmax")
    expect(setup.locator(".setup-draft")).to_be_visible()
