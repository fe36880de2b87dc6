"""What a request costs, in one place: every price of the compute budget and every count of the
answer's numbers. app/serving/limits.py compares them with `max_work` and `max_answer_values`.

The unit is a nanosecond of one core of the reference machine (2 cores, NumPy with OpenBLAS), so the
default budget of 1 000 000 000 is about a second. The prices come from profiles of the engine;
tests/bench/bench_limits.py times the worst request each route allows: re-tune them here when its
figures drift (for instance after the engine gets faster).

- MULTIPLY_ADD: a weight times a sample in a batched matrix product.
- NEURON: the element-wise work per neuron and sample of a forward and backward pass (activation,
  its slope, the loss, δ); NEURON_FORWARD for a forward pass alone.
- LAYER_PASS: the fixed cost of one layer in a forward and backward pass (Python and NumPy calls),
  which dominates tiny networks; LAYER_FORWARD for a forward pass alone.
- STEP: the fixed cost of a training step, and UPDATE per parameter (Adam's is the dearest).
- RECORD and RECORD_LAYER: the fixed cost of a record of the history (loss, accuracy, gradient
  norms, mean |δ|) besides its full-batch pass.
- VALUE_OUT: one number of the answer, from the array to JSON bytes; SNAPSHOT_VALUE more for each
  number of a /api/train snapshot (copied per record), STANDALONE_VALUE more for each number of the
  step that a standalone file embeds.
- ROW: one row of the body's inputs or targets (decoded, validated, made an array).
- PATH_FACTOR: one factor of one path in /api/paths (a Python object each), listed or summed per sample.
- SCRIPT_VALUE: one number written into the NumPy script (repr and formatting).
- PROBE: the fixed cost of one finite-difference probe of /api/gradcheck (perturb, forward, restore).
- STANDALONE_FILE: reading and joining the page's modules into one .html file.
"""

from __future__ import annotations

from dataclasses import dataclass

MULTIPLY_ADD = 0.5
NEURON = 50
NEURON_FORWARD = 20
LAYER_PASS = 38_000
LAYER_FORWARD = 15_000
STEP = 60_000
UPDATE = 10
RECORD = 60_000
RECORD_LAYER = 35_000
VALUE_OUT = 200
SNAPSHOT_VALUE = 500
STANDALONE_VALUE = 400
ROW = 3000
PATH_FACTOR = 4500
SCRIPT_VALUE = 300
PROBE = 60_000
STANDALONE_FILE = 20_000_000
BYTES_PER_VALUE = 24  # an answer's bytes per value it is priced at (a float in JSON, or a short string)
STEP_SCRIPT_VALUES = 30  # numbers-equivalent of one entry of the step script (equation, title, text)


@dataclass(frozen=True)
class Cost:
    work: int  # compute units
    values: int  # numbers in the answer


def weight_count(sizes: list[int]) -> int:
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


def parameter_count(sizes: list[int]) -> int:
    return weight_count(sizes) + sum(sizes[1:])


def forward_backward(sizes: list[int], samples: int) -> int:
    """One forward and backward pass over `samples` samples, with the batch gradients."""
    products = 3 * samples * weight_count(sizes)
    return round(MULTIPLY_ADD * products) + NEURON * samples * sum(sizes[1:]) + LAYER_PASS * (len(sizes) - 1)


def forward_only(sizes: list[int], samples: int) -> int:
    products = samples * weight_count(sizes)
    return (round(MULTIPLY_ADD * products) + NEURON_FORWARD * samples * sum(sizes[1:])
            + LAYER_FORWARD * (len(sizes) - 1))


def traced_values(sizes: list[int], traced: int) -> int:
    """Numbers of a /api/step answer: per traced sample its input, target, loss and five arrays per
    layer (z, a, σ′, ∂C/∂a, δ); the gradients, the updated and the returned model; the script."""
    per_sample = sizes[0] + sizes[-1] + 1 + 5 * sum(sizes[1:])
    script = STEP_SCRIPT_VALUES * (4 * (len(sizes) - 1) + 4)
    return traced * per_sample + 3 * parameter_count(sizes) + script


# Arrays of optimizer state in a /api/step answer, per parameter: the state before and after, and
# Adam's bias-corrected moments.
STATE_ARRAYS = {"sgd": 0, "momentum": 2, "adam": 6}


