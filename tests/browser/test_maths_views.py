"""The maths views, as a student uses them: the matrix form of one layer's gradient, the update-order
comparison with its second-round errors, the "Update biases" switch, and the gradient check."""

from __future__ import annotations

import re

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def api_step(server: str, preset: str = "mazur", **extra: object) -> dict:
    body = httpx.get(f"{server}/api/presets/{preset}").json()
    return httpx.post(f"{server}/api/step", json={**body, **extra}).json()


def full(x: float) -> str:
    """A number as the page writes it in full (15 significant digits, no binary noise, true minus)."""
    return repr(float(f"{x:.15g}")).replace("-", "\u2212")


def test_the_matrix_view_shows_the_shapes_and_the_apis_gradient_as_the_mean(
    page: Page, server: str, watch: Watch
) -> None:
    grad = api_step(server)["layers"][1]["grad_weights"]
    page.goto(f"{server}/?preset=mazur&view=matrix&step=14")
    view = page.locator("#matrix")
    expect(view.locator('[data-matrix="delta"] figcaption')).to_have_text("δ⁽²⁾: 1 × 2 (B × n₂)")
    expect(view.locator('[data-matrix="activation"] figcaption')).to_have_text("a⁽¹⁾: 1 × 2 (B × n₁)")
    expect(view.locator('[data-matrix="delta-x"]').first).to_contain_text("δ⁽²⁾ₓ: 2 × 1")
    expect(view.locator('[data-matrix="activation-x"]')).to_contain_text("a⁽¹⁾ₓᵀ: 1 × 2")
    mean = view.locator('[data-matrix="grad-weights"]')
    expect(mean.locator("figcaption")).to_have_text("(1/B) Σₓ δ aᵀ = ∂C/∂W⁽²⁾: 2 × 2")
    titles = mean.locator("td").evaluate_all("tds => tds.map(td => td.title)")
    assert [t.rsplit(" = ", 1)[1] for t in titles] == [full(g) for row in grad for g in row]
    expect(mean.locator("td").first).to_have_text("0.08217")
    expect(view.locator('[data-check="pass"]').first).to_contain_text("equals the gradient ∂C/∂W⁽²⁾ that backprop computed")
    expect(view.locator('[data-matrix="grad-a"] figcaption')).to_have_text("∂C/∂a⁽¹⁾ₓ: 2 × 1")
    assert view.locator('[data-check="fail"]').count() == 0
    assert watch.errors == []
    assert watch.foreign_requests() == []


def test_choosing_layer_1_shows_the_inputs_and_where_backprop_stops(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&view=matrix&sample=2&step=99")
    page.locator("#matrix-layer").select_option("1")
    view = page.locator("#matrix")
    expect(view.locator('[data-matrix="delta"] figcaption')).to_contain_text("δ⁽¹⁾: 4 × 2")
    expect(view.locator('[data-matrix="activation"] figcaption')).to_contain_text("a⁽⁰⁾: 4 × 2")
    expect(view.locator(".mx-product")).to_have_count(4)
    expect(view.locator('[data-matrix="delta"] tr.mx-chosen th')).to_have_text("3")
    expect(view).to_contain_text("Backprop stops at layer 1")
    expect(view.locator('[data-check="pass"]')).to_have_count(2)  # the mean, and the forward pass's z


def test_a_large_batch_is_cut_to_a_few_samples_with_its_size_stated(page: Page, server: str, watch: Watch) -> None:
    page.goto(f"{server}/?preset=iris&view=matrix&sample=70&step=99")
    view = page.locator("#matrix")
    expect(view.locator('[data-matrix="delta"] figcaption')).to_contain_text("δ⁽²⁾: 150 × 3")
    expect(view.locator(".mx-product")).to_have_count(3)
    expect(view.locator('.mx-product[data-sample="70"]')).to_contain_text("(chosen)")
    expect(view.locator(".mx-more")).to_have_text("… 150 samples: one such product each")
    expect(view.locator('[data-check="pass"]').first).to_contain_text("mean of the 150 outer products")
    assert watch.errors == []


def test_the_gradient_check_passes_on_mazur(page: Page, server: str, watch: Watch) -> None:
    page.goto(f"{server}/?preset=mazur&view=matrix&step=14")
    page.get_by_role("button", name="Check gradients").click()
    summary = page.locator("#matrix .gc-summary")
    expect(summary).to_have_attribute("data-passed", "true")
    expect(summary).to_contain_text("Pass")
    expect(page.locator('#matrix .gc-table tr[data-passed="true"]')).to_have_count(2)
    assert watch.errors == []


def test_a_model_too_large_for_the_gradient_check_shows_the_apis_message(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&view=matrix&sizes=2,64,64,2")
    expect(page.locator('#matrix [data-matrix="grad-weights"] figcaption')).to_contain_text("2 × 64")
    page.get_by_role("button", name="Check gradients").click()
    expect(page.locator("#matrix [data-error]")).to_contain_text("gradcheck compares at most")


def test_update_order_shows_both_second_round_errors_and_biases_change_them(
    page: Page, server: str, watch: Watch
) -> None:
    page.goto(f"{server}/?preset=mazur&view=order")
    correct = page.locator('#order [data-loss-after="correct"]')
    mistake = page.locator('#order [data-loss-after="mistake"]')
    expect(correct).to_have_text("0.2910277737")
    expect(mistake).to_have_text("0.2910279239")
    mistake_cell = page.locator('#order .order-cell[data-way="mistake"][data-quantity="loss-after"]')
    expect(mistake_cell).to_contain_text("0.291027924")  # the figure the worked example prints, to 9 digits
    expect(page.locator('#order .order-delta[data-way="mistake"] .differs')).to_have_count(2)
    expect(page.locator('#order [data-way="correct"] td[data-weight="2.0.0"]')).to_have_text("0.4 → 0.358916")
    expect(page.locator('#order [data-way="correct"] td[data-weight="1.0.0"]')).to_contain_text("0.149781")
    expect(page.locator('#order [data-way="mistake"] td.differs')).to_have_count(4)
    page.locator("#toggle-setup").click()  # the set-up opens over the page on a laptop
    checkbox = page.get_by_label("Update biases")
    expect(checkbox).not_to_be_checked()
    checkbox.check()
    expect(correct).to_have_text("0.2804714468")
    assert "biases=update" in page.url
    expect(page.locator("#order .order-out")).to_have_attribute("data-update-biases", "true")
    assert watch.errors == []
    assert watch.foreign_requests() == []


def test_update_biases_reaches_the_step_request(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&view=table")
    page.locator("#toggle-setup").click()
    expect(page.get_by_label("Update biases")).to_be_checked()
    with page.expect_response(lambda r: r.url.endswith("/api/scenario/step") and r.request.method == "POST") as answer:
        page.get_by_label("Update biases").uncheck()
    assert answer.value.json()["request"]["update_biases"] is False
    expect(page).to_have_url(re.compile(r"[?&]biases=fixed(&|$)"))  # the URL follows once the server accepts


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (960, 540)])
@pytest.mark.parametrize("view", ["matrix", "order"])
def test_the_maths_views_fit_the_screen(
    page: Page, server: str, watch: Watch, view: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?preset=mazur&view={view}&step=6")
    if view == "matrix":
        expect(page.locator('#matrix [data-matrix="grad-a"]')).to_be_visible()
        page.get_by_role("button", name="Check gradients").click()
        expect(page.locator("#matrix .gc-summary")).to_be_visible()
    else:
        expect(page.locator('#order [data-loss-after="mistake"]')).to_be_visible()
    stage = page.locator("#stage").bounding_box()
    box = page.locator(f"#{view}").bounding_box()
    assert box["x"] >= stage["x"] - 1 and box["x"] + box["width"] <= stage["x"] + stage["width"] + 1
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth > innerWidth, document.documentElement.scrollHeight > innerHeight]"
    )
    assert overflow == [False, False]
    shot(page, f"maths-{view}-{width}x{height}")
    if view == "matrix":
        page.locator("#matrix").evaluate("e => e.scrollTop = e.scrollHeight")
        shot(page, f"maths-{view}-{width}x{height}-end")
    assert watch.errors == []


