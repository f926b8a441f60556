"""utils.vision: image tensors from the grey-scale data sets, the fixed-step training loop, evaluation."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from sklearn.utils import Bunch
from torch import nn

from utils import data, vision


@pytest.fixture
def fake_fashion(monkeypatch: pytest.MonkeyPatch) -> Bunch:
    """A small stand-in for data.load('fashion_mnist'): 40 training and 12 test images of 28x28 uint8."""
    rng = np.random.default_rng(0)
    fake = Bunch(
        train_images=rng.integers(0, 256, size=(40, 28, 28), dtype=np.uint8),
        train_labels=np.arange(40) % 10,
        test_images=rng.integers(0, 256, size=(12, 28, 28), dtype=np.uint8),
        test_labels=np.arange(12) % 10,
        classes=[f"class {index}" for index in range(10)],
    )
    monkeypatch.setattr(
        data,
        "load",
        lambda name: Bunch(
            **{key: np.copy(value) if isinstance(value, np.ndarray) else value for key, value in fake.items()}
        ),
    )
    return fake


def test_image_tensors_shapes_dtypes_and_range(fake_fashion: Bunch) -> None:
    images = vision.image_tensors("fashion_mnist")
    assert images.train_images.shape == (40, 1, 28, 28) and images.train_images.dtype == torch.float32
    assert images.test_images.shape == (12, 1, 28, 28)
    assert images.train_labels.dtype == torch.int64
    assert images.train_labels.tolist() == fake_fashion.train_labels.tolist()
    assert images.train_images.min() >= 0.0 and images.train_images.max() <= 1.0
    np.testing.assert_allclose(images.train_images[3, 0].numpy(), fake_fashion.train_images[3] / 255, rtol=1e-6)
    assert images.classes == fake_fashion.classes
    assert images.mean == pytest.approx(fake_fashion.train_images.mean() / 255, rel=1e-5)


@pytest.mark.parametrize("size", [14, 7])
def test_image_tensors_average_down(fake_fashion: Bunch, size: int) -> None:
    images = vision.image_tensors("fashion_mnist", size=size)
    factor = 28 // size
    expected = fake_fashion.test_images[5].reshape(size, factor, size, factor).mean(axis=(1, 3)) / 255
    assert images.test_images.shape == (12, 1, size, size)
    np.testing.assert_allclose(images.test_images[5, 0].numpy(), expected, rtol=1e-5)


def test_image_tensors_subsets_are_seeded_and_standardised_with_training_statistics(fake_fashion: Bunch) -> None:
    first = vision.image_tensors("fashion_mnist", num_train=15, num_test=5, seed=3, standardise=True)
    again = vision.image_tensors("fashion_mnist", num_train=15, num_test=5, seed=3, standardise=True)
    other = vision.image_tensors("fashion_mnist", num_train=15, num_test=5, seed=4, standardise=True)
    assert torch.equal(first.train_images, again.train_images) and torch.equal(first.test_labels, again.test_labels)
    assert not torch.equal(first.train_images, other.train_images)
    assert first.train_images.shape == (15, 1, 28, 28) and first.test_images.shape == (5, 1, 28, 28)
    assert abs(first.train_images.mean().item()) < 1e-5
    assert first.train_images.std().item() == pytest.approx(1, rel=1e-4)
    raw = vision.image_tensors("fashion_mnist", num_train=15, num_test=5, seed=3)
    assert torch.allclose(first.test_images, (raw.test_images - raw.mean) / raw.std, atol=1e-6)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"name": "titanic"}, "one of"),
        ({"size": 10}, "size must be 28, 14 or 7"),
        ({"num_train": 0}, "num_train must be a positive int"),
        ({"num_test": 100}, "only 12 test images"),
    ],
)
def test_image_tensors_explains_bad_arguments(fake_fashion: Bunch, arguments: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        vision.image_tensors(**arguments)


def toy_problem(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Two classes of 4x4 images: bright top half or bright bottom half, with noise."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 2, (64,), generator=generator)
    images = torch.randn(64, 1, 4, 4, generator=generator) * 0.3
    images[labels == 0, :, :2] += 1.0
    images[labels == 1, :, 2:] += 1.0
    return images, labels


def small_model(seed: int) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Conv2d(1, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(), nn.Linear(48, 2))


def test_train_classifier_learns_and_returns_one_loss_per_step() -> None:
    images, labels = toy_problem()
    model = small_model(0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = vision.train_classifier(
        model, images, labels, num_steps=60, batch_size=16, optimizer=optimizer, progress=False
    )
    assert len(losses) == 60 and all(isinstance(loss, float) for loss in losses)
    assert np.mean(losses[-10:]) < 0.5 * np.mean(losses[:5])
    assert model.training
    loss, accuracy = vision.evaluate(model, images, labels)
    assert accuracy > 0.9 and loss < 0.3


def test_train_classifier_is_deterministic_and_same_seed_means_same_batches() -> None:
    images, labels = toy_problem()
    seen: list[list[torch.Tensor]] = [[], []]

    def recorder(index: int):
        def augment(batch: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
            assert isinstance(generator, torch.Generator)
            seen[index].append(batch.clone())
            return batch + 0.01 * torch.randn(batch.shape, generator=generator)

        return augment

    results = []
    for index in range(2):
        model = small_model(1)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
        results.append(
            vision.train_classifier(
                model,
                images,
                labels,
                num_steps=9,
                batch_size=20,
                optimizer=optimizer,
                augment=recorder(index),
                seed=5,
                progress=False,
            )
        )
    assert results[0] == results[1]
    assert all(torch.equal(a, b) for a, b in zip(seen[0], seen[1], strict=True))
    # 64 images in batches of 20: three batches per epoch, then a new permutation; no image twice in an epoch.
    first_epoch = torch.cat(seen[0][:3]).reshape(60, -1)
    assert len(torch.unique(first_epoch, dim=0)) == 60
    different = vision.train_classifier(
        small_model(1),
        images,
        labels,
        num_steps=9,
        batch_size=20,
        optimizer=torch.optim.Adam(small_model(1).parameters()),
        seed=6,
        progress=False,
    )
    assert different != results[0]


def test_train_classifier_steps_the_scheduler_and_can_use_channels_last() -> None:
    images, labels = toy_problem()
    model = small_model(2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    vision.train_classifier(
        model,
        images,
        labels,
        num_steps=4,
        batch_size=8,
        optimizer=optimizer,
        scheduler=scheduler,
        channels_last=True,
        progress=False,
    )
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**4)
    assert model[0].weight.is_contiguous(memory_format=torch.channels_last)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"num_steps": 0}, ValueError, "num_steps must be a positive int"),
        ({"batch_size": 2.5}, ValueError, "batch_size must be a positive int"),
        ({"batch_size": 65}, ValueError, "larger than the 64 training images"),
        ({"labels": torch.zeros(3, dtype=torch.int64)}, ValueError, "64 images but 3 labels"),
        ({"images": np.zeros((64, 1, 4, 4))}, TypeError, "torch tensors"),
    ],
)
def test_train_classifier_explains_bad_arguments(arguments: dict, error: type, message: str) -> None:
    images, labels = toy_problem()
    model = small_model(0)
    settings = {
        "images": images,
        "labels": labels,
        "num_steps": 3,
        "batch_size": 8,
        "optimizer": torch.optim.SGD(model.parameters(), lr=0.1),
        "progress": False,
    }
    settings.update(arguments)
    with pytest.raises(error, match=message):
        vision.train_classifier(model, settings.pop("images"), settings.pop("labels"), **settings)


def test_predict_and_evaluate_use_evaluation_mode_in_batches_and_restore_the_mode() -> None:
    images, labels = toy_problem(3)
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 8), nn.Dropout(0.5), nn.BatchNorm1d(8), nn.Linear(8, 2))
    with torch.no_grad():
        model[3].running_mean.uniform_(-1, 1)
        model[3].running_var.uniform_(0.5, 2)
    model.eval()
    with torch.no_grad():
        expected = model(images)
    model.train()
    logits = vision.predict(model, images, batch_size=7)
    assert model.training, "predict puts the model back in training mode"
    assert torch.allclose(logits, expected, atol=1e-6)
    loss, accuracy = vision.evaluate(model, images, labels, batch_size=10)
    assert loss == pytest.approx(F.cross_entropy(expected, labels).item(), rel=1e-5)
    assert accuracy == pytest.approx((expected.argmax(1) == labels).double().mean().item())
    model.eval()
    vision.evaluate(model, images, labels)
    assert not model.training
    with pytest.raises(ValueError, match="64 images but 2 labels"):
        vision.evaluate(model, images, labels[:2])
