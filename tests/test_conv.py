"""utils.conv: from-scratch convolution and pooling agree with torch.nn.functional, values and gradients."""

from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from utils import conv

CONV_SETTINGS = [
    # (batch, in_channels, height, width, out_channels, kernel, stride, padding, dilation)
    (2, 3, 9, 11, 4, (3, 3), 1, 0, 1),
    (1, 1, 7, 7, 1, (1, 1), 1, 0, 1),
    (3, 2, 10, 8, 5, (3, 2), 2, 1, 1),
    (2, 4, 12, 13, 3, (2, 4), (2, 3), (1, 2), (2, 1)),
    (1, 3, 15, 9, 2, (5, 3), 3, 2, 2),
    (2, 1, 6, 20, 6, (1, 5), (1, 4), (0, 3), (1, 3)),
    (4, 2, 5, 5, 2, (5, 5), 1, 0, 1),  # one output position
]


def _random(*shape: int, seed: int = 0, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@pytest.mark.parametrize("setting", CONV_SETTINGS, ids=[str(s) for s in CONV_SETTINGS])
def test_conv2d_and_im2col_match_torch(setting):
    batch, in_channels, height, width, out_channels, kernel, stride, padding, dilation = setting
    images = _random(batch, in_channels, height, width, seed=1)
    weight = _random(out_channels, in_channels, *kernel, seed=2)
    bias = _random(out_channels, seed=3)
    expected = F.conv2d(images, weight, bias, stride=stride, padding=padding, dilation=dilation)
    got = conv.conv2d(images, weight, bias, stride=stride, padding=padding, dilation=dilation)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-10)
    without_bias = conv.conv2d(images, weight, None, stride=stride, padding=padding, dilation=dilation)
    torch.testing.assert_close(without_bias, F.conv2d(images, weight, None, stride, padding, dilation))
    columns = conv.im2col(images, kernel, stride=stride, padding=padding, dilation=dilation)
    torch.testing.assert_close(columns, F.unfold(images, kernel, dilation=dilation, padding=padding, stride=stride))


def test_output_size_formula_matches_torch_shapes():
    grid = itertools.product([5, 8, 13], [1, 2, 3, 5], [1, 2, 3], [0, 1, 2], [1, 2])
    for size, kernel, stride, padding, dilation in grid:
        if size + 2 * padding < dilation * (kernel - 1) + 1:
            with pytest.raises(ValueError, match="does not fit"):
                conv.conv_output_size(size, kernel, stride, padding, dilation)
            continue
        shape = F.conv2d(torch.zeros(1, 1, size, 1), torch.zeros(1, 1, kernel, 1), stride=(stride, 1),
                         padding=(padding, 0), dilation=(dilation, 1)).shape
        assert conv.conv_output_size(size, kernel, stride, padding, dilation) == shape[2]


def test_one_sided_padding_matches_pad_then_convolve():
    images, weight = _random(2, 3, 7, 9, seed=4), _random(2, 3, 2, 3, seed=5)
    sides = (0, 2, 1, 0)  # left, right, top, bottom
    expected = F.conv2d(F.pad(images, sides), weight, stride=(2, 1))
    torch.testing.assert_close(conv.conv2d(images, weight, padding=sides, stride=(2, 1)), expected)


def test_gradients_match_torch():
    images = _random(2, 3, 8, 9, seed=6).requires_grad_()
    weight = _random(4, 3, 3, 2, seed=7).requires_grad_()
    bias = _random(4, seed=8).requires_grad_()
    upstream = _random(2, 4, 4, 9, seed=9)
    ours = conv.conv2d(images, weight, bias, stride=(2, 1), padding=1, dilation=(1, 2))
    grads = torch.autograd.grad((ours * upstream).sum(), (images, weight, bias))
    theirs = F.conv2d(images, weight, bias, stride=(2, 1), padding=1, dilation=(1, 2))
    expected = torch.autograd.grad((theirs * upstream).sum(), (images, weight, bias))
    for got, want in zip(grads, expected, strict=True):
        torch.testing.assert_close(got, want)


POOL_SETTINGS = [
    # (height, width, kernel, stride, padding)
    (8, 8, 2, None, 0),
    (9, 7, 3, 2, 1),
    (10, 13, (2, 3), (1, 2), (1, 1)),
    (7, 11, (3, 2), (3, 1), (0, 1)),
    (6, 6, 3, 1, 1),
]


@pytest.mark.parametrize("setting", POOL_SETTINGS, ids=[str(s) for s in POOL_SETTINGS])
def test_pooling_matches_torch(setting):
    height, width, kernel, stride, padding = setting
    images = _random(2, 3, height, width, seed=10)
    torch.testing.assert_close(conv.max_pool2d(images, kernel, stride, padding),
                               F.max_pool2d(images, kernel, stride, padding))
    for include in (True, False):
        torch.testing.assert_close(
            conv.avg_pool2d(images, kernel, stride, padding, count_include_pad=include),
            F.avg_pool2d(images, kernel, stride, padding, count_include_pad=include),
        )


def test_dilated_max_pooling_matches_torch():
    images = _random(1, 2, 11, 12, seed=11)
    torch.testing.assert_close(conv.max_pool2d(images, 3, 2, 1, dilation=2), F.max_pool2d(images, 3, 2, 1, dilation=2))


