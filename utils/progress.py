"""Progress across the curriculum: passed checks, ticked goals, checklists and a dashboard.

State lives in one JSON file (``utils.config.progress_path()``; ``CURRICULUM_PROGRESS``
overrides it)::

    {"version": 1,
     "notebooks": {"1_math/01_derivatives": {"exercises": {"forward_difference": "2026-11-22T10:00:00Z"},
                                             "goals": {"Explain ...": "2026-11-22T10:05:00Z"},
                                             "solution_run": "2026-11-22T09:00:00Z"}}}

Every update is a locked read-modify-write (a lock file beside it, so two kernels writing at once
lose nothing) and an atomic replace (a crash mid-write never leaves half a file; temporary files a
crashed writer left behind are removed once they are an hour old). The previous good state is kept
as ``<file>.bak``. A file that cannot be read is never wiped: it is moved aside as
``<file>.corrupt-<time>``, reported, and the last good backup is restored. A file that cannot be
written (a read-only folder) never hides a passed check: the check still says it passed, and one
line says that the progress was not saved, why, and where to point ``CURRICULUM_PROGRESS`` instead.

Only the exercise notebook counts: its setup cell calls ``start(id)``, while a solution notebook's
calls ``start(id, solution=True)``, which records that the solution was run (the dashboard shows
it) and never records the solution's own passing checks as the learner's exercises. A check that
names an exercise its notebook does not declare raises :class:`UnknownExerciseError`.

The end of every notebook shows its checklist::

    checklist(goals=["Explain why ..."], exercises=["forward_difference"])

which ticks an exercise as soon as its check passes, in the same kernel, even when the checklist is
already on screen. ``python -m utils.progress`` prints a per-phase dashboard; ``export`` and
``import`` save and restore the progress (e.g. across a Colab runtime reset); ``reset`` forgets it
(``--help`` for all of them).
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import glob
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock
from filelock import Timeout as LockTimeout

from utils import catalogue, config

FORMAT_VERSION = 1
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
STALE_TEMPORARY_SECONDS = 3600  # a writer holds its temporary file for milliseconds
LOCK_TIMEOUT_SECONDS = 30
_current_notebook: str | None = None
_solution_notebook: str | None = None  # the current notebook's id when it is a solution notebook


class ProgressWarning(UserWarning):
    """Something about the progress file needs the learner's attention."""


class UnknownExerciseError(ValueError):
    """A check named an exercise that the current notebook does not declare."""


class ProgressSaveError(OSError):
    """The progress file could not be written; the message says why and what to do."""


class ProgressFileError(ValueError):
    """A file given to ``import`` is not a progress export (the message says what is wrong)."""


def _now() -> str:
    return datetime.now(UTC).strftime(TIMESTAMP_FORMAT)


def _empty() -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "notebooks": {}}


def _valid(state: Any) -> bool:
    return (
        isinstance(state, dict)
        and isinstance(state.get("notebooks"), dict)
        and all(isinstance(entry, dict) for entry in state["notebooks"].values())
    )


def _why(error: OSError) -> str:
    """The reason an OSError gives, in words a learner can act on."""
    where = Path(error.filename).parent if error.filename else None
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {where} is read-only" if where else "the folder is read-only"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return f"{error.strerror or error}" + (f" ({error.filename})" if error.filename else "")


