"""utils.numpy_nets: the reference NumPy MLP agrees with torch autograd, is stable, and explains bad input."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from utils import numpy_nets
from utils.numpy_nets import MLP, softmax_cross_entropy


def random_logits(rows: int, columns: int, seed: int, scale: float = 3.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(scale=scale, size=(rows, columns))


def torch_loss_and_gradient(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    tracked = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(tracked, torch.tensor(labels))
    loss.backward()
    return loss.item(), tracked.grad.numpy()


@pytest.mark.parametrize(("rows", "columns", "seed"), [(1, 2, 0), (5, 3, 1), (64, 10, 2)])
def test_softmax_cross_entropy_equals_torch_in_float64(rows, columns, seed):
    logits = random_logits(rows, columns, seed)
    labels = np.random.default_rng(seed + 10).integers(0, columns, size=rows)
    loss, gradient = softmax_cross_entropy(logits, labels)
    expected_loss, expected_gradient = torch_loss_and_gradient(logits, labels)
    assert isinstance(loss, float)
    assert gradient.shape == logits.shape and gradient.dtype == np.float64
    assert abs(loss - expected_loss) < 1e-6
    np.testing.assert_allclose(gradient, expected_gradient, atol=1e-6, rtol=0)


def test_softmax_cross_entropy_is_stable_at_logits_of_1000():
    logits = np.array([[1000.0, 1001.0, 999.0], [1000.0, 0.0, -1000.0], [-1000.0, -1001.0, -999.0]])
    labels = np.array([1, 2, 0])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        naive = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        naive_loss = -np.log(naive[np.arange(3), labels]).mean()
    assert not np.isfinite(naive_loss), "the naive formula should break on these logits (else the case is too easy)"
    loss, gradient = softmax_cross_entropy(logits, labels)
    expected_loss, expected_gradient = torch_loss_and_gradient(logits, labels)
    assert np.isfinite(loss) and np.all(np.isfinite(gradient))
    assert abs(loss - expected_loss) < 1e-6  # the middle row alone contributes 2000 / 3
    np.testing.assert_allclose(gradient, expected_gradient, atol=1e-6, rtol=0)


def test_softmax_cross_entropy_keeps_float32():
    logits = random_logits(4, 5, 3).astype(np.float32)
    _, gradient = softmax_cross_entropy(logits, np.array([0, 1, 2, 4]))
    assert gradient.dtype == np.float32
    assert numpy_nets.softmax(logits).dtype == np.float32
    np.testing.assert_allclose(numpy_nets.softmax(logits).sum(axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(np.exp(numpy_nets.log_softmax(logits)), numpy_nets.softmax(logits), rtol=1e-5)


def torch_gradients(network: MLP, inputs: np.ndarray, labels: np.ndarray) -> tuple[list, list, float]:
    weights = [torch.tensor(w, requires_grad=True) for w in network.weights]
    biases = [torch.tensor(b, requires_grad=True) for b in network.biases]
    activations = torch.tensor(inputs)
    for layer, (weight, bias) in enumerate(zip(weights, biases, strict=True)):
        activations = activations @ weight + bias
        if layer < len(weights) - 1:
            activations = torch.relu(activations)
    loss = F.cross_entropy(activations, torch.tensor(labels))
    loss.backward()
    return [w.grad.numpy() for w in weights], [b.grad.numpy() for b in biases], loss.item()


@pytest.mark.parametrize("layer_sizes", [[3, 2], [7, 5, 3], [6, 8, 4, 5], [20, 16, 12, 8, 10]])
def test_every_gradient_equals_torch_autograd_in_float64(layer_sizes):
    network = MLP(layer_sizes, seed=1, dtype=np.float64)
    rng = np.random.default_rng(2)
    for bias in network.biases:  # non-zero biases, so that a forgotten bias shows
        bias[:] = rng.normal(scale=0.3, size=bias.shape)
    inputs = rng.normal(size=(9, layer_sizes[0]))
    labels = rng.integers(0, layer_sizes[-1], size=9)
    loss, grad_logits = softmax_cross_entropy(network.forward(inputs), labels)
    network.backward(grad_logits)
    expected_weights, expected_biases, expected_loss = torch_gradients(network, inputs, labels)
    assert abs(loss - expected_loss) < 1e-6
    for got, expected in zip(network.weight_gradients, expected_weights, strict=True):
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, atol=1e-6, rtol=1e-6)
    for got, expected in zip(network.bias_gradients, expected_biases, strict=True):
        np.testing.assert_allclose(got, expected, atol=1e-6, rtol=1e-6)


def test_gradients_agree_with_central_differences():
    network = MLP([4, 5, 3], seed=3, dtype=np.float64)
    rng = np.random.default_rng(4)
    inputs, labels = rng.normal(size=(6, 4)), rng.integers(0, 3, size=6)
    network.backward(softmax_cross_entropy(network.forward(inputs), labels)[1])
    step = 1e-6
    for parameters, gradients in (
        (network.weights, network.weight_gradients),
        (network.biases, network.bias_gradients),
    ):
        for parameter, gradient in zip(parameters, gradients, strict=True):
            numerical = np.zeros_like(parameter)
            for index in np.ndindex(parameter.shape):
                original = parameter[index]
                parameter[index] = original + step
                plus = softmax_cross_entropy(network.forward(inputs), labels)[0]
                parameter[index] = original - step
                minus = softmax_cross_entropy(network.forward(inputs), labels)[0]
                parameter[index] = original
                numerical[index] = (plus - minus) / (2 * step)
            relative = np.abs(numerical - gradient).max() / max(np.abs(numerical).max(), 1e-12)
            assert relative < 1e-6


def test_float32_network_stays_float32_and_initialisation_is_he():
    network = MLP([784, 512, 10], seed=0)
    assert all(w.dtype == np.float32 for w in network.weights)
    assert network.num_parameters == 784 * 512 + 512 + 512 * 10 + 10
    assert abs(network.weights[0].std() - np.sqrt(2 / 784)) < 0.002
    assert all(np.all(b == 0) for b in network.biases)
    images = np.random.default_rng(0).normal(size=(8, 784)).astype(np.float32)
    logits = network.forward(images)
    assert logits.dtype == np.float32 and logits.shape == (8, 10)
    network.backward(softmax_cross_entropy(logits, np.arange(8))[1])
    assert all(g.dtype == np.float32 for g in network.weight_gradients + network.bias_gradients)
    network.update_weights(0.1, 0.9)
    assert all(w.dtype == np.float32 for w in network.weights + network.biases)
    same = MLP([784, 512, 10], seed=0)
    other = MLP([784, 512, 10], seed=1)
    assert np.array_equal(MLP([784, 512, 10], seed=0).weights[0], same.weights[0])
    assert not np.array_equal(same.weights[0], other.weights[0])


def test_update_weights_follows_torch_sgd_with_momentum_and_a_changing_learning_rate():
    network = MLP([5, 4, 3], seed=5, dtype=np.float64)
    parameters = [torch.tensor(p, requires_grad=True) for p in network.weights + network.biases]
    optimizer = torch.optim.SGD(parameters, lr=0.1, momentum=0.9)
    rng = np.random.default_rng(6)
    for learning_rate in (0.1, 0.05, 0.02):
        gradients = [rng.normal(size=p.shape) for p in network.weights + network.biases]
        network.weight_gradients, network.bias_gradients = gradients[:2], gradients[2:]
        network.update_weights(learning_rate, momentum=0.9)
        for parameter, gradient in zip(parameters, gradients, strict=True):
            parameter.grad = torch.tensor(gradient)
        optimizer.param_groups[0]["lr"] = learning_rate
        optimizer.step()
    for ours, theirs in zip(network.weights + network.biases, parameters, strict=True):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), atol=1e-12)


def test_train_epoch_visits_every_example_once_in_the_generators_order_and_learns():
    rng = np.random.default_rng(7)
    images = rng.normal(size=(50, 6))
    labels = (images[:, 0] + images[:, 1] > 0).astype(np.int64)
    seen = []

    class Recorder(MLP):
        def forward(self, inputs):
            seen.append(inputs.copy())
            return super().forward(inputs)

    network = Recorder([6, 8, 2], seed=0, dtype=np.float64)
    losses = numpy_nets.train_epoch(network, images, labels, 16, 0.1, 0.9, np.random.default_rng(8))
    assert len(losses) == 4 and all(isinstance(loss, float) for loss in losses)
    assert [len(batch) for batch in seen] == [16, 16, 16, 2]
    order = np.random.default_rng(8).permutation(50)
    np.testing.assert_array_equal(np.concatenate(seen), images[order])
    for _ in range(30):
        losses = numpy_nets.train_epoch(network, images, labels, 16, 0.1, 0.9, rng)
    assert np.mean(losses) < 0.2
    assert numpy_nets.accuracy(network, images, labels) > 0.95


def test_from_parameters_copies_and_checks_the_shapes():
    source = MLP([5, 4, 3], seed=2, dtype=np.float64)
    twin = MLP.from_parameters(source.weights, source.biases)
    assert twin.layer_sizes == [5, 4, 3] and twin.dtype == np.float64
    inputs = np.random.default_rng(0).normal(size=(3, 5))
    np.testing.assert_array_equal(twin.forward(inputs), source.forward(inputs))
    twin.weights[0][0, 0] += 1.0
    assert twin.weights[0][0, 0] != source.weights[0][0, 0], "the twin must hold copies"
    with pytest.raises(ValueError, match="do not chain"):
        MLP.from_parameters([np.zeros((5, 4)), np.zeros((3, 2))], [np.zeros(4), np.zeros(2)])
    with pytest.raises(ValueError, match="one bias per weight"):
        MLP.from_parameters([np.zeros((5, 4))], [])


def test_predict_leaves_the_training_cache_alone():
    network = MLP([3, 4, 2], seed=0, dtype=np.float64)
    batch = np.ones((2, 3))
    network.forward(batch)
    network.predict(np.zeros((25, 3)), batch_size=10)
    assert network.layer_inputs[0] is not None and network.layer_inputs[0].shape == (2, 3)
    assert network.predict(np.zeros((0, 3))).shape == (0,)


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="at least two positive ints"):
        MLP([784])
    with pytest.raises(ValueError, match="at least two positive ints"):
        MLP([784, 0, 10])
    network = MLP([4, 3, 2], seed=0)
    with pytest.raises(RuntimeError, match="call forward"):
        network.backward(np.zeros((1, 2), dtype=np.float32))
    with pytest.raises(RuntimeError, match="call backward"):
        network.update_weights(0.1)
    with pytest.raises(ValueError, match="flatten each image"):
        network.forward(np.zeros((2, 2, 2), dtype=np.float32))
    with pytest.raises(ValueError, match="expects 4"):
        network.forward(np.zeros((2, 5), dtype=np.float32))
    with pytest.raises(TypeError, match="NumPy array"):
        network.forward([[0.0] * 4])
    with pytest.raises(TypeError, match="floats"):
        network.forward(np.zeros((1, 4), dtype=np.uint8))
    network.forward(np.zeros((3, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="last forward pass"):
        network.backward(np.zeros((2, 2), dtype=np.float32))
    with pytest.raises(TypeError, match="integer class indices"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="one label per row"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"0\.\.2"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="positive int"):
        numpy_nets.train_epoch(network, np.zeros((4, 4)), np.zeros(4, dtype=int), 0, 0.1, 0.0, np.random.default_rng())
