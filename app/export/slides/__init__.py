"""The slides export: a step's script as a PowerPoint deck (one slide per step, native shapes, Morph)."""

from app.export.slides.deck import slides_filename, step_deck

__all__ = ["slides_filename", "step_deck"]
