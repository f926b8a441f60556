"""Runtime set-up for a notebook: seeding, device choice and how much work to do.

Every solution notebook calls :func:`start` once, in its setup cell::

    session = start("1_math/01_derivatives")               # an exercise notebook
    session = start("1_math/01_derivatives", solution=True)  # its solution (checks do not count)

which checks that the id is a notebook of the curriculum (an unknown id is refused, naming close
matches), seeds Python, NumPy and PyTorch, picks the best device (CUDA, then Apple's MPS, then the
CPU), decides the *size* of the run (``small`` on a CPU so that CI stays fast, ``full`` on a
GPU; ``CURRICULUM_SIZE`` overrides it), applies the plotting style and tells the progress
tracker which notebook is running. Notebooks then scale their work with ``session.pick``::

    num_epochs = session.pick(small=2, full=20)
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from utils import config

if TYPE_CHECKING:  # torch is imported lazily: the maths notebooks start faster without it
    import torch

T = TypeVar("T")


def seed_everything(seed: int = 0) -> None:
    """Seed Python's ``random``, NumPy's global generator and PyTorch (CPU and CUDA)."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    import torch

    torch.manual_seed(seed)  # also seeds every CUDA device
    torch.backends.cudnn.benchmark = False


def pick_device(prefer: str | None = None) -> torch.device:
    """Return the best available device: CUDA, then MPS (Apple silicon), then CPU.

    ``prefer="cpu"`` forces the CPU; asking for a device that is not available raises a clear
    error instead of failing later inside a training loop.
    """
    import torch

    if prefer is not None:
        wanted = torch.device(prefer)
        available = {
            "cpu": True,
            "cuda": torch.cuda.is_available(),
            "mps": torch.backends.mps.is_available(),
        }
        if not available.get(wanted.type, False):
            raise RuntimeError(
                f"Device {prefer!r} is not available on this machine. "
                "Call pick_device() with no argument to use the best one available."
            )
        return wanted
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def default_size(device_type: str) -> str:
    """``CURRICULUM_SIZE`` if set, else ``full`` on a GPU and ``small`` elsewhere."""
    return config.requested_size() or ("full" if device_type == "cuda" else "small")


@dataclass(frozen=True)
class Session:
    """What :func:`start` decided for this notebook run."""

    notebook: str
    device: torch.device
    size: str
    seed: int
    solution: bool = False

    @property
    def is_small(self) -> bool:
        return self.size == "small"

    def pick(self, *, small: T, full: T) -> T:
        """Choose between a small (CPU, CI) and a full-size (GPU) setting."""
        return small if self.is_small else full

    def __str__(self) -> str:
        text = f"{self.notebook} | device: {self.device} | size: {self.size} | seed: {self.seed}"
        return text + (" | solution notebook" if self.solution else "")


def start(notebook: str, *, seed: int = 0, device: str | None = None, solution: bool = False) -> Session:
    """Prepare a notebook run: seed, pick a device and size, style plots, track progress.

    ``solution=True`` (the solution notebook's setup cell) records that the solution was run, and
    its checks then never mark the learner's exercises as passed.
    """
    from utils import catalogue, plot, progress

    if not isinstance(notebook, str) or "/" not in notebook:
        raise ValueError(f"start() needs the notebook's id such as '1_math/01_derivatives', got {notebook!r}")
    catalogue.require(notebook)  # UnknownNotebookError (a ValueError) naming the ids it resembles
    seed_everything(seed)
    chosen = pick_device(device)
    session = Session(notebook=notebook, device=chosen, size=default_size(chosen.type), seed=seed, solution=solution)
    plot.use_style()
    progress.set_current_notebook(notebook, solution=solution)
    print(session)
    if solution:
        progress.record_solution_run(notebook)
    return session
