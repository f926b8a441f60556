"""One yardstick for phase 4's generative models: a fixed classifier judges their samples in numbers.

"The samples look like digits" is not a measurement. The generative notebooks (GAN, VAE,
diffusion) all hand their samples to the same small classifier, trained once on the real data and
kept as an artefact (``utils.artifacts``), and compare the three families on three figures::

    from utils import yardstick

    result = yardstick.score(samples, dataset="mnist", name="DCGAN")   # samples: (N, 1, 28, 28) in [0, 1]
    print(result)                  # confident 93.1%, class entropy 2.29 nats, Frechet distance 12.4
    yardstick.remember(result)     # kept in the cache, so that a later notebook can show it in a table
    yardstick.table([yardstick.real_reference(), result])

The figures
-----------
- ``confident_share``: the share of samples the classifier puts in one class with probability at
  least 0.9 (``CONFIDENCE``). Blurred, half-formed or in-between images score low.
- ``class_shares`` and ``class_entropy``: the histogram of the classes the samples are assigned to,
  and its entropy in nats (``log(10) = 2.303`` when every class is equally common). A generator that
  draws the same few digits (*mode collapse*) has a low entropy.
- ``frechet_distance``: the Frechet distance between two Gaussians fitted to the classifier's
  penultimate-layer features (``FEATURE_SIZE`` numbers per image) of the samples and of the real
  test images: ``|mu_a - mu_b|^2 + tr(S_a + S_b - 2 (S_a S_b)^(1/2))``. This is the FID of Heusel
  et al. (2017) with our own network in place of Inception (whose weights are not available
  offline), so its values are comparable with each other, not with published FIDs. It catches what
  the other two miss: samples that are all confident and balanced but too alike, or unlike real
  digits in stroke width or style. Like FID it is biased upwards for small samples, so compare
  scores of the same number of images (``real_reference(num_images)`` gives real images' score).
- ``requested_accuracy`` (when ``labels`` are given): for a conditional model, the share of samples
  classified as the class that was asked for.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from utils import artifacts, config

__all__ = [
    "CONFIDENCE",
    "DATA_SETS",
    "FEATURE_SIZE",
    "Score",
    "YardstickNet",
    "classifier",
    "features_and_probabilities",
    "frechet_distance",
    "gaussian_statistics",
    "pixel_gaussian_samples",
    "real_reference",
    "remember",
    "remembered",
    "score",
    "table",
]

CONFIDENCE = 0.9
FEATURE_SIZE = 128
NUM_CLASSES = 10
DATA_SETS = ("mnist", "fashion_mnist")
ARTIFACT = "yardstick-classifier"
AREA = "yardstick"
MIN_IMAGES = 50


class YardstickNet(nn.Module):
    """A small convolutional classifier for 28x28 grey images in [0, 1]; ``features`` is its penultimate layer."""

    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),  # 14x14
            nn.Conv2d(16, 32, 5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),  # 7x7
            nn.Flatten(),
            nn.Linear(32 * 7 * 7, FEATURE_SIZE),
            nn.ReLU(),
        )
        self.head = nn.Linear(FEATURE_SIZE, NUM_CLASSES)

    def features(self, images: torch.Tensor) -> torch.Tensor:
        return self.body(images)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(images))


def _check_data_set(dataset: str) -> str:
    if dataset not in DATA_SETS:
        raise ValueError(f"the yardstick knows the data sets {', '.join(map(repr, DATA_SETS))}, not {dataset!r}")
    return dataset


def _real_images(dataset: str) -> Any:
    from utils import vision

    return vision.image_tensors(dataset)


@torch.inference_mode()
def _embed(model: YardstickNet, images: torch.Tensor, batch_size: int = 500) -> tuple[torch.Tensor, torch.Tensor]:
    features, probabilities = [], []
    for start in range(0, len(images), batch_size):
        batch_features = model.features(images[start : start + batch_size])
        features.append(batch_features)
        probabilities.append(F.softmax(model.head(batch_features), dim=1))
    return torch.cat(features), torch.cat(probabilities)


def gaussian_statistics(features: Any) -> tuple[np.ndarray, np.ndarray]:
    """Mean and covariance (float64, unbiased) of a ``(N, D)`` array of features, one row per image."""
    array = np.asarray(features.detach().cpu() if isinstance(features, torch.Tensor) else features, dtype=np.float64)
    if array.ndim != 2 or len(array) < 2:
        raise ValueError(f"gaussian_statistics() takes an (N, D) array with N >= 2, got shape {array.shape}")
    return array.mean(axis=0), np.cov(array, rowvar=False)


def frechet_distance(mean_a: Any, cov_a: Any, mean_b: Any, cov_b: Any) -> float:
    """Frechet distance between N(mean_a, cov_a) and N(mean_b, cov_b), in squared feature units.

    ``|mean_a - mean_b|^2 + tr(cov_a) + tr(cov_b) - 2 tr((cov_a cov_b)^(1/2))``. The trace of the
    matrix square root is computed stably as the sum of the square roots of the eigenvalues of
    ``cov_a^(1/2) cov_b cov_a^(1/2)`` (symmetric, positive semi-definite; tiny negative rounding
    errors clipped to 0), so rank-deficient covariances (fewer images than features) are fine.
    """
    mean_a, mean_b = (np.asarray(value, dtype=np.float64) for value in (mean_a, mean_b))
    cov_a, cov_b = (np.asarray(value, dtype=np.float64) for value in (cov_a, cov_b))
    if mean_a.shape != mean_b.shape or mean_a.ndim != 1:
        raise ValueError(f"the means must be vectors of one length, got shapes {mean_a.shape} and {mean_b.shape}")
    size = len(mean_a)
    if cov_a.shape != (size, size) or cov_b.shape != (size, size):
        raise ValueError(f"the covariances must be {size}x{size}, got {cov_a.shape} and {cov_b.shape}")
    values, vectors = np.linalg.eigh((cov_a + cov_a.T) / 2)
    root_a = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
    middle = root_a @ cov_b @ root_a
    trace_root = np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0, None)).sum()
    distance = float(np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2 * trace_root)
    return max(distance, 0.0)


@artifacts.register(ARTIFACT, version=1)
def build_yardstick_classifier(
    dataset: str = "mnist", num_steps: int = 1000, batch_size: int = 64, seed: int = 0
) -> dict:
    """The yardstick's classifier trained on a data set's 60,000 training images, with the real test statistics."""
    from utils import env, vision

    _check_data_set(dataset)
    env.seed_everything(seed)
    images = _real_images(dataset)
    model = YardstickNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=num_steps, pct_start=0.15)
    vision.train_classifier(
        model,
        images.train_images,
        images.train_labels,
        num_steps=num_steps,
        batch_size=batch_size,
        optimizer=optimizer,
        scheduler=scheduler,
        seed=seed,
        description=f"yardstick classifier ({dataset})",
    )
    model.eval()
    features, probabilities = _embed(model, images.test_images)
    mean, covariance = gaussian_statistics(features)
    accuracy = (probabilities.argmax(1) == images.test_labels).double().mean().item()
    return {
        "state_dict": model.state_dict(),
        "config": {"dataset": dataset, "feature_size": FEATURE_SIZE},
        "real_mean": torch.from_numpy(mean),
        "real_covariance": torch.from_numpy(covariance),
        "metrics": {"test_accuracy": accuracy},
    }


_LOADED: dict[str, tuple[YardstickNet, dict]] = {}


def _loaded(dataset: str) -> tuple[YardstickNet, dict]:
    _check_data_set(dataset)
    if dataset not in _LOADED:
        saved = artifacts.load(ARTIFACT, dataset=dataset)
        model = YardstickNet()
        model.load_state_dict(saved["state_dict"])
        model.eval().requires_grad_(False)
        _LOADED[dataset] = (model, saved)
    return _LOADED[dataset]


def classifier(dataset: str = "mnist") -> YardstickNet:
    """The yardstick's classifier for ``dataset``, in evaluation mode, its weights frozen."""
    return _loaded(dataset)[0]


