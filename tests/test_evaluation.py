"""utils.evaluation: scikit-learn's folds, scikit-learn's metrics, a fresh clone per fold, no leakage, clear errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.feature_selection import SelectKBest
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    KFold,
    RepeatedStratifiedKFold,
    StratifiedKFold,
    cross_validate,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from utils.evaluation import DEFAULT_METRICS, as_table, evaluate, splits


@pytest.fixture(scope="module")
def binary_data():
    X, y = make_classification(n_samples=157, n_features=6, n_informative=3, weights=[0.7], random_state=1)
    return X, y


def same_folds(got, expected):
    expected = list(expected)
    assert len(got) == len(expected)
    for (got_train, got_test), (train, test) in zip(got, expected, strict=True):
        np.testing.assert_array_equal(got_train, train)
        np.testing.assert_array_equal(got_test, test)


@pytest.mark.parametrize("shuffle, random_state", [(False, None), (True, 0), (True, 7)])
@pytest.mark.parametrize("folds", [2, 3, 5])
def test_folds_are_sklearns(binary_data, folds, shuffle, random_state):
    X, y = binary_data
    got = splits(X, y, folds=folds, shuffle=shuffle, random_state=random_state)
    same_folds(got, StratifiedKFold(folds, shuffle=shuffle, random_state=random_state).split(X, y))
    got = splits(X, y, folds=folds, stratified=False, shuffle=shuffle, random_state=random_state)
    same_folds(got, KFold(folds, shuffle=shuffle, random_state=random_state).split(X))


def test_repeated_folds_and_a_given_splitter(binary_data):
    X, y = binary_data
    same_folds(
        splits(X, y, folds=4, repeats=3, random_state=5),
        RepeatedStratifiedKFold(n_splits=4, n_repeats=3, random_state=5).split(X, y),
    )
    splitter = KFold(3, shuffle=True, random_state=2)
    same_folds(splits(X, y, folds=splitter), splitter.split(X))


def test_folds_are_disjoint_cover_everything_and_stratify_by_y():
    labels = np.array(["b"] * 30 + ["a"] * 12 + ["c"] * 7)  # sorted, so unstratified folds would not mix classes
    X = np.arange(len(labels)).reshape(-1, 1)
    fold_pairs = splits(X, labels, folds=5, shuffle=False)
    tests = np.concatenate([test for _, test in fold_pairs])
    np.testing.assert_array_equal(np.sort(tests), np.arange(len(labels)))
    for train, test in fold_pairs:
        assert not set(train) & set(test)
        assert len(train) + len(test) == len(labels)
        for label, total in (("b", 30), ("a", 12), ("c", 7)):
            assert abs(np.sum(labels[test] == label) - total / 5) < 1  # each class spread evenly


def test_metrics_equal_sklearns_on_every_fold(binary_data):
    X, y = binary_data
    model = make_pipeline(StandardScaler(), LogisticRegression())
    extra = ("balanced_accuracy", "average_precision", "log_loss")
    result = evaluate(model, X, y, folds=4, metrics=(*DEFAULT_METRICS, *extra))
    for fold, (train, test) in enumerate(StratifiedKFold(4, shuffle=True, random_state=0).split(X, y)):
        fitted = clone(model).fit(X[train], y[train])
        predicted, probability = fitted.predict(X[test]), fitted.predict_proba(X[test])
        expected = {
            "accuracy": metrics.accuracy_score(y[test], predicted),
            "precision": metrics.precision_score(y[test], predicted),
            "recall": metrics.recall_score(y[test], predicted),
            "f1": metrics.f1_score(y[test], predicted),
            "roc_auc": metrics.roc_auc_score(y[test], probability[:, 1]),
            "balanced_accuracy": metrics.balanced_accuracy_score(y[test], predicted),
            "average_precision": metrics.average_precision_score(y[test], probability[:, 1]),
            "log_loss": metrics.log_loss(y[test], probability),
        }
        for name, value in expected.items():
            assert result[name]["per_fold"][fold] == pytest.approx(value, abs=1e-12), name
    for name in expected:
        values = result[name]["per_fold"]
        assert result[name]["mean"] == pytest.approx(values.mean())
        assert result[name]["std"] == pytest.approx(values.std())


def test_agrees_with_cross_validate(binary_data):
    X, y = binary_data
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.3))
    cv = StratifiedKFold(5, shuffle=True, random_state=3)
    expected = cross_validate(model, X, y, cv=cv, scoring=["accuracy", "f1", "roc_auc"])
    result = evaluate(model, X, y, folds=5, random_state=3, metrics=["accuracy", "f1", "roc_auc"])
    for name in ("accuracy", "f1", "roc_auc"):
        np.testing.assert_allclose(result[name]["per_fold"], expected[f"test_{name}"], atol=1e-12)


def test_positive_label_string_labels_and_decision_function(binary_data):
    X, y = binary_data
    words = np.where(y == 1, "yes", "no")
    as_words = evaluate(LogisticRegression(), X, words, folds=3, positive_label="no")
    flipped = evaluate(LogisticRegression(), X, 1 - y, folds=3)  # "no" is now the larger label, 1
    for name in DEFAULT_METRICS:
        np.testing.assert_allclose(as_words[name]["per_fold"], flipped[name]["per_fold"], atol=1e-12)
    default = evaluate(LogisticRegression(), X, words, folds=3)  # default positive: "yes", the larger label
    assert default["recall"]["mean"] != pytest.approx(as_words["recall"]["mean"])
    # A model without predict_proba scores with its decision function, flipped for the first class.
    svm = evaluate(LinearSVC(), X, words, folds=3, positive_label="no", metrics=["roc_auc"])
    for fold, (train, test) in enumerate(StratifiedKFold(3, shuffle=True, random_state=0).split(X, words)):
        decision = LinearSVC().fit(X[train], words[train]).decision_function(X[test])
        assert svm["roc_auc"]["per_fold"][fold] == pytest.approx(metrics.roc_auc_score(words[test] == "no", -decision))


def test_multi_class_needs_an_average_and_matches_sklearn():
    X, y = make_classification(n_samples=180, n_features=6, n_informative=4, n_classes=3, random_state=0)
    with pytest.raises(ValueError, match="average='macro'"):
        evaluate(LogisticRegression(), X, y)
    result = evaluate(LogisticRegression(), X, y, folds=3, average="weighted")
    for fold, (train, test) in enumerate(StratifiedKFold(3, shuffle=True, random_state=0).split(X, y)):
        fitted = LogisticRegression().fit(X[train], y[train])
        predicted = fitted.predict(X[test])
        assert result["f1"]["per_fold"][fold] == pytest.approx(metrics.f1_score(y[test], predicted, average="weighted"))
        assert result["roc_auc"]["per_fold"][fold] == pytest.approx(
            metrics.roc_auc_score(y[test], fitted.predict_proba(X[test]), multi_class="ovr", average="weighted")
        )


class RecordingScaler(TransformerMixin, BaseEstimator):
    """Standardises, and remembers which rows (by their first column, an id) it was fitted on."""

    def fit(self, X, y=None):
        self.seen_ids_ = set(np.asarray(X)[:, 0].tolist())
        self.mean_ = np.asarray(X).mean(axis=0)
        return self

    def transform(self, X):
        return np.asarray(X) - self.mean_


def test_a_fresh_clone_per_fold_and_preprocessing_fitted_on_training_rows_only(binary_data):
    X, y = binary_data
    X = np.column_stack([np.arange(len(y)), X])  # column 0: the row id
    model = make_pipeline(RecordingScaler(), LogisticRegression())
    result = evaluate(model, X, y, folds=4, return_folds=True, return_estimators=True)
    assert not hasattr(model.steps[0][1], "seen_ids_"), "the model passed in must stay unfitted"
    estimators = result["estimators"]
    assert len({id(estimator) for estimator in estimators}) == 4 and all(e is not model for e in estimators)
    for estimator, (train, _) in zip(estimators, result["folds"], strict=True):
        scaler = estimator.steps[0][1]
        assert scaler.seen_ids_ == set(train.tolist()), "the scaler saw rows outside the training fold"
        np.testing.assert_allclose(scaler.mean_, X[train].mean(axis=0))


class Memoriser(ClassifierMixin, BaseEstimator):
    """Predicts the label of rows it has seen: perfect on leaked rows, a coin flip on the others."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.memory_ = {tuple(row): label for row, label in zip(np.asarray(X).tolist(), y, strict=True)}
        return self

    def predict(self, X):
        return np.array([self.memory_.get(tuple(row), self.classes_[0]) for row in np.asarray(X).tolist()])


