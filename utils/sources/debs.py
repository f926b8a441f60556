"""Debian packages: files used in place when the package is installed, else from ``apt-get download``."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from utils.sources.base import SourceUnavailableError, _area_root, _write_verified, check_cached, is_verified


@dataclass(frozen=True)
class Deb:
    """Members of a Debian package: used from the system when installed, else ``apt-get download``.

    Attributes:
        package: the Debian package name, e.g. ``"dataset-fashion-mnist"``.
        version: the version the hashes were taken from (for ``describe``; any version whose
            members have the same hashes is accepted).
        members: path inside the package (no leading ``/``) -> SHA-256 of that file.
        area: the cache folder it is kept in.
        hint: what to do on a system without apt-get (added to the error message).
    """

    package: str
    version: str
    members: Mapping[str, str]
    area: str = "datasets"
    hint: str = ""

    def cache_folder(self) -> Path:
        return _area_root(self.area) / f"deb-{self.package}"

    def summary(self) -> str:
        return f"Debian package {self.package} (hashes taken from version {self.version})"

    def how_fetched(self) -> list[str]:
        return [f"fetched: the installed files if present, else apt-get download {self.package}"]


def _deb_install_hint(source: Deb) -> str:
    hint = (
        f"On Debian or Ubuntu, install it once with\n    sudo apt-get install {source.package}\n"
        f"or download it without root (in any folder) with\n    apt-get download {source.package}"
    )
    if source.hint:
        hint += f"\n{source.hint}"
    return hint


def _download_deb(source: Deb, destination: Path) -> Path:
    """Run ``apt-get download`` for ``source`` in ``destination``; return the ``.deb`` file."""
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        raise SourceUnavailableError(
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
        raise SourceUnavailableError(
            f"Could not start apt-get to download {source.package}: {error}.\n{_deb_install_hint(source)}"
        ) from error
    debs = sorted(destination.glob("*.deb"))
    if result.returncode != 0 or len(debs) != 1:
        apt_said = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-6:])
        raise SourceUnavailableError(
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
        if is_verified(installed, expected):
            paths[member] = installed
        elif check_cached(cached, expected):
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
                        raise SourceUnavailableError(
                            f"{deb_path.name} has no file {member}; the registry entry is wrong."
                        )
                    _write_verified(
                        paths[member], extracted.read(), source.members[member], f"{member} in {deb_path.name}"
                    )
        except (ValueError, tarfile.TarError, subprocess.CalledProcessError, OSError) as error:
            raise SourceUnavailableError(
                f"Could not unpack {deb_path.name}: {error}.\n{_deb_install_hint(source)}"
            ) from error
    return paths
