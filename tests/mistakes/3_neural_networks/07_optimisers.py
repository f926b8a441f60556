"""Typical wrong answers for 3_neural_networks/07_optimisers. Each must be rejected by its check cell."""

MISTAKES = {
    "sgd_update": {
        "the momentum buffer starts at zero (dampening on the first step)": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        buffer = state.get("momentum_buffer", torch.zeros_like(param))
        buffer = momentum * buffer + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        grad = grad + momentum * buffer if nesterov else buffer
    param -= lr * grad
""",
        "weight decay added after the momentum buffer": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    step = grad
    if momentum != 0:
        if "momentum_buffer" not in state:
            buffer = grad.clone()
        else:
            buffer = momentum * state["momentum_buffer"] + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        step = grad + momentum * buffer if nesterov else buffer
    param -= lr * (step + weight_decay * param)
""",
        "Nesterov looks ahead with the old buffer": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        previous = state.get("momentum_buffer")
        buffer = grad.clone() if previous is None else momentum * previous + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        if nesterov:
            grad = grad + momentum * (buffer if previous is None else previous)
        else:
            grad = buffer
    param -= lr * grad
""",
        "ignores nesterov": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        if "momentum_buffer" not in state:
            buffer = grad.clone()
        else:
            buffer = momentum * state["momentum_buffer"] + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        grad = buffer
    param -= lr * grad
""",
        "one momentum buffer for all parameters (kept outside `state`)": """
_shared = {}

def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        if _shared.get("buffer") is None or _shared["buffer"].shape != grad.shape:
            buffer = grad.clone()
        else:
            buffer = momentum * _shared["buffer"] + (1 - dampening) * grad
        _shared["buffer"] = buffer
        grad = grad + momentum * buffer if nesterov else buffer
    param -= lr * grad
""",
        "dampening applied to the old buffer instead of the gradient": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        if "momentum_buffer" not in state:
            buffer = grad.clone()
        else:
            buffer = (1 - dampening) * momentum * state["momentum_buffer"] + grad
        state["momentum_buffer"] = buffer
        grad = grad + momentum * buffer if nesterov else buffer
    param -= lr * grad
""",
        "adds the weight decay to grad in place (changes param.grad)": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad.add_(weight_decay * param)
    if momentum != 0:
        if "momentum_buffer" not in state:
            buffer = grad.clone()
        else:
            buffer = momentum * state["momentum_buffer"] + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        grad = grad + momentum * buffer if nesterov else buffer
    param -= lr * grad
""",
        "rebinds param instead of updating it in place": """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        if "momentum_buffer" not in state:
            buffer = grad.clone()
        else:
            buffer = momentum * state["momentum_buffer"] + (1 - dampening) * grad
        state["momentum_buffer"] = buffer
        grad = grad + momentum * buffer if nesterov else buffer
    param = param - lr * grad
""",
    },
    "rmsprop_update": {
        "eps inside the square root": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    square_avg = alpha * state.get("square_avg", torch.zeros_like(param)) + (1 - alpha) * grad**2
    state["square_avg"] = square_avg
    param -= lr * grad / (square_avg + eps).sqrt()
""",
        "the average starts at the first squared gradient": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    square_avg = state.get("square_avg", grad**2)
    square_avg = alpha * square_avg + (1 - alpha) * grad**2
    state["square_avg"] = square_avg
    param -= lr * grad / (square_avg.sqrt() + eps)
""",
        "alpha and 1 - alpha swapped": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    square_avg = (1 - alpha) * state.get("square_avg", torch.zeros_like(param)) + alpha * grad**2
    state["square_avg"] = square_avg
    param -= lr * grad / (square_avg.sqrt() + eps)
""",
        "forgets the square root": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    square_avg = alpha * state.get("square_avg", torch.zeros_like(param)) + (1 - alpha) * grad**2
    state["square_avg"] = square_avg
    param -= lr * grad / (square_avg + eps)
""",
        "adds Adam's bias correction": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    state["step"] = state.get("step", 0) + 1
    square_avg = alpha * state.get("square_avg", torch.zeros_like(param)) + (1 - alpha) * grad**2
    state["square_avg"] = square_avg
    param -= lr * grad / ((square_avg / (1 - alpha ** state["step"])).sqrt() + eps)
""",
        "weight decay applied to the parameter directly, not to the gradient": """
def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    square_avg = alpha * state.get("square_avg", torch.zeros_like(param)) + (1 - alpha) * grad**2
    state["square_avg"] = square_avg
    param -= lr * (grad / (square_avg.sqrt() + eps) + weight_decay * param)
""",
        "one average for all parameters (kept outside `state`)": """
_shared = {}

def rmsprop_update(param, grad, state, lr, alpha, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    previous = _shared.get(tuple(param.shape), torch.zeros_like(param))
    square_avg = alpha * previous + (1 - alpha) * grad**2
    _shared[tuple(param.shape)] = square_avg
    param -= lr * grad / (square_avg.sqrt() + eps)
""",
    },
    "adam_update": {
        "no bias correction": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * m / (v.sqrt() + eps)
""",
        "corrects only the first moment": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    state["step"] = state.get("step", 0) + 1
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1 ** state["step"])) / (v.sqrt() + eps)
""",
        "eps added before the bias correction (the paper's 'efficient' form)": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    state["step"] = state.get("step", 0) + 1
    t = state["step"]
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    step_size = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
    param -= step_size * m / (v.sqrt() + eps)
""",
        "eps inside the square root": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    state["step"] = state.get("step", 0) + 1
    t = state["step"]
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1**t)) / (v / (1 - beta2**t) + eps).sqrt()
""",
        "one step counter for all parameters": """
