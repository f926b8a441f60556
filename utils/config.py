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
``CURRICULUM_REPOSITORY``  Colab only, read by the setup cell: the repository to clone
                           (default: ``[project.urls] Repository`` of pyproject.toml)
``CURRICULUM_CHECKOUT``    Colab only, read by the setup cell: where to clone it
                           (default: ``/content/ml-curriculum``)
=========================  ==========================================================

The last two are read by the notebooks' setup cell itself, before ``utils`` can be imported.
A folder that cannot be created or written is reported as :class:`FolderNotWritableError`,
which says which variable to set.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "ml-curriculum"

CACHE_DIR_VARIABLE = "CURRICULUM_CACHE_DIR"
PROGRESS_VARIABLE = "CURRICULUM_PROGRESS"
SIZE_VARIABLE = "CURRICULUM_SIZE"
SIZES = ("small", "full")


class FolderNotWritableError(OSError):
    """A folder the curriculum must write cannot be created or written (the message says what to do)."""


def folder_problem(path: Path, error: OSError, variable: str, example: str) -> FolderNotWritableError:
    """The error to raise when ``path`` cannot be created or written: what happened, and what to set."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.is_dir():
            reason = "is read-only"
        else:
            parent = next((p for p in path.parents if p.is_dir()), path.parent)
            reason = f"cannot be created: {parent} is read-only"
    elif error.errno == errno.ENOSPC:
        reason = "is on a full disk"
    else:
        reason = f"cannot be used ({error.strerror or error})"
    return FolderNotWritableError(
        f"The folder {path} {reason}. Set {variable} to a folder you can write, e.g. "
        f"`%env {variable}={example}` in a notebook (then run the cell again), or "
        f"`export {variable}={example}` before starting Jupyter."
    )


def require_writable(path: Path, variable: str = CACHE_DIR_VARIABLE, example: str = "/tmp/ml-curriculum-cache") -> None:
    """Raise FolderNotWritableError unless a file can be created in ``path`` (for code about to write there)."""
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise folder_problem(path, error, variable, example) from error


def cache_dir() -> Path:
    """The folder that holds cached data sets, models and artefacts (created on demand).

    A folder that cannot be created raises FolderNotWritableError (set ``CURRICULUM_CACHE_DIR``).
    An existing read-only folder is returned as it is: a cache filled beforehand can be read
    there; code that writes into it calls :func:`require_writable` first.
    """
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_cache_dir(APP_NAME))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise folder_problem(path, error, CACHE_DIR_VARIABLE, "/tmp/ml-curriculum-cache") from error
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
