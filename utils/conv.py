"""Convolution and pooling written from scratch in plain PyTorch: the layers of phase 4.

Notebook ``4_cnn_rnn/01_convolution_and_pooling`` has the learner write these functions; this module
holds the same code so that later notebooks (LeNet-5 in ``02_lenet5``) can build networks from them
without repeating it. Everything is ordinary tensor code (padding, slicing, a matrix product), so
autograd differentiates it and it runs on any device::

    from utils import conv
    features = conv.conv2d(images, weight, bias, stride=1, padding=2)      # = F.conv2d
    pooled = conv.max_pool2d(features, 2)                                  # = F.max_pool2d
    model = nn.Sequential(conv.Conv2d(1, 6, 5, padding=2), nn.ReLU(), conv.MaxPool2d(2))

Conventions follow ``torch.nn.functional``: images are ``(N, C, H, W)``, a convolution's weight is
``(out_channels, in_channels, kernel_height, kernel_width)``, and the operation is a
*cross-correlation* (the kernel is not flipped), as in every deep-learning library. ``stride``,
``padding`` and ``dilation`` are an int or a ``(height, width)`` pair; ``padding`` may also be a
4-tuple ``(left, right, top, bottom)`` (the order of ``F.pad``) to pad one side only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "AvgPool2d",
    "Conv2d",
    "MaxPool2d",
    "avg_pool2d",
    "conv2d",
    "conv_output_size",
    "im2col",
    "max_pool2d",
    "pair",
    "receptive_field",
]


def pair(value: Any, name: str = "value") -> tuple[int, int]:
    """``value`` as a ``(height, width)`` pair of ints: ``3`` -> ``(3, 3)``, ``(3, 5)`` stays."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an int or a pair of ints, got the bool {value!r}")
    if isinstance(value, int):
        return value, value
    if isinstance(value, Sequence) and len(value) == 2 and all(_is_int(v) for v in value):
        return int(value[0]), int(value[1])
    raise TypeError(f"{name} must be an int or a (height, width) pair of ints, got {value!r}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _padding(padding: Any) -> tuple[int, int, int, int]:
    """Padding as ``(left, right, top, bottom)`` from an int, a (height, width) pair or a 4-tuple."""
    if isinstance(padding, Sequence) and not isinstance(padding, str) and len(padding) == 4:
        sides = tuple(padding)
        if not all(_is_int(v) for v in sides):
            raise TypeError(f"padding (left, right, top, bottom) must be four ints, got {padding!r}")
    else:
        height, width = pair(padding, "padding")
        sides = (width, width, height, height)
    if min(sides) < 0:
        raise ValueError(f"padding must not be negative, got {padding!r}")
    return sides  # type: ignore[return-value]


def conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length along one axis: ``floor((size + 2 padding - dilation (kernel_size - 1) - 1) / stride) + 1``.

    ``padding`` is added on *each* side. Raises ``ValueError`` when the (dilated) kernel does not fit
    in the padded input even once.
    """
    for name, value in (("size", size), ("kernel_size", kernel_size), ("stride", stride), ("dilation", dilation)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    if not isinstance(padding, int) or isinstance(padding, bool) or padding < 0:
        raise ValueError(f"padding must be a non-negative int, got {padding!r}")
    return _output_length(size, kernel_size, stride, padding, padding, dilation)


def _output_length(size: int, kernel: int, stride: int, before: int, after: int, dilation: int) -> int:
    span = dilation * (kernel - 1) + 1  # the dilated kernel's extent
    room = size + before + after - span
    if room < 0:
        raise ValueError(
            f"the kernel (size {kernel}, dilation {dilation}, so it spans {span} pixels) does not fit in an input "
            f"of {size} pixels padded by {before} + {after}: use a smaller kernel or dilation, or more padding"
        )
    return room // stride + 1


def _require_images(images: Any, what: str) -> None:
    if not isinstance(images, torch.Tensor):
        raise TypeError(f"{what} takes a torch tensor of images (N, C, H, W), got {type(images).__name__}")
    if images.dim() != 4:
        raise ValueError(
            f"{what} takes a batch of images shaped (N, C, H, W), got shape {tuple(images.shape)}: "
            "add the missing axes with images[None] or images.unsqueeze(...)"
        )


def im2col(
    images: torch.Tensor,
    kernel_size: Any,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
    pad_value: float = 0.0,
) -> torch.Tensor:
    """Every window the kernel visits, as a column: ``(N, C * kh * kw, L)`` like ``F.unfold``.

    ``L`` is the number of output positions (``out_height * out_width``, row by row). Within a column
    the entries run over channels, then kernel rows, then kernel columns: the order of
    ``weight.reshape(out_channels, -1)``. ``pad_value`` fills the padding (``-inf`` for max pooling).
    """
    _require_images(images, "im2col")
    kernel_height, kernel_width = pair(kernel_size, "kernel_size")
    stride_height, stride_width = pair(stride, "stride")
    dilation_height, dilation_width = pair(dilation, "dilation")
    left, right, top, bottom = _padding(padding)
    out_height = _output_length(images.shape[2], kernel_height, stride_height, top, bottom, dilation_height)
    out_width = _output_length(images.shape[3], kernel_width, stride_width, left, right, dilation_width)
    padded = F.pad(images, (left, right, top, bottom), value=pad_value)
    # One strided slice per kernel position (i, j): the pixel under that kernel entry for every window.
    windows = [
        padded[
            :,
            :,
            i * dilation_height : i * dilation_height + stride_height * (out_height - 1) + 1 : stride_height,
            j * dilation_width : j * dilation_width + stride_width * (out_width - 1) + 1 : stride_width,
        ]
        for i in range(kernel_height)
        for j in range(kernel_width)
    ]
    columns = torch.stack(windows, dim=2)  # (N, C, kh * kw, out_height, out_width)
    batch, channels = images.shape[:2]
    return columns.reshape(batch, channels * kernel_height * kernel_width, out_height * out_width)


def _output_shape(
    images: torch.Tensor, kernel: tuple[int, int], stride: Any, padding: Any, dilation: Any
) -> tuple[int, int]:
    left, right, top, bottom = _padding(padding)
    stride_height, stride_width = pair(stride, "stride")
    dilation_height, dilation_width = pair(dilation, "dilation")
    return (
        _output_length(images.shape[2], kernel[0], stride_height, top, bottom, dilation_height),
        _output_length(images.shape[3], kernel[1], stride_width, left, right, dilation_width),
    )


def conv2d(
    images: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
) -> torch.Tensor:
    """2-D cross-correlation, as ``F.conv2d``: im2col, then one matrix product with the flattened kernels."""
    _require_images(images, "conv2d")
    if not isinstance(weight, torch.Tensor) or weight.dim() != 4:
        raise ValueError(
            "conv2d's weight is a tensor shaped (out_channels, in_channels, kernel_height, kernel_width), got "
            f"{tuple(weight.shape) if isinstance(weight, torch.Tensor) else type(weight).__name__}"
        )
    out_channels, in_channels, kernel_height, kernel_width = weight.shape
    if images.shape[1] != in_channels:
        raise ValueError(
            f"the images have {images.shape[1]} channels but the weight expects {in_channels} "
            f"(weight shape {tuple(weight.shape)} is (out_channels, in_channels, kh, kw))"
        )
    if bias is not None and tuple(bias.shape) != (out_channels,):
        raise ValueError(
            f"bias must have one value per output channel, shape ({out_channels},), got {tuple(bias.shape)}"
        )
    out_height, out_width = _output_shape(images, (kernel_height, kernel_width), stride, padding, dilation)
    columns = im2col(images, (kernel_height, kernel_width), stride, padding, dilation)  # (N, C kh kw, L)
    output = weight.reshape(out_channels, -1) @ columns  # (N, out_channels, L)
    if bias is not None:
        output = output + bias[:, None]
    return output.reshape(images.shape[0], out_channels, out_height, out_width)


def max_pool2d(
    images: torch.Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1
) -> torch.Tensor:
    """Max pooling, as ``F.max_pool2d``: the largest value in each window, channel by channel.

    ``stride`` defaults to ``kernel_size``; padding never wins (it is ``-inf``), and, as in PyTorch,
    may be at most half the kernel.
    """
    _require_images(images, "max_pool2d")
    kernel = pair(kernel_size, "kernel_size")
    stride = kernel if stride is None else stride
    _check_pool_padding(padding, kernel)
    out_height, out_width = _output_shape(images, kernel, stride, padding, dilation)
    columns = im2col(images, kernel, stride, padding, dilation, pad_value=-math.inf)
    batch, channels = images.shape[:2]
    windows = columns.reshape(batch, channels, kernel[0] * kernel[1], out_height * out_width)
    return windows.amax(dim=2).reshape(batch, channels, out_height, out_width)


def avg_pool2d(
    images: torch.Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, count_include_pad: bool = True
) -> torch.Tensor:
    """Average pooling, as ``F.avg_pool2d``: the mean of each window, channel by channel.

    With ``count_include_pad=True`` (PyTorch's default) padded zeros count in the mean; with
    ``False`` each window is divided by the number of real pixels in it.
    """
    _require_images(images, "avg_pool2d")
    kernel = pair(kernel_size, "kernel_size")
    stride = kernel if stride is None else stride
    _check_pool_padding(padding, kernel)
    out_height, out_width = _output_shape(images, kernel, stride, padding, 1)
    batch, channels = images.shape[:2]
    columns = im2col(images, kernel, stride, padding).reshape(batch, channels, kernel[0] * kernel[1], -1)
    if count_include_pad:
        means = columns.mean(dim=2)
    else:
        ones = torch.ones(1, 1, *images.shape[2:], dtype=images.dtype, device=images.device)
        counts = im2col(ones, kernel, stride, padding).sum(dim=1)  # real pixels in each window: (1, L)
        means = columns.sum(dim=2) / counts
    return means.reshape(batch, channels, out_height, out_width)


def _check_pool_padding(padding: Any, kernel: tuple[int, int]) -> None:
    left, right, top, bottom = _padding(padding)
    if max(top, bottom) > kernel[0] // 2 or max(left, right) > kernel[1] // 2:
        raise ValueError(
            f"pooling padding {padding!r} is more than half the kernel {kernel}: a window could hold only padding "
            "(PyTorch refuses this too); use less padding"
        )


def receptive_field(layers: Sequence[Sequence[int]]) -> tuple[int, int]:
    """Receptive field of one unit after a stack of layers, and the input distance between neighbours.

    ``layers`` lists ``(kernel_size, stride, dilation)`` per layer, first layer first (a pooling layer
    counts like a convolution of its window). Starting from one pixel (size 1, jump 1), each layer
    adds ``dilation * (kernel_size - 1)`` steps of the current jump, then multiplies the jump by its
    stride. Returns ``(size, jump)`` in input pixels.
    """
    size, jump = 1, 1
    for index, layer in enumerate(layers):
        if len(layer) != 3 or not all(isinstance(v, int) and v >= 1 for v in layer):
            raise ValueError(
                f"layer {index} must be (kernel_size, stride, dilation), three positive ints; got {layer!r}"
            )
        kernel_size, stride, dilation = layer
        size += dilation * (kernel_size - 1) * jump
        jump *= stride
    return size, jump


class Conv2d(nn.Module):
    """A convolution layer built on :func:`conv2d`, with ``nn.Conv2d``'s parameters and initialisation.

    Its ``weight`` and ``bias`` have the shapes and names of ``nn.Conv2d``'s, so a ``state_dict`` copies
    between the two in either direction.
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: Any,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        bias: bool = True,
    ) -> None:
        super().__init__()
        kernel_height, kernel_width = pair(kernel_size, "kernel_size")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = (kernel_height, kernel_width)
        self.stride, self.padding, self.dilation = stride, padding, dilation
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels, kernel_height, kernel_width))
        self.bias = nn.Parameter(torch.empty(out_channels)) if bias else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """The initialisation of ``nn.Conv2d``: Kaiming-uniform weights, biases in ±1/sqrt(fan_in)."""
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.in_channels * self.kernel_size[0] * self.kernel_size[1]
            bound = 1 / math.sqrt(fan_in)
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return conv2d(images, self.weight, self.bias, self.stride, self.padding, self.dilation)

    def extra_repr(self) -> str:
        return (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}, "
            f"padding={self.padding}, dilation={self.dilation}, bias={self.bias is not None}"
        )


class MaxPool2d(nn.Module):
    """Max pooling built on :func:`max_pool2d` (no parameters)."""

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding, self.dilation = kernel_size, stride, padding, dilation

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return max_pool2d(images, self.kernel_size, self.stride, self.padding, self.dilation)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, dilation={self.dilation}"


class AvgPool2d(nn.Module):
    """Average pooling built on :func:`avg_pool2d` (no parameters)."""

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, count_include_pad: bool = True) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        self.count_include_pad = count_include_pad

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return avg_pool2d(images, self.kernel_size, self.stride, self.padding, self.count_include_pad)

    def extra_repr(self) -> str:
        return (
            f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
            f"count_include_pad={self.count_include_pad}"
        )
