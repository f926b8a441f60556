"""Typical wrong answers for 3_neural_networks/13_model_evaluation_pipeline. Each must be rejected by its check cell."""

_KFOLD_PAIRS = """
    folds = []
    for test in tests:
        test = np.sort(test)
        folds.append((np.setdiff1d(np.arange(num_samples), test), test))
    return folds
"""

_STRATIFIED_PAIRS = """
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(num_folds)]
"""

MISTAKES = {
    "kfold_indices": {
        "gives the remainder to the LAST folds": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    sizes = np.full(num_folds, num_samples // num_folds)
    if num_samples % num_folds:
        sizes[-(num_samples % num_folds):] += 1
    bounds = np.r_[0, np.cumsum(sizes)]
    tests = [order[bounds[i]:bounds[i + 1]] for i in range(num_folds)]
"""
        + _KFOLD_PAIRS,
        "the last fold takes the whole remainder": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    size = num_samples // num_folds
    tests = [order[i * size:(i + 1) * size] for i in range(num_folds - 1)] + [order[(num_folds - 1) * size:]]
"""
        + _KFOLD_PAIRS,
        "folds of ceil(n / k): overlapping or empty at the end": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    size = -(-num_samples // num_folds)
    starts = [min(i * size, num_samples - size) for i in range(num_folds)]
    tests = [order[start:start + size] for start in starts]
"""
        + _KFOLD_PAIRS,
        "shuffles with np.random.default_rng (another generator, other folds)": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        order = np.random.default_rng(seed).permutation(num_samples)
    tests = np.array_split(order, num_folds)
"""
        + _KFOLD_PAIRS,
        "leaves the test indices in shuffled order": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    return [(np.setdiff1d(np.arange(num_samples), test), test) for test in np.array_split(order, num_folds)]
""",
        "trains on every index, the test fold included": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    return [(np.arange(num_samples), np.sort(test)) for test in np.array_split(order, num_folds)]
""",
        "returns (test, train) instead of (train, test)": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    return [(np.sort(test), np.setdiff1d(np.arange(num_samples), test)) for test in np.array_split(order, num_folds)]
""",
        "deals the indices round-robin (i % k) instead of in consecutive slices": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    tests = [order[i::num_folds] for i in range(num_folds)]
"""
        + _KFOLD_PAIRS,
        "train indices left in the shuffled order": """
def kfold_indices(num_samples, num_folds, shuffle=False, seed=None):
    order = np.arange(num_samples)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    tests = np.array_split(order, num_folds)
    return [(order[~np.isin(order, test)], np.sort(test)) for test in tests]
""",
    },
    "stratified_kfold_indices": {
        "ignores the labels: plain k-fold": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    order = np.arange(len(labels))
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    return [(np.setdiff1d(order, test), np.sort(test)) for test in np.array_split(order, num_folds)]
""",
        "numbers the classes in sorted order, not by first appearance": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    classes, codes = np.unique(labels, return_inverse=True)
    codes = codes.ravel()
    dealt = np.sort(codes)
    allocation = np.array([np.bincount(dealt[f::num_folds], minlength=len(classes)) for f in range(num_folds)])
    rng = np.random.RandomState(seed)
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(classes)):
        block = np.repeat(np.arange(num_folds), allocation[:, c])
        if shuffle:
            rng.shuffle(block)
        fold_of[codes == c] = block
"""
        + _STRATIFIED_PAIRS,
        "splits each class on its own (every class's remainder to the first folds)": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first))[codes.ravel()]
    rng = np.random.RandomState(seed)
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(first)):
        count = int(np.sum(codes == c))
        block = np.repeat(np.arange(num_folds), [len(part) for part in np.array_split(np.arange(count), num_folds)])
        if shuffle:
            rng.shuffle(block)
        fold_of[codes == c] = block
"""
        + _STRATIFIED_PAIRS,
        "a fresh RandomState(seed) for every class": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first))[codes.ravel()]
    dealt = np.sort(codes)
    allocation = np.array([np.bincount(dealt[f::num_folds], minlength=len(first)) for f in range(num_folds)])
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(first)):
        block = np.repeat(np.arange(num_folds), allocation[:, c])
        if shuffle:
            np.random.RandomState(seed).shuffle(block)
        fold_of[codes == c] = block
"""
        + _STRATIFIED_PAIRS,
        "shuffles with np.random.default_rng": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first))[codes.ravel()]
    dealt = np.sort(codes)
    allocation = np.array([np.bincount(dealt[f::num_folds], minlength=len(first)) for f in range(num_folds)])
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(first)):
        block = np.repeat(np.arange(num_folds), allocation[:, c])
        if shuffle:
            rng.shuffle(block)
        fold_of[codes == c] = block
