"""The page from 320 px wide up and on touch screens: no sideways scroll, the drawing first and in
full, the set-up and the inspector as sheets, targets of 24 px, 44 px controls, tap and swipe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import reuse
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page = reuse.page  # one page for the module, as new for each test (tests/browser/reuse.py)

SIZES = [(320, 640), (360, 740), (640, 400), (1280, 800)]
VIEWS = {
    "network": "preset=mazur&step=7",
    "table": "preset=iris&view=table&step=7",
    "matrix": "preset=iris&view=matrix&step=12",
    "order": "preset=mazur&view=order&step=14",
    "train": "preset=xor&view=train",
    "data": "preset=xor&view=data",
}


PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def phone_page(browser: Browser, server: str) -> Iterator[Page]:
    """A 360 × 740 touch screen (pointer: coarse), one for the module's phone tests."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, base_url=server)
    yield context.new_page()
    context.close()


@pytest.fixture()
def phone(phone_page: Page) -> Iterator[Page]:
    """The phone, as new for this test (tests/browser/reuse.py)."""
    with reuse.as_new(phone_page, PHONE) as fresh:
        yield fresh


# The view's region and the page's width unchanged over two animation frames: a view that draws to its
# box's size has drawn (it redraws on the frame after its box settles).
SETTLED = """(view) => new Promise((done) => {
  const size = () => JSON.stringify([document.querySelector('#' + view)?.getBoundingClientRect(), document.documentElement.scrollWidth]);
  const first = size();
  requestAnimationFrame(() => requestAnimationFrame(() => done(size() === first)));
})"""
# Two animation frames have passed: whatever a touch event started has reached the page.
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def sideways(page: Page) -> int:
    """How far the page itself scrolls sideways (0 when it does not)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def open_network(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()


def settled_sideways(page: Page, view: str) -> int:
    """How far the page scrolls sideways once the view has drawn for the window's size."""
    expect(page.locator(f"#{view}")).to_be_visible()
    expect(page.locator(f"#{view} :is(svg, table, .order-table)").first).to_be_visible()
    page.wait_for_function(SETTLED, arg=view)  # a view that draws to its size has drawn
    return sideways(page)


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_view_scrolls_sideways(page: Page, server: str, view: str) -> None:
    """Loaded at the narrowest size (320 px, WCAG's reflow), then the window resized to each other size:
    the view redraws for its box, as it does when a window is resized."""
    for i, (width, height) in enumerate(SIZES):
        page.set_viewport_size({"width": width, "height": height})
        if i == 0:
            page.goto(f"{server}/?{VIEWS[view]}")
        size = f"{view} at {width}x{height}"
        assert settled_sideways(page, view) == 0, size
        for name in ["Set-up", "Share"]:  # the panels and dialogs that open over the page
            button = page.get_by_role("button", name=name, exact=True)
            button.click()
            assert sideways(page) == 0, f"{size}, {name} open"
            page.keyboard.press("Escape")
            if button.get_attribute("aria-expanded") == "true":
                button.click()


def drawing_box(page: Page) -> dict[str, float]:
    """The network drawing's box, read in one go: a redraw replaces the <svg>, so a handle to it can go stale."""
    return page.evaluate("""() => { const r = document.querySelector('#network svg').getBoundingClientRect();
      return {x: r.x, y: r.y, width: r.width, height: r.height}; }""")


