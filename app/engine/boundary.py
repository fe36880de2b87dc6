"""Decision boundary: the model's output over a grid of 2-D inputs, for drawing under the data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.engine.network import Model, predict

Array = np.ndarray


@dataclass(frozen=True)
class Grid:
    xs: Array  # (resolution,) first feature, left to right
    ys: Array  # (resolution,) second feature, bottom to top
    outputs: Array  # (resolution, resolution, n_L): outputs[i][j] at (xs[j], ys[i])


def boundary_grid(model: Model, x_range: tuple[float, float], y_range: tuple[float, float],
                  resolution: int) -> Grid:
    """A forward pass on every point of a resolution × resolution grid (a network with 2 inputs)."""
    xs = np.linspace(x_range[0], x_range[1], resolution)
    ys = np.linspace(y_range[0], y_range[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        out = predict(model, points)
    return Grid(xs, ys, out.reshape(resolution, resolution, -1))