"""
        + _STRATIFIED_PAIRS,
        "deals each class's rows round-robin instead of in blocks": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first))[codes.ravel()]
    rng = np.random.RandomState(seed)
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(first)):
        block = np.arange(int(np.sum(codes == c))) % num_folds
        if shuffle:
            rng.shuffle(block)
        fold_of[codes == c] = block
"""
        + _STRATIFIED_PAIRS,
        "shuffles the rows of each class instead of its list of folds": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first))[codes.ravel()]
    dealt = np.sort(codes)
    allocation = np.array([np.bincount(dealt[f::num_folds], minlength=len(first)) for f in range(num_folds)])
    rng = np.random.RandomState(seed)
    fold_of = np.empty(len(labels), dtype=int)
    for c in range(len(first)):
        rows = np.flatnonzero(codes == c)
        if shuffle:
            rows = rng.permutation(rows)
        fold_of[rows] = np.repeat(np.arange(num_folds), allocation[:, c])
"""
        + _STRATIFIED_PAIRS,
        "sorts the rows by label and deals them out round-robin": """
def stratified_kfold_indices(labels, num_folds, shuffle=False, seed=None):
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
        order = order[np.argsort(labels[order], kind="stable")]
    fold_of = np.empty(len(labels), dtype=int)
    fold_of[order] = np.arange(len(labels)) % num_folds
"""
        + _STRATIFIED_PAIRS,
    },
    "classification_metrics": {
        "precision and recall swapped": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == positive_label, np.asarray(y_pred) == positive_label
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = float(tp / (tp + fn)) if tp + fn else 0.0
    recall = float(tp / (tp + fp)) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), "precision": precision,
            "recall": recall, "f1": f1}
""",
        "ignores the positive label (always 1)": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == 1, np.asarray(y_pred) == 1
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = float(tp / (tp + fp)) if tp + fp else 0.0
    recall = float(tp / (tp + fn)) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), "precision": precision,
            "recall": recall, "f1": f1}
""",
        "takes the larger label as positive": """
def classification_metrics(y_true, y_pred, positive_label):
    positive = np.max(np.asarray(y_true))
    actual, predicted = np.asarray(y_true) == positive, np.asarray(y_pred) == positive
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = float(tp / (tp + fp)) if tp + fp else 0.0
    recall = float(tp / (tp + fn)) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), "precision": precision,
            "recall": recall, "f1": f1}
""",
        "F1 as the arithmetic mean of precision and recall": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == positive_label, np.asarray(y_pred) == positive_label
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = float(tp / (tp + fp)) if tp + fp else 0.0
    recall = float(tp / (tp + fn)) if tp + fn else 0.0
    return {"accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), "precision": precision,
            "recall": recall, "f1": (precision + recall) / 2}
""",
        "0/0 precision gives NaN instead of 0": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == positive_label, np.asarray(y_pred) == positive_label
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision, recall = float(np.float64(tp) / (tp + fp)), float(np.float64(tp) / (tp + fn))
    f1 = float(2 * tp / (2 * tp + fp + fn))
    return {"accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), "precision": precision,
            "recall": recall, "f1": f1}
""",
        "accuracy over the positive class only (that is the recall)": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == positive_label, np.asarray(y_pred) == positive_label
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = float(tp / (tp + fp)) if tp + fp else 0.0
    recall = float(tp / (tp + fn)) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": recall, "precision": precision, "recall": recall, "f1": f1}
""",
        "returns NumPy arrays of one element": """
def classification_metrics(y_true, y_pred, positive_label):
    actual, predicted = np.asarray(y_true) == positive_label, np.asarray(y_pred) == positive_label
    tp, fp, fn = np.sum(actual & predicted), np.sum(~actual & predicted), np.sum(actual & ~predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {name: np.array([value]) for name, value in {
        "accuracy": np.mean(np.asarray(y_true) == np.asarray(y_pred)), "precision": precision, "recall": recall,
        "f1": f1}.items()}
""",
    },
    "averaged_f1": {
        "macro and micro swapped": """
def averaged_f1(y_true, y_pred, average):
    return float(metrics.f1_score(y_true, y_pred, average={"macro": "micro", "micro": "macro"}.get(average, average),
                                  zero_division=0))
""",
        "macro F1 as the F1 of the macro precision and the macro recall": """
def averaged_f1(y_true, y_pred, average):
    if average != "macro":
        return float(metrics.f1_score(y_true, y_pred, average=average, zero_division=0))
    precision = metrics.precision_score(y_true, y_pred, average="macro", zero_division=0)
    recall = metrics.recall_score(y_true, y_pred, average="macro", zero_division=0)
    return float(2 * precision * recall / (precision + recall))
""",
        "weighted by the predicted counts instead of the true support": """
def averaged_f1(y_true, y_pred, average):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if average != "weighted":
        return float(metrics.f1_score(y_true, y_pred, average=average, zero_division=0))
    classes = np.union1d(y_true, y_pred)
    per_class = metrics.f1_score(y_true, y_pred, labels=classes, average=None, zero_division=0)
    predicted_counts = np.array([np.sum(y_pred == c) for c in classes])
    return float(np.sum(per_class * predicted_counts) / predicted_counts.sum())
""",
        "takes the classes from y_true only": """
def averaged_f1(y_true, y_pred, average):
    return float(metrics.f1_score(y_true, y_pred, labels=np.unique(y_true), average=average, zero_division=0))
""",
        "weighted is the plain mean (forgets the weights)": """
def averaged_f1(y_true, y_pred, average):
    return float(metrics.f1_score(y_true, y_pred, average="macro" if average == "weighted" else average,
                                  zero_division=0))
""",
        "micro as the mean of per-class precision and recall's F1 (not pooled)": """
def averaged_f1(y_true, y_pred, average):
    if average != "micro":
        return float(metrics.f1_score(y_true, y_pred, average=average, zero_division=0))
    return float(np.mean(metrics.f1_score(y_true, y_pred, average=None, zero_division=0)))
""",
    },
    "roc_curve_points": {
        "predicts positive for score > threshold (not >=)": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum(positive & (scores > t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores > t)) for t in thresholds]) / (~positive).sum()
    return fpr, tpr, thresholds
