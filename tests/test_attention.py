"""utils.attention: the reference agrees with PyTorch's, handles masked rows, draws heads, explains bad input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F

from utils import attention


def random_qkv(batch_shape, query_length, key_length, key_dim, value_dim, dtype=torch.float64, seed=0):
    generator = torch.Generator().manual_seed(seed)
    query = torch.randn(*batch_shape, query_length, key_dim, generator=generator, dtype=dtype)
    key = torch.randn(*batch_shape, key_length, key_dim, generator=generator, dtype=dtype)
    value = torch.randn(*batch_shape, key_length, value_dim, generator=generator, dtype=dtype)
    return query, key, value


@pytest.mark.parametrize("batch_shape", [(), (3,), (2, 4)])
@pytest.mark.parametrize("mask_kind", ["none", "bool", "float", "causal"])
def test_matches_torch_scaled_dot_product_attention(batch_shape, mask_kind):
    query, key, value = random_qkv(batch_shape, 5, 7, 8, 3)
    generator = torch.Generator().manual_seed(1)
    options = {}
    if mask_kind == "bool":
        keep = torch.rand(5, 7, generator=generator) > 0.4
        keep[:, 0] = True
        options["attn_mask"] = keep
    elif mask_kind == "float":
        options["attn_mask"] = torch.randn(5, 7, generator=generator, dtype=torch.float64)
    elif mask_kind == "causal":
        options["is_causal"] = True
    output, weights = attention.scaled_dot_product_attention(query, key, value, **options)
    expected = F.scaled_dot_product_attention(query, key, value, **options)
    torch.testing.assert_close(output, expected, rtol=1e-10, atol=1e-12)
    identity = torch.eye(7, dtype=torch.float64).expand(*batch_shape, 7, 7)
    torch.testing.assert_close(weights, F.scaled_dot_product_attention(query, key, identity, **options))
    assert weights.shape == (*batch_shape, 5, 7)


def test_fully_masked_row_gives_zeros_and_no_nan():
    query, key, value = random_qkv((2,), 3, 4, 6, 5)
    keep = torch.ones(3, 4, dtype=torch.bool)
    keep[1] = False
    output, weights = attention.scaled_dot_product_attention(query, key, value, attn_mask=keep)
    assert not output.isnan().any() and not weights.isnan().any()
    assert torch.all(weights[:, 1] == 0) and torch.all(output[:, 1] == 0)
    torch.testing.assert_close(weights[:, 0].sum(-1), torch.ones(2, dtype=torch.float64))


def test_safe_softmax_is_stable_and_matches_torch():
    scores = torch.tensor([[1e4, 1e4 - 1.0, 1e4 - 3.0], [-1e4, -1e4 + 2.0, -1e4 + 1.0], [0.0, 1.0, 2.0]])
    torch.testing.assert_close(attention.safe_softmax(scores), torch.softmax(scores, dim=-1))
    torch.testing.assert_close(attention.safe_softmax(scores, dim=0), torch.softmax(scores, dim=0))
    masked = torch.full((2, 3), float("-inf"))
    masked[0, 1] = 0.5
    result = attention.safe_softmax(masked)
    torch.testing.assert_close(result, torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]))


def test_causal_mask_matches_is_causal_and_rejects_bad_lengths():
    assert torch.equal(attention.causal_mask(3, 5), torch.ones(3, 5, dtype=torch.bool).tril())
    assert attention.causal_mask(4, 2).dtype == torch.bool
    with pytest.raises(ValueError, match="positive int"):
        attention.causal_mask(0, 3)


def test_bad_input_is_explained():
    query, key, value = random_qkv((), 4, 5, 6, 2)
    with pytest.raises(ValueError, match="same last dimension"):
        attention.scaled_dot_product_attention(query, key[:, :3], value)
    with pytest.raises(ValueError, match="same length S"):
        attention.scaled_dot_product_attention(query, key, value[:3])
    with pytest.raises(ValueError, match="not both"):
        attention.scaled_dot_product_attention(
            query, key, value, attn_mask=torch.ones(4, 5, dtype=torch.bool), is_causal=True
        )
    with pytest.raises(TypeError, match="floating-point"):
        attention.safe_softmax(torch.ones(3, dtype=torch.long))


def test_plot_heads_draws_one_panel_per_head_and_checks_labels():
    weights = torch.softmax(torch.randn(3, 4, 5), dim=-1)
    figure = attention.plot_heads(weights, list("abcd"), list("vwxyz"), ncols=2)
    panels = [ax for ax in figure.axes if ax.get_title().startswith("head")]
    assert len(panels) == 3
    plt.close(figure)
    with pytest.raises(ValueError, match="key tokens"):
        attention.plot_heads(weights, list("abcd"), list("vw"))
    with pytest.raises(ValueError, match="shape"):
        attention.plot_heads(torch.ones(2, 2, 2, 2), list("ab"))
