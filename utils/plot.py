"""One plotting style for every notebook, and the figures several notebooks share.

Every helper draws on a given ``ax`` (or a new figure), sets a title and axis labels, and returns
the axes so a notebook can add to it. Works headless: with no display, matplotlib's Agg backend
is used (matplotlib falls back to it by itself; CI runs that way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
"""Okabe-Ito colours: distinguishable with the common kinds of colour blindness."""

STYLE = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "image.cmap": "viridis",
}


def use_style() -> None:
    """Apply the curriculum's plotting style (``utils.start`` calls this)."""
    plt.rcParams.update(STYLE)


def _axes(ax: Any, figsize: tuple[float, float] | None = None) -> Any:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _label(ax: Any, title: str, xlabel: str, ylabel: str) -> Any:
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def curves(
    series: Mapping[str, Sequence[float]],
    *,
    x: Sequence[float] | None = None,
    title: str = "Training curves",
    xlabel: str = "epoch",
    ylabel: str = "loss",
    logy: bool = False,
    ax: Any = None,
) -> Any:
    """Loss or metric curves: one line per named series (e.g. ``{"train": [...], "validation": [...]}``)."""
    if not series:
        raise ValueError("curves() needs at least one named series, e.g. {'train': losses}")
    ax = _axes(ax)
    for name, values in series.items():
        values = np.asarray(values, dtype=float)
        xs = np.arange(1, len(values) + 1) if x is None else np.asarray(x)
        if len(xs) != len(values):
            raise ValueError(f"series {name!r} has {len(values)} values but x has {len(xs)}")
        ax.plot(xs, values, label=name)
    if logy:
        ax.set_yscale("log")
    ax.legend()
    return _label(ax, title, xlabel, ylabel)


def image_grid(
    images: Any,
    labels: Sequence[Any] | None = None,
    *,
    predictions: Sequence[Any] | None = None,
    class_names: Sequence[str] | None = None,
    ncols: int = 8,
    cmap: str = "gray",
    vmin: float | None = None,
    vmax: float | None = None,
    title: str = "Images",
) -> Any:
    """A grid of images (N×H×W or N×H×W×C, NumPy or torch) with optional labels and predictions.

    A prediction that differs from its label is written in red. ``vmin``/``vmax`` fix one colour
    scale for every image (e.g. ``-limit, limit`` for signed images such as PCA components).
    """
    images = np.asarray(images.detach().cpu() if hasattr(images, "detach") else images)
    if images.ndim == 4 and images.shape[1] in (1, 3) and images.shape[-1] not in (1, 3):
        images = images.transpose(0, 2, 3, 1)  # N,C,H,W -> N,H,W,C
    if images.ndim not in (3, 4):
        raise ValueError(f"image_grid() wants N×H×W or N×H×W×C images, got shape {images.shape}")
    count = len(images)
    ncols = max(1, min(ncols, count))
    nrows = int(np.ceil(count / ncols))
    figure, axes = plt.subplots(nrows, ncols, figsize=(1.4 * ncols, 1.6 * nrows), squeeze=False)

    def name(value: Any) -> str:
        value = value.item() if hasattr(value, "item") else value
        return class_names[int(value)] if class_names is not None else str(value)

    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= count:
            continue
        ax.imshow(images[index].squeeze(), cmap=cmap, vmin=vmin, vmax=vmax)
        caption, colour = "", "black"
        if labels is not None:
            caption = name(labels[index])
        if predictions is not None:
            predicted = name(predictions[index])
            if labels is not None and predicted != caption:
                colour = "red"
            caption = f"{predicted}" if labels is None else f"{predicted} ({caption})"
        ax.set_title(caption, fontsize=8, color=colour)
    figure.suptitle(title)
    figure.tight_layout()
    return axes


def decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    features: np.ndarray,
    labels: np.ndarray,
    *,
    resolution: int = 200,
    title: str = "Decision boundary",
    xlabel: str = "feature 1",
    ylabel: str = "feature 2",
    ax: Any = None,
) -> Any:
    """Shade the regions a 2-D classifier assigns to each class, with the data on top.

    ``predict`` takes an (N, 2) array and returns N class labels.
    """
    features = np.asarray(features, dtype=float)
    if features.ndim != 2 or features.shape[1] != 2:
        raise ValueError(f"decision_boundary() needs 2-D features of shape (N, 2), got {features.shape}")
    ax = _axes(ax)
    margin = 0.1 * (features.max(axis=0) - features.min(axis=0) + 1e-9)
    low, high = features.min(axis=0) - margin, features.max(axis=0) + margin
    grid_x, grid_y = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    predicted = np.asarray(predict(grid)).reshape(grid_x.shape)
    classes = np.unique(np.concatenate([np.unique(labels), np.unique(predicted)]))
    colours = matplotlib.colors.ListedColormap(PALETTE[: len(classes)])
    lookup = {value: index for index, value in enumerate(classes)}
    ax.contourf(
        grid_x,
        grid_y,
        np.vectorize(lookup.get)(predicted),
        levels=np.arange(len(classes) + 1) - 0.5,
        cmap=colours,
        alpha=0.25,
    )
    for value in classes:
        chosen = np.asarray(labels) == value
        ax.scatter(
            features[chosen, 0],
            features[chosen, 1],
            s=18,
            color=PALETTE[lookup[value] % len(PALETTE)],
            edgecolor="white",
            linewidth=0.5,
            label=str(value),
        )
    ax.legend(title="class")
    return _label(ax, title, xlabel, ylabel)


