"""A reference decision tree for classification (CART), in NumPy, that grows the same trees as scikit-learn.

Phase 3 notebook 10 builds this tree from scratch (its check cells compare the learner's functions
with these); notebook 11 uses :class:`DecisionTree` as the base learner of bagging and a random forest.

A tree is a nested dict, so that a learner's tree and this one compare key by key:

* a leaf: ``{"class_counts": counts}``, the number of training samples of each class at the leaf;
* a split: the same, plus ``"feature"`` (an int), ``"threshold"`` (a float), ``"left"`` (the node for
  ``x[feature] <= threshold``) and ``"right"`` (the rest).

The rules are scikit-learn's ``DecisionTreeClassifier`` (``splitter="best"``):

* candidate thresholds are the midpoints between consecutive distinct sorted values of a feature;
* the split that lowers the weighted child impurity most wins; among equally good splits (gains within
  ``TIE_TOLERANCE``), the first feature visited (in index order here; scikit-learn visits the features
  in a random permutation drawn from ``random_state``) and, within a feature, the smallest threshold;
* a node becomes a leaf when its depth reached ``max_depth``, when it holds fewer than
  ``min_samples_split`` samples, when it is pure, or when no feature takes two distinct values;
  otherwise it is split, even when the best split does not lower the impurity;
* entropy is in bits (log base 2), as scikit-learn reports it; the choice of base never changes a split.

Used as::

    from utils.trees import DecisionTree
    tree = DecisionTree(criterion="gini", max_depth=3).fit(features, labels)
    tree.predict(features); print(tree.export_text(feature_names))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "CRITERIA",
    "DecisionTree",
    "best_threshold",
    "entropy",
    "export_text",
    "gini_impurity",
    "grow",
    "information_gain",
    "num_leaves",
    "predict",
    "tree_depth",
]

CRITERIA = ("gini", "entropy")
FEATURE_THRESHOLD = 1e-7
"""Like scikit-learn, values closer than this are treated as equal (no threshold between them)."""
TIE_TOLERANCE = 1e-12
"""Gains closer than this are a tie (the first split wins), so rounding errors never decide between two
splits that are equally good in exact arithmetic (scikit-learn leaves that to its own rounding)."""


def _check_criterion(criterion: str) -> str:
    if criterion not in CRITERIA:
        raise ValueError(f"criterion must be one of {CRITERIA}, got {criterion!r}")
    return criterion


def _impurity_of_counts(counts: np.ndarray, criterion: str) -> np.ndarray:
    """Impurity of class counts along the last axis (an empty node has impurity 0)."""
    counts = np.asarray(counts, dtype=float)
    totals = counts.sum(axis=-1, keepdims=True)
    fractions = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    if criterion == "gini":
        values = 1.0 - np.sum(fractions**2, axis=-1)
    else:
        logs = np.log2(fractions, out=np.zeros_like(fractions), where=fractions > 0)
        values = -np.sum(fractions * logs, axis=-1)
    return np.where(totals[..., 0] > 0, values, 0.0)


def _counts(labels: Any) -> np.ndarray:
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class labels, got shape {labels.shape}")
    return np.unique(labels, return_counts=True)[1] if labels.size else np.zeros(0, dtype=int)


def gini_impurity(labels: Any) -> float:
    """Gini impurity 1 - sum_k p_k**2 of an array of class labels (any values); 0.0 for an empty array."""
    return float(_impurity_of_counts(_counts(labels), "gini"))


def entropy(labels: Any) -> float:
    """Entropy -sum_k p_k log2 p_k of an array of class labels, in bits; 0.0 for an empty array."""
    return float(_impurity_of_counts(_counts(labels), "entropy"))


_IMPURITY = {"gini": gini_impurity, "entropy": entropy}


def information_gain(labels: Any, goes_left: Any, criterion: str = "gini") -> float:
    """Parent impurity minus the sample-weighted impurity of the two children that ``goes_left`` defines."""
    labels, goes_left = np.asarray(labels), np.asarray(goes_left, dtype=bool)
    if goes_left.shape != labels.shape:
        raise ValueError(f"goes_left has shape {goes_left.shape}, labels {labels.shape}: one flag per label")
    impurity = _IMPURITY[_check_criterion(criterion)]
    share = goes_left.mean() if labels.size else 0.0
    children = share * impurity(labels[goes_left]) + (1 - share) * impurity(labels[~goes_left])
    return float(impurity(labels) - children)


def _class_indices(labels: Any) -> tuple[np.ndarray, int]:
    labels = np.asarray(labels)
    classes, indices = np.unique(labels, return_inverse=True)
    return indices.reshape(-1), len(classes)


def _best_splits(features: np.ndarray, class_indices: np.ndarray, num_classes: int, criterion: str
                 ) -> tuple[np.ndarray, np.ndarray]:
    """For every column of ``features``: the best threshold (NaN for a constant column) and its gain (-inf then).

    All columns at once: sort each column, count the classes left of every gap by a cumulative sum, and
    compute every candidate's weighted child impurity in one go.
    """
    size, num_columns = features.shape
    if size < 2:
        return np.full(num_columns, np.nan), np.full(num_columns, -np.inf)
    order = np.argsort(features, axis=0, kind="stable")
    sorted_values = np.take_along_axis(features, order, axis=0)
    valid = sorted_values[1:] > sorted_values[:-1] + FEATURE_THRESHOLD  # a gap between distinct values
    one_hot = np.eye(num_classes)[class_indices]
    left = np.cumsum(one_hot[order], axis=0)[:-1]  # (gaps, columns, classes): class counts left of each gap
    total = one_hot.sum(axis=0)
    left_size = np.arange(1, size, dtype=float)[:, None]
    weighted = (left_size * _impurity_of_counts(left, criterion)
                + (size - left_size) * _impurity_of_counts(total - left, criterion)) / size
    gains = np.where(valid, _impurity_of_counts(total, criterion) - weighted, -np.inf)
    best_gains = gains.max(axis=0, initial=-np.inf)
    position = np.argmax(gains >= best_gains - TIE_TOLERANCE, axis=0)  # the first of the best: the smallest
    columns = np.arange(num_columns)
    low, high = sorted_values[position, columns], sorted_values[position + 1, columns]
    thresholds = low / 2.0 + high / 2.0
    thresholds = np.where((thresholds == high) | ~np.isfinite(thresholds), low, thresholds)  # scikit-learn's guard
    found = valid.any(axis=0)
    return np.where(found, thresholds, np.nan), np.where(found, best_gains, -np.inf)


def best_threshold(values: Any, labels: Any, criterion: str = "gini") -> tuple[float | None, float]:
    """The best split ``x <= threshold`` of one feature: (threshold, information gain).

    Thresholds are midpoints between consecutive distinct sorted values; the smallest wins a tie.
    A constant feature has no split: (None, 0.0).
    """
    values = np.asarray(values, dtype=float)
    class_indices, num_classes = _class_indices(labels)
    if values.ndim != 1 or values.shape != class_indices.shape:
        raise ValueError(f"values {values.shape} and labels {np.shape(labels)} must be 1-D and of one length")
    thresholds, gains = _best_splits(values[:, None], class_indices, num_classes, _check_criterion(criterion))
    return (None, 0.0) if np.isnan(thresholds[0]) else (float(thresholds[0]), float(gains[0]))


def _grow(
    features: np.ndarray,
    class_indices: np.ndarray,
    num_classes: int,
    criterion: str,
    max_depth: int | None,
    min_samples_split: int,
    depth: int,
    feature_sampler: Any,
) -> dict[str, Any]:
    counts = np.bincount(class_indices, minlength=num_classes)
    node: dict[str, Any] = {"class_counts": counts}
    if (max_depth is not None and depth >= max_depth) or len(class_indices) < min_samples_split:
        return node
    if np.count_nonzero(counts) <= 1:  # pure
        return node
    candidates = feature_sampler(features.shape[1])
    thresholds, gains = _best_splits(features[:, candidates], class_indices, num_classes, criterion)
    best_feature, best_threshold_value, best_gain = None, None, -np.inf
    for feature, threshold, gain in zip(candidates, thresholds, gains, strict=True):
        if not np.isnan(threshold) and gain > best_gain + TIE_TOLERANCE:  # the first feature wins a tie
            best_feature, best_threshold_value, best_gain = int(feature), float(threshold), float(gain)
    if best_feature is None:  # no feature takes two distinct values
        return node
    goes_left = features[:, best_feature] <= best_threshold_value
    arguments = (num_classes, criterion, max_depth, min_samples_split, depth + 1, feature_sampler)
    node.update(
        feature=best_feature,
        threshold=best_threshold_value,
        left=_grow(features[goes_left], class_indices[goes_left], *arguments),
        right=_grow(features[~goes_left], class_indices[~goes_left], *arguments),
    )
    return node


def _check_limits(max_depth: int | None, min_samples_split: int) -> None:
    if max_depth is not None and (not isinstance(max_depth, (int, np.integer)) or max_depth < 0):
        raise ValueError(f"max_depth must be None or an int >= 0, got {max_depth!r}")
    if not isinstance(min_samples_split, (int, np.integer)) or min_samples_split < 2:
        raise ValueError(f"min_samples_split must be an int >= 2, got {min_samples_split!r}")


def grow(
    features: Any,
    labels: Any,
    num_classes: int,
    criterion: str = "gini",
    max_depth: int | None = None,
    min_samples_split: int = 2,
) -> dict[str, Any]:
    """Grow a tree (a nested dict, see the module docstring) on ``labels`` in ``0 .. num_classes - 1``."""
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels)
    if features.ndim != 2 or labels.shape != (len(features),):
        raise ValueError(f"features must be (N, d) and labels (N,), got {features.shape} and {labels.shape}")
    if labels.size and (not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must be ints in 0 .. {num_classes - 1}: map class names to indices first")
    _check_limits(max_depth, min_samples_split)
    return _grow(features, labels.astype(np.intp), num_classes, _check_criterion(criterion), max_depth,
                 min_samples_split, 0, np.arange)


def predict(node: dict[str, Any], features: Any) -> np.ndarray:
    """The class index (argmax of the leaf's class counts) of every row of ``features``."""
    features = np.asarray(features, dtype=float)
    if features.ndim != 2:
        raise ValueError(f"features must be a 2-D array (N, d), got shape {features.shape}")
    predictions = np.empty(len(features), dtype=np.intp)

    def descend(current: dict[str, Any], rows: np.ndarray) -> None:
        if "feature" not in current:
            predictions[rows] = int(np.argmax(current["class_counts"]))
            return
        goes_left = features[rows, current["feature"]] <= current["threshold"]
        descend(current["left"], rows[goes_left])
        descend(current["right"], rows[~goes_left])

    descend(node, np.arange(len(features)))
    return predictions


def tree_depth(node: dict[str, Any]) -> int:
    """The number of splits on the longest path from the root to a leaf (a single leaf has depth 0)."""
    return 0 if "feature" not in node else 1 + max(tree_depth(node["left"]), tree_depth(node["right"]))


def num_leaves(node: dict[str, Any]) -> int:
    return 1 if "feature" not in node else num_leaves(node["left"]) + num_leaves(node["right"])


def export_text(
    node: dict[str, Any],
    feature_names: Sequence[str] | None = None,
    class_names: Sequence[Any] | None = None,
    decimals: int = 2,
) -> str:
    """The tree as text, in the format of ``sklearn.tree.export_text`` (its default spacing of 3)."""
    lines: list[str] = []

    def name_of(feature: int) -> str:
        return feature_names[feature] if feature_names is not None else f"feature_{feature}"

    def recurse(current: dict[str, Any], depth: int) -> None:
        indent = ("|" + " " * 3) * depth
        indent = indent[:-3] + "-" * 3
        if "feature" in current:
            threshold = f"{current['threshold']:.{decimals}f}"
            lines.append(f"{indent} {name_of(current['feature'])} <= {threshold}")
            recurse(current["left"], depth + 1)
            lines.append(f"{indent} {name_of(current['feature'])} >  {threshold}")
            recurse(current["right"], depth + 1)
        else:
            index = int(np.argmax(current["class_counts"]))
            lines.append(f"{indent} class: {class_names[index] if class_names is not None else index}")

    recurse(node, 1)
    return "\n".join(lines) + "\n"


class DecisionTree:
    """A classification tree with scikit-learn's ``DecisionTreeClassifier`` interface (the parts used here).

    ``max_features`` (None, an int, or ``"sqrt"``) is how many features, drawn at random without
    replacement at every node, compete for its split: None (all of them, in index order) for one tree,
    ``"sqrt"`` for a random forest. Features are stored as float32, as in scikit-learn, so thresholds
    agree with its trees to the last bit.
    """

    def __init__(
        self,
        criterion: str = "gini",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        max_features: int | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        self.criterion = _check_criterion(criterion)
        _check_limits(max_depth, min_samples_split)
        self.max_depth, self.min_samples_split = max_depth, min_samples_split
        self.max_features, self.random_state = max_features, random_state

    def _sampler(self, num_features: int) -> Any:
        if self.max_features is None:
            return np.arange
        if self.max_features == "sqrt":
            count = max(1, int(np.sqrt(num_features)))
        elif isinstance(self.max_features, (int, np.integer)) and 1 <= self.max_features <= num_features:
            count = int(self.max_features)
        else:
            raise ValueError(f"max_features must be None, 'sqrt' or an int in 1..{num_features}, "
                             f"got {self.max_features!r}")
        rng = np.random.default_rng(self.random_state)
        return lambda total: np.sort(rng.choice(total, size=count, replace=False))

    def fit(self, features: Any, labels: Any) -> DecisionTree:
        features = np.asarray(features, dtype=np.float32).astype(np.float64)
        labels = np.asarray(labels)
        if features.ndim != 2 or labels.shape != (len(features),):
            raise ValueError(f"features must be (N, d) and labels (N,), got {features.shape} and {labels.shape}")
        if len(labels) == 0:
            raise ValueError("fit() needs at least one sample")
        self.classes_, class_indices = np.unique(labels, return_inverse=True)
        self.n_features_in_ = features.shape[1]
        self.root_ = _grow(features, class_indices.reshape(-1), len(self.classes_), self.criterion, self.max_depth,
                           self.min_samples_split, 0, self._sampler(features.shape[1]))
        return self

    def _fitted_features(self, features: Any) -> np.ndarray:
        if not hasattr(self, "root_"):
            raise RuntimeError("this DecisionTree is not fitted yet: call fit(features, labels) first")
        features = np.asarray(features, dtype=np.float32).astype(np.float64)
        if features.ndim != 2 or features.shape[1] != self.n_features_in_:
            raise ValueError(f"features must be (N, {self.n_features_in_}), got shape {features.shape}")
        return features

    def predict(self, features: Any) -> np.ndarray:
        features = self._fitted_features(features)
        return self.classes_[predict(self.root_, features)]

    def score(self, features: Any, labels: Any) -> float:
        return float(np.mean(self.predict(features) == np.asarray(labels)))

    def get_depth(self) -> int:
        return tree_depth(self.root_)

    def get_n_leaves(self) -> int:
        return num_leaves(self.root_)

    def export_text(self, feature_names: Sequence[str] | None = None, decimals: int = 2) -> str:
        return export_text(self.root_, feature_names, list(self.classes_), decimals)
