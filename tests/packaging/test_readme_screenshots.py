"""The README's pictures are the ones scripts/screenshots.py takes from the real page: each image
the README shows is a scene of the script, at 1280×800, and each scene is shown."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def scenes() -> set[str]:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return {f"static/img/screenshot-{s.name}.png" for s in module.SCENES}


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_readme_picture_is_a_scene_the_script_takes_at_1280x800() -> None:
    shown = set(re.findall(r"!\[[^\]]*\]\((static/img/[^)]+)\)", (ROOT / "README.md").read_text()))
    assert shown == scenes(), "the README shows exactly the script's scenes"
    for image in shown:
        assert png_size(ROOT / image) == (1280, 800), image
