"""Typical wrong answers for 1_math/06_probability_and_distributions. Each must be rejected by its check cell."""

MISTAKES = {
    "normal_pdf": {
        "forgets the 2 in the exponent": """
def normal_pdf(x, mean, std):
    return np.exp(-((x - mean) ** 2) / std**2) / (std * np.sqrt(2 * np.pi))
""",
        "divides by the std, not the variance, in the exponent": """
def normal_pdf(x, mean, std):
    return np.exp(-((x - mean) ** 2) / (2 * std)) / (std * np.sqrt(2 * np.pi))
""",
        "leaves std out of the normalising constant": """
def normal_pdf(x, mean, std):
    return np.exp(-((x - mean) ** 2) / (2 * std**2)) / np.sqrt(2 * np.pi)
""",
        "normalises by sqrt(2 pi std) instead of std sqrt(2 pi)": """
def normal_pdf(x, mean, std):
    return np.exp(-((x - mean) ** 2) / (2 * std**2)) / np.sqrt(2 * np.pi * std)
""",
        "forgets the minus sign in the exponent": """
def normal_pdf(x, mean, std):
    return np.exp(((x - mean) ** 2) / (2 * std**2)) / (std * np.sqrt(2 * np.pi))
""",
        "operator precedence: / 2 * std**2 multiplies by the variance": """
def normal_pdf(x, mean, std):
    return np.exp(-((x - mean) ** 2) / 2 * std**2) / (std * np.sqrt(2 * np.pi))
""",
        "math.exp: works for a number, fails for arrays": """
import math

def normal_pdf(x, mean, std):
    return math.exp(-((x - mean) ** 2) / (2 * std**2)) / (std * math.sqrt(2 * math.pi))
""",
    },
    "binomial_pmf": {
        "forgets the binomial coefficient": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    return p**k * (1 - p) ** (n - k)
""",
        "uses (1 - p)^k instead of (1 - p)^(n - k)": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    return scipy.special.comb(n, k) * p**k * (1 - p) ** k
""",
        "swaps the exponents of p and 1 - p": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    return scipy.special.comb(n, k) * p ** (n - k) * (1 - p) ** k
""",
        "counts ordered arrangements (permutations) instead of combinations": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    return scipy.special.perm(n, k) * p**k * (1 - p) ** (n - k)
""",
        "math.comb: works for an int k, fails for arrays": """
import math

def binomial_pmf(k, n, p):
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)
""",
        "comb(k, n): the arguments of the binomial coefficient swapped": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    return scipy.special.comb(k, n) * p**k * (1 - p) ** (n - k)
""",
        "in log space: log(0) turns the certain coins p = 0 and p = 1 into NaN": """
def binomial_pmf(k, n, p):
    k = np.asarray(k)
    log_comb = scipy.special.gammaln(n + 1) - scipy.special.gammaln(k + 1) - scipy.special.gammaln(n - k + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(log_comb + k * np.log(p) + (n - k) * np.log(1 - p))
""",
    },
    "monte_carlo_mean": {
        "biased standard deviation (ddof=0)": """
def monte_carlo_mean(sampler, n):
    samples = np.asarray(sampler(n), dtype=float)
    return samples.mean(), samples.std() / np.sqrt(n)
""",
        "divides by n instead of sqrt(n)": """
def monte_carlo_mean(sampler, n):
    samples = np.asarray(sampler(n), dtype=float)
    return samples.mean(), samples.std(ddof=1) / n
""",
        "returns the standard deviation of the samples, not of the mean": """
def monte_carlo_mean(sampler, n):
    samples = np.asarray(sampler(n), dtype=float)
    return samples.mean(), samples.std(ddof=1)
""",
        "returns only the estimate": """
def monte_carlo_mean(sampler, n):
    return np.mean(sampler(n))
""",
        "calls sampler(1) n times instead of sampler(n) once": """
def monte_carlo_mean(sampler, n):
    samples = np.array([sampler(1)[0] for _ in range(n)], dtype=float)
    return samples.mean(), samples.std(ddof=1) / np.sqrt(n)
""",
        "calls the sampler twice: the error bar is computed from other samples": """
def monte_carlo_mean(sampler, n):
    return np.mean(sampler(n)), np.std(sampler(n), ddof=1) / np.sqrt(n)
""",
        "returns a list instead of a tuple": """
def monte_carlo_mean(sampler, n):
    samples = np.asarray(sampler(n), dtype=float)
    return [samples.mean(), samples.std(ddof=1) / np.sqrt(n)]
""",
    },
    "posterior_probability": {
        "confuses P(D | +) with P(+ | D): returns the sensitivity": """
def posterior_probability(prior, sensitivity, specificity):
    return sensitivity + 0 * prior
""",
        "uses the specificity as the false-positive rate": """
def posterior_probability(prior, sensitivity, specificity):
    true_positive = sensitivity * prior
    false_positive = specificity * (1 - prior)
    return true_positive / (true_positive + false_positive)
""",
        "ignores the prior (base-rate fallacy)": """
def posterior_probability(prior, sensitivity, specificity):
    return sensitivity / (sensitivity + (1 - specificity))
""",
        "returns P(+), the probability of a positive test": """
def posterior_probability(prior, sensitivity, specificity):
    return sensitivity * prior + (1 - specificity) * (1 - prior)
""",
        "uses 1 - sensitivity as the false-positive rate": """
def posterior_probability(prior, sensitivity, specificity):
    true_positive = sensitivity * prior
    false_positive = (1 - sensitivity) * (1 - prior)
    return true_positive / (true_positive + false_positive)
""",
    },
}

FAMILY_EXEMPTIONS = {
    "normal_pdf": {
        "swaps `x` and `mean`": "the density depends on x and mean only through (x - mean)²: symmetric in them",
    },
}
