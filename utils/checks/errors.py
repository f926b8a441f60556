"""What a failed check says: the exercise, the problem, the learner's own line, and the hint."""

from __future__ import annotations

import os
import sys
import sysconfig
import traceback
from pathlib import Path

__all__ = ["CheckFailed", "learner_error", "not_implemented_message"]


class CheckFailed(AssertionError):
    """A check found a wrong answer. Its message says what is wrong and how to fix it."""

    def __init__(self, exercise: str, problem: str, hint: str | None = None):
        self.exercise = exercise
        self.problem = problem
        self.hint = hint
        text = f"✗ {exercise}: {problem}"
        if hint:
            text += f"\n  Hint: {hint}"
        super().__init__(text)


def not_implemented_message(function_name: str) -> str:
    return (
        f"{function_name} is not written yet: replace the `raise NotImplementedError` line "
        "in its cell with your code, run that cell, then run this check again."
    )


def _library_folders() -> tuple[str, ...]:
    folders = {Path(__file__).resolve().parents[1]}  # the utils package itself
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            folders.add(Path(path).resolve())
    folders.update(Path(path).resolve() for path in sys.path if path.endswith(("site-packages", "dist-packages")))
    return tuple(str(folder) + os.sep for folder in folders)


def _is_library(filename: str) -> bool:
    if filename.startswith("<frozen") or filename.startswith("<__array_function__"):
        return True
    try:
        resolved = str(Path(filename).resolve())
    except (OSError, ValueError):
        return False
    return resolved.startswith(_library_folders())


def _library_name(filename: str) -> str:
    """``numpy`` for .../site-packages/numpy/core/..., else the file name."""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1]
    return Path(filename).name


def learner_error(
    exercise: str,
    function_name: str,
    call: str,
    error: BaseException,
    hint: str | None,
    *,
    harness: bool,
) -> CheckFailed:
    """The CheckFailed for an exception raised while the check ran the learner's function.

    The message quotes the learner's own line (the deepest frame that is not inside a library
    such as NumPy or torch, or inside these checks), says which library raised when it was one,
    and keeps the hint. When the learner's function is behind a harness and is not on the stack,
    the error came from the check's own plumbing using what the function returned: it says so.
    """
    if isinstance(error, NotImplementedError):
        return CheckFailed(exercise, not_implemented_message(function_name))
    frames = traceback.extract_tb(error.__traceback__)[1:]  # drop check_function's own frame
    if harness:
        inside = [i for i, frame in enumerate(frames) if frame.name == function_name]
        if not inside:
            return CheckFailed(
                exercise,
                f"the check could not use what {function_name} returned for {call}: it raised "
                f"{type(error).__name__}: {error}. Check the type, shape and order of what you return "
                "against the docstring.",
                hint,
            )
        frames = frames[inside[0] :]
    learner_frames = [frame for frame in frames if not _is_library(frame.filename)]
    where = ""
    if learner_frames and learner_frames[-1].line:
        own = learner_frames[-1]
        where = f" (line {own.lineno}: `{own.line.strip()}`"
        if frames and frames[-1] is not own and _is_library(frames[-1].filename):
            where += f", inside {_library_name(frames[-1].filename)}"
        where += ")"
    return CheckFailed(
        exercise,
        f"{function_name}{call} raised {type(error).__name__}: {error}{where}",
        hint,
    )
