"""Typical wrong answers for 4_cnn_rnn/06_lstm_and_gru. Each must be rejected by its check cell."""

_LSTM = """
def lstm_cell(x, state, weight_ih, weight_hh, bias_ih, bias_hh):
    h, c = state
    pre = {pre}
    a, b, cc, d = pre.chunk(4, dim=-1)
    gates = {gates}
    c_new = {c_new}
    h_new = {h_new}
    return h_new, c_new, gates
"""

_RIGHT = dict(
    pre="x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh",
    gates='{"input": torch.sigmoid(a), "forget": torch.sigmoid(b), "cell": torch.tanh(cc), "output": torch.sigmoid(d)}',
    c_new='gates["forget"] * c + gates["input"] * gates["cell"]',
    h_new='gates["output"] * torch.tanh(c_new)',
)


def _lstm(**changes):
    return _LSTM.format(**{**_RIGHT, **changes})


_GRU = """
def gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    ir, iz, i_n = (x @ weight_ih.T + bias_ih).chunk(3, dim=-1)
    hr, hz, h_n = (h @ weight_hh.T + bias_hh).chunk(3, dim=-1)
    r = {r}
    z = {z}
    n = {n}
    h_new = {h_new}
    return h_new, {{"reset": r, "update": z, "candidate": n}}
"""

_GRU_RIGHT = dict(
    r="torch.sigmoid(ir + hr)",
    z="torch.sigmoid(iz + hz)",
    n="torch.tanh(i_n + r * h_n)",
    h_new="(1 - z) * n + z * h",
)


def _gru(**changes):
    return _GRU.format(**{**_GRU_RIGHT, **changes})


MISTAKES = {
    "lstm_cell": {
        "gate order i, f, o, g (the cell gate last)": _lstm(
            gates='{"input": torch.sigmoid(a), "forget": torch.sigmoid(b), "cell": torch.tanh(d), '
            '"output": torch.sigmoid(cc)}'
        ),
        "gate order f, i, g, o": _lstm(
            gates='{"input": torch.sigmoid(b), "forget": torch.sigmoid(a), "cell": torch.tanh(cc), '
            '"output": torch.sigmoid(d)}'
        ),
        "forgets bias_hh": _lstm(pre="x @ weight_ih.T + bias_ih + h @ weight_hh.T"),
        "sigmoid on the cell gate g": _lstm(
            gates='{"input": torch.sigmoid(a), "forget": torch.sigmoid(b), "cell": torch.sigmoid(cc), '
            '"output": torch.sigmoid(d)}'
        ),
        "tanh on the output gate": _lstm(
            gates='{"input": torch.sigmoid(a), "forget": torch.sigmoid(b), "cell": torch.tanh(cc), '
            '"output": torch.tanh(d)}'
        ),
        "h_new = o * c_new (no tanh)": _lstm(h_new='gates["output"] * c_new'),
        "c_new = f * c + g (no input gate)": _lstm(c_new='gates["forget"] * c + gates["cell"]'),
        "c_new = c + i * g (no forget gate)": _lstm(c_new='c + gates["input"] * gates["cell"]'),
        "h_new from the old cell state": _lstm(h_new='gates["output"] * torch.tanh(c)'),
        "the cell update uses h instead of c": _lstm(c_new='gates["forget"] * h + gates["input"] * gates["cell"]'),
        "names the input and forget gates the wrong way round": _lstm(
            gates='{"input": torch.sigmoid(b), "forget": torch.sigmoid(a), "cell": torch.tanh(cc), '
            '"output": torch.sigmoid(d)}',
            c_new='gates["input"] * c + gates["forget"] * gates["cell"]',
        ),
    },
    "gru_cell": {
        "gate order z, r, n": _gru(r="torch.sigmoid(iz + hz)", z="torch.sigmoid(ir + hr)"),
        "r applied before the matrix product (Cho et al.'s form)": _gru(
            n="torch.tanh(i_n + (r * h) @ weight_hh[2 * h.shape[1]:].T + bias_hh[2 * h.shape[1]:])"
        ),
        "b_hn outside the reset gate": _gru(
            n="torch.tanh(i_n + r * (h_n - bias_hh[2 * h.shape[1] :]) + bias_hh[2 * h.shape[1] :])"
        ),
        "(1 - z) on the old state": _gru(h_new="z * n + (1 - z) * h"),
        "sigmoid on the candidate": _gru(n="torch.sigmoid(i_n + r * h_n)"),
        "tanh on the update gate": _gru(z="torch.tanh(iz + hz)"),
        "forgets the reset gate": _gru(n="torch.tanh(i_n + h_n)"),
        "forgets bias_hh entirely": """
def gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    ir, iz, i_n = (x @ weight_ih.T + bias_ih).chunk(3, dim=-1)
    hr, hz, h_n = (h @ weight_hh.T).chunk(3, dim=-1)
    r = torch.sigmoid(ir + hr)
    z = torch.sigmoid(iz + hz)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h, {"reset": r, "update": z, "candidate": n}
""",
        "returns the candidate as the new state": _gru(h_new="n"),
    },
    "temperature_probabilities": {
        "multiplies the logits by the temperature": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits * temperature, dim=-1)
""",
        "unstable: exp without subtracting the maximum": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    weights = torch.exp(logits / temperature)
    return weights / weights.sum(dim=-1, keepdim=True)
""",
        "softmax over the first axis": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits / temperature, dim=0)
""",
        "no special case for temperature 0": """
def temperature_probabilities(logits, temperature):
    return torch.softmax(logits / temperature, dim=-1)
""",
        "temperature 0 returns the plain softmax": """
def temperature_probabilities(logits, temperature):
    return torch.softmax(logits / (temperature or 1.0), dim=-1)
""",
        "raises the probabilities to 1/T without renormalising": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits, dim=-1) ** (1 / temperature)
""",
        "returns log-probabilities": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.log_softmax(logits / temperature, dim=-1)
""",
        "temperature 0 gives a one-hot of the wrong dtype": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1])
    return torch.softmax(logits / temperature, dim=-1)
""",
        "computes in float32": """
def temperature_probabilities(logits, temperature):
    if temperature == 0:
        return F.one_hot(logits.argmax(dim=-1), logits.shape[-1]).float()
    return torch.softmax(logits.float() / temperature, dim=-1)
""",
    },
}

FAMILY_EXEMPTIONS = {
    "lstm_cell": {
        "swaps `bias_ih` and `bias_hh`": "in the LSTM the two biases are only ever added together, so exchanging "
        "them changes nothing (unlike the GRU's, where b_hn sits inside the reset gate)",
    },
}
