"""Typical wrong answers for 5_transformers/08_mixture_of_experts. Each must be rejected by its check."""


def _gating(body: str) -> str:
    return "\ndef top_k_gating(logits, k):\n" + body


def _slots(body: str) -> str:
    return "\ndef expert_slots(experts, num_experts, capacity):\n" + body


def _balance(body: str) -> str:
    return "\ndef load_balancing_loss(probabilities, experts):\n    num_experts = probabilities.shape[-1]\n" + body


_RIGHT_SHARES = (
    "    shares = torch.bincount(experts.reshape(-1), minlength=num_experts).to(probabilities.dtype)"
    " / experts.numel()\n"
)


def _moe(dispatch: str = "", experts_run: str = "", combine: str = "") -> str:
    """moe_forward with one of its three steps replaced (the right one by default)."""
    dispatch = dispatch or (
        "    buffer = tokens.new_zeros(layer.num_experts, capacity, channels)\n"
        "    buffer = buffer.index_put((experts[keep], slots[keep]), tokens[token_of[keep]])\n"
    )
    experts_run = experts_run or (
        "    hidden = F.gelu(torch.baddbmm(layer.expand_bias[:, None, :], buffer, layer.expand_weight))\n"
        "    results = torch.baddbmm(layer.project_bias[:, None, :], hidden, layer.project_weight)\n"
    )
    combine = combine or (
        "    gathered = results[experts, slots.clamp(max=capacity - 1)]\n"
        "    return ((weights * keep)[..., None] * gathered).sum(dim=1), probabilities, experts, keep\n"
    )
    return (
        """
def moe_forward(layer, tokens):
    num_tokens, channels = tokens.shape
    probabilities, weights, experts = top_k_gating(layer.router(tokens), layer.k)
    capacity = layer.capacity(num_tokens)
    slots, keep = expert_slots(experts, layer.num_experts, capacity)
    token_of = torch.arange(num_tokens)[:, None].expand_as(experts)
"""
        + dispatch
        + experts_run
        + combine
    )