def test_accuracy(dataset: str = "mnist") -> float:
    """The classifier's accuracy on the real test set, measured when it was built."""
    return float(_loaded(dataset)[1]["metrics"]["test_accuracy"])


def _as_images(images: Any) -> torch.Tensor:
    if isinstance(images, np.ndarray):
        images = torch.from_numpy(images)
    if not isinstance(images, torch.Tensor):
        raise TypeError(f"the yardstick takes a torch tensor (or NumPy array) of images, got {type(images).__name__}")
    if not images.is_floating_point():
        raise TypeError(
            f"the yardstick takes float pixels in [0, 1], got {images.dtype}; "
            "for uint8 images in 0-255 pass images.float() / 255"
        )
    images = images.detach().to("cpu", torch.float32)
    if images.ndim == 2 and images.shape[1] == 28 * 28:
        images = images.reshape(-1, 1, 28, 28)
    elif images.ndim == 3 and images.shape[1:] == (28, 28):
        images = images[:, None]
    if images.ndim != 4 or images.shape[1:] != (1, 28, 28):
        raise ValueError(
            f"the yardstick takes images of shape (N, 1, 28, 28), (N, 28, 28) or (N, 784), got {tuple(images.shape)}"
        )
    if len(images) < MIN_IMAGES:
        raise ValueError(f"score at least {MIN_IMAGES} images (1,000 is usual), got {len(images)}")
    if not torch.isfinite(images).all():
        raise ValueError("some pixels are NaN or infinite: the generator's training has probably diverged")
    low, high = images.min().item(), images.max().item()
    if low < -1e-3 or high > 1 + 1e-3:
        hint = (
            " They look like a tanh output in [-1, 1]: pass (images + 1) / 2."
            if low >= -1 - 1e-3 and high <= 1 + 1e-3
            else " Clamp or rescale them first."
        )
        raise ValueError(f"the yardstick takes pixels in [0, 1]; these range from {low:.3f} to {high:.3f}.{hint}")
    return images