class ProgressStore:
    """The progress file: safe to read and update from several processes at once."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else config.progress_path()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self._lock = FileLock(str(self.path.with_name(self.path.name + ".lock")), timeout=LOCK_TIMEOUT_SECONDS)

    def _cannot_save(self, error: OSError) -> ProgressSaveError:
        return ProgressSaveError(
            f"{_why(error)}, so {self.path} cannot be written. Set {config.PROGRESS_VARIABLE} to a file in a "
            f"folder you can write, e.g. `%env {config.PROGRESS_VARIABLE}=/tmp/progress.json` in a notebook "
            f"or `export {config.PROGRESS_VARIABLE}=...` before starting Jupyter"
        )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock; a lock that cannot be taken becomes a ProgressSaveError that says why."""
        try:
            self._lock.acquire()
        except LockTimeout:
            raise ProgressSaveError(
                f"another process has held the lock {self._lock.lock_file} for {LOCK_TIMEOUT_SECONDS} s. If no "
                "notebook is saving progress right now, delete that lock file and try again"
            ) from None
        except OSError as error:
            raise self._cannot_save(error) from error
        try:
            yield
        finally:
            self._lock.release()

    # -- reading -------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        """The current state (a fresh copy). Repairs a corrupt file as described above.

        Where the lock cannot be taken (a read-only folder) it still reads: writes replace the
        file atomically, so a reader never sees half of one; it just cannot repair anything.
        """
        try:
            with self._locked():
                return self._read_unlocked()
        except ProgressSaveError:
            return self._read_unlocked(repair=False)

    def _parse(self, path: Path) -> dict[str, Any] | None:
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        return state if _valid(state) else None

    def _read_unlocked(self, *, repair: bool = True) -> dict[str, Any]:
        if not self.path.exists():
            return _empty()
        state = self._parse(self.path)
        if state is not None:
            return state
        backup = self._parse(self.backup_path) if self.backup_path.exists() else None
        kept = None
        if repair:
            # The file exists but cannot be read: keep it, report it, fall back to the backup.
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
            kept = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            try:
                os.replace(self.path, kept)
                if backup is not None:
                    self._write_unlocked(backup, keep_backup=False)
            except (OSError, ProgressSaveError):
                kept = None  # cannot repair here (read-only): report, change nothing
        if backup is not None:
            where = (
                f"It was kept as {kept.name} and your progress was restored from the last good copy "
                f"({self.backup_path.name}); at most the last update is missing."
                if kept
                else f"Nothing could be changed there; your progress is read from the last good copy "
                f"({self.backup_path.name})."
            )
            warnings.warn(f"The progress file {self.path} could not be read. {where}", ProgressWarning, stacklevel=3)
            return backup
        where = f"It was kept as {kept.name} (nothing was deleted)" if kept else "Nothing was changed"
        warnings.warn(
            f"The progress file {self.path} could not be read and there is no good backup. {where}; progress "
            f"starts afresh. If you can repair that file by hand, move it back to {self.path.name}.",
            ProgressWarning,
            stacklevel=3,
        )
        return _empty()

    # -- writing -------------------------------------------------------------------------
    def _remove_stale_temporaries(self) -> None:
        """Delete temporary files that crashed writers left behind (called under the lock).

        Only this file's own temporaries (``<name><random>.tmp``, made by ``tempfile.mkstemp``) that
        are over an hour old: a live writer holds its temporary file for milliseconds, and only
        while it holds the lock, which we hold now.
        """
        cutoff = time.time() - STALE_TEMPORARY_SECONDS
        name = self.path.name
        for candidate in self.path.parent.glob(glob.escape(name) + "*.tmp"):
            middle = candidate.name[len(name) : -len(".tmp")]
            if not (0 < len(middle) <= 16 and all(c.isalnum() or c == "_" for c in middle)):
                continue
            with contextlib.suppress(OSError):
                if candidate.stat().st_mtime < cutoff:
                    candidate.unlink()

    def _write_unlocked(self, state: dict[str, Any], *, keep_backup: bool = True) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._remove_stale_temporaries()
            if keep_backup and self.path.exists():
                shutil.copyfile(self.path, self.backup_path)
            text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False)
            handle, temporary = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        except OSError as error:
            raise self._cannot_save(error) from error
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise self._cannot_save(error) from error
            raise

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` to the state under the lock and save it atomically.

        Raises ProgressSaveError (with what to do) when the file cannot be written.
        """
        with self._locked():
            state = self._read_unlocked()
            change(state)
            self._write_unlocked(state)
            return state

    # -- the operations notebooks use ----------------------------------------------------
    @staticmethod
    def _entry(state: dict[str, Any], notebook: str) -> dict[str, Any]:
        entry = state["notebooks"].setdefault(notebook, {})
        entry.setdefault("exercises", {})
        entry.setdefault("goals", {})
        return entry

    def record_exercise(self, notebook: str, exercise: str) -> None:
        def change(state: dict[str, Any]) -> None:
            self._entry(state, notebook)["exercises"].setdefault(exercise, _now())

        self.update(change)

    def record_solution_run(self, notebook: str) -> None:
        """Mark that the learner ran ``notebook``'s solution (the first time is kept)."""

        def change(state: dict[str, Any]) -> None:
            self._entry(state, notebook).setdefault("solution_run", _now())

        self.update(change)

    def set_goal(self, notebook: str, goal: str, done: bool) -> None:
        def change(state: dict[str, Any]) -> None:
            goals = self._entry(state, notebook)["goals"]
            if done:
                goals.setdefault(goal, _now())
            else:
                goals.pop(goal, None)

        self.update(change)

    def notebook_state(self, notebook: str) -> dict[str, Any]:
        entry = self.read()["notebooks"].get(notebook, {})
        return {
            "exercises": dict(entry.get("exercises", {})),
            "goals": dict(entry.get("goals", {})),
            "solution_run": entry.get("solution_run"),
        }

    def reset(self, notebook: str | None = None) -> None:
        def change(state: dict[str, Any]) -> None:
            if notebook is None:
                state["notebooks"].clear()
            else:
                state["notebooks"].pop(notebook, None)

        self.update(change)

    def merge(self, imported: dict[str, Any]) -> dict[str, int]:
        """Add an export's progress to this file: the union of passes and goals, earliest times kept.

        ``imported`` must have passed :func:`validate_export`. Returns what was added.
        """
        added = {"exercises": 0, "goals": 0, "notebooks": 0}

        def change(state: dict[str, Any]) -> None:
            for notebook, theirs in imported["notebooks"].items():
                if notebook not in state["notebooks"]:
                    added["notebooks"] += 1
                ours = self._entry(state, notebook)
                for kind in ("exercises", "goals"):
                    for name, stamp in theirs.get(kind, {}).items():
                        if name not in ours[kind]:
                            added[kind] += 1
                            ours[kind][name] = stamp
                        else:
                            ours[kind][name] = min(ours[kind][name], stamp)
                if theirs.get("solution_run"):
                    ours["solution_run"] = min(filter(None, (ours.get("solution_run"), theirs["solution_run"])))

        self.update(change)
        return added


