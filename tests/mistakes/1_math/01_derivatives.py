"""Typical wrong answers for 1_math/01_derivatives. Each must be rejected by its check cell."""

MISTAKES = {
    "forward_difference": {
        "central difference instead of forward": """
def forward_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "backward difference (x - h)": """
def forward_difference(f, x, h):
    return (f(x) - f(x - h)) / h
""",
        "forgets to divide by h": """
def forward_difference(f, x, h):
    return f(x + h) - f(x)
""",
        "operator precedence: f(x + h) - f(x) / h": """
def forward_difference(f, x, h):
    return f(x + h) - f(x) / h
""",
        "loops over a Python list and returns a list": """
def forward_difference(f, x, h):
    return [(f(value + h) - f(value)) / h for value in np.atleast_1d(x)]
""",
    },
    "central_difference": {
        "divides by h instead of 2h": """
def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / h
""",
        "forward difference instead of central": """
def central_difference(f, x, h):
    return (f(x + h) - f(x)) / h
""",
        "operator precedence: / 2 * h multiplies by h": """
def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / 2 * h
""",
    },
    "tangent_line": {
        "intercept is f(x0), forgetting - slope * x0": """
def tangent_line(f, x0, h=1e-5):
    slope = central_difference(f, x0, h)
    return slope, f(x0)
""",
        "returns (intercept, slope): swapped order": """
def tangent_line(f, x0, h=1e-5):
    slope = central_difference(f, x0, h)
    return f(x0) - slope * x0, slope
""",
        "calls central_difference with a fixed step instead of h": """
def tangent_line(f, x0, h=1e-5):
    slope = central_difference(f, x0, 1e-5)
    return slope, f(x0) - slope * x0
""",
        "forward difference for the slope": """
def tangent_line(f, x0, h=1e-5):
    slope = forward_difference(f, x0, h)
    return slope, f(x0) - slope * x0
""",
    },
}
