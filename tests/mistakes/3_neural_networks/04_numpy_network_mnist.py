"""Typical wrong answers for 3_neural_networks/04_numpy_network_mnist. Each must be rejected by its check cell."""

MISTAKES = {
    "softmax_cross_entropy": {
        "naive softmax: exp overflows at logits of 1000": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    loss = -float(np.log(probabilities[rows, labels]).mean())
    gradient = probabilities.copy()
    gradient[rows, labels] -= 1
    return loss, gradient / len(logits)
""",
        "stable softmax, but the loss as log(softmax): log 0 for an unlikely label": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    shifted = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -float(np.log(probabilities[rows, labels]).mean())
    gradient = probabilities.copy()
    gradient[rows, labels] -= 1
    return loss, gradient / len(logits)
""",
        "log(softmax + 1e-12): a clipped loss instead of the true one": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    shifted = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -float(np.log(probabilities[rows, labels] + 1e-12).mean())
    gradient = probabilities.copy()
    gradient[rows, labels] -= 1
    return loss, gradient / len(logits)
""",
        "gradient not divided by the batch size": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    log_probabilities = numpy_nets.log_softmax(logits)
    gradient = np.exp(log_probabilities)
    gradient[rows, labels] -= 1
    return -float(log_probabilities[rows, labels].mean()), gradient
""",
        "sums the loss over the batch instead of averaging": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    log_probabilities = numpy_nets.log_softmax(logits)
    gradient = np.exp(log_probabilities)
    gradient[rows, labels] -= 1
    return -float(log_probabilities[rows, labels].sum()), gradient / len(logits)
""",
        "gradient with the wrong sign (one-hot minus softmax)": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    log_probabilities = numpy_nets.log_softmax(logits)
    gradient = -np.exp(log_probabilities)
    gradient[rows, labels] += 1
    return -float(log_probabilities[rows, labels].mean()), gradient / len(logits)
""",
        "forgets to subtract the one-hot labels from the gradient": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    log_probabilities = numpy_nets.log_softmax(logits)
    return -float(log_probabilities[rows, labels].mean()), np.exp(log_probabilities) / len(logits)
""",
        "one-hot from np.eye: a float64 gradient for float32 logits": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    log_probabilities = numpy_nets.log_softmax(logits)
    one_hot = np.eye(logits.shape[1])[labels]
    return -float(log_probabilities[rows, labels].mean()), (np.exp(log_probabilities) - one_hot) / len(logits)
""",
        "indexes with [:, labels] (an N×N block) instead of one element per row": """
def softmax_cross_entropy(logits, labels):
    log_probabilities = numpy_nets.log_softmax(logits)
    gradient = np.exp(log_probabilities)
    gradient[:, labels] -= 1
    return -float(log_probabilities[:, labels].mean()), gradient / len(logits)
""",
        "subtracts the maximum in place, changing the caller's logits": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    logits -= logits.max(axis=1, keepdims=True)
    log_probabilities = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    gradient = np.exp(log_probabilities)
    gradient[rows, labels] -= 1
    return -float(log_probabilities[rows, labels].mean()), gradient / len(logits)
""",
        "subtracts the maximum of the whole batch, not of each row": """
def softmax_cross_entropy(logits, labels):
    rows = np.arange(len(logits))
    shifted = logits - logits.max()
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    gradient = np.exp(log_probabilities)
    gradient[rows, labels] -= 1
    return -float(log_probabilities[rows, labels].mean()), gradient / len(logits)
""",
    },
    "forward": {
        "applies ReLU to the output layer too (no negative logits)": """
def forward(self, inputs):
    activations = inputs
    self.layer_inputs, self.pre_activations = [], []
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = activations @ weight + bias
        if layer < len(self.weights) - 1:
            self.pre_activations.append(values)
        activations = np.maximum(values, 0)
    return activations
""",
        "forgets the biases": """
def forward(self, inputs):
    activations = inputs
    self.layer_inputs, self.pre_activations = [], []
    for layer, weight in enumerate(self.weights):
        self.layer_inputs.append(activations)
        values = activations @ weight
        if layer == len(self.weights) - 1:
            return values
        self.pre_activations.append(values)
        activations = np.maximum(values, 0)
""",
        "caches the activations after ReLU instead of the pre-activations": """
def forward(self, inputs):
    activations = inputs
    self.layer_inputs, self.pre_activations = [], []
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = activations @ weight + bias
        if layer == len(self.weights) - 1:
            return values
        activations = np.maximum(values, 0)
        self.pre_activations.append(activations)
""",
        "does not cache anything": """
def forward(self, inputs):
    activations = inputs
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        values = activations @ weight + bias
        if layer == len(self.weights) - 1:
            return values
        activations = np.maximum(values, 0)
""",
        "appends to the cache of the previous call instead of replacing it": """
def forward(self, inputs):
    activations = inputs
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = activations @ weight + bias
        if layer == len(self.weights) - 1:
            return values
        self.pre_activations.append(values)
        activations = np.maximum(values, 0)
""",
        "sigmoid instead of ReLU": """
def forward(self, inputs):
    activations = inputs
    self.layer_inputs, self.pre_activations = [], []
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = activations @ weight + bias
        if layer == len(self.weights) - 1:
            return values
        self.pre_activations.append(values)
        activations = 1 / (1 + np.exp(-values))
""",
        "weights applied from the left (W.T @ x per column)": """
def forward(self, inputs):
    activations = inputs.T
    self.layer_inputs, self.pre_activations = [], []
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = weight.T @ activations + bias[:, None]
        if layer == len(self.weights) - 1:
            return values
        self.pre_activations.append(values)
        activations = np.maximum(values, 0)
""",
        "converts the inputs to float64 (a float32 network becomes float64)": """
def forward(self, inputs):
    activations = inputs.astype(np.float64)
    self.layer_inputs, self.pre_activations = [], []
    for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
        self.layer_inputs.append(activations)
        values = activations @ weight + bias
        if layer == len(self.weights) - 1:
            return values
        self.pre_activations.append(values)
        activations = np.maximum(values, 0)
""",
    },
    "backward": {
        "forgets the ReLU's mask": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta
        self.bias_gradients[layer] = delta.sum(axis=0)
        if layer > 0:
            delta = delta @ self.weights[layer].T
""",
        "masks with the pre-activation of the wrong layer": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta
        self.bias_gradients[layer] = delta.sum(axis=0)
        if layer > 0:
            mask = self.pre_activations[min(layer, len(self.pre_activations) - 1)] > 0
            delta = (delta @ self.weights[layer].T) * mask
""",
        "weight gradient transposed (G.T @ A)": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = delta.T @ self.layer_inputs[layer]
        self.bias_gradients[layer] = delta.sum(axis=0)
        if layer > 0:
            delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
""",
        "divides by the batch size again": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    count = len(grad_logits)
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta / count
        self.bias_gradients[layer] = delta.sum(axis=0) / count
        if layer > 0:
            delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
""",
        "bias gradient as the mean over the batch instead of the sum": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta
        self.bias_gradients[layer] = delta.mean(axis=0)
        if layer > 0:
            delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
""",
        "bias gradient keeps the batch axis, shape (1, fan_out)": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta
        self.bias_gradients[layer] = delta.sum(axis=0, keepdims=True)
        if layer > 0:
            delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
""",
        "propagates through W instead of W.T": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients, self.bias_gradients = [None] * layers, [None] * layers
    delta = grad_logits
    for layer in reversed(range(layers)):
        self.weight_gradients[layer] = self.layer_inputs[layer].T @ delta
        self.bias_gradients[layer] = delta.sum(axis=0)
        if layer > 0:
            delta = (delta @ self.weights[layer]) * (self.pre_activations[layer - 1] > 0)
""",
        "only the last layer's gradients (no propagation)": """
def backward(self, grad_logits):
    layers = len(self.weights)
    self.weight_gradients = [np.zeros_like(weight) for weight in self.weights]
    self.bias_gradients = [np.zeros_like(bias) for bias in self.biases]
    self.weight_gradients[-1] = self.layer_inputs[-1].T @ grad_logits
    self.bias_gradients[-1] = grad_logits.sum(axis=0)
""",
        "stores the gradients last layer first": """
def backward(self, grad_logits):
    self.weight_gradients, self.bias_gradients = [], []
    delta = grad_logits
    for layer in reversed(range(len(self.weights))):
        self.weight_gradients.append(self.layer_inputs[layer].T @ delta)
        self.bias_gradients.append(delta.sum(axis=0))
        if layer > 0:
            delta = (delta @ self.weights[layer].T) * (self.pre_activations[layer - 1] > 0)
""",
    },
    "update_weights": {
        "plain SGD: ignores the velocity": """
def update_weights(self, learning_rate, momentum=0.0):
    for parameter, gradient in zip(self.weights + self.biases, self.weight_gradients + self.bias_gradients):
        parameter -= learning_rate * gradient
""",
        "rebinds the loop variable: the velocity is never stored": """
def update_weights(self, learning_rate, momentum=0.0):
    parameters = self.weights + self.biases
    gradients = self.weight_gradients + self.bias_gradients
    velocities = self.weight_velocities + self.bias_velocities
    for parameter, gradient, velocity in zip(parameters, gradients, velocities):
        velocity = momentum * velocity + gradient
        parameter -= learning_rate * velocity
""",
        "the other convention: v = momentum * v - lr * g; w += v (differs when the rate changes)": """
def update_weights(self, learning_rate, momentum=0.0):
    parameters = self.weights + self.biases
    gradients = self.weight_gradients + self.bias_gradients
    velocities = self.weight_velocities + self.bias_velocities
    for parameter, gradient, velocity in zip(parameters, gradients, velocities):
        velocity *= momentum
        velocity -= learning_rate * gradient
        parameter += velocity
""",
        "an average of gradients: v = momentum * v + (1 - momentum) * g": """
def update_weights(self, learning_rate, momentum=0.0):
    parameters = self.weights + self.biases
    gradients = self.weight_gradients + self.bias_gradients
    velocities = self.weight_velocities + self.bias_velocities
    for parameter, gradient, velocity in zip(parameters, gradients, velocities):
        velocity *= momentum
        velocity += (1 - momentum) * gradient
        parameter -= learning_rate * velocity
""",
        "gradient ascent (adds the velocity)": """
def update_weights(self, learning_rate, momentum=0.0):
    parameters = self.weights + self.biases
    gradients = self.weight_gradients + self.bias_gradients
    velocities = self.weight_velocities + self.bias_velocities
    for parameter, gradient, velocity in zip(parameters, gradients, velocities):
        velocity *= momentum
        velocity += gradient
        parameter += learning_rate * velocity
""",
        "forgets the biases": """
def update_weights(self, learning_rate, momentum=0.0):
    for weight, gradient, velocity in zip(self.weights, self.weight_gradients, self.weight_velocities):
        velocity *= momentum
        velocity += gradient
        weight -= learning_rate * velocity
""",
    },
    "train_epoch": {
        "no shuffling: the images in their stored order": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    losses = []
    for first in range(0, len(images), batch_size):
        loss, grad_logits = softmax_cross_entropy(network.forward(images[first:first + batch_size]),
                                                  labels[first:first + batch_size])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "shuffles images and labels with two different permutations": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    images, labels = images[rng.permutation(len(images))], labels[rng.permutation(len(labels))]
    losses = []
    for first in range(0, len(images), batch_size):
        loss, grad_logits = softmax_cross_entropy(network.forward(images[first:first + batch_size]),
                                                  labels[first:first + batch_size])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "drops the last, smaller batch": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    order = rng.permutation(len(images))
    losses = []
    for first in range(0, len(images) - batch_size + 1, batch_size):
        batch = order[first:first + batch_size]
        loss, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "shuffles with NumPy's global generator instead of rng": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    order = np.random.permutation(len(images))
    losses = []
    for first in range(0, len(images), batch_size):
        batch = order[first:first + batch_size]
        loss, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "shuffles the caller's arrays in place": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    order = rng.permutation(len(images))
    images[:], labels[:] = images[order], labels[order]
    losses = []
    for first in range(0, len(images), batch_size):
        loss, grad_logits = softmax_cross_entropy(network.forward(images[first:first + batch_size]),
                                                  labels[first:first + batch_size])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "draws a new permutation for every batch": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    losses = []
    for first in range(0, len(images), batch_size):
        batch = rng.permutation(len(images))[first:first + batch_size]
        loss, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return losses
""",
        "returns the mean loss instead of the list": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    order = rng.permutation(len(images))
    losses = []
    for first in range(0, len(images), batch_size):
        batch = order[first:first + batch_size]
        loss, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(loss)
    return float(np.mean(losses))
""",
        "records the loss after the update": """
def train_epoch(network, images, labels, batch_size, learning_rate, momentum, rng):
    order = rng.permutation(len(images))
    losses = []
    for first in range(0, len(images), batch_size):
        batch = order[first:first + batch_size]
        _, grad_logits = softmax_cross_entropy(network.forward(images[batch]), labels[batch])
        network.backward(grad_logits)
        network.update_weights(learning_rate, momentum)
        losses.append(softmax_cross_entropy(network.forward(images[batch]), labels[batch])[0])
    return losses
""",
    },
}
