"""Typical wrong answers for 1_math/08_statistics_and_hypothesis_testing. Each must be rejected by its check cell."""

MISTAKES = {
    "sample_variance": {
        "divides by n (population variance)": """
def sample_variance(values):
    values = np.asarray(values, dtype=float)
    return np.sum((values - values.mean()) ** 2) / len(values)
""",
        "forgets to subtract the mean": """
def sample_variance(values):
    values = np.asarray(values, dtype=float)
    return np.sum(values**2) / (len(values) - 1)
""",
        "returns the standard deviation": """
def sample_variance(values):
    values = np.asarray(values, dtype=float)
    return np.sqrt(np.sum((values - values.mean()) ** 2) / (len(values) - 1))
""",
        "squares the sum of deviations instead of summing squares": """
def sample_variance(values):
    values = np.asarray(values, dtype=float)
    return np.sum(np.abs(values - values.mean())) ** 2 / (len(values) - 1)
""",
        "one-pass shortcut (sum of squares - n·mean²) / (n - 1): cancels away far from zero": """
def sample_variance(values):
    values = np.asarray(values, dtype=float)
    return (np.sum(values**2) - len(values) * values.mean() ** 2) / (len(values) - 1)
""",
    },
    "welch_t_test": {
        "pooled variance and n_a + n_b - 2 (Student's test, not Welch's)": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    n_a, n_b = len(first), len(second)
    pooled = ((n_a - 1) * first.var(ddof=1) + (n_b - 1) * second.var(ddof=1)) / (n_a + n_b - 2)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(pooled * (1 / n_a + 1 / n_b))
    dof = n_a + n_b - 2
    return t_statistic, dof, 2 * stats.t.sf(abs(t_statistic), dof)
""",
        "one-sided p-value (forgets the factor 2)": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, stats.t.sf(abs(t_statistic), dof)
""",
        "biased variances (ddof=0)": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = first.var() / len(first), second.var() / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, 2 * stats.t.sf(abs(t_statistic), dof)
""",
        "no absolute value in the tail: p > 1 when t < 0": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, 2 * stats.t.sf(t_statistic, dof)
""",
        "returns |t| (loses the direction)": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    t_statistic = abs(first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, 2 * stats.t.sf(t_statistic, dof)
""",
        "dof denominators use n instead of n - 1": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / len(first) + vb**2 / len(second))
    return t_statistic, dof, 2 * stats.t.sf(abs(t_statistic), dof)
""",
        "p-value from 1 - cdf: rounds to 0 far in the tail": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = sample_variance(first) / len(first), sample_variance(second) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, 2 * (1 - stats.t.cdf(abs(t_statistic), dof))
""",
        "normal tail instead of the t distribution": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = sample_variance(first) / len(first), sample_variance(second) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return t_statistic, dof, 2 * stats.norm.sf(abs(t_statistic))
""",
        "returns a list instead of a tuple": """
def welch_t_test(first, second):
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    va, vb = sample_variance(first) / len(first), sample_variance(second) / len(second)
    t_statistic = (first.mean() - second.mean()) / np.sqrt(va + vb)
    dof = (va + vb) ** 2 / (va**2 / (len(first) - 1) + vb**2 / (len(second) - 1))
    return [t_statistic, dof, 2 * stats.t.sf(abs(t_statistic), dof)]
""",
    },
    "chi_square_statistic": {
        "dof = rows * columns - 1 (goodness-of-fit dof)": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = np.sum((table - expected) ** 2 / expected)
    return chi2, table.size - 1, expected
""",
        "divides by the observed counts instead of the expected ones": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = np.sum((table - expected) ** 2 / table)
    return chi2, (table.shape[0] - 1) * (table.shape[1] - 1), expected
""",
        "expected counts not divided by the grand total": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0))
    chi2 = np.sum((table - expected) ** 2 / expected)
    return chi2, (table.shape[0] - 1) * (table.shape[1] - 1), expected
""",
        "multiplies the totals element-wise instead of with np.outer": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = table.sum(axis=1) * table.sum(axis=0) / table.sum()
    chi2 = np.sum((table - expected) ** 2 / expected)
    return chi2, (table.shape[0] - 1) * (table.shape[1] - 1), expected
""",
        "forgets to square the differences": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = np.sum(np.abs(table - expected) / expected)
    return chi2, (table.shape[0] - 1) * (table.shape[1] - 1), expected
""",
        "degrees of freedom as a float": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = np.sum((table - expected) ** 2 / expected)
    return chi2, (table.shape[0] - 1.0) * (table.shape[1] - 1.0), expected
""",
        "Yates' continuity correction (not asked for)": """
def chi_square_statistic(table):
    table = np.asarray(table, dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = np.sum((np.abs(table - expected) - 0.5) ** 2 / expected)
    return chi2, (table.shape[0] - 1) * (table.shape[1] - 1), expected
""",
    },
}
