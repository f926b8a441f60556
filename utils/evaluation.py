"""Cross-validated evaluation of a classifier in one call: a dictionary of metrics, honestly computed.

    from utils.evaluation import evaluate, as_table
    result = evaluate(make_pipeline(StandardScaler(), LogisticRegression()), X, y, folds=5)
    result["roc_auc"]["mean"], result["roc_auc"]["std"], result["roc_auc"]["per_fold"]
    as_table(result)                   # a DataFrame: one row per metric, mean and std

What it guarantees (tests/test_evaluation.py checks each):

* the folds are exactly scikit-learn's ``StratifiedKFold`` / ``KFold`` (``RepeatedStratifiedKFold`` /
  ``RepeatedKFold`` with ``repeats > 1``) for the same settings, and stratification is by ``y``;
* every fold trains a **fresh clone** of ``model`` on its training rows only (the model you pass stays
  unfitted), so preprocessing inside a ``Pipeline`` (scalers, imputers, encoders, feature selection)
  is fitted on the training folds and never sees the test fold;
* every metric equals the ``sklearn.metrics`` function on that fold's predictions (precision, recall
  and F1 with ``zero_division=0``, scikit-learn's value when nothing is predicted positive);
* bad input is refused with a message that says what to do: mismatched lengths, a single class, a
  class with fewer members than folds, an unknown metric or positive label.

Built in notebook 3_neural_networks/13 (the learner writes the folds and the metrics there, from
scratch); later notebooks reuse it. It relies on scikit-learn's splitters and metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["DEFAULT_METRICS", "METRICS", "as_table", "evaluate", "splits"]

DEFAULT_METRICS = ("accuracy", "precision", "recall", "f1", "roc_auc")
"""What ``evaluate`` reports unless told otherwise."""

METRICS = (
    "accuracy",
    "balanced_accuracy",
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "average_precision",
    "log_loss",
)
"""Every metric name ``evaluate`` knows. ``roc_auc``, ``average_precision`` and ``log_loss`` need scores."""

_NEEDS_SCORES = {"roc_auc", "average_precision", "log_loss"}
_NEEDS_AVERAGE = {"precision", "recall", "f1"}
_RESERVED_KEYS = {"folds", "estimators"}


def _num_rows(X: Any) -> int:
    shape = getattr(X, "shape", None)
    if shape is not None and len(shape) >= 1:
        return int(shape[0])
    return len(X)


def _name(label: Any) -> str:
    """A label as messages show it: 1 and 'yes', not np.int64(1) and np.str_('yes')."""
    return repr(label.item() if isinstance(label, np.generic) else label)


def _rows(X: Any, index: np.ndarray) -> Any:
    """Rows ``index`` of a DataFrame, Series, array or sparse matrix, keeping its type."""
    if hasattr(X, "iloc"):
        return X.iloc[index]
    return X[index]


def _labels(y: Any, num_rows: int) -> np.ndarray:
    labels = y.to_numpy() if hasattr(y, "to_numpy") else np.asarray(y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1:
        raise ValueError(f"y must be one label per row (1-D), got an array of shape {labels.shape}")
    if len(labels) != num_rows:
        raise ValueError(
            f"X has {num_rows} rows but y has {len(labels)} labels: pass one label per row of X, in the same order"
        )
    if labels.dtype.kind == "f" and np.isnan(labels).any():
        raise ValueError(f"y contains {int(np.isnan(labels).sum())} missing labels (NaN): drop those rows first")
    if labels.dtype == object and any(label is None for label in labels):
        raise ValueError("y contains missing labels (None): drop those rows first")
    return labels


def splits(
    X: Any,
    y: Any,
    *,
    folds: int | Any = 5,
    stratified: bool = True,
    shuffle: bool = True,
    random_state: int | None = 0,
    repeats: int = 1,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (train indices, test indices) pairs ``evaluate`` uses, from scikit-learn's splitters.

    ``stratified=True``: ``StratifiedKFold`` on ``y`` (every fold keeps the class proportions);
    otherwise ``KFold``. ``repeats > 1``: the repeated versions, each repeat reshuffled (so it needs
    ``shuffle=True``). ``folds`` may also be any scikit-learn splitter (an object with ``split``), used
    as it is. ``shuffle`` is on by default because many tables are sorted (the Titanic list is sorted by
    class and name): unshuffled folds would then differ systematically.
    """
    from sklearn.model_selection import KFold, RepeatedKFold, RepeatedStratifiedKFold, StratifiedKFold

    num_rows = _num_rows(X)
    labels = _labels(y, num_rows)
    if hasattr(folds, "split"):
        return [(np.asarray(train), np.asarray(test)) for train, test in folds.split(X, labels)]
    if isinstance(folds, bool) or not isinstance(folds, (int, np.integer)) or folds < 2:
        raise ValueError(f"folds must be an int of at least 2 (or a scikit-learn splitter), got {folds!r}")
    folds = int(folds)
    if folds > num_rows:
        raise ValueError(f"folds={folds} is more than the {num_rows} rows: use at most {num_rows} folds")
    if isinstance(repeats, bool) or not isinstance(repeats, (int, np.integer)) or repeats < 1:
        raise ValueError(f"repeats must be a positive int, got {repeats!r}")
    if stratified:
        classes, counts = np.unique(labels, return_counts=True)
        if counts.min() < folds:
            rare = classes[counts.argmin()]
            raise ValueError(
                f"stratified folds need at least {folds} members of every class, but class {_name(rare)} has "
                f"{counts.min()}: use folds={max(2, int(counts.min()))} or fewer, or stratified=False"
            )
    if repeats > 1:
        if not shuffle:
            raise ValueError("repeats > 1 reshuffles for every repeat: pass shuffle=True (or repeats=1)")
        splitter_class = RepeatedStratifiedKFold if stratified else RepeatedKFold
        splitter = splitter_class(n_splits=folds, n_repeats=repeats, random_state=random_state)
    else:
        splitter_class = StratifiedKFold if stratified else KFold
        splitter = splitter_class(n_splits=folds, shuffle=shuffle, random_state=random_state if shuffle else None)
    return [(train, test) for train, test in splitter.split(np.zeros(num_rows), labels)]


