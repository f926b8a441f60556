"""Typical wrong answers for 3_neural_networks/11_svm_knn_and_ensembles. Each must be rejected by its check cell."""

_HINGE = '''
def hinge_subgradient_step(weights, bias, features, labels, regularisation, learning_rate):
    margins = labels * (features @ weights + bias)
    inside = {inside}
    weight_gradient = {weight_gradient}
    bias_gradient = {bias_gradient}
    return {result}
'''
_HINGE_RIGHT = {
    "inside": "margins < 1",
    "weight_gradient": "regularisation * weights - labels[inside] @ features[inside] / len(labels)",
    "bias_gradient": "regularisation * bias - labels[inside].sum() / len(labels)",
    "result": "weights - learning_rate * weight_gradient, float(bias - learning_rate * bias_gradient)",
}


def _hinge(**changes):
    return _HINGE.format(**{**_HINGE_RIGHT, **changes})


_KNN = '''
def knn_predict(train_features, train_labels, query_features, num_neighbors):
    squared_distances = {distances}
    nearest = {nearest}
    classes = np.unique(train_labels)
    votes = np.sum(train_labels[nearest][:, :, None] == classes[None, None, :], axis=1)
    return {result}
'''
_KNN_RIGHT = {
    "distances": "np.sum((query_features[:, None, :] - train_features[None, :, :]) ** 2, axis=-1)",
    "nearest": "np.argsort(squared_distances, axis=1, kind='stable')[:, :num_neighbors]",
    "result": "classes[np.argmax(votes, axis=1)]",
}


def _knn(**changes):
    return _KNN.format(**{**_KNN_RIGHT, **changes})


_BOOST = '''
def boosting_step(features, targets, predictions, learning_rate, max_depth):
    residuals = {residuals}
    tree = DecisionTreeRegressor(max_depth={depth}, random_state=0).fit(features, residuals)
    {update}
'''
_BOOST_RIGHT = {
    "residuals": "targets - predictions",
    "depth": "max_depth",
    "update": "return tree, predictions + learning_rate * tree.predict(features)",
}


def _boost(**changes):
    return _BOOST.format(**{**_BOOST_RIGHT, **changes})


