"""Typical wrong answers for 3_neural_networks/08_normalisation_and_regularisation. Each must be rejected."""

_NORMALISE = "    outputs = (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps)\n"

_BATCH_NORM_AFFINE = """
    if weight is not None:
        outputs = outputs * weight.reshape(shape)
    if bias is not None:
        outputs = outputs + bias.reshape(shape)
    return outputs, new_running_mean, new_running_var
"""


def _batch_norm(training_branch: str, evaluation_branch: str | None = None, normalise: str | None = None) -> str:
    """A batch_norm whose training branch (and optionally evaluation branch or normalisation) is replaced."""
    evaluation_branch = evaluation_branch or """
        mean, variance = running_mean, running_var
        new_running_mean, new_running_var = running_mean, running_var
"""
    normalise = normalise or _NORMALISE
    return (
        """
def batch_norm(inputs, running_mean, running_var, weight=None, bias=None, training=True, momentum=0.1, eps=1e-5):
    axes = [0, *range(2, inputs.dim())]
    shape = [1, -1] + [1] * (inputs.dim() - 2)
    if training:
"""
        + training_branch.strip("\n")
        + "\n    else:\n"
        + evaluation_branch.strip("\n")
        + "\n"
        + normalise
        + _BATCH_NORM_AFFINE
    )


_RIGHT_TRAINING = """
        mean = inputs.mean(dim=axes)
        variance = inputs.var(dim=axes, correction=0)
        count = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            new_running_mean = (1 - momentum) * running_mean + momentum * mean
            new_running_var = (1 - momentum) * running_var + momentum * variance * count / (count - 1)
"""


def _layer_norm(statistics: str, normalise: str = "    outputs = (inputs - mean) / torch.sqrt(variance + eps)\n",
                affine: str = "    if weight is not None:\n        outputs = outputs * weight\n"
                "    if bias is not None:\n        outputs = outputs + bias\n") -> str:
    return (
        "\ndef layer_norm(inputs, normalized_shape, weight=None, bias=None, eps=1e-5):\n"
        + statistics.strip("\n")
        + "\n"
        + normalise
        + affine
        + "    return outputs\n"
    )


_LAST_AXES = "    axes = tuple(range(inputs.dim() - len(normalized_shape), inputs.dim()))\n"
_LN_STATISTICS = (
    "    mean = inputs.mean(dim=axes, keepdim=True)\n    variance = inputs.var(dim=axes, keepdim=True, correction=0)\n"
)

