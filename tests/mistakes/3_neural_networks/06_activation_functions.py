"""Typical wrong answers for 3_neural_networks/06_activation_functions. Each must be rejected by its check cell."""

MISTAKES = {
    "sigmoid": {
        "exp(x) / (1 + exp(x)): inf / inf = NaN at x = 1000": """
def sigmoid(x):
    return torch.exp(x) / (1 + torch.exp(x))
""",
        "1 - sigmoid(-x) for negative x: tiny values round to 0": """
def sigmoid(x):
    return torch.where(x >= 0, 1 / (1 + torch.exp(-x.abs())), 1 - 1 / (1 + torch.exp(-x.abs())))
""",
        "the sign flipped: 1 / (1 + exp(x))": """
def sigmoid(x):
    z = torch.exp(-x.abs())
    return torch.where(x >= 0, z / (1 + z), 1 / (1 + z))
""",
        "computes in float64 and returns float64 for a float32 input": """
def sigmoid(x):
    x = x.double()
    z = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + z), z / (1 + z))
""",
        "returns a NumPy array": """
def sigmoid(x):
    values = x.numpy()
    z = np.exp(-np.abs(values))
    return np.where(values >= 0, 1 / (1 + z), z / (1 + z))
""",
        "works in place on the input": """
def sigmoid(x):
    return x.neg_().exp_().add_(1).reciprocal_()
""",
    },
    "sigmoid_derivative": {
        "exp(-x) / (1 + exp(-x))**2: inf / inf = NaN at x = -1000": """
def sigmoid_derivative(x):
    return torch.exp(-x) / (1 + torch.exp(-x)) ** 2
""",
        "s * (1 + s)": """
def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 + s)
""",
        "1 - s**2 (the tanh rule)": """
def sigmoid_derivative(x):
    return 1 - sigmoid(x) ** 2
""",
        "sigmoid(x) * (1 - x)": """
def sigmoid_derivative(x):
    return sigmoid(x) * (1 - x)
""",
    },
    "tanh": {
        "the textbook formula: inf / inf = NaN at ±1000": """
def tanh(x):
    return (torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))
""",
        "(1 - exp(-2x)) / (1 + exp(-2x)): NaN at -1000": """
def tanh(x):
    return (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x))
""",
        "2 * sigmoid(x) - 1 (that is tanh(x / 2))": """
def tanh(x):
    return 2 * sigmoid(x) - 1
""",
        "returns float64 for a float32 input": """
def tanh(x):
    return 2 * sigmoid(2 * x.double()) - 1
""",
    },
    "tanh_derivative": {
        "1 - tanh(x) (forgets the square)": """
def tanh_derivative(x):
    return 1 - tanh(x)
""",
        "tanh(x)**2 - 1 (wrong sign)": """
def tanh_derivative(x):
    return tanh(x) ** 2 - 1
""",
        "1 - x**2 (squares x, not tanh(x))": """
def tanh_derivative(x):
    return 1 - x**2
""",
        "(1 - tanh(x))**2": """
def tanh_derivative(x):
    return (1 - tanh(x)) ** 2
""",
    },
    "leaky_relu": {
        "a plain ReLU: ignores negative_slope": """
def leaky_relu(x, negative_slope):
    return torch.clamp(x, min=0)
""",
        "forgets to multiply by x: negative_slope where x <= 0": """
def leaky_relu(x, negative_slope):
    return torch.where(x > 0, x, torch.full_like(x, negative_slope))
""",
        "branches swapped": """
def leaky_relu(x, negative_slope):
    return torch.where(x > 0, negative_slope * x, x)
""",
        "scales the input in place": """
def leaky_relu(x, negative_slope):
    x[x < 0] *= negative_slope
    return x
""",
        "returns float64": """
def leaky_relu(x, negative_slope):
    return torch.where(x > 0, x, negative_slope * x).double()
""",
    },
    "leaky_relu_derivative": {
        "1 at x = 0 (x >= 0)": """
def leaky_relu_derivative(x, negative_slope):
    return torch.where(x >= 0, torch.ones_like(x), torch.full_like(x, negative_slope))
""",
        "returns the boolean mask x > 0": """
def leaky_relu_derivative(x, negative_slope):
    return x > 0
""",
        "ignores negative_slope (the ReLU's derivative)": """
def leaky_relu_derivative(x, negative_slope):
    return (x > 0).to(x.dtype)
""",
        "leaky_relu(x) / x: NaN at 0": """
def leaky_relu_derivative(x, negative_slope):
    return leaky_relu(x, negative_slope) / x
""",
        "Python numbers in torch.where: float32 for a float64 input": """
def leaky_relu_derivative(x, negative_slope):
    return torch.where(x > 0, 1.0, negative_slope)
""",
    },
    "gelu": {
        "always the tanh approximation": """
def gelu(x, approximate="none"):
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    return 0.5 * x * (1 + torch.tanh(inner))
""",
        "always the exact formula": """
def gelu(x, approximate="none"):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
""",
        "forgets the 1/sqrt(2) inside erf": """
def gelu(x, approximate="none"):
    if approximate == "tanh":
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + torch.erf(x))
""",
        "the sigmoid approximation x * sigmoid(1.702 x)": """
def gelu(x, approximate="none"):
    return x * sigmoid(1.702 * x)
""",
        "tanh approximation with sqrt(pi / 2) instead of sqrt(2 / pi)": """
def gelu(x, approximate="none"):
    if approximate == "tanh":
        return 0.5 * x * (1 + torch.tanh(math.sqrt(math.pi / 2) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
""",
    },
    "gelu_derivative": {
        "forgets the x * phi(x) term": """
def gelu_derivative(x, approximate="none"):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2)))
""",
        "Phi(x) + phi(x): forgets the factor x": """
def gelu_derivative(x, approximate="none"):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2))) + torch.exp(-0.5 * x**2) / math.sqrt(2 * math.pi)
""",
        "tanh: forgets the inner derivative (1 + 3 * 0.044715 x**2)": """
def gelu_derivative(x, approximate="none"):
    if approximate == "tanh":
        scale = math.sqrt(2 / math.pi)
        t = torch.tanh(scale * (x + 0.044715 * x**3))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t**2) * scale
    return 0.5 * (1 + torch.erf(x / math.sqrt(2))) + x * torch.exp(-0.5 * x**2) / math.sqrt(2 * math.pi)
""",
        "the exact derivative for both": """
def gelu_derivative(x, approximate="none"):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2))) + x * torch.exp(-0.5 * x**2) / math.sqrt(2 * math.pi)
""",
    },
    "init_std": {
        "Xavier from fan_in only (LeCun's rule)": """
def init_std(fan_in, fan_out, scheme):
    return math.sqrt(1 / fan_in) if scheme == "xavier" else math.sqrt(2 / fan_in)
""",
        "He without the factor 2": """
def init_std(fan_in, fan_out, scheme):
    return math.sqrt(2 / (fan_in + fan_out)) if scheme == "xavier" else math.sqrt(1 / fan_in)
""",
        "He from fan_out": """
def init_std(fan_in, fan_out, scheme):
    return math.sqrt(2 / (fan_in + fan_out)) if scheme == "xavier" else math.sqrt(2 / fan_out)
""",
        "returns the variance, not the standard deviation": """
def init_std(fan_in, fan_out, scheme):
    return 2 / (fan_in + fan_out) if scheme == "xavier" else 2 / fan_in
""",
        "returns the bound of the uniform version": """
def init_std(fan_in, fan_out, scheme):
    return math.sqrt(6 / (fan_in + fan_out)) if scheme == "xavier" else math.sqrt(6 / fan_in)
""",
        "returns a tensor": """
def init_std(fan_in, fan_out, scheme):
    return torch.sqrt(torch.tensor(2 / (fan_in + fan_out) if scheme == "xavier" else 2 / fan_in))
""",
    },
}

MISTAKES["sigmoid"]["torch.where over two naive branches: exp(1000) overflows in the branch not taken"] = """
def sigmoid(x):
    return torch.where(x >= 0, 1 / (1 + torch.exp(-x)), torch.exp(x) / (1 + torch.exp(x)))
"""
MISTAKES["sigmoid"]["1 / (1 + exp(-x)): exp(1000) overflows to inf along the way"] = """
def sigmoid(x):
    return 1 / (1 + torch.exp(-x))
"""
MISTAKES["tanh"]["torch.where over two naive branches: exp(2000) overflows in the branch not taken"] = """
def tanh(x):
    return torch.where(x >= 0, (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x)),
                       (torch.exp(2 * x) - 1) / (torch.exp(2 * x) + 1))
"""
MISTAKES["tanh"]["detaches the input (autograd cannot follow it)"] = """
def tanh(x):
    return 2 * sigmoid(2 * x.detach()) - 1
"""
