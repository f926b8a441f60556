"""Typical wrong answers for 6_llms/02_decoding. Each must be rejected by its check cell."""


def _variant(source: str, *replacements: tuple[str, str]) -> str:
    """The source with each (old, new) replaced once; an old text that is not there is an error in this file."""
    for old, new in replacements:
        if old not in source:
            raise ValueError(f"{old!r} is not in the source it should change")
        source = source.replace(old, new, 1)
    return source


_DECODE = """
def decode(model, input_ids, max_new_tokens, eos_token_id, next_token):
    sequence = input_ids
    with torch.inference_mode():
        outputs = model(input_ids=input_ids, use_cache=True)
        for step in range(max_new_tokens):
            token = next_token(sequence, outputs.logits[:, -1])
            sequence = torch.cat([sequence, token[:, None]], dim=1)
            if token.item() == eos_token_id or step == max_new_tokens - 1:
                break
            outputs = model(input_ids=token[:, None], cache=outputs.cache, use_cache=True)
    return sequence
"""

_PENALTY = """
def penalise_repetition(input_ids, scores, penalty):
    seen = torch.gather(scores, 1, input_ids)
    seen = torch.where(seen < 0, seen * penalty, seen / penalty)
    return scores.scatter(1, input_ids, seen)
"""

_TOP_K = """
def top_k_filter(scores, k):
    k = min(k, scores.shape[-1])
    kth_largest = scores.topk(k, dim=-1).values[:, -1:]
    return scores.masked_fill(scores < kth_largest, float("-inf"))
"""

_TOP_P = """
def top_p_filter(scores, p):
    sorted_scores, order = scores.sort(dim=-1, descending=True)
    probabilities = sorted_scores.softmax(dim=-1)
    mass_before = probabilities.cumsum(dim=-1) - probabilities
    remove_sorted = mass_before >= p
    remove_sorted[:, 0] = False
    remove = remove_sorted.scatter(1, order, remove_sorted)
    return scores.masked_fill(remove, float("-inf"))
"""

_PROCESS = """
def process_scores(input_ids, scores, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0):
    if repetition_penalty != 1.0:
        scores = penalise_repetition(input_ids, scores, repetition_penalty)
    if temperature != 1.0:
        scores = scores / temperature
    if top_k:
        scores = top_k_filter(scores, top_k)
    if top_p < 1.0:
        scores = top_p_filter(scores, top_p)
    return scores
"""

_SAMPLE = """
def sample_next_token(input_ids, logits, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0):
    scores = process_scores(input_ids, logits, temperature, top_k, top_p, repetition_penalty)
    probabilities = scores.softmax(dim=-1)
    return torch.multinomial(probabilities, num_samples=1).squeeze(1)
"""

_BEAM = """
def beam_search(model, input_ids, num_beams, max_new_tokens, eos_token_id, length_penalty=1.0):
    beams = input_ids.expand(num_beams, -1)
    running_scores = torch.full((num_beams,), -1e9)
    running_scores[0] = 0.0
    finished = []
    with torch.inference_mode():
        outputs = model(input_ids=beams, use_cache=True)
        cache = outputs.cache
        for step in range(1, max_new_tokens + 1):
            totals = outputs.logits[:, -1].log_softmax(dim=-1) + running_scores[:, None]
            vocab_size = totals.shape[-1]
            best = totals.flatten().topk(2 * num_beams)
            source_beams, tokens = best.indices // vocab_size, best.indices % vocab_size
            candidates = torch.cat([beams[source_beams], tokens[:, None]], dim=1)
            ends = (tokens == eos_token_id) | (step == max_new_tokens)
            for rank in range(num_beams):
                if ends[rank]:
                    finished.append((best.values[rank].item() / step**length_penalty, candidates[rank]))
            finished = sorted(finished, key=lambda hypothesis: hypothesis[0], reverse=True)[:num_beams]
            if step == max_new_tokens:
                break
            keep = (~ends).nonzero().squeeze(1)[:num_beams]
            beams, running_scores = candidates[keep], best.values[keep]
            if len(finished) == num_beams and running_scores[0].item() / step**length_penalty <= finished[-1][0]:
                break
            cache.reorder_cache(source_beams[keep])
            outputs = model(input_ids=beams[:, -1:], cache=cache, use_cache=True)
    return finished[0][1][None]
"""

