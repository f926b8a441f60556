"""utils.gpt: the shared decoder-only transformer is causal, tied, trainable and measured the same way."""

from __future__ import annotations

import itertools
import math
import warnings

import pytest
import torch
from torch import nn

from utils import gpt


@pytest.fixture
def config() -> gpt.GPTConfig:
    return gpt.GPTConfig(vocab_size=11, context_size=16, num_layers=2, num_heads=2, embedding_size=8)


def test_logits_shape_and_weight_tying(config: gpt.GPTConfig) -> None:
    torch.manual_seed(0)
    model = gpt.GPT(config)
    logits = model(torch.randint(0, 11, (3, 16)))
    assert logits.shape == (3, 16, 11)
    assert model.output.weight is model.token_embedding.weight
    counted = sum(p.numel() for p in model.parameters())
    assert model.num_parameters() == counted
    assert model.num_parameters(without_position_embedding=True) == counted - 16 * 8


def test_the_model_is_causal(config: gpt.GPTConfig) -> None:
    torch.manual_seed(0)
    model = gpt.GPT(config).eval()
    ids = torch.randint(0, 11, (2, 12))
    changed = ids.clone()
    changed[:, 7:] = (changed[:, 7:] + 1) % 11  # change the future only
    before, after = model(ids), model(changed)
    assert torch.allclose(before[:, :7], after[:, :7], atol=1e-6)
    assert not torch.allclose(before[:, 7:], after[:, 7:], atol=1e-3)
    assert torch.allclose(model(ids[:, :5]), before[:, :5], atol=1e-6)  # shorter input, same prefix


def test_attention_matches_nn_multihead_attention(config: gpt.GPTConfig) -> None:
    torch.manual_seed(0)
    ours = gpt.CausalSelfAttention(config).eval()
    theirs = nn.MultiheadAttention(8, 2, batch_first=True).eval()
    with torch.no_grad():
        theirs.in_proj_weight.copy_(ours.query_key_value.weight)
        theirs.in_proj_bias.copy_(ours.query_key_value.bias)
        theirs.out_proj.weight.copy_(ours.output.weight)
        theirs.out_proj.bias.copy_(ours.output.bias)
    x = torch.randn(3, 10, 8)
    mask = torch.triu(torch.ones(10, 10, dtype=torch.bool), diagonal=1)
    expected, _ = theirs(x, x, x, attn_mask=mask, need_weights=False)
    assert torch.allclose(ours(x), expected, atol=1e-6)


def test_feed_forward_can_be_replaced(config: gpt.GPTConfig) -> None:
    made = []

    def zero_feed_forward(cfg: gpt.GPTConfig, index: int) -> nn.Module:
        made.append(index)
        layer = nn.Linear(cfg.embedding_size, cfg.embedding_size)
        nn.init.zeros_(layer.weight)
        nn.init.zeros_(layer.bias)
        return layer

    model = gpt.GPT(config, feed_forward=zero_feed_forward)
    assert made == [0, 1]
    assert all(isinstance(block.feed_forward, nn.Linear) for block in model.blocks)
    assert model(torch.randint(0, 11, (1, 4))).shape == (1, 4, 11)


def test_cosine_learning_rate_warms_up_then_decays() -> None:
    rates = [gpt.cosine_learning_rate(s, max_lr=1.0, warmup_steps=10, total_steps=110, min_lr=0.1) for s in range(120)]
    assert rates[0] == pytest.approx(0.1) and rates[9] == pytest.approx(1.0)
    assert all(a <= b for a, b in itertools.pairwise(rates[:10]))
    assert all(a >= b for a, b in itertools.pairwise(rates[9:111]))
    assert rates[60] == pytest.approx(0.1 + 0.45 * (1 + math.cos(math.pi * 0.5)))
    assert rates[115] == pytest.approx(0.1)


def test_training_lowers_the_loss_and_evaluate_scores_every_window() -> None:
    torch.manual_seed(0)
    ids = torch.tensor([0, 1, 2, 3, 4, 5, 6, 7] * 200)  # a repeating pattern is easy to learn
    model = gpt.GPT(gpt.GPTConfig(vocab_size=8, context_size=16, num_layers=1, num_heads=2, embedding_size=16))
    before = gpt.evaluate(model, ids)
    assert before == pytest.approx(math.log(8), abs=0.2)
    history = gpt.train(model, ids, num_steps=60, batch_size=8, max_lr=1e-2, progress=False)
    assert len(history["losses"]) == 60 and history["seconds"] > 0
    assert gpt.evaluate(model, ids) < 0.1 < before
    assert model.training  # left in training mode; evaluate restored it


