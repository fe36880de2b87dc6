"""The stepping view at the sizes people use: the error visibly flows backward on every step that
moves values along connections, and the drawing's text is readable on a laptop and a projector."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect

from tests.browser import reuse
from tests.browser.conftest import DRAWING_FITS_ITS_BOX, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

# (name, path, viewport, theme): the page on laptops and a desktop, the embed as a lecturer's slide
SIZES = [
    ("page-1280x800", "/", (1280, 800), "light"),
    ("page-1366x768", "/", (1366, 768), "light"),
    ("page-1920x1080", "/", (1920, 1080), "light"),
    ("embed-960x540", "/embed", (960, 540), "light"),
    ("embed-960x540-projector", "/embed", (960, 540), "projector"),
]
IDS = [s[0] for s in SIZES]

# Presses `key` (a keydown on the focused element, as the keyboard sends it) and samples the drawing
# on every animation frame for `ms` of the animation timeline's own time (document.timeline, which
# DevTools' Animation.setPlaybackRate slows or speeds with every animation): [timeline ms since the key,
# pulses on screen (opacity > 0), the furthest progress (0..1) of a pulse's run, pulses added to the
# step's motion since the key]. Progress is the animation's own clock, so a slow machine that draws the
# step late cannot fake a gap; a run cut short never reaches a late progress. A run that finishes (its
# `finished` promise resolves; a cancelled run's rejects) counts with the progress it finished at (1 for
# a whole run), even if no frame was drawn between its last 20 % and its end. Pulses added are counted
# as they are added (a MutationObserver), so a pulse that a sped-up clock runs through between two
# frames is still seen. With `untilRunEnds`, sampling stops early once pulses have run and none is
# running any more.
PRESS_AND_SAMPLE = """async ([key, ms, untilRunEnds]) => {
  const clock = () => document.timeline.currentTime;
  const out = [];
  const seen = new Set();
  let finishedAt = -1;
  let ran = false;
  let added = 0;
  const pulsesIn = (n) => (n.nodeType === 1 ? [...(n.matches('.bl-pulse') ? [n] : []), ...n.querySelectorAll('.bl-pulse')] : []);
  const watch = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) added += pulsesIn(n).filter((p) => p.closest('.bl-anim')).length;
  });
  watch.observe(document.querySelector('#network'), { childList: true, subtree: true });
  const t0 = clock();
  if (key) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await Promise.resolve();  // the observer's records of what the key added synchronously
  while (clock() - t0 < ms) {
    await new Promise((r) => requestAnimationFrame(r));
    const pulses = [...document.querySelectorAll('#network .bl-anim .bl-pulse')];
    const shown = pulses.filter((p) => Number(getComputedStyle(p).opacity) > 0.05).length;
    const runs = pulses.flatMap((p) => p.getAnimations());
    for (const a of runs) {
      if (!seen.has(a)) a.finished.then(() => { finishedAt = Math.max(finishedAt, a.effect.getComputedTiming().progress ?? -1); }, () => {});
      seen.add(a);
    }
    const progress = Math.max(finishedAt, ...runs.map((a) => a.effect.getComputedTiming().progress ?? -1));
    out.push([clock() - t0, shown, progress, added]);
    const running = runs.some((a) => a.playState === 'running');
    if (untilRunEnds && ran && !running) break;
    ran ||= running;
  }
  watch.disconnect();
  return out;
}"""
# The same, started in the page without waiting for it (window.sampled holds its promise), so that
# several pages sample one step at once.
START_SAMPLING = "(args) => { window.sampled = (" + PRESS_AND_SAMPLE + ")(args); }"

# The page's animation clock slowed to this rate (DevTools' Animation.setPlaybackRate) while a moving
# step is sampled: the page's own durations are unchanged, but a run lasts 1/QUICK as long on the wall
# clock, enough for a dozen frames mid-run on a machine that draws one every 50 ms ...
QUICK = 0.5
# ... and where the machine drew fewer than three mid-run, the same run once more, slowed to this rate, so
# a loaded machine that draws a frame every 600 ms still samples its middle. Only a lack of frames sends a
# step round again: pulses missing, stopping early or never arriving fail at once.
SLOW = 0.15
# ... and sped up to this rate while a step that moves nothing is watched for 1100 ms of its own time
# (the longest motion of a step, 800 ms, and more): no pulse may appear in it.
FAST = 10

# Every text of the drawing with its rendered size in CSS px (font size × the SVG's scale).
TEXT_SIZES = """() => {
  const svg = document.querySelector('#network svg');
  const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0)
    .map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
}"""


def steps_of(server: str, preset: str) -> list[dict]:
    """The preset's step script, from the API itself."""
    body = urllib.request.urlopen(f"{server}/api/presets/{preset}", timeout=10).read()
    req = urllib.request.Request(f"{server}/api/step", data=body, headers={"Content-Type": "application/json"})
    return list(json.loads(urllib.request.urlopen(req, timeout=10).read())["steps"])


