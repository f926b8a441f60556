"""Typical wrong answers for 1_math/05_pca_from_scratch. Each must be rejected by its check cell."""

MISTAKES = {
    "covariance_matrix": {
        "divides by N instead of N - 1 (biased)": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    return centred.T @ centred / len(X)
""",
        "forgets to centre the data": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    return X.T @ X / (len(X) - 1)
""",
        "X X^T: an N x N matrix instead of D x D": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    return centred @ centred.T / (len(X) - 1)
""",
        "centres each row (axis=1) instead of each column": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=1, keepdims=True)
    return centred.T @ centred / (len(X) - 1)
""",
        "np.cov without rowvar=False treats rows as variables": """
def covariance_matrix(X):
    return np.cov(X)
""",
        "one-pass shortcut (XᵀX - N·mean meanᵀ) / (N - 1): loses digits far from the origin": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    return (X.T @ X - len(X) * np.outer(mean, mean)) / (len(X) - 1)
""",
        "squeezes the result: a single feature gives a number, not a 1 × 1 matrix": """
def covariance_matrix(X):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    return np.squeeze(centred.T @ centred / (len(X) - 1))
""",
    },
    "principal_components": {
        "keeps eigh's ascending order: the smallest components": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    return eigenvectors[:, :k].T, eigenvalues[:k]
""",
        "returns eigenvectors as columns (D, k), not rows": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order], eigenvalues[order]
""",
        "takes rows of the eigenvector matrix instead of columns": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[order], eigenvalues[order]
""",
        "forgets to centre before the covariance": """
def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eigh(X.T @ X / (len(X) - 1))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[order]
""",
        "biased covariance (divides by N): variances too small": """
def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred / len(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[order]
""",
        "sorts the eigenvectors but not the eigenvalues": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[:k]
""",
        "returns the explained variance ratio instead of the variance": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[order] / eigenvalues.sum()
""",
        "centres the caller's X in place": """
def principal_components(X, k):
    X -= X.mean(axis=0)
    eigenvalues, eigenvectors = np.linalg.eigh(X.T @ X / (len(X) - 1))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[order]
""",
        "np.linalg.eig, trusting its order without sorting": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eig(covariance_matrix(X))
    return eigenvectors[:, :k].T, eigenvalues[:k]
""",
        "returns standard deviations (square roots of the eigenvalues)": """
def principal_components(X, k):
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, np.sqrt(eigenvalues[order])
""",
    },
    "project": {
        "forgets to subtract the mean": """
def project(X, components, mean):
    return X @ components.T
""",
        "adds the mean instead of subtracting it": """
def project(X, components, mean):
    return (X + mean) @ components.T
""",
        "multiplies by the components without transposing": """
def project(X, components, mean):
    return (X - mean) @ components
""",
        "centres with the mean of X instead of the given mean": """
def project(X, components, mean):
    return (X - X.mean(axis=0)) @ components.T
""",
    },
    "reconstruct": {
        "forgets to add the mean back": """
def reconstruct(scores, components, mean):
    return scores @ components
""",
        "subtracts the mean again": """
def reconstruct(scores, components, mean):
    return scores @ components - mean
""",
        "transposes the components": """
def reconstruct(scores, components, mean):
    return scores @ components.T + mean
""",
        "adds back the iris mean whatever mean it is given": """
def reconstruct(scores, components, mean):
    return scores @ components + iris_pca_2.mean_
""",
    },
}
