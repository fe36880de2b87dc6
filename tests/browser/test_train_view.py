"""The Train and Data views, used like a student would: train and watch the loss fall, read the
gradient health, edit the data on the plane, load a CSV, and step into a trained state."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests import torch_reference
from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

SIZES = [(1280, 800), (1920, 1080)]


def open_train(page: Page, server: str, preset: str) -> None:
    page.goto(f"{server}/?preset={preset}&view=train")
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    step0 = page.locator('.chart-box[data-chart="grad_norms"] .chart-line').first
    expect(step0).to_have_attribute("d", re.compile("M"))  # the step-0 record (loss, gradient health) is in
    page.locator('[data-field="train-speed"]').select_option("fast")


def train(page: Page, steps: int) -> None:
    """Train to `steps` with Run and wait until the view says so."""
    page.locator('[data-field="train-target"]').fill(str(steps))
    page.locator('[data-train="run"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", str(steps), timeout=30_000)
    expect(page.locator('[data-train="run"]')).to_have_text(re.compile("Run"))


def path_points(page: Page, selector: str) -> list[tuple[float, float]]:
    d = page.locator(selector).get_attribute("d") or ""
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]


def four_digits(x: float) -> str:
    """x as the page writes it: four significant digits."""
    return f"{x:#.4g}"


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def first_input(url: str) -> str:
    return parse_qs(urlparse(url).query).get("inputs", [""])[0].split(";")[0]


# A resized view has redrawn once every chart (or the data plane) is as wide as its box again.
CHARTS_FIT_THEIR_BOXES = """() => [...document.querySelectorAll('#train .chart-box')].every((box) =>
  Number(box.querySelector('svg')?.getAttribute('width')) === Math.max(260, Math.floor(box.clientWidth)))"""
PLANE_FITS_ITS_BOX = """() => { const box = document.querySelector('#data .data-plane');
  return Number(box.querySelector('svg.plane')?.getAttribute('width')) === Math.max(240, Math.floor(box.clientWidth)); }"""


# The box of the element `sel` finds, once it stands still over two animation frames, read in that same
# evaluation: the plane is redrawn by replacing its elements, so a handle (or a locator's box) can go stale.
SETTLED_BOX = """(sel) => new Promise((done) => {
  const box = () => { const r = document.querySelector(sel)?.getBoundingClientRect();
    return r && r.width > 0 ? JSON.stringify({x: r.x, y: r.y, width: r.width, height: r.height}) : null; };
  const first = box();
  requestAnimationFrame(() => requestAnimationFrame(() => done(first !== null && box() === first ? JSON.parse(first) : null)));
})"""


def settled_box(page: Page, selector: str) -> dict[str, float]:
    return page.wait_for_function(SETTLED_BOX, arg=selector).json_value()


def point_count(page: Page) -> int:
    return page.locator("#data .plane-point").count()


def open_moons(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&view=data")
    expect(page.locator("#data .plane-point")).to_have_count(4)  # the preset's own points: its first step is in
    expect(page.locator('[data-field="dataset"] option[value="moons"]')).to_be_attached()
    page.locator('[data-field="dataset"]').select_option("moons")
    expect(page.locator("#data .plane-point")).to_have_count(100)
    expect(page.locator("#data")).to_have_attribute("data-batch", "100")  # the API has stepped on the new data
    expect(page.locator("#data .plane-heat")).to_have_attribute("href", re.compile("^data:image/png"))


def test_training_iris_for_200_steps_makes_the_loss_fall(page: Page, server: str, watch: Watch) -> None:
    open_train(page, server, "iris")
    train(page, 200)
    status = page.locator(".train-status")
    expect(status).to_contain_text("Step 200 of 200")
    # The same 200 full-batch sgd steps in PyTorch, from the weights the preset's seed draws.
    preset = httpx.get(f"{server}/api/presets/iris").json()
    start = httpx.post(f"{server}/api/step", json=preset).json()["model"]
    run = torch_reference.train({**preset, "model": start}, 200)
    assert float(status.get_attribute("data-loss")) == pytest.approx(run[-1].loss, rel=1e-9)
    shown = re.search(r"loss (\S+) \(from (\S+)\) · accuracy ([\d.]+)%", status.inner_text())
    assert shown, status.inner_text()
    assert shown[1] == four_digits(run[-1].loss) and shown[2] == four_digits(run[0].loss)
    assert shown[3] == f"{100 * run[-1].accuracy(torch_reference.tensors(preset['targets'])):.1f}"
    points = path_points(page, '.chart-box[data-chart="loss"] path.chart-line[data-series="loss"]')
    assert len(points) == 201
    assert points[-1][1] > points[0][1] + 50, "the last loss is plotted well below the first (SVG y grows downwards)"
    assert page.locator('.chart-box[data-chart="loss"] path.chart-line[data-series="accuracy"]').count() == 1
    expect(page.locator(".train-network svg")).to_be_visible()
    expect(page.locator(".train-figure figcaption").nth(1)).to_contain_text("Network at step 200")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(CHARTS_FIT_THEIR_BOXES)
        overflow = page.evaluate("() => document.documentElement.scrollWidth > innerWidth")
        assert not overflow
        stage = page.locator("#stage").bounding_box()
        chart = page.locator('.chart-box[data-chart="loss"] svg').bounding_box()
        assert chart["x"] + chart["width"] <= stage["x"] + stage["width"] + 1, "the chart fits in the stage"
        shot(page, f"train-iris-{width}x{height}")
    assert watch.errors == []
    assert watch.foreign_requests() == []


def test_the_log_scale_toggle_redraws_the_loss_axis(page: Page, server: str) -> None:
    open_train(page, server, "iris")
    page.locator('[data-train="+10"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "10")
    page.locator('[data-field="train-log"]').check()
    expect(page.locator('.chart-box[data-chart="loss"]')).to_contain_text("loss C (log scale)")


def test_identical_runs_give_identical_histories(page: Page, server: str) -> None:
    open_train(page, server, "xor")
    page.locator('[data-field="optimizer"]').select_option("adam")
    # The URL follows once the API has answered for adam, in the same turn as the Train view resets its
    # run to step 0 for it; training before that is dropped by the reset (data-done was 0 all along).
    expect(page).to_have_url(re.compile(r"[?&]optimizer=adam(&|$)"))
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    page.locator('[data-train="+100"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    first = page.locator('.chart-box[data-chart="loss"] path.chart-line[data-series="loss"]').get_attribute("d")
    status = page.locator(".train-status").inner_text()
    page.locator('[data-train="reset"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    for _ in range(10):
        page.locator('[data-train="+10"]').click()  # other chunks, the same steps
        expect(page.locator('[data-train="+10"]')).to_be_enabled()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    assert page.locator('.chart-box[data-chart="loss"] path.chart-line[data-series="loss"]').get_attribute("d") == first
    assert page.locator(".train-status").inner_text() == status
    assert "optimizer=adam" in page.url


def test_gradient_health_flags_deep_sigmoid_and_not_deep_relu(page: Page, server: str, watch: Watch) -> None:
    open_train(page, server, "deep-sigmoid")
    warning = page.locator(".train-warning")
    expect(warning).to_be_visible()
    # ‖∂C/∂W[1]‖ against ‖∂C/∂W[6]‖ at the start, from PyTorch, to two significant digits
    preset = httpx.get(f"{server}/api/presets/deep-sigmoid").json()
    start = httpx.post(f"{server}/api/step", json=preset).json()["model"]
    (ref,) = torch_reference.train({**preset, "model": start}, 0)
    ratio = float(ref.grad_weights[-1].norm() / ref.grad_weights[0].norm())
    expect(warning).to_contain_text(f"At step 0, the first layer learns {float(f'{ratio:.2g}'):,.0f}× slower than the last")
    expect(warning).to_contain_text("its gradient is that much smaller than the output layer's (layer 6)")
    expect(warning).to_contain_text("vanishing gradients")
    said = page.locator('.train-view [role="alert"]', has_text="vanishing gradients")
    expect(said).to_have_count(1)  # said once, when it appears
    assert warning.get_attribute("role") is None and warning.get_attribute("aria-live") is None
    first_said = said.inner_text()
    for _ in range(5):
        page.locator('[data-train="+1"]').click()
        expect(page.locator('[data-train="+1"]')).to_be_enabled()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "5")
    expect(warning).to_be_visible()  # still at the latest record, step 5
    assert warning.inner_text() != first_said  # its numbers moved on; what was said is not said again
    assert said.inner_text() == first_said
    assert page.locator('.chart-box[data-chart="grad_norms"] .chart-line[data-series^="layer-"]').count() == 6
    assert page.locator('.chart-box[data-chart="grad_norms"] .chart-legend-item[data-series^="layer-"]').count() == 6
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(CHARTS_FIT_THEIR_BOXES)
        page.locator("#train").evaluate("e => { e.scrollTop = 0; }")
        shot(page, f"train-deep-sigmoid-{width}x{height}")
        page.locator('.chart-box[data-chart="grad_norms"]').scroll_into_view_if_needed()
        shot(page, f"train-deep-sigmoid-health-{width}x{height}")

    open_train(page, server, "deep-relu")
    page.locator('[data-train="+100"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    expect(page.locator(".train-warning")).to_be_hidden()
    expect(page.locator(".train-note")).to_be_hidden()
    assert watch.errors == []


def test_step_into_this_state_opens_the_network_view_with_the_trained_weights(page: Page, server: str) -> None:
    open_train(page, server, "xor")
    page.locator('[data-train="+100"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    loss = page.locator(".train-status").get_attribute("data-loss")
    page.locator('[data-train="step-into"]').click()
    expect(page.locator("#network svg")).to_be_visible()
    expect(page.locator("#train")).to_be_hidden()
    state = query(page)
    assert state.get("view", "network") == "network"
    assert state.get("step", "0") == "0"
    edits = dict(item.split(":") for item in state["edits"].split(";"))
    assert set(edits) == {"W1.0.0", "W1.0.1", "W1.1.0", "W1.1.1", "W2.0.0", "W2.0.1", "b1.0", "b1.1", "b2.0"}
    assert all(len(v.lstrip("-").replace(".", "")) > 8 for v in edits.values()), "full precision"
    # the network view now steps from exactly that state: its batch loss is the trained run's loss
    page.locator("#stage").focus()
    page.keyboard.press("End")
    expect(page.locator("#network")).to_contain_text(f"{float(loss):#.4g}")
    # the run is still there in the Train view, continuing from these weights
    page.locator("#show-train").click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    # and a copied link reproduces the state: a fresh Train view starts from the trained loss
    page.goto(page.url.replace("view=train", "view=network"))
    expect(page.locator("#network svg")).to_be_visible()
    page.locator("#show-train").click()
    expect(page.locator(".train-status")).to_contain_text("loss " + f"{float(loss):#.4g}")


def test_a_2d_data_set_shows_a_boundary_heat_map_that_follows_training(page: Page, server: str, watch: Watch) -> None:
    open_moons(page, server)
    state = query(page)
    assert len(state["inputs"].split(";")) == 100
    assert state["sizes"] == "2,2,1" and state["loss"] == "bce"
    expect(page.locator(".data-source")).to_contain_text("before training")
    before = page.locator("#data .plane-heat").get_attribute("href")
    page.locator("#show-train").click()
    page.locator('[data-train="+100"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "100")
    page.locator("#show-data").click()
    expect(page.locator(".data-source")).to_contain_text("after 100 training steps")
    expect(page.locator("#data .plane-heat")).not_to_have_attribute("href", before or "")
    expect(page.locator(".data-legend")).to_contain_text("upper")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(PLANE_FITS_ITS_BOX)
        expect(page.locator("#data .plane-heat")).to_have_attribute("visibility", "visible")
        shot(page, f"data-moons-{width}x{height}")
    assert watch.errors == []
    assert watch.foreign_requests() == []


def test_clicking_the_plane_adds_a_point_and_right_click_removes_it(page: Page, server: str) -> None:
    open_moons(page, server)
    ground = settled_box(page, "#data .plane-ground")
    page.locator("#data .class-pick input").nth(1).check()
    page.mouse.click(ground["x"] + 12, ground["y"] + 12)
    expect(page.locator("#data .plane-point")).to_have_count(101)
    state = query(page)
    assert len(state["inputs"].split(";")) == 101
    assert state["targets"].split(";")[-1] == "1"
    added = page.locator('#data .plane-point[data-point="100"]')
    expect(added).to_have_attribute("data-class", "1")
    added.click(button="right")
    expect(page.locator("#data .plane-point")).to_have_count(100)
    assert len(query(page)["inputs"].split(";")) == 100


def test_dragging_a_point_moves_it_and_back_undoes_the_move(page: Page, server: str) -> None:
    open_moons(page, server)
    first = query(page)["inputs"].split(";")[0]
    box = settled_box(page, '#data .plane-point[data-point="0"]')
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 6):
        page.mouse.move(x + 8 * i, y + 6 * i)
    page.mouse.up()
    expect(page.locator(".data-source")).to_be_visible()
    page.wait_for_url(lambda url: first_input(url) != first)
    assert len(query(page)["inputs"].split(";")) == 100
    page.go_back()
    expect(page.locator("#data .plane-point")).to_have_count(100)
    page.wait_for_url(lambda url: first_input(url) == first)


def test_a_bad_csv_names_its_row_and_column_and_the_previous_data_stays(page: Page, server: str, watch: Watch) -> None:
    open_moons(page, server)
    before = query(page)["inputs"]
    rows = ["x,y,label"] + [f"{i}.5,{i},{i % 2}" for i in range(5)] + ["7,abc,1"]
    page.locator('#data [data-field="csv"]').set_input_files(
        {"name": "<b>bad</b>.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}
    )
    error = page.locator("#data .data-error")
    expect(error).to_have_text("<b>bad</b>.csv: row 7, column 2: 'abc' is not a number")
    assert error.locator("b").count() == 0, "the file name is text, not markup"
    assert query(page)["inputs"] == before
    expect(page.locator("#data .plane-point")).to_have_count(100)

    good = "a,b,class\n0,0,0\n1,1,1\n0,1,2\n1,0,2\n"
    page.locator('#data [data-field="csv"]').set_input_files(
        {"name": "three.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    expect(page.locator("#data .plane-point")).to_have_count(4)
    expect(error).to_be_hidden()
    state = query(page)
    assert state["sizes"] == "2,2,3" and state["loss"] == "cross_entropy"
    expect(page.locator("#data .plane-axis-label").first).to_have_text("a")
    assert watch.errors == []


def test_four_input_data_show_a_note_and_a_table_instead_of_the_plane(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=iris&view=data")
    table = page.locator("#data .data-table")
    expect(table).to_be_visible()
    expect(table).to_contain_text("4 inputs")
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(page.locator("#data .data-main")).to_be_hidden()


def test_a_theme_changed_by_the_history_redraws_the_runs_network_as_that_theme_draws_it(page: Page, server: str) -> None:
    """The projector theme's larger least text size leaves xor's live network no room for its compact labels at
    1280×800: after going back to a link in that theme the Train view draws it as a fresh load does."""
    page.set_viewport_size({"width": 1280, "height": 800})
    net = page.locator(".train-network svg.bl-network")
    page.goto(f"{server}/?preset=xor&view=train&theme=projector")
    expect(net).to_have_class("bl-network bl-mode-minimal")  # a fresh load in the projector theme
    page.goto(f"{server}/?preset=xor&view=train&theme=light")
    expect(net).to_have_class("bl-network bl-mode-compact")
    page.evaluate("() => { history.pushState(null, '', '?preset=xor&view=train&theme=projector');"
                  " dispatchEvent(new PopStateEvent('popstate')); }")
    expect(page.locator("html")).to_have_attribute("data-theme", "projector")
    expect(net).to_have_class("bl-network bl-mode-minimal")
