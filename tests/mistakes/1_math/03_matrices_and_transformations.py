"""Typical wrong answers for 1_math/03_matrices_and_transformations. Each must be rejected by its check cell."""

MISTAKES = {
    "matmul": {
        "fills the transposed result": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if B.shape[0] != A.shape[1]:
        raise ValueError(f"cannot multiply {A.shape} and {B.shape}")
    result = np.zeros((B.shape[1], A.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            result[j, i] = sum(A[i, k] * B[k, j] for k in range(A.shape[1]))
    return result
""",
        "element-wise product instead of the matrix product": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if B.shape[0] != A.shape[1]:
        raise ValueError(f"cannot multiply {A.shape} and {B.shape}")
    return A * B
""",
        "never checks the shapes (silently uses part of B)": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    result = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                result[i, j] += A[i, k] * B[k, j]
    return result
""",
        "inner loop stops one short (off by one)": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if B.shape[0] != A.shape[1]:
        raise ValueError(f"cannot multiply {A.shape} and {B.shape}")
    result = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1] - 1):
                result[i, j] += A[i, k] * B[k, j]
    return result
""",
        "running total not reset for each entry": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if B.shape[0] != A.shape[1]:
        raise ValueError(f"cannot multiply {A.shape} and {B.shape}")
    result = np.zeros((A.shape[0], B.shape[1]))
    total = 0.0
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                total += A[i, k] * B[k, j]
            result[i, j] = total
    return result
""",
        "raises ValueError without naming the shapes": """
def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if B.shape[0] != A.shape[1]:
        raise ValueError("the shapes do not match")
    result = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                result[i, j] += A[i, k] * B[k, j]
    return result
""",
    },
    "rotation_matrix": {
        "rotates clockwise (the transpose)": """
def rotation_matrix(theta):
    return np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])
""",
        "sine and cosine swapped": """
def rotation_matrix(theta):
    return np.array([[np.sin(theta), -np.cos(theta)], [np.cos(theta), np.sin(theta)]])
""",
        "treats theta as degrees": """
def rotation_matrix(theta):
    angle = np.radians(theta)
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
""",
        "returns a nested list, not an array": """
def rotation_matrix(theta):
    return [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]
""",
    },
    "signed_area": {
        "forgets the factor 1/2": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    x, y = vertices[:, 0], vertices[:, 1]
    return np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)
""",
        "forgets the wrap-around term (last corner to first)": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    x, y = vertices[:, 0], vertices[:, 1]
    return 0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])
""",
        "takes the absolute value (loses the orientation)": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    x, y = vertices[:, 0], vertices[:, 1]
    return abs(0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
""",
        "rolls the wrong way (sign flipped)": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    x, y = vertices[:, 0], vertices[:, 1]
    return 0.5 * np.sum(x * np.roll(y, 1) - np.roll(x, 1) * y)
""",
        "takes the mean of the terms instead of half their sum": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    x, y = vertices[:, 0], vertices[:, 1]
    return np.mean(x * np.roll(y, -1) - np.roll(x, -1) * y)
""",
        "reads the columns as (y, x): sign flipped": """
def signed_area(vertices):
    vertices = np.asarray(vertices, dtype=float)
    y, x = vertices[:, 0], vertices[:, 1]
    return 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)
""",
    },
    "fit_least_squares": {
        "forgets Xᵀ on the right-hand side": """
def fit_least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X, y)
""",
        "returns the predictions X w instead of the weights": """
def fit_least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return X @ np.linalg.solve(X.T @ X, X.T @ y)
""",
        "solves X w = y directly (only works for square X)": """
def fit_least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X, y)
""",
        "uses X Xᵀ instead of XᵀX": """
def fit_least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.lstsq(X @ X.T, y, rcond=None)[0][: X.shape[1]]
""",
        "divides only one side of the normal equations by n": """
def fit_least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X / len(X), X.T @ y)
""",
    },
}
