"""Typical wrong answers for 3_neural_networks/09_linear_and_logistic_regression. Each must be rejected."""

MISTAKES = {
    "least_squares_fit": {
        "forgets the intercept (the line through the origin)": """
def least_squares_fit(features, targets):
    weights, *_ = np.linalg.lstsq(features, targets, rcond=None)
    return weights, 0.0
""",
        "the intercept as the mean target, weights fitted without centring the features": """
def least_squares_fit(features, targets):
    weights, *_ = np.linalg.lstsq(features, targets - targets.mean(), rcond=None)
    return weights, float(targets.mean())
""",
        "centres the targets but not the features, and sets the intercept to the mean target": """
def least_squares_fit(features, targets):
    centred = features - features.mean(axis=0)
    weights, *_ = np.linalg.lstsq(centred, targets - targets.mean(), rcond=None)
    return weights, float(targets.mean())
""",
        "puts the column of ones first but reads the intercept from the end": """
def least_squares_fit(features, targets):
    design = np.column_stack([np.ones(len(features)), features])
    solution, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return solution[:-1], float(solution[-1])
""",
        "returns the whole solution vector as the weights": """
def least_squares_fit(features, targets):
    design = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return solution, float(solution[-1])
""",
        "returns the intercept as a length-1 array": """
def least_squares_fit(features, targets):
    design = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return solution[:-1], solution[-1:]
""",
        "returns a list instead of a tuple": """
def least_squares_fit(features, targets):
    design = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return [solution[:-1], float(solution[-1])]
""",
        "adds a small ridge to the normal equations": """
def least_squares_fit(features, targets):
    design = np.column_stack([features, np.ones(len(features))])
    solution = np.linalg.solve(design.T @ design + 0.1 * np.eye(design.shape[1]), design.T @ targets)
    return solution[:-1], float(solution[-1])
""",
    },
    "mse_gradient": {
        "forgets the factor 2": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights + intercept - targets
    return features.T @ residuals / len(targets), float(residuals.mean())
""",
        "sums instead of averaging": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights + intercept - targets
    return 2 * features.T @ residuals, float(2 * residuals.sum())
""",
        "residuals the wrong way round (targets - predictions)": """
def mse_gradient(features, targets, weights, intercept):
    residuals = targets - features @ weights - intercept
    return 2 * features.T @ residuals / len(targets), float(2 * residuals.mean())
""",
        "forgets the intercept in the residuals": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights - targets
    return 2 * features.T @ residuals / len(targets), float(2 * residuals.mean())
""",
        "the intercept gradient without the factor 2": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights + intercept - targets
    return 2 * features.T @ residuals / len(targets), float(residuals.mean())
""",
        "divides by the number of features instead of examples": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights + intercept - targets
    return 2 * features.T @ residuals / features.shape[1], float(2 * residuals.mean())
""",
        "returns (intercept gradient, weight gradient)": """
def mse_gradient(features, targets, weights, intercept):
    residuals = features @ weights + intercept - targets
    return float(2 * residuals.mean()), 2 * features.T @ residuals / len(targets)
""",
    },
    "log_loss": {
        "the naive formula with the log of the sigmoid": """
def log_loss(scores, labels):
    p = 1 / (1 + np.exp(-scores))
    return float(np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p)))
""",
        "the naive formula with probabilities clipped to [1e-15, 1 - 1e-15]": """
def log_loss(scores, labels):
    p = np.clip(1 / (1 + np.exp(-scores)), 1e-15, 1 - 1e-15)
    return float(np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p)))
""",
        "the naive formula with Keras's epsilon 1e-7": """
def log_loss(scores, labels):
    p = np.clip(expit(scores), 1e-7, 1 - 1e-7)
    return float(np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p)))
""",
        "log1p(exp(s)), which overflows for large scores": """
def log_loss(scores, labels):
    return float(np.mean(np.log1p(np.exp(scores)) - labels * scores))
""",
        "treats the labels as -1/+1 (log(1 + exp(-y s)))": """
def log_loss(scores, labels):
    return float(np.mean(np.logaddexp(0.0, -labels * scores)))
""",
        "the sign of the score flipped": """
def log_loss(scores, labels):
    return float(np.mean(np.logaddexp(0.0, -scores) - labels * scores))
""",
        "forgets the - y s term": """
