"""The two quick-start commands. Standard library only: it runs on a bare Python 3.11+.

    python3 -m utils.bootstrap lab    # set everything up, then open the curriculum in JupyterLab
    python3 -m utils.bootstrap test   # set everything up, then run every test (the CPU-load tests last)
    python -m utils.bootstrap colab   # (run by the notebooks' setup cell on Colab) see colab() below

"Set everything up" means: create ``.venv`` in the repository (once), install PyTorch into it
first (``torch==2.13.0`` unless a torch is already there; set ``CURRICULUM_TORCH`` to another pip
requirement, with pip options if needed, e.g. another index for a CPU or CUDA build), then the
project with its ``lab`` and ``dev`` extras. It is plain ``venv`` and ``pip`` underneath, and is
skipped when nothing changed since the last run. Torch goes first because a bare ``torch``
requirement pulls a multi-GB CUDA build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shlex
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".curriculum-installed"
DEFAULT_TORCH = "torch==2.13.0"
COLAB_STAMP = ROOT / ".curriculum-installed"
# What a hosted runtime (Colab) must keep as it is: its front end (a kernel whose packages change
# under it breaks, and Colab pins old versions: ipykernel 6.17, IPython 7.34, ipywidgets 7.7) and
# its own CUDA build of torch.
PROTECTED = (
    "google-colab",
    "ipykernel",
    "ipython",
    "ipywidgets",
    "widgetsnbextension",
    "jupyterlab-widgets",
    "jupyter-client",
    "jupyter-core",
    "jupyter-server",
    "notebook",
    "tornado",
    "traitlets",
    "pyzmq",
    "comm",
    "torch",
)


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


def protected_pins() -> list[str]:
    """``name==version`` for every PROTECTED package installed here, as pip constraints."""
    pins = []
    for name in PROTECTED:
        try:
            pins.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return pins


def colab() -> int:
    """Install the course into a running hosted runtime (Colab), changing none of its own packages.

    Run by the setup cell from the clone it made. pip installs the project editable (so the
    dashboard, ``python -m utils.progress``, finds the notebooks in the clone) with only the
    dependencies the runtime lacks: the front-end packages are not among them (they live in the
    ``lab`` extra), and the installed versions of PROTECTED packages are passed as constraints, so
    pip fails rather than replace one. Skipped when nothing changed since the last run.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - this module must explain itself on an old Python
        print(f"The course needs Python 3.11 or newer; this runtime has {sys.version.split()[0]}.", file=sys.stderr)
        return 1
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + sys.executable.encode()).hexdigest()
    if COLAB_STAMP.exists() and COLAB_STAMP.read_text() == fingerprint:
        return 0
    with tempfile.NamedTemporaryFile("w", suffix="-constraints.txt", delete=False) as constraints:
        constraints.write("\n".join(protected_pins()) + "\n")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--constraint", constraints.name, "--editable", "."]
    try:
        result = subprocess.run(command, cwd=ROOT, check=False)
    finally:
        os.unlink(constraints.name)
    if result.returncode != 0:
        print(
            "Installing the course failed (see pip's message above). It never replaces the runtime's own "
            f"{', '.join(PROTECTED)}; if pip says one of them is too old, please report it.",
            file=sys.stderr,
        )
        return result.returncode
    COLAB_STAMP.write_text(fingerprint)
    print("Installed the course package from", ROOT)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("lab", "test", "setup", "colab"):
        print(__doc__)
        return 2
    if argv[0] == "colab":
        return colab()
    python = setup()
    if argv[0] == "setup":
        return 0
    if argv[0] == "lab":
        os.execv(str(python), [str(python), "-m", "jupyterlab", *argv[1:]])
    if not argv[1:]:
        # Models that several notebooks share (utils.artifacts) are trained once, before the
        # notebooks run, so that no notebook's timed run includes training another's yardstick.
        built = subprocess.run([str(python), "-m", "utils.artifacts", "build"], cwd=ROOT).returncode
        if built:
            return built
    outcome = subprocess.run([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT).returncode
    if argv[1:]:
        return outcome
    # The whole suite: the tests that load the CPU on purpose come after the parallel run, one at a
    # time, so that no notebook's timed run shares the cores with them (tests.notebook_plugin).
    loaded = subprocess.run([str(python), "-m", "pytest", "-m", "cpu_load", "-n", "0"], cwd=ROOT).returncode
    return outcome or loaded


if __name__ == "__main__":
    raise SystemExit(main())
