"""Neuron pictures: every hidden and output neuron's activation over a grid of 2-D inputs, the
picture TensorFlow Playground draws inside its neurons, for a network with two inputs."""

from __future__ import annotations

import numpy as np

from app.engine.boundary import Grid
from app.engine.network import Model, propagate

Array = np.ndarray


def neuron_pictures(model: Model, x_range: tuple[float, float], y_range: tuple[float, float],
                    resolution: int) -> tuple[Grid, list[Array]]:
    """One forward pass over a resolution × resolution grid: the grid (its `outputs` being a[L]) and,
    for every layer l = 1..L, a[l] over it, shape (resolution, resolution, n_l); `[l-1][i][j][n]` is
    neuron n's activation at (xs[j], ys[i])."""
    xs = np.linspace(x_range[0], x_range[1], resolution)
    ys = np.linspace(y_range[0], y_range[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        _, a = propagate(model, np.column_stack([gx.ravel(), gy.ravel()]))
    layers = [values.reshape(resolution, resolution, -1) for values in a[1:]]
    return Grid(xs, ys, layers[-1]), layers
