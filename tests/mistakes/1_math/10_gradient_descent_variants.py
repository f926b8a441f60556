"""Typical wrong answers for 1_math/10_gradient_descent_variants. Each must be rejected by its check cell."""

MISTAKES = {
    "closed_form_line": {
        "no column of ones: the line is forced through the origin": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.sum(x * y) / np.sum(x * x)
    return slope, 0.0
""",
        "returns (intercept, slope): the order of the design columns reversed": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    design = np.column_stack([np.ones_like(x), x])
    first, second = np.linalg.solve(design.T @ design, design.T @ y)
    return first, second
""",
        "covariance with ddof=1 over variance with ddof=0": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.cov(x, y)[0, 1] / np.var(x)
    return slope, y.mean() - slope * x.mean()
""",
        "intercept sign error: mean(y) + m * mean(x)": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return slope, y.mean() + slope * x.mean()
""",
        "X X^T instead of X^T X": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    design = np.column_stack([x, np.ones_like(x)])
    slope, intercept = np.linalg.lstsq(design @ design.T, y, rcond=None)[0][:2]
    return slope, intercept
""",
        "slope = correlation coefficient (forgets the ratio of spreads)": """
def closed_form_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    slope = np.corrcoef(x, y)[0, 1]
    return slope, y.mean() - slope * x.mean()
""",
    },
    "mse_gradient": {
        "forgets the factor 2": """
def mse_gradient(m, b, x, y):
    residuals = m * x + b - y
    return np.mean(residuals * x), np.mean(residuals)
""",
        "sums instead of averaging": """
def mse_gradient(m, b, x, y):
    residuals = m * x + b - y
    return 2 * np.sum(residuals * x), 2 * np.sum(residuals)
""",
        "residual sign flipped (y - prediction)": """
def mse_gradient(m, b, x, y):
    residuals = y - (m * x + b)
    return 2 * np.mean(residuals * x), 2 * np.mean(residuals)
""",
        "forgets the factor x in dL/dm": """
def mse_gradient(m, b, x, y):
    residuals = m * x + b - y
    return 2 * np.mean(residuals), 2 * np.mean(residuals)
""",
        "returns (dL/db, dL/dm): swapped": """
def mse_gradient(m, b, x, y):
    residuals = m * x + b - y
    return 2 * np.mean(residuals), 2 * np.mean(residuals * x)
""",
        "returns per-example gradients instead of their mean": """
def mse_gradient(m, b, x, y):
    residuals = m * x + b - y
    return 2 * residuals * x, 2 * residuals
""",
    },
    "minibatch_sgd": {
        "one update per epoch (only the first mini-batch)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        batch = order[:batch_size]
        rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
        dm, db = mse_gradient(m, b, x[batch], y[batch])
        m, b = m - rate * dm, b - rate * db
        path.append((m, b))
        step += 1
    return np.array(path)
""",
        "drops the last, smaller mini-batch": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        for first in range(0, len(x) - batch_size + 1, batch_size):
            batch = order[first : first + batch_size]
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "forgets to shuffle (slices x in its stored order)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = np.arange(first, min(first + batch_size, len(x)))
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "uses the full-data gradient at every update": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x, y)
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "decays the learning rate per epoch instead of per update": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    for epoch in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        rate = learning_rate if decay_steps is None else learning_rate / (1 + epoch / decay_steps)
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
    return np.array(path)
""",
        "updates b with the already-updated m (sequential, not simultaneous)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            m = m - rate * mse_gradient(m, b, x[batch], y[batch])[0]
            b = b - rate * mse_gradient(m, b, x[batch], y[batch])[1]
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "no progress bar (a plain range over epochs)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    m, b = 0.0, 0.0
    path = [(m, b)]
    rng = np.random.default_rng(seed)
    step = 0
    for _ in range(num_epochs):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "always shows the bar (ignores progress)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    m, b = 0.0, 0.0
    path = [(m, b)]
    rng = np.random.default_rng(seed)
    step = 0
    for _ in tqdm(range(num_epochs)):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "a new generator every epoch: the same order each epoch": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "shuffles the caller's x and y in place": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    rng = np.random.default_rng(seed)
    m, b = 0.0, 0.0
    path = [(m, b)]
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        x[:], y[:] = x[order], y[order]
        for first in range(0, len(x), batch_size):
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[first : first + batch_size], y[first : first + batch_size])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
            step += 1
    return np.array(path)
""",
        "counts the update before computing its rate (1 + (t + 1)/τ)": """
def minibatch_sgd(x, y, batch_size, learning_rate, num_epochs, decay_steps=None, seed=0, progress=True):
    m, b = 0.0, 0.0
    path = [(m, b)]
    rng = np.random.default_rng(seed)
    step = 0
    for _ in tqdm(range(num_epochs), disable=not progress):
        order = rng.permutation(len(x))
        for first in range(0, len(x), batch_size):
            batch = order[first : first + batch_size]
            step += 1
            rate = learning_rate if decay_steps is None else learning_rate / (1 + step / decay_steps)
            dm, db = mse_gradient(m, b, x[batch], y[batch])
            m, b = m - rate * dm, b - rate * db
            path.append((m, b))
    return np.array(path)
""",
    },
}
