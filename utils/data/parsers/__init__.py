"""Parsers, one module per kind of data: each turns verified files into what ``data.load`` returns.

A parser is called as ``parse(files, **options)``, where ``files`` maps each member path of the
entry's source to its verified file in the cache (see ``utils.sources``). Parsers never fetch.

- ``toy``: scikit-learn's toy data sets (Bunch objects)
- ``images``: MNIST, Fashion-MNIST, sample photographs (NumPy arrays)
- ``shakespeare``: the plays as plain text, and their structure (acts, scenes, speeches)
- ``tables``: CSV files as pandas DataFrames
- ``sword``: Bible modules of the SWORD project, aligned verse by verse (sentence pairs)
- ``retrieval``: passages of the plays and questions with known answers
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

FilesKey = tuple[tuple[str, str, int, int], ...]


def files_key(files: Mapping[str, Path]) -> FilesKey:
    """A hashable key for verified files (member, path, size, mtime): for parsers that cache work
    shared by several option values (the key changes whenever a file is fetched again)."""
    key = []
    for member, path in sorted(files.items()):
        status = Path(path).stat()
        key.append((member, str(path), status.st_size, status.st_mtime_ns))
    return tuple(key)


def files_of(key: FilesKey) -> dict[str, Path]:
    return {member: Path(path) for member, path, _, _ in key}