def test_float32_stays_float32():
    images, weight = _random(1, 2, 6, 6, dtype=torch.float32), _random(3, 2, 3, 3, dtype=torch.float32)
    assert conv.conv2d(images, weight).dtype == torch.float32
    assert conv.avg_pool2d(images, 2, count_include_pad=False).dtype == torch.float32


def test_layers_share_parameters_with_nn_layers():
    torch.manual_seed(0)
    reference = nn.Sequential(nn.Conv2d(2, 5, (3, 2), stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.AvgPool2d(2, count_include_pad=False))
    ours = nn.Sequential(conv.Conv2d(2, 5, (3, 2), stride=2, padding=1), nn.ReLU(), conv.MaxPool2d(2),
                         conv.AvgPool2d(2, count_include_pad=False))
    ours.load_state_dict(reference.state_dict())
    images = _random(3, 2, 17, 19, seed=12, dtype=torch.float32)
    torch.testing.assert_close(ours(images), reference(images), rtol=1e-5, atol=1e-6)
    assert "kernel_size=(3, 2)" in repr(ours[0])
    no_bias = conv.Conv2d(2, 3, 3, bias=False)
    assert no_bias.bias is None and conv.conv2d(images, no_bias.weight).shape == no_bias(images).shape


def test_initialisation_matches_nn_conv2d():
    torch.manual_seed(3)
    ours = conv.Conv2d(4, 8, 5)
    torch.manual_seed(3)
    reference = nn.Conv2d(4, 8, 5)
    torch.testing.assert_close(ours.weight, reference.weight)
    torch.testing.assert_close(ours.bias, reference.bias)


def _measured_receptive_field(layers):
    """Extent of the input gradient of the middle output unit of a 1-D stack of all-ones convolutions."""
    total_stride = int(torch.tensor([stride for _, stride, _ in layers]).prod())
    length = 1 + 2 * total_stride * sum(dilation * (kernel - 1) + 1 for kernel, _, dilation in layers)
    signal = torch.zeros(1, 1, length, dtype=torch.float64, requires_grad=True)
    output = signal
    for kernel, stride, dilation in layers:
        output = F.conv1d(output, torch.ones(1, 1, kernel, dtype=torch.float64), stride=stride, dilation=dilation)
    middle = output.shape[-1] // 2
    starts = []
    for unit in (middle, middle + 1):
        (gradient,) = torch.autograd.grad(output[0, 0, unit], signal, retain_graph=True)
        touched = gradient[0, 0].nonzero().flatten()
        starts.append(touched.min().item())
        if unit == middle:
            size = touched.max().item() - touched.min().item() + 1
    return size, starts[1] - starts[0]


@pytest.mark.parametrize("layers", [
    [(3, 1, 1)],
    [(5, 1, 1), (2, 2, 1), (5, 1, 1), (2, 2, 1)],
    [(3, 2, 1), (3, 2, 1), (3, 1, 2)],
    [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
    [(7, 2, 1), (3, 2, 1), (3, 1, 1), (1, 1, 1)],
])
def test_receptive_field_matches_a_gradient_measurement(layers):
    assert conv.receptive_field(layers) == _measured_receptive_field(layers)


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        conv.conv2d(torch.zeros(3, 5, 5), torch.zeros(1, 3, 3, 3))
    with pytest.raises(ValueError, match="channels"):
        conv.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(1, 3, 3, 3))
    with pytest.raises(ValueError, match="does not fit"):
        conv.conv2d(torch.zeros(1, 1, 4, 4), torch.zeros(1, 1, 3, 3), dilation=2)
    with pytest.raises(ValueError, match="one value per output channel"):
        conv.conv2d(torch.zeros(1, 1, 4, 4), torch.zeros(2, 1, 3, 3), torch.zeros(3))
    with pytest.raises(ValueError, match="more than half the kernel"):
        conv.max_pool2d(torch.zeros(1, 1, 6, 6), 2, padding=2)
    with pytest.raises(TypeError, match="pair of ints"):
        conv.pair(2.5, "stride")
    with pytest.raises(TypeError, match="torch tensor"):
        conv.im2col([[1.0]], 1)
    with pytest.raises(ValueError, match="kernel_size, stride, dilation"):
        conv.receptive_field([(3, 1)])
    with pytest.raises(ValueError, match="positive int"):
        conv.conv_output_size(5, 3, stride=0)


def test_pooling_gradients_match_torch():
    images = _random(2, 3, 9, 8, seed=13).requires_grad_()
    upstream = _random(2, 3, 5, 4, seed=14)
    for ours, theirs in [
        (lambda x: conv.max_pool2d(x, 3, 2, 1), lambda x: F.max_pool2d(x, 3, 2, 1)),
        (lambda x: conv.avg_pool2d(x, 3, 2, 1, count_include_pad=False),
         lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)),
    ]:
        (got,) = torch.autograd.grad((ours(images) * upstream).sum(), images)
        (want,) = torch.autograd.grad((theirs(images) * upstream).sum(), images)
        torch.testing.assert_close(got, want)
