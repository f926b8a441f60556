"""utils.trees: the reference decision tree grows scikit-learn's trees, respects its limits, explains bad input."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.tree import export_text as sklearn_export_text

from utils import data, trees

FEATURE_NAMES = ["sepal length", "sepal width", "petal length", "petal width"]


@pytest.fixture(scope="module")
def iris_split():
    iris = data.load("iris")
    return train_test_split(iris.data, iris.target, test_size=0.3, stratify=iris.target, random_state=0)


def stump_gain(model: DecisionTreeClassifier) -> float:
    tree = model.tree_
    if tree.node_count == 1:
        return 0.0
    left, right = tree.children_left[0], tree.children_right[0]
    size = tree.weighted_n_node_samples
    return float(tree.impurity[0] - (size[left] * tree.impurity[left] + size[right] * tree.impurity[right]) / size[0])


def test_impurities_known_values_and_library():
    assert trees.gini_impurity(np.array([0, 0, 1, 1])) == pytest.approx(0.5)
    assert trees.gini_impurity(np.array([3, 3, 3])) == 0.0
    assert trees.entropy(np.array([0, 1])) == pytest.approx(1.0)  # bits, not nats
    assert trees.entropy(np.array(["a", "b", "c", "d"])) == pytest.approx(2.0)
    assert trees.gini_impurity(np.array([], dtype=int)) == 0.0 and trees.entropy(np.array([], dtype=int)) == 0.0
    labels = np.random.default_rng(0).integers(0, 5, size=97) * 3
    _, counts = np.unique(labels, return_counts=True)
    assert trees.entropy(labels) == pytest.approx(scipy_entropy(counts, base=2))
    assert trees.gini_impurity(labels) == pytest.approx(1 - np.sum((counts / counts.sum()) ** 2))
    assert isinstance(trees.gini_impurity([1, 2]), float)
    with pytest.raises(ValueError, match="1-D"):
        trees.entropy(np.zeros((2, 2)))


@pytest.mark.parametrize("criterion", trees.CRITERIA)
def test_best_threshold_and_gain_match_a_sklearn_stump(criterion):
    rng = np.random.default_rng(1)
    for size, num_classes in [(7, 2), (40, 3), (200, 4)]:
        values = rng.normal(size=size).astype(np.float32).astype(float)
        labels = rng.integers(0, num_classes, size=size)
        stump = DecisionTreeClassifier(criterion=criterion, max_depth=1).fit(values[:, None], labels)
        threshold, gain = trees.best_threshold(values, labels, criterion)
        assert threshold == stump.tree_.threshold[0]
        assert gain == pytest.approx(stump_gain(stump), rel=1e-12)
        goes_left = values <= threshold
        assert trees.information_gain(labels, goes_left, criterion) == pytest.approx(gain, rel=1e-12)
    # midpoints between distinct values, the smallest of tied thresholds, nothing to split on a constant
    assert trees.best_threshold(np.array([1.0, 1.0, 3.0, 4.0]), np.array([0, 0, 1, 1])) == (2.0, 0.5)
    assert trees.best_threshold(np.array([4.0, 1.0, 3.0, 2.0]), np.array([0, 0, 1, 1]))[0] == 1.5
    assert trees.best_threshold(np.full(5, 2.5), np.array([0, 1, 0, 1, 1])) == (None, 0.0)
    assert trees.best_threshold(np.array([1.0]), np.array([0])) == (None, 0.0)
    with pytest.raises(ValueError, match="criterion"):
        trees.best_threshold(np.arange(3.0), np.arange(3), "log_loss")


def test_iris_same_root_split_and_accuracy_as_sklearn(iris_split):
    train_x, test_x, train_y, test_y = iris_split
    for criterion in trees.CRITERIA:
        ours = trees.DecisionTree(criterion=criterion, max_depth=3).fit(train_x, train_y)
        for seed in range(10):
            theirs = DecisionTreeClassifier(criterion=criterion, max_depth=3, random_state=seed).fit(train_x, train_y)
            # petal length and petal width separate setosa equally well: scikit-learn picks either
            root = ours.root_
            assert {root["feature"], theirs.tree_.feature[0]} <= {2, 3}
            assert root["feature"] == 2 and root["threshold"] == pytest.approx(2.35)
            if theirs.tree_.feature[0] == root["feature"]:
                assert theirs.tree_.threshold[0] == root["threshold"]
            assert ours.score(test_x, test_y) == theirs.score(test_x, test_y) == pytest.approx(43 / 45)
    # without the petal width the best split of every node is unique: the same tree for every random state
    for criterion in trees.CRITERIA:
        ours = trees.DecisionTree(criterion=criterion, max_depth=3).fit(train_x[:, :3], train_y)
        for seed in range(10):
            theirs = DecisionTreeClassifier(criterion=criterion, max_depth=3, random_state=seed).fit(
                train_x[:, :3], train_y
            )
            assert ours.export_text(FEATURE_NAMES[:3]) == sklearn_export_text(theirs, feature_names=FEATURE_NAMES[:3])
            np.testing.assert_array_equal(ours.predict(test_x[:, :3]), theirs.predict(test_x[:, :3]))


@pytest.mark.parametrize("max_depth, min_samples_split", [(1, 2), (2, 2), (4, 30), (None, 2), (None, 25)])
def test_limits_match_sklearn_on_continuous_data(max_depth, min_samples_split):
    rng = np.random.default_rng(max_depth or 0)
    features = rng.normal(size=(300, 4))
    scores = features[:, 0] + 0.7 * features[:, 1] * features[:, 2] + 0.5 * rng.normal(size=300)
    labels = np.digitize(scores, [-0.5, 0.6])
    ours = trees.DecisionTree(max_depth=max_depth, min_samples_split=min_samples_split).fit(features, labels)
    theirs = DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split, random_state=0).fit(
        features, labels
    )
    if max_depth is not None:
        assert ours.get_depth() <= max_depth
    def check_node(node, depth):
        if "feature" in node:
            assert node["class_counts"].sum() >= min_samples_split
            assert max_depth is None or depth < max_depth
            check_node(node["left"], depth + 1)
            check_node(node["right"], depth + 1)
        elif max_depth is None and node["class_counts"].sum() >= min_samples_split:
            assert np.count_nonzero(node["class_counts"]) == 1  # grown until pure
    check_node(ours.root_, 0)
    assert (ours.get_depth(), ours.get_n_leaves()) == (theirs.get_depth(), theirs.get_n_leaves())
    if max_depth is not None:  # deep nodes of few samples can hold exact ties between features
        assert ours.export_text() == sklearn_export_text(theirs)
    assert np.mean(ours.predict(features) == theirs.predict(features)) > 0.98


def test_functional_core_predict_and_export():
    features = np.array([[1.0, 5.0], [2.0, 4.0], [3.0, 3.0], [4.0, 2.0], [5.0, 1.0], [6.0, 0.5]])
    labels = np.array([0, 0, 1, 1, 2, 2])
    root = trees.grow(features, labels, 3, "gini", max_depth=None)
    assert trees.tree_depth(root) == 2 and trees.num_leaves(root) == 3
    np.testing.assert_array_equal(trees.predict(root, features), labels)
    np.testing.assert_array_equal(trees.predict(root, np.array([[2.5, 0.0], [2.6, 0.0]])), [0, 1])  # <= goes left
    text = trees.export_text(root, ["x", "y"], ["a", "b", "c"])
    assert text.splitlines()[0] == "|--- x <= 2.50" and "|   |--- class: a" in text
    leaf = trees.grow(features, labels, 3, max_depth=0)
    assert list(leaf) == ["class_counts"] and leaf["class_counts"].tolist() == [2, 2, 2]
    stump = trees.grow(features, labels, 4, "entropy", max_depth=1)
    assert len(stump["class_counts"]) == 4 and "feature" not in stump["left"]
    assert list(trees.grow(features, labels, 3, min_samples_split=7)) == ["class_counts"]


def test_random_feature_subsets_are_reproducible_and_vary():
    rng = np.random.default_rng(5)
    features, labels = rng.normal(size=(150, 9)), rng.integers(0, 2, size=150)
    first = trees.DecisionTree(max_features="sqrt", random_state=3).fit(features, labels).export_text()
    again = trees.DecisionTree(max_features="sqrt", random_state=3).fit(features, labels).export_text()
    other = trees.DecisionTree(max_features=3, random_state=4).fit(features, labels).export_text()
    assert first == again and first != other
    with pytest.raises(ValueError, match="max_features"):
        trees.DecisionTree(max_features=10).fit(features, labels)


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="criterion"):
        trees.DecisionTree(criterion="mse")
    with pytest.raises(ValueError, match="max_depth"):
        trees.DecisionTree(max_depth=-1)
    with pytest.raises(ValueError, match="min_samples_split"):
        trees.DecisionTree(min_samples_split=1)
    with pytest.raises(RuntimeError, match="not fitted"):
        trees.DecisionTree().predict(np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"\(N, d\)"):
        trees.DecisionTree().fit(np.zeros(4), np.zeros(4))
    with pytest.raises(ValueError, match=r"ints in 0 \.\. 1"):
        trees.grow(np.zeros((3, 1)), np.array([0, 1, 2]), 2)
    model = trees.DecisionTree().fit(np.arange(6.0).reshape(3, 2), np.array(["b", "a", "b"]))
    assert list(model.predict(np.array([[0.0, 1.0]]))) == ["b"]
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        model.predict(np.zeros((1, 3)))
