"""Regenerates the README's screenshots from the real page, so they never show a page that no longer
exists: starts the server on a free port, opens each scene in Debian's Chromium (Playwright, the
browser tests' flags) at 1280×800 with reduced motion, waits until the page says the scene is
ready, and writes static/img/screenshot-<name>.png.

    python scripts/screenshots.py               # every scene
    python scripts/screenshots.py train deep    # only these
    python scripts/screenshots.py --out /tmp    # somewhere else

Look at every image before committing it."""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bench")]
from serve import serve  # noqa: E402  (the benchmarks' server: uvicorn in a child process on a free port)

from tests.browser.conftest import CHROMIUM_FLAGS  # noqa: E402  (one list of flags for tests and screenshots)

VIEWPORT = {"width": 1280, "height": 800}


def network_ready(page: Page) -> None:
    expect(page.locator("#network svg")).to_be_visible()
    expect(page.locator("#caption h2")).not_to_be_empty()


def trained(steps: int) -> Callable[[Page], None]:
    """Train to `steps` at the fastest pace and wait until the view reports them done."""

    def ready(page: Page) -> None:
        expect(page.locator(".train-status")).to_have_attribute("data-done", "0")
        page.locator('[data-field="train-speed"]').select_option("fast")
        page.locator('[data-field="train-target"]').fill(str(steps))
        page.locator('[data-train="run"]').click()
        expect(page.locator(".train-status")).to_have_attribute("data-done", str(steps), timeout=60_000)
        expect(page.locator('[data-train="run"]')).to_have_text(re.compile("Run"))

    return ready


@dataclass(frozen=True)
class Scene:
    name: str
    url: str
    ready: Callable[[Page], None]
    about: str  # what the picture shows: the README's alt text says the same


SCENES = [
    Scene("mazur", "/?preset=mazur&step=7&sel=c2.0.0", network_ready,
          "Mazur's 2-2-2 network at step 8: ∂C/∂w on each edge of layer 2, the gradient of w₁₁⁽²⁾ in the caption and the inspector"),
    Scene("train", "/?preset=deep-sigmoid&view=train", trained(300),
          "The deep-sigmoid preset after 300 training steps: the loss stuck near 0.69 and the first layer learning far slower than the last"),
    Scene("deep", "/?preset=deep-relu&step=30", network_ready,
          "The six-layer relu network at step 31: the timeline folded to layers, the current layer's steps open"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"scenes to take (default: all of {', '.join(s.name for s in SCENES)})")
    parser.add_argument("--out", type=Path, default=ROOT / "static" / "img", help="folder for the PNG files")
    args = parser.parse_args(argv)
    unknown = set(args.names) - {s.name for s in SCENES}
    if unknown:
        parser.error(f"no scene named {', '.join(sorted(unknown))}")
    chromium = shutil.which("chromium")
    if chromium is None:
        parser.error("Debian's chromium is not installed (apt-get install -y chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with serve() as server, sync_playwright() as pw:
        base = server.base
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            for scene in SCENES:
                if args.names and scene.name not in args.names:
                    continue
                page = browser.new_page(viewport=VIEWPORT, reduced_motion="reduce")
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023 (used before the next scene)
                page.goto(base + scene.url)
                scene.ready(page)
                page.evaluate("document.fonts.ready")
                path = args.out / f"screenshot-{scene.name}.png"
                page.screenshot(path=str(path))
                page.close()
                if errors:
                    raise RuntimeError(f"{scene.name}: the page reported {errors}")
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {scene.about}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