def validate_export(text: str, source: str = "the file") -> dict[str, Any]:
    """The state in an exported progress file, or ProgressFileError saying what is wrong with it."""
    try:
        state = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgressFileError(f"{source} is not a progress export: it is not valid JSON ({error}).") from None
    if not isinstance(state, dict) or not isinstance(state.get("notebooks"), dict):
        raise ProgressFileError(
            f'{source} is not a progress export: it has no "notebooks" table '
            "(make one with `python -m utils.progress export FILE`)."
        )
    version = state.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ProgressFileError(
            f"{source} was written by a newer version of the course (format {version!r}; this one reads "
            f"{FORMAT_VERSION}): update the course package, then import it again."
        )

    def timestamp(value: Any, where: str) -> None:
        try:
            datetime.strptime(value, TIMESTAMP_FORMAT)
        except (TypeError, ValueError):
            raise ProgressFileError(
                f"{source} is malformed: {where} has the time {value!r}, expected one like '2026-01-31T12:00:00Z'."
            ) from None

    for notebook, entry in state["notebooks"].items():
        if not isinstance(entry, dict):
            raise ProgressFileError(f"{source} is malformed: the entry for {notebook!r} is not a table.")
        for kind in ("exercises", "goals"):
            marks = entry.get(kind, {})
            if not isinstance(marks, dict):
                raise ProgressFileError(f"{source} is malformed: {notebook} {kind} is not a table of times.")
            for name, stamp in marks.items():
                timestamp(stamp, f"{notebook} {kind} {name!r}")
        if entry.get("solution_run") is not None:
            timestamp(entry["solution_run"], f"{notebook} solution_run")
    return state


