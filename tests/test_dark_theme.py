"""The dark theme changes colours only: every CSS rule for `[data-theme="dark"]` sets colours, and no script lays
the page out by the theme's name. The page is then laid out in the dark theme exactly as in the light one, so the
browser tests that measure layout (fits, overlaps, text sizes) measure the light and projector themes, and the
dark theme is checked where colour counts (axe's contrast, the focus rings, the background)."""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
DARK = re.compile(r"""data-theme\s*=\s*["']?dark\b""")
# Properties that paint and never move anything.
COLOURS = {"color", "background-color", "border-color", "border-top-color", "border-right-color", "border-bottom-color",
           "border-left-color", "outline-color", "stroke", "fill", "caret-color", "accent-color", "text-decoration-color",
           "column-rule-color", "stop-color", "flood-color", "lighting-color", "scrollbar-color"}
# A custom property's value is a colour written out: a script may read a custom property for layout (--draw-font-min),
# so one that holds anything else (a length, a number, a var() of another property) is not a colour.
COLOUR_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|(rgba?|hsla?)\([^()]*\))$")
# The scripts that may name the dark theme: the state's list of themes, the share dialog's menu of them, and the
# handout, which prints a dark page's handout in the light theme (paper is white).
NAME_THE_THEME = {"state/state.js", "panels/share.js", "handout.js"}


def rules(tokens: list) -> list[tuple[str, list]]:
    """Every style rule of a stylesheet, in @media and @supports blocks too: (selector, declarations)."""
    found = []
    for rule in tokens:
        if rule.type == "qualified-rule":
            body = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            found.append((tinycss2.serialize(rule.prelude), [d for d in body if d.type == "declaration"]))
            found += rules([r for r in body if r.type == "qualified-rule"])  # nested rules
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports", "layer", "container"):
            found += rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return found


def dark_declarations() -> list[tuple[str, str, str, str]]:
    """(file, selector, property, value) of every declaration of a rule whose selector names the dark theme."""
    out = []
    for css in sorted((STATIC / "css").glob("*.css")):
        sheet = tinycss2.parse_stylesheet(css.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
        for selector, declarations in rules(sheet):
            if DARK.search(selector):
                out += [(css.name, selector.strip(), d.lower_name, tinycss2.serialize(d.value).strip()) for d in declarations]
    return out


def is_colour(name: str, value: str) -> bool:
    if name.startswith("--"):
        return bool(COLOUR_VALUE.match(value))
    return name in COLOURS


def test_every_rule_of_the_dark_theme_sets_colours_only() -> None:
    found = dark_declarations()
    assert ("theme.css", '[data-theme="dark"]', "--bg", "#14171b") in found  # the theme's own block is read
    assert [f for f in found if not is_colour(f[2], f[3])] == []


def test_no_script_lays_the_page_out_by_the_themes_name() -> None:
    naming = sorted(str(js.relative_to(STATIC / "js")) for js in (STATIC / "js").rglob("*.js")
                    if re.search(r"""['"`]dark['"`]""", js.read_text(encoding="utf-8")))
    assert "state/state.js" in naming  # the search finds the theme's name where it is
    assert set(naming) <= NAME_THE_THEME, naming
    assert [p for p in STATIC.rglob("*") if p.suffix in (".css", ".js", ".html") and "prefers-color-scheme" in p.read_text(encoding="utf-8")] == []
