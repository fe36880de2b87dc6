"""Presets: ready `/api/step` request bodies, each with a title and what it teaches.

A preset is plain data (lists, numbers, strings) in the JSON contract of DESIGN.md, so the API
serves it as is and the page can post it straight back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.engine.datasets import make_dataset


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str  # two sentences: what it is, what it teaches
    build: Callable[[], dict[str, Any]]


def _mazur() -> dict[str, Any]:
    return {
        "model": {
            "sizes": [2, 2, 2],
            "activations": ["sigmoid", "sigmoid"],
            "loss": "half_sse",
            "weights": [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
            "biases": [[0.35, 0.35], [0.60, 0.60]],
        },
        "inputs": [[0.05, 0.10]],
        "targets": [[0.01, 0.99]],
        "learning_rate": 0.5,
        "update_biases": False,
    }


def _chain() -> dict[str, Any]:
    return {
        "model": {
            "sizes": [1, 1, 1, 1],
            "activations": ["sigmoid", "sigmoid", "sigmoid"],
            "loss": "half_sse",
            "weights": [[[0.8]], [[-1.2]], [[1.5]]],
            "biases": [[0.1], [0.3], [-0.2]],
        },
        "inputs": [[1.0]],
        "targets": [[1.0]],
        "learning_rate": 0.5,
        "update_biases": True,
    }


def _xor() -> dict[str, Any]:
    data = make_dataset("xor")
    return {
        "model": {
            "sizes": [2, 2, 1],
            "activations": ["sigmoid", "sigmoid"],
            "loss": "bce",
            "init": {"scheme": "xavier", "seed": 3},
        },
        "inputs": data.inputs.tolist(),
        "targets": data.targets.tolist(),
        "learning_rate": 1.0,
        "update_biases": True,
    }


def _iris() -> dict[str, Any]:
    data = make_dataset("iris", standardize=True)
    return {
        "model": {
            "sizes": [4, 5, 3],
            "activations": ["relu", "softmax"],
            "loss": "cross_entropy",
            "init": {"scheme": "he", "seed": 0},
        },
        "inputs": data.inputs.tolist(),
        "targets": data.targets.tolist(),
        "learning_rate": 0.1,
        "update_biases": True,
    }


def _deep(hidden: str, scheme: str) -> dict[str, Any]:
    data = make_dataset("moons", n=100, seed=0, standardize=True)
    return {
        "model": {
            "sizes": [2, 8, 8, 8, 8, 8, 1],
            "activations": [hidden] * 5 + ["sigmoid"],
            "loss": "bce",
            "init": {"scheme": scheme, "seed": 0},
        },
        "inputs": data.inputs.tolist(),
        "targets": data.targets.tolist(),
        "learning_rate": 0.5,
        "update_biases": True,
    }


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("mazur", "Mazur's worked example (2-2-2 sigmoid)",
               "Biases stay fixed, as in Matt Mazur's step-by-step backpropagation example: his "
               "2-2-2 sigmoid network, his weights, one sample, learning rate 0.5. Every number on "
               "the page can be checked against his published figures.",
               _mazur),
        Preset("chain", "The chain rule, one neuron per layer (1-1-1-1)",
               "Three sigmoid neurons in a row, so there is exactly one path from each weight to "
               "the cost. The gradient of the first weight is a single product of factors, the "
               "chain rule with nothing summed.", _chain),
        Preset("xor", "XOR (2-2-1)",
               "The four points of exclusive-or, which no network without a hidden layer can "
               "separate. Two hidden sigmoid neurons and a sigmoid output trained with binary "
               "cross-entropy learn it.", _xor),
        Preset("iris", "Iris flowers (4-5-3, relu + softmax)",
               "Fisher's 150 iris flowers, four standardised measurements, three species, in one "
               "full batch. A relu hidden layer and a softmax output with cross-entropy, where the "
               "output error is simply a − y.", _iris),
        Preset("deep-sigmoid", "Vanishing gradients (six sigmoid layers)",
               "Five hidden sigmoid layers of 8 on the two-moons data. A sigmoid's slope is at most "
               "0.25, so the error shrinks at every layer it crosses and the first layers barely learn.",
               lambda: _deep("sigmoid", "xavier")),
        Preset("deep-relu", "The same deep net with relu",
               "The deep-sigmoid network with relu hidden layers and He initialisation. A relu's slope "
               "is 1 where it is active, so the error reaches the first layer at a healthy size.",
               lambda: _deep("relu", "he")),
    )
}
