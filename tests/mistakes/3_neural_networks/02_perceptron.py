"""Typical wrong answers for 3_neural_networks/02_perceptron. Each must be rejected by its check cell."""

MISTAKES = {
    "perceptron_predict": {
        "a score of exactly 0 predicts +1 (>= instead of >)": """
def perceptron_predict(features, weights, bias):
    return np.where(features @ weights + bias >= 0, 1, -1)
""",
        "returns 0/1 labels instead of -1/+1": """
def perceptron_predict(features, weights, bias):
    return (features @ weights + bias > 0).astype(int)
""",
        "np.sign: a score of 0 gives 0": """
def perceptron_predict(features, weights, bias):
    return np.sign(features @ weights + bias).astype(int)
""",
        "forgets the bias": """
def perceptron_predict(features, weights, bias):
    return np.where(features @ weights > 0, 1, -1)
""",
        "returns the scores instead of classes": """
def perceptron_predict(features, weights, bias):
    return features @ weights + bias
""",
        "returns booleans": """
def perceptron_predict(features, weights, bias):
    return features @ weights + bias > 0
""",
        "returns a list": """
def perceptron_predict(features, weights, bias):
    return [1 if score > 0 else -1 for score in features @ weights + bias]
""",
    },
    "perceptron_epoch": {
        "updates on every example, not only on mistakes": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        weights += learning_rate * y * x
        bias += learning_rate * y
        count += 1
    return weights, bias, count
""",
        "< 0: a score exactly on the line is not counted as a mistake": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) < 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return weights, bias, count
""",
        "forgets to update the bias": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            count += 1
    return weights, bias, count
""",
        "moves away from the example (subtracts)": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights -= learning_rate * y * x
            bias -= learning_rate * y
            count += 1
    return weights, bias, count
""",
        "decides every update with the weights from the start of the epoch": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    start_weights, start_bias = np.array(weights, dtype=float), float(bias)
    weights, bias, count = start_weights.copy(), start_bias, 0
    for x, y in zip(features, labels):
        if y * (x @ start_weights + start_bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return weights, bias, count
""",
        "counts the errors after the epoch instead of the updates": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias = np.array(weights, dtype=float), float(bias)
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
    count = int(np.sum(labels * (features @ weights + bias) <= 0))
    return weights, bias, count
""",
        "updates the caller's weights in place": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    count = 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return weights, float(bias), count
""",
        "forgets the learning rate in the bias update": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += y
            count += 1
    return weights, bias, count
""",
        "returns a list instead of a tuple": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return [weights, bias, count]
""",
        "goes through the examples backwards": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features[::-1], labels[::-1]):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return weights, bias, count
""",
        "returns the bias as an array": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), np.array([bias], dtype=float), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias[0]) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
    return weights, bias, count
""",
        "stops at the first mistake": """
def perceptron_epoch(features, labels, weights, bias, learning_rate):
    weights, bias, count = np.array(weights, dtype=float), float(bias), 0
    for x, y in zip(features, labels):
        if y * (x @ weights + bias) <= 0:
            weights += learning_rate * y * x
            bias += learning_rate * y
            count += 1
            break
    return weights, bias, count
""",
    },
    "mistake_bound": {
        "forgets the constant 1 in R": """
def mistake_bound(features, labels, weights, bias):
    separator = np.append(weights, bias)
    radius = np.linalg.norm(features, axis=1).max()
    margin = np.min(labels * (features @ weights + bias)) / np.linalg.norm(separator)
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "normalises the margin by ||w|| only, not ||(w, b)||": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(labels * (features @ weights + bias)) / np.linalg.norm(weights)
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "functional margin (not divided by the norm)": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(labels * (features @ weights + bias))
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "returns R / gamma without squaring": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    separator = np.append(weights, bias)
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(labels * (augmented @ separator)) / np.linalg.norm(separator)
    return math.inf if margin <= 0 else float(radius / margin)
""",
        "the mean margin instead of the smallest": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    separator = np.append(weights, bias)
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.mean(labels * (augmented @ separator)) / np.linalg.norm(separator)
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "distances without the labels (never notices a wrong side)": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    separator = np.append(weights, bias)
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(np.abs(augmented @ separator)) / np.linalg.norm(separator)
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "forgets the bias in the scores": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(labels * (features @ weights)) / np.linalg.norm(np.append(weights, bias))
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "R as the largest norm of x plus one, not the norm of (x, 1)": """
def mistake_bound(features, labels, weights, bias):
    separator = np.append(weights, bias)
    radius = np.linalg.norm(features, axis=1).max() + 1
    margin = np.min(labels * (features @ weights + bias)) / np.linalg.norm(separator)
    return math.inf if margin <= 0 else float((radius / margin) ** 2)
""",
        "returns a NumPy array": """
def mistake_bound(features, labels, weights, bias):
    augmented = np.column_stack([features, np.ones(len(features))])
    separator = np.append(weights, bias)
    radius = np.linalg.norm(augmented, axis=1).max()
    margin = np.min(labels * (augmented @ separator)) / np.linalg.norm(separator)
    return np.array(math.inf if margin <= 0 else (radius / margin) ** 2)
""",
    },
}
