"""What the check cells call: compare a learner's answer with a reference and say what is wrong.

A check runs the learner's function on several inputs (edge cases included), compares each
result with the expected one (from known values or from a library's own implementation) and
either prints one success line and records the exercise as passed, or raises
:class:`CheckFailed` with a specific message: which input failed, expected vs got, wrong shape
or dtype, NaN, an exception inside the learner's code, and a hint. In Jupyter the failure is
shown as that message alone, without a traceback to dig through.

Typical check cell::

    checks.check_function(
        forward_difference,
        exercise="forward_difference",
        cases=[checks.Case(np.sin, 1.0, 1e-3, expected=0.5399)],
        atol=1e-3,
        hint="Divide the change in f by the step h.",
    )
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Case",
    "CheckFailed",
    "check_function",
    "check_that",
    "check_value",
    "compare",
    "passed",
]

_MISSING = object()


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


@dataclass
class Case:
    """One input to a learner's function: positional and keyword arguments.

    ``expected`` is the right answer; leave it out when the check has a ``reference`` function
    that computes it. ``label`` names the case in messages (defaults to the arguments).
    """

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    expected: Any = _MISSING
    label: str | None = None

    def __init__(self, *args: Any, expected: Any = _MISSING, label: str | None = None, **kwargs: Any):
        self.args = args
        self.kwargs = kwargs
        self.expected = expected
        self.label = label

    def describe(self) -> str:
        if self.label:
            return self.label
        parts = [_short(value) for value in self.args]
        parts += [f"{key}={_short(value)}" for key, value in self.kwargs.items()]
        return "(" + ", ".join(parts) + ")"


def _short(value: Any, limit: int = 60) -> str:
    """A one-line description of a value for messages."""
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    shape = getattr(value, "shape", None)
    if shape is not None and len(tuple(shape)) > 0:
        return f"{type(value).__name__}(shape={tuple(shape)}, dtype={getattr(value, 'dtype', '?')})"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _to_numpy(value: Any) -> Any:
    """Torch tensors become NumPy arrays (detached, on the CPU); other values pass through."""
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    return value


def _kind(value: Any) -> str:
    module = type(value).__module__
    if module.startswith("torch"):
        return "torch tensor"
    if isinstance(value, np.ndarray):
        return "NumPy array"
    return type(value).__name__


def compare(
    got: Any,
    expected: Any,
    *,
    name: str = "result",
    rtol: float = 1e-6,
    atol: float = 1e-8,
    check_dtype: bool = False,
) -> str | None:
    """Return None when ``got`` matches ``expected``, else a sentence saying how it differs.

    Numbers, NumPy arrays and torch tensors are compared with tolerances; tuples, lists and
    dicts element by element; anything else with ``==``.
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{name} should be a dict, got {_kind(got)}"
        missing = sorted(set(expected) - set(got), key=str)
        if missing:
            return f"{name} is missing the key(s) {missing}"
        for key in expected:
            problem = compare(
                got[key], expected[key], name=f"{name}[{key!r}]", rtol=rtol, atol=atol, check_dtype=check_dtype
            )
            if problem:
                return problem
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return f"{name} should be a {type(expected).__name__} of {len(expected)} items, got {_kind(got)}"
        if len(got) != len(expected):
            return f"{name} should have {len(expected)} items, got {len(got)}"
        for index, (got_item, expected_item) in enumerate(zip(got, expected, strict=True)):
            problem = compare(
                got_item, expected_item, name=f"{name}[{index}]", rtol=rtol, atol=atol, check_dtype=check_dtype
            )
            if problem:
                return problem
        return None

    expected_is_tensor = type(expected).__module__.startswith("torch")
    got_is_tensor = type(got).__module__.startswith("torch")
    if expected_is_tensor and not got_is_tensor:
        return f"{name} should be a torch tensor, got {_kind(got)}"
    expected_np, got_np = _to_numpy(expected), _to_numpy(got)

    if isinstance(expected_np, (np.ndarray, np.generic, int, float, complex)) and not isinstance(expected_np, bool):
        if got_np is None:
            return f"{name} is None: did you forget to `return` the value?"
        try:
            got_array = np.asarray(got_np)
        except Exception:
            return f"{name} should be numeric, got {_kind(got)}"
        expected_array = np.asarray(expected_np)
        if got_array.dtype == object or (not np.issubdtype(got_array.dtype, np.number) and got_array.dtype != bool):
            return f"{name} should be numeric, got {_kind(got)} of dtype {got_array.dtype}"
        if got_array.shape != expected_array.shape:
            hint = ""
            if got_array.shape == expected_array.shape[::-1] and got_array.ndim == 2:
                hint = " (the transpose of what is expected: check the order of your axes)"
            elif got_array.size == expected_array.size:
                hint = " (same number of elements: check a reshape, squeeze or keepdims)"
            return f"{name} has shape {got_array.shape}, expected {expected_array.shape}{hint}"
        if check_dtype and got_array.dtype != expected_array.dtype:
            return f"{name} has dtype {got_array.dtype}, expected {expected_array.dtype}"
        if np.issubdtype(expected_array.dtype, np.inexact) or np.issubdtype(got_array.dtype, np.inexact):
            got_nan, expected_nan = np.isnan(got_array), np.isnan(expected_array)
            if np.any(got_nan & ~expected_nan):
                where = tuple(int(i) for i in np.argwhere(got_nan & ~expected_nan)[0])
                at = f" at index {where}" if got_array.ndim else ""
                wanted = _fmt(expected_array[where] if where else expected_array)
                return f"{name} contains NaN{at} where {wanted} is expected"
        close = np.isclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True)
        if not np.all(close):
            if got_array.ndim == 0:
                return f"{name} is {_fmt(got_array)}, expected {_fmt(expected_array)}"
            bad = np.argwhere(~close)
            first = tuple(int(i) for i in bad[0])
            return (
                f"{name} differs at {len(bad)} of {got_array.size} positions; first at index {first}: "
                f"got {_fmt(got_array[first])}, expected {_fmt(expected_array[first])}"
            )
        return None

    if got != expected:
        return f"{name} is {_short(got)}, expected {_short(expected)}"
    return None


