"""Progress across the curriculum: passed checks, ticked goals, checklists and a dashboard.

State lives in one JSON file (``utils.config.progress_path()``; ``CURRICULUM_PROGRESS``
overrides it)::

    {"version": 1,
     "notebooks": {"1_math/01_derivatives": {"exercises": {"forward_difference": "2026-11-22T10:00:00Z"},
                                             "goals": {"Explain ...": "2026-11-22T10:05:00Z"}}}}

Every update is a locked read-modify-write (a lock file beside it, so two kernels writing at once
lose nothing) and an atomic replace (a crash mid-write never leaves half a file). The previous
good state is kept as ``<file>.bak``. A file that cannot be read is never wiped: it is moved
aside as ``<file>.corrupt-<time>``, reported, and the last good backup is restored.

The end of every notebook shows its checklist::

    checklist(goals=["Explain why ..."], exercises=["forward_difference"])

and ``python -m utils.progress`` prints a per-phase dashboard (``--help`` for reset and export).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from utils import config

FORMAT_VERSION = 1
_current_notebook: str | None = None


class ProgressWarning(UserWarning):
    """Something about the progress file needs the learner's attention."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _empty() -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "notebooks": {}}


def _valid(state: Any) -> bool:
    return (
        isinstance(state, dict)
        and isinstance(state.get("notebooks"), dict)
        and all(isinstance(entry, dict) for entry in state["notebooks"].values())
    )


class ProgressStore:
    """The progress file: safe to read and update from several processes at once."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else config.progress_path()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self._lock = FileLock(str(self.path.with_name(self.path.name + ".lock")), timeout=30)

    # -- reading -------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        """The current state (a fresh copy). Repairs a corrupt file as described above."""
        with self._lock:
            return self._read_unlocked()

    def _parse(self, path: Path) -> dict[str, Any] | None:
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        return state if _valid(state) else None

    def _read_unlocked(self) -> dict[str, Any]:
        if not self.path.exists():
            return _empty()
        state = self._parse(self.path)
        if state is not None:
            return state
        # The file exists but cannot be read: keep it, report it, fall back to the backup.
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        kept = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, kept)
        backup = self._parse(self.backup_path) if self.backup_path.exists() else None
        if backup is not None:
            self._write_unlocked(backup, keep_backup=False)
            warnings.warn(
                f"The progress file {self.path} could not be read. It was kept as {kept.name} and your "
                f"progress was restored from the last good copy ({self.backup_path.name}); at most the "
                "last update is missing.",
                ProgressWarning,
                stacklevel=3,
            )
            return backup
        warnings.warn(
            f"The progress file {self.path} could not be read and there is no good backup. It was kept "
            f"as {kept.name} (nothing was deleted); progress starts afresh. If you can repair that file "
            f"by hand, move it back to {self.path.name}.",
            ProgressWarning,
            stacklevel=3,
        )
        return _empty()

    # -- writing -------------------------------------------------------------------------
    def _write_unlocked(self, state: dict[str, Any], *, keep_backup: bool = True) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if keep_backup and self.path.exists():
            shutil.copyfile(self.path, self.backup_path)
        text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` to the state under the lock and save it atomically."""
        with self._lock:
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
        return {"exercises": dict(entry.get("exercises", {})), "goals": dict(entry.get("goals", {}))}

    def reset(self, notebook: str | None = None) -> None:
        def change(state: dict[str, Any]) -> None:
            if notebook is None:
                state["notebooks"].clear()
            else:
                state["notebooks"].pop(notebook, None)

        self.update(change)


# --- the current notebook, set by utils.start -------------------------------------------------


def set_current_notebook(notebook: str) -> None:
    global _current_notebook
    _current_notebook = notebook


def current_notebook() -> str | None:
    return _current_notebook


def record_exercise(exercise: str) -> None:
    """Record that the current notebook's ``exercise`` passed its check."""
    if _current_notebook is None:
        warnings.warn(
            "This check passed, but it was not recorded: run the notebook's setup cell (the first "
            "code cell) so that your progress is saved.",
            ProgressWarning,
            stacklevel=3,
        )
        return
    ProgressStore().record_exercise(_current_notebook, exercise)


# --- the checklist cell ---------------------------------------------------------------------


