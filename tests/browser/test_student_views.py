"""Every view as a new student meets it at 1280×800: a broken link that recovers, controls only
where they act, words without the implementation's vocabulary, and deep networks that stay readable."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot
from tests.views import page_views

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

STEPPING_VIEWS = ["network", "graph", "table", "matrix"]
OWN_CONTROLS_VIEWS = [v for v in page_views() if v not in STEPPING_VIEWS]  # the rest of the state table's views
VIEW_LABELS = {"network": "Network", "graph": "Graph", "table": "Table", "matrix": "Matrices", "order": "Update order",
               "train": "Train", "data": "Data"}


@pytest.fixture(autouse=True)
def laptop(page: Page) -> None:
    """A student's 1280×800 laptop."""
    page.set_viewport_size({"width": 1280, "height": 800})


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def drawn(page: Page, neuron: str = "n-2-0") -> None:
    expect(page.locator(f'[data-id="{neuron}"]')).to_be_visible()


# -- broken or old links ---------------------------------------------------------------------------------


def test_a_link_to_an_unknown_preset_says_so_loads_the_default_and_every_control_works(page: Page, server: str, watch: Watch) -> None:
    page.goto(f"{server}/?preset=nosuch&step=3")
    drawn(page)  # Mazur's 2-2-2 network, the default, is drawn beside the message
    status = page.locator("#status")
    expect(status).to_contain_text("This link asks for a preset named 'nosuch'")
    expect(status).to_contain_text("Mazur")  # the presets it can choose from, by their titles
    assert "server" not in status.inner_text().lower()
    expect(page.locator("#preset")).to_have_value("mazur")
    expect(page.locator(".step-counter")).to_contain_text("1 / 15")
    assert "nosuch" not in page.url, "the address bar no longer carries the broken preset"
    expect(page.locator('[data-control="next"]')).to_be_enabled()
    page.locator('[data-control="next"]').click()
    expect(page.locator(".step-counter")).to_contain_text("2 / 15")
    page.locator("#preset").select_option("xor")
    drawn(page, "n-2-0")
    expect(page.locator('[data-id="n-2-1"]')).to_have_count(0)  # xor has one output
    expect(status).to_have_text("")  # the message goes once the student has chosen
    page.locator("#preset").select_option("mazur")
    drawn(page, "n-2-1")
    shot(page, "broken-link-recovered")
    assert [e for e in watch.errors if not e.startswith("Failed to load resource")] == []  # the refused preset answer itself


