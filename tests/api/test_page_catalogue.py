"""The pages (/, /embed, /handout) carry the catalogue in their HTML, the same JSON GET /api/catalog answers
under the same settings, so that their first drawing need not ask for it; the standalone file carries none."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

WRITTEN = re.compile(r'<script type="application/json" id="bl-catalog">(.*?)</script>', re.DOTALL)


@pytest.mark.parametrize("max_units", [64, 80])
@pytest.mark.parametrize("path", ["/?preset=mazur", "/embed?preset=mazur", "/handout?preset=mazur"])
def test_each_page_carries_the_catalogue_its_server_answers(path: str, max_units: int) -> None:
    client = TestClient(create_app(Settings(max_units=max_units)))
    written = WRITTEN.findall(client.get(path).text)
    assert len(written) == 1, f"{path} should carry the catalogue once"
    assert "<" not in written[0], "the JSON is escaped for a <script>: no tag can end it early"
    catalogue = json.loads(written[0])
    assert catalogue == client.get("/api/catalog").json()
    assert catalogue["rules"]["sizes"]["max"] == max_units  # the settings' limit, not a copy made under other settings


def test_the_standalone_file_carries_no_catalogue() -> None:
    client = TestClient(create_app(Settings()))
    response = client.get("/api/export/standalone?preset=mazur")
    assert response.status_code == 200
    assert 'id="bl-trace"' in response.text and not WRITTEN.search(response.text)