def _checklist_text(notebook: str, goals: Sequence[str], exercises: Sequence[str], state: dict[str, Any]) -> str:
    done = sum(name in state["exercises"] for name in exercises) + sum(goal in state["goals"] for goal in goals)
    total = len(exercises) + len(goals)
    lines = [f"Checklist for {notebook}: {done}/{total} done"]
    for name in exercises:
        mark = "x" if name in state["exercises"] else " "
        lines.append(f"  [{mark}] Exercise {name} (ticks itself when its check passes)")
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

    In JupyterLab and Colab it is a list of checkboxes whose state is saved as you click; elsewhere
    it prints the same list as text.
    """
    notebook = notebook or _current_notebook
    if notebook is None:
        raise RuntimeError("Run the setup cell (the first code cell) before the checklist, so it knows this notebook.")
    if isinstance(goals, str) or isinstance(exercises, str):
        raise TypeError("goals and exercises must be lists of strings, not a single string")
    store = ProgressStore()
    state = store.notebook_state(notebook)
    text = _checklist_text(notebook, goals, exercises, state)
    if not _in_kernel():
        print(text)
        return None
    try:
        import ipywidgets as widgets
    except ImportError:
        print(text)
        return None
    return _ChecklistWidget(widgets, store, notebook, list(goals), list(exercises), state)


def _ChecklistWidget(
    widgets: Any, store: ProgressStore, notebook: str, goals: list[str], exercises: list[str], state: dict[str, Any]
) -> Any:
    """Build the checkbox list (a VBox whose plain-text form is the text checklist)."""

    class Checklist(widgets.VBox):
        def _repr_mimebundle_(self, **kwargs: Any) -> Any:
            bundle = super()._repr_mimebundle_(**kwargs)
            if isinstance(bundle, dict):
                bundle["text/plain"] = _checklist_text(notebook, goals, exercises, store.notebook_state(notebook))
            return bundle

    header = widgets.HTML()
    layout = widgets.Layout(width="auto")

    def refresh_header() -> None:
        current = store.notebook_state(notebook)
        done = sum(n in current["exercises"] for n in exercises) + sum(g in current["goals"] for g in goals)
        header.value = f"<b>Checklist</b> for <code>{notebook}</code>: {done}/{len(exercises) + len(goals)} done"

    boxes = []
    for name in exercises:
        boxes.append(
            widgets.Checkbox(
                value=name in state["exercises"],
                disabled=True,
                indent=False,
                layout=layout,
                description=f"Exercise {name} (ticks itself when its check passes)",
            )
        )
    for goal in goals:
        box = widgets.Checkbox(value=goal in state["goals"], indent=False, layout=layout, description=goal)

        def on_change(change: dict[str, Any], goal: str = goal) -> None:
            store.set_goal(notebook, goal, bool(change["new"]))
            refresh_header()

        box.observe(on_change, names="value")
        boxes.append(box)
    refresh_header()
    return Checklist([header, *boxes])


# --- the dashboard: python -m utils.progress -----------------------------------------------


def dashboard(store: ProgressStore | None = None, root: Path | None = None) -> str:
    """A per-phase summary of done/total and the next notebook to open."""
    from utils import notebooks

    store = store or ProgressStore()
    state = store.read()["notebooks"]
    found = notebooks.discover(root or notebooks.REPO_ROOT)
    lines = [f"Progress file: {store.path}", ""]
    next_up = None
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
            rows.append(f"  {'✓' if complete else ' '} {nb.name:<34} {done:>3}/{total:<3} {nb.title}")
        bar_width = 20
        filled = round(bar_width * phase_done / phase_total) if phase_total else 0
        lines.append(f"{phase:<20} {phase_done:>3}/{phase_total:<3} [{'#' * filled}{'.' * (bar_width - filled)}]")
        lines.extend(rows)
    lines.append("")
    if next_up is None:
        lines.append("Everything is done. Congratulations!")
    else:
        lines.append(f"Next: open {next_up.exercise_path.relative_to(next_up.exercise_path.parents[1]).as_posix()}")
    return "\n".join(lines)


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
    export = sub.add_parser("export", help="write a copy of the progress file")
    export.add_argument("destination", type=Path)
    sub.add_parser("path", help="print where the progress file is")
    args = parser.parse_args(argv)
    store = ProgressStore()
    if args.command in (None, "show"):
        print(dashboard(store))
    elif args.command == "path":
        print(store.path)
    elif args.command == "export":
        state = store.read()
        args.destination.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False))
        print(f"exported progress to {args.destination}")
    elif args.command == "reset":
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
