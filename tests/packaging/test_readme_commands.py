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


VENV = "python3 -m venv .venv && . .venv/bin/activate && "  # python3: Debian and Ubuntu may have no `python`


def test_there_are_two_commands_and_each_makes_its_virtual_environment_first() -> None:
    serve, test = shell_blocks()[:2]
    assert serve.startswith(VENV) and "pip install . && backprop-lens" in serve
    assert test.startswith(VENV) and test.endswith("python -m pytest")


def test_the_test_command_installs_chromium_only_when_it_is_missing() -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command.startswith(VENV + "(command -v chromium >/dev/null || {")
