"""The source text of every activation and loss, as the exported NumPy script spells them.

Each snippet is the same arithmetic as app/engine/activations.py and app/engine/losses.py, in the
same order of operations, so that the script's numbers equal the API's to the last bit; a test
runs every one of them against /api/step. An activation defines `<name>(z)` and
`<name>_slope(z, a)`; a loss defines `cost_per_sample(z_L, a_L, y)` and `grad_a_output(a_L, y)`;
an optimizer other than sgd defines `<name>_step(p, g, …)` after app/engine/optimizers.py.
"""

from __future__ import annotations

from app.engine.activations import LEAKY_SLOPE
from app.engine.optimizers import ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM

ACTIVATION_CODE: dict[str, str] = {
    "sigmoid": '''
def sigmoid(z):
    """σ(z) = 1 / (1 + e^−z); e^−|z| only, so no overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_slope(z, a):
    """σ′(z) = σ(z) (1 − σ(z)), written as e^−|z| / (1 + e^−|z|)² to stay positive for large |z|."""
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2
''',
    "tanh": '''
def tanh(z):
    """tanh(z)."""
    return np.tanh(z)


def tanh_slope(z, a):
    """tanh′(z) = 1 − tanh(z)² = 1 − a²."""
    return 1.0 - a * a
''',
    "relu": '''
def relu(z):
    """relu(z) = max(z, 0)."""
    return np.maximum(z, 0.0)


def relu_slope(z, a):
    """relu′(z) = 1 where z > 0, else 0."""
    return (z > 0).astype(float)
''',
    "leaky_relu": f'''
LEAKY_SLOPE = {LEAKY_SLOPE!r}


def leaky_relu(z):
    """leaky_relu(z) = z where z > 0, else {LEAKY_SLOPE!r} z."""
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def leaky_relu_slope(z, a):
    """leaky_relu′(z) = 1 where z > 0, else {LEAKY_SLOPE!r}."""
    return np.where(z > 0, 1.0, LEAKY_SLOPE)
''',
    "linear": '''
def linear(z):
    """The identity: a = z."""
    return z.copy()


def linear_slope(z, a):
    """1 everywhere."""
    return np.ones_like(z)
''',
    "softmax": '''
def softmax(z):
    """softmax(z)_j = e^z_j / Σ_i e^z_i over each row (one row per sample), shifted by the row's max."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def softmax_slope(z, a):
    """The diagonal of softmax's Jacobian, a (1 − a). Never multiplied in: with cross-entropy δ[L] = a[L] − y."""
    return a * (1.0 - a)
''',
}

_LOG_SOFTMAX = '''
def log_softmax(z):
    """log softmax(z), from z directly so that log(0) never happens."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
'''

_TINY = "\nTINY = np.finfo(float).tiny  # keeps log(0) finite\n"

LOSS_CODE: dict[str, str] = {
    "sse": '''
def cost_per_sample(z_L, a_L, y):
    """C_x = Σ_j (a_j − y_j)², one value per sample."""
    return ((a_L - y) ** 2).sum(axis=1)


def grad_a_output(a_L, y):
    """∂C_x/∂a[L] = 2 (a[L] − y)."""
    return 2 * (a_L - y)
''',
    "half_sse": '''
def cost_per_sample(z_L, a_L, y):
    """C_x = ½ Σ_j (a_j − y_j)², one value per sample."""
    return 0.5 * ((a_L - y) ** 2).sum(axis=1)


def grad_a_output(a_L, y):
    """∂C_x/∂a[L] = a[L] − y."""
    return a_L - y
''',
    "mse": '''
def cost_per_sample(z_L, a_L, y):
    """C_x = (1/n_L) Σ_j (a_j − y_j)², the mean over the outputs, one value per sample."""
    return ((a_L - y) ** 2).mean(axis=1)


def grad_a_output(a_L, y):
    """∂C_x/∂a[L] = 2 (a[L] − y) / n_L."""
    return 2 * (a_L - y) / a_L.shape[1]
''',
    "cross_entropy": _LOG_SOFTMAX + _TINY + '''

def cost_per_sample(z_L, a_L, y):
    """C_x = −Σ_j y_j log a_j, with log a[L] = log_softmax(z[L]) (exact even where a_j rounds to 0)."""
    return -(y * log_softmax(z_L)).sum(axis=1)


def grad_a_output(a_L, y):
    """∂C_x/∂a[L] = −y / a[L] (shown on the page; δ[L] = a[L] − y does not need it)."""
    return -y / np.maximum(a_L, TINY)
''',
    "bce": '''
def cost_per_sample(z_L, a_L, y):
    """C_x = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)], from z[L] as softplus(z) − y z (no log(0))."""
    return (np.maximum(z_L, 0) + np.log1p(np.exp(-np.abs(z_L))) - y * z_L).sum(axis=1)


def grad_a_output(a_L, y):
    """∂C_x/∂a[L] = (a[L] − y) / (a[L] (1 − a[L])); infinite where a saturates, δ[L] = a[L] − y is not."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a_L - y) / (a_L * (1 - a_L))
''',
}


def loss_code(loss: str) -> str:
    """The loss functions. The schema allows cross_entropy only after softmax and bce only after
    sigmoid, so their costs always come from z, as the engine computes them."""
    return LOSS_CODE[loss]


OPTIMIZER_CODE: dict[str, str] = {
    "sgd": "",
    "momentum": f'''
MOMENTUM = {MOMENTUM!r}


def momentum_step(p, g, m):
    """v ← {MOMENTUM!r} v + g;  p ← p − η v. Returns the new parameter and the new velocity v (held in m)."""
    m = MOMENTUM * m + g
    return p - learning_rate * m, m
''',
    "adam": f'''
BETA1, BETA2, EPSILON = {ADAM_BETA1!r}, {ADAM_BETA2!r}, {ADAM_EPSILON!r}


def adam_step(p, g, m, v, t):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − η m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)."""
    m = BETA1 * m + (1 - BETA1) * g
    v = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    return p - learning_rate * (m / c1) / (np.sqrt(v / c2) + EPSILON), m, v
''',
}
