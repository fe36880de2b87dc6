"""A presenter's remote drives the lens inside a real reveal.js 6 deck opened from disk: with the
BackpropLens plugin the deck keeps the keyboard and its next and previous keys step each lens before
the slides move; without it, a frame clicked into hands the keys past its ends to the deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch
from tests.deck.reveal_deck import lens_frame, write_deck

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def slides(server: str) -> list[str]:
    """Title; Mazur (15 steps); chain from step 19 of 22 beside xor from step 13 of 15; the end."""
    return [
        "<h2>Backpropagation</h2><p>The chain rule, one step at a time.</p>",
        "<h3>Mazur's worked example</h3>" + lens_frame(f"{server}/embed?preset=mazur", "mazur"),
        "<h3>Two networks</h3><div class='pair'>"
        + lens_frame(f"{server}/embed?preset=chain&amp;step=18", "chain", 600, 340)
        + lens_frame(f"{server}/embed?preset=xor&amp;step=12", "xor", 600, 340) + "</div>",
        "<h2>Questions?</h2>",
    ]


def open_deck(page: Page, path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(path.as_uri())
    page.wait_for_function("window.deckReady === true")


def slide_index(page: Page) -> int:
    return page.evaluate("Reveal.getIndices().h")


def all_lenses_reported(page: Page) -> None:
    """Wait until the three lens frames have told the deck their step: from then on the plugin knows them."""
    page.wait_for_function("""() => ['mazur', 'chain', 'xor'].every((id) => window.lensReports
      .some((r) => r.frame === id && r.data && r.data.event === 'state'))""")


def counter(page: Page, frame_id: str) -> FrameLocator:
    return page.frame_locator(f"#{frame_id}").locator(".step-counter")


def press(page: Page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


# The last report the deck heard from frame `id` says it is at `step` (0-based).
HEARD = """([id, step]) => { const r = window.lensReports.filter((r) => r.frame === id && r.data && r.data.event === 'state').at(-1);
  return !!r && r.data.step === step; }"""


def step_lens(page: Page, keys: str | list[str], frame_id: str, steps: list[int] | range) -> None:
    """Press a key for each of `steps` (`keys` one key, or one key per step), each time waiting until the
    deck has heard the frame report that step. A presenter's pace: the plugin counts a press at once but
    takes each report as the frame's step, so a report still on its way when the next key is pressed
    puts its count back a step, and at a lens's first or last step a press would then be spent on the
    lens instead of moving on (what made this file fail when keys were pressed back to back)."""
    for key, step in zip([keys] * len(steps) if isinstance(keys, str) else keys, steps, strict=True):
        page.keyboard.press(key)
        page.wait_for_function(HEARD, arg=[frame_id, step])


@pytest.fixture()
def plugin_deck(page: Page, server: str, tmp_path: Path) -> Page:
    open_deck(page, write_deck(tmp_path, server, slides(server)))
    return page


def test_the_deck_keeps_the_keyboard_and_its_keys_step_the_lens_then_the_slides(plugin_deck: Page, watch: Watch) -> None:
    page = plugin_deck
    press(page, "ArrowRight")
    assert slide_index(page) == 1
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    all_lenses_reported(page)
    expect(page.frame_locator("#mazur").locator("#embed-hint")).to_be_hidden()  # the plugin drives it: no "Click to control"
    step_lens(page, "ArrowRight", "mazur", [1])
    expect(counter(page, "mazur")).to_contain_text("2 / 15")
    step_lens(page, ["PageDown", " ", "n"], "mazur", [2, 3, 4])
    expect(counter(page, "mazur")).to_contain_text("5 / 15")
    assert slide_index(page) == 1, "the slide stayed while the lens had steps"
    step_lens(page, ["ArrowLeft", "PageUp", "p"], "mazur", [3, 2, 1])
    expect(counter(page, "mazur")).to_contain_text("2 / 15")
    step_lens(page, "ArrowLeft", "mazur", [0])
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    press(page, "ArrowLeft")  # before the first step: the previous slide
    expect(page.locator("section.present h2")).to_have_text("Backpropagation")
    press(page, "ArrowRight")
    expect(page.locator("section.present h3")).to_have_text("Mazur's worked example")
    step_lens(page, "PageDown", "mazur", range(1, 15))
    expect(counter(page, "mazur")).to_contain_text("15 / 15")
    assert slide_index(page) == 1
    press(page, "PageDown")  # after the last step: the next slide
    expect(page.locator("section.present h3")).to_have_text("Two networks")
    expect(counter(page, "chain")).to_contain_text("19 / 22")  # arriving forward: the step its link starts at
    press(page, "PageUp")  # back: xor, the last lens of the slide, first
    expect(counter(page, "xor")).to_contain_text("12 / 15")
    assert slide_index(page) == 2
    assert watch.errors == []


def test_coming_back_to_a_slide_finds_its_lens_at_the_last_step(plugin_deck: Page) -> None:
    page = plugin_deck
    press(page, "ArrowRight")
    expect(counter(page, "mazur")).to_contain_text("1 / 15")
    all_lenses_reported(page)
    page.evaluate("Reveal.slide(3)")  # jump on past the lens, then come back with ← from the next slides
    press(page, "ArrowLeft")
    expect(page.locator("section.present h3")).to_have_text("Two networks")
    expect(counter(page, "chain")).to_contain_text("22 / 22")
    expect(counter(page, "xor")).to_contain_text("15 / 15")
    step_lens(page, "ArrowLeft", "xor", [13])  # xor, the last lens of the slide, steps back first
    expect(counter(page, "xor")).to_contain_text("14 / 15")
    expect(counter(page, "chain")).to_contain_text("22 / 22")
    step_lens(page, "ArrowLeft", "xor", range(12, -1, -1))  # 13 more presses: xor at its first step
    expect(counter(page, "xor")).to_contain_text("1 / 15")
    step_lens(page, "ArrowLeft", "chain", [20, 19])  # then chain steps back from its last
    expect(counter(page, "chain")).to_contain_text("20 / 22")
    expect(counter(page, "xor")).to_contain_text("1 / 15")
    step_lens(page, "ArrowLeft", "chain", range(18, -1, -1))
    expect(counter(page, "chain")).to_contain_text("1 / 22")
    assert slide_index(page) == 2
    press(page, "ArrowLeft")
    expect(page.locator("section.present h3")).to_have_text("Mazur's worked example")
    expect(counter(page, "mazur")).to_contain_text("15 / 15")
    press(page, "ArrowLeft")
    expect(counter(page, "mazur")).to_contain_text("14 / 15")


def test_two_lenses_on_a_slide_each_keep_their_own_step(plugin_deck: Page) -> None:
    page = plugin_deck
    page.evaluate("Reveal.slide(2)")
    expect(counter(page, "chain")).to_contain_text("19 / 22")
    expect(counter(page, "xor")).to_contain_text("13 / 15")
    all_lenses_reported(page)
    step_lens(page, "ArrowRight", "chain", [19, 20, 21])  # chain to its last step; xor waits
    expect(counter(page, "chain")).to_contain_text("22 / 22")
    expect(counter(page, "xor")).to_contain_text("13 / 15")
    step_lens(page, "ArrowRight", "xor", [13, 14])
    expect(counter(page, "xor")).to_contain_text("15 / 15")
    expect(counter(page, "chain")).to_contain_text("22 / 22")
    assert slide_index(page) == 2
    press(page, "ArrowRight")
    expect(page.locator("section.present h2")).to_have_text("Questions?")
    # the frames stay loaded (src, not data-src): going back finds both where the deck left them
    press(page, "ArrowLeft")
    expect(counter(page, "xor")).to_contain_text("15 / 15")
    expect(counter(page, "chain")).to_contain_text("22 / 22")


def test_a_deck_served_from_another_origin_drives_the_lens_the_same(page: Page, server: str, tmp_path: Path) -> None:
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tests.deck.reveal_deck import REVEAL

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    (tmp_path / "reveal").symlink_to(REVEAL, target_is_directory=True)
    deck = write_deck(tmp_path, server, [*slides(server)[:2], "<h3>Then the next layer</h3>"])
    deck.write_text(deck.read_text().replace(REVEAL.as_uri(), "reveal"))  # reveal.js from the deck's own server
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/deck.html")
        page.wait_for_function("window.deckReady === true")
        press(page, "ArrowRight")
        page.wait_for_function("window.lensReports.some((r) => r.data && r.data.event === 'state' && r.data.count === 15)")
        step_lens(page, "ArrowRight", "mazur", range(1, 15))
        expect(counter(page, "mazur")).to_contain_text("15 / 15")
        assert slide_index(page) == 1
        press(page, "ArrowRight")
        expect(page.locator("section.present h3")).to_have_text("Then the next layer")
        press(page, "ArrowLeft")
        expect(counter(page, "mazur")).to_contain_text("15 / 15")
        press(page, "ArrowLeft")
        expect(counter(page, "mazur")).to_contain_text("14 / 15")
    finally:
        httpd.shutdown()
        httpd.server_close()
