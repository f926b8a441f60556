"""Typical wrong answers for 3_neural_networks/03_mlp_backpropagation. Each must be rejected by its check cell."""

MISTAKES = {
    "forward": {
        "forgets the hidden bias": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"])
    return hidden, sigmoid(hidden @ parameters["W2"] + parameters["b2"])
""",
        "forgets the output bias": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"] + parameters["b1"])
    return hidden, sigmoid(hidden @ parameters["W2"])
""",
        "sigmoid in the hidden layer instead of tanh": """
def forward(parameters, features):
    hidden = sigmoid(features @ parameters["W1"] + parameters["b1"])
    return hidden, sigmoid(hidden @ parameters["W2"] + parameters["b2"])
""",
        "returns the hidden pre-activations": """
def forward(parameters, features):
    pre_activation = features @ parameters["W1"] + parameters["b1"]
    return pre_activation, sigmoid(np.tanh(pre_activation) @ parameters["W2"] + parameters["b2"])
""",
        "returns the logits instead of probabilities": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"] + parameters["b1"])
    return hidden, hidden @ parameters["W2"] + parameters["b2"]
""",
        "returns (probabilities, hidden)": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"] + parameters["b1"])
    return sigmoid(hidden @ parameters["W2"] + parameters["b2"]), hidden
""",
        "transposes the first weight matrix": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"].T + parameters["b1"])
    return hidden, sigmoid(hidden @ parameters["W2"] + parameters["b2"])
""",
        "computes in float32": """
def forward(parameters, features):
    single = {name: value.astype(np.float32) for name, value in parameters.items()}
    hidden = np.tanh(features.astype(np.float32) @ single["W1"] + single["b1"])
    return hidden, sigmoid(hidden @ single["W2"] + single["b2"])
""",
        "tanh at the output": """
def forward(parameters, features):
    hidden = np.tanh(features @ parameters["W1"] + parameters["b1"])
    return hidden, np.tanh(hidden @ parameters["W2"] + parameters["b2"])
""",
    },
    "backward": {
        "sums over the examples instead of averaging": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = probabilities - labels
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "forgets the tanh derivative": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = output_error @ parameters["W2"].T
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "tanh derivative as 1 - hidden (not squared)": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "applies tanh again inside the derivative": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - np.tanh(hidden) ** 2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "multiplies the output error by the sigmoid's derivative again": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) * probabilities * (1 - probabilities) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "bias gradients not summed over the examples": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error,
            "W2": hidden.T @ output_error, "b2": output_error}
""",
        "bias gradients averaged (divides by N twice)": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.mean(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.mean(axis=0)}
""",
        "labels minus probabilities (the gradient of the wrong sign)": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (labels - probabilities) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T @ output_error, "b2": output_error.sum(axis=0)}
""",
        "the output weights' gradient transposed": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = (probabilities - labels) / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": output_error.T @ hidden, "b2": output_error.sum(axis=0)}
""",
        "computes the gradients in float32": """
def backward(parameters, features, labels, hidden, probabilities):
    output_error = ((probabilities - labels) / len(features)).astype(np.float32)
    hidden_error = (output_error @ parameters["W2"].T.astype(np.float32)) * (1 - hidden.astype(np.float32) ** 2)
    return {"W1": features.T.astype(np.float32) @ hidden_error, "b1": hidden_error.sum(axis=0),
            "W2": hidden.T.astype(np.float32) @ output_error, "b2": output_error.sum(axis=0)}
""",
        "forgets to divide the bias gradients by N": """
def backward(parameters, features, labels, hidden, probabilities):
    raw = probabilities - labels
    output_error = raw / len(features)
    hidden_error = (output_error @ parameters["W2"].T) * (1 - hidden**2)
    return {"W1": features.T @ hidden_error, "b1": (raw @ parameters["W2"].T * (1 - hidden**2)).sum(axis=0),
            "W2": hidden.T @ output_error, "b2": raw.sum(axis=0)}
""",
    },
    "numerical_gradient": {
        "one-sided (forward) difference": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            base = loss_function(parameters)
            values[index] = original + epsilon
            gradient[index] = (loss_function(parameters) - base) / epsilon
            values[index] = original
        gradients[name] = gradient
    return gradients
""",
        "divides by epsilon instead of 2 epsilon": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = loss_function(parameters)
            values[index] = original - epsilon
            minus = loss_function(parameters)
            values[index] = original
            gradient[index] = (plus - minus) / epsilon
        gradients[name] = gradient
    return gradients
""",
        "restores by adding epsilon back (rounding leaves the parameters changed)": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            values[index] += epsilon
            plus = loss_function(parameters)
            values[index] -= 2 * epsilon
            minus = loss_function(parameters)
            values[index] += epsilon
            gradient[index] = (plus - minus) / (2 * epsilon)
        gradients[name] = gradient
    return gradients
""",
        "forgets to restore the parameter": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = loss_function(parameters)
            values[index] = original - epsilon
            minus = loss_function(parameters)
            gradient[index] = (plus - minus) / (2 * epsilon)
        gradients[name] = gradient
    return gradients
""",
        "perturbs a copy but evaluates the original (all zeros)": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            perturbed = values.copy()
            perturbed[index] += epsilon
            plus = loss_function(parameters)
            perturbed[index] -= 2 * epsilon
            minus = loss_function(parameters)
            gradient[index] = (plus - minus) / (2 * epsilon)
        gradients[name] = gradient
    return gradients
""",
        "perturbs a whole array at once": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        original = values.copy()
        values[...] = original + epsilon
        plus = loss_function(parameters)
        values[...] = original - epsilon
        minus = loss_function(parameters)
        values[...] = original
        gradients[name] = np.full_like(values, (plus - minus) / (2 * epsilon))
    return gradients
""",
        "returns only the last parameter's gradient": """
def numerical_gradient(loss_function, parameters, epsilon):
    for name, values in parameters.items():
        gradients = {}
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = loss_function(parameters)
            values[index] = original - epsilon
            minus = loss_function(parameters)
            values[index] = original
            gradient[index] = (plus - minus) / (2 * epsilon)
        gradients[name] = gradient
    return gradients
""",
        "relative step epsilon * |x|": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = {}
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            step = epsilon * max(abs(original), 1.0)
            values[index] = original + step
            plus = loss_function(parameters)
            values[index] = original - step
            minus = loss_function(parameters)
            values[index] = original
            gradient[index] = (plus - minus) / (2 * step)
        gradients[name] = gradient
    return gradients
""",
        "returns a list": """
def numerical_gradient(loss_function, parameters, epsilon):
    gradients = []
    for name, values in parameters.items():
        gradient = np.zeros_like(values)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = loss_function(parameters)
            values[index] = original - epsilon
            minus = loss_function(parameters)
            values[index] = original
            gradient[index] = (plus - minus) / (2 * epsilon)
        gradients.append(gradient)
    return gradients
""",
    },
}