def test_no_test_row_is_ever_trained_on():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    y = np.tile([0, 1], 60)
    result = evaluate(Memoriser(), X, y, folds=5, metrics=["accuracy"])
    np.testing.assert_allclose(result["accuracy"]["per_fold"], 0.5)  # it only ever predicts class 0 on unseen rows


def test_feature_selection_inside_the_pipeline_does_not_leak():
    """Pure noise: selecting features on all rows first looks good; inside the pipeline it is a coin flip."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 2000))
    y = np.tile([0, 1], 40)
    leaky_columns = SelectKBest(k=10).fit(X, y).get_support()
    leaky = evaluate(LogisticRegression(), X[:, leaky_columns], y, metrics=["accuracy"])
    honest = evaluate(make_pipeline(SelectKBest(k=10), LogisticRegression()), X, y, metrics=["accuracy"])
    assert leaky["accuracy"]["mean"] > 0.75
    assert abs(honest["accuracy"]["mean"] - 0.5) < 0.15


def test_dataframes_with_missing_values_and_a_table(binary_data):
    X, y = binary_data
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])], index=np.arange(len(y)) * 10 + 3)
    frame.iloc[::7, 2] = np.nan
    model = make_pipeline(SimpleImputer(), StandardScaler(), LogisticRegression())
    result = evaluate(model, frame, pd.Series(y, index=frame.index), folds=3)
    expected = cross_validate(model, frame, y, cv=StratifiedKFold(3, shuffle=True, random_state=0), scoring="roc_auc")
    np.testing.assert_allclose(result["roc_auc"]["per_fold"], expected["test_score"])
    table = as_table(result, digits=3)
    assert list(table.index) == list(DEFAULT_METRICS) and list(table.columns) == ["mean", "std", "min", "max"]


def test_a_metric_function_and_repeats(binary_data):
    X, y = binary_data

    def true_positives(y_true, y_pred):
        return np.sum((y_true == 1) & (y_pred == 1))

    result = evaluate(LogisticRegression(), X, y, folds=3, repeats=4, metrics=["accuracy", true_positives])
    assert len(result["true_positives"]["per_fold"]) == 12 and len(result["accuracy"]["per_fold"]) == 12


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ({"y": np.array([0, 1] * 10)}, ValueError, "X has 21 rows but y has 20 labels"),
        ({"y": np.zeros(21, dtype=int)}, ValueError, "single class"),
        ({"y": np.array([0] * 19 + [1] * 2)}, ValueError, "class 1 has 2"),
        ({"metrics": ["accuracy", "auc"]}, ValueError, "unknown metric 'auc'"),
        ({"positive_label": 2}, ValueError, "positive_label=2 is not one of the classes"),
        ({"folds": 1}, ValueError, "folds must be an int of at least 2"),
        ({"folds": 30, "stratified": False}, ValueError, "more than the 21 rows"),
        ({"repeats": 2, "shuffle": False}, ValueError, "pass shuffle=True"),
        ({"y": np.array([0.0, 1.0] * 10 + [np.nan])}, ValueError, "missing labels"),
        ({"model": "logistic regression"}, TypeError, "fit and predict"),
        ({"model": DummyClassifier(), "average": "mean"}, ValueError, "average must be"),
    ],
)
def test_bad_input_is_explained(arguments, error, message):
    X = np.arange(42, dtype=float).reshape(21, 2)
    call = {"model": LogisticRegression(), "X": X, "y": np.array([0, 1] * 10 + [0])} | arguments
    model = call.pop("model")
    with pytest.raises(error, match=message):
        evaluate(model, call.pop("X"), call.pop("y"), **call)


def test_scores_are_needed_for_auc_and_a_one_class_test_fold_is_explained():
    class NoScores(ClassifierMixin, BaseEstimator):
        def fit(self, X, y):
            self.classes_ = np.unique(y)
            return self

        def predict(self, X):
            return np.full(len(X), self.classes_[0])

    X = np.arange(40, dtype=float).reshape(20, 2)
    y = np.array([0] * 10 + [1] * 10)
    with pytest.raises(TypeError, match="neither predict_proba nor decision_function"):
        evaluate(NoScores(), X, y, folds=2)
    assert evaluate(NoScores(), X, y, folds=2, metrics=["accuracy"])["accuracy"]["mean"] == 0.5
    # Sorted labels, unshuffled and unstratified: a training fold of one class, then a test fold of one class.
    with pytest.raises(ValueError, match="training rows hold only the class 1"):
        evaluate(LogisticRegression(), X, y, folds=2, stratified=False, shuffle=False)
    with pytest.raises(ValueError, match="fold 0's test set holds only the class 0"):
        evaluate(LogisticRegression(), X, y, folds=4, stratified=False, shuffle=False)