def open_view(page: Page, server: str, path: str, size: tuple[int, int], theme: str, query: str = "") -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server}{path}?preset=mazur&theme={theme}{query}")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    if path == "/embed":
        page.locator("#network").click(position={"x": 5, "y": 5})  # the frame gets the keyboard
    else:
        page.locator("#stage").focus()


def counter_at(page: Page, index: int) -> None:
    expect(page.locator(".step-counter")).to_contain_text(f"{index + 1} / ")


# The pulses' run (its timing and its fading) is the same at every size of one layout: 1366×768 is
# 1280×800's desktop layout (the readable-text test below keeps all five).
PULSE_SIZES = [s for s in SIZES if s[0] != "page-1366x768"]


def test_pulses_travel_throughout_every_step_that_moves_values(browser: Browser, server: str) -> None:
    """Every size at once, one page each: each step is pressed in every page and sampled in all of
    them together (their clocks are their own), so the slowed runs of the moving steps take the
    wall-clock time of one size, not four."""
    steps = steps_of(server, "mazur")
    moving = {i for i, s in enumerate(steps) if s["quantity"] in ("z", "loss", "grad_a")}
    assert sum(steps[i]["quantity"] == "grad_a" for i in moving) == 2
    views: list = []
    figures: dict[str, list] = {s[0]: [] for s in PULSE_SIZES}
    slowed: dict[str, list] = {s[0]: [] for s in PULSE_SIZES}
    try:
        for name, path, size, theme in PULSE_SIZES:
            page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
            views.append((name, page, page.context.new_cdp_session(page)))
            open_view(page, server, path, size, theme)
            page.keyboard.press("Home")
            counter_at(page, 0)
            views[-1][2].send("Animation.enable")
        for i in range(1, len(steps)):
            for _, page, clock in views:
                start_sampling(page, clock, "ArrowRight", QUICK if i in moving else FAST, i in moving)
            for name, page, clock in views:
                samples = page.evaluate("window.sampled")
                counter_at(page, i)
                if i in moving and len(mid_run(samples)) < 3:  # too few frames drawn mid-run: back, and the run again slower
                    start_sampling(page, clock, "ArrowLeft", FAST, True)
                    page.evaluate("window.sampled")
                    counter_at(page, i - 1)
                    start_sampling(page, clock, "ArrowRight", SLOW, True)
                    samples = page.evaluate("window.sampled")
                    counter_at(page, i)
                    slowed[name].append(i)
                if i in moving:
                    middle = mid_run(samples)
                    assert len(middle) >= 3, f"{name}: too few frames sampled at step {i} ({samples})"
                    assert min(middle) > 0, f"{name}: step {i} ({steps[i]['quantity']}) lost its pulses: {samples}"
                    assert max(p for _, _, p, _ in samples) >= 0.8, f"{name}: step {i}'s pulses stopped early: {samples}"
                    assert samples[-1][3] > 0, f"{name}: step {i}'s pulses were not seen arriving: {samples}"
                    figures[name].append((steps[i]["quantity"], steps[i]["layer"], len(middle), min(middle)))
                else:
                    assert samples[-1][0] >= 1100, f"{name}: step {i} watched for too short a time: {samples}"
                    assert max(n for _, n, _, _ in samples) == 0 and samples[-1][3] == 0, \
                        f"{name}: step {i} ({steps[i]['quantity']}) moves nothing: {samples}"
    finally:
        for _, page, _ in views:
            page.context.close()
    for name, found in figures.items():
        print(name, "pulses (quantity, layer, frames sampled mid-run, fewest pulses on screen):", found, "run again slower:", slowed[name])


def start_sampling(page: Page, clock: CDPSession, key: str, rate: float, moving: bool) -> None:
    """Set the page's animation clock to `rate` and start sampling `key`'s step (window.sampled holds the samples)."""
    clock.send("Animation.setPlaybackRate", {"playbackRate": rate})
    page.evaluate(START_SAMPLING, [key, 1100, moving])


def mid_run(samples: list) -> list[int]:
    """Pulses on screen in each frame drawn in the middle of the run: they fade in over its first 12 % and out over its last
    12 % (≥ 600 ms at 1×)."""
    return [n for _, n, p, _ in samples if 0.15 <= p <= 0.85]


