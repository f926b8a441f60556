"""utils.plot: every helper draws headless, titles and labels its axes, and explains bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from utils import plot


@pytest.fixture(autouse=True)
def _close_figures():
    plot.use_style()
    yield
    plt.close("all")


def labelled(ax) -> bool:
    return bool(ax.get_title()) and bool(ax.get_xlabel()) and bool(ax.get_ylabel())


def test_curves():
    ax = plot.curves({"train": [3, 2, 1], "validation": [3.5, 2.5, 2]}, logy=True)
    assert labelled(ax) and len(ax.get_lines()) == 2 and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="at least one"):
        plot.curves({})
    with pytest.raises(ValueError, match="has 3 values but x has 2"):
        plot.curves({"train": [1, 2, 3]}, x=[1, 2])


def test_image_grid_accepts_numpy_and_channels_first_tensors():
    axes = plot.image_grid(np.zeros((5, 8, 8)), labels=[0, 1, 2, 3, 4], predictions=[0, 1, 2, 3, 9], ncols=3)
    titles = [ax.get_title() for ax in axes.flat]
    assert titles[4] == "9 (4)" and axes.flat[4].title.get_color() == "red"
    plot.image_grid(torch.zeros(2, 1, 8, 8), class_names=["cat", "dog"], labels=torch.tensor([0, 1]))
    signed = plot.image_grid(np.zeros((2, 4, 4)), vmin=-1, vmax=1)
    assert signed.flat[0].images[0].get_clim() == (-1, 1)
    with pytest.raises(ValueError, match="N×H×W"):
        plot.image_grid(np.zeros((8, 8)))


def test_decision_boundary():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 2))
    labels = (features[:, 0] > 0).astype(int)
    ax = plot.decision_boundary(lambda grid: (grid[:, 0] > 0).astype(int), features, labels, resolution=30)
    assert labelled(ax)
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        plot.decision_boundary(lambda grid: grid, np.zeros((4, 3)), np.zeros(4))


def test_heatmap_and_confusion_matrix():
    ax = plot.heatmap(np.eye(3), row_labels=list("abc"), column_labels=list("xyz"), xlabel="key", ylabel="query")
    assert labelled(ax) and len(ax.texts) == 9
    ax = plot.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], class_names=["a", "b", "c"])
    assert labelled(ax) and [text.get_text() for text in ax.texts][:3] == ["1", "0", "0"]
    colours = {text.get_text(): text.get_color() for text in ax.texts}
    assert colours["0"] == "black", "a count of 0 sits on the light end of Blues: its text must be dark"
    dark = plot.heatmap(np.array([[0.0, 1.0]]), cmap="viridis")
    assert [text.get_color() for text in dark.texts] == ["white", "black"]  # viridis is dark at its low end
    fixed = plot.heatmap(np.array([[0.2, -0.1]]), vmin=-1, vmax=1)
    assert fixed.images[0].get_clim() == (-1, 1)
    with pytest.raises(ValueError, match="2-D"):
        plot.heatmap(np.zeros(3))
    with pytest.raises(ValueError, match="predictions"):
        plot.confusion_matrix([0, 1], [0])


def test_vectors_and_matrix_transform():
    assert labelled(plot.vectors([[1, 2], [3, -1]], labels=["a", "b"]))
    ax = plot.matrix_transform(np.array([[2.0, 1.0], [0.0, 1.0]]))
    assert labelled(ax) and "area × 2" in ax.get_legend().get_texts()[1].get_text()
    with pytest.raises(ValueError, match="2×2"):
        plot.matrix_transform(np.eye(3))
