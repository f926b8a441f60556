"""Typical wrong answers for 1_math/04_eigenvectors_and_svd. Each must be rejected by its check cell."""

MISTAKES = {
    "power_iteration": {
        "eigenvalue as the length of A v (loses the sign)": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    for _ in range(num_iterations):
        vector = A @ vector
        vector = vector / np.linalg.norm(vector)
    return np.linalg.norm(A @ vector), vector
""",
        "normalises only once, at the end (overflows)": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(num_iterations):
            vector = A @ vector
        vector = vector / np.linalg.norm(vector)
        return vector @ A @ vector, vector
""",
        "multiplies by the transpose": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    for _ in range(num_iterations):
        vector = A.T @ vector
        vector = vector / np.linalg.norm(vector)
    return vector @ A @ vector, vector
""",
        "returns A v (not normalised) as the eigenvector": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    for _ in range(num_iterations):
        vector = A @ vector
        vector = vector / np.linalg.norm(vector)
    return vector @ A @ vector, A @ vector
""",
        "starts from the all-ones vector": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(num_iterations):
        vector = A @ vector
        vector = vector / np.linalg.norm(vector)
    return vector @ A @ vector, vector
""",
    },
    "low_rank_approximation": {
        "slices the columns of Vt instead of its rows": """
def low_rank_approximation(U, S, Vt, k):
    return (U[:, :k] * S[:k]) @ Vt[:, :k].T
""",
        "forgets the singular values": """
def low_rank_approximation(U, S, Vt, k):
    return U[:, :k] @ Vt[:k]
""",
        "keeps one layer too many (off by one)": """
def low_rank_approximation(U, S, Vt, k):
    return (U[:, :k + 1] * S[:k + 1]) @ Vt[:k + 1]
""",
        "keeps the last k layers (the smallest singular values)": """
def low_rank_approximation(U, S, Vt, k):
    r = len(S)
    return (U[:, r - k:] * S[r - k:]) @ Vt[r - k:]
""",
    },
    "energy_rank": {
        "uses the singular values, not their squares": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S) / np.sum(S)
    return int(np.searchsorted(kept, energy) + 1)
""",
        "returns a 0-based index (forgets + 1)": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S**2) / np.sum(S**2)
    return int(np.searchsorted(kept, energy))
""",
        "strictly more than the target (> instead of >=)": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S**2) / np.sum(S**2)
    return int(np.argmax(kept > energy) + 1)
""",
    },
}