def test_extra_loss_is_added_and_recorded(config: gpt.GPTConfig) -> None:
    model = gpt.GPT(config)
    ids = torch.randint(0, 11, (500,))
    history = gpt.train(
        model, ids, num_steps=3, batch_size=2, max_lr=1e-3, progress=False, extra_loss=lambda m: 0.5 * torch.ones(())
    )
    assert history["extra_losses"] == [0.5, 0.5, 0.5]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a loss that carries a gradient is logged without a warning
        history = gpt.train(
            model, ids, num_steps=2, batch_size=2, max_lr=1e-3, progress=False,
            extra_loss=lambda m: 0.0 * m.token_embedding.weight.sum(),
        )  # fmt: skip
    assert history["extra_losses"] == [0.0, 0.0]


def test_clear_errors(config: gpt.GPTConfig) -> None:
    with pytest.raises(ValueError, match="divisible by num_heads"):
        gpt.GPTConfig(vocab_size=10, num_heads=3, embedding_size=8)
    with pytest.raises(ValueError, match="positive whole number"):
        gpt.GPTConfig(vocab_size=0)
    model = gpt.GPT(config)
    with pytest.raises(ValueError, match="longer than the context"):
        model(torch.zeros(1, 17, dtype=torch.long))
    with pytest.raises(ValueError, match="int64"):
        model(torch.zeros(1, 4))
    with pytest.raises(ValueError, match="too few"):
        gpt.evaluate(model, torch.zeros(5, dtype=torch.long))


def _loss_of_each_token(model: gpt.GPT, ids: torch.Tensor, history: int) -> list[tuple[int, float]]:
    """(position, loss) for every token, predicted one at a time from the last `history` tokens (slow)."""
    model.eval()
    out = []
    with torch.no_grad():
        for position in range(1, len(ids)):
            window = ids[max(0, position - history) : position].view(1, -1)
            logits = model(window)[0, -1]
            out.append((position, float(torch.nn.functional.cross_entropy(logits, ids[position]))))
    return out


@pytest.mark.parametrize("stride", [None, 16, 5, 1])
def test_evaluate_scores_every_token_once_with_the_history_it_promises(stride: int | None) -> None:
    torch.manual_seed(3)
    context = 16
    model = gpt.GPT(gpt.GPTConfig(vocab_size=7, context_size=context, num_layers=2, num_heads=2, embedding_size=8))
    model.double()
    ids = torch.randint(0, 7, (83,))
    step = context if stride is None else stride
    # The reference: window w starts at w * step; it scores its last `step` targets (the first window all of them).
    num_windows = 1 + (len(ids) - 1 - context) // step
    expected = []
    for window in range(num_windows):
        start = window * step
        inputs = ids[start : start + context].view(1, -1)
        with torch.no_grad():
            losses = torch.nn.functional.cross_entropy(
                model(inputs)[0], ids[start + 1 : start + context + 1], reduction="none"
            )
        first = 0 if window == 0 else context - step
        expected += [(start + 1 + i, float(losses[i]), i + 1) for i in range(first, context)]
    positions = [position for position, _, _ in expected]
    assert positions == list(range(1, positions[-1] + 1))  # every token once, in order, none twice
    assert positions[-1] > len(ids) - 1 - step
    if stride is not None:  # after the first window, at least context - stride tokens of history
        assert min(history for position, _, history in expected if position > context) >= context - stride
    if stride == 1:  # each token after the first window is predicted from exactly the last `context` tokens
        slow = dict(_loss_of_each_token(model, ids, context))
        assert all(loss == pytest.approx(slow[position]) for position, loss, _ in expected if position > context)
    model.train()
    mean = sum(loss for _, loss, _ in expected) / len(expected)
    assert gpt.evaluate(model, ids, stride=stride, batch_size=3) == pytest.approx(mean, rel=1e-6)  # float32 logits
    assert model.training


def test_evaluate_refuses_a_stride_outside_the_context(config: gpt.GPTConfig) -> None:
    model = gpt.GPT(config)
    ids = torch.randint(0, 11, (200,))
    for stride in (0, config.context_size + 1, 2.5):
        with pytest.raises(ValueError, match="stride must be a whole number"):
            gpt.evaluate(model, ids, stride=stride)
