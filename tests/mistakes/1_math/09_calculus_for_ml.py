"""Typical wrong answers for 1_math/09_calculus_for_ml. Each must be rejected by its check cell."""

MISTAKES = {
    "chain_rule_derivative": {
        "forgets the sigmoid's derivative (skips a link of the chain)": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    return 2 * (activation - y) * x, 2 * (activation - y)
""",
        "sigmoid derivative taken as sigmoid(z) instead of sigmoid(z)(1 - sigmoid(z))": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    dloss_dz = 2 * (activation - y) * activation
    return dloss_dz * x, dloss_dz
""",
        "applies z(1 - z) to the pre-activation z instead of to sigmoid(z)": """
def chain_rule_derivative(w, b, x, y):
    z = w * x + b
    dloss_dz = 2 * (sigmoid(z) - y) * z * (1 - z)
    return dloss_dz * x, dloss_dz
""",
        "forgets the factor 2 from the square": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    dloss_dz = (activation - y) * activation * (1 - activation)
    return dloss_dz * x, dloss_dz
""",
        "forgets the inner derivative x for w": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    dloss_dz = 2 * (activation - y) * activation * (1 - activation)
    return dloss_dz, dloss_dz
""",
        "sign flipped: (y - a) instead of (a - y)": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    dloss_dz = 2 * (y - activation) * activation * (1 - activation)
    return dloss_dz * x, dloss_dz
""",
        "sigmoid derivative written with exponentials: inf / inf = NaN when saturated": """
def chain_rule_derivative(w, b, x, y):
    z = w * x + b
    with np.errstate(over="ignore", invalid="ignore"):
        dloss_dz = 2 * (sigmoid(z) - y) * np.exp(-z) / (1 + np.exp(-z)) ** 2
    return dloss_dz * x, dloss_dz
""",
        "multiplies dL/db by x too": """
def chain_rule_derivative(w, b, x, y):
    activation = sigmoid(w * x + b)
    dloss_dz = 2 * (activation - y) * activation * (1 - activation)
    return dloss_dz * x, dloss_dz * x
""",
    },
    "numerical_jacobian": {
        "returns the transpose (inputs as rows)": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_inputs, num_outputs))
    for column in range(num_inputs):
        step = np.zeros(num_inputs)
        step[column] = h
        jacobian[column, :] = (np.atleast_1d(f(x + step)) - np.atleast_1d(f(x - step))) / (2 * h)
    return jacobian
""",
        "forward difference (error of order h)": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs):
        step = np.zeros(num_inputs)
        step[column] = h
        jacobian[:, column] = (np.atleast_1d(f(x + step)) - np.atleast_1d(f(x))) / h
    return jacobian
""",
        "perturbs every coordinate at once": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs):
        jacobian[:, column] = (np.atleast_1d(f(x + h)) - np.atleast_1d(f(x - h))) / (2 * h)
    return jacobian
""",
        "divides by h instead of 2h": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs):
        step = np.zeros(num_inputs)
        step[column] = h
        jacobian[:, column] = (np.atleast_1d(f(x + step)) - np.atleast_1d(f(x - step))) / h
    return jacobian
""",
        "moves x in place and forgets to put it back": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs):
        x[column] += h
        plus = np.atleast_1d(f(x))
        x[column] -= 2 * h
        minus = np.atleast_1d(f(x))
        jacobian[:, column] = (plus - minus) / (2 * h)
    return jacobian
""",
        "uses a fixed step of 1e-5 instead of h": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs):
        step = np.zeros(num_inputs)
        step[column] = 1e-5
        jacobian[:, column] = (np.atleast_1d(f(x + step)) - np.atleast_1d(f(x - step))) / 2e-5
    return jacobian
""",
        "skips the last column (off by one)": """
def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    num_outputs, num_inputs = np.atleast_1d(f(x)).size, x.size
    jacobian = np.zeros((num_outputs, num_inputs))
    for column in range(num_inputs - 1):
        step = np.zeros(num_inputs)
        step[column] = h
        jacobian[:, column] = (np.atleast_1d(f(x + step)) - np.atleast_1d(f(x - step))) / (2 * h)
    return jacobian
""",
    },
    "gradient_descent": {
        "climbs: adds the gradient (gradient ascent)": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = [position.copy()]
    for _ in range(num_steps):
        position = position + learning_rate * grad(position)
        path.append(position.copy())
    return np.array(path)
""",
        "path leaves out the start (num_steps rows)": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = []
    for _ in range(num_steps):
        position = position - learning_rate * grad(position)
        path.append(position.copy())
    return np.array(path)
""",
        "updates in place and appends the same array every time": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = [position.copy()]
    for _ in range(num_steps):
        position -= learning_rate * grad(position)
        path.append(position)
    return np.array(path)
""",
        "one step too many (off by one)": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = [position.copy()]
    for _ in range(num_steps + 1):
        position = position - learning_rate * grad(position)
        path.append(position.copy())
    return np.array(path)
""",
        "returns only the final position": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    for _ in range(num_steps):
        position = position - learning_rate * grad(position)
    return position
""",
        "uses the gradient at the start for every step": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = [position.copy()]
    gradient = grad(position)
    for _ in range(num_steps):
        position = position - learning_rate * gradient
        path.append(position.copy())
    return np.array(path)
""",
        "appends before updating: the start twice, the last position missing": """
def gradient_descent(grad, start, learning_rate, num_steps):
    position = np.array(start, dtype=float)
    path = [position.copy()]
    for _ in range(num_steps):
        path.append(position.copy())
        position = position - learning_rate * grad(position)
    return np.array(path)
""",
    },
}
