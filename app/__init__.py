"""Backprop Lens: every number of a backpropagation step, visible."""

__version__ = "0.1.0"