def test_a_link_with_a_name_the_server_does_not_know_names_it_and_still_steps(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&sizes=2,3,1&activations=sigmoid,nosuch")
    drawn(page, "n-1-2")  # the link's 2-3-1, with the usual activations
    expect(page.locator("#status")).to_contain_text("activations")
    page.locator('[data-control="next"]').click()
    expect(page.locator(".step-counter")).to_contain_text("2 / ")


@pytest.mark.parametrize(("query", "said"), [
    ("preset=mazur&init=bar", "This link's init 'bar' is not one this page knows (it knows xavier, he, uniform, normal, zeros); "
                              "the page uses its usual init instead."),
    ("preset=mazur&loss=foo&init=bar", "could not be computed: init 'bar' is not one this page knows (it knows xavier, he,"),
])
def test_a_name_the_page_does_not_know_is_shown_with_the_names_it_does(page: Page, server: str, query: str, said: str) -> None:
    catalog = httpx.get(f"{server}/api/catalog").json()
    assert ", ".join(s["name"] if isinstance(s, dict) else s for s in catalog["init_schemes"]).startswith("xavier, he, uniform")
    page.goto(f"{server}/?{query}")
    drawn(page)
    expect(page.locator("#status")).to_contain_text(said)
    page.locator('[data-control="next"]').click()
    expect(page.locator(".step-counter")).to_contain_text("2 / ")


def test_a_link_value_of_the_wrong_kind_is_named_and_its_default_used(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&lr=fast&view=nosuch")
    drawn(page)
    status = page.locator("#status")
    expect(status).to_contain_text("lr=fast")
    expect(status).to_contain_text("view=nosuch")
    expect(page.locator("#show-network")).to_have_attribute("aria-pressed", "true")


def test_with_no_step_loaded_nothing_that_steps_is_enabled(page: Page, server: str) -> None:
    page.route("**/api/scenario/step", lambda route: route.abort())
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator("#status")).not_to_have_text("")
    for control in ["first", "prev", "play", "next", "last"]:
        expect(page.locator(f'[data-control="{control}"]')).to_be_disabled()
    page.keyboard.press("Space")
    expect(page.locator('[data-control="play"]')).to_have_attribute("aria-pressed", "false")


# -- each view shows the controls that act on it ----------------------------------------------------------


def test_the_step_bar_shows_only_on_stepping_views_and_switching_keeps_the_step(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=mazur&step=7")
    drawn(page)
    controls = page.locator("#controls")
    for name in OWN_CONTROLS_VIEWS + STEPPING_VIEWS:
        page.locator(f"#show-{name}").click()
        expect(page.locator(f"#show-{name}")).to_have_attribute("aria-pressed", "true")
        if name in STEPPING_VIEWS:
            expect(controls).to_be_visible()
            expect(page.locator(".step-counter")).to_contain_text("8 / 15")
        else:
            expect(controls).to_be_hidden()
            page.keyboard.press("ArrowRight")  # no visible step to move: the keys leave it alone
            assert page.get_by_role("button", name=re.compile("^Play")).count() == 0, "no step player beside the view's own controls"
        assert query(page).get("step") == "7", f"{name} keeps the step in the link"


# -- words a student reads --------------------------------------------------------------------------------

FORBIDDEN = re.compile(r"\bAPI\b|\barrays?\b|\bpayload\b|grad_weights|grad_biases|grad_a\b|activation_slope|learning_rate")


def visible_words(page: Page) -> str:
    """The text a student reads: what is rendered, plus tooltips."""
    return page.evaluate("""() => document.body.innerText + '\\n' +
        [...document.querySelectorAll('[title]')].filter((e) => e.checkVisibility()).map((e) => e.title).join('\\n')""")


@pytest.mark.parametrize("preset", ["mazur", "iris"])
def test_no_view_speaks_of_the_implementation(page: Page, server: str, preset: str) -> None:
    page.goto(f"{server}/?preset={preset}&step=8&sel=c2.0.0")
    drawn(page)
    seen = []
    for name in STEPPING_VIEWS + OWN_CONTROLS_VIEWS:
        page.locator(f"#show-{name}").click()
        expect(page.locator(f"#{'matrix' if name == 'matrix' else name}")).to_be_visible()
        page.wait_for_load_state("networkidle")
        words = visible_words(page)
        seen += [f"{name}: {m.group(0)!r} in …{words[max(0, m.start() - 60):m.end() + 20]}…" for m in FORBIDDEN.finditer(words)]
    assert seen == []


# -- deep networks at 1280×800 ----------------------------------------------------------------------------


# The timeline's box, its current chip's and every chip's, read in one evaluation once they stand still over
# two animation frames (the strip is redrawn whole, so handles to its chips can go stale between reads).
TIMELINE_BOXES = """() => new Promise((done) => {
  const r = (e) => { const b = e.getBoundingClientRect(); return {x: b.x, width: b.width}; };
  const read = () => { const strip = document.querySelector('.timeline'), current = strip?.querySelector('[aria-current="step"]');
    return strip && current ? JSON.stringify({strip: r(strip), current: r(current), chips: [...strip.querySelectorAll('button')].map(r)}) : null; };
  const first = read();
  requestAnimationFrame(() => requestAnimationFrame(() => done(first !== null && read() === first ? JSON.parse(first) : null)));
})"""


@pytest.mark.parametrize("step", [0, 30, 42])
def test_deep_relus_timeline_fits_with_the_current_step_in_view(page: Page, server: str, step: int) -> None:
    page.goto(f"{server}/?preset=deep-relu&step={step}")
    drawn(page, "n-6-0")
    expect(page.locator(".step-counter")).to_contain_text(f"{step + 1} / 43")
    assert not page.evaluate("() => document.documentElement.scrollWidth > innerWidth")
    expect(page.locator('.timeline [aria-current="step"]')).to_be_visible()
    boxes = page.wait_for_function(TIMELINE_BOXES).json_value()
    strip, box = boxes["strip"], boxes["current"]
    assert strip["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= strip["x"] + strip["width"] + 0.5, "the current chip is in full view"
    # every step is reachable from the strip in one click: a chip of its own or its layer's group
    assert len(boxes["chips"]) >= 1
    for chip_box in boxes["chips"]:
        assert chip_box["x"] >= strip["x"] - 0.5 and chip_box["x"] + chip_box["width"] <= strip["x"] + strip["width"] + 0.5
    shot(page, f"deep-relu-timeline-{step}")


def test_a_folded_layer_opens_at_its_first_step(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=deep-relu&step=0")
    drawn(page, "n-6-0")
    group = page.locator('.timeline [data-group="backward-3"]')
    group.click()
    expect(page.locator(".step-counter")).to_contain_text("backward")
    expect(page.locator(".step-counter")).to_contain_text("layer 3")
    expect(page.locator('.timeline [aria-current="step"]')).to_be_visible()


def test_a_caption_of_one_neuron_offers_the_others_of_its_layer(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=deep-relu&step=4")  # z of layer 3
    drawn(page, "n-6-0")
    caption = page.locator("#caption")
    expect(caption).to_contain_text("neuron 1")
    offer = caption.locator("[data-neuron-nav]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("↓")
    page.locator("#stage").focus()
    page.keyboard.press("ArrowDown")
    expect(caption).to_contain_text("neuron 2")
    assert query(page).get("sel") == "n3.1"
    offer.get_by_role("button", name=re.compile("previous|↑", re.I)).click()
    expect(caption).to_contain_text("neuron 1")


# -- Train ------------------------------------------------------------------------------------------------

SMALLEST_TEXT = """(sel) => { const svg = document.querySelector(sel); const scale = svg.getScreenCTM().a;
  return Math.min(...[...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0)
    .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)); }"""


@pytest.mark.parametrize("preset", ["xor", "deep-sigmoid", "iris"])
def test_trains_network_text_is_at_least_11px(page: Page, server: str, preset: str) -> None:
    page.goto(f"{server}/?preset={preset}&view=train")
    expect(page.locator(".train-network svg")).to_be_visible()
    assert page.evaluate(SMALLEST_TEXT, ".train-network svg") >= 11


def test_deep_relus_neuron_names_stand_on_their_own_background(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=deep-relu&step=30")
    drawn(page, "n-6-0")
    names = page.evaluate("""() => [...document.querySelectorAll('#network text.bl-name')].map((t) => {
        const bg = t.previousElementSibling; const b = t.getBBox();
        if (!bg || !bg.classList.contains('bl-label-bg')) return {text: t.textContent, covered: false};
        const r = {x: +bg.getAttribute('x'), y: +bg.getAttribute('y'), w: +bg.getAttribute('width'), h: +bg.getAttribute('height')};
        const opaque = getComputedStyle(bg).fillOpacity >= 0.99 && getComputedStyle(bg).fill !== 'none';
        return {text: t.textContent, covered: opaque && r.x <= b.x && r.y <= b.y && r.x + r.w >= b.x + b.width && r.y + r.h >= b.y + b.height};
    })""")
    assert len(names) >= 40
    assert [n["text"] for n in names if not n["covered"]] == []


def open_train(page: Page, server: str, query_: str) -> None:
    page.goto(f"{server}/?view=train&{query_}")
    expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
    expect(page.locator('.chart-box[data-chart="grad_norms"] .chart-line').first).to_have_attribute("d", re.compile("M"))
    page.locator('[data-field="train-speed"]').select_option("fast")


def test_deep_sigmoids_warning_stays_while_the_first_layer_is_starved(page: Page, server: str, watch: Watch) -> None:
    open_train(page, server, "preset=deep-sigmoid")
    warning = page.locator(".train-warning")
    expect(warning).to_contain_text("At step 0, the first layer learns 1,500× slower than the last")  # the step it describes
    for box in ["grad_norms", "mean_abs_delta"]:
        expect(page.locator(f'.chart-box[data-chart="{box}"] path[data-series="vanishing"]')).to_have_attribute("d", re.compile("M"))
        expect(page.locator(f'.chart-box[data-chart="{box}"]')).to_contain_text("vanishing: 100× below the output layer")
    page.locator('[data-field="train-target"]').fill("300")
    page.locator('[data-train="run"]').click()
    expect(page.locator(".train-status")).to_have_attribute("data-done", "300", timeout=60_000)
    expect(page.locator(".train-status")).to_contain_text("loss 0.69")  # still stuck …
    expect(warning).to_be_visible()  # … and still warned about, in words
    expect(warning).to_contain_text("At step 300, little error reaches the first layer")  # the step it describes
    # by step 300 the gradients are only a few times apart: the warning no longer says the first layer learns slower
    expect(warning).to_contain_text("smaller than the last layer's, because the output layer's own gradient has shrunk too")
    expect(warning).not_to_contain_text("slower than the last")
    shot(page, "train-deep-sigmoid-300")
    assert watch.errors == []


def test_adam_at_a_plain_sgd_learning_rate_gets_a_hint(page: Page, server: str) -> None:
    open_train(page, server, "preset=xor&optimizer=adam")
    hint = page.locator(".train-hint")
    expect(hint).to_contain_text("Adam")
    expect(hint).to_contain_text("try η = 0.01")
    page.locator('[data-field="train-lr"]').fill("0.01")
    page.locator('[data-field="train-lr"]').press("Enter")
    expect(hint).to_be_hidden()
    page.locator('[data-field="optimizer"]').select_option("momentum")
    page.locator('[data-field="train-lr"]').fill("2")
    page.locator('[data-field="train-lr"]').press("Enter")
    expect(hint).to_contain_text("η = 2 moves like η = 20 in plain SGD")


# -- Data -------------------------------------------------------------------------------------------------


def test_classes_are_named_by_their_targets_and_a_csvs_names_survive_a_reload(page: Page, server: str) -> None:
    page.goto(f"{server}/?preset=xor&view=data")
    picks = page.locator("#data .class-pick label")
    expect(picks).to_have_text(["0", "1"])
    csv = "a,b,class\n0,0,0\n1,1,1\n0,1,2\n1,0,2\n"
    page.locator('#data [data-field="csv"]').set_input_files({"name": "three.csv", "mimeType": "text/csv", "buffer": csv.encode()})
    expect(page.locator("#data .plane-point")).to_have_count(4)
    expect(picks).to_have_text(["0", "1", "2"])
    page.reload()
    expect(page.locator("#data .plane-point")).to_have_count(4)
    expect(picks).to_have_text(["0", "1", "2"])


def test_the_set_up_shows_samples_at_the_pages_precision_and_keeps_them_whole(page: Page, server: str) -> None:
    preset = page.request.get(f"{server}/api/presets/iris").json()
    page.goto(f"{server}/?preset=iris")
    drawn(page)
    page.locator("#toggle-setup").click()
    box = page.locator('#setup [data-field="inputs"]')
    expect(box).to_have_value(re.compile(r"^-0\.9007, 1\.019, -1\.340, -1\.315\n-1\.143, -0\.1320, -1\.340, -1\.315\n"))
    assert box.evaluate("b => b.wrap") == "off", "one sample, one line"
    copied = box.evaluate("""b => { const end = b.value.indexOf('\\n'); b.focus(); b.setSelectionRange(0, end);
        const data = new DataTransfer(); b.dispatchEvent(new ClipboardEvent('copy', {clipboardData: data, bubbles: true, cancelable: true}));
        return data.getData('text/plain'); }""")
    assert [float(x) for x in copied.split(", ")] == preset["inputs"][0], "a copied row is the full-precision sample"
    lines = box.input_value().split("\n")
    box.fill("\n".join([*lines[:-1], "0, 0, 0, 0"]))
    box.dispatch_event("change")
    expect(page).to_have_url(re.compile(r"inputs="))
    rows = [[float(x) for x in row.split(",")] for row in query(page)["inputs"].split(";")]
    assert rows[:-1] == preset["inputs"][:-1], "the samples left alone keep every digit"
    assert rows[-1] == [0, 0, 0, 0]
