"""Typical wrong answers for 3_neural_networks/10_decision_trees. Each must be rejected by its check cell."""

MISTAKES = {
    "gini_impurity": {
        "1 - sum(p) instead of 1 - sum(p**2)": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(1.0 - np.sum(counts / counts.sum()))
""",
        "returns the purity sum(p**2)": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(np.sum((counts / counts.sum()) ** 2))
""",
        "squares the counts, not the fractions": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(1.0 - np.sum(counts**2) / len(counts))
""",
        "np.bincount: only works for small non-negative ints": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    fractions = np.bincount(labels) / len(labels)
    return float(1.0 - np.sum(fractions**2))
""",
        "an empty node gives 1.0": """
def gini_impurity(labels):
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / max(counts.sum(), 1)
    return float(1.0 - np.sum(fractions**2))
""",
        "assumes the classes are equally frequent: 1 - 1/K": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    return float(1.0 - 1.0 / len(np.unique(labels)))
""",
        "the misclassification rate 1 - max(p)": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(1.0 - counts.max() / counts.sum())
""",
        "returns the entropy": """
def gini_impurity(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(-np.sum(fractions * np.log2(fractions)))
""",
        "returns a one-element array": """
def gini_impurity(labels):
    if len(labels) == 0:
        return np.zeros(1)
    _, counts = np.unique(labels, return_counts=True)
    return 1.0 - np.sum((counts / counts.sum()) ** 2, keepdims=True)
""",
    },
    "entropy": {
        "natural log: nats instead of bits": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(-np.sum(fractions * np.log(fractions)))
""",
        "log base 10": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(-np.sum(fractions * np.log10(fractions)))
""",
        "0 log 0 becomes NaN (bincount keeps the empty classes)": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    fractions = np.bincount(labels) / len(labels)
    return float(-np.sum(fractions * np.log2(fractions)))
""",
        "forgets the minus sign": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(np.sum(fractions * np.log2(fractions)))
""",
        "forgets to weight the logs by p": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(-np.sum(np.log2(counts / counts.sum())))
""",
        "logs of the counts instead of the fractions": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(-np.sum(fractions * np.log2(counts)))
""",
        "normalised by log2 of the number of classes": """
def entropy(labels):
    if len(np.unique(labels)) < 2:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    fractions = counts / counts.sum()
    return float(-np.sum(fractions * np.log2(fractions)) / np.log2(len(counts)))
""",
        "returns the Gini impurity": """
def entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return float(1.0 - np.sum((counts / counts.sum()) ** 2))
""",
    },
    "information_gain": {
        "children not weighted by their sizes (a plain average)": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    return float(impurity(labels) - (impurity(left) + impurity(right)) / 2)
""",
        "the weights swapped: left impurity times the right share": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    share = len(left) / len(labels)
    return float(impurity(labels) - (1 - share) * impurity(left) - share * impurity(right))
""",
        "weights by counts, not shares (forgets to divide by n)": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    return float(impurity(labels) - len(left) * impurity(left) - len(right) * impurity(right))
""",
        "returns the weighted child impurity, forgetting the parent": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    share = len(left) / len(labels)
    return float(share * impurity(left) + (1 - share) * impurity(right))
""",
        "always uses the Gini impurity": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    share = len(left) / len(labels)
    return float(gini_impurity(labels) - share * gini_impurity(left) - (1 - share) * gini_impurity(right))
""",
        "C4.5's gain ratio: divides by the entropy of the split": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    share = len(left) / len(labels)
    gain = impurity(labels) - share * impurity(left) - (1 - share) * impurity(right)
    split_information = -sum(p * np.log2(p) for p in (share, 1 - share) if p > 0)
    return float(gain / split_information) if split_information > 0 else 0.0
""",
        "only the better child counts": """
def information_gain(labels, goes_left, impurity):
    left, right = labels[goes_left], labels[~goes_left]
    return float(impurity(labels) - min(impurity(left), impurity(right)))
""",
    },
    "best_threshold": {
        "thresholds at the values themselves, not midpoints": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in distinct[:-1]:
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "midpoints between all sorted values, repeats included": """
def best_threshold(values, labels, impurity):
    ordered = np.sort(values)
    best, best_gain = None, -np.inf
    for threshold in (ordered[:-1] + ordered[1:]) / 2:
        if threshold == ordered[-1]:
            continue
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "midpoints of neighbours in the given order (forgets to sort)": """
def best_threshold(values, labels, impurity):
    best, best_gain = None, -np.inf
    for a, b in zip(values[:-1], values[1:]):
        if a == b:
            continue
        threshold = (a + b) / 2
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "the largest of tied thresholds wins (>=)": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        gain = information_gain(labels, values <= threshold, impurity)
        if gain >= best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "sorts the values but not the labels with them": """
def best_threshold(values, labels, impurity):
    values = np.sort(values)
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "the upper value of the gap as the threshold": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in distinct[1:]:
        gain = information_gain(labels, values < threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best, best_gain) if best is not None else (None, 0.0)
""",
        "a constant feature gives (nan, 0.0)": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = np.nan, 0.0
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        gain = information_gain(labels, values <= threshold, impurity)
        if np.isnan(best) or gain > best_gain:
            best, best_gain = float(threshold), gain
    return best, best_gain
""",
        "returns a list": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return [best, best_gain] if best is not None else [None, 0.0]
""",
        "returns (gain, threshold)": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        gain = information_gain(labels, values <= threshold, impurity)
        if gain > best_gain:
            best, best_gain = float(threshold), gain
    return (best_gain, best) if best is not None else (0.0, None)
""",
        "unweighted children inside the loop": """
def best_threshold(values, labels, impurity):
    distinct = np.unique(values)
    best, best_gain = None, -np.inf
    for threshold in (distinct[:-1] + distinct[1:]) / 2:
        goes_left = values <= threshold
        gain = impurity(labels) - (impurity(labels[goes_left]) + impurity(labels[~goes_left])) / 2
        if gain > best_gain:
            best, best_gain = float(threshold), float(gain)
    return (best, best_gain) if best is not None else (None, 0.0)
""",
    },
    "grow_tree": {},
    "predict_tree": {},
}

_GROW = '''
def grow_tree(features, labels, num_classes, impurity, max_depth, min_samples_split, depth=0):
    node = {{"class_counts": {counts}}}
    if {depth_stop}:
        return node
    if {size_stop} or {pure_stop}:
        return node
    best_feature, best_value, best_gain = None, None, -np.inf
    for feature in range(features.shape[1]):
        threshold, gain = best_threshold(features[:, feature], labels, impurity)
        if threshold is not None and gain {better} best_gain:
            best_feature, best_value, best_gain = feature, threshold, gain
    if best_feature is None{gain_stop}:
        return node
    goes_left = features[:, best_feature] <= best_value
    limits = (num_classes, impurity, max_depth, min_samples_split, {next_depth})
    node["feature"], node["threshold"] = {stored}
    node["left"] = grow_tree(features[goes_left], labels[goes_left], *limits)
    node["right"] = grow_tree(features[~goes_left], labels[~goes_left], *limits)
    return node
'''
_RIGHT = {
    "counts": "np.bincount(labels, minlength=num_classes)",
    "depth_stop": "max_depth is not None and depth >= max_depth",
    "size_stop": "len(labels) < min_samples_split",
    "pure_stop": 'np.count_nonzero(node["class_counts"]) <= 1',
    "better": ">",
    "gain_stop": "",
    "next_depth": "depth + 1",
    "stored": "best_feature, best_value",
}


def _grow(**changes):
    return _GROW.format(**{**_RIGHT, **changes})


MISTAKES["grow_tree"] = {
    "off by one: depth > max_depth grows one level too deep": _grow(
        depth_stop="max_depth is not None and depth > max_depth"),
    "off by one: a node of exactly min_samples_split samples is not split": _grow(
        size_stop="len(labels) <= min_samples_split"),
    "stops when the best gain is 0": _grow(gain_stop=" or best_gain <= 0"),
    "forgets to stop at a pure node": _grow(pure_stop="False"),
    "class counts without minlength": _grow(counts="np.bincount(labels)"),
    "class fractions instead of counts": _grow(counts="np.bincount(labels, minlength=num_classes) / len(labels)"),
    "passes the same depth to the children": _grow(next_depth="depth"),
    "the last of equally good features wins (>=)": _grow(better=">="),
    "treats max_depth=None as 0": _grow(depth_stop="depth >= (max_depth or 0)"),
    "ignores max_depth": _grow(depth_stop="False"),
    "ignores min_samples_split": _grow(size_stop="False"),
    "stores the gain as the threshold": _grow(stored="best_feature, best_gain"),
    "leaves carry 'feature': None and 'threshold': None": """
def grow_tree(features, labels, num_classes, impurity, max_depth, min_samples_split, depth=0):
    node = {"class_counts": np.bincount(labels, minlength=num_classes), "feature": None, "threshold": None}
    if (max_depth is not None and depth >= max_depth) or len(labels) < min_samples_split:
        return node
    if np.count_nonzero(node["class_counts"]) <= 1:
        return node
    best_feature, best_value, best_gain = None, None, -np.inf
    for feature in range(features.shape[1]):
        threshold, gain = best_threshold(features[:, feature], labels, impurity)
        if threshold is not None and gain > best_gain:
            best_feature, best_value, best_gain = feature, threshold, gain
    if best_feature is None:
        return node
    goes_left = features[:, best_feature] <= best_value
    limits = (num_classes, impurity, max_depth, min_samples_split, depth + 1)
    node["feature"], node["threshold"] = best_feature, best_value
    node["left"] = grow_tree(features[goes_left], labels[goes_left], *limits)
    node["right"] = grow_tree(features[~goes_left], labels[~goes_left], *limits)
    return node
""",
    "left and right children swapped": """
def grow_tree(features, labels, num_classes, impurity, max_depth, min_samples_split, depth=0):
    node = {"class_counts": np.bincount(labels, minlength=num_classes)}
    if (max_depth is not None and depth >= max_depth) or len(labels) < min_samples_split:
        return node
    if np.count_nonzero(node["class_counts"]) <= 1:
        return node
    best_feature, best_value, best_gain = None, None, -np.inf
    for feature in range(features.shape[1]):
        threshold, gain = best_threshold(features[:, feature], labels, impurity)
        if threshold is not None and gain > best_gain:
            best_feature, best_value, best_gain = feature, threshold, gain
    if best_feature is None:
        return node
    goes_left = features[:, best_feature] <= best_value
    limits = (num_classes, impurity, max_depth, min_samples_split, depth + 1)
    node["feature"], node["threshold"] = best_feature, best_value
    node["left"] = grow_tree(features[~goes_left], labels[~goes_left], *limits)
    node["right"] = grow_tree(features[goes_left], labels[goes_left], *limits)
    return node
""",
}

_PREDICT = '''
def predict_tree(node, features):
    predictions = {array}
    for row, sample in enumerate(features):
        current = {start}
        while "feature" in current:
            goes_near = sample[current["feature"]] {compare} current["threshold"]
            current = current["{near}"] if goes_near else current["{far}"]
        predictions[row] = {leaf}
    return {result}
'''
_PREDICT_RIGHT = {"array": "np.empty(len(features), dtype=int)", "start": "node", "near": "left", "far": "right",
                  "compare": "<=", "leaf": 'np.argmax(current["class_counts"])', "result": "predictions"}


def _predict(**changes):
    return _PREDICT.format(**{**_PREDICT_RIGHT, **changes})


MISTAKES["predict_tree"] = {
    "< instead of <=: a sample on the threshold goes right": _predict(compare="<"),
    "left and right swapped": _predict(near="right", far="left"),
    "the highest of tied classes wins": _predict(
        leaf='len(current["class_counts"]) - 1 - np.argmax(current["class_counts"][::-1])'),
    "returns floats": _predict(array="np.zeros(len(features))"),
    "returns a list": _predict(result="list(predictions)"),
    "predicts the root's majority for every sample": """
def predict_tree(node, features):
    return np.full(len(features), np.argmax(node["class_counts"]))
""",
    "follows the first sample's path for every sample": """
def predict_tree(node, features):
    current = node
    while "feature" in current:
        side = "left" if features[0][current["feature"]] <= current["threshold"] else "right"
        current = current[side]
    return np.full(len(features), np.argmax(current["class_counts"]))
""",
    "stops one level early (at the parent of the leaf)": """
def predict_tree(node, features):
    predictions = np.empty(len(features), dtype=int)
    for row, sample in enumerate(features):
        current = node
        while "feature" in current and "feature" in current["left"] and "feature" in current["right"]:
            current = current["left"] if sample[current["feature"]] <= current["threshold"] else current["right"]
        predictions[row] = np.argmax(current["class_counts"])
    return predictions
""",
}
