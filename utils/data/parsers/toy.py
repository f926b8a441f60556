"""Parsers for scikit-learn's toy data sets (iris, wine, breast cancer, digits), read in place."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def _sklearn_bunch(loader_name: str) -> Any:
    """Call ``sklearn.datasets.<loader_name>`` and return a Bunch with uniform types."""
    from sklearn import datasets as sklearn_datasets
    from sklearn.utils import Bunch

    raw = getattr(sklearn_datasets, loader_name)()
    features = np.asarray(raw.data, dtype=np.float64)
    target = np.asarray(raw.target, dtype=np.int64)
    feature_names = [str(name) for name in raw.feature_names]
    frame = pd.DataFrame(features, columns=feature_names)
    frame["target"] = target
    bunch = Bunch(
        data=features,
        target=target,
        feature_names=feature_names,
        target_names=[str(name) for name in raw.target_names],
        frame=frame,
        DESCR=raw.DESCR,
    )
    if "images" in raw:
        bunch.images = np.asarray(raw.images, dtype=np.float64)
    return bunch


def parse_iris(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_iris")


def parse_wine(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_wine")


def parse_breast_cancer(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_breast_cancer")


def parse_digits(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_digits")
