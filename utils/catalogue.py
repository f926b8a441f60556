"""The notebook catalogue: what every notebook of the curriculum is, without opening a notebook.

``utils/catalogue.json`` lists, for each notebook id, its title, phase, exercises, learning goals,
time budget and result. It is generated from the solution notebooks by ``python -m utils.exercises``
(and ``--check`` fails when it is stale, like an exercise notebook), and it ships inside the
package, so the curriculum is known wherever ``utils`` is installed, notebooks on disk or not
(a non-editable install, Colab)::

    catalogue.get("1_math/01_derivatives").exercises   # ('forward_difference', ...)
    catalogue.require("1_math/99_nope")                # UnknownNotebookError, naming close matches

``start`` refuses an id it does not list, the progress tracker refuses an exercise its notebook
does not declare, and the dashboard falls back to it when the notebooks are not on disk.

Unit tests that need a notebook of their own register one for the length of the test
(``register``/``unregister``, or ``utils.progress.fake_notebook`` which also makes it current).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "catalogue.json"
FORMAT_VERSION = 1
PATH = Path(__file__).with_name(FILE_NAME)
EXERCISE_SUFFIX = ".exercise.ipynb"

# Loaded once per process and file version: (path, modification time, size) -> entries.
_loaded: dict[tuple[str, int, int], tuple[dict[str, Entry], str]] = {}
# Notebooks registered at run time (tests): id -> entry.
_registered: dict[str, Entry] = {}


class CatalogueError(RuntimeError):
    """The catalogue shipped with the package is missing or unreadable (the message says what to do)."""


class UnknownNotebookError(ValueError):
    """A notebook id that is not in the curriculum (the message names close matches)."""


@dataclass(frozen=True)
class Entry:
    """One notebook as the catalogue describes it."""

    id: str
    phase: str
    title: str = ""
    result: str = ""
    budget_seconds: int = 60
    exercises: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    # Only for notebooks registered by tests that do not declare their exercises up front.
    any_exercise: bool = field(default=False, compare=False)

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[-1]

    @property
    def exercise_file(self) -> str:
        """The exercise notebook's path from the repository root, e.g. ``1_math/01_derivatives.exercise.ipynb``."""
        return self.id + EXERCISE_SUFFIX

    def declares(self, exercise: str) -> bool:
        return self.any_exercise or exercise in self.exercises

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "phase": self.phase,
            "result": self.result,
            "budget_seconds": self.budget_seconds,
            "exercises": list(self.exercises),
            "goals": list(self.goals),
        }


# --- building (python -m utils.exercises) -------------------------------------------------------


def build(notebooks: Iterable[Any], repository: str) -> dict[str, Any]:
    """The catalogue's content for ``notebooks`` (``utils.notebooks.Notebook`` objects)."""
    entries = {
        nb.id: Entry(
            id=nb.id,
            phase=nb.phase,
            title=nb.title,
            result=nb.result,
            budget_seconds=int(nb.budget_seconds),
            exercises=tuple(nb.exercises),
            goals=tuple(nb.goals),
        ).as_json()
        for nb in notebooks
    }
    return {
        "format": FORMAT_VERSION,
        "generated_by": "python -m utils.exercises (do not edit by hand)",
        "repository": repository,
        "notebooks": dict(sorted(entries.items())),
    }


def serialise(content: dict[str, Any]) -> str:
    return json.dumps(content, indent=1, ensure_ascii=False) + "\n"


# --- reading ----------------------------------------------------------------------------------


def _read(path: Path) -> tuple[dict[str, Entry], str]:
    repair = (
        "Reinstall the course package, or in a clone of the repository run `python -m utils.exercises`, "
        "which writes it."
    )
    try:
        status = path.stat()
    except OSError:
        raise CatalogueError(f"The notebook catalogue {path} is missing. {repair}") from None
    key = (str(path), status.st_mtime_ns, status.st_size)
    if key in _loaded:
        return _loaded[key]
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        if content.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {content.get('format')!r}, expected {FORMAT_VERSION}")
        entries = {
            notebook_id: Entry(
                id=notebook_id,
                phase=meta["phase"],
                title=meta.get("title", ""),
                result=meta.get("result", ""),
                budget_seconds=int(meta.get("budget_seconds", 60)),
                exercises=tuple(meta.get("exercises", ())),
                goals=tuple(meta.get("goals", ())),
            )
            for notebook_id, meta in content["notebooks"].items()
        }
        repository = str(content.get("repository", ""))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CatalogueError(f"The notebook catalogue {path} cannot be read ({error}). {repair}") from None
    _loaded.clear()
    _loaded[key] = (entries, repository)
    return entries, repository