@pytest.mark.parametrize(("width", "height"), [(360, 740), (640, 400), (1280, 800), (320, 640)])
def test_the_drawing_comes_first_at_full_width_and_fits_the_screen(page: Page, server: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_network(page, f"{server}/?preset=mazur&step=7")
    page.wait_for_function(SETTLED, arg="network")  # the drawing is redrawn whole as late parts arrive
    box = drawing_box(page)
    if width <= 760:
        assert box["width"] >= width - 2  # full width: ≥ 300 px on a 320 px screen
        order = [page.locator(s).bounding_box()["y"] for s in ["#network", "#caption", "#controls"]]
        assert order == sorted(order), order
    assert box["height"] <= height
    page.evaluate("document.querySelector('#network svg').scrollIntoView({block: 'nearest'})")
    box = drawing_box(page)
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    assert box["y"] >= -1 and box["y"] + box["height"] <= height + 1
    shot(page, f"reflow-mazur-{width}x{height}")


def test_a_320_px_screen_still_draws_neurons_of_24_px(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_network(page, f"{server}/?preset=mazur&step=7")
    sizes = page.evaluate("""() => [...document.querySelectorAll('#network [data-kind="neuron"]')]
        .map((g) => { const r = g.getBoundingClientRect(); return [g.dataset.id, r.width, r.height]; })""")
    assert len(sizes) == 6
    for name, w, h in sizes:
        assert w >= 24 and h >= 24, (name, w, h)
    bands = page.evaluate("""() => [...document.querySelectorAll('#network .bl-hit')].map((p) => {
        const pts = p.getAttribute('points').split(' ').map((xy) => xy.split(',').map(Number));
        return Math.hypot(pts[1][0] - pts[2][0], pts[1][1] - pts[2][1]); })""")
    assert len(bands) == 8 and min(bands) >= 23.9, bands  # each connection's band is 24 px across (points to 0.1 px)


def test_on_a_touch_screen_every_control_is_44_px(phone: Page) -> None:
    open_network(phone, "/?preset=mazur&step=7")
    small = phone.evaluate("""() => [...document.querySelectorAll('.topbar button, .topbar select, #controls button, #controls select')]
        .filter((e) => e.offsetParent).map((e) => [e.id || e.dataset.control || e.dataset.step || e.textContent,
          e.getBoundingClientRect().width, e.getBoundingClientRect().height]).filter(([, w, h]) => w < 44 || h < 44)""")
    assert small == []


def test_tapping_a_neuron_opens_the_inspector_as_a_sheet_and_close_returns(phone: Page) -> None:
    open_network(phone, "/?preset=mazur&step=7")
    inspector = phone.locator("#inspector")
    expect(inspector).to_be_hidden()  # nothing selected: no sheet over the drawing
    phone.locator('#network [data-id="n-1-0"] circle.bl-body').tap()
    expect(inspector).to_be_visible()
    expect(inspector).to_contain_text("0.5933")  # a₁⁽¹⁾ of Mazur's example
    assert inspector.bounding_box()["y"] > 740 / 3  # a sheet over the lower part of the screen
    assert sideways(phone) == 0
    shot(phone, "reflow-phone-inspector-sheet")
    phone.get_by_role("button", name="Close the inspector").tap()
    expect(inspector).to_be_hidden()
    expect(phone.locator('#network [data-id="n-1-0"]')).to_be_focused()
    phone.locator('#network g.bl-link[data-id="c-2-0-0"]').tap()  # its tap handle, clear of the neurons
    expect(inspector).to_be_visible()
    expect(inspector).to_contain_text("0.08217")  # ∂C/∂w₁₁⁽²⁾


def test_the_set_up_opens_as_a_sheet_with_its_own_close_button(phone: Page) -> None:
    open_network(phone, "/?preset=mazur&step=7")
    setup = phone.locator("#setup")
    expect(setup).to_be_hidden()
    phone.get_by_role("button", name="Set-up", exact=True).tap()
    expect(setup).to_be_visible()
    expect(setup.get_by_role("button", name="Close the set-up")).to_be_focused()
    assert sideways(phone) == 0
    shot(phone, "reflow-phone-setup-sheet")
    setup.get_by_role("button", name="Close the set-up").tap()
    expect(setup).to_be_hidden()
    expect(phone.get_by_role("button", name="Set-up", exact=True)).to_be_focused()


def swipe(page: Page, dx: float) -> None:
    """A one-finger horizontal swipe across the middle of the drawing (real touch events), once the drawing
    has settled; its box read in one evaluation (a redraw replaces the <svg> under a handle)."""
    page.wait_for_function(SETTLED, arg="network")
    box = drawing_box(page)
    x, y = box["x"] + box["width"] / 2 - dx / 2, box["y"] + box["height"] * 0.45
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 9):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x + dx * i / 8, "y": y + i}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_swiping_the_drawing_steps_forward_and_back(phone: Page) -> None:
    open_network(phone, "/?preset=mazur&step=7")
    counter = phone.locator(".step-counter")
    expect(counter).to_contain_text("8 / 15")
    swipe(phone, -160)  # finger moves left: the next step
    expect(counter).to_contain_text("9 / 15")
    swipe(phone, 160)
    swipe(phone, 160)
    expect(counter).to_contain_text("7 / 15")
    swipe(phone, 12)  # a small drift is no swipe
    phone.evaluate(TWO_FRAMES)
    expect(counter).to_contain_text("7 / 15")
    assert sideways(phone) == 0


def test_the_buttons_step_by_tap(phone: Page) -> None:
    open_network(phone, "/?preset=mazur&step=7")
    phone.get_by_role("button", name="Next step (→)").tap()
    expect(phone.locator(".step-counter")).to_contain_text("9 / 15")
    shot(phone, "reflow-phone-360x740")
