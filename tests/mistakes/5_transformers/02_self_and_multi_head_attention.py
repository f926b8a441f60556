"""Typical wrong answers for 5_transformers/02_self_and_multi_head_attention. Each must be rejected by its check."""

_MHA_TEMPLATE = """
def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask=None, attn_mask=None, average_attn_weights=True):
    q, k, v = (split_heads(t, num_heads) for t in project_qkv(query, key, value, in_proj_weight, in_proj_bias))
    batch, _, length, _ = q.shape
    source_length = k.shape[-2]

    def additive(mask):
        if mask.dtype == torch.bool:
            return torch.zeros(mask.shape, dtype=q.dtype).masked_fill({KEEP}mask, float("-inf"))
        return {FLOAT}

    scores_mask = torch.zeros(batch, num_heads, length, source_length, dtype=q.dtype)
    if key_padding_mask is not None:
        scores_mask = scores_mask + additive(key_padding_mask){PADDING_AXES}
    if attn_mask is not None:
        extra = additive(attn_mask)
        scores_mask = scores_mask + ({PER_HEAD} if extra.dim() == 3 else extra)
    context, weights = attention.scaled_dot_product_attention(q, k, v, attn_mask=scores_mask)
    output = {OUTPUT}
    return output, ({AVERAGE} if average_attn_weights else weights)
"""

_CORRECT = {
    "KEEP": "",
    "FLOAT": "mask.to(q.dtype)",
    "PADDING_AXES": "[:, None, None, :]",
    "PER_HEAD": "extra.reshape(batch, num_heads, length, source_length)",
    "OUTPUT": "merge_heads(context) @ out_proj_weight.T + out_proj_bias",
    "AVERAGE": "weights.mean(dim=1)",
}


def _mha(**changes):
    fields = {**_CORRECT, **changes}
    return _MHA_TEMPLATE.format(**fields)


