"""A folder this process cannot write, for the tests of what learners see in a read-only folder.

``chmod 555`` makes a folder read-only for a normal user. Root (CI containers, this test machine)
writes there anyway, so for root the folder is made read-only the way a read-only mount is: the
calls that write (``os.open`` for writing, ``mkdir``, ``replace``, ``rename``, ``unlink``, and
``open`` for writing) fail inside it with EROFS, exactly as the kernel would answer them.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _refuse(path: object) -> OSError:
    return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` (created) cannot be written inside while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o555)
    probe = folder / ".write-probe"
    try:
        with pytest.MonkeyPatch.context() as patch:
            try:
                probe.touch()
            except PermissionError:
                pass  # a normal user: the permission bits are enough
            else:
                probe.unlink()
                _simulate_read_only_mount(folder, patch)
            yield folder
    finally:
        folder.chmod(0o755)


def _simulate_read_only_mount(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = os.path.abspath(folder)

    def inside(path: object) -> bool:
        if isinstance(path, int):
            return False
        absolute = os.path.abspath(os.fspath(path))
        return absolute == root or absolute.startswith(root + os.sep)

    real_open, real_mkdir, real_replace, real_rename, real_unlink = os.open, os.mkdir, os.replace, os.rename, os.unlink
    real_io_open = io.open

    def fake_os_open(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS and inside(path):
            raise _refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if inside(path) and not os.path.exists(path):
            raise _refuse(path)
        return real_mkdir(path, *args, **kwargs)

    def two_paths(real):
        def fake(source, destination, *args, **kwargs):
            if inside(source) or inside(destination):
                raise _refuse(destination)
            return real(source, destination, *args, **kwargs)

        return fake

    def fake_unlink(path, *args, **kwargs):
        if inside(path):
            raise _refuse(path)
        return real_unlink(path, *args, **kwargs)

    def fake_io_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and inside(file):
            raise _refuse(file)
        return real_io_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    monkeypatch.setattr(os, "replace", two_paths(real_replace))
    monkeypatch.setattr(os, "rename", two_paths(real_rename))
    monkeypatch.setattr(os, "unlink", fake_unlink)
    monkeypatch.setattr(os, "remove", fake_unlink)
    monkeypatch.setattr(io, "open", fake_io_open)
    monkeypatch.setattr(builtins, "open", fake_io_open)
