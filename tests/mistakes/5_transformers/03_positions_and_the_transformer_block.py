"""Typical wrong answers for 5_transformers/03_positions_and_the_transformer_block. Each must be rejected."""


def _table(frequencies: str, columns: str, positions: str = "torch.arange(num_positions, dtype=torch.float64)") -> str:
    return f"""
def sinusoidal_positions(num_positions, dim):
    positions = {positions}[:, None]
    frequencies = {frequencies}
    angles = positions * frequencies
    table = torch.zeros(num_positions, dim, dtype=torch.float64)
{columns}
    return table.float()
"""


_RIGHT_FREQUENCIES = "10000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)"
_INTERLEAVED = "    table[:, 0::2] = torch.sin(angles)\n    table[:, 1::2] = torch.cos(angles)"


def _rope(body: str) -> str:
    return (
        """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    frequencies = base ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = positions.to(torch.float64)[:, None] * frequencies
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
"""
        + body
    )


_RIGHT_ROTATION = """    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated
"""


def _block(pre: str, post: str) -> str:
    return f"""
def block_forward(x, attend, feed, norm1, norm2, norm_first):
    if norm_first:
{pre}
{post}
"""


_RIGHT_PRE = "        hidden = x + attend(norm1(x))\n        return hidden + feed(norm2(hidden))"
_RIGHT_POST = "    hidden = norm1(x + attend(x))\n    return norm2(hidden + feed(hidden))"

