"""What the check cells call: compare a learner's answer with a reference and say what is wrong.

A check runs the learner's function on several inputs (edge cases included), compares each
result with the expected one (from known values or from a library's own implementation) and
either prints one success line and records the exercise as passed, or raises
:class:`CheckFailed` with a specific message: which input failed, expected vs got, wrong shape,
dtype or type, NaN, an input the function changed in place, an exception quoted from the
learner's own line, and a hint. In Jupyter the failure is shown as that message alone, without
a traceback to dig through.

Typical check cell::

    checks.check_function(
        forward_difference,
        exercise="forward_difference",
        cases=[checks.Case(np.sin, 1.0, 1e-3, expected=0.5399)],
        atol=1e-3,
        hint="Divide the change in f by the step h.",
    )

The package's parts: ``compare`` (results against expectations), ``inputs`` (copies of the
inputs, and noticing a function that changed them), ``errors`` (the failure and its message).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from utils.checks.compare import compare, describe_value, kind_of, short
from utils.checks.errors import CheckFailed, learner_error
from utils.checks.inputs import changed_inputs, copy_arguments

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


@dataclass
class Case:
    """One input to a learner's function: positional and keyword arguments.

    ``expected`` is the right answer; leave it out when the check has a ``reference`` function
    that computes it. ``label`` names the case in messages (defaults to the arguments). Any other
    attribute set on a case (``case.values_after = ...``) reaches ``validate`` unchanged.
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
        """The case as it follows a function name in messages: ``(1, 2)`` or ``(case: a single element)``."""
        if self.label:
            return self.label if _is_argument_list(self.label) else f" (case: {self.label})"
        parts = [short(value) for value in self.args]
        parts += [f"{key}={short(value)}" for key, value in self.kwargs.items()]
        return "(" + ", ".join(parts) + ")"


def _is_argument_list(label: str) -> bool:
    """True for a label such as ``(3, h=0.5)``: one bracket group from the first to the last character."""
    if not (label.startswith("(") and label.endswith(")")):
        return False
    depth = 0
    for index, character in enumerate(label):
        depth += character == "("
        depth -= character == ")"
        if depth == 0 and index < len(label) - 1:
            return False
    return depth == 0


def _allowed_mutations(mutates: bool | str | Iterable[str]) -> set[str] | bool:
    if mutates is True or mutates is False:
        return mutates or set()
    if isinstance(mutates, str):
        return {mutates}
    return set(mutates)


