"""Attention as the phase-5 notebooks use it once they have built it: a reference and a picture.

Notebook ``5_transformers/01_attention`` has the learner write scaled dot-product attention;
the notebooks after it need a correct one that also returns the attention weights (which
``torch.nn.functional.scaled_dot_product_attention`` does not), and a way to look at the weights
of several heads at once::

    from utils import attention

    output, weights = attention.scaled_dot_product_attention(query, key, value, attn_mask=mask)
    attention.plot_heads(weights[0], tokens, title="Layer 0, every head")

Mask convention (the same as ``F.scaled_dot_product_attention``): a **boolean** ``attn_mask`` is
``True`` where a query **may** attend to a key; a **float** mask is **added** to the scores (0 to
keep, ``-inf`` to forbid). ``torch.nn.MultiheadAttention`` uses the opposite boolean convention
(``True`` = masked out); convert before calling. A query row with every key masked gets
all-zero weights and a zero output (what ``F.scaled_dot_product_attention`` returns in
torch 2.13; ``torch.softmax`` would give NaN).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["causal_mask", "plot_heads", "safe_softmax", "scaled_dot_product_attention"]


def _torch() -> Any:
    import torch

    return torch


def safe_softmax(scores: Any, dim: int = -1) -> Any:
    """Softmax along ``dim`` that never overflows and gives zeros for a row of ``-inf`` (no NaN)."""
    torch = _torch()
    if not isinstance(scores, torch.Tensor) or not scores.is_floating_point():
        raise TypeError(f"safe_softmax needs a floating-point torch tensor, got {type(scores).__name__}")
    row_max = scores.amax(dim=dim, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    exponentials = torch.exp(scores - row_max)
    total = exponentials.sum(dim=dim, keepdim=True)
    safe_total = total.clamp_min(torch.finfo(scores.dtype).tiny)
    return torch.where(total > 0, exponentials / safe_total, torch.zeros_like(exponentials))


def causal_mask(query_length: int, key_length: int, *, device: Any = None) -> Any:
    """Boolean ``(query_length, key_length)`` mask, ``True`` where key ``j <= i`` (the diagonal included).

    Aligned at the top left, like ``F.scaled_dot_product_attention(..., is_causal=True)``.
    """
    torch = _torch()
    for name, value in (("query_length", query_length), ("key_length", key_length)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"causal_mask: {name} must be a positive int, got {value!r}")
    return torch.ones(query_length, key_length, dtype=torch.bool, device=device).tril()


def scaled_dot_product_attention(
    query: Any,
    key: Any,
    value: Any,
    attn_mask: Any = None,
    is_causal: bool = False,
) -> tuple[Any, Any]:
    """``(softmax(Q Kᵀ / √d_k + mask) V, weights)`` over the last two axes; leading axes broadcast.

    ``query`` is ``(..., L, d_k)``, ``key`` ``(..., S, d_k)``, ``value`` ``(..., S, d_v)``; the output
    is ``(..., L, d_v)`` and the weights ``(..., L, S)``. ``attn_mask`` broadcasts to ``(..., L, S)``:
    boolean ``True`` = may attend, or float added to the scores. ``is_causal=True`` applies
    :func:`causal_mask` (give one or the other, as with PyTorch's function).
    """
    torch = _torch()
    for name, tensor in (("query", query), ("key", key), ("value", value)):
        if not isinstance(tensor, torch.Tensor) or tensor.dim() < 2:
            raise ValueError(f"scaled_dot_product_attention: {name} must be a tensor with at least 2 dimensions")
    if query.shape[-1] != key.shape[-1]:
        raise ValueError(
            f"scaled_dot_product_attention: query and key need the same last dimension d_k, got "
            f"{query.shape[-1]} and {key.shape[-1]}"
        )
    if key.shape[-2] != value.shape[-2]:
        raise ValueError(
            f"scaled_dot_product_attention: key and value need the same length S, got {key.shape[-2]} and "
            f"{value.shape[-2]}"
        )
    if is_causal and attn_mask is not None:
        raise ValueError("scaled_dot_product_attention: give attn_mask or is_causal=True, not both")
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    if is_causal:
        attn_mask = causal_mask(query.shape[-2], key.shape[-2], device=query.device)
    if attn_mask is not None:
        is_bool = attn_mask.dtype == torch.bool
        scores = scores.masked_fill(~attn_mask, float("-inf")) if is_bool else scores + attn_mask
    weights = safe_softmax(scores, dim=-1)
    return weights @ value, weights


def plot_heads(
    weights: Any,
    query_tokens: Sequence[str],
    key_tokens: Sequence[str] | None = None,
    *,
    title: str = "Attention weights, one panel per head",
    head_titles: Sequence[str] | None = None,
    ncols: int = 4,
    panel_size: float = 2.6,
    vmax: float | None = 1.0,
) -> Any:
    """A grid of heatmaps, one per head: ``weights`` is ``(heads, L, S)`` (or ``(L, S)`` for one head).

    Rows are the queries (``query_tokens``), columns the keys (``key_tokens``, default the same).
    Every panel shares one colour scale (0 to ``vmax``; ``None`` for the largest weight), so heads
    compare. Returns the figure.
    """
    import matplotlib.pyplot as plt

    matrix = np.asarray(weights.detach().cpu() if hasattr(weights, "detach") else weights, dtype=float)
    if matrix.ndim == 2:
        matrix = matrix[None]
    if matrix.ndim != 3:
        raise ValueError(f"plot_heads needs weights of shape (heads, L, S) or (L, S), got {matrix.shape}")
    key_tokens = query_tokens if key_tokens is None else key_tokens
    heads, rows, columns = matrix.shape
    if len(query_tokens) != rows or len(key_tokens) != columns:
        raise ValueError(
            f"plot_heads: weights are {rows} queries x {columns} keys but got {len(query_tokens)} query and "
            f"{len(key_tokens)} key tokens"
        )
    if head_titles is not None and len(head_titles) != heads:
        raise ValueError(f"plot_heads: {heads} heads but {len(head_titles)} head titles")
    ncols = max(1, min(ncols, heads))
    nrows = math.ceil(heads / ncols)
    scale = float(matrix.max()) if vmax is None else vmax
    figure, axes = plt.subplots(
        nrows, ncols, figsize=(panel_size * ncols + 0.8, panel_size * nrows + 0.8), squeeze=False, layout="constrained"
    )
    label_size = 7 if max(rows, columns) <= 16 else 5
    image = None
    for index, ax in enumerate(axes.flat):
        if index >= heads:
            ax.axis("off")
            continue
        image = ax.imshow(matrix[index], cmap="viridis", vmin=0.0, vmax=scale, aspect="auto")
        ax.grid(False)
        ax.set_title(head_titles[index] if head_titles is not None else f"head {index}", fontsize=9)
        ax.set_xticks(range(columns), labels=key_tokens, rotation=90, fontsize=label_size)
        ax.set_yticks(range(rows), labels=query_tokens if index % ncols == 0 else [], fontsize=label_size)
    figure.suptitle(title, fontweight="bold")
    figure.colorbar(image, ax=axes.ravel().tolist(), shrink=0.8, label="attention weight")
    return figure