def _text_colour(background: Sequence[float]) -> str:
    """Black on light cells, white on dark ones, whichever end of the colour map is light."""
    red, green, blue = background[:3]
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.5 else "white"


def heatmap(
    matrix: Any,
    *,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
    title: str = "Heatmap",
    xlabel: str = "",
    ylabel: str = "",
    annotate: bool | None = None,
    fmt: str = "{:.2f}",
    cmap: str = "viridis",
    vmin: float | None = None,
    vmax: float | None = None,
    ax: Any = None,
) -> Any:
    """A labelled heatmap (attention weights, correlations, confusion matrices).

    ``vmin``/``vmax`` fix the colour scale, e.g. ``-1, 1`` for correlations, so that panels compare.
    """
    matrix = np.asarray(matrix.detach().cpu() if hasattr(matrix, "detach") else matrix, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"heatmap() needs a 2-D matrix, got shape {matrix.shape}")
    ax = _axes(ax)
    image = ax.imshow(matrix, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ax.grid(False)
    if row_labels is not None:
        ax.set_yticks(range(len(row_labels)), labels=row_labels)
    if column_labels is not None:
        ax.set_xticks(range(len(column_labels)), labels=column_labels, rotation=45, ha="right")
    if annotate is None:
        annotate = matrix.size <= 144
    if annotate:
        for (row, column), value in np.ndenumerate(matrix):
            ax.text(
                column,
                row,
                fmt.format(value),
                ha="center",
                va="center",
                fontsize=8,
                color=_text_colour(image.cmap(image.norm(value))),
            )
    return _label(ax, title, xlabel, ylabel)


def confusion_matrix(
    true_labels: Sequence[int],
    predicted_labels: Sequence[int],
    *,
    class_names: Sequence[str] | None = None,
    title: str = "Confusion matrix",
    ax: Any = None,
) -> Any:
    """Counts of (true, predicted) label pairs as a heatmap."""
    true_labels, predicted_labels = np.asarray(true_labels), np.asarray(predicted_labels)
    if true_labels.shape != predicted_labels.shape:
        raise ValueError(f"{true_labels.shape} true labels but {predicted_labels.shape} predictions")
    count = int(max(true_labels.max(), predicted_labels.max())) + 1
    if class_names is not None:
        count = max(count, len(class_names))
    counts = np.zeros((count, count), dtype=int)
    np.add.at(counts, (true_labels, predicted_labels), 1)
    names = list(class_names) if class_names is not None else [str(i) for i in range(count)]
    return heatmap(
        counts,
        row_labels=names,
        column_labels=names,
        title=title,
        xlabel="predicted",
        ylabel="true",
        fmt="{:.0f}",
        cmap="Blues",
        ax=ax,
    )


def vectors(
    arrows: Sequence[Sequence[float]],
    *,
    labels: Sequence[str] | None = None,
    origins: Sequence[Sequence[float]] | None = None,
    title: str = "Vectors",
    ax: Any = None,
) -> Any:
    """2-D vectors drawn as arrows from the origin (or from ``origins``)."""
    arrows = np.asarray(arrows, dtype=float).reshape(-1, 2)
    starts = np.zeros_like(arrows) if origins is None else np.asarray(origins, dtype=float).reshape(-1, 2)
    ax = _axes(ax, figsize=(5, 5))
    for index, (start, arrow) in enumerate(zip(starts, arrows, strict=True)):
        colour = PALETTE[index % len(PALETTE)]
        ax.annotate(
            "", xy=start + arrow, xytext=start, arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 2}
        )
        if labels is not None:
            ax.text(*(start + arrow * 1.05), labels[index], color=colour, fontsize=11)
    points = np.vstack([starts, starts + arrows, np.zeros((1, 2))])
    low, high = points.min() - 0.5, points.max() + 0.5
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    return _label(ax, title, "x", "y")


def matrix_transform(matrix: Any, *, title: str | None = None, grid_lines: int = 5, ax: Any = None) -> Any:
    """How a 2×2 matrix moves the plane: the grid and unit square before (grey) and after (colour)."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.shape != (2, 2):
        raise ValueError(f"matrix_transform() draws 2×2 matrices, got shape {matrix.shape}")
    ax = _axes(ax, figsize=(5, 5))
    steps = np.linspace(-grid_lines, grid_lines, 2 * grid_lines + 1)
    line = np.linspace(-grid_lines, grid_lines, 50)
    for value in steps:
        for points in (np.stack([line, np.full_like(line, value)]), np.stack([np.full_like(line, value), line])):
            ax.plot(*points, color="lightgrey", linewidth=0.6)
            ax.plot(*(matrix @ points), color=PALETTE[0], linewidth=0.6, alpha=0.6)
    square = np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    ax.fill(*square, color="grey", alpha=0.3, label="unit square")
    ax.fill(
        *(matrix @ square), color=PALETTE[1], alpha=0.4, label=f"its image (area × {abs(np.linalg.det(matrix)):.2g})"
    )
    for column, name in zip(matrix.T, ("A e₁", "A e₂"), strict=True):
        ax.annotate("", xy=column, xytext=(0, 0), arrowprops={"arrowstyle": "->", "linewidth": 2, "color": PALETTE[2]})
        ax.text(*(column * 1.08), name, color=PALETTE[2])
    reach = max(2.5, np.abs(matrix @ square).max() + 1)
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.legend(loc="lower right")
    return _label(ax, title or f"The transformation {matrix.tolist()}", "x", "y")
