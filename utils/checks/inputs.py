"""Handing a learner's function copies of its inputs, and noticing when it changes them.

A function that changes its argument in place (``x -= x.mean()``) can return the right answer
and still be wrong: the caller's data has changed behind its back. And if the check computed the
expected value from the same objects afterwards, it would compare against a value computed from
the mutated input. So every case is copied twice: one copy for the learner's function, one for
the reference, and the original stays pristine to compare against.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["changed_inputs", "copy_arguments", "parameter_names"]

_UNCOPYABLE = object()


def _copy(value: Any) -> Any:
    """A deep copy, or _UNCOPYABLE when the value cannot be copied (then it is not compared later).

    ``copy.deepcopy`` drops the ``.grad`` of an ``nn.Parameter`` (plain tensors keep theirs); a
    check that hands a model with stale gradients to the learner needs them, so they are copied
    too.
    """
    memo: dict[int, Any] = {}
    try:
        duplicate = copy.deepcopy(value, memo)
    except Exception:
        return _UNCOPYABLE
    for original in memo.get(id(memo), []):
        grad = getattr(original, "grad", None) if type(original).__name__ == "Parameter" else None
        twin = memo.get(id(original))
        if grad is not None and twin is not None and getattr(twin, "grad", None) is None:
            twin.grad = grad.detach().clone()
    return duplicate


def copy_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any], list[bool]]:
    """Copies of ``args`` and ``kwargs``; ``copied[i]`` says whether positional argument i was copied.

    The arguments are copied together, so objects that refer to each other still do (an optimiser
    and the model whose parameters it updates). When that fails, each argument is copied on its
    own, and one that cannot be deep-copied (a non-leaf tensor, an open file) is passed as it is.
    """
    together = _copy((args, kwargs))
    if together is not _UNCOPYABLE:
        copied_args, copied_kwargs = together
        return tuple(copied_args), dict(copied_kwargs), [True] * len(args)
    copied_args, flags = [], []
    for value in args:
        duplicate = _copy(value)
        flags.append(duplicate is not _UNCOPYABLE)
        copied_args.append(value if duplicate is _UNCOPYABLE else duplicate)
    copied_kwargs = {}
    for key, value in kwargs.items():
        duplicate = _copy(value)
        copied_kwargs[key] = value if duplicate is _UNCOPYABLE else duplicate
    return tuple(copied_args), copied_kwargs, flags


def _same(before: Any, after: Any) -> bool:
    """Exact equality, NaN equal to NaN; objects the check cannot compare count as unchanged."""
    if before is after:
        return True
    module = type(before).__module__
    if module.startswith("torch") and hasattr(before, "detach"):
        if not (hasattr(after, "detach") and before.shape == after.shape and before.dtype == after.dtype):
            return False
        a, b = before.detach().cpu(), after.detach().cpu()
        if a.is_floating_point() or a.is_complex():
            return bool(((a == b) | (a.isnan() & b.isnan())).all())
        return bool((a == b).all())
    if isinstance(before, np.ndarray):
        if not (isinstance(after, np.ndarray) and before.shape == after.shape and before.dtype == after.dtype):
            return False
        if before.dtype.kind in "fc":
            return bool(np.array_equal(before, after, equal_nan=True))
        return bool(np.array_equal(before, after))
    if module.startswith("pandas") and hasattr(before, "equals"):
        return bool(before.equals(after))
    if isinstance(before, (list, tuple)):
        return (
            isinstance(after, type(before))
            and len(before) == len(after)
            and all(_same(x, y) for x, y in zip(before, after, strict=True))
        )
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_same(before[key], after[key]) for key in before)
        )
    if isinstance(before, set):
        return before == after
    if module.startswith("torch.nn") and hasattr(before, "state_dict"):
        try:
            return _same(dict(before.state_dict()), dict(after.state_dict()))
        except Exception:
            return True
    if isinstance(before, (int, float, complex, str, bytes, bool, type(None), np.generic)):
        return True  # immutable: cannot have changed
    return True


def parameter_names(function: Callable[..., Any], count: int, behind: Callable[..., Any] | None = None) -> list[str]:
    """Names of the first ``count`` positional parameters (``argument 3`` where there is no name).

    ``behind`` is the learner's function behind a harness: when the harness takes ``*args``, its
    parameters are named after the learner's.
    """
    try:
        parameters = [
            p.name
            for p in inspect.signature(function).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        parameters = []
    if len(parameters) < count and behind is not None and behind is not function:
        return parameter_names(behind, count)
    return [parameters[i] if i < len(parameters) else f"argument {i + 1}" for i in range(count)]


def changed_inputs(
    function: Callable[..., Any],
    pristine: tuple[tuple[Any, ...], dict[str, Any]],
    given: tuple[tuple[Any, ...], dict[str, Any]],
    copied: list[bool],
    allowed: set[str] | bool,
    behind: Callable[..., Any] | None = None,
) -> list[str]:
    """Names of the inputs that differ from their pristine copies after the call."""
    if allowed is True:
        return []
    allowed = allowed or set()
    (pristine_args, pristine_kwargs), (given_args, given_kwargs) = pristine, given
    names = parameter_names(function, len(given_args), behind)
    changed = []
    for index, (before, after) in enumerate(zip(pristine_args, given_args, strict=True)):
        if copied[index] and names[index] not in allowed and not _same(before, after):
            changed.append(names[index])
    for key, after in given_kwargs.items():
        if key not in allowed and after is not pristine_kwargs[key] and not _same(pristine_kwargs[key], after):
            changed.append(key)
    return changed
