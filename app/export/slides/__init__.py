"""The slides export: a step's script as a PowerPoint deck (one slide per step, native shapes, Morph).

This module is light on purpose: python-pptx and the embedded V8 load on the first deck (deck.py),
not when the server starts.
"""

from __future__ import annotations

import re
from typing import Any

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class DeckTooLarge(ValueError):
    """The deck of this network would hold more shapes than deck.MAX_DECK_SHAPES."""


def slides_filename(preset: str | None) -> str:
    """`backprop_lens_<preset>.pptx`, or `backprop_lens_model.pptx` without a (well-formed) preset name."""
    name = preset.replace("-", "_") if preset and _SAFE_NAME.match(preset) else "model"
    return f"backprop_lens_{name}.pptx"


def step_deck(answer: dict[str, Any] | bytes, preset: str | None = None) -> bytes:
    """The .pptx file (its bytes) for a trace: the /api/step answer, as a dict or as its JSON bytes (deck.step_deck)."""
    from app.export.slides.deck import step_deck as build

    return build(answer, preset)


__all__ = ["MEDIA_TYPE", "DeckTooLarge", "slides_filename", "step_deck"]
