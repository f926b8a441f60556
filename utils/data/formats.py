"""The same data as Hugging Face ``datasets`` objects: ``data.load(name, format="hf")``.

Built in memory from what the parser returned (so from the same verified files), never from the
Hugging Face Hub: tables become a ``datasets.Dataset`` with one column per DataFrame column; a
Bunch of several tables becomes a ``DatasetDict``; text becomes one row per play, per review...
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _from_frame(frame: pd.DataFrame) -> Any:
    import datasets

    return datasets.Dataset.from_pandas(frame.reset_index(drop=True), preserve_index=False)


def to_hf(name: str, result: Any) -> Any:
    """``result`` (what ``load(name)`` returns) as a ``datasets.Dataset`` or ``DatasetDict``."""
    import datasets

    if isinstance(result, pd.DataFrame):
        return _from_frame(result)
    if isinstance(result, str):
        return datasets.Dataset.from_dict({"text": [result]})
    if isinstance(result, dict) and all(isinstance(value, str) for value in result.values()):
        return datasets.Dataset.from_dict({"name": list(result), "text": list(result.values())})
    if isinstance(result, dict) and "frame" in result:  # scikit-learn's Bunch
        return _from_frame(result["frame"])
    if isinstance(result, dict) and result and all(isinstance(value, pd.DataFrame) for value in result.values()):
        return datasets.DatasetDict({key: _from_frame(value) for key, value in result.items()})
    kind = type(result).__name__ if not isinstance(result, np.ndarray) else "a NumPy array"
    raise ValueError(
        f"load({name!r}, format='hf') is for tables and text; {name!r} gives {kind}. Load it without "
        "format='hf' and wrap the arrays yourself (e.g. torch.utils.data.TensorDataset)."
    )
