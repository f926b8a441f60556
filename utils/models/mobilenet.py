"""MobileNetV2 (Sandler et al., 2018) in plain PyTorch, with the module names of torchvision's.

So torchvision's ImageNet state dict (``mobilenet_v2-b0353104.pth``) loads into it with
``strict=True``, without torchvision itself (installing it here would replace the CPU build of
torch). The network is a stem convolution, 17 inverted residual blocks (1x1 expansion, 3x3
depthwise convolution, 1x1 linear projection, a skip connection when shapes allow) and a 1x1
convolution to 1280 channels, then global average pooling and a linear classifier.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

# (expansion factor t, output channels c, repeats n, first stride s), as in Table 2 of the paper.
INVERTED_RESIDUAL_SETTINGS = (
    (1, 16, 1, 1),
    (6, 24, 2, 2),
    (6, 32, 3, 2),
    (6, 64, 4, 2),
    (6, 96, 3, 1),
    (6, 160, 3, 2),
    (6, 320, 1, 1),
)


class ConvBatchNormReLU6(nn.Sequential):
    """Convolution (no bias), batch norm, ReLU6: the unit MobileNetV2 is built from."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1, groups: int = 1):
        super().__init__(
            nn.Conv2d(
                in_channels, out_channels, kernel_size, stride, (kernel_size - 1) // 2, groups=groups, bias=False
            ),
            nn.BatchNorm2d(out_channels),
            nn.ReLU6(inplace=True),
        )


class InvertedResidual(nn.Module):
    """Expand (1x1), filter each channel (3x3 depthwise), project back (1x1, no activation)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int, expansion: int):
        super().__init__()
        hidden = in_channels * expansion
        self.use_skip = stride == 1 and in_channels == out_channels
        layers: list[nn.Module] = []
        if expansion != 1:
            layers.append(ConvBatchNormReLU6(in_channels, hidden, kernel_size=1))
        layers += [
            ConvBatchNormReLU6(hidden, hidden, stride=stride, groups=hidden),
            nn.Conv2d(hidden, out_channels, 1, bias=False),
            nn.BatchNorm2d(out_channels),
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv(x) if self.use_skip else self.conv(x)


class MobileNetV2(nn.Module):
    """MobileNetV2 with width multiplier 1.0: ``features`` (to 1280 channels), then ``classifier``."""

    def __init__(self, num_classes: int = 1000, dropout: float = 0.2):
        super().__init__()
        channels = 32
        layers: list[nn.Module] = [ConvBatchNormReLU6(3, channels, stride=2)]
        for expansion, out_channels, repeats, first_stride in INVERTED_RESIDUAL_SETTINGS:
            for index in range(repeats):
                stride = first_stride if index == 0 else 1
                layers.append(InvertedResidual(channels, out_channels, stride, expansion))
                channels = out_channels
        self.last_channels = 1280
        layers.append(ConvBatchNormReLU6(channels, self.last_channels, kernel_size=1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(self.last_channels, num_classes))

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        """The 1280 pooled features of each image (what transfer learning builds on)."""
        return torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.forward_features(x))


def preprocess(images: np.ndarray | torch.Tensor, size: int = 224, resize: int = 256) -> torch.Tensor:
    """ImageNet preprocessing: RGB images -> a normalised float batch ``(N, 3, size, size)``.

    Accepts one image ``(H, W, 3)`` or a batch ``(N, H, W, 3)`` of uint8 (0..255) or float (0..1)
    values; resizes the shorter side to ``resize`` (bilinear, antialiased), crops the centre
    ``size`` x ``size`` and normalises with ImageNet's mean and standard deviation.
    """
    batch = torch.as_tensor(np.asarray(images) if not isinstance(images, torch.Tensor) else images)
    if batch.ndim == 3:
        batch = batch.unsqueeze(0)
    if batch.ndim != 4 or batch.shape[-1] != 3:
        raise ValueError(f"expected RGB images shaped (H, W, 3) or (N, H, W, 3), got {tuple(batch.shape)}")
    as_integers = not torch.is_floating_point(batch)
    batch = batch.permute(0, 3, 1, 2).float()
    if as_integers or batch.max() > 1.0:
        batch = batch / 255.0
    height, width = batch.shape[-2:]
    scale = resize / min(height, width)
    new_size = (round(height * scale), round(width * scale))
    batch = F.interpolate(batch, size=new_size, mode="bilinear", align_corners=False, antialias=True)
    top, left = (new_size[0] - size) // 2, (new_size[1] - size) // 2
    batch = batch[:, :, top : top + size, left : left + size]
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (batch - mean) / std
