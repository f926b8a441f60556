"""Typical wrong answers for 7_mlops/03_monitoring_and_drift. Each must be rejected by its check cell."""


def _psi(edges: str = "np.quantile(reference, np.arange(1, bins) / bins)", side: str = "right",
         floor: str = "np.maximum(share, epsilon)", formula: str = "(c - r) * np.log(c / r)") -> str:
    return f"""
def population_stability_index(reference, current, bins=10, epsilon=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = {edges}
    def shares(values):
        share = np.bincount(np.searchsorted(edges, values, side="{side}"), minlength=bins) / len(values)
        return {floor}
    r, c = shares(reference), shares(current)
    return float(np.sum({formula}))
"""


def _ks(gap: str = "np.max(np.abs(gaps))", points: str = "np.concatenate([a, b])",
        p_value: str = "stats.kstwo.sf(statistic, round(len(a) * len(b) / (len(a) + len(b))))") -> str:
    return f"""
def ks_two_sample(a, b):
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    pooled = {points}
    gaps = np.searchsorted(a, pooled, side="right") / len(a) - np.searchsorted(b, pooled, side="right") / len(b)
    statistic = float({gap})
    return statistic, float(np.clip({p_value}, 0.0, 1.0))
"""


def _permutation(split: str = "len(reference)", order: str = "rng.permutation(len(pooled))",
                 compare: str = "permuted >= observed", result: str = "(1 + count) / (1 + num_permutations)") -> str:
    return f"""
def permutation_p_value(reference, current, statistic, num_permutations, rng):
    pooled = np.concatenate([reference, current])
    observed = statistic(reference, current)
    count = 0
    for _ in range(num_permutations):
        order = {order}
        permuted = statistic(pooled[order[:{split}]], pooled[order[{split}:]])
        count += {compare}
    return float({result})
"""


