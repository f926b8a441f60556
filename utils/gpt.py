"""A small decoder-only transformer (GPT) and its training loop, shared by phase 5's language models.

Notebook 5/05 builds this model piece by piece from scratch and checks that its own model gives
the same logits as this one with the same weights; later notebooks (5/08's mixture of experts)
start from here instead of copying it::

    from utils import gpt, text as text_utils

    vocabulary = text_utils.CharacterVocabulary.from_text(text)
    train_ids, validation_ids = text_utils.split_text(vocabulary.encode(text), validation_fraction=0.1)
    config = gpt.GPTConfig(vocab_size=len(vocabulary), context_size=128, num_layers=4, num_heads=4,
                           embedding_size=128)
    model = gpt.GPT(config)
    history = gpt.train(model, train_ids, num_steps=2000, batch_size=32, max_lr=2e-3)
    gpt.evaluate(model, validation_ids)            # nats per character on the held-out text

The model: token and learned position embeddings, ``num_layers`` pre-norm blocks (layer norm,
causal multi-head self-attention, residual; layer norm, feed-forward network, residual), a last
layer norm and an output layer that shares its weights with the token embedding (weight tying).
``feed_forward=`` replaces the feed-forward network of every block (a mixture of experts, say):
a callable ``feed_forward(config, layer_index) -> nn.Module`` mapping ``(B, T, C)`` to ``(B, T, C)``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "GPT",
    "Block",
    "CausalSelfAttention",
    "FeedForward",
    "GPTConfig",
    "cosine_learning_rate",
    "evaluate",
    "train",
]


@dataclass(frozen=True)
class GPTConfig:
    """The shape of a GPT. ``embedding_size`` must be a multiple of ``num_heads``."""

    vocab_size: int
    context_size: int = 128
    num_layers: int = 4
    num_heads: int = 4
    embedding_size: int = 128
    feed_forward_size: int | None = None  # None: 4 * embedding_size, as in GPT-2
    dropout: float = 0.0

    def __post_init__(self) -> None:
        for name in ("vocab_size", "context_size", "num_layers", "num_heads", "embedding_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"GPTConfig.{name} must be a positive whole number, not {value!r}")
        if self.embedding_size % self.num_heads:
            raise ValueError(
                f"embedding_size={self.embedding_size} must be divisible by num_heads={self.num_heads}: "
                "each head gets embedding_size // num_heads dimensions"
            )
        if not 0 <= self.dropout < 1:
            raise ValueError(f"dropout must lie in [0, 1), not {self.dropout!r}")

    @property
    def hidden_size(self) -> int:
        return self.feed_forward_size or 4 * self.embedding_size


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention in which position t sees positions 0..t only (one fused projection)."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.num_heads = config.num_heads
        self.query_key_value = nn.Linear(config.embedding_size, 3 * config.embedding_size)
        self.output = nn.Linear(config.embedding_size, config.embedding_size)
        self.dropout = config.dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, channels = x.shape
        queries, keys, values = self.query_key_value(x).split(channels, dim=2)
        # (B, T, C) -> (B, heads, T, C / heads)
        queries, keys, values = (
            tensor.view(batch, length, self.num_heads, channels // self.num_heads).transpose(1, 2)
            for tensor in (queries, keys, values)
        )
        attended = F.scaled_dot_product_attention(
            queries, keys, values, is_causal=True, dropout_p=self.dropout if self.training else 0.0
        )
        return self.output(attended.transpose(1, 2).reshape(batch, length, channels))


class FeedForward(nn.Module):
    """Linear, GELU, Linear (and dropout): applied to every position on its own."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.expand = nn.Linear(config.embedding_size, config.hidden_size)
        self.project = nn.Linear(config.hidden_size, config.embedding_size)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.project(F.gelu(self.expand(x))))


class Block(nn.Module):
    """A pre-norm transformer block: x + attention(norm(x)), then x + feed_forward(norm(x))."""

    def __init__(self, config: GPTConfig, feed_forward: nn.Module | None = None) -> None:
        super().__init__()
        self.attention_norm = nn.LayerNorm(config.embedding_size)
        self.attention = CausalSelfAttention(config)
        self.feed_forward_norm = nn.LayerNorm(config.embedding_size)
        self.feed_forward = feed_forward if feed_forward is not None else FeedForward(config)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.dropout(self.attention(self.attention_norm(x)))
        return x + self.feed_forward(self.feed_forward_norm(x))