def features_and_probabilities(images: Any, dataset: str = "mnist") -> tuple[torch.Tensor, torch.Tensor]:
    """The classifier's penultimate features ``(N, FEATURE_SIZE)`` and class probabilities ``(N, 10)``."""
    pictures = _as_images(images)
    return _embed(_loaded(dataset)[0], pictures)


@dataclass(frozen=True)
class Score:
    """What the yardstick says about one batch of images (see the module's docstring)."""

    name: str
    dataset: str
    num_images: int
    confident_share: float
    class_shares: tuple[float, ...]
    class_entropy: float
    frechet_distance: float
    requested_accuracy: float | None = None
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def rarest_class_share(self) -> float:
        return min(self.class_shares)

    def row(self) -> dict[str, Any]:
        """The figures as a flat dict (a row of ``table``)."""
        row = {
            "model": self.name,
            "images": self.num_images,
            "confident (>= 0.9)": round(self.confident_share, 4),
            "rarest class": round(self.rarest_class_share, 4),
            "class entropy (nats)": round(self.class_entropy, 3),
            "Frechet distance": round(self.frechet_distance, 2),
        }
        if self.requested_accuracy is not None:
            row["requested class"] = round(self.requested_accuracy, 4)
        row.update(self.extra)
        return row

    def __str__(self) -> str:
        text = (
            f"{self.name} ({self.num_images} images, {self.dataset}): confident {self.confident_share:.1%}, "
            f"rarest class {self.rarest_class_share:.1%}, class entropy {self.class_entropy:.3f} nats "
            f"(max {math.log(NUM_CLASSES):.3f}), Frechet distance {self.frechet_distance:.2f}"
        )
        if self.requested_accuracy is not None:
            text += f", requested class {self.requested_accuracy:.1%}"
        return text


def score(images: Any, *, dataset: str = "mnist", labels: Any = None, name: str = "samples") -> Score:
    """Judge a batch of images ``(N, 1, 28, 28)`` with pixels in [0, 1] (see the module's docstring).

    ``labels``, for a conditional model, are the classes that were asked for, one per image.
    """
    pictures = _as_images(images)  # bad input fails before the classifier is loaded (or built)
    model, saved = _loaded(dataset)
    features, probabilities = _embed(model, pictures)
    confidence, predicted = probabilities.max(dim=1)
    counts = torch.bincount(predicted, minlength=NUM_CLASSES).double()
    shares = counts / counts.sum()
    nonzero = shares[shares > 0]
    entropy = abs(float(-(nonzero * nonzero.log()).sum()))
    mean, covariance = gaussian_statistics(features)
    distance = frechet_distance(mean, covariance, saved["real_mean"].numpy(), saved["real_covariance"].numpy())
    requested = None
    if labels is not None:
        wanted = torch.as_tensor(labels).reshape(-1)
        if len(wanted) != len(pictures):
            raise ValueError(f"{len(pictures)} images but {len(wanted)} requested labels")
        if wanted.is_floating_point() or wanted.min() < 0 or wanted.max() >= NUM_CLASSES:
            raise ValueError("labels must be integer classes 0-9, one per image (the class each image was asked to be)")
        requested = float((predicted == wanted.to(predicted.dtype)).double().mean())
    return Score(
        name=name,
        dataset=dataset,
        num_images=len(pictures),
        confident_share=float((confidence >= CONFIDENCE).double().mean()),
        class_shares=tuple(float(share) for share in shares),
        class_entropy=entropy,
        frechet_distance=distance,
        requested_accuracy=requested,
    )


