"""Typical wrong answers for 1_math/07_maximum_likelihood_and_map. Each must be rejected by its check cell."""

MISTAKES = {
    "bernoulli_log_likelihood": {
        "forgets the tails term": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    return np.sum(flips) * np.log(p)
""",
        "swaps p and 1 - p": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    return heads * np.log(1 - p) + (len(flips) - heads) * np.log(p)
""",
        "averages instead of summing": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    return (heads * np.log(p) + (len(flips) - heads) * np.log(1 - p)) / max(len(flips), 1)
""",
        "log base 10 instead of the natural log": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    return heads * np.log10(p) + (len(flips) - heads) * np.log10(1 - p)
""",
        "returns the likelihood, not its log": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    return p**heads * (1 - p) ** (len(flips) - heads)
""",
        "log of the likelihood: the product underflows to 0 for many flips": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    with np.errstate(divide="ignore"):
        return np.log(p**heads * (1 - p) ** (len(flips) - heads))
""",
        "negative log-likelihood (a loss, not a likelihood)": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    heads = np.sum(flips)
    return -(heads * np.log(p) + (len(flips) - heads) * np.log(1 - p))
""",
        "sums element-wise over flips: breaks for an array of p": """
def bernoulli_log_likelihood(p, flips):
    flips = np.asarray(flips)
    return np.sum(flips * np.log(p) + (1 - flips) * np.log(1 - p))
""",
    },
    "gaussian_mle": {
        "unbiased variance (divides by n - 1), not the MLE": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    return samples.mean(), samples.var(ddof=1)
""",
        "returns the standard deviation instead of the variance": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    return samples.mean(), samples.std()
""",
        "mean of squares without centring": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    return samples.mean(), np.mean(samples**2)
""",
        "median instead of mean": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    return np.median(samples), np.mean((samples - np.median(samples)) ** 2)
""",
        "one-pass variance mean(x²) - mean²: cancels away far from zero": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    mean = samples.mean()
    return mean, np.mean(samples**2) - mean**2
""",
        "returns a list instead of a tuple": """
def gaussian_mle(samples):
    samples = np.asarray(samples, dtype=float)
    return [samples.mean(), samples.var()]
""",
    },
    "beta_map": {
        "posterior mean instead of the mode (no -1, -2)": """
def beta_map(heads, tails, alpha, beta):
    return (alpha + heads) / (alpha + beta + heads + tails)
""",
        "swaps alpha and beta": """
def beta_map(heads, tails, alpha, beta):
    return (beta + heads - 1) / (alpha + beta + heads + tails - 2)
""",
        "ignores the prior: returns the MLE": """
def beta_map(heads, tails, alpha, beta):
    return heads / (heads + tails)
""",
        "uses heads instead of n in the denominator": """
def beta_map(heads, tails, alpha, beta):
    return (alpha + heads - 1) / (alpha + beta + heads - 2)
""",
        "subtracts 1 instead of 2 in the denominator": """
def beta_map(heads, tails, alpha, beta):
    return (alpha + heads - 1) / (alpha + beta + heads + tails - 1)
""",
        "estimates the tails probability (beta and tails in the numerator)": """
def beta_map(heads, tails, alpha, beta):
    return (beta + tails - 1) / (alpha + beta + heads + tails - 2)
""",
    },
}
