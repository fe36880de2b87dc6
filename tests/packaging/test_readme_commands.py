"""The README's commands stay the ones a stock machine and CI run."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the whole suite in two pytest-xdist workers, a test file to a worker (docs/performance.md#the-test-suite)
PYTEST = "python -m pytest -n 2 --dist loadfile"


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command.endswith("&& " + PYTEST)
    assert command in shell_blocks()


VENV = "python3 -m venv .venv && . .venv/bin/activate && "  # python3: Debian and Ubuntu may have no `python`


def test_there_are_two_commands_and_each_makes_its_virtual_environment_first() -> None:
    serve, test = shell_blocks()[:2]
    assert serve.startswith(VENV) and "pip install . && backprop-lens" in serve
    assert test.startswith(VENV) and test.endswith("&& " + PYTEST)


def test_the_test_command_installs_chromium_only_when_it_is_missing() -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command.startswith(VENV + "(command -v chromium >/dev/null || {")


def installs_run_by(command: str, have: set[str], tmp_path: Path) -> list[str]:
    """The packages the test command's install steps (everything before pip) ask apt-get for, on a PATH
    where only the programs in `have` exist; apt-get is a stand-in that records what it is asked."""
    steps = command.removeprefix(VENV).split(" && python -m pip install", 1)[0]
    bin_dir = tmp_path / ("bin-" + "-".join(sorted(have)))
    bin_dir.mkdir()
    log = tmp_path / f"{bin_dir.name}.log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    for name in have:
        (bin_dir / name).write_text("#!/bin/sh\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    # this machine's own /usr/sbin/nginx is not looked at: the stand-in folder plays /usr/sbin too
    steps = steps.replace("test -x /usr/sbin/nginx", f"test -x {bin_dir}/nginx")
    done = subprocess.run(["/bin/sh", "-c", steps], env={"PATH": str(bin_dir)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    asked = log.read_text().splitlines() if log.exists() else []
    return [line.split()[-1] for line in asked if line.startswith("install")]


def test_the_test_command_installs_chromium_and_nginx_only_where_they_are_missing(tmp_path: Path) -> None:
    command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert "test -x /usr/sbin/nginx" in command  # nginx is in /usr/sbin, off a user's PATH on Debian
    assert installs_run_by(command, set(), tmp_path) == ["chromium", "nginx"]
    assert installs_run_by(command, {"chromium"}, tmp_path) == ["nginx"]
    assert installs_run_by(command, {"nginx"}, tmp_path) == ["chromium"]
    assert installs_run_by(command, {"chromium", "nginx"}, tmp_path) == []
