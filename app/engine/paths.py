"""Path decomposition: the chain rule written out along every path from a parameter to the cost.

For one sample x, ∂C_x/∂W[l][j][k] is a sum over every route from neuron j of layer l to the
output: each route multiplies a[l-1]_k, σ'(z[l]_j), then per later layer a weight and a slope,
and finally ∂C_x/∂a at the output neuron it ends in. The sum of the products is the backprop
gradient; this module exists to show that, one number at a time.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from app.engine.network import Backward, Forward, Model, output_delta_is_direct

PATH_KINDS = ("weight", "bias", "activation")


@dataclass(frozen=True)
class Factor:
    symbol: str  # plain-text name in the notation, e.g. "σ′(z[2]_1)"
    meaning: str  # what the factor says, in words
    value: float


@dataclass(frozen=True)
class Path:
    neurons: list[tuple[int, int]]  # (layer, neuron) from the start to the output
    factors: list[Factor]
    product: float


@dataclass(frozen=True)
class PathDecomposition:
    paths: list[Path]
    total: float  # sum of the products
    gradient: float  # the same derivative as backprop computed it, ∂C_x/∂(parameter)

    @property
    def multiplications(self) -> int:
        """What enumerating the paths costs: each path multiplies its factors, one fewer than it has."""
        return sum(len(p.factors) - 1 for p in self.paths)


def backprop_multiplications(model: Model, kind: str, layer: int) -> int:
    """The multiplications backprop spends on the same derivative by keeping one δ per neuron.

    δ[L] = ∂C/∂a ⊙ σ′ (n_L, none when δ[L] = a − y directly); then for each layer m from L down:
    Wᵀδ (n_m · n_{m−1}) and, to make δ[m−1], ⊙ σ′ (n_{m−1}). A weight then needs δ_j · a_k (1), a
    bias nothing (∂C/∂b = δ), an activation a[l] stops at ∂C/∂a[l] = W[l+1]ᵀ δ[l+1]. Every count is
    for the whole layer, so the same work gives the derivative of every neuron of that layer.
    """
    sizes, L = model.sizes, model.depth
    count = 0 if output_delta_is_direct(model) else sizes[L]
    stop = layer + 1 if kind == "activation" else layer  # the last layer whose δ is needed
    if kind == "activation" and layer == L:
        return 0  # ∂C/∂a[L] comes straight from the loss
    for m in range(L, stop, -1):
        count += sizes[m] * sizes[m - 1] + sizes[m - 1]  # Wᵀδ, then ⊙ σ′ for δ[m−1]
    if kind == "activation":
        count += sizes[layer + 1] * sizes[layer]  # ∂C/∂a[l] = W[l+1]ᵀ δ[l+1], no slope
    return count + (1 if kind == "weight" else 0)


def count_paths(sizes: list[int], layer: int) -> int:
    """Routes from one neuron of `layer` to the output layer."""
    return math.prod(sizes[layer + 1:])


def enumeration_multiplications(model: Model, layer: int) -> int:
    """What listing every path from one neuron's a[layer] (a hidden layer) to the cost costs, counted
    without listing them: each of the count_paths routes has two factors a hop (the weight, then the
    slope, or δ itself at a direct output) and the output's ∂C/∂a unless δ[L] = a − y directly, and
    multiplies them with one multiplication fewer than it has factors (decompose's paths, counted)."""
    factors = 2 * (model.depth - layer) + (0 if output_delta_is_direct(model) else 1)
    return count_paths(model.sizes, layer) * (factors - 1)


def path_work(model: Model, layer: int) -> dict[str, int]:
    """For a hidden layer's ∂C/∂a: the paths from one of its neurons to the cost, what listing them
    costs, and what backprop spends on the whole layer (the Paths tab's counts, for the step's caption)."""
    return {"paths": count_paths(model.sizes, layer), "enumeration_multiplications": enumeration_multiplications(model, layer),
            "backprop_multiplications": backprop_multiplications(model, "activation", layer)}


def decompose(model: Model, fwd: Forward, back: Backward, sample: int, kind: str, layer: int,
              j: int, k: int = 0) -> PathDecomposition:
    """Every path from W[layer][j][k], b[layer][j] or a[layer][j] to the cost of one sample.

    For kind "activation" the start is a[layer]_j itself (layer may be 0, the input); for the
    weight and bias kinds it is z[layer]_j, reached through a[layer-1]_k or through 1.
    """
    if kind not in PATH_KINDS:
        raise ValueError(f"kind must be one of {PATH_KINDS}")
    L = model.depth
    x = sample
    direct = output_delta_is_direct(model)

    def enter(l: int, n: int) -> list[Factor]:
        # Entering neuron n of layer l from its z: the slope, or δ itself at a direct output.
        if l == L and direct:
            return [Factor(f"δ[{L}]_{n}", "output error, a − y", float(back.delta[L - 1][x, n]))]
        return [Factor(f"σ′(z[{l}]_{n})", "how sensitive the neuron is",
                       float(back.activation_slope[l - 1][x, n]))]

    def finish(l: int, n: int) -> list[Factor]:
        if l == L and not direct:
            return [Factor(f"∂C/∂a[{L}]_{n}", "how much the cost cares about this output",
                           float(back.grad_a[L - 1][x, n]))]
        return []

    if kind == "weight":
        head = [Factor(f"a[{layer-1}]_{k}", "how active the input was", float(fwd.a[layer - 1][x, k]))]
        head += enter(layer, j)
        gradient = float(back.delta[layer - 1][x, j] * fwd.a[layer - 1][x, k])
    elif kind == "bias":
        head = [Factor("∂z/∂b = 1", "a bias adds itself to z once", 1.0)] + enter(layer, j)
        gradient = float(back.delta[layer - 1][x, j])
    else:
        head = []
        if layer == 0:
            gradient = float((back.delta[0][x] @ model.weights[0])[j])
        else:
            gradient = float(back.grad_a[layer - 1][x, j])

    paths: list[Path] = []
    for route in itertools.product(*(range(n) for n in model.sizes[layer + 1:])):
        neurons = [(layer, j)] + [(layer + 1 + i, n) for i, n in enumerate(route)]
        factors = list(head)
        for (_, p), (lc, c) in zip(neurons, neurons[1:]):
            factors.append(Factor(f"w[{lc}]_{c},{p}", "the connection's weight",
                                  float(model.weights[lc - 1][c, p])))
            factors += enter(lc, c)
        last_layer, last = neurons[-1]
        if kind == "activation" and len(neurons) == 1:
            factors += [Factor(f"∂C/∂a[{L}]_{j}", "how much the cost cares about this output",
                               float(back.grad_a[L - 1][x, j]))]
        else:
            factors += finish(last_layer, last)
        paths.append(Path(neurons, factors, float(np.prod([f.value for f in factors]))))
    return PathDecomposition(paths, math.fsum(p.product for p in paths), gradient)
