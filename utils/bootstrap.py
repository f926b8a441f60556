"""The two quick-start commands. Standard library only: it runs on a bare Python 3.11+.

    python3 -m utils.bootstrap lab    # set everything up, then open the curriculum in JupyterLab
    python3 -m utils.bootstrap test   # set everything up, then run every test

"Set everything up" means: create ``.venv`` in the repository (once), install PyTorch into it
first (``torch==2.13.0`` unless a torch is already there; set ``CURRICULUM_TORCH`` to another pip
requirement, with pip options if needed, e.g. another index for a CPU or CUDA build), then the
project with its ``lab`` and ``dev`` extras. It is plain ``venv`` and ``pip`` underneath, and is
skipped when nothing changed since the last run. Torch goes first because a bare ``torch``
requirement pulls a multi-GB CUDA build.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".curriculum-installed"
DEFAULT_TORCH = "torch==2.13.0"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(*command: str | Path) -> None:
    print("$", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def _fingerprint() -> str:
    torch_spec = os.environ.get("CURRICULUM_TORCH", DEFAULT_TORCH)
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + torch_spec.encode()).hexdigest()


def setup() -> Path:
    """Create and fill the virtual environment unless it is already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this module must explain itself on an old Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Install a newer Python first.")
    python = venv_python()
    if STAMP.exists() and STAMP.read_text() == _fingerprint() and python.exists():
        print(f"Environment {VENV} is up to date.")
        return python
    if not python.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    has_torch = subprocess.run([str(python), "-c", "import torch"], capture_output=True).returncode == 0
    if not has_torch:
        _run(python, "-m", "pip", "install", "--quiet", *shlex.split(os.environ.get("CURRICULUM_TORCH", DEFAULT_TORCH)))
    _run(python, "-m", "pip", "install", "--quiet", "-e", ".[lab,dev]")
    STAMP.write_text(_fingerprint())
    return python


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("lab", "test", "setup"):
        print(__doc__)
        return 2
    python = setup()
    if argv[0] == "setup":
        return 0
    if argv[0] == "lab":
        os.execv(str(python), [str(python), "-m", "jupyterlab", *argv[1:]])
    return subprocess.run([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main())
