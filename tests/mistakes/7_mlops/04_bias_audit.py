"""Typical wrong answers for 7_mlops/04_bias_audit. Each must be rejected by its check cell."""

_FAIRNESS = """
def fairness_differences(y_true, y_pred, groups):
    y_true, y_pred, groups = np.asarray(y_true), np.asarray(y_pred), np.asarray(groups)
    selection_rates, true_positive_rates, false_positive_rates = [], [], []
    for group in {group_values}:
        member = groups == group
        selection_rates.append({selection})
        positives, negatives = member & (y_true == 1), member & (y_true == 0)
        {tpr}
        {fpr}

    def spread(rates):
        {spread}

    tpr_difference = spread(true_positive_rates)
    return {{
        "demographic_parity": spread(selection_rates),
        "equal_opportunity": {equal_opportunity},
        "equalized_odds": {equalized_odds},
    }}
"""


def _fairness(
    group_values: str = "np.unique(groups)",
    selection: str = "y_pred[member].mean()",
    tpr: str = "if positives.any(): true_positive_rates.append(y_pred[positives].mean())",
    fpr: str = "if negatives.any(): false_positive_rates.append(y_pred[negatives].mean())",
    spread: str = "return float(max(rates) - min(rates)) if len(rates) > 1 else 0.0",
    equal_opportunity: str = "tpr_difference",
    equalized_odds: str = "max(tpr_difference, spread(false_positive_rates))",
) -> str:
    return _FAIRNESS.format(
        group_values=group_values,
        selection=selection,
        tpr=tpr,
        fpr=fpr,
        spread=spread,
        equal_opportunity=equal_opportunity,
        equalized_odds=equalized_odds,
    )


_REWEIGHING = """
def reweighing_weights(labels, groups):
    labels, groups = np.asarray(labels), np.asarray(groups)
    weights = np.empty(len(labels), dtype=np.float64)
    for group in np.unique(groups):
        in_group = groups == group
        for label in np.unique(labels):
            cell = in_group & (labels == label)
            if cell.any():
                weights[cell] = {weight}
    return {result}
"""


def _reweighing(
    weight: str = "in_group.mean() * (labels == label).mean() / cell.mean()", result: str = "weights"
) -> str:
    return _REWEIGHING.format(weight=weight, result=result)


_SHAPLEY = """
def shapley_values(predict, x, background):
    x, background = np.asarray(x, dtype=float), np.asarray(background, dtype=float)
    num_features = len(x)
    value = {{}}
    for coalition in itertools.product([False, True], repeat=num_features):
        mixed = np.where(np.array(coalition), x, background)
        value[coalition] = {value}
    phi = np.zeros(num_features)
    for coalition, without in value.items():
        size = sum(coalition)
        for i in range(num_features):
            if not coalition[i]:
                joined = coalition[:i] + (True,) + coalition[i + 1 :]
                weight = {weight}
                phi[i] += weight * (value[joined] - without)
    return phi
"""

_SHAPLEY_WEIGHT = "math.factorial(size) * math.factorial(num_features - size - 1) / math.factorial(num_features)"


def _shapley(value: str = "float(np.mean(predict(mixed)))", weight: str = _SHAPLEY_WEIGHT) -> str:
    return _SHAPLEY.format(value=value, weight=weight)


