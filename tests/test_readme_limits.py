"""The Limits table of docs/deploy.md (the operators' page, which the README links) says what app/config.py
does: every setting, its environment variable, its default and its hard ceiling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import config
from app.config import Settings
from app.main import create_app
from app.serving.admission import machine_cores

README = (Path(__file__).resolve().parents[1] / "docs" / "deploy.md").read_text(encoding="utf-8")


def limits_table() -> dict[str, dict[str, str]]:
    """The rows of the table under '## Limits', by setting name."""
    section = README.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table = {}
    for row in rows:
        setting, variable, default, meaning = (cell.strip() for cell in row.strip("|").split("|"))
        table[setting.strip("`")] = {"variable": variable.strip("`"), "default": default, "meaning": meaning}
    return table


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_the_table_lists_every_setting_and_nothing_else() -> None:
    assert set(limits_table()) == set(Settings.model_fields)


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_each_rows_variable_sets_that_setting(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    row = limits_table()[name]
    assert row["variable"] == "BACKPROP_LENS_" + name.upper()
    monkeypatch.setenv(row["variable"], "7")
    assert getattr(Settings(), name) == 7


@pytest.mark.parametrize("name", [n for n, f in Settings.model_fields.items() if f.default is not None])
def test_each_rows_default_is_the_settings_default(name: str) -> None:
    assert number(limits_table()[name]["default"]) == Settings.model_fields[name].default


def test_the_per_core_defaults_are_what_the_app_builds() -> None:
    table = limits_table()
    slots = re.fullmatch(r"(\d+) × cores", table["compute_slots"]["default"])
    queue = re.fullmatch(r"(\d+) × cores", table["compute_queue"]["default"])
    assert slots and queue
    limiter = create_app(Settings()).state.compute
    assert (limiter.running, limiter.queued) == (int(slots[1]) * machine_cores(), int(queue[1]) * machine_cores())


def test_the_stated_ceilings_are_the_schemas_ceilings() -> None:
    table = limits_table()
    ceilings = {"max_layers": config.CEILING_LAYERS, "max_units": config.CEILING_UNITS, "max_batch": config.CEILING_BATCH}
    for name, ceiling in ceilings.items():
        stated = re.search(r"at most ([\d,]+)$", table[name]["meaning"])
        assert stated and number(stated[1]) == ceiling, name
        with pytest.raises(ValueError):  # and the setting refuses more than that
            Settings(**{name: ceiling + 1})
    listed = re.search(r"the ceilings above\s+\((\d+) layers, ([\d,]+) values in a row, ([\d,]+) samples\)", README)
    assert listed and [number(n) for n in listed.groups()] == list(ceilings.values())
