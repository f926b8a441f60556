"""The suite's speed machinery: one thread per kernel, xdist work units, timing notebooks under load.

How the suite runs in parallel and how notebook times are judged is in tests/notebook_plugin.py;
the per-phase shares are in utils.notebooks.PHASE_SHARE_MINUTES (tested in test_project.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests import notebook_plugin
from tests.kernel import Kernel
from utils import notebooks
from utils.notebooks import cell_source, code_cells

ROOT = notebooks.REPO_ROOT
TIMING_CALLS = re.compile(r"\bbest_time\(|perf_counter\(|time\.time\(|\btimeit\b|process_time\(")


# An assertion on measured times names them so: ``loop_seconds``, ``timings``, ``speed_ratio``, ``cost``.
TIMED_ASSERT = re.compile(r"^\s*assert\b.*(second|time|timing|speed|faster|slower|ratio|cost)", re.MULTILINE)


def asserts_on_times(source: str) -> bool:
    return bool(TIMING_CALLS.search(source) and TIMED_ASSERT.search(source))


def timing_notebooks() -> list[Path]:
    """Solution notebooks that assert on times they measure (not those that only print epoch times)."""
    return [
        path
        for path in notebooks.solution_paths()
        if any(asserts_on_times(cell_source(cell)) for cell in code_cells(notebooks.read(path)))
    ]


def test_timing_notebooks_are_found_by_their_assertions() -> None:
    assert asserts_on_times("seconds = best_time(f)\nassert loop_seconds > 10 * vector_seconds")
    assert asserts_on_times("t = time.perf_counter()\nassert timings[1] > 10 * timings[32]")
    assert not asserts_on_times("started = time.perf_counter()\nassert accuracy >= 0.98")
    assert not asserts_on_times("assert loop_seconds > 1")  # nothing timed in the cell
    found = {notebooks.notebook_id(path) for path in TIMING_NOTEBOOKS}
    assert {"1_math/03_matrices_and_transformations", "1_math/10_gradient_descent_variants"} <= found, found


TIMING_NOTEBOOKS = timing_notebooks()


def test_kernels_get_one_thread_each() -> None:
    kernel = Kernel(ROOT)
    try:
        outcome = kernel.run(
            "import torch, threadpoolctl\n"
            "print(torch.get_num_threads(), sorted({pool['num_threads'] for pool in threadpoolctl.threadpool_info()}))"
        )
    finally:
        kernel.close()
    assert outcome.ok, outcome.error_text
    assert outcome.stdout.split() == ["1", "[1]"], f"threads in a test kernel (torch, BLAS pools): {outcome.stdout}"


def test_work_units_keep_notebooks_together_and_split_the_mistake_tests() -> None:
    ids = {"1_math/01_derivatives", "2_pytorch/03_autograd"}
    unit = notebook_plugin.work_unit
    assert unit("1_math/01_derivatives.solution.ipynb::Cell 0", ids) == "1_math/01_derivatives.solution.ipynb"
    assert unit("1_math/01_derivatives.solution.ipynb::Cell 12", ids) == "1_math/01_derivatives.solution.ipynb"
    assert unit("tests/test_data.py::test_load[mnist]", ids) == "tests/test_data.py"
    assert unit("tests/test_conventions.py::TestSolutionNotebook::test_x[1_math/01_derivatives]", ids) == (
        "tests/test_conventions.py::1_math/01_derivatives"
    )
    mistakes = "tests/test_mistakes.py::test_check_cells_reject_mistakes_and_stubs[2_pytorch/03_autograd]"
    assert unit(mistakes, ids) == "tests/test_mistakes.py::2_pytorch/03_autograd"
    order = notebook_plugin.longest_first(
        [
            "tests/test_data.py",
            "1_math/01_derivatives.solution.ipynb",
            "tests/test_mistakes.py::2_pytorch/03_autograd",
            "2_pytorch/03_autograd.solution.ipynb",
            "tests/test_checks.py",
        ],
        {"1_math/01_derivatives": 3.0, "2_pytorch/03_autograd": 6.0},
    )
    assert order == [
        "tests/test_data.py",
        "tests/test_checks.py",
        "tests/test_mistakes.py::2_pytorch/03_autograd",
        "2_pytorch/03_autograd.solution.ipynb",
        "1_math/01_derivatives.solution.ipynb",
    ]


def _copy_of_the_repository(destination: Path, notebook_ids: list[str], budgets: dict[str, int]) -> Path:
    """A minimal copy: utils, the plugin, pyproject and the given solution notebooks (budgets changed)."""
    shutil.copytree(ROOT / "utils", destination / "utils", ignore=shutil.ignore_patterns("__pycache__"))
    (destination / "tests").mkdir()
    for name in ("__init__.py", "notebook_plugin.py", "notebook_times.json"):
        shutil.copy(ROOT / "tests" / name, destination / "tests" / name)
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    for phase in notebooks.PHASES:
        (destination / phase).mkdir()
    for notebook_id in notebook_ids:
        nb = notebooks.read(ROOT / f"{notebook_id}{notebooks.SOLUTION_SUFFIX}")
        if notebook_id in budgets:
            nb.metadata["curriculum"]["budget_seconds"] = budgets[notebook_id]
        nbformat.write(nb, str(destination / f"{notebook_id}{notebooks.SOLUTION_SUFFIX}"))
    return destination


def _pytest_in(copy: Path, *arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(copy)}
    for variable in (notebook_plugin.THREADS_VARIABLE, "CURRICULUM_SIZE", "PYTEST_ADDOPTS"):
        environment.pop(variable, None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=copy, env=environment, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_parallel_run_times_notebooks_enforces_budgets_and_records_times(tmp_path: Path) -> None:
    """With two workers: the times reach the summary, a budget failure fails the run, times are recorded."""
    fast, tight = "1_math/01_derivatives", "1_math/07_maximum_likelihood_and_map"
    copy = _copy_of_the_repository(tmp_path / "repo", [fast, tight], budgets={tight: 1})
    result = _pytest_in(copy, "1_math", "--record-times")
    output = result.stdout + result.stderr
    assert "2 workers" in output, output
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, output
    assert f"✗ {tight} took" in output and "over its budget of 1 s" in output, output
    assert re.search(rf"\d+\.\d s  \(budget 60 s\)  ok +{fast}", output), output
    assert re.search(r"\d+\.\d s  of +60 s  ok +1_math \(2 of its 2 notebooks in this run\)", output), output
    assert "wall time" in output and "2 pytest-xdist workers, 1 torch thread per kernel" in output, output
    recorded = json.loads((copy / notebooks.TIMINGS_FILE).read_text())
    assert recorded["measured_on"].endswith("2 pytest-xdist workers, 1 torch thread per kernel"), recorded
    assert recorded["seconds"][tight] > 1 and recorded["seconds"][fast] > 0
    # Serially the same summary appears; with the thread count overridden, times are not recorded.
    serial = _pytest_in(copy, f"{fast}{notebooks.SOLUTION_SUFFIX}", "-n", "0", "-x")
    assert serial.returncode == 0 and "serial, 1 torch thread per kernel" in serial.stdout, serial.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "1_math", "--record-times"],
        cwd=copy, env={**os.environ, "PYTHONPATH": str(copy), notebook_plugin.THREADS_VARIABLE: "2"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert refused.returncode == pytest.ExitCode.USAGE_ERROR and "unset CURRICULUM_TEST_THREADS" in refused.stderr


class busy_cores:
    """Keep ``count`` processes spinning on the CPU while the block runs (killed however it ends)."""

    def __init__(self, count: int = 2):
        self.count = count
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> busy_cores:
        for _ in range(self.count):
            self.processes.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
        return self

    def __exit__(self, *exc_info: object) -> None:
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.cpu_load
@pytest.mark.parametrize("solution", TIMING_NOTEBOOKS, ids=[notebooks.notebook_id(p) for p in TIMING_NOTEBOOKS])
def test_timing_notebooks_pass_while_the_cpu_is_busy(solution: Path) -> None:
    """Two busy loops compete for the CPU while the notebook runs, up to its last assertion on times (the
    cells after it assert nothing about time, and the parallel run has run them), with the threads a
    learner's kernel has."""
    learner = {key: value for key, value in os.environ.items() if key not in notebook_plugin.THREAD_VARIABLES}
    nb = up_to_the_last_timed_assertion(notebooks.read(solution))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(solution.parent)}}
    )
    with busy_cores(2):
        client.execute(env=learner)