MISTAKES = {
    "top_k_gating": {
        "torch.topk: ties go to whichever expert topk picks (often the higher index)": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    top, experts = torch.topk(probabilities, k, dim=-1)\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "forgets to renormalise the kept probabilities": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    return probabilities, top[:, :k], experts[:, :k]\n"
        ),
        "the naive softmax: exp overflows at logits of 1000": _gating(
            "    exponentials = logits.exp()\n"
            "    probabilities = exponentials / exponentials.sum(dim=-1, keepdim=True)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    top, experts = top[:, :k], experts[:, :k]\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "softmax over the tokens (axis 0) instead of the experts": _gating(
            "    probabilities = torch.softmax(logits, dim=0)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    top, experts = top[:, :k], experts[:, :k]\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "keeps the k least probable experts (an ascending sort)": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, stable=True)\n"
            "    top, experts = top[:, :k], experts[:, :k]\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "returns the chosen experts in index order, not by rank": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    order = torch.sort(probabilities, dim=-1, descending=True, stable=True).indices[:, :k]\n"
            "    experts = order.sort(dim=-1).values\n"
            "    top = probabilities.gather(1, experts)\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "renormalises with a second softmax over the kept probabilities": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    return probabilities, torch.softmax(top[:, :k], dim=-1), experts[:, :k]\n"
        ),
        "always k = 2": _gating(
            "    probabilities = torch.softmax(logits, dim=-1)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    top, experts = top[:, :2], experts[:, :2]\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
        "computes in float32 whatever the logits' dtype": _gating(
            "    probabilities = torch.softmax(logits.float(), dim=-1)\n"
            "    top, experts = torch.sort(probabilities, dim=-1, descending=True, stable=True)\n"
            "    top, experts = top[:, :k], experts[:, :k]\n"
            "    return probabilities, top / top.sum(dim=-1, keepdim=True), experts\n"
        ),
    },
    "expert_slots": {
        "token by token: a token's second choice arrives before the next token's first": _slots(
            "    num_tokens, k = experts.shape\n"
            "    arrivals = experts.reshape(-1)\n"
            "    slots = F.one_hot(arrivals, num_experts).cumsum(dim=0).gather(1, arrivals[:, None]).squeeze(1) - 1\n"
            "    slots = slots.reshape(num_tokens, k)\n"
            "    return slots, slots < capacity\n"
        ),
        "slots counted from 1": _slots(
            "    num_tokens, k = experts.shape\n"
            "    arrivals = experts.T.reshape(-1)\n"
            "    slots = F.one_hot(arrivals, num_experts).cumsum(dim=0).gather(1, arrivals[:, None]).squeeze(1)\n"
            "    slots = slots.reshape(k, num_tokens).T\n"
            "    return slots, slots < capacity\n"
        ),
        "keeps one too many: slot <= capacity": _slots(
            "    num_tokens, k = experts.shape\n"
            "    arrivals = experts.T.reshape(-1)\n"
            "    slots = F.one_hot(arrivals, num_experts).cumsum(dim=0).gather(1, arrivals[:, None]).squeeze(1) - 1\n"
            "    slots = slots.reshape(k, num_tokens).T\n"
            "    return slots, slots <= capacity\n"
        ),
        "one queue for all experts (the position among all assignments)": _slots(
            "    num_tokens, k = experts.shape\n"
            "    slots = torch.arange(k * num_tokens).reshape(k, num_tokens).T\n"
            "    return slots, slots < capacity\n"
        ),
        "reshapes (k * N) straight to (N, k) without the transpose": _slots(
            "    num_tokens, k = experts.shape\n"
            "    arrivals = experts.T.reshape(-1)\n"
            "    slots = F.one_hot(arrivals, num_experts).cumsum(dim=0).gather(1, arrivals[:, None]).squeeze(1) - 1\n"
            "    slots = slots.reshape(num_tokens, k)\n"
            "    return slots, slots < capacity\n"
        ),
        "the capacity counts tokens per rank (each rank gets its own capacity)": _slots(
            "    num_tokens, k = experts.shape\n"
            "    one_hot = F.one_hot(experts, num_experts)  # (N, k, E)\n"
            "    slots = (one_hot.cumsum(dim=0) * one_hot).sum(dim=-1) - 1\n"
            "    return slots, slots < capacity\n"
        ),
        "keep returned as 0/1 integers": _slots(
            "    num_tokens, k = experts.shape\n"
            "    arrivals = experts.T.reshape(-1)\n"
            "    slots = F.one_hot(arrivals, num_experts).cumsum(dim=0).gather(1, arrivals[:, None]).squeeze(1) - 1\n"
            "    slots = slots.reshape(k, num_tokens).T\n"
            "    return slots, (slots < capacity).long()\n"
        ),
    },
    "load_balancing_loss": {
        "forgets the factor E (the loss is 1/E under balance)": _balance(
            _RIGHT_SHARES + "    return (shares * probabilities.mean(dim=0)).sum()\n"
        ),
        "shares over N tokens, not N * k assignments (k under balance)": _balance(
            "    shares = torch.bincount(experts.reshape(-1), minlength=num_experts).to(probabilities.dtype)"
            " / len(experts)\n"
            "    return num_experts * (shares * probabilities.mean(dim=0)).sum()\n"
        ),
        "counts only the first choices (GShard's convention, not ours)": _balance(
            "    shares = torch.bincount(experts[:, 0], minlength=num_experts).to(probabilities.dtype) / len(experts)\n"
            "    return num_experts * (shares * probabilities.mean(dim=0)).sum()\n"
        ),
        "detaches the probabilities: no gradient reaches the router": _balance(
            _RIGHT_SHARES + "    return num_experts * (shares * probabilities.detach().mean(dim=0)).sum()\n"
        ),
        "uses P for both factors (E * sum P_i^2): a gradient through f as well": _balance(
            "    mean_probabilities = probabilities.mean(dim=0)\n"
            "    return num_experts * (mean_probabilities * mean_probabilities).sum()\n"
        ),
        "sums the probabilities over the tokens instead of averaging them": _balance(
            _RIGHT_SHARES + "    return num_experts * (shares * probabilities.sum(dim=0)).sum()\n"
        ),
        "averages over the experts instead of summing": _balance(
            _RIGHT_SHARES + "    return num_experts * (shares * probabilities.mean(dim=0)).mean()\n"
        ),
        "returns a Python float": _balance(
            _RIGHT_SHARES + "    return float(num_experts * (shares * probabilities.mean(dim=0)).sum())\n"
        ),
    },
    "moe_forward": {
        "forgets the gate weights (every expert counts fully)": _moe(
            combine="    gathered = results[experts, slots.clamp(max=capacity - 1)]\n"
            "    return (keep[..., None] * gathered).sum(dim=1), probabilities, experts, keep\n"
        ),
        "forgets to zero the dropped assignments (they read another token's slot)": _moe(
            combine="    gathered = results[experts, slots.clamp(max=capacity - 1)]\n"
            "    return (weights[..., None] * gathered).sum(dim=1), probabilities, experts, keep\n"
        ),
        "weights by the raw probabilities instead of the renormalised weights": _moe(
            combine="    gathered = results[experts, slots.clamp(max=capacity - 1)]\n"
            "    gates = probabilities.gather(1, experts) * keep\n"
            "    return (gates[..., None] * gathered).sum(dim=1), probabilities, experts, keep\n"
        ),
        "ignores the capacity: every assignment is processed": """
def moe_forward(layer, tokens):
    num_tokens, channels = tokens.shape
    probabilities, weights, experts = top_k_gating(layer.router(tokens), layer.k)
    slots, keep = expert_slots(experts, layer.num_experts, num_tokens * layer.k)
    token_of = torch.arange(num_tokens)[:, None].expand_as(experts)
    buffer = tokens.new_zeros(layer.num_experts, num_tokens * layer.k, channels)
    buffer = buffer.index_put((experts.reshape(-1), slots.reshape(-1)), tokens[token_of.reshape(-1)])
    hidden = F.gelu(torch.baddbmm(layer.expand_bias[:, None, :], buffer, layer.expand_weight))
    results = torch.baddbmm(layer.project_bias[:, None, :], hidden, layer.project_weight)
    gathered = results[experts, slots]
    return (weights[..., None] * gathered).sum(dim=1), probabilities, experts, keep
""",
        "forgets the biases of the experts": _moe(
            experts_run="    hidden = F.gelu(buffer @ layer.expand_weight)\n"
            "    results = hidden @ layer.project_weight\n"
        ),
        "ReLU instead of the GPT's GELU": _moe(
            experts_run="    hidden = F.relu(torch.baddbmm(layer.expand_bias[:, None, :], buffer, "
            "layer.expand_weight))\n"
            "    results = torch.baddbmm(layer.project_bias[:, None, :], hidden, layer.project_weight)\n"
        ),
        "dispatches every token to slot order by token index (ignores the slots)": _moe(
            dispatch="    buffer = tokens.new_zeros(layer.num_experts, capacity, channels)\n"
            "    order = torch.arange(num_tokens)[:, None].expand_as(experts).clamp(max=capacity - 1)\n"
            "    buffer = buffer.index_put((experts[keep], order[keep]), tokens[token_of[keep]])\n"
            "    slots = order\n"
        ),
        "every expert gets expert 0's weights": _moe(
            experts_run="    hidden = F.gelu(torch.baddbmm(layer.expand_bias[:1, None, :], buffer, "
            "layer.expand_weight[:1]"
            ".expand_as(layer.expand_weight)))\n"
            "    results = torch.baddbmm(layer.project_bias[:1, None, :], hidden, layer.project_weight[:1]"
            ".expand_as(layer.project_weight))\n"
        ),
        "the mean over the k choices instead of the weighted sum": _moe(
            combine="    gathered = results[experts, slots.clamp(max=capacity - 1)]\n"
            "    return ((weights * keep)[..., None] * gathered).mean(dim=1), probabilities, experts, keep\n"
        ),
    },
}

FAMILY_EXEMPTIONS: dict[str, dict[str, str]] = {}