def log_loss(scores, labels):
    return float(np.mean(np.logaddexp(0.0, scores)))
""",
        "sums instead of averaging": """
def log_loss(scores, labels):
    return float(np.sum(np.logaddexp(0.0, scores) - labels * scores))
""",
        "returns the loss of every example": """
def log_loss(scores, labels):
    return np.logaddexp(0.0, scores) - labels * scores
""",
        "log base 2": """
def log_loss(scores, labels):
    return float(np.mean(np.logaddexp2(0.0, scores / np.log(2)) - labels * scores / np.log(2)))
""",
    },
    "logistic_gradient": {
        "penalises the intercept too": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights + intercept) - labels
    return features.T @ errors / len(labels) + l2_strength * weights, float(errors.mean() + l2_strength * intercept)
""",
        "forgets the penalty": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights + intercept) - labels
    return features.T @ errors / len(labels), float(errors.mean())
""",
        "2 λ w (the derivative of λ||w||², not λ/2 ||w||²)": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights + intercept) - labels
    return features.T @ errors / len(labels) + 2 * l2_strength * weights, float(errors.mean())
""",
        "labels minus probabilities (the gradient of the likelihood, not the loss)": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = labels - expit(features @ weights + intercept)
    return features.T @ errors / len(labels) + l2_strength * weights, float(errors.mean())
""",
        "sums the data term instead of averaging": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights + intercept) - labels
    return features.T @ errors + l2_strength * weights, float(errors.sum())
""",
        "divides the penalty by n as well": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights + intercept) - labels
    return (features.T @ errors + l2_strength * weights) / len(labels), float(errors.mean())
""",
        "forgets the intercept in the scores": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = expit(features @ weights) - labels
    return features.T @ errors / len(labels) + l2_strength * weights, float(errors.mean())
""",
        "uses the score instead of the probability": """
def logistic_gradient(features, labels, weights, intercept, l2_strength):
    errors = features @ weights + intercept - labels
    return features.T @ errors / len(labels) + l2_strength * weights, float(errors.mean())
""",
    },
    "ridge_fit": {
        "penalises the intercept (alpha on the whole augmented diagonal)": """
def ridge_fit(features, targets, alpha):
    design = np.column_stack([features, np.ones(len(features))])
    solution = np.linalg.solve(design.T @ design + alpha * np.eye(design.shape[1]), design.T @ targets)
    return solution[:-1], float(solution[-1])
""",
        "forgets the intercept": """
def ridge_fit(features, targets, alpha):
    weights = np.linalg.solve(features.T @ features + alpha * np.eye(features.shape[1]), features.T @ targets)
    return weights, 0.0
""",
        "the mean-squared-error scaling (alpha times n)": """
def ridge_fit(features, targets, alpha):
    feature_means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - feature_means
    gram = centred.T @ centred + alpha * len(targets) * np.eye(features.shape[1])
    weights = np.linalg.solve(gram, centred.T @ (targets - target_mean))
    return weights, float(target_mean - feature_means @ weights)
""",
        "alpha / 2": """
def ridge_fit(features, targets, alpha):
    feature_means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - feature_means
    gram = centred.T @ centred + alpha / 2 * np.eye(features.shape[1])
    weights = np.linalg.solve(gram, centred.T @ (targets - target_mean))
    return weights, float(target_mean - feature_means @ weights)
""",
        "adds alpha to every entry of the matrix, not the diagonal (broadcasting)": """
def ridge_fit(features, targets, alpha):
    feature_means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - feature_means
    weights = np.linalg.solve(centred.T @ centred + alpha, centred.T @ (targets - target_mean))
    return weights, float(target_mean - feature_means @ weights)
""",
        "intercept = mean target (forgets - mean(x) . w)": """
def ridge_fit(features, targets, alpha):
    feature_means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - feature_means
    gram = centred.T @ centred + alpha * np.eye(features.shape[1])
    weights = np.linalg.solve(gram, centred.T @ (targets - target_mean))
    return weights, float(target_mean)
""",
        "standardises the features first (returns weights on another scale)": """
def ridge_fit(features, targets, alpha):
    feature_means, feature_stds, target_mean = features.mean(axis=0), features.std(axis=0), targets.mean()
    scaled = (features - feature_means) / feature_stds
    weights = np.linalg.solve(scaled.T @ scaled + alpha * np.eye(features.shape[1]), scaled.T @ (targets - target_mean))
    return weights, float(target_mean - (feature_means / feature_stds) @ weights)
""",
        "does not centre the features": """
def ridge_fit(features, targets, alpha):
    target_mean = targets.mean()
    gram = features.T @ features + alpha * np.eye(features.shape[1])
    weights = np.linalg.solve(gram, features.T @ (targets - target_mean))
    return weights, float(target_mean - features.mean(axis=0) @ weights)
""",
    },
    "soft_threshold": {
        "hard thresholding (keeps the value instead of shrinking it)": """
def soft_threshold(values, threshold):
    return np.where(np.abs(values) > threshold, values, 0.0)
""",
        "forgets the sign": """
def soft_threshold(values, threshold):
    return np.maximum(np.abs(values) - threshold, 0.0)
""",
        "shrinks without stopping at 0": """
def soft_threshold(values, threshold):
    return values - threshold * np.sign(values)
""",
        "clips to [-threshold, threshold] (the opposite operation)": """
def soft_threshold(values, threshold):
    return np.clip(values, -threshold, threshold)
""",
        "only handles positive values": """
def soft_threshold(values, threshold):
    return np.maximum(values - threshold, 0.0)
""",
        "changes the array in place": """
def soft_threshold(values, threshold):
    if isinstance(values, np.ndarray):
        values *= 1.0
        values[:] = np.sign(values) * np.maximum(np.abs(values) - threshold, 0.0)
        return values
    return float(np.sign(values) * max(abs(values) - threshold, 0.0))
""",
        "returns a list": """
def soft_threshold(values, threshold):
    return (np.sign(values) * np.maximum(np.abs(values) - threshold, 0.0)).tolist()
""",
    },
    "lasso_coordinate_descent": {
        "threshold alpha / 2 (the (1/n) scaling instead of 1/(2n))": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha / 2) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "threshold n * alpha (a summed loss)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0)
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual + scales[j] * weights[j]
            new = soft_threshold(rho, n * alpha * 2) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "assumes standardised columns (forgets to divide by z_j)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + weights[j]
            new = soft_threshold(rho, alpha)
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "updates every coordinate from the residual at the start of the sweep (Jacobi, not cyclic)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights = np.zeros(d)
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        residual = targets - target_mean - centred @ weights
        new_weights = weights.copy()
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new_weights[j] = soft_threshold(rho, alpha) / scales[j]
        weights = new_weights
    return weights, float(target_mean - means @ weights)