class GPT(nn.Module):
    """Token ids ``(B, T)`` with ``T <= context_size`` -> next-token logits ``(B, T, vocab_size)``."""

    def __init__(self, config: GPTConfig, feed_forward: Callable[[GPTConfig, int], nn.Module] | None = None) -> None:
        super().__init__()
        if not isinstance(config, GPTConfig):
            raise TypeError(f"GPT takes a gpt.GPTConfig, not {type(config).__name__}")
        self.config = config
        self.token_embedding = nn.Embedding(config.vocab_size, config.embedding_size)
        self.position_embedding = nn.Embedding(config.context_size, config.embedding_size)
        self.dropout = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(
            Block(config, feed_forward(config, index) if feed_forward is not None else None)
            for index in range(config.num_layers)
        )
        self.final_norm = nn.LayerNorm(config.embedding_size)
        self.output = nn.Linear(config.embedding_size, config.vocab_size, bias=False)
        self.output.weight = self.token_embedding.weight  # weight tying (Press and Wolf, 2017)
        self.apply(self._initialise)
        for name, parameter in self.named_parameters():  # GPT-2: residual projections scaled by depth
            if name.endswith(("attention.output.weight", "project.weight")):
                nn.init.normal_(parameter, mean=0.0, std=0.02 / math.sqrt(2 * config.num_layers))

    @staticmethod
    def _initialise(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def num_parameters(self, *, without_position_embedding: bool = False) -> int:
        """Distinct parameters (the tied output weights counted once)."""
        total = sum(parameter.numel() for parameter in self.parameters())
        return total - (self.position_embedding.weight.numel() if without_position_embedding else 0)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype not in (torch.int64, torch.int32):
            raise ValueError(
                "GPT takes token ids as a (batch, length) tensor of int64, got "
                + (
                    f"shape {tuple(ids.shape)} and dtype {ids.dtype}"
                    if isinstance(ids, torch.Tensor)
                    else type(ids).__name__
                )
            )
        length = ids.shape[1]
        if length > self.config.context_size:
            raise ValueError(
                f"a sequence of {length} tokens is longer than the context of {self.config.context_size}: "
                "feed the last context_size tokens"
            )
        positions = torch.arange(length, device=ids.device)
        x = self.dropout(self.token_embedding(ids) + self.position_embedding(positions))
        for block in self.blocks:
            x = block(x)
        return self.output(self.final_norm(x))


def cosine_learning_rate(step: int, *, max_lr: float, warmup_steps: int, total_steps: int, min_lr: float) -> float:
    """Linear warm-up from ``max_lr / warmup_steps`` to ``max_lr``, then cosine decay to ``min_lr`` at the end.

    ``step`` counts from 0; the warm-up covers steps ``0 .. warmup_steps - 1``; from ``total_steps``
    on the rate stays at ``min_lr``.
    """
    if step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress))