def _mutation_problem(function_name: str, call: str, changed: list[str]) -> str:
    names = ", ".join(f"`{name}`" for name in changed)
    return (
        f"{function_name}{call} changed its input {names} in place. The caller's data must stay as it was: "
        "work on a copy (`x = x.copy()`, `x = x.clone()`) or use operations that make new arrays "
        "(`x = x - m` rather than `x -= m`)."
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
    check_type: bool = False,
    hint: str | None = None,
    validate: Callable[[Any, Case], str | None] | None = None,
    name: str | None = None,
    mutates: bool | str | Iterable[str] = False,
) -> None:
    """Check a learner's function against expected values or a reference implementation.

    Every case is run on fresh copies of its inputs; the first failing one is reported with its
    inputs, what was expected and what came back. The reference runs on copies of its own, so
    the expected value comes from pristine inputs.

    * ``validate(result, case)`` may return a problem sentence for checks that are not equality
      (for example "the vector should have unit length"); its ``case`` holds the very objects the
      function received, so it can inspect what the function changed in place.
    * ``check_dtype`` compares dtypes of arrays and tensors; ``check_type`` the kind of result
      (tensor, array, bool, int, float, str): use them when the docstring promises one.
    * ``mutates`` names the parameters the function is meant to change in place (``True`` for
      all); changing any other input is reported as a mistake of its own.
    * ``name`` is what messages call the function; give it when ``candidate`` is a harness that
      runs the learner's function (for example ``name="mul_backward"`` for a wrapper that builds a
      graph and calls it).
    """
    if not callable(candidate):
        raise CheckFailed(exercise, f"expected a function, got {kind_of(candidate)}", hint)
    if not cases:
        raise ValueError("check_function needs at least one Case")
    function_name = name or getattr(candidate, "__name__", "your function")
    allowed = _allowed_mutations(mutates)
    # Behind a harness, the learner's function is the check cell's global of that name.
    learners = sys._getframe(1).f_globals.get(name) if name else None
    learners = learners if callable(learners) else None
    for case in cases:
        if case.expected is _MISSING and reference is None:
            raise ValueError(f"Case {case.describe()} has no expected value and the check has no reference")
        call = case.describe()
        given_args, given_kwargs, copied = copy_arguments(case.args, case.kwargs)
        if case.expected is _MISSING:
            reference_args, reference_kwargs, _ = copy_arguments(case.args, case.kwargs)
            expected = reference(*reference_args, **reference_kwargs)
        else:
            expected = case.expected
        try:
            result = candidate(*given_args, **given_kwargs)
        except Exception as error:
            raise learner_error(exercise, function_name, call, error, hint, harness=name is not None) from None
        changed = changed_inputs(
            candidate, (case.args, case.kwargs), (given_args, given_kwargs), copied, allowed, behind=learners
        )
        if changed:
            raise CheckFailed(exercise, _mutation_problem(function_name, call, changed), hint)
        given_case = _with_arguments(case, given_args, given_kwargs)
        try:
            problem = compare(
                result,
                expected,
                name=f"{function_name}{call}",
                rtol=rtol,
                atol=atol,
                check_dtype=check_dtype,
                check_type=check_type,
            )
            if problem is None and validate is not None:
                problem = validate(result, given_case)
        except CheckFailed:
            raise
        except Exception as error:
            raise CheckFailed(
                exercise,
                f"{function_name}{call} returned {describe_value(result)}, which the check could not use "
                f"({type(error).__name__}: {error}). Check the type, shape and order of what you return "
                "against the docstring.",
                hint,
            ) from None
        if problem:
            raise CheckFailed(exercise, problem, hint)
    passed(exercise, f"{len(cases)} case{'s' if len(cases) != 1 else ''} correct")


def _with_arguments(case: Case, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Case:
    """A shallow copy of ``case`` (extra attributes included) holding the given arguments."""
    given = Case.__new__(Case)
    given.__dict__.update(case.__dict__)
    given.args, given.kwargs = args, kwargs
    return given


def check_value(
    value: Any,
    expected: Any,
    *,
    exercise: str,
    name: str = "your answer",
    rtol: float = 1e-6,
    atol: float = 1e-8,
    check_dtype: bool = False,
    check_type: bool = False,
    hint: str | None = None,
) -> None:
    """Check a value (not a function) against the expected one."""
    if value is NotImplemented or value is Ellipsis:
        raise CheckFailed(exercise, f"{name} is still a placeholder: compute it in the cell above")
    problem = compare(value, expected, name=name, rtol=rtol, atol=atol, check_dtype=check_dtype, check_type=check_type)
    if problem:
        raise CheckFailed(exercise, problem, hint)
    passed(exercise, f"{name} is correct")


def check_that(condition: bool, *, exercise: str, problem: str, hint: str | None = None) -> None:
    """Fail with ``problem`` unless ``condition`` holds (for properties, not values)."""
    if not condition:
        raise CheckFailed(exercise, problem, hint)


def passed(exercise: str, detail: str = "") -> None:
    """Record the exercise as passed in the progress file and print the success line.

    An exercise the current notebook does not declare in its checklist is refused loudly: a
    pass recorded under a name nobody sees would be lost progress.
    """
    from utils import progress

    unknown = getattr(progress, "UnknownExerciseError", None)
    try:
        progress.record_exercise(exercise)
    except Exception as error:
        if unknown is not None and isinstance(error, unknown):
            raise CheckFailed(exercise, str(error)) from None
        raise
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