MISTAKES = {
    "project_qkv": {
        "takes the keys and values from the query (only right for self-attention)": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    return query @ w_q.T + b_q, query @ w_k.T + b_k, query @ w_v.T + b_v
""",
        "the blocks in the wrong order (keys first)": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_k, w_q, w_v = in_proj_weight.chunk(3)
    b_k, b_q, b_v = in_proj_bias.chunk(3)
    return query @ w_q.T + b_q, key @ w_k.T + b_k, value @ w_v.T + b_v
""",
        "x @ W instead of x @ W.T": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    return query @ w_q + b_q, key @ w_k + b_k, value @ w_v + b_v
""",
        "forgets the biases": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    return query @ w_q.T, key @ w_k.T, value @ w_v.T
""",
        "uses the query's bias block for all three": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q = in_proj_bias.chunk(3)[0]
    return query @ w_q.T + b_q, key @ w_k.T + b_q, value @ w_v.T + b_q
""",
        "splits the weight along its columns": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    embed_dim = query.shape[-1]
    w_q, w_k, w_v = in_proj_weight.T.reshape(embed_dim, 3, embed_dim).unbind(1)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    return query @ w_q.T + b_q, key @ w_k.T + b_k, value @ w_v.T + b_v
""",
        "projects the values from the keys": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    return query @ w_q.T + b_q, key @ w_k.T + b_k, key @ w_v.T + b_v
""",
        "returns a list instead of a tuple": """
def project_qkv(query, key, value, in_proj_weight, in_proj_bias):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    return [query @ w_q.T + b_q, key @ w_k.T + b_k, value @ w_v.T + b_v]
""",
    },
    "split_heads": {
        "reshape without the transpose": """
def split_heads(x, num_heads):
    batch, length, width = x.shape
    return x.reshape(batch, num_heads, length, width // num_heads)
""",
        "interleaves the heads (head h gets every H-th feature)": """
def split_heads(x, num_heads):
    batch, length, width = x.shape
    return x.reshape(batch, length, width // num_heads, num_heads).permute(0, 3, 1, 2)
""",
        "forgets to move the head axis: (B, L, H, d)": """
def split_heads(x, num_heads):
    batch, length, width = x.shape
    return x.reshape(batch, length, num_heads, width // num_heads)
""",
        "uses num_heads as the head size": """
def split_heads(x, num_heads):
    batch, length, width = x.shape
    return x.reshape(batch, length, width // num_heads, num_heads).transpose(1, 2)
""",
        "transposes the wrong pair of axes": """
def split_heads(x, num_heads):
    batch, length, width = x.shape
    return x.reshape(batch, length, num_heads, width // num_heads).transpose(1, 3)
""",
    },
    "merge_heads": {
        "reshape without the transpose": """
def merge_heads(x):
    batch, num_heads, length, head_size = x.shape
    return x.reshape(batch, length, num_heads * head_size)
""",
        "features first, heads second (interleaved)": """
def merge_heads(x):
    batch, num_heads, length, head_size = x.shape
    return x.permute(0, 2, 3, 1).reshape(batch, length, num_heads * head_size)
""",
        "averages the heads instead of concatenating them": """
def merge_heads(x):
    return x.mean(dim=1)
""",
        "forgets to flatten: (B, L, H, d)": """
def merge_heads(x):
    return x.transpose(1, 2)
""",
        "concatenates the heads along the length axis": """
def merge_heads(x):
    batch, num_heads, length, head_size = x.shape
    return x.reshape(batch, num_heads * length, head_size)
""",
    },
    "multi_head_attention": {
        "forgets the output projection": _mha(OUTPUT="merge_heads(context)"),
        "forgets the output projection's bias": _mha(OUTPUT="merge_heads(context) @ out_proj_weight.T"),
        "x @ W instead of x @ W.T in the output projection": _mha(
            OUTPUT="merge_heads(context) @ out_proj_weight + out_proj_bias"
        ),
        "mask polarity inverted: PyTorch's True (masked out) treated as keep": _mha(KEEP="~"),
        "ignores float masks": _mha(FLOAT="torch.zeros((), dtype=q.dtype)"),
        "a float mask is multiplied in as 0/1 keep flags": _mha(
            FLOAT="torch.zeros(mask.shape, dtype=q.dtype).masked_fill(mask == 0, float('-inf'))"
        ),
        "the key padding mask applied along the query axis": _mha(PADDING_AXES="[:, None, :, None]"),
        "per-head masks read head-major instead of sequence-major": _mha(
            PER_HEAD="extra.reshape(num_heads, batch, length, source_length).transpose(0, 1)"
        ),
        "sums the weights over the heads instead of averaging them": _mha(AVERAGE="weights.sum(dim=1)"),
        "averages over the first head only (returns head 0)": _mha(AVERAGE="weights[:, 0]"),
        "always returns per-head weights": _mha(AVERAGE="weights"),
        "one attention over the whole width (no heads)": """
def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask=None, attn_mask=None, average_attn_weights=True):
    q, k, v = project_qkv(query, key, value, in_proj_weight, in_proj_bias)
    mask = torch.zeros(q.shape[0], q.shape[1], k.shape[1], dtype=q.dtype)
    if key_padding_mask is not None:
        kpm = key_padding_mask
        mask = mask + (torch.zeros(kpm.shape, dtype=q.dtype).masked_fill(kpm, float("-inf"))
                       if kpm.dtype == torch.bool else kpm)[:, None, :]
    if attn_mask is not None:
        extra = (torch.zeros(attn_mask.shape, dtype=q.dtype).masked_fill(attn_mask, float("-inf"))
                 if attn_mask.dtype == torch.bool else attn_mask)
        mask = mask + (extra.reshape(q.shape[0], num_heads, q.shape[1], k.shape[1])[:, 0] if extra.dim() == 3
                       else extra)
    context, weights = attention.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    weights = weights if average_attn_weights else weights[:, None].expand(-1, num_heads, -1, -1)
    return context @ out_proj_weight.T + out_proj_bias, weights
""",
        "scales every head by sqrt(E) instead of sqrt(E / num_heads)": """
def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask=None, attn_mask=None, average_attn_weights=True):
    q, k, v = (split_heads(t, num_heads) for t in project_qkv(query, key, value, in_proj_weight, in_proj_bias))
    batch, _, length, _ = q.shape
    source_length = k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if key_padding_mask is not None:
        kpm = key_padding_mask
        scores = scores + (torch.zeros(kpm.shape, dtype=q.dtype).masked_fill(kpm, float("-inf"))
                           if kpm.dtype == torch.bool else kpm)[:, None, None, :]
    if attn_mask is not None:
        extra = (torch.zeros(attn_mask.shape, dtype=q.dtype).masked_fill(attn_mask, float("-inf"))
                 if attn_mask.dtype == torch.bool else attn_mask)
        scores = scores + (extra.reshape(batch, num_heads, length, source_length) if extra.dim() == 3 else extra)
    weights = torch.softmax(scores, dim=-1)
    output = merge_heads(weights @ v) @ out_proj_weight.T + out_proj_bias
    return output, (weights.mean(dim=1) if average_attn_weights else weights)
""",
        "splits the heads with a reshape and no transpose": """
def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask=None, attn_mask=None, average_attn_weights=True):
    def wrong_split(t):
        return t.reshape(t.shape[0], num_heads, t.shape[1], t.shape[2] // num_heads)

    q, k, v = (wrong_split(t) for t in project_qkv(query, key, value, in_proj_weight, in_proj_bias))
    batch, _, length, _ = q.shape
    source_length = k.shape[-2]
    mask = torch.zeros(batch, num_heads, length, source_length, dtype=q.dtype)
    if key_padding_mask is not None:
        kpm = key_padding_mask
        mask = mask + (torch.zeros(kpm.shape, dtype=q.dtype).masked_fill(kpm, float("-inf"))
                       if kpm.dtype == torch.bool else kpm)[:, None, None, :]
    if attn_mask is not None:
        extra = (torch.zeros(attn_mask.shape, dtype=q.dtype).masked_fill(attn_mask, float("-inf"))
                 if attn_mask.dtype == torch.bool else attn_mask)
        mask = mask + (extra.reshape(batch, num_heads, length, source_length) if extra.dim() == 3 else extra)
    context, weights = attention.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    output = context.reshape(batch, length, -1) @ out_proj_weight.T + out_proj_bias
    return output, (weights.mean(dim=1) if average_attn_weights else weights)
""",
    },
}