def _metric_names(metrics: Sequence[str | Callable] | str) -> list[tuple[str, str | Callable]]:
    if isinstance(metrics, str):
        metrics = [metrics]
    named = []
    for metric in metrics:
        if callable(metric):
            named.append((getattr(metric, "__name__", "metric"), metric))
        elif metric in METRICS:
            named.append((metric, metric))
        else:
            raise ValueError(
                f"unknown metric {metric!r}: choose from {list(METRICS)} or pass a function(y_true, y_pred)"
            )
    names = [name for name, _ in named]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ValueError(f"metric names must be unique, {duplicated} appear more than once")
    reserved = sorted(set(names) & _RESERVED_KEYS)
    if reserved:
        raise ValueError(f"{reserved} name keys of the result: give the metric function another name")
    return named


def _final_step(estimator: Any, X_test: Any) -> tuple[Any, Any]:
    """A fitted Pipeline's last step and the test rows transformed by the steps before it, once.

    Exactly what Pipeline.predict and Pipeline.predict_proba do, without transforming the rows twice.
    """
    from sklearn.pipeline import Pipeline

    if isinstance(estimator, Pipeline) and len(estimator.steps) > 1:
        return estimator.steps[-1][1], estimator[:-1].transform(X_test)
    return estimator, X_test


def _scores(estimator: Any, X_test: Any, classes: np.ndarray) -> tuple[np.ndarray | None, str | None]:
    """Class probabilities (n, num_classes) in the order of ``classes``, or the decision function."""
    if hasattr(estimator, "predict_proba"):
        probabilities = np.asarray(estimator.predict_proba(X_test), dtype=float)
        fitted = list(getattr(estimator, "classes_", classes))
        full = np.zeros((probabilities.shape[0], len(classes)))
        for column, label in enumerate(fitted):
            full[:, int(np.flatnonzero(classes == label)[0])] = probabilities[:, column]
        return full, "proba"
    if hasattr(estimator, "decision_function"):
        return np.asarray(estimator.decision_function(X_test), dtype=float), "decision"
    return None, None


