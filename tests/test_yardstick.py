"""utils.yardstick: real images score high; noise, blurred means and collapsed samples score low."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
import torch
import torch.nn.functional as F

from utils import artifacts, config, vision, yardstick


@pytest.fixture(scope="module")
def mnist() -> object:
    return vision.image_tensors("mnist")


@pytest.fixture(scope="module")
def real(mnist) -> yardstick.Score:
    return yardstick.score(mnist.test_images[:1000], name="real")


def test_the_classifier_is_accurate_and_frozen() -> None:
    assert yardstick.test_accuracy("mnist") >= 0.98
    model = yardstick.classifier("mnist")
    assert not model.training and not any(parameter.requires_grad for parameter in model.parameters())


def test_real_test_images_score_high(real: yardstick.Score) -> None:
    assert real.confident_share >= 0.9
    assert real.class_entropy > 2.25 and real.rarest_class_share >= 0.07
    assert real.frechet_distance < 10
    assert real.num_images == 1000 and math.isclose(sum(real.class_shares), 1.0)
    reference = yardstick.real_reference(num_images=1000)
    assert reference.confident_share >= 0.9 and reference.frechet_distance < 10


def test_uniform_noise_scores_low(real: yardstick.Score) -> None:
    noise = torch.rand(1000, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    result = yardstick.score(noise, name="noise")
    assert result.confident_share < 0.1
    assert result.frechet_distance > 50 * real.frechet_distance


def test_blurred_class_means_score_low(mnist, real: yardstick.Score) -> None:
    means = torch.stack([mnist.train_images[mnist.train_labels == digit].mean(0) for digit in range(10)])
    blurred = F.conv2d(means, torch.full((1, 1, 5, 5), 1 / 25), padding=2)
    result = yardstick.score(blurred.repeat(100, 1, 1, 1), name="blurred means")
    assert result.confident_share < 0.5
    assert result.frechet_distance > 50 * real.frechet_distance


def test_a_gaussian_fitted_to_the_pixels_scores_low(mnist, real: yardstick.Score) -> None:
    samples = yardstick.pixel_gaussian_samples(1000)
    assert samples.shape == (1000, 1, 28, 28) and samples.dtype == torch.float32
    assert samples.min() >= 0 and samples.max() <= 1
    assert torch.equal(samples, yardstick.pixel_gaussian_samples(1000))  # seeded
    assert not torch.equal(samples, yardstick.pixel_gaussian_samples(1000, seed=1))
    pixels = mnist.train_images[:10_000].reshape(-1, 784)
    average_sample = samples.reshape(-1, 784).mean(0)  # the fitted mean, shifted up a little by the clamping
    assert torch.corrcoef(torch.stack([average_sample, pixels.mean(0)]))[0, 1] > 0.98
    result = yardstick.score(samples)
    assert result.confident_share < 0.5
    assert result.frechet_distance > 20 * real.frechet_distance
    with pytest.raises(ValueError, match="num_fitted"):
        yardstick.pixel_gaussian_samples(10, num_fitted=100)


def test_one_repeated_digit_shows_collapse(mnist, real: yardstick.Score) -> None:
    threes = yardstick.score(mnist.test_images[mnist.test_labels == 3][:500], name="threes")
    assert threes.confident_share >= 0.9  # every sample is a good 3 ...
    assert threes.class_entropy < 0.3 and threes.rarest_class_share == 0  # ... but only 3s
    assert threes.frechet_distance > 50 * real.frechet_distance
    single = yardstick.score(mnist.test_images[[0] * 200])
    assert single.class_entropy == 0 and max(single.class_shares) == 1.0


def test_requested_classes_are_checked(mnist) -> None:
    images, labels = mnist.test_images[:1000], mnist.test_labels[:1000]
    assert yardstick.score(images, labels=labels).requested_accuracy >= 0.97
    shuffled = labels[torch.randperm(1000, generator=torch.Generator().manual_seed(0))]
    assert yardstick.score(images, labels=shuffled).requested_accuracy < 0.2
    assert yardstick.score(images).requested_accuracy is None
    with pytest.raises(ValueError, match="1000 images but 999"):
        yardstick.score(images, labels=labels[:999])
    with pytest.raises(ValueError, match="integer classes 0-9"):
        yardstick.score(images, labels=labels + 5)


def test_shapes_accepted_are_equivalent(mnist) -> None:
    images = mnist.test_images[:200]
    scores = [
        yardstick.score(value)
        for value in (images, images[:, 0], images.reshape(200, 784), images.numpy(), images.double())
    ]
    assert len({(result.confident_share, round(result.frechet_distance, 6)) for result in scores}) == 1


def test_bad_images_get_clear_errors(mnist) -> None:
    images = mnist.test_images[:100]
    with pytest.raises(ValueError, match=r"tanh output in \[-1, 1\]: pass \(images \+ 1\) / 2"):
        yardstick.score(images * 2 - 1)
    with pytest.raises(ValueError, match="Clamp or rescale"):
        yardstick.score(images * 255)
    with pytest.raises(TypeError, match=r"images.float\(\) / 255"):
        yardstick.score((images * 255).to(torch.uint8))
    with pytest.raises(ValueError, match=r"\(N, 1, 28, 28\)"):
        yardstick.score(images[:, :, :14])
    with pytest.raises(ValueError, match="NaN"):
        yardstick.score(torch.where(images > 0.5, torch.nan, images))
    with pytest.raises(ValueError, match="at least 50"):
        yardstick.score(images[:10])
    with pytest.raises(TypeError, match="torch tensor"):
        yardstick.score(images.tolist())
    with pytest.raises(ValueError, match="'mnist', 'fashion_mnist'"):
        yardstick.score(images, dataset="cifar10")


def _random_covariance(size: int, rank: int, seed: int) -> np.ndarray:
    factor = np.random.default_rng(seed).normal(size=(size, rank))
    return factor @ factor.T / rank


def test_frechet_distance_matches_the_textbook_formula() -> None:
    rng = np.random.default_rng(0)
    for size, rank in [(3, 3), (16, 16), (32, 40)]:
        mean_a, mean_b = rng.normal(size=size), rng.normal(size=size)
        cov_a, cov_b = _random_covariance(size, rank, 1), _random_covariance(size, rank, 2)
        expected = np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a + cov_b - 2 * scipy.linalg.sqrtm(cov_a @ cov_b).real)
        assert yardstick.frechet_distance(mean_a, cov_a, mean_b, cov_b) == pytest.approx(expected, rel=1e-8)
        assert yardstick.frechet_distance(mean_b, cov_b, mean_a, cov_a) == pytest.approx(expected, rel=1e-8)
        assert yardstick.frechet_distance(mean_a, cov_a, mean_a, cov_a) == pytest.approx(0, abs=1e-8)


def test_frechet_distance_of_rank_deficient_covariances() -> None:
    """Fewer images than features: singular covariances, still finite, still the right value."""
    cov_a, cov_b = _random_covariance(20, 5, 3), _random_covariance(20, 5, 4)
    zeros = np.zeros(20)
    expected = np.trace(cov_a + cov_b - 2 * scipy.linalg.sqrtm(cov_a @ cov_b).real)
    assert yardstick.frechet_distance(zeros, cov_a, zeros, cov_b) == pytest.approx(expected, rel=1e-6, abs=1e-8)
    # one-dimensional case by hand: (m_a - m_b)^2 + (s_a - s_b)^2
    assert yardstick.frechet_distance([1.0], [[4.0]], [3.0], [[9.0]]) == pytest.approx(4 + 1)


def test_frechet_distance_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="one length"):
        yardstick.frechet_distance(np.zeros(3), np.eye(3), np.zeros(4), np.eye(4))
    with pytest.raises(ValueError, match="3x3"):
        yardstick.frechet_distance(np.zeros(3), np.eye(2), np.zeros(3), np.eye(3))
    with pytest.raises(ValueError, match="N >= 2"):
        yardstick.gaussian_statistics(np.zeros((1, 5)))


def test_scores_are_remembered_for_a_later_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    assert yardstick.remembered() == []
    first = yardstick.Score("DCGAN", "mnist", 1000, 0.93, (0.1,) * 10, 2.30, 12.5)
    second = yardstick.Score("conditional GAN", "mnist", 1000, 0.95, (0.1,) * 10, 2.30, 10.0, requested_accuracy=0.97)
    yardstick.remember(first)
    yardstick.remember(second)
    yardstick.remember(first)  # the same name again replaces it
    assert yardstick.remembered() == [second, first]  # sorted by file name
    assert yardstick.remembered("fashion_mnist") == []
    frame = yardstick.table(yardstick.remembered())
    assert list(frame.index) == ["conditional GAN", "DCGAN"]
    assert frame.loc["DCGAN", "Frechet distance"] == 12.5 and frame.loc["conditional GAN", "requested class"] == 0.97
    (tmp_path / "yardstick" / "mnist" / "broken.json").write_text("{not json")
    assert len(yardstick.remembered()) == 2
    with pytest.raises(TypeError, match="Score"):
        yardstick.remember({"name": "x"})
    assert "DCGAN (1000 images, mnist): confident 93.0%" in str(first)


def test_the_artefact_command_builds_registered_artefacts(capsys: pytest.CaptureFixture) -> None:
    assert "yardstick-classifier" in artifacts.available()
    assert artifacts.main(["build", "yardstick-classifier"]) == 0  # already in the cache: a read
    assert "artefact yardstick-classifier: ready" in capsys.readouterr().out
    assert artifacts.main(["build", "no-such-artefact"]) == 2
    assert artifacts.main([]) == 2
