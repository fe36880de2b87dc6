"""from_torch(): a torch.nn.Sequential becomes a scenario with its exact weights, and one step of it
gives PyTorch autograd's gradients; anything else is refused with a message that says why."""

from __future__ import annotations

import numpy as np
import pytest

import backprop_lens as bl

torch = pytest.importorskip("torch")  # an optional extra; the test dependencies install it
nn = torch.nn


def torch_cost(out: torch.Tensor, y: torch.Tensor, loss: str) -> torch.Tensor:
    """The batch cost by DESIGN.md's definitions, written with torch: the mean of per-sample costs."""
    per_sample = {
        "sse": lambda: ((out - y) ** 2).sum(1),
        "half_sse": lambda: 0.5 * ((out - y) ** 2).sum(1),
        "mse": lambda: ((out - y) ** 2).mean(1),
        "cross_entropy": lambda: -(y * torch.log(out)).sum(1),
        "bce": lambda: -(y * torch.log(out) + (1 - y) * torch.log(1 - out)).sum(1),
    }[loss]()
    return per_sample.mean()


CASES = [
    ([nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 2), nn.Sigmoid()], "half_sse"),
    ([nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 2)], "mse"),
    ([nn.Linear(3, 4), nn.LeakyReLU(0.01), nn.Linear(4, 3), nn.Softmax(dim=1)], "cross_entropy"),
    ([nn.Linear(3, 4), nn.Identity(), nn.Linear(4, 1), nn.Sigmoid()], "bce"),
    ([nn.Linear(3, 2), nn.Linear(2, 2)], "sse"),
    ([nn.Linear(3, 4), nn.GELU(approximate="tanh"), nn.Linear(4, 3), nn.Softplus(), nn.Linear(3, 2)], "mse"),
]


@pytest.mark.parametrize(("modules", "loss"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_one_step_of_the_scenario_has_torch_autograds_gradients(modules: list, loss: str) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(*modules).double()
    x = torch.randn(6, 3, dtype=torch.float64)
    n_out = [m for m in modules if isinstance(m, nn.Linear)][-1].out_features
    y = (torch.eye(n_out, dtype=torch.float64)[torch.randint(0, n_out, (6,))] if loss == "cross_entropy"
         else torch.rand(6, n_out, dtype=torch.float64))
    scenario = bl.from_torch(model, x, y, loss=loss, learning_rate=0.1)
    trace = bl.step(scenario)
    cost = torch_cost(model(x), y, loss)
    cost.backward()
    assert trace.loss == pytest.approx(cost.item(), rel=1e-12)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    for layer, linear in zip(trace.layers, linears, strict=True):
        assert layer.weights.tolist() == linear.weight.detach().tolist()  # the exact weights
        np.testing.assert_allclose(layer.grad_weights, linear.weight.grad.numpy(), rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(layer.grad_biases, linear.bias.grad.numpy(), rtol=1e-10, atol=1e-15)
        with torch.no_grad():
            np.testing.assert_allclose(layer.updated_weights, (linear.weight - 0.1 * linear.weight.grad).numpy(), rtol=1e-12)


def test_float32_weights_are_carried_exactly_and_class_indices_are_accepted() -> None:
    model = nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=-1))
    scenario = bl.from_torch(model, torch.randn(4, 2), torch.tensor([0, 2, 1, 2]), loss="cross_entropy")
    assert scenario["model"]["weights"][0] == model[0].weight.detach().double().tolist()
    assert scenario["targets"] == [0, 2, 1, 2]


@pytest.mark.parametrize(("model", "message"), [
    (lambda: nn.Linear(2, 2), "Linear: is not a torch.nn.Sequential"),
    (lambda: nn.Sequential(nn.Conv1d(1, 1, 1)), r"module 0 \(Conv1d\): comes before the first Linear layer"),
    (lambda: nn.Sequential(nn.Linear(2, 2), nn.Dropout()), r"module 1 \(Dropout\): is not a supported layer"),
    (lambda: nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Tanh()), r"module 2 \(Tanh\): is a second activation"),
    (lambda: nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(0.2)), "negative_slope must be 0.01"),
    (lambda: nn.Sequential(nn.Linear(2, 2), nn.GELU()), r"module 1 \(GELU\): approximate must be tanh, got approximate=none"),
    (lambda: nn.Sequential(nn.Linear(2, 2), nn.Softplus(beta=2)), r"module 1 \(Softplus\): beta must be 1.0, got beta=2"),
    (lambda: nn.Sequential(nn.Linear(2, 2, bias=False), nn.Linear(2, 2)), "mixes Linear layers with and without bias"),
])
def test_anything_but_dense_layers_is_refused_with_a_clear_message(model, message: str) -> None:
    with pytest.raises(bl.pytorch.UnsupportedModel, match=message):
        bl.from_torch(model(), torch.zeros(1, 2), torch.zeros(1, 2), loss="mse")


def test_a_loss_that_does_not_fit_the_output_gets_the_apis_rule() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.Softmax(dim=1))
    with pytest.raises(ValueError, match="a softmax output needs loss cross_entropy"):
        bl.from_torch(model, torch.zeros(1, 2), torch.zeros(1, 2), loss="mse")
    with pytest.raises(ValueError, match="loss: must be one of"):
        bl.from_torch(model, torch.zeros(1, 2), torch.zeros(1, 2), loss="MSELoss")