MISTAKES = {
    "batch_norm": {
        "biased variance in the running estimate": _batch_norm(
            _RIGHT_TRAINING.replace("variance * count / (count - 1)", "variance")
        ),
        "normalises with the unbiased variance (torch.var's default)": _batch_norm(
            _RIGHT_TRAINING.replace("inputs.var(dim=axes, correction=0)", "inputs.var(dim=axes)").replace(
                "variance * count / (count - 1)", "variance"
            )
        ),
        "normalises over the feature axis instead of the batch": """
def batch_norm(inputs, running_mean, running_var, weight=None, bias=None, training=True, momentum=0.1, eps=1e-5):
    shape = [1, -1] + [1] * (inputs.dim() - 2)
    if training:
        mean = inputs.mean(dim=1, keepdim=True)
        variance = inputs.var(dim=1, keepdim=True, correction=0)
        count = inputs.shape[1]
        with torch.no_grad():
            batch_mean = inputs.mean(dim=[0, *range(2, inputs.dim())])
            batch_var = inputs.var(dim=[0, *range(2, inputs.dim())], correction=0)
            n = inputs.numel() // inputs.shape[1]
            new_running_mean = (1 - momentum) * running_mean + momentum * batch_mean
            new_running_var = (1 - momentum) * running_var + momentum * batch_var * n / (n - 1)
        outputs = (inputs - mean) / torch.sqrt(variance + eps)
    else:
        new_running_mean, new_running_var = running_mean, running_var
        outputs = (inputs - running_mean.reshape(shape)) / torch.sqrt(running_var.reshape(shape) + eps)
    if weight is not None:
        outputs = outputs * weight.reshape(shape)
    if bias is not None:
        outputs = outputs + bias.reshape(shape)
    return outputs, new_running_mean, new_running_var
""",
        "3-D inputs: statistics over the batch axis only, not over L": """
def batch_norm(inputs, running_mean, running_var, weight=None, bias=None, training=True, momentum=0.1, eps=1e-5):
    shape = [1, -1] + [1] * (inputs.dim() - 2)
    if training:
        mean = inputs.mean(dim=0, keepdim=True)
        variance = inputs.var(dim=0, keepdim=True, correction=0)
        count = inputs.shape[0]
        with torch.no_grad():
            per_feature_mean = mean.reshape(inputs.shape[1], -1).mean(dim=1)
            per_feature_var = variance.reshape(inputs.shape[1], -1).mean(dim=1)
            new_running_mean = (1 - momentum) * running_mean + momentum * per_feature_mean
            new_running_var = (1 - momentum) * running_var + momentum * per_feature_var * count / (count - 1)
    else:
        mean, variance = running_mean.reshape(shape), running_var.reshape(shape)
        new_running_mean, new_running_var = running_mean, running_var
    outputs = (inputs - mean) / torch.sqrt(variance + eps)
    if weight is not None:
        outputs = outputs * weight.reshape(shape)
    if bias is not None:
        outputs = outputs + bias.reshape(shape)
    return outputs, new_running_mean, new_running_var
""",
        "unbiased correction with N instead of N * L values per feature": _batch_norm(
            _RIGHT_TRAINING.replace("count = inputs.numel() // inputs.shape[1]", "count = inputs.shape[0]")
        ),
        "eps outside the square root": _batch_norm(
            _RIGHT_TRAINING,
            normalise="    outputs = (inputs - mean.reshape(shape)) / (torch.sqrt(variance.reshape(shape)) + eps)\n",
        ),
        "forgets eps": _batch_norm(
            _RIGHT_TRAINING, normalise=_NORMALISE.replace(" + eps)", ")")
        ),
        "momentum the wrong way round (Keras convention)": _batch_norm(
            _RIGHT_TRAINING.replace("(1 - momentum) * running_mean", "momentum * running_mean")
            .replace("momentum * mean", "(1 - momentum) * mean")
            .replace("(1 - momentum) * running_var", "momentum * running_var")
            .replace("momentum * variance", "(1 - momentum) * variance")
        ),
        "updates the running statistics in evaluation mode too": _batch_norm(
            _RIGHT_TRAINING,
            evaluation_branch="""
        mean, variance = running_mean, running_var
        count = inputs.numel() // inputs.shape[1]
        batch_mean = inputs.mean(dim=axes)
        batch_var = inputs.var(dim=axes, correction=0) * count / (count - 1)
        new_running_mean = (1 - momentum) * running_mean + momentum * batch_mean
        new_running_var = (1 - momentum) * running_var + momentum * batch_var
""",
        ),
        "uses the batch statistics in evaluation mode": _batch_norm(
            _RIGHT_TRAINING,
            evaluation_branch="""
        mean = inputs.mean(dim=axes)
        variance = inputs.var(dim=axes, correction=0)
        new_running_mean, new_running_var = running_mean, running_var
""",
        ),
        "normalises training batches with the updated running statistics": _batch_norm(
            _RIGHT_TRAINING + "        mean, variance = new_running_mean, new_running_var\n"
        ),
        "running statistics attached to the autograd graph": _batch_norm(
            _RIGHT_TRAINING.replace("        with torch.no_grad():\n", "        if True:\n")
        ),
        "detaches the batch statistics (wrong gradient)": _batch_norm(
            _RIGHT_TRAINING.replace("mean = inputs.mean(dim=axes)", "mean = inputs.mean(dim=axes).detach()")
            .replace("inputs.var(dim=axes, correction=0)", "inputs.var(dim=axes, correction=0).detach()")
        ),
        "variance as E[x^2] - E[x]^2 (unstable)": _batch_norm(
            _RIGHT_TRAINING.replace(
                "variance = inputs.var(dim=axes, correction=0)", "variance = (inputs ** 2).mean(dim=axes) - mean ** 2"
            )
        ),
        "updates the running statistics in place instead of returning new ones": _batch_norm(
            """
        mean = inputs.mean(dim=axes)
        variance = inputs.var(dim=axes, correction=0)
        count = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * count / (count - 1))
        new_running_mean, new_running_var = running_mean, running_var
"""
        ),
        "swaps the roles of weight and bias": _batch_norm(_RIGHT_TRAINING).replace(
            "outputs * weight.reshape(shape)", "outputs * bias.reshape(shape) if bias is not None else outputs"
        ).replace(
            "outputs + bias.reshape(shape)", "outputs + weight.reshape(shape) if weight is not None else outputs"
        ),
        "unbiased correction counting every element of the batch, not per feature": _batch_norm(
            _RIGHT_TRAINING.replace("count = inputs.numel() // inputs.shape[1]", "count = inputs.numel()")
        ),
        "ignores the affine parameters": """
def batch_norm(inputs, running_mean, running_var, weight=None, bias=None, training=True, momentum=0.1, eps=1e-5):
    axes = [0, *range(2, inputs.dim())]
    shape = [1, -1] + [1] * (inputs.dim() - 2)
    if training:
        mean = inputs.mean(dim=axes)
        variance = inputs.var(dim=axes, correction=0)
        count = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            new_running_mean = (1 - momentum) * running_mean + momentum * mean
            new_running_var = (1 - momentum) * running_var + momentum * variance * count / (count - 1)
    else:
        mean, variance = running_mean, running_var
        new_running_mean, new_running_var = running_mean, running_var
    outputs = (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps)
    return outputs, new_running_mean, new_running_var
""",
        "returns float64 running statistics for float32 inputs": _batch_norm(
            _RIGHT_TRAINING.replace(
                "new_running_var = (1 - momentum) * running_var + momentum * variance * count / (count - 1)",
                "new_running_var = ((1 - momentum) * running_var + momentum * variance * count / (count - 1)).double()",
            ).replace(
                "new_running_mean = (1 - momentum) * running_mean + momentum * mean",
                "new_running_mean = ((1 - momentum) * running_mean + momentum * mean).double()",
            )
        ),
    },
    "layer_norm": {
        "normalises over the batch axis": _layer_norm(
            _LN_STATISTICS.replace("dim=axes", "dim=0")
        ),
        "only the last axis, whatever normalized_shape says": _layer_norm(
            _LN_STATISTICS.replace("dim=axes", "dim=-1")
        ),
        "unbiased variance": _layer_norm(
            _LAST_AXES + _LN_STATISTICS.replace(", correction=0", "")
        ),
        "eps outside the square root": _layer_norm(
            _LAST_AXES
            + _LN_STATISTICS,
            normalise="    outputs = (inputs - mean) / (torch.sqrt(variance) + eps)\n",
        ),
        "forgets eps": _layer_norm(
            _LAST_AXES
            + _LN_STATISTICS,
            normalise="    outputs = (inputs - mean) / torch.sqrt(variance)\n",
        ),
        "ignores the affine parameters": _layer_norm(
            _LAST_AXES
            + _LN_STATISTICS,
            affine="",
        ),
        "applies the bias only when there is a weight": _layer_norm(
            _LAST_AXES
            + _LN_STATISTICS,
            affine="    if weight is not None:\n        outputs = outputs * weight\n        if bias is not None:\n"
            "            outputs = outputs + bias\n",
        ),
        "variance as E[x^2] - E[x]^2 (unstable)": _layer_norm(
            _LAST_AXES
            + "    mean = inputs.mean(dim=axes, keepdim=True)\n"
            "    variance = (inputs ** 2).mean(dim=axes, keepdim=True) - mean ** 2\n"
        ),
        "detaches the statistics (wrong gradient)": _layer_norm(
            _LAST_AXES
            + "    mean = inputs.mean(dim=axes, keepdim=True).detach()\n"
            "    variance = inputs.var(dim=axes, keepdim=True, correction=0).detach()\n"
        ),
        "standard deviation from torch.std plus eps": _layer_norm(
            _LAST_AXES + "    mean = inputs.mean(dim=axes, keepdim=True)\n"
            "    std = inputs.std(dim=axes, keepdim=True)\n",
            normalise="    outputs = (inputs - mean) / (std + eps)\n",
        ),
    },
    "dropout": {
        "forgets to scale the survivors by 1 / (1 - p)": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    return inputs * (torch.rand_like(inputs) >= p)
""",
        "scales by (1 - p) instead of dividing": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    return inputs * (torch.rand_like(inputs) >= p) * (1 - p)
""",
        "drops with probability 1 - p (p read as the keep probability)": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 0:
        return torch.zeros_like(inputs)
    return inputs * (torch.rand_like(inputs) < p) / p
""",
        "still active in evaluation mode": """
def dropout(inputs, p, training):
    if p == 1:
        return torch.zeros_like(inputs)
    return inputs * (torch.rand_like(inputs) >= p) / (1 - p)
""",
        "original 2012 dropout: no scaling in training, times (1 - p) in evaluation": """
def dropout(inputs, p, training):
    if not training:
        return inputs * (1 - p)
    return inputs * (torch.rand_like(inputs) >= p)
""",
        "one mask shared by every example of the batch": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 1:
        return torch.zeros_like(inputs)
    keep = torch.rand(inputs.shape[1:], dtype=inputs.dtype) >= p
    return inputs * keep / (1 - p)
""",
        "one mask per example, shared by all its features": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 1:
        return torch.zeros_like(inputs)
    keep = torch.rand(inputs.shape[0], *([1] * (inputs.dim() - 1)), dtype=inputs.dtype) >= p
    return inputs * keep / (1 - p)
""",
        "scales by 1 / p instead of 1 / (1 - p)": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 0:
        return inputs
    return inputs * (torch.rand_like(inputs) >= p) / p
""",
        "divides by zero when p = 1": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    return inputs * (torch.rand_like(inputs) >= p) / (1 - p)
""",
        "changes the inputs in place": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 1:
        return inputs.zero_()
    return inputs.mul_(torch.rand_like(inputs) >= p).div_(1 - p)
""",
        "drops exactly a share p of the elements, the same positions every call": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 1:
        return torch.zeros_like(inputs)
    flat = torch.arange(inputs.numel()).reshape(inputs.shape)
    keep = (flat % 10) >= round(p * 10)
    return inputs * keep / (1 - p)
""",
        "returns float32 for float64 inputs": """
def dropout(inputs, p, training):
    if not training:
        return inputs
    if p == 1:
        return torch.zeros_like(inputs, dtype=torch.float32)
    return (inputs * (torch.rand_like(inputs) >= p) / (1 - p)).float()
""",
    },
    "should_stop": {
        "compares with the previous epoch, not with the best": """
def should_stop(validation_losses, patience, min_delta=0.0):
    count = 0
    for previous, loss in zip(validation_losses, validation_losses[1:]):
        count = 0 if loss < previous - min_delta else count + 1
    return count >= patience
""",
        "off by one: needs patience + 1 epochs without improvement": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
    return waited > patience
""",
        "counts every epoch without improvement, not just those since the best": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best - min_delta:
            best = loss
        else:
            waited += 1
    return waited >= patience
""",
        "an equal loss counts as an improvement": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss <= best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
    return waited >= patience
""",
        "min_delta with the wrong sign": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best + min_delta:
            best, waited = min(best, loss), 0
        else:
            waited += 1
    return waited >= patience
""",
        "epochs since the minimum, counting the minimum itself": """
def should_stop(validation_losses, patience, min_delta=0.0):
    if not validation_losses:
        return False
    best_epoch = min(range(len(validation_losses)), key=lambda epoch: validation_losses[epoch])
    return len(validation_losses) - best_epoch >= patience
""",
        "min_delta as a relative amount": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best * (1 - min_delta):
            best, waited = loss, 0
        else:
            waited += 1
    return waited >= patience
""",
        "returns a number instead of a bool": """
def should_stop(validation_losses, patience, min_delta=0.0):
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
    return int(waited >= patience)
""",
        "stops on an empty history": """
def should_stop(validation_losses, patience, min_delta=0.0):
    if not validation_losses:
        return True
    best, waited = math.inf, 0
    for loss in validation_losses:
        if loss < best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
    return waited >= patience
""",
    },
}
