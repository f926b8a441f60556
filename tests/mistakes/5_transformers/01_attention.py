"""Typical wrong answers for 5_transformers/01_attention. Each must be rejected by its check cell."""

MISTAKES = {
    "additive_scores": {
        "forgets the tanh (a linear score)": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return ((query @ query_weight.T)[:, None, :] + keys @ key_weight.T) @ score_vector
""",
        "applies tanh after the score vector": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return torch.tanh(((query @ query_weight.T)[:, None, :] + keys @ key_weight.T) @ score_vector)
""",
        "returns the softmax weights instead of the scores": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    scores = torch.tanh((query @ query_weight.T)[:, None, :] + keys @ key_weight.T) @ score_vector
    return torch.softmax(scores, dim=-1)
""",
        "forgets to transpose the weight matrices": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return torch.tanh((query @ query_weight)[:, None, :] + keys @ key_weight) @ score_vector
""",
        "broadcasts the query along the batch axis instead of the length axis": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return torch.tanh((query @ query_weight.T)[None, :, :] + keys @ key_weight.T) @ score_vector
""",
        "sums the hidden units instead of weighting them by the score vector": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return torch.tanh((query @ query_weight.T)[:, None, :] + keys @ key_weight.T).sum(dim=-1)
""",
        "a multiplicative (Luong 'general') score instead of the additive one": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return ((keys @ key_weight.T) * (query @ query_weight.T)[:, None, :]) @ score_vector
""",
        "projects the query with the key weights": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    return torch.tanh((query @ key_weight[:, : query.shape[-1]].T)[:, None, :] + keys @ key_weight.T) @ score_vector
""",
        "computes in float64 whatever the input dtype": """
def additive_scores(query, keys, query_weight, key_weight, score_vector):
    query, keys = query.double(), keys.double()
    query_weight, key_weight, score_vector = query_weight.double(), key_weight.double(), score_vector.double()
    return torch.tanh((query @ query_weight.T)[:, None, :] + keys @ key_weight.T) @ score_vector
""",
    },
    "stable_softmax": {
        "the naive formula: exp overflows at scores of 1e4": """
def stable_softmax(scores, dim=-1):
    exponentials = torch.exp(scores)
    return exponentials / exponentials.sum(dim=dim, keepdim=True)
""",
        "subtracts one global maximum instead of the maximum of each row": """
def stable_softmax(scores, dim=-1):
    finite = scores[torch.isfinite(scores)]
    shift = finite.max() if finite.numel() else torch.zeros((), dtype=scores.dtype)
    exponentials = torch.exp(scores - shift)
    total = exponentials.sum(dim=dim, keepdim=True)
    return torch.where(total > 0, exponentials / total.clamp_min(1e-30), 0.0)
""",
        "torch.softmax: NaN for a fully masked row": """
def stable_softmax(scores, dim=-1):
    return torch.softmax(scores, dim=dim)
""",
        "replaces -inf by -1e9: a fully masked row becomes uniform": """
def stable_softmax(scores, dim=-1):
    return torch.softmax(scores.clamp_min(-1e9), dim=dim)
""",
        "always along the last axis, whatever dim says": """
def stable_softmax(scores, dim=-1):
    row_max = scores.amax(dim=-1, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    exponentials = torch.exp(scores - row_max)
    total = exponentials.sum(dim=-1, keepdim=True)
    return torch.where(total > 0, exponentials / total.clamp_min(1e-30), 0.0)
""",
        "subtracts the maximum in place (changes the caller's scores)": """
def stable_softmax(scores, dim=-1):
    row_max = scores.amax(dim=dim, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    scores -= row_max
    exponentials = torch.exp(scores)
    total = exponentials.sum(dim=dim, keepdim=True)
    return torch.where(total > 0, exponentials / total.clamp_min(1e-30), 0.0)
""",
        "NaN for a fully masked row (the -inf maximum is subtracted)": """
def stable_softmax(scores, dim=-1):
    exponentials = torch.exp(scores - scores.amax(dim=dim, keepdim=True))
    return exponentials / exponentials.sum(dim=dim, keepdim=True)
""",
        "divides by the sum plus an epsilon (the weights no longer sum to 1)": """
def stable_softmax(scores, dim=-1):
    row_max = scores.amax(dim=dim, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    exponentials = torch.exp(scores - row_max)
    return exponentials / (exponentials.sum(dim=dim, keepdim=True) + 1e-3)
""",
        "returns float32 whatever the input dtype": """
def stable_softmax(scores, dim=-1):
    scores = scores.float()
    row_max = scores.amax(dim=dim, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    exponentials = torch.exp(scores - row_max)
    total = exponentials.sum(dim=dim, keepdim=True)
    return torch.where(total > 0, exponentials / total.clamp_min(1e-30), 0.0)
""",
    },
    "causal_mask": {
        "triu: lets each query see the future instead of the past": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length, dtype=torch.bool).triu()
""",
        "off by one: forbids the diagonal (a token cannot see itself)": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length, dtype=torch.bool).tril(-1)
""",
        "off by one: lets each query see one token ahead": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length, dtype=torch.bool).tril(1)
""",
        "inverted polarity: True where the key is masked": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length, dtype=torch.bool).triu(1)
""",
        "aligned at the bottom right instead of the top left": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length, dtype=torch.bool).tril(key_length - query_length)
""",
        "a float 0/1 mask instead of a boolean one": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, key_length).tril()
""",
        "square: uses the query length for both sides": """
def causal_mask(query_length, key_length):
    return torch.ones(query_length, query_length, dtype=torch.bool).tril()
""",
    },
    "scaled_dot_product_attention": {
        "scales by d_k instead of sqrt(d_k)": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / query.shape[-1]
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "no scaling at all": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1)
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "scales by the square root of the value size": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(value.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "scales by the square root of the number of keys": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(key.shape[-2])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "softmax over the queries (dim=-2) instead of the keys": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-2)
    return weights @ value, weights
""",
        "inverted mask polarity: masks where the mask is True": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "applies the mask after the softmax (the weights no longer sum to 1)": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    weights = stable_softmax(scores, dim=-1)
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        weights = weights * attn_mask
    elif attn_mask is not None:
        weights = weights + attn_mask
    return weights @ value, weights
""",
        "ignores float masks (only booleans are applied)": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "multiplies the scores by a float mask instead of adding it": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores * attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "causal mask off by one: the diagonal is masked": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = torch.ones(query.shape[-2], key.shape[-2], dtype=torch.bool).tril(-1)
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "causal mask aligned at the bottom right": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        length, source = query.shape[-2], key.shape[-2]
        attn_mask = torch.ones(length, source, dtype=torch.bool).tril(source - length)
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "torch.softmax: NaN where a query may attend to nothing": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "masks with -1e9 instead of -inf: a fully masked query averages everything": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, -1e9)
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "ignores is_causal when no mask is given": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, weights
""",
        "returns only the output, not (output, weights)": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    return stable_softmax(scores, dim=-1) @ value
""",
        "returns the weights before the mask (the raw softmax of the scores)": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    raw_weights = stable_softmax(scores, dim=-1)
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ value, raw_weights
""",
        "multiplies by the key instead of the value": """
def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2])
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = stable_softmax(scores, dim=-1)
    return weights @ key, weights
""",
    },
}