# --- the current notebook, set by utils.start -------------------------------------------------


def set_current_notebook(notebook: str, *, solution: bool = False) -> None:
    global _current_notebook, _solution_notebook
    _current_notebook = notebook
    _solution_notebook = notebook if solution else None


def current_notebook() -> str | None:
    return _current_notebook


def is_solution() -> bool:
    """Whether the current notebook is a solution notebook (its checks do not count)."""
    return _current_notebook is not None and _current_notebook == _solution_notebook


@contextlib.contextmanager
def fake_notebook(
    notebook_id: str = "tests/notebook",
    *,
    exercises: Sequence[str] | None = None,
    goals: Sequence[str] = (),
    solution: bool = False,
) -> Iterator[catalogue.Entry]:
    """For tests: a notebook the catalogue does not ship, current for the ``with`` block.

    ``exercises=None`` accepts any exercise name (for unit tests of the checks); give a list to test
    that other names are refused. The previous current notebook is restored afterwards.
    """
    global _current_notebook, _solution_notebook
    previous = (_current_notebook, _solution_notebook)
    entry = catalogue.register(notebook_id, exercises=exercises, goals=goals)
    set_current_notebook(notebook_id, solution=solution)
    try:
        yield entry
    finally:
        catalogue.unregister(notebook_id)
        _current_notebook, _solution_notebook = previous


def _not_saved(error: ProgressSaveError, what: str = "your progress") -> None:
    """Tell the learner, in one line, that ``what`` was not saved and what to do."""
    print(f"⚠ {what[0].upper() + what[1:]} was not saved: {error}.", file=sys.stderr)


def unknown_exercise_message(exercise: str, entry: catalogue.Entry) -> str:
    listed = ", ".join(entry.exercises) if entry.exercises else "none"
    text = f"{exercise} is not an exercise of {entry.id}; its exercises are {listed}."
    close = difflib.get_close_matches(exercise, entry.exercises, n=1)
    if close:
        text += f" Did you mean {close[0]}?"
    return (
        text + ' (Check cells name their exercise with exercise="...". Writing this notebook? List the exercise '
        "in its checklist cell, then run `python -m utils.exercises`.)"
    )


def record_exercise(exercise: str) -> None:
    """Record that the current notebook's ``exercise`` passed its check.

    Raises UnknownExerciseError when the notebook does not declare ``exercise``. In a solution
    notebook nothing is recorded (the solution's passes are not the learner's). When the file
    cannot be written, one line on stderr says so: the check has still passed.
    """
    notebook = _current_notebook
    if notebook is None:
        warnings.warn(
            "This check passed, but it was not recorded: run the notebook's setup cell (the first "
            "code cell) so that your progress is saved.",
            ProgressWarning,
            stacklevel=3,
        )
        return
    entry = catalogue.require(notebook)
    if not entry.declares(exercise):
        raise UnknownExerciseError(unknown_exercise_message(exercise, entry))
    if is_solution():
        return
    try:
        ProgressStore().record_exercise(notebook, exercise)
    except ProgressSaveError as error:
        _not_saved(error, f"this pass of {exercise}")
        return
    _refresh_checklists(notebook)


def record_solution_run(notebook: str) -> None:
    """Mark ``notebook``'s solution as run (called by ``start(..., solution=True)``)."""
    try:
        ProgressStore().record_solution_run(notebook)
    except ProgressSaveError as error:
        _not_saved(error, "the mark that you ran this solution")


# --- the checklist cell ---------------------------------------------------------------------

# Checklists on screen, by notebook: a passing check or a ticked goal refreshes them all.
_live_checklists: dict[str, weakref.WeakSet[Any]] = {}


def _exercise_label(name: str, solution: bool) -> str:
    if solution:
        return f"Exercise {name} (ticks itself when its check passes in the exercise notebook)"
    return f"Exercise {name} (ticks itself when its check passes)"


SOLUTION_NOTE = "This is the solution notebook: its checks pass but do not tick your exercises."


