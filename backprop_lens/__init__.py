"""Backprop Lens in Python and notebooks, with no server.

    import backprop_lens as bl
    bl.show("mazur", step=7)          # the stepping view, inline in a notebook (works offline)
    trace = bl.step("mazur")          # the step's every value as NumPy arrays
    scenario = bl.from_torch(model, x, y, loss="mse")   # a torch.nn.Sequential as a scenario
    bl.show(scenario)
    bl.slides("mazur", "mazur.pptx")  # a PowerPoint deck, one slide per step

A scenario is a preset name, a /api/step request (a dict or a StepRequest), or a scenario file
saved by the page (Export → Scenario file), read as a dict.
"""

from backprop_lens.lens import html, show, slides, step
from backprop_lens.pytorch import from_torch
from backprop_lens.scenario import request_for
from backprop_lens.trace import Layer, Trace

__all__ = ["Layer", "Trace", "from_torch", "html", "request_for", "show", "slides", "step"]