def _optimiser(model: nn.Module, max_lr: float, weight_decay: float, betas: tuple[float, float]) -> Any:
    """AdamW with weight decay on the matrices (weights and embeddings) only, none on biases or layer norms."""
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]  # tied weights once
    decayed = [parameter for parameter in trainable if parameter.ndim >= 2]
    plain = [parameter for parameter in trainable if parameter.ndim < 2]
    groups = [{"params": decayed, "weight_decay": weight_decay}, {"params": plain, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=max_lr, betas=betas)


def train(
    model: nn.Module,
    train_ids: torch.Tensor,
    *,
    num_steps: int,
    batch_size: int,
    max_lr: float,
    warmup_steps: int | None = None,
    min_lr: float | None = None,
    weight_decay: float = 0.1,
    betas: tuple[float, float] = (0.9, 0.99),
    grad_clip: float | None = 1.0,
    context_size: int | None = None,
    seed: int = 0,
    extra_loss: Callable[[nn.Module], torch.Tensor] | None = None,
    description: str = "training the GPT",
    progress: bool = True,
) -> dict[str, Any]:
    """``num_steps`` AdamW steps on random windows of ``train_ids``; returns the losses and the time taken.

    Windows of ``context_size`` tokens (the model's context by default) start at random offsets
    drawn from a generator seeded with ``seed``. The learning rate follows ``cosine_learning_rate``
    (warm-up: 5% of the steps by default; ``min_lr``: a tenth of ``max_lr``). ``extra_loss(model)``,
    if given, is added to the cross-entropy each step (an auxiliary loss such as a mixture of
    experts' load-balancing term) and recorded separately. Gradients are clipped to a global norm
    of ``grad_clip``. Returns ``{"losses", "extra_losses", "learning_rates", "seconds",
    "cpu_seconds"}``; the model is left in training mode.
    """
    from tqdm.auto import tqdm

    from utils import text as text_utils

    for name, value in (("num_steps", num_steps), ("batch_size", batch_size)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive whole number, not {value!r}")
    context = context_size or model.config.context_size
    warmup = max(1, num_steps // 20) if warmup_steps is None else warmup_steps
    floor = max_lr / 10 if min_lr is None else min_lr
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed)
    optimiser = _optimiser(model, max_lr, weight_decay, betas)
    history: dict[str, Any] = {"losses": [], "extra_losses": [], "learning_rates": []}
    model.train()
    started, started_cpu = time.perf_counter(), time.process_time()
    bar = tqdm(range(num_steps), desc=description, disable=not progress, leave=False)
    for step in bar:
        rate = cosine_learning_rate(step, max_lr=max_lr, warmup_steps=warmup, total_steps=num_steps, min_lr=floor)
        for group in optimiser.param_groups:
            group["lr"] = rate
        inputs, targets = text_utils.random_windows(train_ids, batch_size, context, generator)
        logits = model(inputs.to(device))
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1).to(device))
        total = loss
        if extra_loss is not None:
            extra = extra_loss(model)
            total = loss + extra
            history["extra_losses"].append(float(extra.detach()))
        optimiser.zero_grad(set_to_none=True)
        total.backward()
        if grad_clip is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimiser.step()
        history["losses"].append(loss.item())
        history["learning_rates"].append(rate)
        if step % 50 == 0 or step == num_steps - 1:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    history["seconds"] = time.perf_counter() - started
    history["cpu_seconds"] = time.process_time() - started_cpu
    return history


@torch.inference_mode()
def evaluate(
    model: nn.Module,
    ids: torch.Tensor,
    *,
    context_size: int | None = None,
    batch_size: int = 64,
    max_windows: int | None = None,
    stride: int | None = None,
) -> float:
    """Mean cross-entropy in nats per token of the held-out ``ids``, every token scored once, in order.

    By default the text is cut into consecutive, non-overlapping windows of ``context_size + 1``
    tokens (the model's context by default), each predicting its last ``context_size`` tokens from
    the ones before: the first token of a window is predicted from nothing, the last from the whole
    context, so this is the loss averaged over all context lengths (what training minimises).
    With ``stride`` (1 to ``context_size``), windows start every ``stride`` tokens and each scores
    only its last ``stride`` tokens (the first window scores all of its own): every token after the
    first window is then predicted from at least ``context_size - stride`` tokens of history, the
    way the model reads a long text. ``max_windows`` keeps only the first windows. The model is put
    back in the mode it was in.
    """
    context = context_size or model.config.context_size
    if not isinstance(ids, torch.Tensor) or ids.ndim != 1:
        raise ValueError("evaluate takes the token ids of a text as a 1-D tensor (vocabulary.encode(text))")
    step = context if stride is None else stride
    if not isinstance(step, int) or not 1 <= step <= context:
        raise ValueError(f"stride must be a whole number from 1 to the context size {context}, not {stride!r}")
    if len(ids) < context + 1:
        raise ValueError(f"{len(ids)} tokens are too few for one window of {context} + 1")
    num_windows = 1 + (len(ids) - 1 - context) // step
    if max_windows is not None:
        num_windows = min(num_windows, max_windows)
    device = next(model.parameters()).device
    starts = torch.arange(num_windows) * step
    # Which of a window's positions it scores: all of them in the first window, the last `step` after.
    scored = torch.zeros(num_windows, context, dtype=torch.bool)
    scored[:, context - step :] = True
    scored[0] = True
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    try:
        for first in range(0, num_windows, batch_size):
            window_starts = starts[first : first + batch_size]
            windows = ids[window_starts[:, None] + torch.arange(context + 1)].long().to(device)
            logits = model(windows[:, :-1])
            losses = F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]).float(), windows[:, 1:].reshape(-1), reduction="none"
            ).view(len(window_starts), context)
            keep = scored[first : first + batch_size].to(device)
            total += losses[keep].sum().item()
            count += int(keep.sum())
    finally:
        model.train(was_training)
    return total / count