def _checklist_text(
    notebook: str, goals: Sequence[str], exercises: Sequence[str], state: dict[str, Any], solution: bool = False
) -> str:
    done = sum(name in state["exercises"] for name in exercises) + sum(goal in state["goals"] for goal in goals)
    total = len(exercises) + len(goals)
    lines = [f"Checklist for {notebook}: {done}/{total} done"]
    if solution:
        lines.append(f"  ({SOLUTION_NOTE})")
    for name in exercises:
        mark = "x" if name in state["exercises"] else " "
        lines.append(f"  [{mark}] {_exercise_label(name, solution)}")
    for goal in goals:
        mark = "x" if goal in state["goals"] else " "
        lines.append(f"  [{mark}] {goal}")
    return "\n".join(lines)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def checklist(*, goals: Sequence[str], exercises: Sequence[str] = (), notebook: str | None = None) -> Any:
    """Show this notebook's checklist: exercises tick themselves, goals are yours to tick.

    In JupyterLab and Colab it is a list of checkboxes whose state is saved as you click, and that
    ticks an exercise as soon as its check passes; elsewhere it prints the same list as text.
    """
    notebook = notebook or _current_notebook
    if notebook is None:
        raise RuntimeError("Run the setup cell (the first code cell) before the checklist, so it knows this notebook.")
    if isinstance(goals, str) or isinstance(exercises, str):
        raise TypeError("goals and exercises must be lists of strings, not a single string")
    solution = notebook == _current_notebook and is_solution()
    store = ProgressStore()
    state = store.notebook_state(notebook)
    text = _checklist_text(notebook, goals, exercises, state, solution)
    if not _in_kernel():
        print(text)
        return None
    try:
        import ipywidgets as widgets
    except ImportError:
        print(text)
        return None
    return _ChecklistWidget(widgets, store, notebook, list(goals), list(exercises), state, solution=solution)


def _refresh_checklists(notebook: str, store: ProgressStore | None = None, *, also: Any = None) -> None:
    """Bring every checklist of ``notebook`` on screen (and ``also``) in line with the progress file."""
    live = [widget for widget in _live_checklists.get(notebook, ()) if getattr(widget, "comm", None) is not None]
    if also is not None and also not in live:
        live.append(also)
    if not live:
        return
    state = (store or ProgressStore()).notebook_state(notebook)
    for widget in live:
        widget.refresh(state)


