"""/embed as a lecturer uses it: inside a slide of another site, stepped with the keyboard without
moving the slide, in each theme at slide sizes, and as a standalone file opened from disk."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.browser import reuse
from tests.browser.conftest import DRAWING_FITS_ITS_BOX, Watch, read_when, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

DECK_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>A slide</title><link rel="icon" href="data:,">
<script src="deck.js"></script></head>
<body style="margin: 24px; height: 3000px">
<h1>Backpropagation, step by step</h1>
<iframe src="{src}" width="960" height="540" style="border:0" title="Backprop Lens: Mazur" allow="fullscreen"></iframe>
</body></html>
"""
# The deck's own script, in a file of its own: records every key the deck receives, as reveal.js would listen.
DECK_JS = "window.deckKeys = []; addEventListener('keydown', (e) => window.deckKeys.push(e.key));\n"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def deck(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A slide deck on another origin (another port) whose slide frames /embed?preset=mazur."""
    root = tmp_path_factory.mktemp("deck")
    (root / "index.html").write_text(DECK_HTML.format(src=f"{server}/embed?preset=mazur"))
    (root / "deck.js").write_text(DECK_JS)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def counter(scope: Page | FrameLocator) -> str:
    return scope.locator(".step-counter").inner_text()


def test_in_a_slide_of_another_site_the_keyboard_steps_the_frame_and_never_the_deck(
        page: Page, server: str, deck: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 1100, "height": 700})
    page.goto(f"{deck}/index.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator('[data-id="n-2-1"]')).to_be_visible()
    expect(frame.locator(".step-counter")).to_contain_text("1 / 15")
    expect(frame.locator("#embed-hint")).to_be_visible()  # the keyboard still belongs to the deck
    shot(page, "embed-in-deck-before-click")

    frame.locator("#caption").click()
    expect(frame.locator("#embed-hint")).to_be_hidden()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(frame.locator(".step-counter")).to_contain_text("4 / 15")
    page.keyboard.press("End")
    expect(frame.locator(".step-counter")).to_contain_text("15 / 15")
    page.keyboard.press("ArrowLeft")
    expect(frame.locator(".step-counter")).to_contain_text("14 / 15")
    page.keyboard.press("Home")
    expect(frame.locator(".step-counter")).to_contain_text("1 / 15")
    page.keyboard.press("ArrowDown")  # ↓ and PgDn step the frame: they must not scroll the deck around it
    expect(frame.locator(".step-counter")).to_contain_text("2 / 15")
    page.keyboard.press("PageDown")
    expect(frame.locator(".step-counter")).to_contain_text("3 / 15")
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowUp")
    expect(frame.locator(".step-counter")).to_contain_text("1 / 15")
    page.keyboard.press(" ")  # in a frame Space steps, as it moves a deck on; it does not play
    expect(frame.locator(".step-counter")).to_contain_text("2 / 15")
    expect(frame.locator('[data-control="play"]')).to_have_attribute("aria-pressed", "false")
    shot(page, "embed-in-deck-after-keys")

    assert page.evaluate("window.deckKeys") == [], "no key reached the deck"
    assert page.evaluate("window.scrollY") == 0, "the deck did not scroll"
    assert watch.errors == []
    assert all(u.startswith((deck, server, "data:")) for u in watch.requests), watch.requests


def click_in_the_frame_then_step(page: Page, deck: str, target: str) -> FrameLocator:
    """Open the deck; once the frame shows its first step, click `target` in it and press →: the frame steps."""
    page.goto(f"{deck}/index.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".step-counter")).to_contain_text("1 / 15")
    frame.locator(target).click()
    page.keyboard.press("ArrowRight")
    expect(frame.locator(".step-counter")).to_contain_text("2 / 15")
    return frame


def test_a_click_in_the_network_also_gives_the_frame_the_keyboard(page: Page, server: str, deck: str) -> None:
    click_in_the_frame_then_step(page, deck, '[data-id="n-1-0"]')
    assert page.evaluate("window.deckKeys") == []


def test_a_deck_opened_from_disk_frames_the_embed_too(page: Page, server: str, tmp_path: Path) -> None:
    # `frame-ancestors *` alone would refuse a file:// parent; reveal.js decks are often opened from disk.
    (tmp_path / "deck.html").write_text(DECK_HTML.format(src=f"{server}/embed?preset=chain&step=1"))
    (tmp_path / "deck.js").write_text(DECK_JS)
    page.goto((tmp_path / "deck.html").as_uri())
    frame = page.frame_locator("iframe")
    expect(frame.locator(".step-counter")).to_contain_text("2 / ")
    frame.locator("#caption").click()
    page.keyboard.press("ArrowRight")
    expect(frame.locator(".step-counter")).to_contain_text("3 / ")
    assert page.evaluate("window.deckKeys") == []


def test_esc_hands_the_keyboard_back_to_the_deck(page: Page, server: str, deck: str) -> None:
    frame = click_in_the_frame_then_step(page, deck, "#caption")
    page.keyboard.press("Escape")
    expect(frame.locator("#embed-hint")).to_be_visible()
    page.keyboard.press("ArrowRight")  # now the deck's: the next slide, not the next step
    assert page.evaluate("window.deckKeys") == ["ArrowRight"]
    expect(frame.locator(".step-counter")).to_contain_text("2 / 15")


SIZES = [(960, 540), (480, 270), (1920, 1080)]


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_each_theme_fills_the_frame_without_scrollbars_or_clipping(page: Page, server: str, watch: Watch, theme: str,
                                                                    width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/embed?preset=mazur&step=7&theme={theme}")
    expect(page.locator('[data-id="c-2-0-0"]')).to_be_attached()
    expect(page.locator(".step-counter")).to_contain_text("8 / 15")
    page.wait_for_function(DRAWING_FITS_ITS_BOX)  # measure the drawing made for the settled page
    assert page.locator("html").get_attribute("data-theme") == theme
    sizes = page.evaluate("""() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const f = document.querySelector('.caption-formula');
      return {doc: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
              formula: [f.scrollWidth, f.clientWidth], svg: box('#network svg'), controls: box('.control-bar'),
              caption: box('#caption'), bg: getComputedStyle(document.body).backgroundColor,
              counter: [...document.querySelectorAll('.step-counter')].map((c) => [c.scrollWidth, c.clientWidth]),
              heading: [...document.querySelectorAll('#caption h2')].filter((h) => h.getClientRects().length)
                .map((h) => parseFloat(getComputedStyle(h).fontSize))};
    }""")
    assert sizes["doc"] == [width, height], "no scrollbars"
    assert sizes["formula"][0] <= sizes["formula"][1], "the formula fits its line"
    for part in ("svg", "controls", "caption"):
        box = sizes[part]
        assert box["x"] >= 0 and box["y"] >= 0 and box["right"] <= width + 0.5 and box["bottom"] <= height + 0.5, part
        assert box["width"] > 0 and box["height"] > 0, part
    assert (sizes["bg"] == "rgb(20, 23, 27)") == (theme == "dark")
    if width >= 960:  # the counter is whole, and the caption's heading names the step in readable type
        assert all(scroll <= client for scroll, client in sizes["counter"]), sizes["counter"]
        assert sizes["heading"] and min(sizes["heading"]) >= (16 if theme == "projector" else 13), sizes["heading"]
    shot(page, f"embed-{theme}-{width}x{height}")
    assert watch.errors == [] and watch.foreign_requests() == []


def test_quiz_mode_hides_the_numbers_until_asked(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset=mazur&step=4&numbers=hide&focus=on")
    expect(page.locator('[data-id="n-2-0"] .bl-val')).to_have_text("?")
    assert "is-focus" in (page.locator("#network svg").get_attribute("class") or "")
    expect(page.locator("#caption")).not_to_contain_text("0.2984")
    page.get_by_role("button", name="Show the formula with its numbers").click()
    expect(page.locator("#caption")).to_contain_text("0.2984")
    page.locator('[data-id="n-2-0"]').click()
    expect(page.locator('[data-id="n-2-0"] .bl-val')).not_to_have_text("?")
    shot(page, "embed-quiz-960x540")


def test_formulas_hide_and_autoplay_with_speed(page: Page, server: str) -> None:
    page.goto(f"{server}/embed?preset=chain&formulas=hide&autoplay=on&speed=8")
    expect(page.locator('[data-control="play"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".caption-formula")).to_be_empty()
    expect(page.locator(".step-counter")).not_to_contain_text("1 / ", timeout=5000)


def test_the_link_to_the_full_page_carries_the_current_step(page: Page, server: str) -> None:
    page.goto(f"{server}/embed?preset=xor&step=2&theme=dark")
    expect(page.locator(".step-counter")).to_contain_text("3 / ")
    page.locator("#caption").click()
    page.keyboard.press("ArrowRight")
    link = page.locator("#embed-open")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener"
    url = urlparse(link.get_attribute("href") or "")
    assert url.path == "/"
    assert {k: v[0] for k, v in parse_qs(url.query).items()} == {"preset": "xor", "step": "3", "theme": "dark"}


def test_the_standalone_file_steps_from_disk_without_a_single_request(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/?preset=mazur&step=2")
    expect(page.locator('[data-id="n-1-0"]')).to_be_visible()
    page.locator("#share").click()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("standalone")).click()
    download = info.value
    assert download.suggested_filename == "backprop-lens-mazur.html"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    offline = page.context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    offline.on("pageerror", lambda e: errors.append(str(e)))
    offline.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    offline.set_viewport_size({"width": 960, "height": 540})
    offline.goto(path.as_uri())
    expect(offline.locator(".step-counter")).to_contain_text("3 / 15")
    offline.keyboard.press("ArrowRight")
    offline.keyboard.press("ArrowRight")
    expect(offline.locator(".step-counter")).to_contain_text("5 / 15")
    expect(offline.locator("#caption")).to_contain_text("0.2984")
    offline.keyboard.press("ArrowRight")  # a step with motion (∂C/∂a travelling back), to its end
    expect(offline.locator(".step-counter")).to_contain_text("6 / 15")
    expect(offline.locator("#network .bl-anim .bl-pulse").first).to_be_attached()
    expect(offline.locator("#network .bl-anim")).to_have_count(0)  # the animation ran: it must not fetch anything either
    offline.keyboard.press("End")
    expect(offline.locator(".step-counter")).to_contain_text("15 / 15")
    shot(offline, "embed-standalone-file-960x540")
    assert requests == [path.as_uri()]
    assert errors == []
    assert offline.locator("#embed-open").count() == 0, "no link to a server the file may not have"


@pytest.mark.parametrize(("query", "said", "shown"), [
    ("preset=nosuch", "a preset named 'nosuch'", "Mazur's worked example (2-2-2 sigmoid) is shown."),
    ("preset=xor&loss=cross_entropy", "could not be computed", "is shown as the preset has it"),
])
def test_a_link_that_cannot_be_used_shows_the_preset_beside_a_note_and_steps(page: Page, server: str, watch: Watch,
                                                                             query: str, said: str, shown: str) -> None:
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?{query}")
    note = page.locator("#embed-status")
    expect(note).to_contain_text(said)
    expect(note).to_contain_text(shown)
    assert "choose another" not in note.inner_text()  # the embed has no picker
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    page.locator("#network").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")
    expect(page.locator(".step-counter")).to_contain_text("2 / ")
    note.click()
    expect(note).to_be_hidden()
    assert [e for e in watch.errors if not e.startswith("Failed to load resource")] == []  # the refused answer itself


# The counter at STEP and the drawing made for the settled page (conftest's read_when waits for both at once).
AT_STEP = """(() => { const fits = DRAWING_FITS;
  return () => ({at: (document.querySelector('.step-counter')?.textContent ?? '').includes('STEP'), fits: fits()}); })()""" \
    .replace("DRAWING_FITS", DRAWING_FITS_ITS_BOX)

# Every caption element that shows words or numbers, with what would cut it: more content than its box in
# either direction (an ellipsis, a line clamp or plain overflow all leave scroll sizes above client sizes),
# its font size, and, for the formula (MathML whose ink may pass its box by a margin), the drawn maths' box
# against the formula's box. Hidden elements (a step without a local derivative) are left out.
CAPTION_PARTS = """() => {
  const cap = document.querySelector('#caption'), capBox = cap.getBoundingClientRect();
  const parts = [...cap.querySelectorAll('h2, .caption-text, .caption-local')].filter((e) => e.getClientRects().length)
    .map((e) => ({what: e.className || e.tagName, text: e.textContent, font: parseFloat(getComputedStyle(e).fontSize),
                  over: [e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight],
                  box: e.getBoundingClientRect().toJSON()}));
  const f = cap.querySelector('.caption-formula'), m = f.querySelector('math');
  const fb = f.getBoundingClientRect(), mb = m ? m.getBoundingClientRect() : fb;
  return {parts, capBox: capBox.toJSON(), capOver: cap.scrollHeight - cap.clientHeight,
          formula: {over: f.scrollWidth - f.clientWidth, font: parseFloat(getComputedStyle(f).fontSize),
                    out: Math.max(fb.left - mb.left, mb.right - fb.right, fb.top - mb.top, mb.bottom - fb.bottom)}};
}"""


# The dark theme is laid out as the light one (tests/test_dark_theme.py): what is measured here is measured in light and projector.
@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("preset", ["mazur", "iris"])
def test_in_a_slide_every_steps_caption_is_whole_and_readable(page: Page, server: str, watch: Watch,
                                                                preset: str, theme: str) -> None:
    """At 960 × 540, a lecturer's slide, no word or number of any step's caption is cut or ellipsized, and its
    words are at least 12 px (16 px on a projector, the heading too)."""
    page.set_viewport_size({"width": 960, "height": 540})
    page.goto(f"{server}/embed?preset={preset}&theme={theme}")
    expect(page.locator(".step-counter")).to_contain_text("1 / ")
    total = int(re.search(r"1 / (\d+)", counter(page)).group(1))  # type: ignore[union-attr]
    smallest = 16 if theme == "projector" else 12
    page.locator("#caption").click()
    for step in range(1, total + 1):  # the step drawn (its counter, its drawing the size of its box), then read: one round trip
        where = f"step {step} of {preset} in {theme}"
        seen = read_when(page, AT_STEP.replace("STEP", f"{step} / {total}"), CAPTION_PARTS, where)
        assert seen["capOver"] <= 0, f"{where}: the caption's content is taller than its box"
        for part in seen["parts"]:
            assert part["over"][0] <= 0 and part["over"][1] <= 0, f"{where}: {part['what']} is cut: {part}"
            assert part["font"] >= smallest, f"{where}: {part['what']} is {part['font']} px"
            assert part["box"]["bottom"] <= seen["capBox"]["bottom"] + 0.5, f"{where}: {part['what']} below the caption"
        assert seen["formula"]["over"] <= 0 and seen["formula"]["out"] <= 0.5, f"{where}: the formula is cut {seen}"
        if step in (1, 10):
            shot(page, f"embed-caption-{preset}-{theme}-step{step}-960x540")
        page.keyboard.press("ArrowRight")
    assert watch.errors == []
