"""Wrong answers made automatically from a right one: whole families of mistakes, for every exercise.

Registered mistakes (tests/mistakes/) are instances somebody thought of. These generators turn the
correct function into a wrong one of a known *family*, so that every check cell is tried against
each family whether or not an author remembered it:

* **ignores an argument**: the function uses the value the parameter had on the *first* call for
  every later call. A check whose cases never vary that parameter (or vary it where it makes no
  difference) accepts it.
* **changes its input in place**: the function returns the right answer, then changes an array,
  tensor, list or table it was given. ``check_function`` compares inputs with pristine copies.
* **swaps two arguments**: two positional arguments of the same kind trade places. A check whose
  cases are symmetric in them accepts it.

Each generator returns code that, run in the notebook's kernel after the correct definition,
redefines the exercise's function under its own name (so check cells, and harnesses that call it
by name, use the wrong one) and keeps the correct one as ``_family_original_<name>``. Whether the
mutant actually did anything (a swap needs two values of the same kind; a mutation needs something
mutable) is recorded in ``_family_applied`` so that a family that could not apply is skipped rather
than counted as an accepted mistake.
"""

from __future__ import annotations

import itertools
import json

INTROSPECT = """
import inspect as _family_inspect, json as _family_json
_family_target = globals().get({name!r})
_family_info = {{"function": False, "parameters": []}}
if _family_inspect.isfunction(_family_target) and _family_target.__qualname__ == {name!r}:
    _family_info["function"] = True
    _family_info["parameters"] = [
        p.name for p in _family_inspect.signature(_family_target).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
print("FAMILY-INFO" + _family_json.dumps(_family_info))
"""

_PRELUDE = """
import functools as _family_functools, inspect as _family_inspect
_family_original_{name} = {name}
_family_signature_{name} = _family_inspect.signature({name})
_family_applied = False
"""


def introspection_code(name: str) -> str:
    return INTROSPECT.format(name=name)


def parse_introspection(stdout: str) -> dict:
    for line in stdout.splitlines():
        if line.startswith("FAMILY-INFO"):
            return json.loads(line[len("FAMILY-INFO") :])
    raise ValueError(f"no introspection output in {stdout!r}")


def ignored_argument(name: str, parameter: str) -> str:
    """The function with ``parameter`` frozen at the value of its first call."""
    return (
        _PRELUDE.format(name=name)
        + f"""
_family_frozen_{name} = []

@_family_functools.wraps(_family_original_{name})
def {name}(*args, **kwargs):
    global _family_applied
    bound = _family_signature_{name}.bind(*args, **kwargs)
    bound.apply_defaults()
    if not _family_frozen_{name}:
        _family_frozen_{name}.append(bound.arguments[{parameter!r}])
    else:
        _family_applied = True
        bound.arguments[{parameter!r}] = _family_frozen_{name}[0]
    return _family_original_{name}(*bound.args, **bound.kwargs)
"""
    )


def mutated_input(name: str) -> str:
    """The function, correct, that afterwards changes the first mutable input it was given."""
    return (
        _PRELUDE.format(name=name)
        + f"""
def _family_mutate(value):
    import numpy as _np
    module = type(value).__module__
    if module.startswith("torch") and hasattr(value, "add_") and value.numel() > 0:
        import torch as _torch
        with _torch.no_grad():
            if value.dtype == _torch.bool:
                value.logical_not_()
            else:
                value.add_(1)
        return True
    if isinstance(value, _np.ndarray) and value.size > 0 and value.flags.writeable and value.dtype.kind in "biuf":
        if value.dtype.kind == "b":
            _np.logical_not(value, out=value)
        else:
            value += 1
        return True
    if isinstance(value, list):
        value.append(None)
        return True
    if isinstance(value, dict):
        value["__changed_by_the_function__"] = None
        return True
    if module.startswith("pandas") and hasattr(value, "columns"):
        value["__changed_by_the_function__"] = 0
        return True
    return False

@_family_functools.wraps(_family_original_{name})
def {name}(*args, **kwargs):
    global _family_applied
    result = _family_original_{name}(*args, **kwargs)
    for value in list(args) + list(kwargs.values()):
        if _family_mutate(value):
            _family_applied = True
            break
    return result
"""
    )


def swapped_arguments(name: str, first: str, second: str) -> str:
    """The function with the values of ``first`` and ``second`` exchanged when they are of one kind."""
    return (
        _PRELUDE.format(name=name)
        + f"""
def _family_kind(value):
    import numpy as _np
    if type(value).__module__.startswith("torch") and hasattr(value, "shape"):
        return ("tensor", tuple(value.shape), str(value.dtype))
    if isinstance(value, _np.ndarray):
        return ("array", value.shape, value.dtype.kind)
    if isinstance(value, bool):
        return ("bool",)
    if isinstance(value, (int, float, _np.number)):
        return ("number",)
    return None

@_family_functools.wraps(_family_original_{name})
def {name}(*args, **kwargs):
    global _family_applied
    bound = _family_signature_{name}.bind(*args, **kwargs)
    bound.apply_defaults()
    a, b = bound.arguments[{first!r}], bound.arguments[{second!r}]
    kind = _family_kind(a)
    if kind is not None and kind == _family_kind(b):
        _family_applied = True
        bound.arguments[{first!r}], bound.arguments[{second!r}] = b, a
    return _family_original_{name}(*bound.args, **bound.kwargs)
"""
    )


RESTORE = "{name} = _family_original_{name}"
APPLIED = 'print("FAMILY-APPLIED" + str(bool(globals().get("_family_applied"))))'


def family_mutants(name: str, parameters: list[str], direct: bool) -> list[tuple[str, str]]:
    """(family label, code) for every family that applies to an exercise with these parameters.

    ``direct`` is whether the check cell passes the learner's function itself to check_function
    (not through a harness): only then can it see the inputs the function changes.
    """
    mutants = [(f"ignores argument `{parameter}`", ignored_argument(name, parameter)) for parameter in parameters]
    if direct:
        mutants.append(("changes its input in place", mutated_input(name)))
    for first, second in itertools.pairwise(parameters):
        mutants.append((f"swaps `{first}` and `{second}`", swapped_arguments(name, first, second)))
    return mutants