def _ChecklistWidget(
    widgets: Any,
    store: ProgressStore,
    notebook: str,
    goals: list[str],
    exercises: list[str],
    state: dict[str, Any],
    *,
    solution: bool = False,
) -> Any:
    """Build the checkbox list: a VBox whose plain-text form is the text checklist.

    It works with ipywidgets 8 (JupyterLab 4) and 7 (Colab), and is registered so that a check
    passing later in the same kernel ticks its box (``refresh``).
    """
    syncing = [False]  # True while refresh() sets the boxes: those changes are not clicks

    class Checklist(widgets.VBox):
        def refresh(self, current: dict[str, Any] | None = None) -> None:
            """Show what the progress file says (``current``: its state for this notebook, if read already)."""
            current = current if current is not None else store.notebook_state(notebook)
            syncing[0] = True
            try:
                for name, box in exercise_boxes.items():
                    box.value = name in current["exercises"]
                for goal, box in goal_boxes.items():
                    box.value = goal in current["goals"]
            finally:
                syncing[0] = False
            show_header(current)

        def _repr_mimebundle_(self, **kwargs: Any) -> Any:
            parent = getattr(super(), "_repr_mimebundle_", None)
            if parent is not None:  # ipywidgets 8
                bundle = parent(**kwargs)
            else:  # ipywidgets 7 has no _repr_mimebundle_: the same bundle, by hand
                bundle = {
                    "application/vnd.jupyter.widget-view+json": {
                        "version_major": 2,
                        "version_minor": 0,
                        "model_id": self.model_id,
                    }
                }
            if isinstance(bundle, dict):
                bundle["text/plain"] = _checklist_text(
                    notebook, goals, exercises, store.notebook_state(notebook), solution
                )
            return bundle

        if hasattr(widgets.Widget, "_ipython_display_"):  # ipywidgets 7 displays itself this way

            def _ipython_display_(self, **kwargs: Any) -> None:
                from IPython.display import display

                display(self._repr_mimebundle_(), raw=True)
                self._handle_displayed(**kwargs)

    header = widgets.HTML()
    layout = widgets.Layout(width="auto")
    problem = [""]

    def show_header(current: dict[str, Any]) -> None:
        done = sum(n in current["exercises"] for n in exercises) + sum(g in current["goals"] for g in goals)
        text = f"<b>Checklist</b> for <code>{notebook}</code>: {done}/{len(exercises) + len(goals)} done"
        if solution:
            text += f"<br><i>{SOLUTION_NOTE}</i>"
        if problem[0]:
            text += f"<br>⚠ {problem[0]}"
        header.value = text

    exercise_boxes = {
        name: widgets.Checkbox(
            value=name in state["exercises"],
            disabled=True,
            indent=False,
            layout=layout,
            description=_exercise_label(name, solution),
        )
        for name in exercises
    }
    goal_boxes = {}
    for goal in goals:
        box = widgets.Checkbox(value=goal in state["goals"], indent=False, layout=layout, description=goal)

        def on_change(change: dict[str, Any], goal: str = goal) -> None:
            if syncing[0]:
                return
            try:
                store.set_goal(notebook, goal, bool(change["new"]))
                problem[0] = ""
            except ProgressSaveError as error:
                problem[0] = f"Not saved: {error}."
            _refresh_checklists(notebook, store, also=widget)  # an unsaved tick is undone on screen

        box.observe(on_change, names="value")
        goal_boxes[goal] = box
    widget = Checklist([header, *exercise_boxes.values(), *goal_boxes.values()])
    show_header(state)
    _live_checklists.setdefault(notebook, weakref.WeakSet()).add(widget)
    return widget


# --- the dashboard: python -m utils.progress -----------------------------------------------


def _curriculum(root: Path | None = None) -> tuple[list[Any], str]:
    """The notebooks, from disk when they are there (a clone), else from the shipped catalogue."""
    from utils import notebooks

    root = root or notebooks.REPO_ROOT
    found = notebooks.discover(root) if root.is_dir() else []
    if found:
        return found, f"{root} (on disk)"
    return catalogue.entries(registered=False), "the catalogue shipped with the course package"


def dashboard(store: ProgressStore | None = None, root: Path | None = None) -> str:
    """A per-phase summary of done/total and the next notebook to open."""
    from utils import notebooks

    store = store or ProgressStore()
    state = store.read()["notebooks"]
    found, source = _curriculum(root)
    lines = [f"Progress file: {store.path}", f"Notebooks: {source}", ""]
    next_up = None
    solutions_run = 0
    for phase in notebooks.PHASES:
        in_phase = [nb for nb in found if nb.phase == phase]
        if not in_phase:
            lines.append(f"{phase:<20} (no notebooks yet)")
            continue
        phase_done = phase_total = 0
        rows = []
        for nb in in_phase:
            entry = state.get(nb.id, {})
            done = sum(n in entry.get("exercises", {}) for n in nb.exercises)
            done += sum(g in entry.get("goals", {}) for g in nb.goals)
            total = len(nb.exercises) + len(nb.goals)
            phase_done, phase_total = phase_done + done, phase_total + total
            complete = total > 0 and done == total
            if not complete and next_up is None:
                next_up = nb
            solution_mark = "  (solution run)" if entry.get("solution_run") else ""
            solutions_run += bool(solution_mark)
            rows.append(f"  {'✓' if complete else ' '} {nb.name:<34} {done:>3}/{total:<3} {nb.title}{solution_mark}")
        bar_width = 20
        filled = round(bar_width * phase_done / phase_total) if phase_total else 0
        lines.append(f"{phase:<20} {phase_done:>3}/{phase_total:<3} [{'#' * filled}{'.' * (bar_width - filled)}]")
        lines.extend(rows)
    lines.append("")
    if solutions_run:
        lines.append(
            f"Solutions run: {solutions_run} (a solution's checks never count; only your exercise notebooks do)."
        )
    if next_up is None:
        lines.append("Everything is done. Congratulations!")
    else:
        next_file = f"{next_up.id}{notebooks.EXERCISE_SUFFIX}"
        lines.append(f"Next: open {next_file}")
        repository = catalogue.repository_url()
        if not source.endswith("(on disk)") and repository:
            lines.append(f"      on Colab: {notebooks.colab_url(repository, next_file)}")
    return "\n".join(lines)