MISTAKES = {
    "decode": {
        "does not stop at the end token": _variant(
            _DECODE, ("token.item() == eos_token_id or step == max_new_tokens - 1", "step == max_new_tokens - 1")
        ),
        "stops at the end token but leaves it out of the output": _variant(
            _DECODE,
            (
                "            sequence = torch.cat([sequence, token[:, None]], dim=1)\n"
                "            if token.item() == eos_token_id or step == max_new_tokens - 1:\n",
                "            if token.item() == eos_token_id:\n                break\n"
                "            sequence = torch.cat([sequence, token[:, None]], dim=1)\n"
                "            if step == max_new_tokens - 1:\n",
            ),
        ),
        "feeds the whole sequence again although the cache holds the past": _variant(
            _DECODE, ("model(input_ids=token[:, None], cache", "model(input_ids=sequence, cache")
        ),
        "chooses from the first position's logits, not the last": _variant(
            _DECODE, ("outputs.logits[:, -1]", "outputs.logits[:, 0]")
        ),
        "one new token too many": _variant(
            _DECODE, ("range(max_new_tokens)", "range(max_new_tokens + 1)"), ("max_new_tokens - 1:", "max_new_tokens:")
        ),
        "one new token too few": _variant(_DECODE, ("max_new_tokens - 1:", "max_new_tokens - 2:")),
        "no KV cache: reruns the model on the whole sequence at every step (right tokens, wasted work)": _variant(
            _DECODE,
            ("model(input_ids=token[:, None], cache=outputs.cache, use_cache=True)", "model(input_ids=sequence)"),
        ),
        "shows next_token only the prompt, not the tokens generated so far": _variant(
            _DECODE, ("next_token(sequence, ", "next_token(input_ids, ")
        ),
    },
    "penalise_repetition": {
        "divides every seen logit, so that negative ones go up (the sign bug)": _variant(
            _PENALTY, ("torch.where(seen < 0, seen * penalty, seen / penalty)", "seen / penalty")
        ),
        "multiplies the positive logits and divides the negative ones": _variant(
            _PENALTY,
            (
                "torch.where(seen < 0, seen * penalty, seen / penalty)",
                "torch.where(seen < 0, seen / penalty, seen * penalty)",
            ),
        ),
        "penalises a token once per occurrence": """
def penalise_repetition(input_ids, scores, penalty):
    scores = scores.clone()
    for row, ids in enumerate(input_ids.tolist()):
        for token in ids:
            value = scores[row, token]
            scores[row, token] = value * penalty if value < 0 else value / penalty
    return scores
""",
        "penalises only the last token": _variant(
            _PENALTY,
            (
                "seen = torch.gather(scores, 1, input_ids)",
                "input_ids = input_ids[:, -1:]\n    seen = torch.gather(scores, 1, input_ids)",
            ),
        ),
        "penalises the same tokens in every row (the first row's)": _variant(
            _PENALTY,
            (
                "seen = torch.gather(scores, 1, input_ids)",
                "input_ids = input_ids[:1].expand_as(input_ids)\n    seen = torch.gather(scores, 1, input_ids)",
            ),
        ),
    },
    "top_k_filter": {
        "keeps k + 1 tokens": _variant(
            _TOP_K, ("scores.topk(k, dim=-1)", "scores.topk(min(k + 1, scores.shape[-1]), dim=-1)")
        ),
        "removes the k-th token too (<= instead of <)": _variant(
            _TOP_K, ("scores < kth_largest", "scores <= kth_largest")
        ),
        "sets the removed scores to 0 instead of -inf": _variant(_TOP_K, ('float("-inf")', "0.0")),
        "keeps exactly k tokens, dropping ties with the k-th": """
def top_k_filter(scores, k):
    k = min(k, scores.shape[-1])
    keep = torch.zeros_like(scores, dtype=torch.bool).scatter(1, scores.topk(k, dim=-1).indices, True)
    return scores.masked_fill(~keep, float("-inf"))
""",
        "takes the k-th largest over the batch axis": _variant(
            _TOP_K,
            ("scores.topk(k, dim=-1).values[:, -1:]", "scores.topk(min(k, scores.shape[0]), dim=0).values[-1:, :]"),
        ),
    },
    "top_p_filter": {
        "drops the token that crosses p (keeps only a mass below p)": _variant(
            _TOP_P, ("remove_sorted = mass_before >= p", "remove_sorted = probabilities.cumsum(dim=-1) > p")
        ),
        "keeps one token past the nucleus": _variant(
            _TOP_P,
            (
                "    remove_sorted[:, 0] = False\n",
                "    remove_sorted = torch.cat([remove_sorted[:, :1] & False, remove_sorted[:, :-1]], dim=1)\n"
                "    remove_sorted[:, 0] = False\n",
            ),
        ),
        "forgets to sort: adds up the probabilities in vocabulary order": """
def top_p_filter(scores, p):
    probabilities = scores.softmax(dim=-1)
    mass_before = probabilities.cumsum(dim=-1) - probabilities
    return scores.masked_fill(mass_before >= p, float("-inf"))
""",
        "can remove every token when p is small (no minimum of one)": _variant(
            _TOP_P,
            ("    remove_sorted[:, 0] = False\n", ""),
            ("remove_sorted = mass_before >= p", "remove_sorted = probabilities.cumsum(dim=-1) > p"),
        ),
        "sorts in ascending order (keeps the least likely tokens)": _variant(
            _TOP_P, ("scores.sort(dim=-1, descending=True)", "scores.sort(dim=-1)")
        ),
        "uses the probabilities of the whole batch, not of each row": _variant(
            _TOP_P,
            (
                "probabilities = sorted_scores.softmax(dim=-1)",
                "probabilities = sorted_scores.flatten().softmax(dim=0).view_as(sorted_scores) * len(sorted_scores)",
            ),
        ),
    },
    "process_scores": {
        "applies the temperature after top-p (the nucleus of the raw distribution)": """
def process_scores(input_ids, scores, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0):
    if repetition_penalty != 1.0:
        scores = penalise_repetition(input_ids, scores, repetition_penalty)
    if top_k:
        scores = top_k_filter(scores, top_k)
    if top_p < 1.0:
        scores = top_p_filter(scores, top_p)
    if temperature != 1.0:
        scores = scores / temperature
    return scores
""",
        "applies top-p before top-k": """
def process_scores(input_ids, scores, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0):
    if repetition_penalty != 1.0:
        scores = penalise_repetition(input_ids, scores, repetition_penalty)
    if temperature != 1.0:
        scores = scores / temperature
    if top_p < 1.0:
        scores = top_p_filter(scores, top_p)
    if top_k:
        scores = top_k_filter(scores, top_k)
    return scores
""",
        "multiplies by the temperature": _variant(_PROCESS, ("scores / temperature", "scores * temperature")),
        "applies the repetition penalty after top-k": """
def process_scores(input_ids, scores, temperature=1.0, top_k=0, top_p=1.0, repetition_penalty=1.0):
    if temperature != 1.0:
        scores = scores / temperature
    if top_k:
        scores = top_k_filter(scores, top_k)
    if repetition_penalty != 1.0:
        scores = penalise_repetition(input_ids, scores, repetition_penalty)
    if top_p < 1.0:
        scores = top_p_filter(scores, top_p)
    return scores
""",
        "forgets the repetition penalty": _variant(
            _PROCESS,
            ("        scores = penalise_repetition(input_ids, scores, repetition_penalty)\n", "        pass\n"),
        ),
    },
    "sample_next_token": {
        "takes the most likely token instead of sampling": _variant(
            _SAMPLE, ("torch.multinomial(probabilities, num_samples=1).squeeze(1)", "probabilities.argmax(dim=-1)")
        ),
        "samples by inverse CDF with torch.rand (the same distribution, other random numbers)": _variant(
            _SAMPLE,
            (
                "torch.multinomial(probabilities, num_samples=1).squeeze(1)",
                "(probabilities.cumsum(dim=-1) < torch.rand(len(probabilities), 1)).sum(dim=-1)",
            ),
        ),
        "samples from the raw logits, without the processors": _variant(
            _SAMPLE, ("probabilities = scores.softmax(dim=-1)", "probabilities = logits.softmax(dim=-1)")
        ),
        "returns a (B, 1) column instead of (B,)": _variant(_SAMPLE, (".squeeze(1)", "")),
        "draws from its own generator, not the global one generate() uses": _variant(
            _SAMPLE,
            ("num_samples=1)", "num_samples=1, generator=torch.Generator().manual_seed(0))"),
        ),
    },
    "beam_search": {
        "divides by the whole length, prompt included": _variant(
            _BEAM,
            (
                "finished.append((best.values[rank].item() / step**length_penalty",
                "finished.append((best.values[rank].item() / (step + input_ids.shape[1])**length_penalty",
            ),
        ),
        "leaves the end token out of the length": _variant(
            _BEAM,
            (
                "finished.append((best.values[rank].item() / step**length_penalty",
                "length = max(step - int(tokens[rank] == eos_token_id), 1)\n"
                "                    finished.append((best.values[rank].item() / length**length_penalty",
            ),
        ),
        "takes only num_beams candidates, so the beam shrinks when some end": _variant(
            _BEAM,
            ("topk(2 * num_beams)", "topk(num_beams)"),
            (
                "keep = (~ends).nonzero().squeeze(1)[:num_beams]",
                "keep = (~ends).nonzero().squeeze(1)[:num_beams]\n"
                "            if len(keep) == 0:\n                break",
            ),
        ),
        "lets every one of the 2 x num_beams candidates finish": _variant(
            _BEAM, ("for rank in range(num_beams):", "for rank in range(2 * num_beams):")
        ),
        "starts every beam at score 0 (duplicate beams)": _variant(
            _BEAM, ("torch.full((num_beams,), -1e9)", "torch.zeros(num_beams)")
        ),
        "no early stop: runs to max_new_tokens": _variant(
            _BEAM,
            ("running_scores[0].item() / step**length_penalty <= finished[-1][0]", "False"),
        ),
        "returns the hypothesis with the best raw total, not the best normalised score": """
def beam_search(model, input_ids, num_beams, max_new_tokens, eos_token_id, length_penalty=1.0):
    beams = input_ids.expand(num_beams, -1)
    running_scores = torch.full((num_beams,), -1e9)
    running_scores[0] = 0.0
    finished = []
    with torch.inference_mode():
        outputs = model(input_ids=beams, use_cache=True)
        cache = outputs.cache
        for step in range(1, max_new_tokens + 1):
            totals = outputs.logits[:, -1].log_softmax(dim=-1) + running_scores[:, None]
            vocab_size = totals.shape[-1]
            best = totals.flatten().topk(2 * num_beams)
            source_beams, tokens = best.indices // vocab_size, best.indices % vocab_size
            candidates = torch.cat([beams[source_beams], tokens[:, None]], dim=1)
            ends = (tokens == eos_token_id) | (step == max_new_tokens)
            for rank in range(num_beams):
                if ends[rank]:
                    total = best.values[rank].item()
                    finished.append((total / step**length_penalty, candidates[rank], total))
            finished = sorted(finished, key=lambda hypothesis: hypothesis[0], reverse=True)[:num_beams]
            if step == max_new_tokens:
                break
            keep = (~ends).nonzero().squeeze(1)[:num_beams]
            beams, running_scores = candidates[keep], best.values[keep]
            if len(finished) == num_beams and running_scores[0].item() / step**length_penalty <= finished[-1][0]:
                break
            cache.reorder_cache(source_beams[keep])
            outputs = model(input_ids=beams[:, -1:], cache=cache, use_cache=True)
    return max(finished, key=lambda hypothesis: hypothesis[2])[1][None]
""",
        "forgets to reorder the cache after choosing the beams": _variant(
            _BEAM, ("            cache.reorder_cache(source_beams[keep])\n", "")
        ),
    },
}