MISTAKES = {
    "hinge_subgradient_step": {
        "counts the examples with margin exactly 1 (<= 1)": _hinge(inside="margins <= 1"),
        "the perceptron's rule: only misclassified examples (margin < 0)": _hinge(inside="margins < 0"),
        "sums the hinge sub-gradients instead of averaging them": _hinge(
            weight_gradient="regularisation * weights - labels[inside] @ features[inside]",
            bias_gradient="regularisation * bias - labels[inside].sum()"),
        "averages over the examples inside the margin only": _hinge(
            weight_gradient="regularisation * weights - labels[inside] @ features[inside] / max(inside.sum(), 1)",
            bias_gradient="regularisation * bias - labels[inside].sum() / max(inside.sum(), 1)"),
        "forgets the regularisation": _hinge(
            weight_gradient="-(labels[inside] @ features[inside]) / len(labels)",
            bias_gradient="-labels[inside].sum() / len(labels)"),
        "does not regularise the bias (unlike LinearSVC)": _hinge(
            bias_gradient="-labels[inside].sum() / len(labels)"),
        "half the regularisation gradient (lambda/2 w)": _hinge(
            weight_gradient="regularisation / 2 * weights - labels[inside] @ features[inside] / len(labels)",
            bias_gradient="regularisation / 2 * bias - labels[inside].sum() / len(labels)"),
        "wrong sign of the hinge term": _hinge(
            weight_gradient="regularisation * weights + labels[inside] @ features[inside] / len(labels)",
            bias_gradient="regularisation * bias + labels[inside].sum() / len(labels)"),
        "forgets the labels in the hinge term": _hinge(
            weight_gradient="regularisation * weights - features[inside].sum(axis=0) / len(labels)",
            bias_gradient="regularisation * bias - inside.sum() / len(labels)"),
        "steps up the gradient (ascent)": _hinge(
            result="weights + learning_rate * weight_gradient, float(bias + learning_rate * bias_gradient)"),
        "the learning rate only on the weights": _hinge(
            result="weights - learning_rate * weight_gradient, float(bias - bias_gradient)"),
        "changes the caller's weights in place": _hinge(
            result="np.subtract(weights, learning_rate * weight_gradient, out=weights), "
                   "float(bias - learning_rate * bias_gradient)"),
        "returns the bias as an array": _hinge(
            result="weights - learning_rate * weight_gradient, np.array([bias - learning_rate * bias_gradient])"),
    },
    "rbf_kernel": {
        "forgets the minus sign": """
def rbf_kernel(first, second, gamma):
    return np.exp(gamma * np.sum((first[:, None, :] - second[None, :, :]) ** 2, axis=-1))
""",
        "distances, not squared distances": """
def rbf_kernel(first, second, gamma):
    return np.exp(-gamma * np.sqrt(np.sum((first[:, None, :] - second[None, :, :]) ** 2, axis=-1)))
""",
        "divides by gamma": """
def rbf_kernel(first, second, gamma):
    return np.exp(-np.sum((first[:, None, :] - second[None, :, :]) ** 2, axis=-1) / gamma)
""",
        "returns the squared distances": """
def rbf_kernel(first, second, gamma):
    return np.sum((first[:, None, :] - second[None, :, :]) ** 2, axis=-1)
""",
        "Manhattan distance": """
def rbf_kernel(first, second, gamma):
    return np.exp(-gamma * np.sum(np.abs(first[:, None, :] - second[None, :, :]), axis=-1))
""",
        "transposed: shape (n2, n1)": """
def rbf_kernel(first, second, gamma):
    return np.exp(-gamma * np.sum((second[:, None, :] - first[None, :, :]) ** 2, axis=-1))
""",
        "the linear kernel's dot products in the exponent": """
def rbf_kernel(first, second, gamma):
    return np.exp(-gamma * first @ second.T)
""",
        "the Gaussian with 2 sigma^2 = gamma": """
def rbf_kernel(first, second, gamma):
    return np.exp(-np.sum((first[:, None, :] - second[None, :, :]) ** 2, axis=-1) / (2 * gamma**2))
""",
    },
    "knn_predict": {
        "a tie goes to the class of the nearest neighbour": """
def knn_predict(train_features, train_labels, query_features, num_neighbors):
    squared_distances = np.sum((query_features[:, None, :] - train_features[None, :, :]) ** 2, axis=-1)
    nearest = np.argsort(squared_distances, axis=1, kind="stable")[:, :num_neighbors]
    predictions = []
    for row in train_labels[nearest]:
        counts = {label: int(np.sum(row == label)) for label in row}  # in order of distance
        predictions.append(max(counts, key=counts.get))
    return np.array(predictions)
""",
        "a tie goes to the largest label": _knn(
            result="classes[len(classes) - 1 - np.argmax(votes[:, ::-1], axis=1)]"),
        "Manhattan distance": _knn(
            distances="np.sum(np.abs(query_features[:, None, :] - train_features[None, :, :]), axis=-1)"),
        "skips the nearest neighbour (as if it were the query itself)": _knn(
            nearest="np.argsort(squared_distances, axis=1, kind='stable')[:, 1:num_neighbors + 1]"),
        "leave-one-out: ignores training points at distance 0": _knn(
            nearest="np.argsort(np.where(squared_distances == 0, np.inf, squared_distances), axis=1, "
                    "kind='stable')[:, :num_neighbors]"),
        "one neighbour too many": _knn(nearest="np.argsort(squared_distances, axis=1)[:, :num_neighbors + 1]"),
        "the farthest neighbours": _knn(nearest="np.argsort(-squared_distances, axis=1)[:, :num_neighbors]"),
        "returns class indices instead of labels": _knn(result="np.argmax(votes, axis=1)"),
        "np.bincount votes: fails on negative labels": """
def knn_predict(train_features, train_labels, query_features, num_neighbors):
    squared_distances = np.sum((query_features[:, None, :] - train_features[None, :, :]) ** 2, axis=-1)
    nearest = np.argsort(squared_distances, axis=1)[:, :num_neighbors]
    return np.array([np.argmax(np.bincount(row)) for row in train_labels[nearest]])
""",
        "sums the signed differences instead of their squares": _knn(
            distances="np.sum(query_features[:, None, :] - train_features[None, :, :], axis=-1)"),
    },
    "bootstrap_sample": {
        "without replacement (a permutation)": """
def bootstrap_sample(features, labels, rng):
    indices = rng.permutation(len(labels))
    return features[indices], labels[indices]
""",
        "draws the features and the labels separately": """
def bootstrap_sample(features, labels, rng):
    size = len(labels)
    return features[rng.integers(0, size, size=size)], labels[rng.integers(0, size, size=size)]
""",
        "uses NumPy's global generator instead of rng": """
def bootstrap_sample(features, labels, rng):
    indices = np.random.randint(0, len(labels), size=len(labels))
    return features[indices], labels[indices]
""",
        "makes a new generator with a fixed seed": """
def bootstrap_sample(features, labels, rng):
    indices = np.random.default_rng(0).integers(0, len(labels), size=len(labels))
    return features[indices], labels[indices]
""",
        "half as many rows as the data": """
def bootstrap_sample(features, labels, rng):
    indices = rng.integers(0, len(labels), size=len(labels) // 2)
    return features[indices], labels[indices]
""",
        "never draws the last row (off by one)": """
def bootstrap_sample(features, labels, rng):
    indices = rng.integers(0, len(labels) - 1, size=len(labels))
    return features[indices], labels[indices]
""",
        "returns the indices": """
def bootstrap_sample(features, labels, rng):
    return rng.integers(0, len(labels), size=len(labels))
""",
        "returns a list": """
def bootstrap_sample(features, labels, rng):
    indices = rng.integers(0, len(labels), size=len(labels))
    return [features[indices], labels[indices]]
""",
        "resamples only the features": """
def bootstrap_sample(features, labels, rng):
    indices = rng.integers(0, len(labels), size=len(labels))
    return features[indices], labels
""",
        "shuffles the data in place": """
def bootstrap_sample(features, labels, rng):
    order = rng.permutation(len(labels))
    features[:] = features[order]
    labels[:] = labels[order]
    indices = rng.integers(0, len(labels), size=len(labels))
    return features[indices], labels[indices]
""",
    },
    "majority_vote": {
        "votes along the wrong axis": """
def majority_vote(predictions):
    classes = np.unique(predictions)
    votes = np.sum(predictions[:, :, None] == classes[None, None, :], axis=1)
    return classes[np.argmax(votes, axis=1)]
""",
        "a tie goes to the first model's vote": """
def majority_vote(predictions):
    result = []
    for column in predictions.T:
        counts = {label: int(np.sum(column == label)) for label in column}
        result.append(max(counts, key=counts.get))
    return np.array(result)
""",
        "a tie goes to the largest label": """
def majority_vote(predictions):
    classes = np.unique(predictions)[::-1]
    votes = np.sum(predictions[:, :, None] == classes[None, None, :], axis=0)
    return classes[np.argmax(votes, axis=1)]
""",
        "rounds the mean vote": """
def majority_vote(predictions):
    return np.round(predictions.mean(axis=0)).astype(predictions.dtype)
""",
        "np.bincount: fails on negative labels": """
def majority_vote(predictions):
    return np.array([np.argmax(np.bincount(column)) for column in predictions.T])
""",
        "returns class indices instead of labels": """
def majority_vote(predictions):
    classes = np.unique(predictions)
    votes = np.sum(predictions[:, :, None] == classes[None, None, :], axis=0)
    return np.argmax(votes, axis=1)
""",
        "returns a list": """
def majority_vote(predictions):
    classes = np.unique(predictions)
    votes = np.sum(predictions[:, :, None] == classes[None, None, :], axis=0)
    return list(classes[np.argmax(votes, axis=1)])
""",
        "the median vote": """
def majority_vote(predictions):
    return np.median(predictions, axis=0).astype(predictions.dtype)
""",
    },
    "boosting_step": {
        "forgets the learning rate": _boost(update="return tree, predictions + tree.predict(features)"),
        "residuals with the wrong sign": _boost(residuals="predictions - targets"),
        "fits the tree to the targets, not the residuals": _boost(residuals="targets"),
        "replaces the predictions instead of adding to them": _boost(
            update="return tree, learning_rate * tree.predict(features)"),
        "residuals from the mean every round": _boost(residuals="targets - targets.mean()"),
        "always stumps": _boost(depth="1"),
        "one level too deep": _boost(depth="max_depth + 1"),
        "updates the predictions in place": _boost(
            update="predictions += learning_rate * tree.predict(features)\n    return tree, predictions"),
        "the learning rate applied twice": _boost(
            residuals="learning_rate * (targets - predictions)",
            update="return tree, predictions + learning_rate * tree.predict(features)"),
        "returns (predictions, tree)": _boost(
            update="return predictions + learning_rate * tree.predict(features), tree"),
    },
}