_counter = [0]

def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    _counter[0] += 1
    t = _counter[0]
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
""",
        "the step count used before it is incremented (t = 0 at the first step)": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    t = state.get("step", 0)
    state["step"] = t + 1
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
""",
        "decoupled weight decay (that is AdamW)": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    param.mul_(1 - lr * weight_decay)
    state["step"] = state.get("step", 0) + 1
    t = state["step"]
    m = beta1 * state.get("exp_avg", torch.zeros_like(param)) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", torch.zeros_like(param)) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
""",
        "the moving averages start at the first gradient": """
def adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    state["step"] = state.get("step", 0) + 1
    t = state["step"]
    m = beta1 * state.get("exp_avg", grad) + (1 - beta1) * grad
    v = beta2 * state.get("exp_avg_sq", grad**2) + (1 - beta2) * grad**2
    state["exp_avg"], state["exp_avg_sq"] = m, v
    param -= lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
""",
    },
    "adamw_update": {
        "L2 in the gradient (Adam's weight_decay), not decoupled": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay)
""",
        "decays without the learning rate": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    param.mul_(1 - weight_decay)
    adam_update(param, grad, state, lr, beta1, beta2, eps, 0.0)
""",
        "decays after the Adam step": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    adam_update(param, grad, state, lr, beta1, beta2, eps, 0.0)
    param.mul_(1 - lr * weight_decay)
""",
        "decays twice: decoupled and as L2": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    param.mul_(1 - lr * weight_decay)
    adam_update(param, grad, state, lr, beta1, beta2, eps, weight_decay)
""",
        "rebinds param for the decay (the parameter is never updated)": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    param = param * (1 - lr * weight_decay)
    adam_update(param, grad, state, lr, beta1, beta2, eps, 0.0)
""",
        "forgets the weight decay": """
def adamw_update(param, grad, state, lr, beta1, beta2, eps, weight_decay):
    adam_update(param, grad, state, lr, beta1, beta2, eps, 0.0)
""",
    },
    "step_decay_lr": {
        "a continuous exponent step / step_size": """
def step_decay_lr(step, base_lr, step_size, gamma):
    return base_lr * gamma ** (step / step_size)
""",
        "one drop too many (off by one block)": """
def step_decay_lr(step, base_lr, step_size, gamma):
    return base_lr * gamma ** (step // step_size + 1)
""",
        "drops one step early": """
def step_decay_lr(step, base_lr, step_size, gamma):
    return base_lr * gamma ** ((step + 1) // step_size)
""",
        "multiplies by gamma times the number of blocks": """
def step_decay_lr(step, base_lr, step_size, gamma):
    return base_lr * max(1, gamma * (step // step_size))
""",
    },
    "cosine_lr": {
        "forgets (1 + cos) / 2: goes negative": """
def cosine_lr(step, base_lr, total_steps, min_lr):
    return min_lr + (base_lr - min_lr) * math.cos(math.pi * step / total_steps)
""",
        "a quarter period: ends at base_lr / 2 instead of min_lr": """
def cosine_lr(step, base_lr, total_steps, min_lr):
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * step / (2 * total_steps))) / 2
""",
        "forgets to add min_lr": """
def cosine_lr(step, base_lr, total_steps, min_lr):
    return (base_lr - min_lr) * (1 + math.cos(math.pi * step / total_steps)) / 2
""",
        "ignores min_lr": """
def cosine_lr(step, base_lr, total_steps, min_lr):
    return base_lr * (1 + math.cos(math.pi * step / total_steps)) / 2
""",
        "divides by total_steps - 1": """
def cosine_lr(step, base_lr, total_steps, min_lr):
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * step / (total_steps - 1))) / 2
""",
    },
    "warmup_lr": {
        "starts from zero (ignores start_factor)": """
def warmup_lr(step, base_lr, warmup_steps, start_factor):
    return base_lr * min(step, warmup_steps) / warmup_steps
""",
        "off by one: step + 1": """
def warmup_lr(step, base_lr, warmup_steps, start_factor):
    progress = min(step + 1, warmup_steps) / warmup_steps
    return base_lr * (start_factor + (1 - start_factor) * progress)
""",
        "keeps growing after the warm-up": """
def warmup_lr(step, base_lr, warmup_steps, start_factor):
    return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)
""",
        "backwards: from base_lr down to start_factor * base_lr": """
def warmup_lr(step, base_lr, warmup_steps, start_factor):
    progress = min(step, warmup_steps) / warmup_steps
    return base_lr * (1 - (1 - start_factor) * progress)
""",
        "grows geometrically instead of linearly": """
def warmup_lr(step, base_lr, warmup_steps, start_factor):
    return base_lr * start_factor ** (1 - min(step, warmup_steps) / warmup_steps)
""",
    },
}

MISTAKES["sgd_update"]["the buffer is the gradient tensor itself (no clone), then updated in place"] = """
def sgd_update(param, grad, state, lr, momentum, dampening, weight_decay, nesterov):
    if weight_decay != 0:
        grad = grad + weight_decay * param
    if momentum != 0:
        if "momentum_buffer" not in state:
            state["momentum_buffer"] = grad
        else:
            state["momentum_buffer"].mul_(momentum).add_(grad, alpha=1 - dampening)
        buffer = state["momentum_buffer"]
        grad = grad + momentum * buffer if nesterov else buffer
    param -= lr * grad
"""