def _known_notebooks(store: ProgressStore) -> list[str]:
    """Ids ``reset`` accepts: the curriculum's, and any the progress file holds (e.g. a renamed notebook)."""
    known = [entry.id for entry in catalogue.entries(registered=False)]
    return known + [notebook for notebook in store.read()["notebooks"] if notebook not in known]


def export_to(store: ProgressStore, destination: Path) -> Path:
    """Write a copy of the progress to ``destination`` (a file, or a folder to put progress.json in)."""
    destination = destination.expanduser()
    if destination.is_dir() or str(destination).endswith(("/", os.sep)):
        destination = destination / "progress.json"
    text = json.dumps(store.read(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(text, encoding="utf-8")
    return destination


def import_from(store: ProgressStore, source: Path) -> dict[str, int]:
    """Merge an export into the progress file (see ProgressStore.merge); refuses malformed files."""
    source = source.expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProgressFileError(f"There is no file {source} to import.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProgressFileError(f"{source} cannot be read: {error}.") from None
    return store.merge(validate_export(text, str(source)))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m utils.progress", description="Your progress through the curriculum."
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("show", help="the per-phase dashboard (the default)")
    reset = sub.add_parser("reset", help="forget progress: all of it, or one notebook's")
    reset.add_argument("--notebook", help="a notebook id such as 1_math/01_derivatives")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    export = sub.add_parser("export", help="write a copy of the progress file (its folder is created)")
    export.add_argument("destination", type=Path)
    restore = sub.add_parser(
        "import", help="add an exported copy back (e.g. after a Colab runtime reset): nothing is lost"
    )
    restore.add_argument("source", type=Path)
    sub.add_parser("path", help="print where the progress file is")
    args = parser.parse_args(argv)
    store = ProgressStore()
    try:
        if args.command in (None, "show"):
            print(dashboard(store))
        elif args.command == "path":
            print(store.path)
        elif args.command == "export":
            try:
                written = export_to(store, args.destination)
            except OSError as error:
                print(
                    f"✗ Could not write {args.destination}: {_why(error)}. Choose a file in a folder you can write.",
                    file=sys.stderr,
                )
                return 1
            print(f"exported progress to {written}")
        elif args.command == "import":
            try:
                added = import_from(store, args.source)
            except ProgressFileError as error:
                print(f"✗ {error} Nothing was changed.", file=sys.stderr)
                return 2
            print(
                f"imported {args.source} into {store.path}: {added['exercises']} exercise(s), {added['goals']} "
                f"goal(s) and {added['notebooks']} notebook(s) were new; earlier times were kept."
            )
        elif args.command == "reset":
            if args.notebook is not None:
                known = _known_notebooks(store)
                if args.notebook not in known:
                    message = catalogue.unknown_notebook_message(args.notebook, known)
                    print(f"✗ {message} Nothing was changed.", file=sys.stderr)
                    return 2
            what = f"progress for {args.notebook}" if args.notebook else "ALL progress"
            if not args.yes:
                if not sys.stdin.isatty():
                    print("Refusing to reset without --yes when not run interactively.", file=sys.stderr)
                    return 2
                if input(f"Really forget {what}? [y/N] ").strip().lower() != "y":
                    print("Nothing changed.")
                    return 0
            store.reset(args.notebook)
            print(f"Forgot {what}. (The previous state is in {store.backup_path}.)")
    except ProgressSaveError as error:
        print(f"✗ Nothing was saved: {error}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
