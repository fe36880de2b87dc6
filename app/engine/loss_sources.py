"""The NumPy source of every loss, as the exported script spells it: `cost_per_sample(z_L, a_L, y)`
and `grad_a_output(a_L, y)`, the same arithmetic as losses.py in the same order of operations (the
schema allows cross_entropy only after softmax and bce only after sigmoid, so their costs come from
z, as the engine computes them). Each loss's notation record (losses.py) carries its entry."""

from __future__ import annotations

_LOG_SOFTMAX = '''
def log_softmax(z):
    """log softmax(z), from z directly so that log(0) never happens."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
'''

_TINY = "\nTINY = np.finfo(float).tiny  # keeps log(0) finite\n"

NUMPY: dict[str, str] = {
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
