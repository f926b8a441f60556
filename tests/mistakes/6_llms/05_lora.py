"""Typical wrong answers for 6_llms/05_lora. Each must be rejected by its check cell."""

MISTAKES = {
    "lora_forward": {
        "scales by alpha, not alpha / r": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    return F.linear(x, weight, bias) + alpha * F.linear(F.linear(x, lora_A), lora_B)
""",
        "scales by r / alpha": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    rank = lora_A.shape[0]
    return F.linear(x, weight, bias) + (rank / alpha) * F.linear(F.linear(x, lora_A), lora_B)
""",
        "takes the rank from the wrong dimension of A": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    rank = lora_A.shape[1]
    return F.linear(x, weight, bias) + (alpha / rank) * F.linear(F.linear(x, lora_A), lora_B)
""",
        "forgets the frozen layer's bias": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    rank = lora_A.shape[0]
    return F.linear(x, weight) + (alpha / rank) * F.linear(F.linear(x, lora_A), lora_B)
""",
        "returns only the low-rank update": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    rank = lora_A.shape[0]
    return (alpha / rank) * F.linear(F.linear(x, lora_A), lora_B)
""",
        "forgets the scale": """
def lora_forward(x, weight, bias, lora_A, lora_B, alpha):
    return F.linear(x, weight, bias) + F.linear(F.linear(x, lora_A), lora_B)
""",
    },
    "inject_lora": {
        "forgets to freeze the base model": """
def inject_lora(model, rank, alpha, target_modules):
    replacements = [(parent, name, child) for parent in model.modules()
                    for name, child in parent.named_children()
                    if name in target_modules and isinstance(child, nn.Linear)]
    for parent, name, child in replacements:
        setattr(parent, name, LoRALinear(child, rank, alpha))
    return model
""",
        "adapts every linear layer, ignoring target_modules": """
def inject_lora(model, rank, alpha, target_modules):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    replacements = [(parent, name, child) for parent in model.modules()
                    for name, child in parent.named_children() if isinstance(child, nn.Linear)]
    for parent, name, child in replacements:
        setattr(parent, name, LoRALinear(child, rank, alpha))
    return model
""",
        "only adapts the first layer": """
def inject_lora(model, rank, alpha, target_modules):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    replacements = [(parent, name, child) for parent in model.model.layers[0].modules()
                    for name, child in parent.named_children()
                    if name in target_modules and isinstance(child, nn.Linear)]
    for parent, name, child in replacements:
        setattr(parent, name, LoRALinear(child, rank, alpha))
    return model
""",
        "swaps rank and alpha": """
def inject_lora(model, rank, alpha, target_modules):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    replacements = [(parent, name, child) for parent in model.modules()
                    for name, child in parent.named_children()
                    if name in target_modules and isinstance(child, nn.Linear)]
    for parent, name, child in replacements:
        setattr(parent, name, LoRALinear(child, int(alpha), rank))
    return model
""",
        "freezes after injecting, so the adapters are frozen too": """
def inject_lora(model, rank, alpha, target_modules):
    replacements = [(parent, name, child) for parent in model.modules()
                    for name, child in parent.named_children()
                    if name in target_modules and isinstance(child, nn.Linear)]
    for parent, name, child in replacements:
        setattr(parent, name, LoRALinear(child, rank, alpha))
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    return model
""",
    },
    "merge_lora": {
        "merges in place into the LoRA layer's frozen weight": """
def merge_lora(layer):
    with torch.no_grad():
        layer.base.weight += (layer.alpha / layer.rank) * layer.lora_B @ layer.lora_A
    return layer.base
""",
        "forgets the scale": """
def merge_lora(layer):
    base = layer.base
    merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None)
    with torch.no_grad():
        merged.weight.copy_(base.weight + layer.lora_B @ layer.lora_A)
        if base.bias is not None:
            merged.bias.copy_(base.bias)
    return merged
""",
        "forgets to copy the bias": """
def merge_lora(layer):
    base = layer.base
    merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None)
    with torch.no_grad():
        merged.weight.copy_(base.weight + (layer.alpha / layer.rank) * layer.lora_B @ layer.lora_A)
    return merged
""",
        "returns the LoRA layer itself": """
def merge_lora(layer):
    return copy.deepcopy(layer)
""",
        "multiplies A B^T in the wrong order (transposed update)": """
def merge_lora(layer):
    base = layer.base
    merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None)
    with torch.no_grad():
        update = (layer.alpha / layer.rank) * (layer.lora_A.T @ layer.lora_B.T)
        merged.weight.copy_(base.weight + update.reshape(base.weight.shape))
        if base.bias is not None:
            merged.bias.copy_(base.bias)
    return merged
""",
    },
}