def _fmt(value: Any) -> str:
    number = np.asarray(value)
    if number.ndim == 0 and np.issubdtype(number.dtype, np.floating):
        return f"{float(number):.6g}"
    return str(number.tolist() if number.ndim else number.item())


def _not_implemented_message(exercise: str, function_name: str) -> str:
    return (
        f"{function_name} is not written yet: replace the `raise NotImplementedError` line "
        "in its cell with your code, run that cell, then run this check again."
    )


def _learner_error(exercise: str, function_name: str, case: Case, error: BaseException) -> CheckFailed:
    if isinstance(error, NotImplementedError):
        return CheckFailed(exercise, _not_implemented_message(exercise, function_name))
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (line {frames[-1].lineno}: `{frames[-1].line}`)" if frames and frames[-1].line else ""
    return CheckFailed(
        exercise,
        f"{function_name}{case.describe()} raised {type(error).__name__}: {error}{where}",
    )


def check_function(
    candidate: Callable[..., Any],
    *,
    exercise: str,
    cases: Sequence[Case],
    reference: Callable[..., Any] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    check_dtype: bool = False,
    hint: str | None = None,
    validate: Callable[[Any, Case], str | None] | None = None,
    name: str | None = None,
) -> None:
    """Check a learner's function against expected values or a reference implementation.

    Every case is run; the first failing one is reported with its inputs, what was expected and
    what came back. ``validate(result, case)`` may return a problem sentence for checks that are
    not equality (for example "the vector should have unit length"). ``name`` is what messages
    call the function; give it when ``candidate`` is a harness that runs the learner's function
    (for example ``name="mul_backward"`` for a wrapper that builds a graph and calls it).
    """
    if not callable(candidate):
        raise CheckFailed(exercise, f"expected a function, got {_kind(candidate)}", hint)
    if not cases:
        raise ValueError("check_function needs at least one Case")
    function_name = name or getattr(candidate, "__name__", "your function")
    for case in cases:
        if case.expected is _MISSING and reference is None:
            raise ValueError(f"Case {case.describe()} has no expected value and the check has no reference")
        try:
            result = candidate(*case.args, **case.kwargs)
        except Exception as error:
            raise _learner_error(exercise, function_name, case, error) from None
        expected = case.expected if case.expected is not _MISSING else reference(*case.args, **case.kwargs)
        problem = compare(
            result, expected, name=f"{function_name}{case.describe()}", rtol=rtol, atol=atol, check_dtype=check_dtype
        )
        if problem is None and validate is not None:
            problem = validate(result, case)
        if problem:
            raise CheckFailed(exercise, problem, hint)
    passed(exercise, f"{len(cases)} case{'s' if len(cases) != 1 else ''} correct")


def check_value(
    value: Any,
    expected: Any,
    *,
    exercise: str,
    name: str = "your answer",
    rtol: float = 1e-6,
    atol: float = 1e-8,
    check_dtype: bool = False,
    hint: str | None = None,
) -> None:
    """Check a value (not a function) against the expected one."""
    if value is NotImplemented or value is Ellipsis:
        raise CheckFailed(exercise, f"{name} is still a placeholder: compute it in the cell above")
    problem = compare(value, expected, name=name, rtol=rtol, atol=atol, check_dtype=check_dtype)
    if problem:
        raise CheckFailed(exercise, problem, hint)
    passed(exercise, f"{name} is correct")


def check_that(condition: bool, *, exercise: str, problem: str, hint: str | None = None) -> None:
    """Fail with ``problem`` unless ``condition`` holds (for properties, not values)."""
    if not condition:
        raise CheckFailed(exercise, problem, hint)


def passed(exercise: str, detail: str = "") -> None:
    """Print the success line and record the exercise as passed in the progress file."""
    from utils import progress

    progress.record_exercise(exercise)
    suffix = f" ({detail})" if detail else ""
    print(f"✓ {exercise} passed{suffix}.")


def _show_check_failure(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> list[str]:
    """IPython handler: show a failed check as its message alone, not as a traceback.

    The cell still ends in an error (so "Run All" stops there and CI notices), but the learner
    reads one red message instead of a stack of library frames.
    """
    structured = [f"\x1b[31m{value}\x1b[0m"]
    shell._showtraceback(etype, value, structured)
    return structured


def _install_ipython_handler() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: exceptions show as usual
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CheckFailed,), _show_check_failure)


_install_ipython_handler()
