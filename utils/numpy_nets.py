"""A small reference multi-layer perceptron in NumPy: forward, backward, update, stable softmax cross-entropy.

In ``3_neural_networks/04`` learners write this network themselves; its check cells compare their
code with this one (so that no check prints a solution), and ``3_neural_networks/05`` trains it side
by side with the same network in PyTorch. ``tests/test_numpy_nets.py`` checks every gradient here
against torch autograd in float64.

    network = MLP([784, 256, 10], seed=0)                   # ReLU hidden layers, He initialisation
    logits = network.forward(images)                        # (N, 10); caches what backward needs
    loss, grad_logits = softmax_cross_entropy(logits, labels)
    network.backward(grad_logits)                           # fills weight_gradients, bias_gradients
    network.update_weights(learning_rate=0.1, momentum=0.9)  # SGD with momentum, PyTorch's convention

Layout: a layer computes ``inputs @ weights[i] + biases[i]``, so ``weights[i]`` has shape
``(fan_in, fan_out)``, rows indexed by inputs. PyTorch's ``nn.Linear`` stores the transpose,
``(out_features, in_features)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MLP", "accuracy", "log_softmax", "softmax", "softmax_cross_entropy", "train_epoch"]


def _float_matrix(values: object, name: str) -> np.ndarray:
    if not isinstance(values, np.ndarray):
        raise TypeError(f"{name} should be a NumPy array, got {type(values).__name__}: convert it with np.asarray")
    if values.ndim != 2:
        raise ValueError(f"{name} should be a 2-D array (batch, features), got shape {values.shape}")
    if not np.issubdtype(values.dtype, np.floating):
        raise TypeError(f"{name} should hold floats, got dtype {values.dtype}: use .astype(np.float32)")
    return values


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities of each row, computed stably: z - max(z) - log(sum(exp(z - max(z))))."""
    logits = _float_matrix(logits, "logits")
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities of each row; subtracting the row's maximum first keeps exp from overflowing."""
    logits = _float_matrix(logits, "logits")
    exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def _labels_for(labels: object, count: int, num_classes: int) -> np.ndarray:
    if not isinstance(labels, np.ndarray) or labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        got = type(labels).__name__
        if isinstance(labels, np.ndarray):
            got += f" of shape {labels.shape} and dtype {labels.dtype}"
        raise TypeError(f"labels should be a 1-D NumPy array of integer class indices, got {got}")
    if len(labels) != count:
        raise ValueError(f"{len(labels)} labels for {count} rows of logits: give one label per row")
    if count and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must lie in 0..{num_classes - 1} (one per column of logits)")
    return labels


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer labels, and its gradient with respect to the logits.

    Returns ``(loss, grad_logits)``: the loss as a Python float, the gradient
    ``(softmax(logits) - one_hot(labels)) / N`` with the shape and dtype of ``logits``. Stable at
    any scale: the loss goes through ``log_softmax``, never through ``log(softmax)``.
    """
    logits = _float_matrix(logits, "logits")
    count, num_classes = logits.shape
    if count == 0:
        raise ValueError("logits has no rows: the mean loss of an empty batch is undefined")
    labels = _labels_for(labels, count, num_classes)
    rows = np.arange(count)
    loss = -float(log_softmax(logits)[rows, labels].mean())
    gradient = softmax(logits)
    gradient[rows, labels] -= 1
    gradient /= count
    return loss, gradient


class MLP:
    """A fully connected network: Linear, ReLU, ..., Linear (logits). Weights have shape (fan_in, fan_out).

    ``forward`` caches ``layer_inputs`` (the input of every linear layer) and ``pre_activations``
    (every hidden layer's values before ReLU); ``backward`` fills ``weight_gradients`` and
    ``bias_gradients``; ``update_weights`` applies SGD with momentum using ``weight_velocities`` and
    ``bias_velocities``.
    """

    def __init__(self, layer_sizes: Sequence[int], *, seed: int = 0, dtype: type = np.float32):
        sizes = list(layer_sizes)
        if len(sizes) < 2 or not all(isinstance(size, (int, np.integer)) and size > 0 for size in sizes):
            raise ValueError(
                f"layer_sizes should list at least two positive ints (inputs, ..., outputs), got {layer_sizes!r}"
            )
        self.layer_sizes = [int(size) for size in sizes]
        self.dtype = np.dtype(dtype)
        rng = np.random.default_rng(seed)
        # He initialisation (He et al., 2015): variance 2 / fan_in keeps ReLU activations at a steady scale.
        self.weights = [
            (rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).astype(self.dtype)
            for fan_in, fan_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True)
        ]
        self.biases = [np.zeros(fan_out, dtype=self.dtype) for fan_out in self.layer_sizes[1:]]
        self.weight_velocities = [np.zeros_like(weight) for weight in self.weights]
        self.bias_velocities = [np.zeros_like(bias) for bias in self.biases]
        self.layer_inputs: list[np.ndarray] = []
        self.pre_activations: list[np.ndarray] = []
        self.weight_gradients: list[np.ndarray] = []
        self.bias_gradients: list[np.ndarray] = []

    @classmethod
    def from_parameters(cls, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> MLP:
        """A network holding copies of these weights (each (fan_in, fan_out)) and biases, velocities zero.

        How a check builds the reference twin of another network: ``MLP.from_parameters(net.weights, net.biases)``.
        """
        weights = [np.array(weight, copy=True) for weight in weights]
        biases = [np.array(bias, copy=True) for bias in biases]
        if not weights or len(weights) != len(biases):
            raise ValueError(f"from_parameters needs one bias per weight matrix, got {len(weights)} and {len(biases)}")
        sizes = [weights[0].shape[0]] + [weight.shape[1] for weight in weights]
        for index, (weight, bias) in enumerate(zip(weights, biases, strict=True)):
            if weight.ndim != 2 or weight.shape[0] != sizes[index] or bias.shape != (weight.shape[1],):
                raise ValueError(
                    f"layer {index}: weight {weight.shape} and bias {bias.shape} do not chain; weights are "
                    "(fan_in, fan_out) with fan_in equal to the previous layer's fan_out, biases (fan_out,)"
                )
        network = cls(sizes, dtype=weights[0].dtype)
        network.weights, network.biases = weights, [bias.astype(weights[0].dtype) for bias in biases]
        network.weight_velocities = [np.zeros_like(weight) for weight in network.weights]
        network.bias_velocities = [np.zeros_like(bias) for bias in network.biases]
        return network

    @property
    def num_parameters(self) -> int:
        return sum(weight.size + bias.size for weight, bias in zip(self.weights, self.biases, strict=True))

    def _check_inputs(self, inputs: np.ndarray) -> np.ndarray:
        if isinstance(inputs, np.ndarray) and inputs.ndim > 2:
            raise ValueError(
                f"inputs have shape {inputs.shape}: flatten each image to one row first "
                "(images.reshape(len(images), -1))"
            )
        inputs = _float_matrix(inputs, "inputs")
        if inputs.shape[1] != self.layer_sizes[0]:
            raise ValueError(
                f"inputs have {inputs.shape[1]} features but the network expects {self.layer_sizes[0]}: "
                "flatten each image to one row (images.reshape(len(images), -1))"
            )
        return inputs.astype(self.dtype, copy=False)

    def _logits(self, inputs: np.ndarray, keep: bool) -> np.ndarray:
        activations = self._check_inputs(inputs)
        layer_inputs, pre_activations = [], []
        last = len(self.weights) - 1
        for layer, (weight, bias) in enumerate(zip(self.weights, self.biases, strict=True)):
            layer_inputs.append(activations)
            values = activations @ weight + bias
            if layer == last:
                break
            pre_activations.append(values)
            activations = np.maximum(values, 0)
        if keep:
            self.layer_inputs, self.pre_activations = layer_inputs, pre_activations
        return values

    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Logits for a batch of inputs (N, fan_in of the first layer); caches what ``backward`` needs."""
        return self._logits(inputs, keep=True)

    def backward(self, grad_logits: np.ndarray) -> None:
        """Gradients of the loss for every weight and bias, from the gradient with respect to the logits.

        Uses the cache of the last ``forward``; stores ``weight_gradients`` and ``bias_gradients``
        (aligned with ``weights`` and ``biases``).
        """
        if not self.layer_inputs:
            raise RuntimeError("backward() needs the cache of a forward pass: call forward(inputs) first")
        grad_logits = _float_matrix(grad_logits, "grad_logits")
        expected = (len(self.layer_inputs[0]), self.layer_sizes[-1])
        if grad_logits.shape != expected:
            raise ValueError(f"grad_logits has shape {grad_logits.shape}, but the last forward pass gave {expected}")
        layers = len(self.weights)
        weight_gradients: list[np.ndarray] = [None] * layers  # type: ignore[list-item]
        bias_gradients: list[np.ndarray] = [None] * layers  # type: ignore[list-item]
        delta = grad_logits.astype(self.dtype, copy=False)  # gradient with respect to this layer's output
        for layer in reversed(range(layers)):
            weight_gradients[layer] = self.layer_inputs[layer].T @ delta
            bias_gradients[layer] = delta.sum(axis=0)
            if layer > 0:  # the input images need no gradient
                delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
        self.weight_gradients, self.bias_gradients = weight_gradients, bias_gradients

    def update_weights(self, learning_rate: float, momentum: float = 0.0) -> None:
        """SGD with momentum, as ``torch.optim.SGD``: velocity = momentum * velocity + gradient; w -= lr * velocity."""
        if not self.weight_gradients:
            raise RuntimeError("update_weights() needs gradients: call backward(grad_logits) first")
        parameters = [*self.weights, *self.biases]
        gradients = [*self.weight_gradients, *self.bias_gradients]
        velocities = [*self.weight_velocities, *self.bias_velocities]
        for parameter, gradient, velocity in zip(parameters, gradients, velocities, strict=True):
            velocity *= momentum
            velocity += gradient
            parameter -= learning_rate * velocity

    def predict(self, inputs: np.ndarray, batch_size: int = 10_000) -> np.ndarray:
        """The most likely class of every input (batched; the training cache is left alone)."""
        inputs = self._check_inputs(inputs)
        chunks = [
            self._logits(inputs[start : start + batch_size], keep=False).argmax(axis=1)
            for start in range(0, len(inputs), batch_size)
        ]
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)