def _order(entry: Entry) -> tuple[int, str]:
    from utils.notebooks import PHASES  # the one list of phases

    return (PHASES.index(entry.phase) if entry.phase in PHASES else len(PHASES), entry.id)


def entries(path: Path = PATH, *, registered: bool = True) -> list[Entry]:
    """Every notebook of the curriculum, in curriculum order (then test notebooks, with ``registered``)."""
    shipped, _ = _read(path)
    extra = [entry for notebook_id, entry in _registered.items() if notebook_id not in shipped] if registered else []
    return sorted(shipped.values(), key=_order) + extra


def get(notebook_id: str, path: Path = PATH) -> Entry | None:
    if notebook_id in _registered:
        return _registered[notebook_id]
    shipped, _ = _read(path)
    return shipped.get(notebook_id)


def repository_url(path: Path = PATH) -> str:
    """The repository URL recorded when the catalogue was generated (from pyproject.toml)."""
    return _read(path)[1]


def close_matches(wanted: str, known: Iterable[str], count: int = 3) -> list[str]:
    """Ids in ``known`` that look like ``wanted``: a typo, or the right name in the wrong phase."""
    known = list(known)
    matches = difflib.get_close_matches(wanted, known, n=count, cutoff=0.8)
    by_name = {notebook_id.split("/", 1)[-1]: notebook_id for notebook_id in known}
    for name in difflib.get_close_matches(wanted.split("/", 1)[-1], list(by_name), n=count, cutoff=0.75):
        if by_name[name] not in matches:
            matches.append(by_name[name])
    return matches[:count]


def unknown_notebook_message(notebook_id: str, known: Iterable[str]) -> str:
    """Why ``notebook_id`` is refused and what the learner may have meant."""
    known = list(known)
    text = f"{notebook_id!r} is not a notebook of this curriculum."
    matches = close_matches(notebook_id, known)
    if matches:
        return text + " Did you mean " + " or ".join(repr(m) for m in matches) + "?"
    phase = notebook_id.split("/", 1)[0]
    in_phase = [k.split("/", 1)[1] for k in known if k.startswith(phase + "/")]
    if in_phase:
        return text + f" The notebooks of {phase} are: {', '.join(in_phase)}."
    phases = sorted({k.split("/", 1)[0] for k in known})
    return text + f" Ids look like '1_math/01_derivatives'; the phases with notebooks are: {', '.join(phases)}."


def require(notebook_id: str, path: Path = PATH) -> Entry:
    """The catalogue entry of ``notebook_id``, or UnknownNotebookError naming close matches."""
    entry = get(notebook_id, path)
    if entry is None:
        raise UnknownNotebookError(unknown_notebook_message(notebook_id, [e.id for e in entries(path)]))
    return entry


# --- notebooks registered at run time (tests) -----------------------------------------------------


def register(
    notebook_id: str,
    *,
    exercises: Iterable[str] | None = None,
    goals: Iterable[str] = (),
    title: str = "",
) -> Entry:
    """Make ``notebook_id`` known for this process (for tests). ``exercises=None`` accepts any name."""
    if "/" not in notebook_id:
        raise ValueError(f"a notebook id looks like 'phase/NN_name', got {notebook_id!r}")
    entry = Entry(
        id=notebook_id,
        phase=notebook_id.split("/", 1)[0],
        title=title or notebook_id,
        exercises=tuple(exercises or ()),
        goals=tuple(goals),
        any_exercise=exercises is None,
    )
    _registered[notebook_id] = entry
    return entry


def unregister(notebook_id: str) -> None:
    _registered.pop(notebook_id, None)
