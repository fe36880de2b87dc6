"""The Export menu, used like a lecturer would: an SVG and a PNG for slides, the trace, a scenario
file saved and opened again, the NumPy script; and a bad file that changes nothing."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
from playwright.sync_api import Download, Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)
SVG = "{http://www.w3.org/2000/svg}"


def open_page(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('[data-id="n-2-0"]')).to_be_visible()


def export(page: Page, action: str) -> Download:
    """Choose `action` from the Export menu and return the download it starts."""
    page.locator("#export-button").click()
    with page.expect_download() as info:
        page.locator(f'#export-menu [data-export="{action}"]').click()
    return info.value


def saved(download: Download, tmp_path: Path) -> Path:
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def query(url: str) -> dict[str, list[str]]:
    """The page state in a URL, independent of the order of its keys; the default preset is implied."""
    return {"preset": ["mazur"], **parse_qs(urlsplit(url).query)}


def open_scenario(page: Page, path: Path) -> None:
    page.locator("#export-file").set_input_files(str(path))


@pytest.mark.parametrize(("preset", "units"), [("mazur", 6), ("iris", 12)])
def test_the_svg_is_self_contained_and_draws_every_neuron(page: Page, server: str, watch: Watch, tmp_path: Path,
                                                         preset: str, units: int) -> None:
    open_page(page, server, f"preset={preset}&step=7&theme=dark")
    download = export(page, "svg")
    assert download.suggested_filename == f"{preset}-step-8.svg"
    text = saved(download, tmp_path).read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    assert all(root.get(a) for a in ("width", "height", "viewBox"))
    assert len(root.findall(f".//{SVG}g[@data-kind='neuron']/{SVG}circle")) == units
    assert len(root.findall(f".//{SVG}g[@data-kind='neuron']")) == units
    hrefs = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("href")]
    assert all(h.startswith("#") for h in hrefs)
    assert re.findall(r"url\((?!#)", text) == []  # only references inside the file
    assert "var(--" not in text  # theme colours are resolved
    body = root.find(f".//{SVG}g[@data-kind='neuron']/{SVG}circle")
    assert "fill:rgb(" in body.get("style", "")  # the value's colour, resolved
    assert "rgb(20, 23, 27)" in text  # the dark theme's background
    assert watch.errors == [] and watch.foreign_requests() == []


def test_the_png_is_twice_the_size_on_screen(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, server, "preset=mazur&step=4")
    expect(page.locator("#network svg.bl-network")).to_be_visible()
    box = page.evaluate("(() => { const r = document.querySelector('#network svg.bl-network').getBoundingClientRect();"
                        " return {width: r.width, height: r.height}; })()")
    download = export(page, "png")
    assert download.suggested_filename == "mazur-step-5.png"
    width, height = png_size(saved(download, tmp_path))
    assert (width, height) == (round(box["width"]) * 2, round(box["height"]) * 2)


def test_the_trace_json_is_exactly_the_apis_answer(page: Page, server: str, tmp_path: Path) -> None:
    with page.expect_response(lambda r: r.url.endswith("/api/scenario/step")) as answer:
        open_page(page, server, "preset=xor&step=2")
    download = export(page, "trace")
    assert download.suggested_filename == "xor-step-3.trace.json"
    text = saved(download, tmp_path).read_text(encoding="utf-8")
    assert text.startswith("{\n  ")  # pretty-printed
    assert json.loads(text) == answer.value.json()["step"]


def test_a_scenario_saved_and_opened_again_restores_the_view(page: Page, server: str, watch: Watch,
                                                            tmp_path: Path) -> None:
    open_page(page, server, "preset=mazur&step=8&sel=c2.0.0&edits=W2.0.0:0.9;b1.1:-0.2&lr=0.25")
    url = page.url
    before = json.loads(saved(export(page, "trace"), tmp_path).read_text())
    scenario = saved(export(page, "scenario"), tmp_path)
    assert scenario.name == "mazur-step-9.scenario.json"
    data = json.loads(scenario.read_text())
    assert data["format"] == "backprop-lens-scenario" and data["version"] == 1
    assert data["request"]["model"]["weights"][1][0][0] == 0.9 and data["state"]["step"] == 8

    page.locator("#preset").select_option("xor")
    expect(page.locator('[data-id="n-2-1"]')).to_have_count(0)
    open_scenario(page, scenario)
    expect(page.locator("#export-message")).to_contain_text("Opened mazur-step-9.scenario.json")
    assert query(page.url) == query(url)
    expect(page.locator(".step-counter")).to_contain_text("9 / 15")
    expect(page.locator('[data-id="n-2-1"]')).to_be_visible()
    after = json.loads(saved(export(page, "trace"), tmp_path).read_text())
    assert after["model"] == before["model"] and after["loss"] == before["loss"]
    assert watch.errors == []


def test_a_scenario_with_edited_drawn_weights_restores_every_weight(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, server, "preset=iris&seed=3&edits=W1.0.0:0.5&step=3")
    before = json.loads(saved(export(page, "trace"), tmp_path).read_text())
    scenario = saved(export(page, "scenario"), tmp_path)
    page.locator("#preset").select_option("mazur")
    expect(page.locator('[data-id="n-1-4"]')).to_have_count(0)
    open_scenario(page, scenario)
    expect(page.locator("#export-message")).to_contain_text("Opened")
    expect(page.locator('[data-id="n-1-4"]')).to_be_visible()
    after = json.loads(saved(export(page, "trace"), tmp_path).read_text())
    assert after["model"]["weights"] == before["model"]["weights"]
    assert after["model"]["weights"][0][0][0] == 0.5
    assert after["loss"] == before["loss"]


@pytest.mark.parametrize(("content", "message"), [
    ("this is not json", "not JSON"),
    ('{"format": "something-else", "version": 1}', '"format" is "something-else"'),
    ('{"format": "backprop-lens-scenario", "version": 1, "state": {}}', '"request" is missing'),
    ('{"format": "backprop-lens-scenario", "version": 1, "state": {}, "request": {"model": {"sizes": [2, 2],'
     ' "activations": ["sigmoid"], "loss": "half_sse"}, "inputs": [[1, 2, 3]], "targets": [[1, 0]]}}',
     "sizes are not consistent"),
    ('{"format": "backprop-lens-scenario", "version": 1, "state": {}, "request": {"model": {"sizes": [2, 2, 2],'
     ' "activations": ["softmax", "softmax"], "loss": "cross_entropy"}, "inputs": [[1, 2]], "targets": [[1, 0]]}}',
     "softmax is only allowed on the output layer"),
])
def test_a_bad_scenario_file_says_what_is_wrong_and_changes_nothing(page: Page, server: str, watch: Watch,
                                                                    tmp_path: Path, content: str, message: str) -> None:
    open_page(page, server, "preset=mazur&step=5")
    url, counter = page.url, page.locator(".step-counter").inner_text()
    path = tmp_path / "<img src=x>.json"
    path.write_text(content, encoding="utf-8")
    open_scenario(page, path)
    note = page.locator("#export-message")
    expect(note).to_contain_text(message)
    expect(note).to_contain_text("<img src=x>.json")  # the file name, as text
    assert note.locator("img").count() == 0
    assert page.url == url and page.locator(".step-counter").inner_text() == counter
    shot(page, "export-bad-scenario")
    assert [e for e in watch.errors if "422" not in e] == []  # the refused request logs its 422, nothing else


def test_the_numpy_script_downloads_as_python(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, server, "preset=mazur")
    download = export(page, "numpy")
    assert download.suggested_filename == "backprop_lens_mazur.py"
    source = saved(download, tmp_path).read_text(encoding="utf-8")
    assert source.startswith("#!/usr/bin/env python3") and "import numpy as np" in source
    compile(source, download.suggested_filename, "exec")


def test_the_jupyter_notebook_downloads_as_a_valid_ipynb_of_the_pages_step(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, server, "preset=mazur&lr=0.25")
    download = export(page, "notebook")
    assert download.suggested_filename == "backprop_lens_mazur.ipynb"
    nb = nbformat.read(saved(download, tmp_path), as_version=4)
    nbformat.validate(nb)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "learning_rate = 0.25" in code and "W[1] = np.array([\n    [0.15, 0.2]," in code  # the page's scenario
    expect(page.locator("#export-message")).to_contain_text("Saved backprop_lens_mazur.ipynb.")


def test_the_menu_works_from_the_keyboard_without_stepping_the_trace(page: Page, server: str) -> None:
    open_page(page, server, "preset=mazur&step=3")
    page.locator("#export-button").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator('[data-export="svg"]')).to_be_focused()
    for key, action in [("ArrowDown", "png"), ("End", "open"), ("ArrowDown", "svg"), ("ArrowUp", "open"),
                        ("Home", "svg")]:
        page.keyboard.press(key)
        expect(page.locator(f'[data-export="{action}"]')).to_be_focused()
    expect(page.locator(".step-counter")).to_contain_text("4 / 15")
    expect(page.get_by_role("menu", name="Export")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu", name="Export")).to_be_hidden()
    expect(page.locator("#export-button")).to_be_focused()
    expect(page.locator("#export-button")).to_have_attribute("aria-expanded", "false")


def test_an_image_export_from_another_view_shows_the_network_first(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/?preset=mazur&view=table&step=2")
    expect(page.locator("#table table").first).to_be_visible()
    expect(page.locator("#network")).to_be_hidden()
    download = export(page, "svg")
    root = ET.fromstring(saved(download, tmp_path).read_bytes())
    assert len(root.findall(f".//{SVG}g[@data-kind='neuron']")) == 6
    expect(page.locator("#network")).to_be_visible()
    expect(page.locator("#export-message")).to_contain_text("Saved mazur-step-3.svg")


def test_a_click_elsewhere_closes_the_menu(page: Page, server: str) -> None:
    open_page(page, server, "preset=mazur")
    page.locator("#export-button").click()
    expect(page.get_by_role("menu", name="Export")).to_be_visible()
    page.locator("#caption").click()
    expect(page.get_by_role("menu", name="Export")).to_be_hidden()
