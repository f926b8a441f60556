"""Typical wrong answers for 6_llms/09_quantisation_and_pruning. Each must be rejected by its check cell."""

MISTAKES = {
    "absmax_quantize": {
        "divides by 2**(bits-1) (128) instead of 2**(bits-1) - 1 (127)": """
def absmax_quantize(x, bits=8):
    largest = x.abs().max().item()
    scale = largest / 2 ** (bits - 1) if largest > 0 else 1.0
    return torch.clamp(torch.round(x / scale), -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1).to(torch.int8), scale
""",
        "scales by the largest value, not the largest magnitude": """
def absmax_quantize(x, bits=8):
    q_max = 2 ** (bits - 1) - 1
    largest = x.max().item()
    scale = largest / q_max if largest > 0 else 1.0
    return torch.clamp(torch.round(x / scale), -q_max, q_max).to(torch.int8), scale
""",
        "truncates towards zero instead of rounding": """
def absmax_quantize(x, bits=8):
    q_max = 2 ** (bits - 1) - 1
    largest = x.abs().max().item()
    scale = largest / q_max if largest > 0 else 1.0
    return (x / scale).to(torch.int8), scale
""",
        "divides by zero on a tensor of zeros": """
def absmax_quantize(x, bits=8):
    q_max = 2 ** (bits - 1) - 1
    scale = x.abs().max().item() / q_max
    return torch.clamp(torch.round(x / scale), -q_max, q_max).to(torch.int8), scale
""",
        "returns the scale as a tensor": """
def absmax_quantize(x, bits=8):
    q_max = 2 ** (bits - 1) - 1
    largest = x.abs().max()
    scale = largest / q_max if largest > 0 else torch.tensor(1.0)
    return torch.clamp(torch.round(x / scale), -q_max, q_max).to(torch.int8), scale
""",
        "returns q as floats": """
def absmax_quantize(x, bits=8):
    q_max = 2 ** (bits - 1) - 1
    largest = x.abs().max().item()
    scale = largest / q_max if largest > 0 else 1.0
    return torch.clamp(torch.round(x / scale), -q_max, q_max), scale
""",
        "always uses 127": """
def absmax_quantize(x, bits=8):
    largest = x.abs().max().item()
    scale = largest / 127 if largest > 0 else 1.0
    return torch.clamp(torch.round(x / scale), -127, 127).to(torch.int8), scale
""",
    },
    "zero_point_quantize": {
        "does not widen the range to include 0": """
def zero_point_quantize(x, bits=8):
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = x.min().item(), x.max().item()
    scale = (high - low) / (q_max - q_min) if high > low else 1.0
    zero_point = q_min - round(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, q_min, q_max).to(torch.int8)
    return q, scale, int(zero_point)
""",
        "adds round(low / scale) to q_min instead of subtracting it": """
def zero_point_quantize(x, bits=8):
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / (q_max - q_min) if high > low else 1.0
    zero_point = q_min + round(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, q_min, q_max).to(torch.int8)
    return q, scale, int(zero_point)
""",
        "divides the range by 2**bits instead of 2**bits - 1 steps": """
def zero_point_quantize(x, bits=8):
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / 2 ** bits if high > low else 1.0
    zero_point = q_min - round(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, q_min, q_max).to(torch.int8)
    return q, scale, int(zero_point)
""",
        "always uses the int8 range": """
def zero_point_quantize(x, bits=8):
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / 255 if high > low else 1.0
    zero_point = -128 - round(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, -128, 127).to(torch.int8)
    return q, scale, int(zero_point)
""",
        "floors the zero point": """
def zero_point_quantize(x, bits=8):
    import math
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / (q_max - q_min) if high > low else 1.0
    zero_point = q_min - math.floor(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, q_min, q_max).to(torch.int8)
    return q, scale, int(zero_point)
""",
        "returns the zero point as a float": """
def zero_point_quantize(x, bits=8):
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / (q_max - q_min) if high > low else 1.0
    zero_point = q_min - round(low / scale)
    q = torch.clamp(torch.round(x / scale) + zero_point, q_min, q_max).to(torch.int8)
    return q, scale, float(zero_point)
""",
        "forgets to add the zero point to q": """
def zero_point_quantize(x, bits=8):
    q_min, q_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    low, high = min(x.min().item(), 0.0), max(x.max().item(), 0.0)
    scale = (high - low) / (q_max - q_min) if high > low else 1.0
    zero_point = q_min - round(low / scale)
    q = torch.clamp(torch.round(x / scale), q_min, q_max).to(torch.int8)
    return q, scale, int(zero_point)
""",
    },
    "magnitude_prune": {
        "prunes the smallest values, not the smallest magnitudes": """
def magnitude_prune(weight, sparsity):
    count = round(sparsity * weight.numel())
    pruned = weight.clone()
    if count > 0:
        pruned.view(-1)[torch.topk(weight.reshape(-1), count, largest=False).indices] = 0.0
    return pruned
""",
        "truncates the count with int() instead of rounding": """
def magnitude_prune(weight, sparsity):
    count = int(sparsity * weight.numel())
    pruned = weight.clone()
    if count > 0:
        pruned.view(-1)[torch.topk(weight.abs().reshape(-1), count, largest=False).indices] = 0.0
    return pruned
""",
        "zeros the largest weights": """
def magnitude_prune(weight, sparsity):
    count = round(sparsity * weight.numel())
    pruned = weight.clone()
    if count > 0:
        pruned.view(-1)[torch.topk(weight.abs().reshape(-1), count).indices] = 0.0
    return pruned
""",
        "returns the mask instead of the pruned weights": """
def magnitude_prune(weight, sparsity):
    count = round(sparsity * weight.numel())
    mask = torch.ones_like(weight)
    if count > 0:
        mask.view(-1)[torch.topk(weight.abs().reshape(-1), count, largest=False).indices] = 0.0
    return mask
""",
        "prunes per row instead of over the whole tensor": """
def magnitude_prune(weight, sparsity):
    if weight.dim() < 2:
        weight2 = weight.reshape(1, -1)
    else:
        weight2 = weight
    count = round(sparsity * weight2.shape[-1])
    pruned = weight2.clone()
    if count > 0:
        indices = torch.topk(weight2.abs(), count, dim=-1, largest=False).indices
        pruned.scatter_(-1, indices, 0.0)
    return pruned.reshape(weight.shape)
""",
    },
}

FAMILY_EXEMPTIONS: dict = {}