MISTAKES = {
    "fairness_differences": {
        "demographic parity from the true labels (base rates)": _fairness(selection="y_true[member].mean()"),
        "compares only the first two groups": _fairness(
            spread="return float(abs(rates[0] - rates[1])) if len(rates) > 1 else 0.0"
        ),
        "first minus last group, with a sign": _fairness(
            spread="return float(rates[0] - rates[-1]) if len(rates) > 1 else 0.0"
        ),
        "a ratio instead of a difference": _fairness(
            spread="return float(1 - min(rates) / max(rates)) if len(rates) > 1 and max(rates) > 0 else 0.0"
        ),
        "counts a group with no positives as TPR 0 (fairlearn's convention)": _fairness(
            tpr="true_positive_rates.append(y_pred[positives].mean() if positives.any() else 0.0)",
            fpr="false_positive_rates.append(y_pred[negatives].mean() if negatives.any() else 0.0)",
        ),
        "TPR over the whole group, not its positives": _fairness(
            tpr="true_positive_rates.append((y_pred[member] * y_true[member]).mean())"
        ),
        "equal opportunity from the false-positive rates": _fairness(
            equal_opportunity="spread(false_positive_rates)"
        ),
        "equalised odds as the mean of the two differences": _fairness(
            equalized_odds="(tpr_difference + spread(false_positive_rates)) / 2"
        ),
        "equalised odds from the TPR alone": _fairness(equalized_odds="tpr_difference"),
        "a table built from Series aligns them by index labels": """
def fairness_differences(y_true, y_pred, groups):
    frame = pd.DataFrame({"y_true": y_true, "y_pred": y_pred, "group": groups})
    rates = frame.groupby("group").apply(
        lambda part: pd.Series({
            "selection": part["y_pred"].mean(),
            "tpr": part.loc[part["y_true"] == 1, "y_pred"].mean(),
            "fpr": part.loc[part["y_true"] == 0, "y_pred"].mean(),
        }),
        include_groups=False,
    )
    spread = lambda column: float(rates[column].max() - rates[column].min()) if rates[column].count() > 1 else 0.0
    return {
        "demographic_parity": spread("selection"),
        "equal_opportunity": spread("tpr"),
        "equalized_odds": max(spread("tpr"), spread("fpr")),
    }
""",
    },
    "reweighing_weights": {
        "inverts the weight": _reweighing(weight="cell.mean() / (in_group.mean() * (labels == label).mean())"),
        "P(label | group) instead of the joint share": _reweighing(
            weight="in_group.mean() * (labels == label).mean() / (cell.sum() / in_group.sum())"
        ),
        "only balances the labels (1 / P(label))": _reweighing(weight="1 / (labels == label).mean()"),
        "forgets P(group)": _reweighing(weight="(labels == label).mean() / cell.mean()"),
        "normalises the weights to sum to 1": _reweighing(result="weights / weights.sum()"),
        "returns integer weights": _reweighing(result="np.round(weights).astype(int)"),
        "weights sorted by group, not in the examples' order": """
def reweighing_weights(labels, groups):
    labels, groups = np.asarray(labels), np.asarray(groups)
    weights = []
    for group in np.unique(groups):
        in_group = groups == group
        for label in labels[in_group]:
            cell = in_group & (labels == label)
            weights.append(in_group.mean() * (labels == label).mean() / cell.mean())
    return np.array(weights, dtype=np.float64)
""",
    },
    "shapley_values": {
        "the prediction at the mean background row": _shapley(
            value="float(predict(np.where(np.array(coalition), x, background.mean(axis=0))[None, :])[0])"
        ),
        "zeros for the missing features, not the background": _shapley(
            value="float(predict(np.where(np.array(coalition), x, 0.0)[None, :])[0])"
        ),
        "every coalition weighted equally": _shapley(weight="1 / 2 ** (num_features - 1)"),
        "off by one in the weight: (M - |S|)!": _shapley(
            weight="math.factorial(size) * math.factorial(num_features - size) / math.factorial(num_features)"
        ),
        "each feature alone: v({i}) - v(empty)": """
def shapley_values(predict, x, background):
    x, background = np.asarray(x, dtype=float), np.asarray(background, dtype=float)
    base = predict(background).mean()
    phi = np.zeros(len(x))
    for i in range(len(x)):
        mixed = background.copy()
        mixed[:, i] = x[i]
        phi[i] = predict(mixed).mean() - base
    return phi
""",
        "leave-one-out (f(x) minus f without the feature)": """
def shapley_values(predict, x, background):
    x, background = np.asarray(x, dtype=float), np.asarray(background, dtype=float)
    full = predict(np.tile(x, (len(background), 1))).mean()
    phi = np.zeros(len(x))
    for i in range(len(x)):
        mixed = np.tile(x, (len(background), 1))
        mixed[:, i] = background[:, i]
        phi[i] = full - predict(mixed).mean()
    return phi
""",
    },
}

FAMILY_EXEMPTIONS = {
    "reweighing_weights": {
        "swaps `labels` and `groups`": (
            "P(group) P(label) / P(group, label) is symmetric in the two: swapping them gives the same weights"
        ),
    },
}
