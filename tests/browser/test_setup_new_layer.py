"""The page's defaults are the engine's, from the catalogue carried in the page's HTML (GET /api/catalog): a new
hidden layer's activation (default_hidden_activation, where there is no hidden layer to copy), how new weights are
drawn (default_init), and the Train view's update rules and the one a link starts on (optimizer_notation,
rules.optimizer.default). Each test changes them in the HTML and the page follows: it holds none of its own."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser
CATALOGUE = re.compile(r'(<script type="application/json" id="bl-catalog">)(.*?)(</script>)', re.S)


def serve_catalogue(page: Page, change: Callable[[dict], dict]) -> list[dict]:
    """Route the page's HTML (`/?preset=…`) so that it carries `change(catalogue)`; returns the catalogues the server
    wrote, as it wrote them (the engine's own)."""
    served: list[dict] = []

    def rewrite(route: Route) -> None:
        html = route.fetch().text()
        written = CATALOGUE.search(html)
        assert written, "the page carries no catalogue"
        catalog = json.loads(written.group(2))
        served.append(catalog)
        changed = json.dumps(change(catalog)).replace("<", "\\u003c")
        route.fulfill(status=200, content_type="text/html", body=CATALOGUE.sub(lambda m: m.group(1) + changed + m.group(3), html))

    page.route(re.compile(r"/\?preset="), rewrite)
    return served


def open_setup(page: Page) -> None:
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()


def test_a_first_hidden_layer_takes_the_catalogues_default_activation(page: Page, server: str) -> None:
    served = serve_catalogue(page, lambda c: {**c, "default_hidden_activation": "tanh"})  # an engine that starts one as tanh
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&sizes=2,2&activations=sigmoid")  # no hidden layer to copy
    expect(page.locator('#network [data-id="n-1-1"]')).to_be_visible()
    open_setup(page)
    page.locator("#setup .add-layer").click()
    expect(page.locator("#setup [data-field='activations.0']")).to_have_value("tanh")
    expect(page.locator("#network [data-id='n-2-1']")).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["activations"] == ["tanh,sigmoid"]
    assert served and served[0]["default_hidden_activation"] == "sigmoid"  # the engine's own, changed here


def test_given_weights_show_how_new_ones_would_be_drawn_from_the_catalogues_default_init(page: Page, server: str) -> None:
    """Mazur's weights are given, so its model names no init: the set-up's Init and Seed show the server's default
    (the catalogue's default_init, changed here in the page's HTML), and so does the header once a seed is set."""
    served = serve_catalogue(page, lambda c: {**c, "default_init": {"scheme": "normal", "seed": 7}})
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('#network [data-id="n-1-1"]')).to_be_visible()
    open_setup(page)
    expect(page.locator("#setup [data-field='init']")).to_have_value("normal")
    expect(page.locator("#setup [data-field='seed']")).to_have_value("7")
    page.goto(f"{server}/?preset=mazur&seed=3")  # new weights, no scheme named
    expect(page.locator("#preset-description")).to_contain_text("new weights (normal init, seed 3)")
    assert [c["default_init"] for c in served] == [{"scheme": "xavier", "seed": 0}] * 2  # the engine's own, changed here


def test_the_train_view_offers_the_catalogues_update_rules_in_its_words_and_starts_on_its_default(page: Page, server: str) -> None:
    """The Train view's optimizer choice, its hint and its tooltip are the catalogue's (`optimizers`, each rule's record in
    `optimizer_notation`), and a link that names no optimizer starts on the server's default (`rules.optimizer.default`):
    all changed here in the page's HTML."""

    def change(c: dict) -> dict:
        records = {name: {**record, "words": f"rule {name}"} for name, record in c["optimizer_notation"].items()}
        records["momentum"] = {**records["momentum"], "summary": "the heavy ball", "hint": {"above": 0.1, "text": "Rolling at η = {lr}."}}
        return {**c, "optimizer_notation": records, "rules": {**c["rules"], "optimizer": {"default": "momentum"}}}

    served = serve_catalogue(page, change)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&view=train")
    select = page.locator("[data-field='optimizer']")
    expect(select).to_have_value("momentum")
    assert select.locator("option").all_text_contents() == ["rule sgd", "rule momentum", "rule adam"]
    expect(page.locator(".train-hint")).to_have_text("Rolling at η = 1.")  # xor's η, above the record's 0.1
    expect(select).to_have_attribute("title", re.compile(r"; the heavy ball; .*this rule's constants: μ = 0\.9$"))
    # the engine's own, changed here
    assert [({name: r["words"] for name, r in c["optimizer_notation"].items()}, c["rules"]["optimizer"]) for c in served] == [
        ({"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}, {"default": "sgd"})]
