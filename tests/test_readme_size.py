"""The README is a user's page: at most 250 lines, and every page of docs/ or CONTRIBUTING.md it sends
the reader to exists (operators' material is in docs/deploy.md, the figures in docs/performance.md)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_at_most_250_lines() -> None:
    assert len(README.splitlines()) <= 250


def test_every_page_the_readme_links_exists() -> None:
    linked = set(re.findall(r"\]\(((?:docs/|CONTRIBUTING)[^)#]*)", README))
    assert {"docs/deploy.md", "docs/performance.md", "docs/slides.md", "CONTRIBUTING.md"} <= linked
    for page in linked:
        assert (ROOT / page).exists(), page
