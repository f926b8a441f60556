"""Models trained by one notebook and used by another: built by code in ``utils``, cached, verified.

Phase 4's generative models are judged by one MNIST classifier; phase 7 serves phase 6's
fine-tuned sentiment model. Retraining them in every notebook wastes the time budget, and relying
on another notebook having run first is fragile. So such a model is an *artefact*: a function in
``utils`` builds it (tested, and identical wherever it is used), and this module keeps the result::

    from utils import artifacts

    @artifacts.register("mnist-classifier", version=1)
    def build_mnist_classifier(epochs: int = 2, seed: int = 0) -> dict:
        ...train...
        return {"state_dict": model.state_dict(), "config": {...}, "metrics": {"test_accuracy": 0.99}}

    saved = artifacts.load("mnist-classifier")              # built the first time, then read back
    model.load_state_dict(saved["state_dict"])

What is kept, and when it is rebuilt
------------------------------------
- The builder's keyword arguments are its *settings*; ``load(name, **settings)`` fills in the
  defaults. Each set of settings has its own file, ``<cache>/artifacts/<name>/<key>.pt``.
- The *code fingerprint* is the SHA-256 of the name, the ``version`` and the source code of the
  builder and of every function or class in ``utils`` that it uses (followed through the code,
  transitively). Editing any of them, or bumping ``version`` (for changes the source does not
  show: data, library versions), makes the cached file *stale*.
- The file is written with ``torch.save`` (atomically: a temporary file, then ``os.replace``),
  read back with ``torch.load(weights_only=True)`` (tensors, numbers, strings, lists and dicts
  only; no pickled code), and its SHA-256 is recorded beside it in ``<key>.json`` together with
  the fingerprint, the settings and the build time.
- ``load`` uses the file when it is there, fresh and intact; otherwise it builds it again, with an
  :class:`ArtifactBuildWarning` saying why (missing, stale or damaged). Concurrent processes (a
  parallel test run) wait for one build instead of each training its own.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import io
import json
import shutil
import time
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from utils import config, sources

__all__ = [
    "BUILDER_MODULES",
    "Artifact",
    "ArtifactBuildWarning",
    "UnknownArtifactError",
    "available",
    "clear",
    "fingerprint",
    "info",
    "load",
    "path",
    "register",
]

# Modules of ``utils`` that register artefacts: imported when a name is not known yet, so that
# ``artifacts.load("mnist-classifier")`` works without importing its builder first.
BUILDER_MODULES: tuple[str, ...] = ("utils.yardstick", "utils.sentiment")

AREA = "artifacts"


class ArtifactBuildWarning(UserWarning):
    """An artefact was (re)built: it was missing, stale (its code changed) or damaged."""


class UnknownArtifactError(sources.UnknownNameError):
    """An artefact name that nothing registered; the message lists the names that are."""


@dataclass(frozen=True)
class Artifact:
    """A registered artefact: its name, its builder and the version of its recipe."""

    name: str
    build: Callable[..., dict[str, Any]]
    version: int | str
    description: str

    def defaults(self) -> dict[str, Any]:
        return {
            parameter.name: parameter.default
            for parameter in inspect.signature(self.build).parameters.values()
            if parameter.default is not inspect.Parameter.empty
        }


_REGISTRY: dict[str, Artifact] = {}


def register(name: str, *, version: int | str = 1, description: str = "") -> Callable:
    """Decorator: ``build(**settings) -> dict`` produces the artefact ``name``.

    The dict holds what ``torch.load(weights_only=True)`` can read back: tensors (a
    ``state_dict``), numbers, strings, and lists or dicts of them (a config, metrics).
    """

    def decorator(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        previous = _REGISTRY.get(name)
        if previous is not None and (previous.build.__module__, previous.build.__qualname__) != (
            build.__module__,
            build.__qualname__,
        ):
            raise ValueError(
                f"the artefact {name!r} is already registered by {previous.build.__module__}."
                f"{previous.build.__qualname__}; choose another name"
            )
        for parameter in inspect.signature(build).parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.POSITIONAL_ONLY):
                raise TypeError(f"the builder of {name!r} must take its settings as keyword arguments")
        _REGISTRY[name] = Artifact(name, build, version, description or (inspect.getdoc(build) or "").split("\n")[0])
        return build

    return decorator


def available() -> list[str]:
    """The names of the registered artefacts, sorted."""
    _import_builders()
    return sorted(_REGISTRY)


def _import_builders() -> None:
    for module in BUILDER_MODULES:
        importlib.import_module(module)


def _entry(name: str) -> Artifact:
    if name not in _REGISTRY:
        _import_builders()
    artifact = _REGISTRY.get(name)
    if artifact is None:
        raise sources.unknown_name("artefact", name, sorted(_REGISTRY), UnknownArtifactError)
    return artifact


# ---------------------------------------------------------------------------------------------
# Settings and fingerprints
# ---------------------------------------------------------------------------------------------


def _settings(artifact: Artifact, settings: dict[str, Any]) -> dict[str, Any]:
    signature = inspect.signature(artifact.build)
    accepts_any = any(parameter.kind is parameter.VAR_KEYWORD for parameter in signature.parameters.values())
    unknown = sorted(set(settings) - set(signature.parameters))
    if unknown and not accepts_any:
        accepted = ", ".join(f"{key}={value!r}" for key, value in artifact.defaults().items()) or "none"
        raise TypeError(f"the artefact {artifact.name!r} has no setting(s) {', '.join(unknown)}. It takes: {accepted}.")
    complete = {**artifact.defaults(), **settings}
    missing = [
        parameter.name
        for parameter in signature.parameters.values()
        if parameter.kind is not parameter.VAR_KEYWORD and parameter.name not in complete
    ]
    if missing:
        raise TypeError(f"the artefact {artifact.name!r} needs the setting(s) {', '.join(missing)}")
    try:
        json.dumps(complete, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"the settings of {artifact.name!r} must be numbers, strings, booleans, None, or lists and "
            f"dicts of them (they name the cached file): {complete}"
        ) from error
    return complete


def _settings_key(settings: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


def _in_utils(value: object) -> bool:
    module = getattr(value, "__module__", None) or ""
    return (module == "utils" or module.startswith("utils.")) and module != __name__


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)


def _functions_of(value: object) -> Iterator[types.FunctionType]:
    """The plain functions behind a function, a method wrapper or the methods of a class."""
    if isinstance(value, types.FunctionType):
        yield value
    elif isinstance(value, (staticmethod, classmethod)):
        yield from _functions_of(value.__func__)
    elif isinstance(value, property):
        for accessor in (value.fget, value.fset, value.fdel):
            yield from _functions_of(accessor)
    elif inspect.isclass(value):
        for attribute in vars(value).values():
            yield from _functions_of(attribute)


def _referenced(function: types.FunctionType) -> Iterator[object]:
    """Functions and classes of ``utils`` that ``function`` names (directly or as ``module.attr``)."""
    names = {name for code in _code_objects(function.__code__) for name in code.co_names}
    namespace = function.__globals__
    for name in sorted(names):
        value = namespace.get(name)
        if (inspect.isfunction(value) or inspect.isclass(value)) and _in_utils(value):
            yield value
        elif inspect.ismodule(value) and (value.__name__ == "utils" or value.__name__.startswith("utils.")):
            for attribute in sorted(names):
                member = getattr(value, attribute, None)
                if (inspect.isfunction(member) or inspect.isclass(member)) and _in_utils(member):
                    yield member


def code_sources(build: Callable[..., Any]) -> dict[str, str]:
    """``{qualified name: source}`` of the builder and of everything in ``utils`` it uses."""
    found: dict[str, str] = {}
    pending: list[object] = [build]
    while pending:
        value = pending.pop()
        label = f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', repr(value))}"
        if label in found:
            continue
        try:
            found[label] = inspect.getsource(value)  # type: ignore[arg-type]
        except (OSError, TypeError):
            found[label] = "<source not available>"
        for function in _functions_of(value):
            pending.extend(_referenced(function))
    return dict(sorted(found.items()))


def fingerprint(name: str) -> str:
    """The code fingerprint of ``name``: its version and the source code that builds it."""
    artifact = _entry(name)
    payload = {"name": name, "version": artifact.version, "code": code_sources(artifact.build)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def _folder(name: str) -> Path:
    return config.cache_dir() / AREA / name


def path(name: str, /, **settings: Any) -> Path:
    """Where the artefact ``name`` with these settings is (or will be) kept."""
    artifact = _entry(name)
    return _folder(name) / f"{_settings_key(_settings(artifact, settings))}.pt"


def _metadata_path(target: Path) -> Path:
    return target.with_suffix(".json")


def info(name: str, /, **settings: Any) -> dict[str, Any] | None:
    """What was recorded when the artefact was built (fingerprint, settings, SHA-256, seconds), if it was."""
    try:
        return json.loads(_metadata_path(path(name, **settings)).read_text())
    except (OSError, ValueError):
        return None


def _read_valid(name: str, target: Path, code_fingerprint: str) -> tuple[dict[str, Any] | None, str]:
    """The artefact read from ``target`` if it is there, fresh and intact; else None and why not."""
    import torch

    if not target.exists():
        return None, "is not in the cache yet"
    try:
        metadata = json.loads(_metadata_path(target).read_text())
        recorded_sha256, recorded_fingerprint = metadata["sha256"], metadata["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, f"is damaged: its record {_metadata_path(target).name} is missing or unreadable"
    if recorded_fingerprint != code_fingerprint:
        return None, (
            "is stale: its code (or version) changed since it was built "
            f"(fingerprint {recorded_fingerprint[:12]} -> {code_fingerprint[:12]})"
        )
    content = target.read_bytes()
    if hashlib.sha256(content).hexdigest() != recorded_sha256:
        return None, f"is damaged: {target.name} does not have the SHA-256 recorded when it was built"
    try:
        return torch.load(io.BytesIO(content), map_location="cpu", weights_only=True), ""
    except Exception as error:
        return None, f"is damaged: torch.load could not read it ({type(error).__name__}: {error})"


def _serialise(name: str, payload: object) -> bytes:
    import torch

    if not isinstance(payload, dict):
        raise TypeError(f"the builder of {name!r} returned {type(payload).__name__}; it must return a dict")
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    content = buffer.getvalue()
    try:
        torch.load(io.BytesIO(content), map_location="cpu", weights_only=True)
    except Exception as error:
        raise TypeError(
            f"the builder of {name!r} returned something torch.load(weights_only=True) cannot read back "
            f"({error}). Return tensors, numbers, strings, and lists or dicts of them: save "
            "model.state_dict(), not the model."
        ) from error
    return content


def load(name: str, /, **settings: Any) -> dict[str, Any]:
    """The artefact ``name`` with these settings: read from the cache, or built (and kept) first."""
    artifact = _entry(name)
    complete = _settings(artifact, settings)
    target = _folder(name) / f"{_settings_key(complete)}.pt"
    code_fingerprint = fingerprint(name)
    result, problem = _read_valid(name, target, code_fingerprint)
    if result is not None:
        return result
    sources.writable(target.parent)
    with FileLock(str(target.with_suffix(".lock"))):
        result, problem = _read_valid(name, target, code_fingerprint)  # built meanwhile by another process?
        if result is not None:
            return result
        warnings.warn(
            f"The artefact {name!r} {problem}: building it now with {complete} (later loads read it from {target}).",
            ArtifactBuildWarning,
            stacklevel=2,
        )
        start = time.perf_counter()
        content = _serialise(name, artifact.build(**complete))
        seconds = time.perf_counter() - start
        _metadata_path(target).unlink(missing_ok=True)  # the record goes last: no record, no trust
        sources.atomic_write(target, lambda handle: handle.write(content))
        metadata = {
            "name": name,
            "version": artifact.version,
            "fingerprint": code_fingerprint,
            "settings": complete,
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            "build_seconds": round(seconds, 3),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        text = json.dumps(metadata, indent=1, sort_keys=True)
        sources.atomic_write(_metadata_path(target), lambda handle: handle.write(text.encode()))
        result, problem = _read_valid(name, target, code_fingerprint)
    if result is None:
        raise RuntimeError(f"the artefact {name!r} was built but {problem}")
    return result


def clear(name: str | None = None) -> None:
    """Delete the cached artefact ``name`` (every setting of it), or every artefact."""
    if name is None:
        shutil.rmtree(config.cache_dir() / AREA, ignore_errors=True)
        return
    _entry(name)
    shutil.rmtree(_folder(name), ignore_errors=True)


def build_all(names: list[str] | None = None) -> dict[str, float]:
    """Load (building where needed) each named artefact with its default settings; seconds per name.

    The test command runs this before the notebooks, so that no notebook's timed run includes the
    training of an artefact another notebook also uses.
    """
    seconds = {}
    for name in names or available():  # available() imports the builder modules
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ArtifactBuildWarning)
            load(name)
        seconds[name] = round(time.perf_counter() - start, 1)
    return seconds


def main(argv: list[str] | None = None) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print("usage: python -m utils.artifacts build [NAME ...]   (every registered artefact if no name is given)")
        return 2
    try:
        for name, seconds in build_all(argv[1:]).items():
            print(f"artefact {name}: ready ({seconds} s)")
    except UnknownArtifactError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    # As `python -m utils.artifacts` this file runs as the module __main__, while the builder modules register
    # their artefacts with `utils.artifacts`: hand over to that module, so that both use one registry.
    from utils import artifacts as _registry_module

    raise SystemExit(_registry_module.main())
