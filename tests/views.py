"""The page's view names, read from their one owner: the `view` key of the page-state table
(static/js/state/state.js), through node. Tests that list views take them from here or are checked
against it (tests/test_view_lists.py)."""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = ("import('./static/js/state/state.js').then((m) => "
        "console.log(JSON.stringify(m.STATE_KEYS.find((k) => k.name === 'view').values)))")


@functools.cache
def page_views() -> tuple[str, ...]:
    """Every view the page can show, in the state table's order."""
    out = subprocess.run(["node", "--input-type=module", "-e", READ], cwd=ROOT, capture_output=True, text=True, check=True)
    return tuple(json.loads(out.stdout))
