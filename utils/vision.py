"""Image classification plumbing shared by the convolutional-network notebooks (phase 4).

The notebooks write the interesting parts (layers, blocks, augmentations, heads); the plumbing
around them is the same every time and lives here:

    from utils import vision

    fashion = vision.image_tensors("fashion_mnist", size=14, num_train=10_000)   # float32 (N, 1, 14, 14)
    losses = vision.train_classifier(model, fashion.train_images, fashion.train_labels,
                                     num_steps=300, batch_size=64, optimizer=optimizer)
    test_loss, test_accuracy = vision.evaluate(model, fashion.test_images, fashion.test_labels)

* ``image_tensors`` turns a 28x28 grey-scale data set of ``utils.data`` (MNIST, Fashion-MNIST) into
  float tensors ``(N, 1, size, size)`` in [0, 1], optionally averaged down to 14x14 or 7x7, a seeded
  random subset, and optionally standardised with the training set's mean and standard deviation.
* ``train_classifier`` runs a fixed number of optimiser steps on in-memory tensors, indexing whole
  batches at once (no per-example ``DataLoader`` overhead), with a tqdm bar. Batches come from a
  seeded permutation, so two models trained with the same ``seed`` see exactly the same batches.
* ``predict`` and ``evaluate`` run in evaluation mode under ``torch.inference_mode``, in batches,
  and put the model back in the mode it was in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["evaluate", "image_tensors", "predict", "train_classifier"]

GREY_SCALE_DATA_SETS = ("mnist", "fashion_mnist")


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return value


def image_tensors(
    name: str = "fashion_mnist",
    *,
    size: int = 28,
    num_train: int | None = None,
    num_test: int | None = None,
    standardise: bool = False,
    seed: int = 0,
) -> Any:
    """A 28x28 grey-scale data set as float32 tensors ``(N, 1, size, size)``, labels as int64 tensors.

    ``size`` is 28, 14 or 7 (each output pixel is the mean of a square of input pixels).
    ``num_train`` / ``num_test`` keep a random subset of that many images (seeded by ``seed``; the
    same call always gives the same subset). Pixels are in [0, 1] unless ``standardise`` is true, in
    which case every split is standardised with the *training* subset's mean and standard deviation.
    Returns a Bunch: ``train_images, train_labels, test_images, test_labels, classes, mean, std``
    (``mean`` and ``std`` are the training statistics, as floats, whether or not they were applied).
    """
    import numpy as np
    import torch
    from sklearn.utils import Bunch

    from utils import data

    if name not in GREY_SCALE_DATA_SETS:
        raise ValueError(f"image_tensors() takes one of {GREY_SCALE_DATA_SETS}, got {name!r}")
    if size not in (28, 14, 7):
        raise ValueError(f"size must be 28, 14 or 7 (28x28 images averaged down), got {size!r}")
    loaded = data.load(name)
    rng = np.random.default_rng(seed)

    def split(images: Any, labels: Any, count: int | None, which: str) -> tuple[Any, Any]:
        if count is not None:
            _positive_int(count, f"num_{which}")
            if count > len(images):
                raise ValueError(f"num_{which}={count} but {name} has only {len(images)} {which} images")
            keep = np.sort(rng.choice(len(images), size=count, replace=False))
            images, labels = images[keep], labels[keep]
        tensor = torch.from_numpy(np.ascontiguousarray(images)).float().div_(255).unsqueeze(1)
        if size != 28:
            tensor = torch.nn.functional.avg_pool2d(tensor, 28 // size)
        return tensor, torch.from_numpy(np.asarray(labels, dtype=np.int64))

    train_images, train_labels = split(loaded.train_images, loaded.train_labels, num_train, "train")
    test_images, test_labels = split(loaded.test_images, loaded.test_labels, num_test, "test")
    mean, std = train_images.mean().item(), train_images.std().item()
    if standardise:
        train_images = (train_images - mean) / std
        test_images = (test_images - mean) / std
    return Bunch(
        train_images=train_images,
        train_labels=train_labels,
        test_images=test_images,
        test_labels=test_labels,
        classes=list(loaded.classes) if "classes" in loaded else [str(digit) for digit in range(10)],
        mean=mean,
        std=std,
    )


def _device_of(model: Any) -> Any:
    import torch

    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def train_classifier(
    model: Any,
    images: Any,
    labels: Any,
    *,
    num_steps: int,
    batch_size: int,
    optimizer: Any,
    scheduler: Any = None,
    augment: Callable[[Any, Any], Any] | None = None,
    seed: int = 0,
    channels_last: bool = False,
    description: str = "training",
    progress: bool = True,
) -> list[float]:
    """``num_steps`` optimiser steps of cross-entropy on mini-batches; returns the loss of every step.

    Batches are drawn without replacement from a permutation of the examples made by a generator
    seeded with ``seed`` (a new permutation each epoch), so models trained with the same seed see
    the same batches in the same order. ``augment(batch, generator)``, if given, transforms each
    batch of images before the forward pass (with its own generator, also seeded by ``seed``).
    ``scheduler.step()`` is called after every optimiser step. ``channels_last`` converts the model
    and each batch to the channels-last memory layout (often faster for convolutions on a CPU).
    The model is left in training mode.
    """
    import torch
    import torch.nn.functional as F
    from tqdm.auto import tqdm

    _positive_int(num_steps, "num_steps")
    _positive_int(batch_size, "batch_size")
    if not isinstance(images, torch.Tensor) or not isinstance(labels, torch.Tensor):
        raise TypeError("train_classifier() takes images and labels as torch tensors (see vision.image_tensors)")
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    if batch_size > len(images):
        raise ValueError(f"batch_size={batch_size} is larger than the {len(images)} training images")
    device = _device_of(model)
    if channels_last:
        model.to(memory_format=torch.channels_last)
    order_generator = torch.Generator().manual_seed(seed)
    augment_generator = torch.Generator().manual_seed(seed + 1)
    order, position = torch.randperm(len(images), generator=order_generator), 0
    losses: list[float] = []
    model.train()
    bar = tqdm(range(num_steps), desc=description, disable=not progress, leave=False)
    for _ in bar:
        if position + batch_size > len(order):
            order, position = torch.randperm(len(images), generator=order_generator), 0
        batch = order[position : position + batch_size]
        position += batch_size
        inputs = images[batch]
        if augment is not None:
            inputs = augment(inputs, augment_generator)
        inputs = inputs.to(device)
        if channels_last:
            inputs = inputs.contiguous(memory_format=torch.channels_last)
        loss = F.cross_entropy(model(inputs), labels[batch].to(device))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        losses.append(loss.item())
        if len(losses) % 25 == 0:
            bar.set_postfix(loss=f"{sum(losses[-25:]) / 25:.3f}")
    bar.close()
    return losses


def predict(model: Any, images: Any, *, batch_size: int = 1000) -> Any:
    """The model's outputs (logits) for all images, in evaluation mode, batch by batch, on the CPU."""
    import torch

    _positive_int(batch_size, "batch_size")
    device = _device_of(model)
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            outputs = [
                model(images[first : first + batch_size].to(device)).cpu()
                for first in range(0, len(images), batch_size)
            ]
    finally:
        model.train(was_training)
    if not outputs:
        raise ValueError("predict() needs at least one image")
    return torch.cat(outputs)


def evaluate(model: Any, images: Any, labels: Any, *, batch_size: int = 1000) -> tuple[float, float]:
    """``(mean cross-entropy, accuracy)`` over all images, in evaluation mode; the accuracy in [0, 1]."""
    import torch.nn.functional as F

    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    logits = predict(model, images, batch_size=batch_size)
    labels = labels.cpu()
    loss = F.cross_entropy(logits, labels).item()
    accuracy = (logits.argmax(dim=1) == labels).double().mean().item()
    return loss, accuracy