MISTAKES = {
    "population_stability_index": {
        "bins at the current window's quantiles": _psi(edges="np.quantile(current, np.arange(1, bins) / bins)"),
        "bins at the pooled sample's quantiles": _psi(
            edges="np.quantile(np.concatenate([reference, current]), np.arange(1, bins) / bins)"),
        "equal-width bins between the reference's minimum and maximum": _psi(
            edges="np.linspace(reference.min(), reference.max(), bins + 1)[1:-1]"),
        "bins closed on the right (side='left')": _psi(side="left"),
        "adds epsilon to every share": _psi(floor="share + epsilon"),
        "no epsilon: empty bins give infinities": _psi(floor="share"),
        "only one direction of the KL divergence": _psi(formula="c * np.log(c / r)"),
        "log base 10": _psi(formula="(c - r) * np.log10(c / r)"),
        "ignores values outside the reference's range (np.histogram on its range)": """
def population_stability_index(reference, current, bins=10, epsilon=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))
    r = np.maximum(np.histogram(reference, edges)[0] / len(reference), epsilon)
    c = np.maximum(np.histogram(current, edges)[0] / len(current), epsilon)
    return float(np.sum((c - r) * np.log(c / r)))
""",
        "divides both counts by the reference's size": """
def population_stability_index(reference, current, bins=10, epsilon=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(reference, np.arange(1, bins) / bins)
    r = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=bins) / len(reference)
    c = np.bincount(np.searchsorted(edges, current, side="right"), minlength=bins) / len(reference)
    r, c = np.maximum(r, epsilon), np.maximum(c, epsilon)
    return float(np.sum((c - r) * np.log(c / r)))
""",
        "returns a NumPy array": """
def population_stability_index(reference, current, bins=10, epsilon=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(reference, np.arange(1, bins) / bins)
    r = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=bins) / len(reference)
    c = np.bincount(np.searchsorted(edges, current, side="right"), minlength=bins) / len(current)
    r, c = np.maximum(r, epsilon), np.maximum(c, epsilon)
    return np.array([np.sum((c - r) * np.log(c / r))])
""",
    },
    "ks_two_sample": {
        "counts values <= x in one sample and < x in the other: ties go wrong": """
def ks_two_sample(a, b):
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    pooled = np.concatenate([a, b])
    gaps = np.searchsorted(a, pooled, side="right") / len(a) - np.searchsorted(b, pooled, side="left") / len(b)
    statistic = float(np.max(np.abs(gaps)))
    return statistic, float(np.clip(stats.kstwo.sf(statistic, round(len(a) * len(b) / (len(a) + len(b)))), 0, 1))
""",
        "signed gap: misses the case where b's distribution function is above": _ks(gap="np.max(gaps)"),
        "evaluates the gap only at the first sample's points": _ks(points="a"),
        "Kolmogorov's limiting distribution instead of scipy's refinement": _ks(
            p_value="stats.kstwobign.sf(math.sqrt(len(a) * len(b) / (len(a) + len(b))) * statistic)"),
        "effective size m + n": _ks(p_value="stats.kstwo.sf(statistic, len(a) + len(b))"),
        "truncates the effective size instead of rounding": _ks(
            p_value="stats.kstwo.sf(statistic, int(len(a) * len(b) / (len(a) + len(b))))"),
        "rounds halves up": _ks(
            p_value="stats.kstwo.sf(statistic, math.floor(len(a) * len(b) / (len(a) + len(b)) + 0.5))"),
        "the exact p-value (ks_2samp's default) instead of the asymptotic one": """
def ks_two_sample(a, b):
    result = stats.ks_2samp(a, b)
    return float(result.statistic), float(result.pvalue)
""",
        "sorts the inputs in place": """
def ks_two_sample(a, b):
    a.sort()
    b.sort()
    pooled = np.concatenate([a, b])
    gaps = np.searchsorted(a, pooled, side="right") / len(a) - np.searchsorted(b, pooled, side="right") / len(b)
    statistic = float(np.max(np.abs(gaps)))
    return statistic, float(np.clip(stats.kstwo.sf(statistic, round(len(a) * len(b) / (len(a) + len(b)))), 0, 1))
""",
        "forgets to sort before searchsorted": """
def ks_two_sample(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pooled = np.concatenate([a, b])
    gaps = np.searchsorted(a, pooled, side="right") / len(a) - np.searchsorted(b, pooled, side="right") / len(b)
    statistic = float(np.max(np.abs(gaps)))
    return statistic, float(np.clip(stats.kstwo.sf(statistic, round(len(a) * len(b) / (len(a) + len(b)))), 0, 1))
""",
    },
    "permutation_p_value": {
        "no +1: the p-value can be 0": _permutation(result="count / num_permutations"),
        "+1 only in the denominator": _permutation(result="count / (1 + num_permutations)"),
        "strictly larger: ties are not counted": _permutation(compare="permuted > observed"),
        "the wrong tail": _permutation(compare="permuted <= observed"),
        "splits at the current sample's size": _permutation(split="len(current)"),
        "bootstrap: draws with replacement": _permutation(order="rng.integers(0, len(pooled), len(pooled))"),
        "NumPy's global random numbers instead of rng": _permutation(order="np.random.permutation(len(pooled))"),
        "a new generator inside the function": _permutation(
            order="np.random.default_rng().permutation(len(pooled))"),
        "shuffles the numbers inside the rows too": """
def permutation_p_value(reference, current, statistic, num_permutations, rng):
    pooled = np.concatenate([reference, current])
    observed = statistic(reference, current)
    count = 0
    for _ in range(num_permutations):
        shuffled = rng.permutation(pooled.ravel()).reshape(pooled.shape)
        count += statistic(shuffled[:len(reference)], shuffled[len(reference):]) >= observed
    return float((1 + count) / (1 + num_permutations))
""",
        "shuffles the reference in place": """
def permutation_p_value(reference, current, statistic, num_permutations, rng):
    observed = statistic(reference, current)
    count = 0
    for _ in range(num_permutations):
        pooled = np.concatenate([reference, current])
        rng.shuffle(pooled)
        rng.shuffle(reference)
        count += statistic(pooled[:len(reference)], pooled[len(reference):]) >= observed
    return float((1 + count) / (1 + num_permutations))
""",
    },
}

FAMILY_EXEMPTIONS = {
    "ks_two_sample": {"swaps `a` and `b`": "the two-sample KS statistic and its p-value are symmetric in the samples"},
}