def real_reference(dataset: str = "mnist", num_images: int = 1000, seed: int = 0) -> Score:
    """The score of ``num_images`` real test images (a seeded random choice): what a perfect generator reaches.

    The real statistics come from all 10,000 test images, so even real images have a Frechet
    distance above 0 (a sample of 1,000 is not the whole set); a generator's score is read against this.
    """
    images = _real_images(dataset).test_images
    chosen = torch.randperm(len(images), generator=torch.Generator().manual_seed(seed))[:num_images]
    return score(images[chosen], dataset=dataset, name=f"real test images ({dataset})")


def pixel_gaussian_samples(
    num_samples: int = 1000, dataset: str = "mnist", *, num_fitted: int = 10_000, seed: int = 0
) -> torch.Tensor:
    """The baseline generator of phase 4: samples of one Gaussian fitted to the training images' pixels.

    The mean of the 784 pixels of the first ``num_fitted`` training images and their full
    ``784 x 784`` covariance (a jitter of 1e-4 on the diagonal for the Cholesky factor), sampled
    with a seeded generator and clamped to [0, 1]: ``(num_samples, 1, 28, 28)`` float32. It knows the
    average digit and which pixels are on together, but not strokes; a generative model with
    latent structure has to beat it on ``score``.
    """
    _check_data_set(dataset)
    if not isinstance(num_samples, int) or num_samples < 1:
        raise ValueError(f"num_samples must be a positive whole number, not {num_samples!r}")
    if not isinstance(num_fitted, int) or not 785 <= num_fitted <= 60_000:
        raise ValueError(
            f"num_fitted must be a whole number from 785 to 60000 (more images than pixels), not {num_fitted!r}"
        )
    train_images = _real_images(dataset).train_images[:num_fitted]
    pixels = train_images.reshape(num_fitted, -1).double()
    factor = torch.linalg.cholesky(torch.cov(pixels.T) + 1e-4 * torch.eye(pixels.shape[1], dtype=torch.float64))
    draws = torch.randn(
        num_samples, pixels.shape[1], generator=torch.Generator().manual_seed(seed), dtype=torch.float64
    )
    samples = (pixels.mean(0) + draws @ factor.T).clamp(0, 1)
    return samples.float().reshape(num_samples, *train_images.shape[1:])


def _record_path(dataset: str, name: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "samples"
    return config.cache_dir() / AREA / _check_data_set(dataset) / f"{slug}.json"


def remember(result: Score) -> Path:
    """Keep a score in the cache, so that a later notebook can put it in its comparison table."""
    from utils import sources

    if not isinstance(result, Score):
        raise TypeError(f"remember() takes the Score that yardstick.score returned, got {type(result).__name__}")
    target = _record_path(result.dataset, result.name)
    sources.writable(target.parent)
    text = json.dumps(asdict(result), indent=1)
    sources.atomic_write(target, lambda handle: handle.write(text.encode()))
    return target


def remembered(dataset: str = "mnist") -> list[Score]:
    """Every score kept with ``remember`` for ``dataset``, sorted by name (empty if none yet)."""
    folder = config.cache_dir() / AREA / _check_data_set(dataset)
    scores = []
    for record in sorted(folder.glob("*.json")):
        try:
            fields = json.loads(record.read_text())
            fields["class_shares"] = tuple(fields["class_shares"])
            scores.append(Score(**fields))
        except (ValueError, TypeError, KeyError):
            continue  # a damaged or old record is not worth failing a notebook over
    return scores


def table(scores: Sequence[Score]) -> Any:
    """The scores side by side, one row per model, as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame([result.row() for result in scores]).set_index("model")
