"""The first visit without a link: a small note says where to begin (the Lessons menu, the keys),
once; Esc or its button closes it, and that browser never shows it again. A link, or /embed, never shows it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740)])
def test_a_first_visit_shows_the_note_once_and_esc_closes_it_for_good(browser: Browser, server: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server)
    page = context.new_page()
    page.goto("/")
    note = page.locator(".first-visit")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Lessons")
    expect(note.locator("kbd").first).to_have_text("→")
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible()
    shot(page, f"first-visit-{width}x{height}")
    page.locator("#stage").focus()
    page.keyboard.press("Escape")
    expect(note).to_have_count(0)
    page.reload()
    expect(page.locator('#network [data-id="n-1-0"]')).to_be_visible()
    expect(page.locator(".first-visit")).to_have_count(0)
    context.close()


def test_its_button_opens_the_lessons_menu(browser: Browser, server: str) -> None:
    context = browser.new_context(base_url=server)
    page = context.new_page()
    page.goto("/")
    page.locator('[data-first-visit="lessons"]').click()
    expect(page.locator("#lessons-dialog")).to_be_visible()
    expect(page.locator(".first-visit")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("path", ["/?preset=xor", "/?theme=dark", "/embed", "/embed?preset=mazur"])
def test_a_link_or_the_embed_never_shows_it(browser: Browser, server: str, path: str) -> None:
    context = browser.new_context(base_url=server)
    page = context.new_page()
    page.goto(path)
    expect(page.locator('[data-id="n-1-0"]').first).to_be_visible()
    expect(page.locator(".first-visit")).to_have_count(0)
    page.goto("/")  # that browser has not seen the note yet
    expect(page.locator(".first-visit")).to_be_visible()
    context.close()
