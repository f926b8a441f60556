"""Typical wrong answers for 6_llms/01_pretrained_transformers. Each must be rejected by its check."""


def _pad(start: str, mask_value: str = "1", fill: str = "pad_id", dtype: str = "torch.long") -> str:
    return f"""
def pad_batch(token_id_lists, pad_id, side):
    longest = max(len(ids) for ids in token_id_lists)
    input_ids = torch.full((len(token_id_lists), longest), {fill}, dtype=torch.long)
    attention_mask = torch.full((len(token_id_lists), longest), 1 - {mask_value}, dtype={dtype})
    for row, ids in enumerate(token_id_lists):
        start = {start}
        input_ids[row, start : start + len(ids)] = torch.tensor(ids)
        attention_mask[row, start : start + len(ids)] = {mask_value}
    return input_ids, attention_mask
"""


_RIGHT_OR_LEFT = '0 if side == "right" else longest - len(ids)'


def _visible(body: str) -> str:
    return f"""
def visible_keys(attention_mask, causal):
    length = attention_mask.shape[1]
{body}
"""


def _pool(pooled: str, normalise: str = "pooled / pooled.norm(dim=-1, keepdim=True)") -> str:
    return f"""
def mean_pool(hidden_states, attention_mask, normalize):
    weights = attention_mask.to(hidden_states.dtype).unsqueeze(-1)
    pooled = {pooled}
    if normalize:
        pooled = {normalise}
    return pooled
"""


_MEAN = "(hidden_states * weights).sum(dim=1) / weights.sum(dim=1)"


def _perplexity(
    log_probabilities: str = "torch.log_softmax(logits[:, :-1], dim=-1)",
    targets: str = "input_ids[:, 1:]",
    counted: str = "attention_mask[:, 1:] * attention_mask[:, :-1]",
    result: str = "torch.exp((token_nll * counted).sum(dim=1) / counted.sum(dim=1))",
) -> str:
    return f"""
def perplexity(logits, input_ids, attention_mask):
    log_probabilities = {log_probabilities}
    targets = {targets}
    token_nll = -log_probabilities.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    counted = ({counted}).to(token_nll.dtype)
    return {result}
"""