""",
        "z_j with the sample variance (divides by n - 1)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = features.var(axis=0, ddof=1)
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "never updates the residual": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            weights[j] = soft_threshold(rho, alpha) / scales[j]
    return weights, float(target_mean - means @ weights)
""",
        "does not centre (no intercept)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    n, d = features.shape
    weights, residual = np.zeros(d), targets.astype(float).copy()
    scales = (features**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = features[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= features[:, j] * (new - weights[j])
            weights[j] = new
    return weights, 0.0
""",
        "penalises the intercept (a column of ones as one more coordinate)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    design = np.column_stack([features, np.ones(len(features))])
    n, d = design.shape
    weights, residual = np.zeros(d), targets.astype(float).copy()
    scales = (design**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = design[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= design[:, j] * (new - weights[j])
            weights[j] = new
    return weights[:-1], float(weights[-1])
""",
        "intercept = mean target (forgets - mean(x) . w)": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean)
""",
        "hard thresholding": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = (rho if abs(rho) > alpha else 0.0) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "sweeps the coordinates backwards": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps):
        for j in reversed(range(d)):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
        "one sweep too many": """
def lasso_coordinate_descent(features, targets, alpha, num_sweeps):
    means, target_mean = features.mean(axis=0), targets.mean()
    centred = features - means
    n, d = features.shape
    weights, residual = np.zeros(d), targets - target_mean
    scales = (centred**2).sum(axis=0) / n
    for _ in range(num_sweeps + 1):
        for j in range(d):
            rho = centred[:, j] @ residual / n + scales[j] * weights[j]
            new = soft_threshold(rho, alpha) / scales[j]
            residual -= centred[:, j] * (new - weights[j])
            weights[j] = new
    return weights, float(target_mean - means @ weights)
""",
    },
}
