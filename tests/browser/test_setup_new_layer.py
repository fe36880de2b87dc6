"""A new hidden layer's activation: the last hidden layer's when there is one, else the catalogue's
default_hidden_activation (the engine's, served by GET /api/catalog and carried in the page's HTML): the page
holds no name of its own."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser
CATALOGUE = re.compile(r'(<script type="application/json" id="bl-catalog">)(.*?)(</script>)', re.S)


def test_a_first_hidden_layer_takes_the_catalogues_default_activation(page: Page, server: str) -> None:
    def tanh_by_default(route: Route) -> None:  # a server whose engine starts a new hidden layer as tanh
        html = route.fetch().text()
        written = CATALOGUE.search(html)
        assert written, "the page carries no catalogue"
        catalog = json.loads(written.group(2))
        served.append(catalog.get("default_hidden_activation"))  # the engine's own, changed here
        changed = json.dumps({**catalog, "default_hidden_activation": "tanh"}).replace("<", "\\u003c")
        route.fulfill(status=200, content_type="text/html", body=CATALOGUE.sub(lambda m: m.group(1) + changed + m.group(3), html))

    served: list[str | None] = []
    page.route(re.compile(r"/\?preset="), tanh_by_default)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur&sizes=2,2&activations=sigmoid")  # no hidden layer to copy
    expect(page.locator('#network [data-id="n-1-1"]')).to_be_visible()
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()
    page.locator("#setup .add-layer").click()
    expect(page.locator("#setup [data-field='activations.0']")).to_have_value("tanh")
    expect(page.locator("#network [data-id='n-2-1']")).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["activations"] == ["tanh,sigmoid"]
    assert served and served[0] == "sigmoid"


def test_given_weights_show_how_new_ones_would_be_drawn_from_the_catalogues_default_init(page: Page, server: str) -> None:
    """Mazur's weights are given, so its model names no init: the set-up's Init and Seed show the server's default
    (the catalogue's default_init, changed here in the page's HTML), and so does the header once a seed is set."""
    def other_default(route: Route) -> None:
        html = route.fetch().text()
        written = CATALOGUE.search(html)
        assert written, "the page carries no catalogue"
        catalog = json.loads(written.group(2))
        served.append(catalog.get("default_init"))
        changed = json.dumps({**catalog, "default_init": {"scheme": "normal", "seed": 7}}).replace("<", "\\u003c")
        route.fulfill(status=200, content_type="text/html", body=CATALOGUE.sub(lambda m: m.group(1) + changed + m.group(3), html))

    served: list[dict | None] = []
    page.route(re.compile(r"/\?preset="), other_default)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=mazur")
    expect(page.locator('#network [data-id="n-1-1"]')).to_be_visible()
    if page.locator("#toggle-setup").get_attribute("aria-expanded") != "true":
        page.locator("#toggle-setup").click()
    expect(page.locator("#setup [data-field='init']")).to_have_value("normal")
    expect(page.locator("#setup [data-field='seed']")).to_have_value("7")
    assert served == [{"scheme": "xavier", "seed": 0}]  # the engine's own, changed here


def test_the_train_view_offers_the_catalogues_update_rules_in_its_words_and_starts_on_its_default(page: Page, server: str) -> None:
    """The Train view's optimizer choice is the catalogue's (`optimizers`, `optimizer_words`), and a link that names no
    optimizer starts on the server's default (`rules.optimizer.default`): both changed here in the page's HTML."""
    def other_rules(route: Route) -> None:
        html = route.fetch().text()
        written = CATALOGUE.search(html)
        assert written, "the page carries no catalogue"
        catalog = json.loads(written.group(2))
        served.append((catalog["optimizer_words"], catalog["rules"]["optimizer"]))
        words = {name: f"rule {name}" for name in catalog["optimizers"]}
        rules = {**catalog["rules"], "optimizer": {"default": "momentum"}}
        changed = json.dumps({**catalog, "optimizer_words": words, "rules": rules}).replace("<", "\\u003c")
        route.fulfill(status=200, content_type="text/html", body=CATALOGUE.sub(lambda m: m.group(1) + changed + m.group(3), html))

    served: list[tuple] = []
    page.route(re.compile(r"/\?preset="), other_rules)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?preset=xor&view=train")
    select = page.locator("[data-field='optimizer']")
    expect(select).to_have_value("momentum")
    assert select.locator("option").all_text_contents() == ["rule sgd", "rule momentum", "rule adam"]
    assert served == [({"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}, {"default": "sgd"})]  # the engine's own
