"""Files derived from verified members (a converted model), recorded with their SHA-256s."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from utils.sources.base import atomic_write, sha256_of_file


@dataclass
class Manifest:
    """What was derived from verified files, and the SHA-256 of every file written.

    A folder of derived files (a converted model) is valid only when its ``manifest.json`` is
    readable, was made from the same inputs by the same recipe, and every file it lists has the
    recorded SHA-256. The manifest also records each file's ``(size, mtime, ctime, inode)`` as
    it was when hashed: while those are unchanged the file has not been written since, so a new
    process need not hash hundreds of megabytes again to trust it (any write, truncation or
    replacement changes them, and the file is then hashed in full).
    """

    recipe: dict[str, Any]
    files: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, list[int]] = field(default_factory=dict)

    FILE_NAME = "manifest.json"

    @staticmethod
    def _signature(path: Path) -> list[int]:
        status = path.stat()
        return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]

    @classmethod
    def record(cls, folder: Path, recipe: dict[str, Any]) -> Manifest:
        """Hash every file under ``folder`` and write the manifest (atomically) beside them."""
        manifest = cls(recipe=recipe)
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != cls.FILE_NAME:
                relative = path.relative_to(folder).as_posix()
                manifest.files[relative] = sha256_of_file(path)
                manifest.signatures[relative] = cls._signature(path)
        manifest.save(folder)
        return manifest

    def save(self, folder: Path) -> None:
        payload = {"recipe": self.recipe, "files": self.files, "signatures": self.signatures}
        text = json.dumps(payload, indent=1, sort_keys=True)
        atomic_write(folder / self.FILE_NAME, lambda handle: handle.write(text.encode()))

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        try:
            payload = json.loads((folder / cls.FILE_NAME).read_text())
            return cls(recipe=payload["recipe"], files=payload["files"], signatures=payload["signatures"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def problem(self, folder: Path, recipe: dict[str, Any], full: bool = False) -> str | None:
        """Why ``folder`` cannot be used (None when it can). ``full`` re-hashes every file."""
        if self.recipe != recipe:
            return "it was made from other inputs or by another recipe"
        if not self.files:
            return "its manifest lists no files"
        changed = False
        for relative, sha256 in self.files.items():
            path = folder / relative
            if not path.is_file():
                return f"{relative} is missing"
            if not full and self._signature(path) == self.signatures.get(relative):
                continue
            if sha256_of_file(path) != sha256:
                return f"{relative} does not have the SHA-256 recorded when it was written"
            self.signatures[relative] = self._signature(path)
            changed = True
        if changed:  # hashed again and intact (copied, or touched): remember the new signatures
            with contextlib.suppress(OSError):
                self.save(folder)
        return None