def test_a_redraw_in_the_middle_of_a_step_carries_its_pulses_on(page: Page, server: str) -> None:
    open_view(page, server, "/", (1280, 800), "light", "&step=4&speed=0.25")  # a 3.2 s step next
    counter_at(page, 4)
    page.evaluate("document.querySelector('#network svg').dataset.old = 'yes'")
    # ∂C/∂a of the output: from the cost box back to the outputs; let it run past its fade-in
    before = page.evaluate(PRESS_AND_SAMPLE, ["ArrowRight", 600])
    page.set_viewport_size({"width": 1250, "height": 790})  # the drawing is drawn anew
    expect(page.locator("#network svg[data-old]")).to_have_count(0)
    after = page.evaluate(PRESS_AND_SAMPLE, [None, 800])
    middle = [n for _, n, p, _ in after if 0.15 <= p <= 0.85]
    assert len(middle) >= 3, after  # the run goes on in the new drawing
    assert min(middle) > 0, after
    assert min(p for _, _, p, _ in after) >= max(p for _, _, p, _ in before), (before, after)  # carried on, not restarted


def test_reduced_motion_steps_without_pulses(page: Page, server: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    open_view(page, server, "/", (1280, 800), "light", "&step=4")
    samples = page.evaluate(PRESS_AND_SAMPLE, ["ArrowRight", 300])  # into ∂C/∂a of the output, which has pulses
    counter_at(page, 5)
    assert max(n for _, n, _, _ in samples) == 0


@pytest.mark.parametrize(("name", "path", "size", "theme"), SIZES, ids=IDS)
def test_every_text_of_the_drawing_is_readable(shared_page: Page, server: str, name: str, path: str,
                                               size: tuple[int, int], theme: str) -> None:
    page = shared_page
    page.emulate_media(reduced_motion="reduce")  # each step drawn without its motion (a value's pop grows its text)
    smallest = 16 if theme == "projector" else 12
    sizes = []
    open_view(page, server, path, size, theme, "&step=0")
    for step, keys in ((0, []), (7, ["ArrowRight"] * 7), (14, ["End"])):  # one load, then the keys
        for key in keys:
            page.keyboard.press(key)
        counter_at(page, step)
        page.wait_for_function(DRAWING_FITS_ITS_BOX)
        texts = page.evaluate(TEXT_SIZES)
        assert texts
        small = [(t, round(px, 2)) for t, px in texts if px < smallest - 0.01]
        assert small == [], f"{name} step {step}: text under {smallest} px: {small[:5]}"
        sizes += [px for _, px in texts]
    print(name, f"drawing text sizes: {min(sizes):.2f}–{max(sizes):.2f} px")
    shot(page, f"stepping-{name}")


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)], ids=["1280x800", "1366x768"])
@pytest.mark.parametrize("preset", ["mazur", "chain", "xor"])
def test_small_networks_show_their_weights_the_gradient_and_the_update_on_the_edges(
        shared_page: Page, server: str, preset: str, size: tuple[int, int]) -> None:
    page = shared_page
    steps = steps_of(server, preset)
    grad = next(i for i, s in enumerate(steps) if s["quantity"] == "grad_weights")
    update = len(steps) - 1
    page.set_viewport_size({"width": size[0], "height": size[1]})
    body = json.loads(urllib.request.urlopen(f"{server}/api/presets/{preset}", timeout=10).read())
    sizes = body["model"]["sizes"]
    links = sum(a * b for a, b in zip(sizes, sizes[1:], strict=False))
    labels = page.locator("#network .bl-wlabel")
    page.emulate_media(reduced_motion="reduce")  # each step drawn without its motion
    page.goto(f"{server}/?preset={preset}&step=0")
    expect(labels).to_have_count(links)
    assert all(lbl.replace(".", "").replace("−", "").isdigit() for lbl in labels.all_text_contents())
    page.locator("#stage").focus()
    for _ in range(grad):  # one load, then → to the step of ∂C/∂W
        page.keyboard.press("ArrowRight")
    counter_at(page, grad)
    layer = steps[grad]["layer"]
    grads = page.locator(f'#network .bl-link[data-layer="{layer}"] .bl-wlabel')
    expect(grads.filter(has_text=re.compile(r"^∂C/∂w = "))).to_have_count(sizes[layer] * sizes[layer - 1])
    for text in grads.all_text_contents():
        assert text.startswith("∂C/∂w = "), text
    page.keyboard.press("End")  # the update
    counter_at(page, update)
    expect(labels.filter(has_text="→")).to_have_count(links)
    expect(labels).to_have_count(links)


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_a_480x270_frame_clips_nothing(shared_page: Page, server: str, theme: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 480, "height": 270})
    page.goto(f"{server}/embed?preset=mazur&step=14&theme={theme}")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    outside = page.evaluate("""() => {
      const svg = document.querySelector('#network svg').getBoundingClientRect();
      return [...document.querySelectorAll('#network svg :is(text, circle, rect)')].filter((e) => {
        const b = e.getBoundingClientRect();
        return b.width > 0 && (b.left < svg.left - 0.5 || b.right > svg.right + 0.5 || b.top < svg.top - 0.5
          || b.bottom > svg.bottom + 0.5 || b.right > innerWidth || b.bottom > innerHeight);
      }).map((e) => e.textContent || e.tagName);
    }""")
    assert outside == []
    shot(page, f"stepping-embed-480x270-{theme}")
