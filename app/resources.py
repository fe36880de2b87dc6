"""Where the page's files are: inside the installed package (a wheel carries them as
app/static and app/templates) or, in a source checkout, at the top level of the repository."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


STATIC_DIR = resource_dir("static")
TEMPLATES_DIR = resource_dir("templates")
