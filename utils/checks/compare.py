"""Comparing a learner's result with the expected one, and saying in one sentence how they differ."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["compare", "describe_value", "kind_of", "short"]


def short(value: Any, limit: int = 60) -> str:
    """A one-line description of a value for messages."""
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    shape = getattr(value, "shape", None)
    if shape is not None and len(tuple(shape)) > 0:
        return f"{type(value).__name__}(shape={tuple(shape)}, dtype={getattr(value, 'dtype', '?')})"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def _to_numpy(value: Any) -> Any:
    """Torch tensors become NumPy arrays (detached, on the CPU); other values pass through."""
    if _is_tensor(value):
        return value.detach().cpu().numpy()
    return value


def kind_of(value: Any) -> str:
    """What kind of value this is, in the words a message uses ("torch tensor", "float", ...)."""
    if _is_tensor(value):
        return "torch tensor"
    if isinstance(value, np.ndarray):
        return "NumPy array"
    if isinstance(value, np.generic):
        return f"NumPy {type(value).__name__}"
    return type(value).__name__


def describe_value(value: Any) -> str:
    """What a function returned, for messages about results the check cannot use."""
    if isinstance(value, (tuple, list)):
        items = ", ".join(describe_value(item) for item in value[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"a {type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''} ({items}{more})"
    if isinstance(value, dict):
        keys = ", ".join(repr(key) for key in list(value)[:6])
        return f"a dict with keys ({keys}{', ...' if len(value) > 6 else ''})"
    if _is_tensor(value) or isinstance(value, np.ndarray):
        return f"a {kind_of(value)} of shape {tuple(value.shape)} and dtype {value.dtype}"
    if value is None:
        return "None"
    return f"{kind_of(value)} {short(value, 40)}"


def _type_problem(got: Any, expected: Any, name: str) -> str | None:
    """With check_type: the kind of value (tensor, array, bool, int, float, str...) must be the promised one."""
    if _is_tensor(expected):
        return None if _is_tensor(got) else f"{name} should be a torch tensor, got {kind_of(got)}"
    if isinstance(expected, np.ndarray):
        return None if isinstance(got, np.ndarray) else f"{name} should be a NumPy array, got {kind_of(got)}"
    if isinstance(expected, (bool, np.bool_)):
        ok = isinstance(got, (bool, np.bool_))
        return None if ok else f"{name} should be a bool (True or False), got {kind_of(got)}"
    if isinstance(expected, (int, np.integer)):
        ok = isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_))
        return None if ok else f"{name} should be an int, got {kind_of(got)}"
    if isinstance(expected, (float, np.floating)):
        return None if isinstance(got, (float, np.floating)) else f"{name} should be a float, got {kind_of(got)}"
    if isinstance(expected, str):
        return None if isinstance(got, str) else f"{name} should be a str, got {kind_of(got)}"
    return None


def _shape_problem(got_shape: tuple[int, ...], expected_shape: tuple[int, ...], name: str) -> str:
    hint = ""
    if len(got_shape) == len(expected_shape) and len(got_shape) >= 2 and sorted(got_shape) == sorted(expected_shape):
        if got_shape == expected_shape[::-1] and len(got_shape) == 2:
            hint = " (the transpose of what is expected: check the order of your axes)"
        else:
            hint = " (the same axes in another order: check the order of your axes, e.g. a transpose or permute)"
    elif int(np.prod(got_shape)) == int(np.prod(expected_shape)):
        hint = " (same number of elements: check a reshape, squeeze or keepdims)"
    return f"{name} has shape {got_shape}, expected {expected_shape}{hint}"


def _fmt(value: Any) -> str:
    number = np.asarray(value)
    if number.ndim == 0 and np.issubdtype(number.dtype, np.floating):
        return f"{float(number):.6g}"
    return str(number.tolist() if number.ndim else number.item())


def compare(
    got: Any,
    expected: Any,
    *,
    name: str = "result",
    rtol: float = 1e-6,
    atol: float = 1e-8,
    check_dtype: bool = False,
    check_type: bool = False,
) -> str | None:
    """Return None when ``got`` matches ``expected``, else a sentence saying how it differs.

    Numbers, NumPy arrays and torch tensors are compared with tolerances; tuples, lists and
    dicts element by element; anything else with ``==``. ``check_dtype`` also compares the
    dtype of arrays and tensors; ``check_type`` the kind of value (a torch tensor where one is
    expected, a NumPy array, a bool, an int, a float, a str).
    """
    options = {"rtol": rtol, "atol": atol, "check_dtype": check_dtype, "check_type": check_type}
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{name} should be a dict, got {kind_of(got)}"
        missing = sorted(set(expected) - set(got), key=str)
        if missing:
            return f"{name} is missing the key(s) {missing}"
        if check_type:
            extra = sorted(set(got) - set(expected), key=str)
            if extra:
                return f"{name} has unexpected key(s) {extra}"
        for key in expected:
            problem = compare(got[key], expected[key], name=f"{name}[{key!r}]", **options)
            if problem:
                return problem
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return f"{name} should be a {type(expected).__name__} of {len(expected)} items, got {kind_of(got)}"
        if check_type and type(got) is not type(expected):
            return f"{name} should be a {type(expected).__name__}, got a {type(got).__name__}"
        if len(got) != len(expected):
            return f"{name} should have {len(expected)} items, got {len(got)}"
        for index, (got_item, expected_item) in enumerate(zip(got, expected, strict=True)):
            problem = compare(got_item, expected_item, name=f"{name}[{index}]", **options)
            if problem:
                return problem
        return None

    if _is_tensor(expected) and not _is_tensor(got):
        return f"{name} should be a torch tensor, got {kind_of(got)}"
    if check_type:
        problem = _type_problem(got, expected, name)
        if problem:
            return problem
    expected_np, got_np = _to_numpy(expected), _to_numpy(got)

    if isinstance(expected_np, (np.ndarray, np.generic, int, float, complex)) and not isinstance(expected_np, bool):
        if got_np is None:
            return f"{name} is None: did you forget to `return` the value?"
        try:
            got_array = np.asarray(got_np)
        except Exception:
            return f"{name} should be numeric, got {kind_of(got)}"
        expected_array = np.asarray(expected_np)
        if got_array.dtype == object or (not np.issubdtype(got_array.dtype, np.number) and got_array.dtype != bool):
            return f"{name} should be numeric, got {kind_of(got)} of dtype {got_array.dtype}"
        if got_array.shape != expected_array.shape:
            return _shape_problem(got_array.shape, expected_array.shape, name)
        if check_dtype and got_array.dtype != expected_array.dtype:
            return f"{name} has dtype {got_array.dtype}, expected {expected_array.dtype}"
        if np.issubdtype(expected_array.dtype, np.inexact) or np.issubdtype(got_array.dtype, np.inexact):
            got_nan, expected_nan = np.isnan(got_array), np.isnan(expected_array)
            if np.any(got_nan & ~expected_nan):
                where = tuple(int(i) for i in np.argwhere(got_nan & ~expected_nan)[0])
                at = f" at index {where}" if got_array.ndim else ""
                wanted = _fmt(expected_array[where] if where else expected_array)
                return f"{name} contains NaN{at} where {wanted} is expected"
            got_inf = np.isinf(got_array) & ~np.isinf(expected_array)
            if np.any(got_inf):
                where = tuple(int(i) for i in np.argwhere(got_inf)[0])
                at = f" at index {where}" if got_array.ndim else ""
                wanted = _fmt(expected_array[where] if where else expected_array)
                value = _fmt(got_array[where] if where else got_array)
                cause = "an overflow?" if float(np.real(got_array[where] if where else got_array)) > 0 else (
                    "an overflow, or the log of 0?"
                )
                return f"{name} contains {value}{at} where {wanted} is expected ({cause})"
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

    try:
        different = bool(got != expected)
    except Exception:  # e.g. an array compared with a bool: ambiguous, so not what was expected
        different = True
    if different:
        return f"{name} is {short(got)}, expected {short(expected)}"
    return None
