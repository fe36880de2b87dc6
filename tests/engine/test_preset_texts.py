"""Preset descriptions put what a student must not miss first, where the page's two-line header shows it."""

from __future__ import annotations

from app.engine.presets import PRESETS


def test_mazurs_description_says_first_that_biases_stay_fixed() -> None:
    # the header clamps a description to two lines: "biases stay fixed" was its last words, cut at 1280x800
    assert PRESETS["mazur"].description.startswith("Biases stay fixed")
