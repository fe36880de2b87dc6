"""axe-core in the page under test: inject the vendored copy (vendor/axe-core, from the npm registry)
and return the violations of WCAG 2.2 A/AA and best practice, each with the elements it names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Page, exclude: list[str] | None = None) -> list[dict]:
    """axe's violations on the page as it stands: [{id, impact, help, nodes: [selector: summary]}].
    The script is evaluated through the DevTools protocol, so the page's CSP does not stop it."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found = page.evaluate(
        """([tags, exclude]) => axe.run({exclude: exclude.map((s) => [s])},
             {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
           .then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' '))})))""",
        [TAGS, exclude or []],
    )
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