""",
        "forgets the (0, 0) start point": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.unique(scores)[::-1]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / (~positive).sum()
    return fpr, tpr, thresholds
""",
        "one point per sample: ties not merged": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    order = np.argsort(-scores, kind="stable")
    tps, fps = np.cumsum(positive[order]), np.cumsum(~positive[order])
    return np.r_[0.0, fps] / fps[-1], np.r_[0.0, tps] / tps[-1], np.r_[np.inf, scores[order]]
""",
        "thresholds in increasing order": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.r_[np.unique(scores), np.inf]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / (~positive).sum()
    return fpr, tpr, thresholds
""",
        "ignores the positive label (always 1)": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == 1, np.asarray(y_score, dtype=float)
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / (~positive).sum()
    return fpr, tpr, thresholds
""",
        "divides the false positives by all the rows, not by the negatives": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / len(scores)
    return fpr, tpr, thresholds
""",
        "the first threshold is the largest score + 1, not inf": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.r_[scores.max() + 1, np.unique(scores)[::-1]]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / (~positive).sum()
    return fpr, tpr, thresholds
""",
        "returns a list instead of a tuple": """
def roc_curve_points(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.sum(positive & (scores >= t)) for t in thresholds]) / positive.sum()
    fpr = np.array([np.sum(~positive & (scores >= t)) for t in thresholds]) / (~positive).sum()
    return [fpr, tpr, thresholds]
""",
        "keeps scikit-learn's default drop_intermediate=True": """
def roc_curve_points(y_true, y_score, positive_label):
    fpr, tpr, thresholds = metrics.roc_curve(y_true, y_score, pos_label=positive_label)
    return fpr, tpr, thresholds
""",
    },
    "auc_score": {
        "counts a tie as a win": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    pairs = scores[positive][:, None] >= scores[~positive][None, :]
    return float(pairs.mean())
""",
        "counts a tie as a loss": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    pairs = scores[positive][:, None] > scores[~positive][None, :]
    return float(pairs.mean())
""",
        "trapezoids without the (0, 0) start point": """
def auc_score(y_true, y_score, positive_label):
    fpr, tpr, _ = metrics.roc_curve(np.asarray(y_true) == positive_label, y_score, drop_intermediate=False)
    return float(np.trapezoid(tpr[1:], fpr[1:]))
""",
        "rectangles instead of trapezoids": """
def auc_score(y_true, y_score, positive_label):
    fpr, tpr, _ = metrics.roc_curve(np.asarray(y_true) == positive_label, y_score, drop_intermediate=False)
    return float(np.sum(np.diff(fpr) * tpr[1:]))
""",
        "ignores the positive label (always 1)": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == 1, np.asarray(y_score, dtype=float)
    greater = scores[positive][:, None] > scores[~positive][None, :]
    ties = scores[positive][:, None] == scores[~positive][None, :]
    return float(greater.mean() + 0.5 * ties.mean())
""",
        "the Mann-Whitney U, not divided by P x N": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    greater = scores[positive][:, None] > scores[~positive][None, :]
    ties = scores[positive][:, None] == scores[~positive][None, :]
    return float(greater.sum() + 0.5 * ties.sum())
""",
        "divides by the number of all pairs of rows": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    greater = scores[positive][:, None] > scores[~positive][None, :]
    ties = scores[positive][:, None] == scores[~positive][None, :]
    return float((greater.sum() + 0.5 * ties.sum()) / (len(scores) * (len(scores) - 1) / 2))
""",
        "np.trapezoid with the axes swapped (x = tpr, y = fpr)": """
def auc_score(y_true, y_score, positive_label):
    fpr, tpr, _ = metrics.roc_curve(np.asarray(y_true) == positive_label, y_score, drop_intermediate=False)
    return float(np.trapezoid(fpr, tpr))
""",
        "ranks without averaging the ties (argsort ranks)": """
def auc_score(y_true, y_score, positive_label):
    positive, scores = np.asarray(y_true) == positive_label, np.asarray(y_score, dtype=float)
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind="stable")] = np.arange(1, len(scores) + 1)
    num_positive, num_negative = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - num_positive * (num_positive + 1) / 2) / (num_positive * num_negative))
""",
    },
}