def up_to_the_last_timed_assertion(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook's cells up to and including the last code cell that asserts on times it measures."""
    timed = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and asserts_on_times(cell_source(cell))]
    if not timed:
        raise ValueError("the notebook asserts on no times")
    cut = nbformat.from_dict(nb)
    cut.cells = nb.cells[: timed[-1] + 1]
    return cut


def test_the_load_test_stops_after_the_last_timed_assertion() -> None:
    cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("t = time.perf_counter()\nassert loop_seconds > 3 * vector_seconds"),
        nbformat.v4.new_markdown_cell("Training, untimed:"),
        nbformat.v4.new_code_cell("t = time.perf_counter()\nassert speed_ratio >= 3"),
        nbformat.v4.new_code_cell("train()\nassert accuracy > 0.9"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    cut = up_to_the_last_timed_assertion(nb)
    assert [cell_source(cell) for cell in cut.cells] == [cell_source(cell) for cell in cells[:4]]
    assert len(nb.cells) == 5  # the original is left whole
    with pytest.raises(ValueError, match="no times"):
        up_to_the_last_timed_assertion(nbformat.v4.new_notebook(cells=[cells[0], cells[4]]))


def test_utils_sets_a_short_openmp_spin_before_torch_loads() -> None:
    """Every notebook imports utils first: a short OpenMP spin keeps multi-threaded torch usable on a busy CPU."""
    code = "import os, sys; import utils; print(os.environ.get('GOMP_SPINCOUNT'), 'torch' in sys.modules)"
    environment = {key: value for key, value in os.environ.items() if key != "GOMP_SPINCOUNT"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.stdout.split() == ["10000", "False"], result.stdout + result.stderr
    # A learner's own setting wins.
    chosen = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**environment, "GOMP_SPINCOUNT": "5"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert chosen.stdout.split() == ["5", "False"], chosen.stdout + chosen.stderr


def test_the_load_tests_stay_out_of_parallel_runs_and_run_after_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Busy loops beside a timed notebook would push it past its budget: parallel runs leave them out."""
    load_test = "tests/test_speed.py::test_timing_notebooks_pass_while_the_cpu_is_busy"

    def collected(*arguments: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *arguments,
             "tests/test_speed.py"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        return result.stdout + result.stderr

    # In a parallel run (the default) the load test is deselected, the other selected test runs.
    parallel = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-k", "openmp or matrices_and",
         "tests/test_speed.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    output = parallel.stdout + parallel.stderr
    assert parallel.returncode == 0 and "2 workers" in output and "1 passed" in output, output
    assert f"-m {notebook_plugin.LOAD_MARKER} -n 0" in output, output
    serial = collected("-m", notebook_plugin.LOAD_MARKER, "-n", "0")
    assert load_test in serial and "test_kernels_get_one_thread_each" not in serial, serial

    from utils import bootstrap

    commands: list[list[str]] = []
    monkeypatch.setattr(bootstrap, "setup", lambda: Path("/venv/bin/python"))

    def run(command: list[str], **_: object) -> subprocess.CompletedProcess:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(bootstrap.subprocess, "run", run)
    assert bootstrap.main(["test"]) == 0
    assert commands == [
        ["/venv/bin/python", "-m", "utils.artifacts", "build"],
        ["/venv/bin/python", "-m", "pytest"],
        ["/venv/bin/python", "-m", "pytest", "-m", notebook_plugin.LOAD_MARKER, "-n", "0"],
    ]
    commands.clear()
    assert bootstrap.main(["test", "tests/test_checks.py"]) == 0
    assert commands == [["/venv/bin/python", "-m", "pytest", "tests/test_checks.py"]]
