"""The README's commands stay the ones a stock machine and CI run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command.endswith("python -m pytest")
    assert command in shell_blocks()


def test_the_first_commands_make_a_virtual_environment_before_installing() -> None:
    first, second = shell_blocks()[:2]
    assert first.startswith("python3 -m venv ")  # python3: Debian and Ubuntu may have no `python`
    assert "pip install ." in second


def test_the_test_command_installs_chromium_only_when_it_is_missing() -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command.startswith("(command -v chromium >/dev/null || {")
