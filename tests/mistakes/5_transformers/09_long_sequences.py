"""Typical wrong answers for 5_transformers/09_long_sequences. Each must be rejected by its check."""


def _window(
    band: str = "(keys_at > query_at) & (keys_at <= query_at + window)",
    scale: str = "math.sqrt(size)",
    padding: str = "(torch.arange(chunks)[:, None, None] > 0) | (keys_at >= window)",
    crop: str = "[..., :length, :]",
) -> str:
    return f"""
def sliding_window_attention(query, key, value, window):
    *leading, length, size = query.shape
    chunks = -(-length // window)
    extra = chunks * window - length
    q = F.pad(query, (0, 0, 0, extra)).reshape(*leading, chunks, window, size)
    k = F.pad(key, (0, 0, window, extra)).reshape(*leading, chunks + 1, window, key.shape[-1])
    v = F.pad(value, (0, 0, window, extra)).reshape(*leading, chunks + 1, window, value.shape[-1])
    keys = torch.cat([k[..., :-1, :, :], k[..., 1:, :, :]], dim=-2)
    values = torch.cat([v[..., :-1, :, :], v[..., 1:, :, :]], dim=-2)
    scores = q @ keys.transpose(-2, -1) / {scale}
    query_at = torch.arange(window)[:, None]
    keys_at = torch.arange(2 * window)[None, :]
    allowed = ({band}) & ({padding})
    scores = scores.masked_fill(~allowed, float("-inf"))
    output = torch.softmax(scores, dim=-1) @ values
    return output.reshape(*leading, chunks * window, value.shape[-1]){crop}
"""


def _linear(
    features: str = "F.elu(x) + 1",
    running: str = "torch.cumsum(features_key, dim=-2)",
    states: str = "torch.cumsum(features_key.unsqueeze(-1) * value.unsqueeze(-2), dim=-3)",
    divide: bool = True,
) -> str:
    normalise = " / (features_query * normalisers).sum(dim=-1, keepdim=True)" if divide else ""
    normalise_all = " / (features_query @ features_key.sum(dim=-2).unsqueeze(-1))" if divide else ""
    return f"""
def linear_attention(query, key, value, causal):
    phi = lambda x: {features}
    features_query, features_key = phi(query), phi(key)
    if not causal:
        return (features_query @ (features_key.transpose(-2, -1) @ value)){normalise_all}
    states = {states}
    normalisers = {running}
    return (features_query.unsqueeze(-2) @ states).squeeze(-2){normalise}
"""


def _scan(
    decay: str = "torch.exp(delta[:, t, :, None] * A)",
    write: str = "(delta[:, t, :, None] * B[:, t, None, :]) * x[:, t, :, None]",
    read_before: bool = False,
    reader: str = "C",
) -> str:
    read = f"outputs.append((state * {reader}[:, t, None, :]).sum(dim=-1))"
    update = f"state = ({decay}) * state + {write}"
    body = f"        {read}\n        {update}\n" if read_before else f"        {update}\n        {read}\n"
    return f"""
def selective_scan(x, delta, A, B, C):
    batch, length, channels = x.shape
    state = x.new_zeros(batch, channels, A.shape[1])
    outputs = []
    for t in range(length):
{body}    return torch.stack(outputs, dim=1)
"""


def _associative(
    step: str,
    decays: str = "torch.cat([decay[:, :shift], decay[:, shift:] * decay[:, :-shift]], dim=1)",
    order: str = "inputs_then_decay",
) -> str:
    first, second = (f"inputs = {step}", f"decay = {decays}")
    if order == "decay_then_inputs":
        first, second = second, first
    return f"""
def associative_scan(decay, inputs):
    shift = 1
    while shift < decay.shape[1]:
        {first}
        {second}
        shift *= 2
    return inputs
"""


_RIGHT_STEP = "torch.cat([inputs[:, :shift], decay[:, shift:] * inputs[:, :-shift] + inputs[:, shift:]], dim=1)"

