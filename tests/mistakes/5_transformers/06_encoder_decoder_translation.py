"""Typical wrong answers for 5_transformers/06_encoder_decoder_translation. Each must be rejected by its check."""


def _decoder(self_attention: str, cross_attention: str, feed_forward: str) -> str:
    return f"""
def decoder_layer_forward(layer, target, memory, target_padding_mask, memory_padding_mask):
    {self_attention}
    {cross_attention}
    {feed_forward}
"""


_SELF = (
    "x = layer.norm1(target + layer.dropout(layer.self_attention(target, target, target_padding_mask, causal=True)))"
)
_CROSS = "x = layer.norm2(x + layer.dropout(layer.cross_attention(x, memory, memory_padding_mask)))"
_FEED = "return layer.norm3(x + layer.dropout(layer.feed_forward(x)))"


def _teacher(inputs: str, labels: str, mask: str) -> str:
    return f"""
def teacher_forcing(targets, bos_id, pad_id):
    inputs = {inputs}
    labels = {labels}
    return inputs, labels, {mask}
"""


_SHIFTED = "torch.cat([torch.full_like(targets[:, :1], bos_id), targets[:, :-1]], dim=1)"
_LABELS = "targets.masked_fill(targets == pad_id, -100)"


def _greedy(
    step: str = "model.decode(outputs, memory, memory_padding)[:, -1].argmax(dim=-1)",
    prepare: str = "model.eval()",
    steps: str = "max_length",
    cut: str = "row[: row.index(EOS)]",
) -> str:
    return f"""
def greedy_decode(model, source_ids, max_length):
    {prepare}
    with torch.no_grad():
        memory, memory_padding = model.encode(source_ids)
        outputs = torch.full((len(source_ids), 1), BOS, dtype=torch.long)
        finished = torch.zeros(len(source_ids), dtype=torch.bool)
        for _ in range({steps}):
            next_ids = {step}
            next_ids = next_ids.masked_fill(finished, model.pad_id)
            outputs = torch.cat([outputs, next_ids[:, None]], dim=1)
            finished |= next_ids == EOS
            if finished.all():
                break
    translations = []
    for row in outputs[:, 1:].tolist():
        translations.append({cut} if EOS in row else row)
    return translations
"""


def _beam(
    totals: str = "torch.tensor([score for _, score in alive], dtype=log_probs.dtype)[:, None] + log_probs",
    route: str = "(finished if token == eos_id else survivors).append(hypothesis)",
    answer: str = "max(finished + alive, key=lambda hypothesis: hypothesis[1])",
    returned: str = "[token for token in tokens[1:] if token != eos_id], score",
) -> str:
    return f"""
def beam_search(step_log_probs, bos_id, eos_id, beam_size, max_length):
    alive = [([bos_id], 0.0)]
    finished = []
    for _ in range(max_length):
        log_probs = step_log_probs(torch.tensor([tokens for tokens, _ in alive]))
        totals = {totals}
        best = totals.flatten().topk(min(beam_size, totals.numel()))
        survivors = []
        for total, index in zip(best.values.tolist(), best.indices.tolist()):
            prefix, token = divmod(index, totals.shape[1])
            hypothesis = (alive[prefix][0] + [token], total)
            {route}
        alive = survivors
        if not alive:
            break
    tokens, score = {answer}
    return {returned}
"""


