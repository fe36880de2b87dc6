"""What this pytest session knows that its test modules read: the tests that -m, -k or --deselect left out
(tests/conftest.py records them, tests/test_markers.py reads them), and whether the browser tests take their
screenshots (--shots; tests/browser/conftest.py's `shot`). A module of its own: pytest imports a conftest under a
name of its choosing, so a test module that imported a conftest would get a second copy of it, with its own state."""

from __future__ import annotations

import pytest

DESELECTED = pytest.StashKey[list[pytest.Item]]()
SHOTS_WANTED: list[bool] = []  # [True] in a run with --shots