def _positive_scores(scores: np.ndarray, kind: str, estimator: Any, classes: np.ndarray, positive: Any) -> np.ndarray:
    if kind == "proba":
        return scores[:, int(np.flatnonzero(classes == positive)[0])]
    fitted = list(getattr(estimator, "classes_", classes))
    # A binary decision function scores classes_[1]: flip it when the positive label is classes_[0].
    return scores if positive == fitted[-1] else -scores


def _value(
    name: str,
    metric: str | Callable,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    scores: np.ndarray | None,
    kind: str | None,
    estimator: Any,
    classes: np.ndarray,
    positive: Any,
    average: str,
    fold: int,
) -> float:
    from sklearn import metrics as m

    if callable(metric):
        return float(metric(y_true, y_pred))
    if metric == "accuracy":
        return float(m.accuracy_score(y_true, y_pred))
    if metric == "balanced_accuracy":
        return float(m.balanced_accuracy_score(y_true, y_pred))
    if metric in _NEEDS_AVERAGE:
        function = {"precision": m.precision_score, "recall": m.recall_score, "f1": m.f1_score}[metric]
        if average == "binary":
            return float(function(y_true, y_pred, pos_label=positive, average="binary", zero_division=0))
        return float(function(y_true, y_pred, labels=classes, average=average, zero_division=0))
    if scores is None:
        raise TypeError(
            f"the metric {name!r} needs scores, but the model has neither predict_proba nor decision_function: "
            "leave it out of metrics, or use a model that scores (e.g. SVC(probability=True))"
        )
    present = np.unique(y_true)
    if metric == "log_loss":
        if kind != "proba":
            raise TypeError("log_loss needs probabilities (predict_proba); this model only has decision_function")
        return float(m.log_loss(y_true, scores, labels=classes))
    if len(present) < 2:
        raise ValueError(
            f"fold {fold}'s test set holds only the class {_name(present[0])}, so {name} is undefined there: "
            "use stratified=True, or fewer folds"
        )
    if len(classes) == 2:
        positive_scores = _positive_scores(scores, kind, estimator, classes, positive)
        if metric == "roc_auc":
            return float(m.roc_auc_score(y_true == positive, positive_scores))
        return float(m.average_precision_score(y_true == positive, positive_scores))
    if metric == "average_precision":
        raise ValueError("average_precision is for two classes here; for more, use roc_auc (one-vs-rest)")
    if kind != "proba":
        raise TypeError("a multi-class roc_auc needs probabilities (predict_proba)")
    auc_average = "macro" if average == "micro" else average
    return float(m.roc_auc_score(y_true, scores, multi_class="ovr", labels=classes, average=auc_average))


