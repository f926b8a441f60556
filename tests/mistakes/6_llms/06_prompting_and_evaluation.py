"""Typical wrong answers for 6_llms/06_prompting_and_evaluation. Each must be rejected by its check cell."""


def _variant(source: str, *replacements: tuple[str, str]) -> str:
    """The source with each (old, new) replaced once; an old text that is not there is an error in this file."""
    for old, new in replacements:
        if old not in source:
            raise ValueError(f"{old!r} is not in the source it should change")
        source = source.replace(old, new, 1)
    return source


_SCORE = """
def score_candidates(model, prefix_ids, items, candidate_ids, batch_size=32):
    scores = []
    with torch.inference_mode():
        prefix_cache = model(input_ids=prefix_ids, use_cache=True).cache
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            lengths = torch.tensor([len(item) for item in batch])
            input_ids = torch.zeros(len(batch), int(lengths.max()), dtype=torch.long)
            for row, item in enumerate(batch):
                input_ids[row, : len(item)] = torch.as_tensor(item)
            cache = repeat_cache(prefix_cache, len(batch))
            hidden = model.model(input_ids=input_ids, cache=cache, use_cache=True).last_hidden_state
            last_hidden = hidden[torch.arange(len(batch)), lengths - 1]
            log_probs = model.lm_head(last_hidden).float().log_softmax(dim=-1)
            scores.append(log_probs[:, candidate_ids])
    return torch.cat(scores)
"""

_NO_CACHE = """
def score_candidates(model, prefix_ids, items, candidate_ids, batch_size=32):
    rows = []
    with torch.inference_mode():
        for item in items:
            input_ids = torch.cat([prefix_ids[0], torch.as_tensor(item)])[None]
            rows.append(model(input_ids=input_ids).logits[0, -1].float().log_softmax(dim=-1)[candidate_ids])
    return torch.stack(rows)
"""

_LEFT_PADDED_NO_MASK = """
def score_candidates(model, prefix_ids, items, candidate_ids, batch_size=32):
    scores = []
    with torch.inference_mode():
        prefix_cache = model(input_ids=prefix_ids, use_cache=True).cache
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            longest = max(len(item) for item in batch)
            input_ids = torch.zeros(len(batch), longest, dtype=torch.long)
            for row, item in enumerate(batch):
                input_ids[row, longest - len(item) :] = torch.as_tensor(item)
            cache = repeat_cache(prefix_cache, len(batch))
            hidden = model.model(input_ids=input_ids, cache=cache, use_cache=True).last_hidden_state
            scores.append(model.lm_head(hidden[:, -1]).float().log_softmax(dim=-1)[:, candidate_ids])
    return torch.cat(scores)
"""

_WILSON = """
def wilson_interval(correct, total, z=1.96):
    proportion = correct / total
    denominator = 1 + z**2 / total
    centre = (proportion + z**2 / (2 * total)) / denominator
    half_width = z / denominator * math.sqrt(proportion * (1 - proportion) / total + z**2 / (4 * total**2))
    return centre - half_width, centre + half_width
"""

_EXTRACT = """
def extract_answer(text, labels=LABELS):
    lowered = text.lower()
    marker = lowered.rfind("answer:")
    if marker >= 0:
        lowered = lowered[marker + len("answer:") :]
    best_position, best_label = None, None
    for label in labels:
        match = re.search(rf"\\b{re.escape(label.lower())}\\b", lowered)
        if match and (best_position is None or match.start() < best_position):
            best_position, best_label = match.start(), label
    return best_label
"""

