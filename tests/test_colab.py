"""The Colab path, run the way Colab runs it.

Colab's runtime comes with its own, older front end, which ``google-colab`` pins (its setup.py:
ipykernel 6.17.1, IPython 7.34.0, notebook 6.5.7, tornado 6.4.2) along with ipywidgets 7.7.1 and
traitlets 5.7.1. This test builds a virtual environment with exactly those, and reuses everything
else (torch, NumPy, ...) from the environment running the tests through a ``.pth`` file instead of
installing it again (so no CUDA torch is ever fetched). It snapshots the working tree into a local
git repository, points the setup cell at it (``CURRICULUM_REPOSITORY``, ``CURRICULUM_CHECKOUT``),
fakes ``google.colab`` in a kernel of that environment and runs, as a learner would: the exercise
notebook's setup cell (which clones and installs the course), the cells up to the first check with
the right answer written in, that collapsed check cell, the checklist, then a second exercise and
its check (the checklist on screen ticks itself). Then it runs the dashboard from another folder.
It asserts that the front-end packages are still Colab's afterwards.

Needs PyPI (Colab's old packages, and setuptools for building the course): marked ``network``
and skipped, with pip's reason, when the index cannot be reached.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sysconfig
import venv
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from utils import notebooks

pytestmark = [pytest.mark.slow, pytest.mark.network]

ROOT = notebooks.REPO_ROOT
NOTEBOOK_ID = "1_math/01_derivatives"
# What Colab's runtime has (google-colab's pins, and the widgets Colab ships).
COLAB_FRONT_END = {
    "ipykernel": "6.17.1",
    "ipython": "7.34.0",
    "ipywidgets": "7.7.1",
    "notebook": "6.5.7",
    "tornado": "6.4.2",
    "traitlets": "5.7.1",
}
PIP_SECONDS = 600
CELL_SECONDS = 600
# Colab's runtime has imported google.colab before any cell runs; the setup cell looks for it.
FAKE_COLAB = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')"


def _pip(python: Path, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), "-m", "pip", *arguments], capture_output=True, text=True, check=False, cwd=cwd,
        timeout=PIP_SECONDS,
    )  # fmt: skip


def _colab_environment(where: Path) -> Path:
    """A venv with Colab's front end; everything else comes from this environment (a .pth line)."""
    venv.EnvBuilder(with_pip=False).create(where)
    python = where / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    # Appended after the venv's own site-packages: Colab's versions installed there win.
    (purelib / "zz-test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pins = [f"{name}=={version}" for name, version in COLAB_FRONT_END.items()]
    torch_pin = f"torch=={metadata.version('torch')}"  # never let pip near torch
    constraints = where / "constraints.txt"
    constraints.write_text(torch_pin + "\n")
    result = _pip(python, "install", "--quiet", "--constraint", str(constraints), *pins)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()[-3:]
        if any(word in " ".join(reason) for word in ("connection", "resolve", "Network", "No matching distribution")):
            pytest.skip(f"Colab's front-end packages cannot be fetched from the package index: {reason}")
        pytest.fail(f"installing Colab's front end failed:\n{result.stdout}\n{result.stderr}")
    return python


def _snapshot_repository(where: Path) -> Path:
    """The working tree as a git repository (what `git clone` on Colab would get, edits included)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = where / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    for command in (["init", "--quiet"], ["add", "--all"], [*identity, "commit", "--quiet", "-m", "snapshot"]):
        subprocess.run(["git", *command], cwd=where, check=True, capture_output=True)
    return where


class ColabKernel:
    """A kernel of the Colab-like environment; ``run`` returns (ok, stdout, display data, error)."""

    def __init__(self, python: Path, cwd: Path, env: dict[str, str], kernels: Path):
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        spec = kernels / "colab"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(
            json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                        "display_name": "Colab-like", "language": "python"})
        )  # fmt: skip
        self.manager = KernelManager(kernel_name="colab", kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernels]))
        self.manager.start_kernel(cwd=str(cwd), env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)

    def run(self, code: str) -> tuple[bool, str, list[dict[str, Any]], str]:
        stdout: list[str] = []
        shown: list[dict[str, Any]] = []

        def keep(message: dict) -> None:
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                stdout.append(content["text"])
            elif kind in ("display_data", "execute_result"):
                shown.append(content["data"])

        try:
            reply = self.client.execute_interactive(code, timeout=CELL_SECONDS, output_hook=keep, allow_stdin=False)
        except queue.Empty as error:  # pragma: no cover - only on a hung kernel
            raise TimeoutError(f"the kernel did not answer within {CELL_SECONDS} s") from error
        content = reply["content"]
        error = "" if content["status"] == "ok" else "\n".join(content.get("traceback", [])) or content.get("ename", "")
        return content["status"] == "ok", "".join(stdout), shown, error

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def _exercise_cells_solved() -> list[str]:
    """The exercise notebook's code cells, with the right answers written into the exercise cells."""
    solution = {cell.id: cell for cell in notebooks.read(ROOT / f"{NOTEBOOK_ID}{notebooks.SOLUTION_SUFFIX}").cells}
    cells = notebooks.code_cells(notebooks.read(ROOT / f"{NOTEBOOK_ID}{notebooks.EXERCISE_SUFFIX}"))
    return [notebooks.cell_source(solution[c.id] if "exercise" in notebooks.cell_tags(c) else c) for c in cells]


def test_the_setup_cell_check_cells_checklist_and_dashboard_work_on_colabs_front_end(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is needed to clone the course, as the setup cell does on Colab")
    python = _colab_environment(tmp_path / "colab-venv")
    origin = _snapshot_repository(tmp_path / "origin")
    content = tmp_path / "content"  # Colab's /content
    content.mkdir()
    checkout = content / "ml-curriculum"
    progress_file = tmp_path / "progress.json"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        CURRICULUM_REPOSITORY=str(origin),
        CURRICULUM_CHECKOUT=str(checkout),
        CURRICULUM_PROGRESS=str(progress_file),
        CURRICULUM_CACHE_DIR=str(tmp_path / "cache"),
        MPLBACKEND="Agg",
        PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
    )
    before = {name: metadata.version(name) for name in COLAB_FRONT_END if name != "notebook"}
    code = _exercise_cells_solved()
    raw = notebooks.code_cells(notebooks.read(ROOT / f"{NOTEBOOK_ID}{notebooks.EXERCISE_SUFFIX}"))
    checks = [i for i, cell in enumerate(raw) if notebooks.CHECK_TAG in notebooks.cell_tags(cell)]
    kernel = ColabKernel(python, content, env, tmp_path / "kernels")
    try:
        assert kernel.run(FAKE_COLAB)[0]
        ok, out, _, error = kernel.run(code[0])  # the setup cell: clone, install, import from the checkout
        assert ok, f"the setup cell failed on Colab's front end:\n{out}\n{error}"
        assert f"{NOTEBOOK_ID} | device: cpu" in out
        assert (checkout / "utils" / "catalogue.json").is_file(), "the setup cell cloned the course"
        ok, out, _, error = kernel.run(
            "import importlib.metadata as m, utils, IPython, ipykernel, ipywidgets\n"
            "print(utils.__file__)\n"
            f"print({sorted(COLAB_FRONT_END)!r} and {{n: m.version(n) for n in {sorted(COLAB_FRONT_END)!r}}})"
        )
        assert ok, error
        where, versions = out.splitlines()[:2]
        assert where == str(checkout / "utils" / "__init__.py"), "this kernel imports the clone's utils"
        assert eval(versions) == COLAB_FRONT_END, "installing the course changed Colab's front-end packages"

        for index in range(1, checks[0] + 1):  # imports, prose code, the first exercise and its check
            ok, out, _, error = kernel.run(code[index])
            assert ok, f"code cell {index + 1} failed:\n{error}"
        assert code[checks[0]].startswith("#@title Check "), "the check cell is the collapsed one"
        assert "✓ forward_difference passed" in out

        ok, out, shown, error = kernel.run(code[-1])  # the checklist, as ipywidgets 7.7 shows it
        assert ok, error
        (bundle,) = shown
        assert "application/vnd.jupyter.widget-view+json" in bundle, "shown as a widget, not as text"
        assert "[x] Exercise forward_difference" in bundle["text/plain"]
        assert "[ ] Exercise central_difference" in bundle["text/plain"]

        for index in range(checks[0] + 1, checks[1] + 1):  # the second exercise and its check, below
            ok, out, _, error = kernel.run(code[index])
            assert ok, f"code cell {index + 1} failed:\n{error}"
        ok, out, _, error = kernel.run(
            "from utils import progress\n"
            f"(live,) = progress._live_checklists[{NOTEBOOK_ID!r}]\n"
            "print([box.value for box in live.children[1:4]], live.children[0].value)"
        )
        assert ok, error
        assert out.startswith("[True, True, False]"), f"the checklist on screen did not tick itself: {out}"
        assert "2/7 done" in out
    finally:
        kernel.close()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = subprocess.run(
        [str(python), "-m", "utils.progress"], cwd=elsewhere, env=env, capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0, shown.stderr
    assert f"Notebooks: {checkout} (on disk)" in shown.stdout, shown.stdout
    row = next(line for line in shown.stdout.splitlines() if "01_derivatives" in line)
    assert "2/7" in row
    assert "Next: open 1_math/01_derivatives.exercise.ipynb" in shown.stdout
    after = {name: metadata.version(name) for name in before}
    assert after == before, "the environment running the tests was changed"
