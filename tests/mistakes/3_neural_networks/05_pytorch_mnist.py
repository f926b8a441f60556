"""Typical wrong answers for 3_neural_networks/05_pytorch_mnist. Each must be rejected by its check cell."""

MISTAKES = {
    "build_mlp": {
        "a ReLU after the last layer too (no negative logits)": """
def build_mlp(layer_sizes):
    layers = []
    for index in range(len(layer_sizes) - 1):
        layers += [nn.Linear(layer_sizes[index], layer_sizes[index + 1]), nn.ReLU()]
    return nn.Sequential(*layers)
""",
        "no activation at all (a linear model)": """
def build_mlp(layer_sizes):
    return nn.Sequential(*[nn.Linear(layer_sizes[i], layer_sizes[i + 1]) for i in range(len(layer_sizes) - 1)])
""",
        "a softmax at the end, before F.cross_entropy": """
def build_mlp(layer_sizes):
    layers = []
    for index in range(len(layer_sizes) - 1):
        layers += [nn.Linear(layer_sizes[index], layer_sizes[index + 1]), nn.ReLU()]
    return nn.Sequential(*layers[:-1], nn.Softmax(dim=1))
""",
        "sigmoid instead of ReLU": """
def build_mlp(layer_sizes):
    layers = []
    for index in range(len(layer_sizes) - 1):
        layers += [nn.Linear(layer_sizes[index], layer_sizes[index + 1]), nn.Sigmoid()]
    return nn.Sequential(*layers[:-1])
""",
        "only the first and last sizes (drops the hidden layers)": """
def build_mlp(layer_sizes):
    return nn.Sequential(nn.Linear(layer_sizes[0], layer_sizes[-1]))
""",
        "returns the list of layers, not an nn.Sequential": """
def build_mlp(layer_sizes):
    layers = []
    for index in range(len(layer_sizes) - 1):
        layers += [nn.Linear(layer_sizes[index], layer_sizes[index + 1]), nn.ReLU()]
    return layers[:-1]
""",
    },
    "copy_numpy_weights": {
        "forgets the transpose (wrong on square layers, an error elsewhere)": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    with torch.no_grad():
        for layer, weight, bias in zip(linears, weights, biases):
            layer.weight.copy_(torch.from_numpy(weight).reshape(layer.weight.shape))
            layer.bias.copy_(torch.from_numpy(bias))
""",
        "forgets the biases": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    with torch.no_grad():
        for layer, weight in zip(linears, weights):
            layer.weight.copy_(torch.from_numpy(weight.T))
""",
        "replaces the parameters with nn.Parameter views of the NumPy arrays (shared memory)": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    for layer, weight, bias in zip(linears, weights, biases):
        layer.weight = nn.Parameter(torch.from_numpy(weight).T)
        layer.bias = nn.Parameter(torch.from_numpy(bias))
""",
        "assigns through .data with the NumPy dtype (a float32 model becomes float64)": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    for layer, weight, bias in zip(linears, weights, biases):
        layer.weight.data = torch.tensor(weight.T)
        layer.bias.data = torch.tensor(bias)
""",
        "replaces the parameters with plain tensors": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    for layer, weight, bias in zip(linears, weights, biases):
        del layer.weight, layer.bias
        layer.weight = torch.tensor(weight.T, dtype=torch.float32)
        layer.bias = torch.tensor(bias, dtype=torch.float32)
""",
        "copies the layers in reverse order": """
def copy_numpy_weights(model, weights, biases):
    linears = [layer for layer in model if isinstance(layer, nn.Linear)][::-1]
    with torch.no_grad():
        for layer, weight, bias in zip(linears, weights, biases):
            if layer.weight.shape == weight.T.shape:
                layer.weight.copy_(torch.from_numpy(weight.T))
                layer.bias.copy_(torch.from_numpy(bias))
""",
    },
    "evaluate": {
        "forgets model.eval(): dropout stays on": """
def evaluate(model, images, labels, batch_size):
    total_loss, correct = 0.0, 0
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == batch_labels).sum().item()
    return total_loss / len(images), correct / len(images)
""",
        "averages the batch means (the smaller last batch counts as much as a full one)": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    losses, accuracies = [], []
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            losses.append(F.cross_entropy(logits, batch_labels).item())
            accuracies.append((logits.argmax(dim=1) == batch_labels).float().mean().item())
    return sum(losses) / len(losses), sum(accuracies) / len(accuracies)
""",
        "a softmax before F.cross_entropy": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss += F.cross_entropy(logits.softmax(dim=1), batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == batch_labels).sum().item()
    return total_loss / len(images), correct / len(images)
""",
        "accuracy of the last batch only": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    total_loss = 0.0
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            accuracy = (logits.argmax(dim=1) == batch_labels).float().mean().item()
    return total_loss / len(images), accuracy
""",
        "returns tensors instead of Python floats": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    total_loss, correct = torch.tensor(0.0), torch.tensor(0)
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss = total_loss + F.cross_entropy(logits, batch_labels, reduction="sum")
            correct = correct + (logits.argmax(dim=1) == batch_labels).sum()
    return total_loss / len(images), correct / len(images)
""",
        "accuracy as a percentage": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.inference_mode():
        for first in range(0, len(images), batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == batch_labels).sum().item()
    return total_loss / len(images), 100 * correct / len(images)
""",
        "skips the last, smaller batch": """
def evaluate(model, images, labels, batch_size):
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    with torch.inference_mode():
        for first in range(0, len(images) - batch_size + 1, batch_size):
            logits = model(images[first:first + batch_size])
            batch_labels = labels[first:first + batch_size]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == batch_labels).sum().item()
            count += len(batch_labels)
    return total_loss / max(count, 1), correct / max(count, 1)
""",
    },
    "confusion_counts": {
        "rows are predictions, columns true labels (transposed)": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (predicted_labels, true_labels), 1)
    return counts
""",
        "fancy-index += 1 counts a repeated pair once": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    counts[true_labels, predicted_labels] += 1
    return counts
""",
        "the number of classes from the largest label seen": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    size = int(max(true_labels.max(), predicted_labels.max())) + 1
    counts = np.zeros((size, size), dtype=np.int64)
    np.add.at(counts, (true_labels, predicted_labels), 1)
    return counts
""",
        "float counts (np.zeros defaults to float64)": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    counts = np.zeros((num_classes, num_classes))
    np.add.at(counts, (true_labels, predicted_labels), 1)
    return counts
""",
        "fractions per row instead of counts": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (true_labels, predicted_labels), 1)
    return counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
""",
        "combined index with the wrong stride (true + predicted * num_classes)": """
def confusion_counts(true_labels, predicted_labels, num_classes):
    counts = np.bincount(true_labels + predicted_labels * num_classes, minlength=num_classes**2)
    return counts.reshape(num_classes, num_classes).astype(np.int64)
""",
    },
}

FAMILY_EXEMPTIONS = {
    "evaluate": {
        "ignores argument `batch_size`": "batch_size only bounds memory: a correct evaluate gives the same loss and "
        "accuracy whatever its value, so a function that keeps the first batch size is still right",
    },
}
