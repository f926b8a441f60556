"""Typical wrong answers for 1_math/02_vectors_and_gradients. Each must be rejected by its check cell."""

MISTAKES = {
    "norms": {
        "L1 without absolute values": """
def norms(v):
    v = np.asarray(v, dtype=float)
    return {"l1": np.sum(v), "l2": np.sqrt(np.sum(v**2)), "max": np.max(np.abs(v))}
""",
        "L2 without the square root": """
def norms(v):
    v = np.asarray(v, dtype=float)
    return {"l1": np.sum(np.abs(v)), "l2": np.sum(v**2), "max": np.max(np.abs(v))}
""",
        "max without absolute values": """
def norms(v):
    v = np.asarray(v, dtype=float)
    return {"l1": np.sum(np.abs(v)), "l2": np.sqrt(np.sum(v**2)), "max": np.max(v)}
""",
        "max norm keeps the sign of the largest entry": """
def norms(v):
    v = np.asarray(v, dtype=float)
    return {"l1": np.sum(np.abs(v)), "l2": np.sqrt(np.sum(v**2)), "max": v[np.argmax(np.abs(v))]}
""",
        "returns a tuple instead of a dict": """
def norms(v):
    v = np.asarray(v, dtype=float)
    return np.sum(np.abs(v)), np.sqrt(np.sum(v**2)), np.max(np.abs(v))
""",
    },
    "cosine_similarity": {
        "the dot product, not normalised": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a @ b
""",
        "divides by the squared lengths": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    lengths = (a @ a) * (b @ b)
    return 0.0 if lengths == 0 else (a @ b) / lengths
""",
        "returns the angle instead of its cosine": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    lengths = np.linalg.norm(a) * np.linalg.norm(b)
    return 0.0 if lengths == 0 else np.arccos((a @ b) / lengths)
""",
        "no guard for the zero vector (0 / 0 = NaN)": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a @ b) / (np.linalg.norm(a) * np.linalg.norm(b))
""",
        "uses L1 lengths": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    lengths = np.sum(np.abs(a)) * np.sum(np.abs(b))
    return 0.0 if lengths == 0 else (a @ b) / lengths
""",
        "divides by the length of a twice (forgets b's length)": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    length = np.sqrt(a @ a)
    return 0.0 if length == 0 else (a @ b) / (length * length)
""",
        "guards only a against the zero vector (b = 0 gives NaN)": """
def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if not a.any():
        return 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a @ b) / (np.sqrt(a @ a) * np.sqrt(b @ b))
""",
    },
    "projection": {
        "divides by the length of b, not its square": """
def projection(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return (a @ b) / np.linalg.norm(b) * b
""",
        "projects b onto a (arguments swapped)": """
def projection(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return (a @ b) / (a @ a) * a
""",
        "returns the coefficient, not the vector": """
def projection(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return (a @ b) / (b @ b)
""",
        "scales a instead of b": """
def projection(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return (a @ b) / (b @ b) * a
""",
        "returns the leftover a - proj instead of the projection": """
def projection(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a - (a @ b) / (b @ b) * b
""",
    },
    "numerical_gradient": {
        "forward differences instead of central": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = h
        gradient[i] = (f(x + step) - f(x)) / h
    return gradient
""",
        "divides by h instead of 2h": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = h
        gradient[i] = (f(x + step) - f(x - step)) / h
    return gradient
""",
        "nudges every coordinate at once": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size):
        gradient[i] = (f(x + h) - f(x - h)) / (2 * h)
    return gradient
""",
        "nudges in place and never puts the coordinate back": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size):
        x[i] += h
        above = f(x)
        x[i] -= 2 * h
        below = f(x)
        gradient[i] = (above - below) / (2 * h)
    return gradient
""",
        "skips the last coordinate (off by one)": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size - 1):
        step = np.zeros_like(x)
        step[i] = h
        gradient[i] = (f(x + step) - f(x - step)) / (2 * h)
    return gradient
""",
        "uses a fixed step of 1e-5 instead of h": """
def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = 1e-5
        gradient[i] = (f(x + step) - f(x - step)) / 2e-5
    return gradient
""",
    },
}

FAMILY_EXEMPTIONS = {
    "cosine_similarity": {
        "swaps `a` and `b`": "cosine similarity is symmetric: a · b / (|a| |b|) is the same number for (b, a)",
    },
}