def test_the_chosen_matrix_layer_is_kept_in_the_link(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&view=matrix&step=14")
    page.locator("#matrix-layer").select_option("1")
    expect(page).to_have_url(re.compile(r"mlayer=1"))
    page.reload()
    expect(page.locator("#matrix-layer")).to_have_value("1")


def test_the_forward_pass_is_written_with_a_column_and_with_a_row_per_sample(page: Page, server: str, watch: Watch) -> None:
    """xor's layer 1 over its 4 samples: Z = W A + b (2 × 4) and Z = X Wᵀ + bᵀ (4 × 2), the same z the step
    computed, each z checked here against NumPy from the preset's own weights and inputs."""
    body = httpx.get(f"{server}/api/presets/xor").json()
    step = httpx.post(f"{server}/api/step", json=body).json()
    model = step["model"]  # the weights drawn from the preset's seed
    x = np.array(body["inputs"])
    w, b = np.array(model["weights"][0]), np.array(model["biases"][0])
    z = x @ w.T + b
    page.goto(f"{server}/?preset=xor&view=matrix&mlayer=1&step=99")
    view = page.locator("#matrix")
    expect(view.locator('[data-matrix="z-columns"] figcaption')).to_have_text("Z⁽¹⁾: 2 × 4 (n₁ × B)")
    expect(view.locator('[data-matrix="a-columns"] figcaption')).to_contain_text("A⁽⁰⁾: 2 × 4")
    expect(view.locator('[data-matrix="z-rows"] figcaption')).to_have_text("Z⁽¹⁾: 4 × 2 (B × n₁)")
    expect(view.locator('[data-matrix="a-rows"] figcaption')).to_contain_text("X = A⁽⁰⁾: 4 × 2")
    expect(view.locator('[data-matrix="weights-t"]').last.locator("figcaption")).to_have_text("W⁽¹⁾ᵀ: 2 × 2 (n₀ × n₁)")
    def shown(kind: str) -> list[list[str]]:
        return [[td.get_attribute("data-full") or "" for td in tr.locator("td").all()]
                for tr in view.locator(f'[data-matrix="{kind}"] tbody tr').all()]

    assert shown("z-rows") == [[full(v).removesuffix(".0") for v in row] for row in step["layers"][0]["z"]]  # the step's z, in full
    assert shown("z-columns") == [list(col) for col in zip(*shown("z-rows"), strict=True)]
    assert np.allclose(np.array(step["layers"][0]["z"]), z, rtol=1e-13, atol=0)  # which are X Wᵀ + b
    expect(view.locator('[data-check="pass"]').last).to_contain_text("equals the z⁽¹⁾ of every sample the step computed")
    page.goto(f"{server}/?preset=mazur&view=matrix&mlayer=1&step=99")  # biases of 0.35: the check adds them
    expect(view.locator('[data-matrix="z-rows"] td').first).to_have_text("0.3775")
    expect(view.locator('[data-check="pass"]').last).to_contain_text("equals the z⁽¹⁾ of every sample the step computed")
    page.goto(f"{server}/?preset=xor&view=matrix&mlayer=2&step=0")  # before the forward pass has reached z[2]
    expect(view.locator('[data-matrix="z-rows"] td.mx-masked').first).to_be_visible()
    expect(view.locator('[data-check]')).to_have_count(0)
    assert watch.errors == []