def evaluate(
    model: Any,
    X: Any,
    y: Any,
    *,
    folds: int | Any = 5,
    stratified: bool = True,
    shuffle: bool = True,
    random_state: int | None = 0,
    repeats: int = 1,
    metrics: Sequence[str | Callable] | str = DEFAULT_METRICS,
    positive_label: Any = None,
    average: str | None = None,
    return_folds: bool = False,
    return_estimators: bool = False,
    progress: bool = False,
) -> dict[str, Any]:
    """Cross-validate a classifier: a fresh clone of ``model`` per fold, trained on the training rows only.

    Returns ``{metric: {"mean": float, "std": float, "per_fold": array}}`` for every name in
    ``metrics`` (see ``METRICS``; a function ``f(y_true, y_pred)`` counts too, named by its
    ``__name__``). ``std`` is the spread across folds (``np.std``, ddof=0): how much the estimate moves
    with the split, not a standard error. With ``return_folds=True`` the result also holds
    ``"folds"`` (the (train, test) index pairs) and with ``return_estimators=True`` ``"estimators"``
    (the fitted clones, one per fold).

    * ``folds``, ``stratified``, ``shuffle``, ``random_state``, ``repeats``: as in :func:`splits`.
      Two calls with the same settings and the same ``y`` use the same folds, so their per-fold values
      can be compared pairwise.
    * ``positive_label``: the class that precision, recall, F1, ROC AUC and average precision are
      about (default: the larger label, scikit-learn's convention: 1 of 0/1, ``">50K"`` of
      ``"<=50K"``/``">50K"``).
    * ``average``: for more than two classes, how precision, recall and F1 combine the classes
      (``"macro"``, ``"weighted"`` or ``"micro"``); ROC AUC is then one-vs-rest.
    * ``X`` may be a DataFrame (rows taken with ``iloc``), an array or a sparse matrix.
    """
    from sklearn.base import clone
    from tqdm.auto import tqdm

    if not (hasattr(model, "fit") and hasattr(model, "predict")):
        raise TypeError(
            f"model must be a scikit-learn style classifier with fit and predict, got {type(model).__name__}"
        )
    named = _metric_names(metrics)
    num_rows = _num_rows(X)
    labels = _labels(y, num_rows)
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(
            f"y holds a single class ({_name(classes[0])} for all {num_rows} rows): a classifier needs at least two "
            "classes to be evaluated"
            if len(classes)
            else "y is empty: there is nothing to evaluate"
        )
    binary = len(classes) == 2
    if positive_label is None:
        positive = classes[-1] if binary else None
    else:
        if positive_label not in set(classes.tolist()):
            raise ValueError(f"positive_label={positive_label!r} is not one of the classes in y: {classes.tolist()}")
        positive = positive_label
    multi_class_message = (
        f"y has {len(classes)} classes: pass average='macro' (every class counts equally), 'weighted' (by "
        "support) or 'micro' (pooled) to combine precision, recall and F1 over the classes"
    )
    if average is None:
        if binary:
            average = "binary"
        elif any(metric in _NEEDS_AVERAGE for _, metric in named):
            raise ValueError(multi_class_message)
        else:
            average = "macro"
    elif average not in ("binary", "macro", "weighted", "micro"):
        raise ValueError(f"average must be 'binary', 'macro', 'weighted' or 'micro', got {average!r}")
    elif average == "binary" and not binary:
        raise ValueError(multi_class_message)
    if not binary and positive_label is not None:
        raise ValueError("positive_label is for two classes; with more, choose how to average with average=")
    fold_pairs = splits(
        X, labels, folds=folds, stratified=stratified, shuffle=shuffle, random_state=random_state, repeats=repeats
    )
    try:
        template = clone(model)
    except TypeError as error:
        raise TypeError(
            f"evaluate trains a fresh copy of the model per fold with sklearn.base.clone, which failed ({error}): "
            "pass a scikit-learn estimator (one with get_params), not an already-built function or object"
        ) from None
    needs_scores = any(isinstance(metric, str) and metric in _NEEDS_SCORES for _, metric in named)
    per_fold: dict[str, list[float]] = {name: [] for name, _ in named}
    estimators = []
    for fold, (train, test) in enumerate(tqdm(fold_pairs, desc="cross-validation folds", disable=not progress)):
        trained_on = np.unique(labels[train])
        if len(trained_on) < 2:
            raise ValueError(
                f"fold {fold}'s training rows hold only the class {_name(trained_on[0])}: nothing to learn to tell "
                "apart. Use stratified=True (or shuffle=True) so that every fold sees every class"
            )
        estimator = clone(template)
        estimator.fit(_rows(X, train), labels[train])
        y_test = labels[test]
        final, X_test = _final_step(estimator, _rows(X, test))
        predicted = np.asarray(final.predict(X_test))
        scores, kind = _scores(final, X_test, classes) if needs_scores else (None, None)
        for name, metric in named:
            per_fold[name].append(
                _value(name, metric, y_test, predicted, scores, kind, final, classes, positive, average, fold)
            )
        if return_estimators:
            estimators.append(estimator)
    result: dict[str, Any] = {}
    for name, values in per_fold.items():
        values_array = np.asarray(values, dtype=float)
        result[name] = {"mean": float(values_array.mean()), "std": float(values_array.std()), "per_fold": values_array}
    if return_folds:
        result["folds"] = fold_pairs
    if return_estimators:
        result["estimators"] = estimators
    return result


def as_table(result: dict[str, Any], digits: int | None = None) -> Any:
    """The metrics of an ``evaluate`` result as a DataFrame: one row per metric, its mean, std, min and max."""
    import pandas as pd

    rows = {
        name: {
            "mean": value["mean"],
            "std": value["std"],
            "min": float(np.min(value["per_fold"])),
            "max": float(np.max(value["per_fold"])),
        }
        for name, value in result.items()
        if name not in _RESERVED_KEYS
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    return table.round(digits) if digits is not None else table
