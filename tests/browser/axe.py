"""axe-core in the page under test: inject the vendored copy (vendor/axe-core, from the npm registry)
and return the violations of WCAG 2.2 A/AA and best practice, each with the elements it names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
# axe's rules that read colours (its cat.color rules among TAGS). The dark theme is laid out as the light one and
# differs from it in colours only (tests/test_dark_theme.py): in it, these are all that can find what light does not.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


# One axe.run on the page, its violations as [{id, impact, help, nodes}]. With `selectors` false axe
# skips building a CSS selector for every element each rule looked at (about a tenth of its work on
# these pages), and each node is then named by the start of its HTML instead.
RUN = """([tags, exclude, selectors, rules]) => axe.run({exclude: exclude.map((s) => [s])},
     {runOnly: rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags}, resultTypes: ['violations'], selectors})
   .then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
     nodes: v.nodes.map((n) => (selectors ? n.target.join(' ') : n.html.slice(0, 120)) + ' :: '
       + (n.failureSummary || '').replace(/\\s+/g, ' '))})))"""


def violations(page: Page, exclude: list[str] | None = None, rules: list[str] | None = None) -> list[dict]:
    """axe's violations on the page as it stands: [{id, impact, help, nodes: [selector: summary]}], of every rule of
    TAGS, or of `rules` alone (COLOUR_RULES in the dark theme).
    The script is evaluated through the DevTools protocol, so the page's CSP does not stop it, and only
    once per document. The run names no element by selector; only when it finds something is it run
    again with selectors, so that the report says where (the same rules on the same page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found = page.evaluate(RUN, [TAGS, exclude or [], False, rules])
    if found:
        found = page.evaluate(RUN, [TAGS, exclude or [], True, rules]) or found
    return list(found)


def blocking(found: list[dict]) -> list[dict]:
    """The serious and critical violations, which fail a test."""
    return [v for v in found if v["impact"] in BLOCKING]


def report(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        lines.extend(f"    {n[:300]}" for n in v["nodes"][:5])
    return "\n".join(lines)