MISTAKES = {
    "decoder_layer_forward": {
        "no causal mask: every target position sees the words it must predict": _decoder(
            _SELF.replace(", causal=True", ""), _CROSS, _FEED
        ),
        "cross-attention reads the target again instead of the encoder's memory": _decoder(
            _SELF, "x = layer.norm2(x + layer.dropout(layer.cross_attention(x, x, target_padding_mask)))", _FEED
        ),
        "cross-attention queries from the layer's input, not from the self-attention's output": _decoder(
            _SELF,
            "x = layer.norm2(x + layer.dropout(layer.cross_attention(target, memory, memory_padding_mask)))",
            _FEED,
        ),
        "cross-attention without the source padding mask": _decoder(
            _SELF, "x = layer.norm2(x + layer.dropout(layer.cross_attention(x, memory, None)))", _FEED
        ),
        "a causal mask on the cross-attention too": _decoder(
            _SELF,
            "x = layer.norm2(x + layer.dropout(layer.cross_attention(x, memory, memory_padding_mask, causal=True)))",
            _FEED,
        ),
        "self-attention without the target padding mask": _decoder(
            _SELF.replace("target_padding_mask", "None"), _CROSS, _FEED
        ),
        "pre-norm instead of the paper's post-norm": """
def decoder_layer_forward(layer, target, memory, target_padding_mask, memory_padding_mask):
    normed = layer.norm1(target)
    x = target + layer.dropout(layer.self_attention(normed, normed, target_padding_mask, causal=True))
    x = x + layer.dropout(layer.cross_attention(layer.norm2(x), memory, memory_padding_mask))
    return x + layer.dropout(layer.feed_forward(layer.norm3(x)))
""",
        "no residual connection around the feed-forward network": _decoder(
            _SELF, _CROSS, "return layer.norm3(layer.dropout(layer.feed_forward(x)))"
        ),
        "the norms in the wrong order": _decoder(
            _SELF.replace("norm1", "norm2"), _CROSS.replace("norm2", "norm1"), _FEED
        ),
        "skips the cross-attention": _decoder(_SELF, "pass", _FEED),
    },
    "teacher_forcing": {
        "no shift: the decoder reads the word it must predict": _teacher(
            "targets.clone()", _LABELS, "inputs == pad_id"
        ),
        "shifted left instead of right": _teacher(
            "torch.cat([targets[:, 1:], torch.full_like(targets[:, :1], pad_id)], dim=1)", _LABELS, "inputs == pad_id"
        ),
        "padding kept in the labels": _teacher(_SHIFTED, "targets.clone()", "inputs == pad_id"),
        "the padding mask of the targets, not of the decoder inputs": _teacher(_SHIFTED, _LABELS, "targets == pad_id"),
        "labels shifted too: each position predicts the word it reads": _teacher(
            _SHIFTED, "inputs.masked_fill(inputs == pad_id, -100)", "inputs == pad_id"
        ),
        "start token hard-coded to 1": _teacher(
            "torch.cat([torch.ones_like(targets[:, :1]), targets[:, :-1]], dim=1)", _LABELS, "inputs == pad_id"
        ),
        "padding hard-coded to 0": _teacher(_SHIFTED, "targets.masked_fill(targets == 0, -100)", "inputs == 0"),
        "padding labels set to 0 instead of -100": _teacher(
            _SHIFTED, "targets.masked_fill(targets == pad_id, 0)", "inputs == pad_id"
        ),
        "the mask says True where attention is allowed": _teacher(_SHIFTED, _LABELS, "inputs != pad_id"),
        "returns a list instead of a tuple": """
def teacher_forcing(targets, bos_id, pad_id):
    inputs = torch.cat([torch.full_like(targets[:, :1], bos_id), targets[:, :-1]], dim=1)
    return [inputs, targets.masked_fill(targets == pad_id, -100), inputs == pad_id]
""",
    },
    "greedy_decode": {
        "leaves the model in training mode: dropout changes the translations": _greedy(prepare="pass"),
        "reads the first position's scores instead of the last": _greedy(
            step="model.decode(outputs, memory, memory_padding)[:, 0].argmax(dim=-1)"
        ),
        "cross-attention not masked: the decoder reads the sources' padding": _greedy(
            step="model.decode(outputs, memory, None)[:, -1].argmax(dim=-1)"
        ),
        "one step too few": _greedy(steps="max_length - 1"),
        "keeps the <eos> token in the translation": _greedy(cut="row[: row.index(EOS) + 1]"),
        "returns tensors instead of lists of ints": """
def greedy_decode(model, source_ids, max_length):
    model.eval()
    with torch.no_grad():
        memory, memory_padding = model.encode(source_ids)
        outputs = torch.full((len(source_ids), 1), BOS, dtype=torch.long)
        for _ in range(max_length):
            outputs = torch.cat([outputs, model.decode(outputs, memory, memory_padding)[:, -1:].argmax(-1)], dim=1)
    translations = []
    for row in outputs[:, 1:]:
        ends = (row == EOS).nonzero()
        translations.append(row[: ends[0, 0]] if len(ends) else row)
    return translations
""",
    },
    "beam_search": {
        "scores a hypothesis by its last word only, not the sum of its log-probabilities": _beam(
            totals="log_probs + 0 * torch.tensor([score for _, score in alive], dtype=log_probs.dtype)[:, None]"
        ),
        "never sets finished hypotheses aside: <eos> is extended like any word": _beam(
            route="survivors.append(hypothesis)"
        ),
        "answers with the best prefix still alive, ignoring the finished ones": _beam(
            answer="max(alive or finished, key=lambda hypothesis: hypothesis[1])"
        ),
        "answers with the first hypothesis to finish": _beam(answer="(finished + alive)[0]"),
        "keeps <bos> in the answer": _beam(returned="[token for token in tokens if token != eos_id], score"),
        "returns the probability instead of the log-probability": _beam(
            returned="[token for token in tokens[1:] if token != eos_id], math.exp(score)"
        ),
        "the best extension of each prefix instead of the best over all prefixes": """
def beam_search(step_log_probs, bos_id, eos_id, beam_size, max_length):
    alive = [([bos_id], 0.0)]
    finished = []
    for _ in range(max_length):
        log_probs = step_log_probs(torch.tensor([tokens for tokens, _ in alive]))
        survivors = []
        for (tokens, score), row in zip(alive, log_probs):
            for value, token in zip(*row.topk(beam_size if len(alive) == 1 else 1)):
                hypothesis = (tokens + [token.item()], score + value.item())
                (finished if token.item() == eos_id else survivors).append(hypothesis)
        alive = survivors[:beam_size]
        if not alive:
            break
    tokens, score = max(finished + alive, key=lambda hypothesis: hypothesis[1])
    return [token for token in tokens[1:] if token != eos_id], score
""",
    },
}
