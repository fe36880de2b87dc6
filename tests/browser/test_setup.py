"""The set-up form always shows what is drawn: a refused change stays in it, marked, with the
reason next to the field; related fields are applied together; Revert and Reset to preset."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser import reuse
from tests.browser.conftest import Watch, shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def out_header(page: Page) -> str:
    return page.locator("#network .bl-header.bl-sub").last.text_content() or ""


def in_view(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).evaluate("""(e) => { const r = e.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"""))


def open_setup(page: Page, server: str, query_text: str = "") -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur{query_text}")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()


def test_a_refused_change_stays_marked_and_related_fields_apply_together(page: Page, server: str, watch: Watch) -> None:
    open_setup(page, server)
    setup = page.locator("#setup")
    loss = setup.locator('[data-field="loss"]')
    loss.select_option("cross_entropy")  # refused: cross-entropy needs a softmax output
    expect(setup.locator('[data-error-for="loss"]')).to_contain_text("softmax")
    assert in_view(page, '#setup [data-error-for="loss"]')
    expect(loss).to_have_value("cross_entropy")  # the asked-for value stays, marked
    expect(loss).to_have_attribute("aria-invalid", "true")
    expect(setup.locator(".setup-draft")).to_be_visible()
    assert "loss" not in query(page)  # the URL and the drawing are still the old network
    assert out_header(page) == "sigmoid · out"
    shot(page, "setup-refused")

    setup.locator('[data-field="activations.1"]').select_option("softmax")  # still refused: the targets
    expect(setup.locator('[data-error-for="targets"]')).to_contain_text("one-hot")
    expect(loss).to_have_value("cross_entropy")
    assert "loss" not in query(page) and out_header(page) == "sigmoid · out"

    setup.locator('[data-field="targets"]').fill("0, 1")
    setup.locator('[data-field="targets"]').blur()  # loss, output activation and targets, validated together
    expect(page.locator("#network .bl-header.bl-sub").last).to_have_text("softmax · out")
    expect(setup.locator(".setup-draft")).to_be_hidden()
    q = query(page)
    assert q["loss"] == ["cross_entropy"] and q["activations"] == ["sigmoid,softmax"] and q["targets"] == ["0,1"]
    expect(loss).to_have_value("cross_entropy")
    expect(setup.locator('[data-field="activations.1"]')).to_have_value("softmax")
    expect(setup.locator(".field-error:not(:empty)")).to_have_count(0)
    page.locator("#toggle-setup").click()
    page.locator("#stage").focus()
    page.keyboard.press("ArrowRight")  # the page steps the new network
    expect(page.locator(".step-counter")).to_contain_text("2 / ")
    assert watch.errors == [] or all("422" in e for e in watch.errors)


@pytest.mark.parametrize("value", ["0", "-1", "150"])
def test_eta_out_of_its_limits_is_refused_in_plain_words_and_revert_restores_the_form(page: Page, server: str,
                                                                                      value: str) -> None:
    open_setup(page, server)
    setup = page.locator("#setup")
    expect(setup.locator("#lr-limits")).to_have_text("0 < η ≤ 100")
    lr = setup.locator('[data-field="lr"]')
    lr.fill(value)
    lr.blur()
    error = setup.locator('[data-error-for="learning_rate"]')
    expect(error).to_have_text("The learning rate η must be a number above 0 and at most 100.")
    assert in_view(page, '#setup [data-error-for="learning_rate"]')
    expect(page.locator("#status")).not_to_contain_text("withState")
    expect(lr).to_have_value(value)
    assert "lr" not in query(page)
    setup.get_by_role("button", name="Revert").click()
    expect(lr).to_have_value("0.5")
    expect(error).to_be_empty()
    expect(setup.locator(".setup-draft")).to_be_hidden()
    lr.fill("0.25")  # a valid change after the refused one: form, URL and drawing agree
    lr.blur()
    expect(page.locator("#caption")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lr=0\.25(&|$)"))
    expect(lr).to_have_value("0.25")


def test_reset_to_preset_drops_every_change(page: Page, server: str) -> None:
    open_setup(page, server, "&seed=3&sizes=2,3,2&edits=W2.0.0:0.9&step=4")
    expect(page.locator('#network [data-id="n-1-2"]')).to_be_visible()
    expect(page.locator("#preset-description")).to_contain_text("changed")
    page.locator("#setup").get_by_role("button", name="Reset to preset").click()
    expect(page.locator('#network [data-id="n-1-2"]')).to_have_count(0)
    expect(page.locator("#preset-description")).to_contain_text("Matt Mazur")
    assert set(query(page)) <= {"preset"}
    expect(page.locator('#setup [data-field="sizes.1"]')).to_have_value("2")
    expect(page.locator('#network .bl-wlabel').first).to_have_text("0.1500")