MISTAKES = {
    "score_candidates": {
        "reads every row at the last padded position": _variant(
            _SCORE, ("hidden[torch.arange(len(batch)), lengths - 1]", "hidden[:, -1]")
        ),
        "returns the raw logits, not log-probabilities": _variant(_SCORE, (".float().log_softmax(dim=-1)", ".float()")),
        "returns probabilities instead of log-probabilities": _variant(
            _SCORE, (".float().log_softmax(dim=-1)", ".float().softmax(dim=-1)")
        ),
        "log-softmax over the candidates only": _variant(
            _SCORE,
            (
                "log_probs = model.lm_head(last_hidden).float().log_softmax(dim=-1)",
                "log_probs = model.lm_head(last_hidden).float()[:, candidate_ids].log_softmax(dim=-1)",
            ),
            (
                "scores.append(log_probs[:, candidate_ids])",
                "scores.append(log_probs)",
            ),
        ),
        "scores the items without the prefix": _variant(_SCORE, ("cache=cache, use_cache=True", "use_cache=True")),
        "reads the position before the last real token": _variant(
            _SCORE,
            (
                "hidden[torch.arange(len(batch)), lengths - 1]",
                "hidden[torch.arange(len(batch)), (lengths - 2).clamp(min=0)]",
            ),
        ),
        "runs every prompt in full (no shared prefix)": _NO_CACHE,
        "left-pads without an attention mask": _LEFT_PADDED_NO_MASK,
        "keeps only the first batch": _variant(_SCORE, ("return torch.cat(scores)", "return scores[0]")),
    },
    "wilson_interval": {
        "the Wald interval": """
def wilson_interval(correct, total, z=1.96):
    proportion = correct / total
    half_width = z * math.sqrt(proportion * (1 - proportion) / total)
    return proportion - half_width, proportion + half_width
""",
        "centres the interval on the observed proportion": _variant(
            _WILSON, ("centre = (proportion + z**2 / (2 * total)) / denominator", "centre = proportion")
        ),
        "forgets the z²/4n² term": _variant(_WILSON, (" + z**2 / (4 * total**2)", "")),
        "uses z instead of z squared in the centre": _variant(
            _WILSON, ("(proportion + z**2 / (2 * total))", "(proportion + z / (2 * total))")
        ),
        "a Wald interval clipped to [0, 1]": """
def wilson_interval(correct, total, z=1.96):
    proportion = correct / total
    half_width = z * math.sqrt(proportion * (1 - proportion) / total)
    return max(0.0, proportion - half_width), min(1.0, proportion + half_width)
""",
        "returns (high, low)": _variant(
            _WILSON,
            ("return centre - half_width, centre + half_width", "return centre + half_width, centre - half_width"),
        ),
    },
    "extract_answer": {
        "matches substrings, not whole words": """
def extract_answer(text, labels=LABELS):
    lowered = text.lower()
    marker = lowered.rfind("answer:")
    if marker >= 0:
        lowered = lowered[marker + len("answer:") :]
    found = [(lowered.find(label.lower()), label) for label in labels if label.lower() in lowered]
    return min(found)[1] if found else None
""",
        "is case-sensitive": _variant(_EXTRACT, ("lowered = text.lower()", "lowered = text")),
        "ignores the answer: marker": _variant(_EXTRACT, ('marker = lowered.rfind("answer:")', "marker = -1")),
        "uses the first answer: marker, not the last": _variant(
            _EXTRACT, ('marker = lowered.rfind("answer:")', 'marker = lowered.find("answer:")')
        ),
        "returns the label that comes last": _variant(
            _EXTRACT, ("match.start() < best_position", "match.start() > best_position")
        ),
        "returns the label lower-cased": _variant(
            _EXTRACT,
            (
                "best_position, best_label = match.start(), label",
                "best_position, best_label = match.start(), label.lower()",
            ),
        ),
        "returns the first label listed that is present, not the first in the text": """
def extract_answer(text, labels=LABELS):
    lowered = text.lower()
    marker = lowered.rfind("answer:")
    if marker >= 0:
        lowered = lowered[marker + len("answer:") :]
    for label in labels:
        if re.search(rf"\\b{re.escape(label.lower())}\\b", lowered):
            return label
    return None
""",
        "returns an empty string when nothing matches": _variant(
            _EXTRACT, ("return best_label", 'return best_label or ""')
        ),
    },
}

FAMILY_EXEMPTIONS = {
    "score_candidates": {
        "ignores argument `batch_size`": "the batch size changes the speed and the memory, never the scores",
    },
}
