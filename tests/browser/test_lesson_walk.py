"""The Lessons: the header's menu opens each lesson; every card of every lesson, walked by keyboard
(n to the end, b once, Esc to leave), moves the page to the card's state; a link names a lesson and a
card; a link to one that does not exist opens the page without it and says so; the card never covers
the network (1280×800, 360×740, each theme)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import reuse
from tests.browser.axe import COLOUR_RULES, blocking, report, violations
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
page, watch = reuse.page, reuse.watch  # one page for the module, as new for each test (tests/browser/reuse.py)

THEMES = ("light", "dark", "projector")
# The dark theme is laid out as the light one (tests/test_dark_theme.py): the card's place is measured in LAID_OUT.
LAID_OUT = ("light", "projector")
# The page's own URL parser, to read the state the page is in and the state a card asks for alike.
STATE_OF = """async ([query]) => { const { parseState } = await import('/static/js/state/state.js');
  const now = parseState(location.search).state, want = parseState(query).state;
  return { now, want }; }"""


def card_query(card: dict) -> str:
    return urlencode({k: str(v) for k, v in card["state"].items()}, safe=",;:")


def lessons(page: Page, server: str) -> list[dict]:
    listed = page.request.get(f"{server}/api/lessons").json()
    return [page.request.get(f"{server}/api/lessons/{x['id']}").json() for x in listed]


CAPTIONED = ("network", "graph", "table", "matrix")  # the views with a caption
KEYS = ("preset", "step", "sel", "view", "tab", "mode", "nudge", "nudgeon", "edits", "sample", "lr", "sizes")
# What the page shows of a card, in one read: the card box, the state the address says and the state the card's
# query asks for (by the page's own parser, loaded once into the page), the view switch's pressed key and whether
# the caption has text. With `card` it returns that read only once all of it is the card's (false until then), so a
# test waits for the card in the page itself rather than asking the page again and again, one condition at a time.
CARD_SEEN = """([query, card]) => {
  if (!window.__lensParseState) {
    import('/static/js/state/state.js').then((m) => { window.__lensParseState = m.parseState; });
    return false;
  }
  const box = document.querySelector('#lesson-card'), words = (s) => (box?.querySelector(s)?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const now = window.__lensParseState(location.search).state, want = window.__lensParseState(query).state;
  const seen = { card: box?.dataset.card, lesson: box?.dataset.lesson, text: words('.lesson-card__text'), count: words('.lesson-card__count'),
    now, want, pressed: document.querySelector(`#show-${want.view}`)?.getAttribute('aria-pressed'),
    caption: (document.querySelector('#caption')?.textContent ?? '').trim() !== '' };
  if (!card) return seen;
  const same = card.keys.every((k) => JSON.stringify(now[k]) === JSON.stringify(want[k]));
  return seen.card === card.n && seen.lesson === card.lesson && seen.text === card.text && seen.count === card.count && same
    && now.lesson === card.lesson && String(now.card) === card.n && seen.pressed === 'true'
    && (seen.caption || !card.captioned.includes(want.view)) && seen;
}"""


def expect_card(page: Page, lesson: dict, n: int) -> None:
    """The card is on screen and the page is in its state: every key the card sets, the rest at their defaults."""
    card = lesson["cards"][n - 1]
    query = card_query(card)
    shown = {"n": str(n), "lesson": lesson["id"], "text": " ".join(card["text"].split()), "count": f"Card {n} of {len(lesson['cards'])}",
             "keys": list(KEYS), "captioned": list(CAPTIONED)}
    try:
        got = page.wait_for_function(CARD_SEEN, arg=[query, shown], polling=50, timeout=15_000).json_value()
    except PlaywrightTimeout:  # never all at once: the read as it stands says what differs
        got = page.evaluate(CARD_SEEN, [query, None])
    assert got["card"] == shown["n"] and got["lesson"] == lesson["id"], f"{lesson['id']} card {n}: the page shows {got['lesson']} card {got['card']}"
    assert got["text"] == shown["text"], f"{lesson['id']} card {n}: the card says {got['text']!r}"
    assert got["count"] == shown["count"], f"{lesson['id']} card {n}: the count says {got['count']!r}"
    now, want = got["now"], got["want"]
    for key in KEYS:
        assert now[key] == want[key], f"{lesson['id']} card {n}: {key} is {now[key]!r}, the card asks for {want[key]!r}"
    assert now["lesson"] == lesson["id"] and now["card"] == n
    assert got["pressed"] == "true", f"{lesson['id']} card {n}: the view switch does not show {want['view']} pressed"
    if want["view"] in CAPTIONED:
        assert got["caption"], f"{lesson['id']} card {n}: the caption is empty"


def open_page(page: Page, server: str, query: str = "preset=mazur") -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible()


def test_every_card_of_every_lesson_is_walked_by_keyboard(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server)
    all_lessons = lessons(page, server)
    assert len(all_lessons) >= 6
    for lesson in all_lessons:
        page.locator("#stage").focus()
        page.keyboard.press("l")
        menu = page.locator("#lessons-dialog")
        expect(menu).to_be_visible()
        pick = menu.locator(f'[data-lesson="{lesson["id"]}"]')
        pick.focus()
        page.keyboard.press("Enter")
        expect(menu).to_be_hidden()
        last = len(lesson["cards"])
        for n in range(1, last + 1):
            expect_card(page, lesson, n)
            if n < last:
                page.keyboard.press("n")
        expect(page.locator('#lesson-card [data-lesson="next"]')).to_be_disabled()
        page.keyboard.press("n")  # past the end: nothing moves
        expect_card(page, lesson, last)
        page.keyboard.press("b")
        expect_card(page, lesson, last - 1)
        before = page.evaluate(STATE_OF, [""])["now"]
        page.keyboard.press("Escape")
        expect(page.locator("#lesson-card")).to_be_hidden()
        after = page.evaluate(STATE_OF, [""])["now"]
        assert after["lesson"] == "" and "lesson=" not in page.url
        assert {k: v for k, v in after.items() if k not in ("lesson", "card")} == \
            {k: v for k, v in before.items() if k not in ("lesson", "card")}, "leaving keeps the page where the card left it"


def test_a_link_opens_a_lesson_at_its_card(page: Page, server: str) -> None:
    open_page(page, server, "lesson=sum-over-paths&card=4")
    lesson = page.request.get(f"{server}/api/lessons/sum-over-paths").json()
    expect_card(page, lesson, 4)
    page.locator('#lesson-card [data-lesson="back"]').click()
    expect_card(page, lesson, 3)
    page.go_back()
    expect(page.locator("#lesson-card")).to_have_attribute("data-card", "4")
    page.locator('#lesson-card [data-lesson="leave"]').click()
    expect(page.locator("#lesson-card")).to_be_hidden()


@pytest.mark.parametrize(("query", "named"), [
    ("preset=xor&lesson=nosuch", "lesson named 'nosuch'"),
    ("preset=xor&lesson=sum-over-paths&card=9", "card 9 of the lesson"),
])
def test_a_lesson_or_card_that_does_not_exist_opens_the_page_without_it_and_names_it(page: Page, server: str, query: str, named: str) -> None:
    page.goto(f"{server}/?{query}")
    expect(page.locator("#status")).to_contain_text(named)
    expect(page.locator("#preset")).to_have_value("xor")
    expect(page.locator("#lesson-card")).to_be_hidden()
    assert page.evaluate("async () => (await import('/static/js/state/state.js')).parseState(location.search).state.preset") == "xor"


@pytest.mark.parametrize("theme", LAID_OUT)
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740)])
def test_the_card_never_covers_the_network(shared_page: Page, server: str, theme: str, width: int, height: int) -> None:
    page = shared_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?lesson=error-slope-input&card=2&theme={theme}")
    expect(page.locator("#lesson-card")).to_have_attribute("data-card", "2")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    card, net = page.locator("#lesson-card").bounding_box(), page.locator("#network").bounding_box()
    assert card and net
    assert card["y"] + card["height"] <= net["y"] + 1, "the card sits above the drawing, not over it"
    assert net["height"] >= (200 if width > 700 else 150), f"the drawing keeps room: {net['height']} px"
    nav = page.locator('#lesson-card [data-lesson="next"]').bounding_box()
    assert nav and nav["x"] + nav["width"] <= width, "Next stays on screen"
    shot(page, f"lesson-card-{width}x{height}-{theme}")


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_nothing_serious_in_the_card_the_menu_or_the_first_visit_note(shared_page: Page, server: str, theme: str) -> None:
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/?lesson=nudge-and-tangent&card=3&theme={theme}")
    expect(page.locator("#lesson-card")).to_have_attribute("data-card", "3")
    expect(page.locator('#network [data-id="n-2-0"]')).to_be_visible()
    found = blocking(violations(page, rules=COLOUR_RULES if theme == "dark" else None))
    assert not found, report(found)
    page.locator("#lessons").click()
    expect(page.locator("#lessons-dialog .lessons-pick").first).to_be_visible()
    found = blocking(violations(page, rules=COLOUR_RULES if theme == "dark" else None))
    assert not found, report(found)
    page.keyboard.press("Escape")
    page.evaluate(f"() => {{ localStorage.clear(); document.documentElement.dataset.theme = '{theme}'; }}")
    page.goto(f"{server}/")  # the storage is emptied above: a first visit again
    expect(page.locator(".first-visit")).to_be_visible()
    page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{theme}'; }}")
    found = blocking(violations(page, rules=COLOUR_RULES if theme == "dark" else None))
    assert not found, report(found)
