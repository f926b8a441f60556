"""Shared helpers for the curriculum notebooks.

Submodules (import what you need):

- ``utils.env``: ``start`` (seed, device, size), ``seed_everything``, ``pick_device``
- ``utils.data``: ``available()``, ``load(name)``: every data set, offline, checksummed, cached
  (``load(name, format="hf")`` for a Hugging Face ``datasets.Dataset``)
- ``utils.models``: ``load(name)`` -> tokenizer and model: MiniLM, SmolLM2, MobileNetV2, offline
- ``utils.artifacts``: models trained by ``utils`` code, built once, cached, rebuilt when stale
- ``utils.yardstick``: one classifier that scores generated images (confidence, balance, Frechet)
- ``utils.sources``: how data and models are fetched from pinned packages, verified and cached
- ``utils.plot``: one plotting style and the shared figures
- ``utils.checks``: what the check cells call
- ``utils.progress``: the progress file, checklists and the dashboard (``python -m utils.progress``)
- ``utils.exercises``: generates exercise notebooks from solutions (``python -m utils.exercises``)
- ``utils.catalogue``: every notebook's id, title, exercises and goals, shipped as ``catalogue.json``
- ``utils.timing``: ``best_time``, for fair loop-vs-vectorised comparisons
- ``utils.servers``: start a server on loopback in a child process, wait until it answers, always stop it
- ``utils.notebooks``: notebook conventions and the README roadmap
- ``utils.bootstrap``: the two quick-start commands, and the Colab install (standard library only)

Nothing is imported eagerly, so that ``python3 -m utils.bootstrap`` runs on a bare Python.
"""

from __future__ import annotations

import os
from typing import Any

# PyTorch's OpenMP threads spin for a long time between operations by default. On a CPU that other
# programs are using, the spinning threads fight them for the cores, and small networks train up to
# ten times slower. A short spin keeps the idle-machine speed and loses much less under load. It has
# to be set before torch is loaded, and every notebook imports ``utils`` first.
os.environ.setdefault("GOMP_SPINCOUNT", "10000")

# The tools of phase 7 (MLflow, DVC, Gradio, the Hugging Face Hub) report usage to their makers over the
# network unless told not to. The notebooks run offline and send nothing, and the tools' child processes
# (a `dvc` command, a server) inherit these settings. ``DO_NOT_TRACK`` is the cross-tool convention.
OFFLINE_SETTINGS = {
    "DO_NOT_TRACK": "true",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DVC_NO_ANALYTICS": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}
for _variable, _value in OFFLINE_SETTINGS.items():
    os.environ.setdefault(_variable, _value)

__all__ = ["Session", "start"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from utils import env

        return getattr(env, name)
    raise AttributeError(f"module 'utils' has no attribute {name!r}")
