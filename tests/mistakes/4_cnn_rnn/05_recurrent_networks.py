"""Typical wrong answers for 4_cnn_rnn/05_recurrent_networks. Each must be rejected by its check cell."""

MISTAKES = {
    "rnn_forward": {
        "forgets bias_hh (one of the two biases)": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = initial_state, []
    for x in inputs:
        state = torch.tanh(x @ weight_ih.T + bias_ih + state @ weight_hh.T)
        outputs.append(state)
    return torch.stack(outputs), state
""",
        "sigmoid instead of tanh": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = initial_state, []
    for x in inputs:
        state = torch.sigmoid(x @ weight_ih.T + bias_ih + state @ weight_hh.T + bias_hh)
        outputs.append(state)
    return torch.stack(outputs), state
""",
        "multiplies by W_hh instead of its transpose": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = initial_state, []
    for x in inputs:
        state = torch.tanh(x @ weight_ih.T + bias_ih + state @ weight_hh + bias_hh)
        outputs.append(state)
    return torch.stack(outputs), state
""",
        "ignores the initial state (starts from zeros)": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = torch.zeros_like(initial_state), []
    for x in inputs:
        state = torch.tanh(x @ weight_ih.T + bias_ih + state @ weight_hh.T + bias_hh)
        outputs.append(state)
    return torch.stack(outputs), state
""",
        "no recurrence: feeds the initial state to every step": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    outputs = [torch.tanh(x @ weight_ih.T + bias_ih + initial_state @ weight_hh.T + bias_hh) for x in inputs]
    return torch.stack(outputs), outputs[-1]
""",
        "outputs start with h_0 and miss h_T": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = initial_state, []
    for x in inputs:
        outputs.append(state)
        state = torch.tanh(x @ weight_ih.T + bias_ih + state @ weight_hh.T + bias_hh)
    return torch.stack(outputs), state
""",
        "treats the inputs as batch-first (loops over the batch)": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    inputs = inputs.transpose(0, 1)
    state, outputs = initial_state.T, []
    for x in inputs:
        state = torch.tanh(x @ weight_ih.T + bias_ih + state[: x.shape[0]] @ weight_hh.T + bias_hh)
        outputs.append(state)
    return torch.stack(outputs).transpose(0, 1), state
""",
        "returns float32": """
def rnn_forward(inputs, initial_state, weight_ih, weight_hh, bias_ih, bias_hh):
    state, outputs = initial_state, []
    for x in inputs:
        state = torch.tanh(x @ weight_ih.T + bias_ih + state @ weight_hh.T + bias_hh)
        outputs.append(state)
    return torch.stack(outputs).float(), state.float()
""",
    },
    "rnn_backward": {
        "forgets the tanh derivative": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "uses 1 - h instead of 1 - h**2": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs * (1 - outputs[t])
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "uses h_t instead of h_{t-1} in the W_hh gradient": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs * (1 - outputs[t] ** 2)
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ outputs[t]; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "does not carry the gradient back through time (one step only)": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        ga = grad_outputs[t] * (1 - outputs[t] ** 2)
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "uses only the gradient of the last output": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = grad_outputs[-1].clone()
    for t in reversed(range(len(inputs))):
        ga = gs * (1 - outputs[t] ** 2)
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "sends the gradient back with W_hh transposed": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs * (1 - outputs[t] ** 2)
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh.T
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": gb.clone()}
""",
        "no gradient for bias_hh (zeros)": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs * (1 - outputs[t] ** 2)
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "initial_state": gs, "weight_ih": gw_ih, "weight_hh": gw_hh,
            "bias_ih": gb, "bias_hh": torch.zeros_like(gb)}
""",
        "returns no initial_state gradient": """
def rnn_backward(grad_outputs, inputs, outputs, initial_state, weight_ih, weight_hh):
    grad_inputs = torch.zeros_like(inputs)
    gw_ih, gw_hh = torch.zeros_like(weight_ih), torch.zeros_like(weight_hh)
    gb = torch.zeros(weight_hh.shape[0], dtype=weight_hh.dtype)
    gs = torch.zeros_like(initial_state)
    for t in reversed(range(len(inputs))):
        gs = gs + grad_outputs[t]
        ga = gs * (1 - outputs[t] ** 2)
        prev = outputs[t - 1] if t > 0 else initial_state
        gw_ih += ga.T @ inputs[t]; gw_hh += ga.T @ prev; gb += ga.sum(0)
        grad_inputs[t] = ga @ weight_ih
        gs = ga @ weight_hh
    return {"inputs": grad_inputs, "weight_ih": gw_ih, "weight_hh": gw_hh, "bias_ih": gb, "bias_hh": gb.clone()}
""",
    },
    "jacobian_norms": {
        "Frobenius norm instead of the spectral norm": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = J @ ((1 - hidden_states[k] ** 2)[:, None] * weight_hh)
        norms.append(torch.linalg.matrix_norm(J))
    return torch.stack(norms)
""",
        "forgets the tanh derivative (powers of W_hh)": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = J @ weight_hh
        norms.append(torch.linalg.matrix_norm(J, ord=2))
    return torch.stack(norms)
""",
        "multiplies the factors in the wrong order": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = ((1 - hidden_states[k] ** 2)[:, None] * weight_hh) @ J
        norms.append(torch.linalg.matrix_norm(J, ord=2))
    return torch.stack(norms)
""",
        "scales the columns (W_hh diag) instead of the rows (diag W_hh)": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = J @ (weight_hh * (1 - hidden_states[k] ** 2)[None, :])
        norms.append(torch.linalg.matrix_norm(J, ord=2))
    return torch.stack(norms)
""",
        "off by one: uses the state before each step in its factor": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        previous = hidden_states[k - 1] if k > 0 else torch.zeros_like(hidden_states[0])
        J = J @ ((1 - previous ** 2)[:, None] * weight_hh)
        norms.append(torch.linalg.matrix_norm(J, ord=2))
    return torch.stack(norms)
""",
        "ordered by time t instead of by distance": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = J @ ((1 - hidden_states[k] ** 2)[:, None] * weight_hh)
        norms.append(torch.linalg.matrix_norm(J, ord=2))
    return torch.stack(norms[::-1])
""",
        "returns a list": """
def jacobian_norms(weight_hh, hidden_states):
    J = torch.eye(hidden_states.shape[1], dtype=weight_hh.dtype)
    norms = []
    for k in reversed(range(len(hidden_states))):
        J = J @ ((1 - hidden_states[k] ** 2)[:, None] * weight_hh)
        norms.append(torch.linalg.matrix_norm(J, ord=2).item())
    return norms
""",
    },
    "clip_grad_norm": {
        "clips each parameter separately": """
def clip_grad_norm(parameters, max_norm):
    total = torch.sqrt(sum((p.grad ** 2).sum() for p in parameters if p.grad is not None))
    for p in parameters:
        if p.grad is not None:
            norm = p.grad.norm()
            if norm > max_norm:
                p.grad.mul_(max_norm / (norm + 1e-6))
    return total
""",
        "scales up when the norm is below max_norm (no min with 1)": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.sqrt(sum((g ** 2).sum() for g in grads))
    for g in grads:
        g.mul_(max_norm / (total + 1e-6))
    return total
""",
        "returns the norm after clipping": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.sqrt(sum((g ** 2).sum() for g in grads))
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        for g in grads:
            g.mul_(factor)
    return torch.sqrt(sum((g ** 2).sum() for g in grads))
""",
        "adds the norms of the parameters instead of the squares": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = sum(g.norm() for g in grads)
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        for g in grads:
            g.mul_(factor)
    return total
""",
        "clips by value (each entry to +-max_norm)": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.sqrt(sum((g ** 2).sum() for g in grads))
    for g in grads:
        g.clamp_(-max_norm, max_norm)
    return total
""",
        "does not change the gradients in place (rebinds a local name)": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.sqrt(sum((g ** 2).sum() for g in grads))
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        grads = [g * factor for g in grads]
    return total
""",
        "returns a float": """
def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.sqrt(sum((g ** 2).sum() for g in grads))
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        for g in grads:
            g.mul_(factor)
    return total.item()
""",
    },
}

FAMILY_EXEMPTIONS = {
    "rnn_forward": {
        "swaps `bias_ih` and `bias_hh`": "the two biases are only ever added together, so exchanging them changes "
        "nothing (the reason one of them is redundant)",
    },
}