MISTAKES = {
    "pad_batch": {
        "always pads on the right": _pad("0"),
        "left padding puts the tokens at the start (the padding side inverted)": _pad(
            '0 if side == "left" else longest - len(ids)'
        ),
        "the mask is inverted (1 on padding)": _pad(_RIGHT_OR_LEFT, mask_value="0"),
        "pads with 0 whatever pad_id is": _pad(_RIGHT_OR_LEFT, fill="0"),
        "a boolean attention mask": _pad(_RIGHT_OR_LEFT, mask_value="True", dtype="torch.bool").replace(
            "1 - True", "False"
        ),
        "appends the padding to the caller's lists": """
def pad_batch(token_id_lists, pad_id, side):
    longest = max(len(ids) for ids in token_id_lists)
    masks = []
    for ids in token_id_lists:
        missing = longest - len(ids)
        masks.append([1] * len(ids) + [0] * missing if side == "right" else [0] * missing + [1] * len(ids))
        if side == "right":
            ids.extend([pad_id] * missing)
        else:
            ids[:0] = [pad_id] * missing
    return torch.tensor(token_id_lists), torch.tensor(masks)
""",
        "returns lists instead of tensors": """
def pad_batch(token_id_lists, pad_id, side):
    longest = max(len(ids) for ids in token_id_lists)
    input_ids, attention_mask = [], []
    for ids in token_id_lists:
        missing = longest - len(ids)
        if side == "right":
            input_ids.append(list(ids) + [pad_id] * missing)
            attention_mask.append([1] * len(ids) + [0] * missing)
        else:
            input_ids.append([pad_id] * missing + list(ids))
            attention_mask.append([0] * missing + [1] * len(ids))
    return input_ids, attention_mask
""",
        "left padding reverses the tokens": """
def pad_batch(token_id_lists, pad_id, side):
    longest = max(len(ids) for ids in token_id_lists)
    input_ids = torch.full((len(token_id_lists), longest), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(token_id_lists), longest), dtype=torch.long)
    for row, ids in enumerate(token_id_lists):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        attention_mask[row, : len(ids)] = 1
    if side == "left":
        return input_ids.flip(1), attention_mask.flip(1)
    return input_ids, attention_mask
""",
    },
    "visible_keys": {
        "the triangle the wrong way (keys after the query)": _visible(
            """    keys = attention_mask.bool()[:, None, :].expand(-1, length, -1)
    return keys & torch.ones(length, length, dtype=torch.bool).triu() if causal else keys"""
        ),
        "a token may not attend to itself": _visible(
            """    keys = attention_mask.bool()[:, None, :].expand(-1, length, -1)
    return keys & torch.ones(length, length, dtype=torch.bool).tril(-1) if causal else keys"""
        ),
        "masks the padding queries (rows) instead of the padding keys (columns)": _visible(
            """    queries = attention_mask.bool()[:, :, None].expand(-1, -1, length)
    return queries & torch.ones(length, length, dtype=torch.bool).tril() if causal else queries"""
        ),
        "forgets the padding in the causal mask": _visible(
            """    keys = attention_mask.bool()[:, None, :].expand(-1, length, -1)
    return torch.ones(len(attention_mask), length, length, dtype=torch.bool).tril() if causal else keys"""
        ),
        "combines padding and causality with OR": _visible(
            """    keys = attention_mask.bool()[:, None, :].expand(-1, length, -1)
    return keys | torch.ones(length, length, dtype=torch.bool).tril() if causal else keys"""
        ),
        "keeps the heads axis: (B, 1, L, L) as transformers does": _visible(
            """    keys = attention_mask.bool()[:, None, None, :].expand(-1, 1, length, -1)
    return keys & torch.ones(length, length, dtype=torch.bool).tril() if causal else keys"""
        ),
        "returns 0/1 integers instead of booleans": _visible(
            """    keys = attention_mask.long()[:, None, :].expand(-1, length, -1)
    return keys * torch.ones(length, length, dtype=torch.long).tril() if causal else keys"""
        ),
        "a bidirectional mask that is causal too": _visible(
            """    keys = attention_mask.bool()[:, None, :].expand(-1, length, -1)
    return keys & torch.ones(length, length, dtype=torch.bool).tril()"""
        ),
    },
    "mean_pool": {
        "averages over every position, padding included": _pool("hidden_states.mean(dim=1)"),
        "sums the real tokens but divides by the full length": _pool(
            "(hidden_states * weights).sum(dim=1) / hidden_states.shape[1]"
        ),
        "forgets the normalisation": _pool(_MEAN, normalise="pooled"),
        "normalises every token before averaging": """
def mean_pool(hidden_states, attention_mask, normalize):
    if normalize:
        hidden_states = hidden_states / hidden_states.norm(dim=-1, keepdim=True)
    weights = attention_mask.to(hidden_states.dtype).unsqueeze(-1)
    return (hidden_states * weights).sum(dim=1) / weights.sum(dim=1)
""",
        "normalises over the batch axis": _pool(_MEAN, normalise="pooled / pooled.norm(dim=0, keepdim=True)"),
        "takes the [CLS] vector instead of the mean": _pool("hidden_states[:, 0]"),
        "max pooling": _pool("hidden_states.masked_fill(weights == 0, float('-inf')).amax(dim=1)"),
        "always normalises": _pool(_MEAN).replace("if normalize:", "if True:"),
        "returns float32 whatever the input": """
def mean_pool(hidden_states, attention_mask, normalize):
    hidden_states = hidden_states.float()
    weights = attention_mask.float().unsqueeze(-1)
    pooled = (hidden_states * weights).sum(dim=1) / weights.sum(dim=1)
    if normalize:
        pooled = pooled / pooled.norm(dim=-1, keepdim=True)
    return pooled
""",
        "divides by the number of real tokens in the whole batch": _pool(
            "(hidden_states * weights).sum(dim=1) / weights.sum()"
        ),
    },
    "perplexity": {
        "no shift: the logits at t scored against the token at t": _perplexity(
            log_probabilities="torch.log_softmax(logits, dim=-1)",
            targets="input_ids",
            counted="attention_mask",
        ),
        "shifted the wrong way": _perplexity(
            log_probabilities="torch.log_softmax(logits[:, 1:], dim=-1)", targets="input_ids[:, :-1]"
        ),
        "ignores the padding": _perplexity(counted="torch.ones_like(attention_mask[:, 1:])"),
        "counts a target predicted from a padding position (only the target's mask)": _perplexity(
            counted="attention_mask[:, 1:]"
        ),
        "masks with the predicting position only": _perplexity(counted="attention_mask[:, :-1]"),
        "one perplexity for the whole batch": _perplexity(
            result="torch.exp((token_nll * counted).sum() / counted.sum()).expand(len(logits))"
        ),
        "returns the mean NLL, not its exponential": _perplexity(
            result="(token_nll * counted).sum(dim=1) / counted.sum(dim=1)"
        ),
        "the mean of per-token perplexities": _perplexity(
            result="(token_nll.exp() * counted).sum(dim=1) / counted.sum(dim=1)"
        ),
        "divides by L - 1 instead of the counted targets": _perplexity(
            result="torch.exp((token_nll * counted).sum(dim=1) / counted.shape[1])"
        ),
        "log of a softmax computed naively (overflows on large logits)": _perplexity(
            log_probabilities="torch.log(logits[:, :-1].exp() / logits[:, :-1].exp().sum(-1, keepdim=True))"
        ),
        "2 ** NLL (mixes bases)": _perplexity(result="2 ** ((token_nll * counted).sum(dim=1) / counted.sum(dim=1))"),
        "forgets the minus sign": """
def perplexity(logits, input_ids, attention_mask):
    log_probabilities = torch.log_softmax(logits[:, :-1], dim=-1)
    token_log_probability = log_probabilities.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    counted = (attention_mask[:, 1:] * attention_mask[:, :-1]).to(token_log_probability.dtype)
    return torch.exp((token_log_probability * counted).sum(dim=1) / counted.sum(dim=1))
""",
        "uses softmax probabilities instead of log-probabilities": _perplexity(
            log_probabilities="torch.softmax(logits[:, :-1], dim=-1)"
        ),
    },
}