MISTAKES = {
    "sliding_window_attention": {
        "a window of w + 1 keys (j >= i - w)": _window(band="(keys_at >= query_at) & (keys_at <= query_at + window)"),
        "a window of w - 1 keys (j > i - w + 1)": _window(
            band="(keys_at > query_at + 1) & (keys_at <= query_at + window)"
        ),
        "a symmetric window that also sees the next tokens (not causal)": _window(
            band="(keys_at > query_at) & (keys_at < query_at + 2 * window)"
        ),
        "forgets the 1 / sqrt(d) scaling": _window(scale="1.0"),
        "lets chunk 0 attend to the zero padding in front": _window(padding="keys_at >= 0"),
        "keeps the padded positions at the end": _window(crop=""),
        "full attention with a banded n x n mask (right values, quadratic memory)": """
def sliding_window_attention(query, key, value, window):
    positions = torch.arange(query.shape[-2])
    gap = positions[:, None] - positions[None, :]
    return full_attention(query, key, value, mask=(gap >= 0) & (gap < window))
""",
        "plain causal attention: ignores the window": """
def sliding_window_attention(query, key, value, window):
    return F.scaled_dot_product_attention(query, key, value, is_causal=True)
""",
        "always float32": """
def sliding_window_attention(query, key, value, window):
    return banded_full_attention(query.float(), key.float(), value.float(), window)
""",
    },
    "linear_attention": {
        "elu without the + 1 (features can be negative: the normaliser can vanish)": _linear(features="F.elu(x)"),
        "relu features instead of elu + 1": _linear(features="F.relu(x) + 1e-6"),
        "exp features (the softmax numerator, not its linearisation)": _linear(features="torch.exp(x)"),
        "forgets to normalise": _linear(divide=False),
        "causal: normalises by the total over all keys, not the running sum": _linear(
            running="features_key.sum(dim=-2, keepdim=True).expand_as(features_key)"
        ),
        "causal: running sums that exclude the current key (j < i)": _linear(
            states="torch.cumsum(features_key.unsqueeze(-1) * value.unsqueeze(-2), dim=-3)"
            " - features_key.unsqueeze(-1) * value.unsqueeze(-2) + 1e-9",
            running="torch.cumsum(features_key, dim=-2) - features_key + 1e-9",
        ),
        "causal: sums the running states over the wrong axis (the features)": _linear(
            states="torch.cumsum(features_key.unsqueeze(-1) * value.unsqueeze(-2), dim=-2)"
        ),
        "phi applied to the values as well": """
def linear_attention(query, key, value, causal):
    return quadratic_linear_attention(query, key, F.elu(value) + 1, causal)
""",
    },
    "selective_scan": {
        "decay exp(A), without the step delta": _scan(decay="torch.exp(A)"),
        "writes B x without the step delta": _scan(write="B[:, t, None, :] * x[:, t, :, None]"),
        "Euler for A too: decay 1 + delta A instead of exp(delta A)": _scan(decay="1 + delta[:, t, :, None] * A"),
        "decay with the wrong sign, exp(-delta A): the state explodes": _scan(
            decay="torch.exp(-delta[:, t, :, None] * A)"
        ),
        "reads the state before the update (y_t from h_{t-1})": _scan(read_before=True),
        "reads with B instead of C": _scan(reader="B"),
        "the step of the previous position, delta_{t-1}, in the decay": _scan(
            decay="torch.exp(delta[:, max(t - 1, 0), :, None] * A)"
        ),
    },
    "associative_scan": {
        "uses the earlier position's decay: a_{t-s} b_t + b_{t-s}": _associative(
            "torch.cat([inputs[:, :shift], decay[:, :-shift] * inputs[:, shift:] + inputs[:, :-shift]], dim=1)"
        ),
        "never updates the decays (only the first round is right)": _associative(_RIGHT_STEP, decays="decay"),
        "updates the decays first, then uses the new ones for the inputs": _associative(
            _RIGHT_STEP, order="decay_then_inputs"
        ),
        "a plain cumulative sum: ignores the decay": """
def associative_scan(decay, inputs):
    return inputs.cumsum(dim=1)
""",
        "an exclusive scan (h_t without b_t: shifted by one)": """
def associative_scan(decay, inputs):
    full = recurrence_step_by_step(decay, inputs)
    return torch.cat([torch.zeros_like(full[:, :1]), full[:, :-1]], dim=1)
""",
        "log-space cumulative sum by dividing by products of decays (underflows)": """
def associative_scan(decay, inputs):
    products = torch.cumprod(decay, dim=1)
    return products * torch.cumsum(inputs / products, dim=1)
""",
        "a loop over the positions (right values, n sequential steps)": """
def associative_scan(decay, inputs):
    state = torch.zeros_like(inputs[:, 0])
    states = []
    for t in range(decay.shape[1]):
        state = decay[:, t] * state + inputs[:, t]
        states.append(state)
    return torch.stack(states, dim=1)
""",
        "doubles the shift only until n / 2 (misses the last round)": """
def associative_scan(decay, inputs):
    shift = 1
    while 2 * shift < decay.shape[1]:
        inputs = torch.cat([inputs[:, :shift], decay[:, shift:] * inputs[:, :-shift] + inputs[:, shift:]], dim=1)
        decay = torch.cat([decay[:, :shift], decay[:, shift:] * decay[:, :-shift]], dim=1)
        shift *= 2
    return inputs
""",
    },
}