def accuracy(network: object, inputs: np.ndarray, labels: np.ndarray, batch_size: int = 10_000) -> float:
    """The fraction of inputs whose most likely class (the argmax of ``network.forward``) is the label.

    Works for any network with a ``forward`` method (the learner's as well as :class:`MLP`); evaluates
    in batches of ``batch_size`` to bound memory.
    """
    labels = np.asarray(labels)
    if len(inputs) != len(labels) or len(inputs) == 0:
        raise ValueError(
            f"accuracy needs as many labels as inputs (and at least one), got {len(inputs)} and {len(labels)}"
        )
    correct = 0
    for start in range(0, len(inputs), batch_size):
        logits = network.forward(inputs[start : start + batch_size])
        correct += int((logits.argmax(axis=1) == labels[start : start + batch_size]).sum())
    return correct / len(inputs)


def train_epoch(
    network: MLP,
    images: np.ndarray,
    labels: np.ndarray,
    batch_size: int,
    learning_rate: float,
    momentum: float,
    rng: np.random.Generator,
) -> list[float]:
    """One epoch of mini-batch SGD; returns the loss of every batch (before its update).

    The order is ``rng.permutation(len(images))``; consecutive slices of ``batch_size`` form the
    batches, the last one smaller when ``batch_size`` does not divide the number of images.
    """
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size should be a positive int, got {batch_size!r}")
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    order = rng.permutation(len(images))
    losses = []
    for start in range(0, len(images), batch_size):
        batch = order[start : start + batch_size]
        loss, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
