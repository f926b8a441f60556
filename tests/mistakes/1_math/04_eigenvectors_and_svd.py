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
        "iterates until converged instead of num_iterations steps": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    for _ in range(10_000):
        new = A @ vector
        new = new / np.linalg.norm(new)
        if np.allclose(new, vector, rtol=0, atol=1e-15):
            break
        vector = new
    return vector @ A @ vector, vector
""",
        "one step too few (range(num_iterations - 1))": """
def power_iteration(A, num_iterations=100, seed=0):
    A = np.asarray(A, dtype=float)
    vector = np.random.default_rng(seed).normal(size=A.shape[0])
    vector = vector / np.linalg.norm(vector)
    for _ in range(num_iterations - 1):
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
        "squares the singular values": """
def low_rank_approximation(U, S, Vt, k):
    return (U[:, :k] * S[:k] ** 2) @ Vt[:k]
""",
        "zeroes the dropped singular values in the caller's S": """
def low_rank_approximation(U, S, Vt, k):
    S[k:] = 0
    return (U * S) @ Vt
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
        "returns a float": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S**2) / np.sum(S**2)
    return min(np.searchsorted(kept, energy) + 1.0, len(S))
""",
        "no guard against rounding: returns len(S) + 1": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S**2) / np.sum(S**2)
    return int(np.searchsorted(kept, energy)) + 1
""",
        "argmax of kept >= energy: 1 when rounding keeps every share below the target": """
def energy_rank(S, energy):
    S = np.asarray(S, dtype=float)
    kept = np.cumsum(S**2) / np.sum(S**2)
    return int(np.argmax(kept >= energy)) + 1
""",
    },
}