def step_cost(sizes: list[int], batch: int, traced: int, optimizer: str = "sgd") -> Cost:
    """/api/step: the body's rows, forward and backward on the batch, the update, the cost after it,
    and the answer: the trace and the optimizer's state (counted whole)."""
    values = traced_values(sizes, traced) + STATE_ARRAYS.get(optimizer, 6) * parameter_count(sizes)
    work = ROW * 2 * batch + forward_backward(sizes, batch) + forward_only(sizes, batch) + STEP + VALUE_OUT * values
    return Cost(work, values)


def train_cost(sizes: list[int], samples: int, batch: int, steps: int, records: int, snapshots: bool) -> Cost:
    """/api/train: every step on its (mini-)batch, plus every record: a full-batch pass on all the
    samples for the loss, the accuracy and the gradient health, and a copy of the model if asked."""
    layers = len(sizes) - 1
    params = parameter_count(sizes)
    history = records * (3 + 2 * layers)
    snapshot_values = records * params if snapshots else 0
    values = history + snapshot_values + 3 * params  # the final model, and the optimizer's state (m, v)
    stepping = steps * (forward_backward(sizes, batch) + STEP + UPDATE * params)
    recording = records * (forward_backward(sizes, samples) + RECORD + RECORD_LAYER * layers)
    return Cost(ROW * 2 * samples + stepping + recording + VALUE_OUT * values + SNAPSHOT_VALUE * snapshot_values, values)


def gradcheck_cost(sizes: list[int], samples: int) -> Cost:
    """/api/gradcheck: two forward passes on the whole batch for every parameter."""
    probes = 2 * parameter_count(sizes)
    return Cost(ROW * 2 * samples + probes * (forward_only(sizes, samples) + PROBE) + forward_backward(sizes, samples),
                4 * len(sizes))


def nudge_cost(sizes: list[int], samples: int, points: int, per_sample: bool) -> Cost:
    """/api/nudge: a forward and backward pass, then the cost at every point of the curve and at the
    nudged value: a forward pass on the batch each for a parameter, one pass of all the points for an
    activation (one sample)."""
    if per_sample:
        work = forward_backward(sizes, 1) + 2 * forward_only(sizes, points + 2)
    else:
        work = forward_backward(sizes, samples) + (points + 1) * (forward_only(sizes, samples) + PROBE)
    return Cost(work, 2 * points + 16)


def paths_cost(sizes: list[int], paths: int) -> Cost:
    """/api/paths: one sample forward and backward, then every path with its factors (each factor a
    value, a symbol and a meaning: three values of the answer)."""
    factors = 2 * len(sizes)
    return Cost(forward_backward(sizes, 1) + PATH_FACTOR * paths * factors, paths * (3 * factors + 2))


def paths_batch_cost(sizes: list[int], paths: int, batch: int) -> Cost:
    """/api/paths with batch_mean: the one sample's paths as listed, then the batch forward and
    backward and every sample's paths, one sum each."""
    listed = paths_cost(sizes, paths)
    factors = 2 * len(sizes)
    work = ROW * 2 * batch + forward_backward(sizes, batch) + PATH_FACTOR * paths * factors * batch
    return Cost(listed.work + work, listed.values + batch + 2)


def boundary_cost(sizes: list[int], resolution: int) -> Cost:
    """/api/boundary: a forward pass on resolution² points, their outputs and predicted classes."""
    points = resolution * resolution
    values = points * (sizes[-1] + 1) + 2 * resolution
    return Cost(forward_only(sizes, points) + VALUE_OUT * values, values)


def numpy_script_cost(sizes: list[int], samples: int) -> Cost:
    """/api/export/numpy: one step, and the parameters and the data written out as Python text."""
    written = parameter_count(sizes) + samples * (sizes[0] + sizes[-1])
    return Cost(forward_backward(sizes, samples) + SCRIPT_VALUE * written, written)


def notebook_cost(sizes: list[int], samples: int, traced: int) -> Cost:
    """/api/export/notebook: the script's numbers, and each stage printing its arrays for the traced samples."""
    script = numpy_script_cost(sizes, samples)
    printed = traced_values(sizes, traced)
    return Cost(script.work + SCRIPT_VALUE * printed, script.values + printed)


def standalone_cost(sizes: list[int], batch: int, traced: int, optimizer: str = "sgd") -> Cost:
    """/api/export/standalone: the /api/step answer inside one .html file with the page's code."""
    step = step_cost(sizes, batch, traced, optimizer)
    return Cost(step.work + STANDALONE_FILE + STANDALONE_VALUE * step.values, step.values)
