"""Training datasets for Backprop Lens.

Owns the toy problems a network can be trained on: the bundled iris table, the
XOR truth table and seeded 2-D point clouds (circles, moons, spiral, gaussians).
Every dataset arrives as float64 inputs, ready-to-fit float64 targets and int64
class labels. Only NumPy and the standard library are used; nothing is
downloaded.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

MIN_SAMPLES = 4
MAX_SAMPLES = 5000
MAX_NOISE = 2.0

IRIS_CSV = Path(__file__).parent / "data" / "iris.csv"
IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")
PLANE = ("x1", "x2")

Samples = tuple[np.ndarray, np.ndarray]  # (inputs, labels)
Sampler = Callable[..., Samples]  # called as sample(n, noise, rng)


@dataclass(frozen=True)
class Dataset:
    """A labelled table of examples, ready to feed to the network."""

    name: str
    inputs: np.ndarray  # float64, (n, d)
    targets: np.ndarray  # float64, (n, c) one-hot, or (n, 1) of 0/1 for two classes
    labels: np.ndarray  # int64, (n,) class index per row
    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class _Recipe:
    description: str
    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    default_n: int
    default_noise: float | None  # None: a fixed table, n and noise do not apply
    sample: Sampler


def _balanced_labels(n: int, n_classes: int) -> np.ndarray:
    """Class indices in blocks whose sizes differ by at most one."""
    sizes = [n // n_classes + (k < n % n_classes) for k in range(n_classes)]
    return np.repeat(np.arange(n_classes, dtype=np.int64), sizes)


def _unit_circle(angle: np.ndarray) -> np.ndarray:
    return np.column_stack([np.cos(angle), np.sin(angle)])


def _jitter(points: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    return points + rng.normal(scale=noise, size=points.shape)


def _load_iris(*_: object) -> Samples:
    with IRIS_CSV.open(newline="") as table:
        rows = list(csv.DictReader(table))
    inputs = np.array([[float(row[f]) for f in IRIS_FEATURES] for row in rows])
    labels = np.array(
        [IRIS_SPECIES.index(row["species"]) for row in rows], dtype=np.int64
    )
    return inputs, labels


def _xor(*_: object) -> Samples:
    inputs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return inputs, np.array([0, 1, 1, 0], dtype=np.int64)


def _circles(n: int, noise: float, rng: np.random.Generator) -> Samples:
    labels = _balanced_labels(n, 2)
    radius = np.where(labels == 0, 1.0, 0.5)
    ring = radius[:, None] * _unit_circle(rng.uniform(0.0, 2 * np.pi, n))
    return _jitter(ring, noise, rng), labels


def _moons(n: int, noise: float, rng: np.random.Generator) -> Samples:
    labels = _balanced_labels(n, 2)
    arc = _unit_circle(rng.uniform(0.0, np.pi, n))
    lower = np.array([1.0, 0.5]) - arc
    moons = np.where((labels == 0)[:, None], arc, lower)
    return _jitter(moons, noise, rng), labels


def _spiral(n: int, noise: float, rng: np.random.Generator) -> Samples:
    labels = _balanced_labels(n, 3)
    radius = rng.uniform(0.05, 1.0, n)
    angle = labels * (2 * np.pi / 3) + 4.0 * radius
    arms = radius[:, None] * _unit_circle(angle)
    return _jitter(arms, noise, rng), labels


def _gaussians(n: int, noise: float, rng: np.random.Generator) -> Samples:
    labels = _balanced_labels(n, 2)
    centres = np.array([[-1.0, -1.0], [1.0, 1.0]])[labels]
    return _jitter(centres, noise, rng), labels


_RECIPES: dict[str, _Recipe] = {
    "iris": _Recipe(
        description="Fisher's 150 iris flowers: four measurements to tell three species apart.",
        classes=IRIS_SPECIES,
        feature_names=IRIS_FEATURES,
        default_n=150,
        default_noise=None,
        sample=_load_iris,
    ),
    "xor": _Recipe(
        description="The four points of the XOR truth table, which no single layer can separate.",
        classes=("0", "1"),
        feature_names=("a", "b"),
        default_n=4,
        default_noise=None,
        sample=_xor,
    ),
    "circles": _Recipe(
        description="Two concentric rings in the plane: an outer class around an inner one.",
        classes=("outer", "inner"),
        feature_names=PLANE,
        default_n=100,
        default_noise=0.08,
        sample=_circles,
    ),
    "moons": _Recipe(
        description="Two interleaving half-moons in the plane, split only by a curved boundary.",
        classes=("upper", "lower"),
        feature_names=PLANE,
        default_n=100,
        default_noise=0.1,
        sample=_moons,
    ),
    "spiral": _Recipe(
        description="Three spiral arms winding out from the origin, one class per arm.",
        classes=("arm 1", "arm 2", "arm 3"),
        feature_names=PLANE,
        default_n=150,
        default_noise=0.05,
        sample=_spiral,
    ),
    "gaussians": _Recipe(
        description="Two Gaussian blobs in the plane whose spread grows with the noise.",
        classes=("lower left", "upper right"),
        feature_names=PLANE,
        default_n=100,
        default_noise=0.5,
        sample=_gaussians,
    ),
}


def _recipe(name: str) -> _Recipe:
    try:
        return _RECIPES[name]
    except KeyError:
        raise KeyError(
            f"unknown dataset {name!r}; choose one of {', '.join(_RECIPES)}"
        ) from None


def _check_size(n: int | None) -> None:
    if n is None:
        return
    if (
        isinstance(n, bool)
        or not isinstance(n, (int, np.integer))
        or not MIN_SAMPLES <= n <= MAX_SAMPLES
    ):
        raise ValueError(
            f"n must be an integer from {MIN_SAMPLES} to {MAX_SAMPLES}, got {n!r}"
        )


def _check_noise(noise: float | None) -> None:
    if noise is not None and not 0.0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise must be between 0 and {MAX_NOISE:g}, got {noise!r}")


def _standardize(inputs: np.ndarray) -> np.ndarray:
    spread = inputs.std(axis=0)
    return (inputs - inputs.mean(axis=0)) / np.where(spread > 0, spread, 1.0)


def _encode(labels: np.ndarray, n_classes: int, one_hot: bool) -> np.ndarray:
    if one_hot:
        return np.eye(n_classes)[labels]
    if n_classes != 2:
        raise ValueError(
            f"one_hot=False needs two classes, this dataset has {n_classes}"
        )
    return labels.astype(np.float64)[:, None]


def make_dataset(
    name: str,
    *,
    n: int | None = None,
    noise: float | None = None,
    seed: int = 0,
    standardize: bool = False,
    one_hot: bool | None = None,
) -> Dataset:
    """Build the named dataset; `n`, `noise` and `one_hot` default per dataset.

    `n` and `noise` are checked for every dataset but only shape the generated
    2-D sets; iris and xor are fixed tables. Two-class sets give a single 0/1
    target column unless `one_hot=True`; three-class sets are always one-hot.
    """
    recipe = _recipe(name)
    _check_size(n)
    _check_noise(noise)
    inputs, labels = recipe.sample(
        recipe.default_n if n is None else int(n),
        recipe.default_noise if noise is None else float(noise),
        np.random.default_rng(seed),
    )
    if standardize:
        inputs = _standardize(inputs)
    n_classes = len(recipe.classes)
    return Dataset(
        name=name,
        inputs=inputs,
        targets=_encode(
            labels, n_classes, n_classes > 2 if one_hot is None else one_hot
        ),
        labels=labels,
        classes=recipe.classes,
        feature_names=recipe.feature_names,
        description=recipe.description,
    )


DATASETS: dict[str, Callable[..., Dataset]] = {
    name: partial(make_dataset, name) for name in _RECIPES
}


def describe_datasets() -> list[dict[str, object]]:
    """One entry per dataset for an API listing; `default_noise` is None for fixed tables."""
    return [
        {
            "name": name,
            "description": recipe.description,
            "n_features": len(recipe.feature_names),
            "classes": list(recipe.classes),
            "default_n": recipe.default_n,
            "default_noise": recipe.default_noise,
        }
        for name, recipe in _RECIPES.items()
    ]
