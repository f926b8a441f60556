"""Typical wrong answers for 6_llms/04_pretraining_and_scaling_laws. Each must be rejected by its check cell."""

MISTAKES = {
    "training_flops": {
        "counts the forward pass only (2 FLOPs per weight per token)": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (4 * width * width + 2 * width * config.hidden_size) + width * config.vocab_size
    return 2 * weights * num_tokens
""",
        "assumes a feed-forward width of 4 d instead of config.hidden_size": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (4 * width * width + 8 * width * width) + width * config.vocab_size
    return 6 * weights * num_tokens
""",
        "forgets the output layer": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (4 * width * width + 2 * width * config.hidden_size)
    return 6 * weights * num_tokens
""",
        "uses every parameter (embeddings, biases, layer norms) as N": """
def training_flops(config, num_tokens):
    return 6 * gpt.GPT(config).num_parameters() * num_tokens
""",
        "counts one d x d matrix for the query/key/value projection instead of d x 3d": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (2 * width * width + 2 * width * config.hidden_size) + width * config.vocab_size
    return 6 * weights * num_tokens
""",
        "returns a float instead of an int": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (4 * width * width + 2 * width * config.hidden_size) + width * config.vocab_size
    return 6.0 * weights * num_tokens
""",
        "counts the feed-forward network once (one matrix instead of two)": """
def training_flops(config, num_tokens):
    width = config.embedding_size
    weights = config.num_layers * (4 * width * width + width * config.hidden_size) + width * config.vocab_size
    return 6 * weights * num_tokens
""",
    },
    "fit_power_law": {
        "fits a straight line to x and y themselves, not to their logs": """
def fit_power_law(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    return float(intercept), float(slope)
""",
        "returns the log of the coefficient": """
def fit_power_law(x, y):
    exponent, log_coefficient = np.polyfit(np.log(x), np.log(y), 1)
    return float(log_coefficient), float(exponent)
""",
        "returns (exponent, coefficient)": """
def fit_power_law(x, y):
    exponent, log_coefficient = np.polyfit(np.log(x), np.log(y), 1)
    return float(exponent), float(np.exp(log_coefficient))
""",
        "takes log10 but undoes it with exp": """
def fit_power_law(x, y):
    exponent, log_coefficient = np.polyfit(np.log10(x), np.log10(y), 1)
    return float(np.exp(log_coefficient)), float(exponent)
""",
        "fits a line through the origin (no intercept)": """
def fit_power_law(x, y):
    log_x, log_y = np.log(x), np.log(y)
    exponent = np.sum(log_x * log_y) / np.sum(log_x**2)
    return 1.0, float(exponent)
""",
        "the slope from the two end points only": """
def fit_power_law(x, y):
    log_x, log_y = np.log(x), np.log(y)
    exponent = (log_y[-1] - log_y[0]) / (log_x[-1] - log_x[0])
    return float(np.exp(log_y[0] - exponent * log_x[0])), float(exponent)
""",
        "regresses log x on log y and inverts the slope": """
def fit_power_law(x, y):
    inverse, intercept = np.polyfit(np.log(y), np.log(x), 1)
    exponent = 1 / inverse
    return float(np.exp(-intercept / inverse)), float(exponent)
""",
        "returns NumPy arrays instead of floats": """
def fit_power_law(x, y):
    exponent, log_coefficient = np.polyfit(np.log(x), np.log(y), 1)
    return np.array([np.exp(log_coefficient)]), np.array([exponent])
""",
    },
}
