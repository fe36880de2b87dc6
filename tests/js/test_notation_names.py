"""The page knows GELU and softplus from their notation records alone: no file under static/js names
them, so the engine's registry is the one place that writes them (issue 27, section 2)."""

from __future__ import annotations

from pathlib import Path

STATIC_JS = Path(__file__).resolve().parents[2] / "static" / "js"


def test_no_javascript_file_names_gelu_or_softplus() -> None:
    files = sorted(STATIC_JS.rglob("*.js"))
    assert len(files) > 50  # the page's modules are there to be read
    named = [f"{p.relative_to(STATIC_JS)}: {word}" for p in files for word in ("gelu", "softplus")
             if word in p.read_text(encoding="utf-8").lower()]
    assert named == []


def test_the_train_view_holds_no_copy_of_the_optimizers_constants() -> None:
    source = (STATIC_JS / "views" / "train-view.js").read_text(encoding="utf-8")
    assert not [c for c in ("0.9", "0.999", "1e-8") if c in source]
