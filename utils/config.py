"""Every setting the curriculum reads from the environment, read in this one place.

Notebooks never read ``os.environ`` themselves: they ask this module (usually through
``utils.start``), so that a setting has one name, one default and one explanation.

=========================  ==========================================================
variable                   meaning
=========================  ==========================================================
``CURRICULUM_CACHE_DIR``   where data sets and models fetched from packages, and trained
                           artefacts, are cached (``datasets/``, ``models/``, ``artifacts/``;
                           default: the user cache directory, e.g. ``~/.cache/ml-curriculum``)
``CURRICULUM_PROGRESS``    the progress file that check cells and checklists write
                           (default: ``progress.json`` in the user data directory)
``CURRICULUM_SIZE``        ``small`` or ``full``: how much work a notebook does
                           (default: ``full`` when a GPU is present, else ``small``)
=========================  ==========================================================
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ml-curriculum"

CACHE_DIR_VARIABLE = "CURRICULUM_CACHE_DIR"
PROGRESS_VARIABLE = "CURRICULUM_PROGRESS"
SIZE_VARIABLE = "CURRICULUM_SIZE"
SIZES = ("small", "full")


def cache_dir() -> Path:
    """The folder that holds cached data sets, models and artefacts (created on demand)."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_path() -> Path:
    """The JSON file where progress (passed checks, ticked goals) is kept."""
    configured = os.environ.get(PROGRESS_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "progress.json"


def requested_size() -> str | None:
    """The size asked for through ``CURRICULUM_SIZE``, or None when it is not set."""
    value = os.environ.get(SIZE_VARIABLE, "").strip().lower()
    if not value:
        return None
    if value not in SIZES:
        raise ValueError(
            f"{SIZE_VARIABLE}={value!r} is not a size I know. Use one of {', '.join(SIZES)} "
            f"(e.g. `export {SIZE_VARIABLE}=small`), or unset it to choose automatically."
        )
    return value