MISTAKES = {
    "sinusoidal_positions": {
        "concatenates all sines, then all cosines (not interleaved)": _table(
            _RIGHT_FREQUENCIES,
            "    table[:, : dim // 2] = torch.sin(angles)\n    table[:, dim // 2 :] = torch.cos(angles)",
        ),
        "cosine in the even columns, sine in the odd ones": _table(
            _RIGHT_FREQUENCIES, "    table[:, 0::2] = torch.cos(angles)\n    table[:, 1::2] = torch.sin(angles)"
        ),
        "exponent i / d: forgets the factor 2": _table(
            "10000.0 ** (-torch.arange(dim // 2, dtype=torch.float64) / dim)", _INTERLEAVED
        ),
        "exponent 2 * (2i) / d: the factor 2 twice": _table(
            "10000.0 ** (-2 * torch.arange(0, dim, 2, dtype=torch.float64) / dim)", _INTERLEAVED
        ),
        "a frequency for every column (exponent j / d for column j) instead of one per pair": """
def sinusoidal_positions(num_positions, dim):
    positions = torch.arange(num_positions, dtype=torch.float64)[:, None]
    angles = positions * 10000.0 ** (-torch.arange(dim, dtype=torch.float64) / dim)
    table = torch.where(torch.arange(dim) % 2 == 0, torch.sin(angles), torch.cos(angles))
    return table.float()
""",
        "multiplies by 10000 ** (2i / d) instead of dividing": _table(
            "10000.0 ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)", _INTERLEAVED
        ),
        "positions counted from 1": _table(
            _RIGHT_FREQUENCIES, _INTERLEAVED, "torch.arange(1, num_positions + 1, dtype=torch.float64)"
        ),
        "base 1000 instead of 10000": _table(
            "1000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)", _INTERLEAVED
        ),
        "returns float64": """
def sinusoidal_positions(num_positions, dim):
    positions = torch.arange(num_positions, dtype=torch.float64)[:, None]
    angles = positions * 10000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    table = torch.zeros(num_positions, dim, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angles)
    table[:, 1::2] = torch.cos(angles)
    return table
""",
        "returns a NumPy array": """
def sinusoidal_positions(num_positions, dim):
    import numpy as np
    angles = np.arange(num_positions)[:, None] * 10000.0 ** (-np.arange(0, dim, 2) / dim)
    table = np.zeros((num_positions, dim), dtype=np.float32)
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles)
    return table
""",
        "transposed: (dim, num_positions)": """
def sinusoidal_positions(num_positions, dim):
    positions = torch.arange(num_positions, dtype=torch.float64)[:, None]
    angles = positions * 10000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    table = torch.zeros(num_positions, dim, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angles)
    table[:, 1::2] = torch.cos(angles)
    return table.T.float()
""",
    },
    "apply_rope": {
        "pairs dimension i with i + d/2 (the rotate_half convention)": """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    frequencies = base ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = positions.to(torch.float64)[:, None] * frequencies
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    first, second = x[..., : dim // 2], x[..., dim // 2 :]
    return torch.cat([first * cos - second * sin, first * sin + second * cos], dim=-1)
""",
        "rotates the other way (the sign of sin flipped)": _rope("""    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos + odd * sin
    rotated[..., 1::2] = -even * sin + odd * cos
    return rotated
"""),
        "ignores the positions given (uses 0, 1, 2, ...)": """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    positions = torch.arange(x.shape[-2])
    frequencies = base ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = positions.to(torch.float64)[:, None] * frequencies
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated
""",
        "frequencies with exponent i / d (forgets the 2)": """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    frequencies = base ** (-torch.arange(dim // 2, dtype=torch.float64) / dim)
    angles = positions.to(torch.float64)[:, None] * frequencies
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated
""",
        "ignores base (always 10000)": """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    frequencies = 10000.0 ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = positions.to(torch.float64)[:, None] * frequencies
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated
""",
        "rotates x in place": _rope("""    new_even, new_odd = even * cos - odd * sin, even * sin + odd * cos
    x[..., 0::2] = new_even
    x[..., 1::2] = new_odd
    return x
"""),
        "uses the rotated even values to rotate the odd ones": _rope("""    rotated = x.clone()
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = rotated[..., 0::2] * sin + odd * cos
    return rotated
"""),
        "adds the sinusoidal encoding instead of rotating": """
def apply_rope(x, positions, base=10000.0):
    dim = x.shape[-1]
    angles = positions.to(torch.float64)[:, None] * base ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    table = torch.zeros(len(positions), dim, dtype=x.dtype)
    table[:, 0::2] = torch.sin(angles)
    table[:, 1::2] = torch.cos(angles)
    return x + table
""",
        "returns float32 whatever x's dtype": _rope("""    rotated = torch.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated.float()
"""),
    },
    "feed_forward": {
        "forgets the activation": """
def feed_forward(x, linear1, linear2, activation):
    return linear2(linear1(x))
""",
        "applies the activation after the second layer too": """
def feed_forward(x, linear1, linear2, activation):
    return activation(linear2(activation(linear1(x))))
""",
        "applies the layers in the wrong order": """
def feed_forward(x, linear1, linear2, activation):
    return linear1(activation(linear2(x)))
""",
        "forgets the second layer": """
def feed_forward(x, linear1, linear2, activation):
    return activation(linear1(x))
""",
        "always uses ReLU": """
def feed_forward(x, linear1, linear2, activation):
    return linear2(torch.relu(linear1(x)))
""",
        "a residual inside the FFN": """
def feed_forward(x, linear1, linear2, activation):
    return x + linear2(activation(linear1(x)))
""",
    },
    "block_forward": {
        "post-norm applies the layer norm before the residual add": _block(
            _RIGHT_PRE, "    hidden = x + norm1(attend(x))\n    return hidden + norm2(feed(hidden))"
        ),
        "post-norm: the FFN's residual comes from the block's input": _block(
            _RIGHT_PRE, "    hidden = norm1(x + attend(x))\n    return norm2(x + feed(hidden))"
        ),
        "pre-norm: the residual adds the normalised input": _block(
            "        normalised = norm1(x)\n        hidden = normalised + attend(normalised)\n"
            "        normalised = norm2(hidden)\n        return normalised + feed(normalised)",
            _RIGHT_POST,
        ),
        "pre-norm and post-norm swapped (norm_first read backwards)": """
def block_forward(x, attend, feed, norm1, norm2, norm_first):
    if not norm_first:
        hidden = x + attend(norm1(x))
        return hidden + feed(norm2(hidden))
    hidden = norm1(x + attend(x))
    return norm2(hidden + feed(hidden))
""",
        "norm1 and norm2 swapped": _block(
            "        hidden = x + attend(norm2(x))\n        return hidden + feed(norm1(hidden))",
            "    hidden = norm2(x + attend(x))\n    return norm1(hidden + feed(hidden))",
        ),
        "pre-norm also normalises the block's output": _block(
            "        hidden = x + attend(norm1(x))\n        return norm2(hidden + feed(norm2(hidden)))", _RIGHT_POST
        ),
        "forgets the FFN's residual connection": _block(
            "        hidden = x + attend(norm1(x))\n        return feed(norm2(hidden))",
            "    hidden = norm1(x + attend(x))\n    return norm2(feed(hidden))",
        ),
        "runs attention and the FFN in parallel on the same input": _block(
            "        return x + attend(norm1(x)) + feed(norm2(x))",
            "    return norm2(norm1(x + attend(x)) + feed(x))",
        ),
        "adds the residual in place (x += ...), changing the caller's tensor": _block(
            "        x += attend(norm1(x))\n        return x + feed(norm2(x))",
            "    x += attend(x)\n    hidden = norm1(x)\n    return norm2(hidden + feed(hidden))",
        ),
        "post-norm: the FFN reads the block's input instead of the attention's output": _block(
            _RIGHT_PRE, "    hidden = norm1(x + attend(x))\n    return norm2(hidden + feed(x))"
        ),
        "post-norm uses norm1 twice": _block(
            _RIGHT_PRE, "    hidden = norm1(x + attend(x))\n    return norm1(hidden + feed(hidden))"
        ),
        "the FFN's residual skips the attention output (adds x, not hidden)": _block(
            "        hidden = x + attend(norm1(x))\n        return x + feed(norm2(hidden))", _RIGHT_POST
        ),
    },
}
